"""The website's own parts of the landing and downloads pages.

    :::{book-cover}
    :::

    :::{book-downloads}
    :heading:
    :::

``book-cover`` shows the cover (see cover.py) with its alt text, and the book's
description (from book.toml and book.po, so nothing is translated twice);
``book-downloads`` lists the EPUB and PDF of every language, with their sizes,
the reader's own language first. Both are for the website only: the e-book has its own cover,
and a book does not link to itself. the publisher builds the e-books first
and writes their sizes into the manifest these read (``BuildPaths.manifest``).
"""

from __future__ import annotations

import json

from babel.numbers import format_decimal
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from essaylib.chrome import COVER_ALT
from essaylib.escape import fill
from essaylib.facts import Edition, language_name
from essaylib.sphinxext import WEBSITE_BUILDERS
from essaylib.sphinxext.pages import DOWNLOADS, note_page

FORMATS = {
    "epub": "EPUB",
    "pdf": "PDF",
}


class book_cover(nodes.General, nodes.Element):
    pass


class book_downloads(nodes.General, nodes.Element):
    pass


class CoverDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [book_cover()]


class DownloadsDirective(SphinxDirective):
    option_spec = {"heading": directives.flag}  # noqa: RUF012  (docutils' API)

    def run(self) -> list[nodes.Node]:
        manifest = self.config.book_paths.manifest
        if manifest.exists():
            self.env.note_dependency(str(manifest))
        node = book_downloads()
        if "heading" in self.options:
            node["heading"] = True
        else:  # the list alone: the downloads page
            note_page(self.env, DOWNLOADS)
        return [node]


def file_size(size: int, language: str) -> str:
    if size >= 1_000_000:
        return f"{format_decimal(round(size / 1_000_000, 1), locale=language)} MB"
    return f"{format_decimal(max(1, round(size / 1000)), locale=language)} kB"


def downloads_list(config: Config, prefix: str) -> nodes.bullet_list:
    book: Edition = config.book
    manifest = config.book_paths.manifest
    sizes = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    languages = sorted(book.facts.languages, key=lambda code: code != config.language)
    items = nodes.bullet_list(classes=["book-downloads"])
    for code in languages:
        edition = Edition.of(book.facts, code)
        links = []
        for kind, label in FORMATS.items():
            name = f"{edition.basename}.{kind}"
            text = label
            if size := sizes.get(name):
                text += f" ({file_size(size, config.language)})"
            link = nodes.reference(
                "", text, refuri=f"{prefix}downloads/{name}", classes=[f"download-{kind}"]
            )
            link["download"] = name
            links += [link, nodes.Text(" · ")]
        para = nodes.paragraph(
            "",
            "",
            nodes.inline("", language_name(code), classes=["language"]),
            nodes.Text(": "),
            *links[:-1],
        )
        para["lang"] = code
        items += nodes.list_item("", para)
    return items


def render_for_website(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    website = app.builder.name in WEBSITE_BUILDERS
    book: Edition = app.config.book
    depth = docname.count("/") + 1
    for node in list(doctree.findall(book_cover)):
        if not website:
            node.parent.remove(node)
            continue
        image = nodes.image(
            uri="_static/cover.png",
            classes=["book-cover"],
            alt=fill(str(_(COVER_ALT)), title=book.title),
        )
        image["candidates"] = {"*": "_static/cover.png"}
        description = nodes.paragraph("", book.description, classes=["book-description"])
        node.replace_self([image, description])
    for node in list(doctree.findall(book_downloads)):
        if not website:
            node.parent.remove(node)
            continue
        listing = downloads_list(app.config, "../" * depth)
        if "heading" in node:
            node.replace_self([nodes.rubric("", _("Download the book")), listing])
        else:
            node.replace_self(listing)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.add_node(book_cover)
    app.add_node(book_downloads)
    app.add_directive("book-cover", CoverDirective)
    app.add_directive("book-downloads", DownloadsDirective)
    app.connect("doctree-resolved", render_for_website)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
