"""Author mistakes are errors, in plain words, with the file and line and what to do.

Each page is checked as MyST reads it (essaylib.text.markup), before Sphinx parses it:

- a fence (```, ~~~ or :::) that is never closed would swallow the rest of the page;
- an indented line (a tab or four spaces) is a code block, and the book has no code;
- a heading may go one level deeper than the one before it, not more, and a page
  starts with its title (``# Title``);
- a directive must exist (``{contcat}``: did you mean ``{contact}``?);
- a picture needs its file beside the page and a description (alt text), and stands
  in a paragraph of its own (its description is then one catalogue entry, not two);
- a link to a page of the book must lead to a page that exists;
- a contents list (``{toctree}``) names pages that exist; an essay may be named by its
  folder (``mijn-essay`` for ``mijn-essay/index``).

The messages replace MyST's and Sphinx's own for these cases (``suppress_warnings``),
which speak of H1 and H3, directive types and unreadable image files.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from docutils.parsers.rst import directives, languages
from docutils.utils import new_document
from markdown_it.token import Token
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from essaylib.text import markup

logger = logging.getLogger(__name__)

# The directives an author of this book uses (README, "For the author"): the first
# suggestions for a misspelt one.
BOOK_DIRECTIVES = (
    "toctree",
    "figure",
    "container",
    "contact",
    "line-block",
    "library",
    "library-topics",
    "book-downloads",
    "translation-status",
    "note",
    "epigraph",
)
# The warnings these checks say better (they would otherwise say it a second time).
REPLACED_WARNINGS = (
    "myst.header",
    "myst.directive_unknown",
    "image.not_readable",
    "toc.not_readable",
)
URL = markup.URL
# Directives whose body is not MyST text.
NOT_MYST = {
    "toctree",
    "code-block",
    "code",
    "sourcecode",
    "literalinclude",
    "line-block",
    "eval-rst",
}


@dataclass(frozen=True)
class Mistake:
    line: int
    message: str
    subtype: str


class PageCheck:
    """One page's source, checked: its mistakes, and the source with its contents
    lists' folder names written out (``mijn-essay`` becomes ``mijn-essay/index``)."""

    def __init__(self, app: Sphinx, docname: str, text: str) -> None:
        self.app = app
        self.docname = docname
        self.srcdir = Path(app.srcdir)
        self.lines = text.split("\n")
        self.mistakes: list[Mistake] = []
        self.headings: list[int] = []
        self.walk(text, 0)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def resolve(self, target: str) -> str:
        return markup.linked_path(self.docname, target)

    def say(self, line: int, message: str, subtype: str) -> None:
        self.mistakes.append(Mistake(line, message, subtype))

    def walk(self, text: str, offset: int) -> None:
        for line, opening in markup.unclosed_fences(text, Path(self.app.confdir), offset):
            marker = re.match(r"[`~:]*", opening).group()  # type: ignore[union-attr]
            self.say(
                line,
                f"{opening!r} is never closed: it would swallow the rest of the page "
                f"(close it with a line of {marker})",
                "unclosed-fence",
            )
        for token in markup.tokens(text, Path(self.app.confdir)):
            start = offset + (token.map[0] if token.map else 0) + 1
            if token.type == "code_block":
                self.say(
                    start,
                    "this line is indented (a tab or four spaces), which makes it a block "
                    "of code, and the book has no code: remove the indentation (a list "
                    "item starts with '- ' at the beginning of the line)",
                    "indented",
                )
            elif token.type == "heading_open":
                self.heading(token, start)
            elif token.type in ("fence", "colon_fence") and token.info.startswith("{"):
                self.directive(token, start)
            elif token.type == "inline":
                self.inline(token, start)

    def heading(self, token: Token, line: int) -> None:
        level = int(token.tag[1])
        marks = "#" * level
        if not self.headings and level != 1:
            self.say(
                line,
                f"a page starts with its title, a line '# Title'; this first heading is '{marks}'",
                "heading",
            )
        elif self.headings and level > self.headings[-1] + 1:
            wanted = "#" * (self.headings[-1] + 1)
            self.say(
                line,
                f"this heading ('{marks}') skips a level after a '{'#' * self.headings[-1]}' "
                f"heading: write '{wanted}' (a chapter's title is '#', its sections '##', "
                "their parts '###')",
                "heading",
            )
        self.headings.append(level)

    def directive(self, token: Token, line: int) -> None:
        name = token.info[1:].partition("}")[0].strip()
        if not directive_exists(name):
            known = [*BOOK_DIRECTIVES, *languages.get_language("en").directives]
            close = difflib.get_close_matches(name, known, n=1)
            hint = f": did you mean {{{close[0]}}}?" if close else " (see README, For the author)"
            self.say(line, f"there is no directive {{{name}}}{hint}", "directive")
            return
        if name == "toctree":
            self.contents(token, line)
        elif name == "figure":
            self.picture(token.info.partition("}")[2].strip(), line, alt=alt_option(token))
        if name not in NOT_MYST and token.content:
            self.walk(token.content, line)

    def contents(self, token: Token, line: int) -> None:
        """The entries of a contents list, each on its own line (``line`` is the first)."""
        body = range(line, line + (token.map[1] - token.map[0] - 2 if token.map else 0))
        in_options = False
        for number in body:
            entry = self.lines[number].strip().rstrip("/")
            if entry == "---":  # a block of options in YAML
                in_options = not in_options
                continue
            if in_options or not entry or entry.startswith(":") or entry == "self":
                continue
            if titled := re.fullmatch(r".*<(.+)>", entry):  # Title <page>
                entry = titled.group(1).strip()
            if URL.match(entry) or "*" in entry:
                continue
            name = self.resolve(entry.removesuffix(".md"))
            if (self.srcdir / f"{name}.md").is_file():
                continue
            if (self.srcdir / name / "index.md").is_file():
                at = self.lines[number].rindex(entry) + len(entry)
                self.lines[number] = f"{self.lines[number][:at]}/index{self.lines[number][at:]}"
                continue
            self.say(
                number + 1,
                f"the contents list names {entry!r}, but there is no page docs/{name}.md "
                f"and no essay folder docs/{name}/ with an index.md (name a chapter by its "
                "file name without .md, an essay by its folder)",
                "contents",
            )

    def inline(self, token: Token, line: int) -> None:
        children = token.children or []
        texts = [c for c in children if c.type == "text" and c.content.strip()]
        for child in children:
            if child.type == "image":
                alt = "".join(c.content for c in markup.flatten(child.children or []))
                self.picture(str(child.attrGet("src") or ""), line, alt=alt)
                if texts or sum(c.type == "image" for c in children) > 1:
                    self.say(
                        line,
                        "a picture stands in a paragraph of its own (an empty line before "
                        "and after it): its description is then translated once",
                        "picture",
                    )
            elif child.type == "link_open":
                self.link(str(child.attrGet("href") or ""), line)

    def picture(self, src: str, line: int, alt: str | None) -> None:
        if not URL.match(src):
            name = self.resolve(src)
            if not (self.srcdir / name).is_file():
                where = posixpath.dirname(name)
                self.say(
                    line,
                    f"the picture {src!r} is not there: put the file in "
                    f"docs/{where + '/' if where else ''}, beside the page, or correct its name",
                    "picture",
                )
        if not (alt or "").strip():
            self.say(
                line,
                f"the picture {src!r} needs a description for readers who cannot see "
                "it: ![what the picture shows](file.png), or :alt: in a figure",
                "picture",
            )

    def link(self, href: str, line: int) -> None:
        if not href or URL.match(href) or href.startswith("#"):
            return
        target = href.split("#", 1)[0]
        if not target.endswith(".md"):
            return  # a file to download, checked by Sphinx
        path = self.resolve(target)
        if not (self.srcdir / path).is_file():
            self.say(
                line,
                f"the link to {href!r} leads to no page: there is no docs/{path} (a link to "
                "another essay's chapter looks like ../other-essay/chapter.md)",
                "link",
            )


