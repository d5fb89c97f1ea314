"""The e-books on the website: the downloads page and the links each card shows.

    :::{book-downloads}
    :::

lists, for every language (the reader's own first), the EPUB and PDF of each e-book with
their sizes, and how to follow the library in an e-reader app (its OPDS catalogue). It
is the website's alone: a book does not link to itself. The publisher builds the e-books
first and writes their sizes into the manifest this reads (``BuildPaths.manifest``).
"""

from __future__ import annotations

import json

from babel.numbers import format_decimal
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from essaylib.chrome import OPDS_HINT, PASSAGES_WAITING
from essaylib.escape import fill
from essaylib.facts import language_name
from essaylib.library import Ebook, download_path
from essaylib.sphinxext import WEBSITE_BUILDERS, pages

FORMATS = {"epub": "EPUB", "pdf": "PDF"}


class book_downloads(nodes.General, nodes.Element):
    pass


class DownloadsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        manifest = self.config.book_paths.manifest
        if manifest.exists():
            self.env.note_dependency(str(manifest))
        pages.note_page(self.env, pages.DOWNLOADS)
        return [book_downloads()]


def file_size(size: int, language: str) -> str:
    if size >= 1_000_000:
        return f"{format_decimal(round(size / 1_000_000, 1), locale=language)} MB"
    return f"{format_decimal(max(1, round(size / 1000)), locale=language)} kB"


def download_links(config: Config, book: Ebook, language: str, site: str) -> list[nodes.Node]:
    """EPUB (size) · PDF (size) of one e-book; ``site`` leads from the page to the site's
    root."""
    manifest = config.book_paths.manifest
    sizes = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    links: list[nodes.Node] = []
    for kind, label in FORMATS.items():
        path = download_path(language, book, kind)
        text = label
        if size := sizes.get(path):
            text += f" ({file_size(size, config.language)})"
        link = nodes.reference("", text, refuri=site + path, classes=[f"download-{kind}"])
        link["download"] = path.rsplit("/", 1)[1]
        links += [link, nodes.Text(" · ")]
    return links[:-1]


def downloads_list(config: Config, site: str) -> nodes.bullet_list:
    libraries = config.book_libraries
    languages = sorted(config.book_published, key=lambda code: code != config.language)
    source = config.book.facts.source_language
    items = nodes.bullet_list(classes=["book-downloads"])
    for code in languages:
        books = nodes.bullet_list()
        for book in libraries[code].ebooks:
            books += nodes.list_item(
                "",
                nodes.paragraph(
                    "",
                    "",
                    nodes.inline("", book.title, classes=["title"]),
                    nodes.Text(": "),
                    *download_links(config, book, code, site),
                ),
            )
        for essay in libraries[code].essays:  # what is missing, and how much
            if not essay.complete and not essay.untouched and essay.progress:
                words = fill(
                    str(_(PASSAGES_WAITING)),
                    count=str(essay.progress.waiting),
                    language=language_name(source, config.language),
                )
                books += nodes.list_item(
                    "",
                    nodes.paragraph(
                        "",
                        "",
                        nodes.inline("", essay.title, classes=["title"]),
                        nodes.Text(": " + words),
                    ),
                    classes=["in-progress"],
                )
        item = nodes.list_item(
            "",
            nodes.paragraph("", "", nodes.inline("", language_name(code), classes=["language"])),
            books,
        )
        item["lang"] = code
        items += item
    return items


def render(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    site = "../" * (docname.count("/") + 1)
    for node in list(doctree.findall(book_downloads)):
        if app.builder.name not in WEBSITE_BUILDERS:
            node.parent.remove(node)
            continue
        catalogue = app.config.book_feeds["opds"]
        href = catalogue["absolute"] or "../" * docname.count("/") + catalogue["path"]
        hint = nodes.paragraph(
            "",
            str(_(OPDS_HINT)) + " ",
            nodes.reference("", catalogue["absolute"] or catalogue["path"], refuri=href),
            classes=["opds-hint"],
        )
        node.replace_self([downloads_list(app.config, site), hint])


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.add_node(book_downloads)
    app.add_directive("book-downloads", DownloadsDirective)
    app.connect("doctree-resolved", render)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
