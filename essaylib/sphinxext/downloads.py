"""The e-books on the website: the downloads page and the links each card shows.

    :::{book-downloads}
    :::

lists the EPUB, PDF, Kindle (AZW3) and Kobo (KEPUB) of each of the language's e-books
with their sizes, the essays still being translated, the other languages' downloads
pages, and how to follow the library in an e-reader app (its OPDS catalogue). It is the
website's alone: a book does not link to itself. The publisher builds a language's
e-books first and writes their sizes into the manifest this reads
(``BuildPaths.manifest``); a language needs nothing of another's build, so each can be
built on a machine of its own.
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

from essaylib.i18n.words import OPDS_HINT, PASSAGES_WAITING
from essaylib.model.facts import language_name
from essaylib.model.library import Ebook, download_path
from essaylib.sphinxext import WEBSITE_BUILDERS, pages
from essaylib.text.escape import fill

# Each file of an e-book, by its name's ending, and its label: the names of formats and
# of the readers they are for, the same in every language (not in the catalogues).
FORMATS = {"epub": "EPUB", "pdf": "PDF", "azw3": "Kindle", "kepub.epub": "Kobo"}


class book_downloads(nodes.General, nodes.Element):
    pass


def note_ebook_sizes(directive: SphinxDirective) -> None:
    """The page lists the e-books with their sizes: it is read again when they change."""
    manifest = directive.config.book_paths.manifest(directive.config.language)
    if manifest.exists():
        directive.env.note_dependency(str(manifest))


class DownloadsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        note_ebook_sizes(self)
        pages.note_page(self.env, pages.DOWNLOADS)
        return [book_downloads()]


def file_size(size: int, language: str) -> str:
    if size >= 1_000_000:
        return f"{format_decimal(round(size / 1_000_000, 1), locale=language)} MB"
    return f"{format_decimal(max(1, round(size / 1000)), locale=language)} kB"


def download_links(config: Config, book: Ebook, language: str, site: str) -> list[nodes.Node]:
    """EPUB (size) · PDF (size) · Kindle (size) · Kobo (size) of one e-book; ``site``
    leads from the page to the site's root."""
    manifest = config.book_paths.manifest(language)
    sizes = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    links: list[nodes.Node] = []
    for kind, label in FORMATS.items():
        path = download_path(language, book, kind)
        text = label
        if size := sizes.get(path):
            text += f" ({file_size(size, config.language)})"
        link = nodes.reference(
            "", text, refuri=site + path, classes=[f"download-{kind.split('.')[0]}"]
        )
        link["download"] = path.rsplit("/", 1)[1]
        links += [link, nodes.Text(" · ")]
    return links[:-1]


def titled_item(title: str, *rest: nodes.Node, classes: list[str] | None = None) -> nodes.list_item:
    """A line of the downloads list: a book's title, then what follows it."""
    line = nodes.paragraph("", "", nodes.inline("", title, classes=["title"]), *rest)
    return nodes.list_item("", line, classes=classes or [])


def downloads_list(config: Config, site: str, docname: str) -> nodes.bullet_list:
    """This language's e-books, with their sizes and what is still missing; then the
    other languages, each leading to its own downloads page."""
    language, libraries = config.language, config.book_libraries
    source = config.book.facts.source_language
    books = nodes.bullet_list()
    for book in libraries[language].ebooks:
        books += titled_item(
            book.title, nodes.Text(": "), *download_links(config, book, language, site)
        )
    for essay in libraries[language].essays:  # what is missing, and how much
        if not essay.complete and not essay.untouched and essay.progress:
            words = fill(
                str(_(PASSAGES_WAITING)),
                count=str(essay.progress.waiting),
                language=language_name(source, language),
            )
            books += titled_item(essay.title, nodes.Text(": " + words), classes=["in-progress"])
    own = nodes.list_item(
        "",
        nodes.paragraph("", "", nodes.inline("", language_name(language), classes=["language"])),
        books,
    )
    items = nodes.bullet_list("", own, classes=["book-downloads"])
    for code in config.book_published:
        if code != language:
            # Each language's name in its own words and language (docutils writes a
            # "language-xx" class as lang="xx", for screen readers).
            link = nodes.reference(
                "",
                language_name(code),
                refuri=f"{site}{code}/{docname}.html",
                classes=["language", f"language-{code}"],
            )
            items += nodes.list_item("", nodes.paragraph("", "", link))
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
        node.replace_self([downloads_list(app.config, site, docname), hint])


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.add_node(book_downloads)
    app.add_directive("book-downloads", DownloadsDirective)
    app.connect("doctree-resolved", render)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