def alt_option(token: Token) -> str:
    """A figure's :alt: option, from its body's option lines."""
    for line in token.content.splitlines():
        if match := re.match(r":alt:\s*(.*)", line.strip()):
            return match.group(1)
    return ""


def directive_exists(name: str) -> bool:
    """As MyST looks a directive up: docutils' own lookup, which Sphinx extends with its
    domains' directives while it reads."""
    if name in ("eval-rst",):  # MyST's own
        return True
    document = new_document("<check>")
    found, _ = directives.directive(name, languages.get_language("en"), document)
    return found is not None


def check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if Path(app.env.doc2path(docname)).suffix != ".md":
        return
    page = PageCheck(app, docname, source[0])
    for mistake in page.mistakes:
        logger.error(
            mistake.message,
            location=(docname, mistake.line),
            type="book",
            subtype=mistake.subtype,
        )
    source[0] = page.text


def replace_warnings(app: Sphinx, config: Config) -> None:
    config.suppress_warnings = [*config.suppress_warnings, *REPLACED_WARNINGS]


def setup(app: Sphinx) -> ExtensionMetadata:
    # Before every other reader of the source (the library leaves out lines of the
    # contents list by their full names).
    app.connect("source-read", check_page, priority=200)
    app.connect("config-inited", replace_warnings)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
