"""What markup a piece of MyST holds, as MyST itself reads it.

``tokens`` reads as Sphinx does, with conf.py's ``myst_*`` settings. ``structure``
reads more strictly: with every MyST syntax the book has switched off switched back
on (raw HTML, substitutions, math, ...), so that text which would be markup under any
setting counts as markup. Two texts with the same ``structure`` differ in words only.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from essaylib.compat.markdown_it import FENCE_TOKENS, WORD_TOKENS

# An address with a scheme (https:, mailto:, javascript: ...): not a file of the book.
URL = re.compile(r"^[a-zA-Z][\w+.-]*:")


def linked_path(page: str, target: str) -> str:
    """Where a link or picture of a page (its docname) leads, from docs/: as Sphinx reads
    it, relative to the page's folder, or to docs/ when it starts with /."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), target))


@functools.cache
def myst_settings(confdir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """conf.py's MyST extensions and disabled syntax: what Sphinx parses with."""
    from essaylib.sphinxext.defaults import of_book

    namespace = of_book(confdir)
    return (
        tuple(namespace.get("myst_enable_extensions", ())),
        tuple(namespace.get("myst_disable_syntax", ())),
    )


# Syntax that counts as markup in a translation whether or not the book uses it.
STRICT_EXTENSIONS = {
    "colon_fence",
    "attrs_block",
    "attrs_inline",
    "substitution",
    "dollarmath",
    "amsmath",
    "deflist",
    "fieldlist",
    "strikethrough",
    "tasklist",
    "html_image",
    "html_admonition",
}


@functools.cache
def parser(confdir: Path, strict: bool = False) -> MarkdownIt:
    extensions, disabled = myst_settings(confdir)
    if strict:
        config = MdParserConfig(enable_extensions=set(extensions) | STRICT_EXTENSIONS)
    else:
        config = MdParserConfig(enable_extensions=set(extensions), disable_syntax=list(disabled))
    return create_md_parser(config, RendererHTML)


def tokens(text: str, confdir: Path, strict: bool = False) -> list[Token]:
    return parser(confdir, strict).parse(text)


def flatten(found: Iterable[Token]) -> Iterator[Token]:
    for token in found:
        yield token
        if token.children:
            yield from flatten(token.children)


def _role_target(content: str) -> str:
    # {ref}`the words <target>`: the words are translated, the target is not.
    return content.rsplit("<", 1)[1].rstrip(">") if content.endswith(">") else content


def signature(token: Token) -> tuple[Any, ...]:
    """One piece of markup, with what must not change in a translation."""
    if token.type == "link_open":
        return ("link", token.attrGet("href"), token.attrGet("title") or "")
    if token.type == "image":
        return ("image", token.attrGet("src"))
    if token.type == "myst_role":
        return ("role", token.meta.get("name"), _role_target(token.content))
    if token.type == "footnote_ref":
        return ("footnote", token.meta.get("label"))
    if token.type == "code_inline":
        return ("code",)
    if token.type.endswith("_close"):
        return (token.type,)
    attrs = tuple(sorted((str(k), str(v)) for k, v in (token.attrs or {}).items()))
    return (
        token.type,
        token.tag,
        token.info,
        attrs,
        token.content if token.type not in ("paragraph_open", "heading_open") else "",
    )


def structure(text: str, confdir: Path) -> Counter[tuple[Any, ...]]:
    """Every piece of markup in text, counted; the words themselves do not count."""
    found = flatten(tokens(text, confdir, strict=True))
    return Counter(signature(t) for t in found if t.type not in WORD_TOKENS)


def text_of(text: str, confdir: Path) -> str:
    """The words of a MyST text as a reader gets them: character references decoded,
    markup left out (strictly read, as ``structure``)."""
    return "".join(
        " " if token.type in ("softbreak", "hardbreak") else token.content
        for token in flatten(tokens(text, confdir, strict=True))
        if token.type in ("text", "text_special", "code_inline", "softbreak", "hardbreak")
    )


def link_words(text: str, confdir: Path) -> list[tuple[str, str]]:
    """Each link of a MyST text: (its target, its words)."""
    found: list[tuple[str, str]] = []
    target: str | None = None
    words: list[str] = []
    for token in flatten(tokens(text, confdir, strict=True)):
        if token.type == "link_open":
            target, words = str(token.attrGet("href") or ""), []
        elif token.type == "link_close" and target is not None:
            found.append((target, "".join(words)))
            target = None
        elif target is not None and token.type in ("text", "text_special", "code_inline"):
            words.append(token.content)
    return found


def describe(sig: tuple[Any, ...]) -> str:
    """A piece of markup in words a translator understands."""
    kind = sig[0]
    names = {
        "link": "a link to",
        "image": "an image of",
        "role": "the role",
        "footnote": "a footnote",
        "code": "inline code",
        "em_open": "italics",
        "strong_open": "bold",
        "colon_fence": "a directive",
        "fence": "a code block",
        "html_inline": "HTML",
        "html_block": "HTML",
        "paragraph_open": "a paragraph",
        "heading_open": "a heading",
        "bullet_list_open": "a list",
        "ordered_list_open": "a numbered list",
        "blockquote_open": "a quotation",
        "myst_target": "a target",
        "front_matter": "front matter",
        "myst_line_comment": "a comment",
        "hardbreak": "a line break",
        "substitution_inline": "a substitution",
        "substitution_block": "a substitution",
        "math_inline": "math",
        "math_block": "math",
        "hr": "a horizontal rule",
    }
    words = names.get(kind, kind.removesuffix("_open").replace("_", " "))
    detail = " ".join(str(part) for part in sig[1:] if part not in (None, "", ()))
    return (
        f"{words} {detail}".strip()
        if kind in ("link", "image", "role", "footnote", "colon_fence", "fence")
        else words
    )


def unclosed_fences(text: str, confdir: Path, offset: int = 0) -> list[tuple[int, str]]:
    """Fences (```, ~~~, :::) that are never closed: MyST would run them to the end of
    the page, swallowing the rest of it. (line number, opening line) of each, directive
    bodies included."""
    lines = text.splitlines()
    found = []
    for token in flatten(tokens(text, confdir)):
        if token.type not in FENCE_TOKENS or not token.map:
            continue
        start, end = token.map
        closing = lines[end - 1].strip() if start < end - 1 < len(lines) else ""
        marker = token.markup
        if not (closing.startswith(marker) and set(closing) <= {marker[0]}):
            found.append((offset + start + 1, lines[start].strip()))
        elif token.info.startswith("{"):  # a directive: its body is MyST too
            found += unclosed_fences(token.content, confdir, offset + start + 1)
    return found
