"""Links between essays, wherever the essays are apart.

An author links to another essay, or a chapter of it, with ``[words](../essay/chapter.md)``.
The page it leads to is not always there:

- a translation has not published the other essay yet (nothing of it is translated):
  on the website the link leads to the original's page, and says in which language it
  is; finishing a translation can never fail the build;
- an e-book holds one essay (or the essays complete in its language), not the page
  linked to: the link leads to that page on the website when book.toml has the site's
  ``url``, and is plain text otherwise, never a link to a file the e-book lacks.

The PDF is decided here, as each document is assembled; the EPUB's pages are written
once for all its books, so each book's links are decided as it is packed
(``outside_links``).
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.typing import ExtensionMetadata

from essaylib.compat.sphinx_runtime import builder_of
from essaylib.model.facts import language_name
from essaylib.sphinxext import WEBSITE_BUILDERS
from essaylib.text.markup import linked_path


def published_in(config: Config, docname: str) -> str:
    """The language a page is read in from this language's site: this one, or the
    original's when its essay is not published in this language yet."""
    essay = config.book_library.essay_of(docname)
    if essay is not None and essay.untouched:
        return config.book.facts.source_language
    return config.language


def website_address(config: Config, docname: str, anchor: str = "") -> str | None:
    """A page's address on the website, when book.toml has the site's url."""
    url = config.book.facts.url
    if not url:
        return None
    page = f"{url.rstrip('/')}/{published_in(config, docname)}/{docname}.html"
    return f"{page}#{anchor}" if anchor else page


def content_of(node: nodes.Element) -> list[nodes.Node]:
    """The words of a link (its text, or the linked page's title when it has none)."""
    children = [child.deepcopy() for child in node.children]
    if not "".join(child.astext() for child in children).strip():
        target = node["reftarget"]
        return [nodes.Text(target)]
    return children


class LinksBetweenEssays(SphinxPostTransform):
    """A link to a page that this build does not hold (see the module's words)."""

    # Before MyST's resolver (9), which would call such a link a broken reference.
    default_priority = 8

    def run(self, **kwargs: Any) -> None:
        builder = builder_of(self)
        left_out: set[str] = getattr(builder, "book_left_out", set())
        in_document = getattr(builder, "docnames", None) if builder.name == "latex" else None
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("refdomain") != "doc" or node.get("reftype") != "myst":
                continue
            target = node["reftarget"]
            missing = target not in self.env.all_docs
            outside = in_document is not None and (target not in in_document or target in left_out)
            if not (missing or outside):
                continue
            if builder.name in WEBSITE_BUILDERS:
                node.replace_self(self.to_original(node, target))
                continue
            address = website_address(self.config, target, node.get("reftargetid") or "")
            content = content_of(node)
            if address:
                node.replace_self(
                    nodes.reference("", "", *content, refuri=address, classes=["outside-link"])
                )
            else:
                node.replace_self(nodes.inline("", "", *content, classes=["outside-link"]))

    def to_original(self, node: addnodes.pending_xref, target: str) -> nodes.reference:
        """The original's page on the website, marked with its language."""
        source = self.config.book.facts.source_language
        up = "../" * self.env.docname.count("/")
        href = f"{up}../{source}/{builder_of(self).get_target_uri(target)}"
        if anchor := node.get("reftargetid"):
            href += f"#{anchor}"
        marker = nodes.inline(
            "", f" ({language_name(source, self.config.language)})", classes=["link-language"]
        )
        return nodes.reference(
            "", "", *content_of(node), marker, refuri=href, classes=["original-language"]
        )


# An EPUB page's link to another page of the library: docutils writes the class first.
INTERNAL_LINK = re.compile(
    r'<a class="[^"]*\breference internal\b[^"]*" href="(?![a-z][\w+.-]*:)([^"#]+)(#[^"]*)?"'
    r"([^>]*)>(.*?)</a>",
    re.S,
)


def outside_links(
    config: Config, page: str, xhtml: str, pages: set[str], suffix: str = ".xhtml"
) -> str:
    """An EPUB page with each link to a page its book does not hold made a link to the
    website (or plain text): ``page`` is its docname, ``pages`` the book's docnames."""

    def decided(match: re.Match[str]) -> str:
        href, anchor, rest, words = match.groups()
        target = linked_path(page, href)
        if not target.endswith(suffix) or target.removesuffix(suffix) in pages:
            return match.group()
        docname = target.removesuffix(suffix)
        address = website_address(config, docname, (anchor or "").lstrip("#"))
        if address:
            return (
                f'<a class="reference external outside-link" href="{html.escape(address)}"'
                f"{rest}>{words}</a>"
            )
        return f'<span class="outside-link">{words}</span>'

    return INTERNAL_LINK.sub(decided, xhtml)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.essays")
    app.add_post_transform(LinksBetweenEssays)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
