"""The library on the website: its essays (essaylib.model.library) as settings, a card for each
on the home page, a topics page, reading times, and link previews for each essay.

    :::{library}
    :::

    :::{library-topics}
    :::

``library`` lists the essays, newest first: each with its cover, title, summary, date,
reading time and its EPUB and PDF; then the whole library's e-books when it holds more
than one essay. ``library-topics`` lists the essays under each of their topics.
Both are the website's alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.words import AVAILABLE_IN, PASSAGES_WAITING, READING_TIME, THE_WHOLE_LIBRARY
from essaylib.model import translators
from essaylib.model.facts import language_name, load_edition
from essaylib.model.library import Ebook, Essay, LibraryError, load_library, published_languages
from essaylib.model.paths import FEEDS
from essaylib.sphinxext import WEBSITE_BUILDERS, Context, Doctree, pages
from essaylib.sphinxext.cover import THUMBNAIL
from essaylib.sphinxext.downloads import download_links, note_ebook_sizes
from essaylib.text.escape import fill, latex_text

WORDS_PER_MINUTE = 200  # a calm reading pace, for essays


@dataclass(frozen=True)
class Library:
    """The library in one language: its essays, newest first, and its e-books."""

    essays: tuple[Essay, ...]
    ebooks: tuple[Ebook, ...]

    def essay_of(self, docname: str) -> Essay | None:
        folder = docname.split("/", 1)[0]
        return next((e for e in self.essays if e.source.folder == folder), None)

    def ebook_of(self, essay: Essay) -> Ebook:
        return next(b for b in self.ebooks if b.root == essay.docname)

    @property
    def left_out(self) -> set[str]:
        """The pages of the essays not translated in full: in no e-book of this language."""
        return {page for e in self.essays if not e.complete for page in e.source.pages}

    @property
    def collection(self) -> Ebook | None:
        return next((b for b in self.ebooks if b.is_collection), None)


def read(app: Sphinx, config: Config) -> None:
    paths, edition = config.book_paths, config.book
    libraries = {}
    try:
        for code in edition.facts.languages:
            other = (
                edition
                if code == edition.language
                else load_edition(paths.root, code, paths.compiled_locales)
            )
            essays, books = load_library(paths, other)
            libraries[code] = Library(tuple(essays), tuple(books))
        config.book_published = published_languages(paths, edition.facts)
        folders = {e.source.folder for e in libraries[edition.language].essays}
        config.book_translators = {
            code: translators.read(
                paths.locales / code / translators.FILE, code, edition.facts.languages, folders
            )[0]
            for code in edition.facts.translations
        }
    except LibraryError as err:
        raise ConfigError(str(err)) from None
    config.book_libraries = libraries
    config.book_library = libraries[edition.language]
    library_books = config.book_library.ebooks
    # An essay with nothing translated yet is not published in this language: its pages
    # are left out (and its line of the home page's contents, see below), and the home
    # page points to the original instead.
    untouched = [page for e in config.book_library.essays if e.untouched for page in e.source.pages]
    if untouched:
        config.exclude_patterns = [*config.exclude_patterns, *(f"{p}.*" for p in untouched)]
    base = f"{edition.facts.url.rstrip('/')}/{edition.language}/" if edition.facts.url else ""
    config.book_feeds = {
        kind: {"path": path, "absolute": base + path if base else ""}
        for kind, path in FEEDS.items()
    }
    # One PDF per e-book: LaTeX takes LaTeX, not text.
    config.latex_documents = [
        (
            b.root,
            f"{b.basename}.tex",
            latex_text(b.title),
            latex_text(edition.credited_author),
            "manual",
        )
        for b in library_books
    ]


def leave_out_untranslated(app: Sphinx, docname: str, source: list[str]) -> None:
    """The home page's contents list the essays published in this language only."""
    if docname != app.config.root_doc:
        return
    gone = {e.docname for e in app.config.book_library.essays if e.untouched}
    if gone:
        source[0] = "\n".join(line for line in source[0].split("\n") if line.strip() not in gone)


class library_cards(nodes.General, nodes.Element):
    pass


class library_topics(nodes.General, nodes.Element):
    pass


class LibraryDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        note_ebook_sizes(self)
        return [library_cards()]


class TopicsDirective(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        if any(essay.topics for essay in self.config.book_library.essays):
            pages.note_page(self.env, pages.TOPICS)  # the website links to it
        return [library_topics()]


def reading_minutes(app: Sphinx, essay: Essay) -> int:
    """Minutes to read the essay in this language, from its text as the reader gets it."""
    words = sum(
        len(app.env.get_doctree(docname).astext().split())
        for docname in app.env.found_docs
        if docname.startswith(f"{essay.source.folder}/")
    )
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def card(app: Sphinx, essay: Essay, up: str) -> nodes.container:
    """One essay on the home page; ``up`` leads from the page to the language's root.
    An essay not yet translated points to the original; one partly translated says how
    much is left, and has no e-books yet."""
    library: Library = app.config.book_library
    language = app.config.language
    source = app.config.book.facts.source_language
    href = up + app.builder.get_target_uri(essay.docname)
    if essay.untouched:
        href = f"{up}../{source}/{app.builder.get_target_uri(essay.docname)}"
    # Its size said, so that the page does not shift when it arrives (and not made a
    # link to itself, as Sphinx does with a sized image: "no-scaled-link").
    width, height = map(str, THUMBNAIL)
    cover = nodes.image(
        uri=f"_static/thumb-{essay.source.folder}.png",
        alt="",
        width=width,
        height=height,
        classes=["library-card-cover", "no-scaled-link"],
    )
    cover["candidates"] = {"*": cover["uri"]}
    title = nodes.paragraph(
        "", "", nodes.reference("", essay.title, refuri=href), classes=["library-card-title"]
    )
    when = format_date(essay.date, format="long", locale=language)
    meta = nodes.paragraph(
        "", "", nodes.inline("", when, classes=["date"]), classes=["library-card-meta"]
    )
    if not essay.untouched:  # its pages are in this language: how long they take to read
        minutes = fill(str(_(READING_TIME)), minutes=str(reading_minutes(app, essay)))
        meta += [nodes.Text(" · "), nodes.inline("", minutes)]
    summary = nodes.paragraph("", essay.summary, classes=["library-card-summary"])
    if essay.complete:
        links = download_links(app.config, library.ebook_of(essay), language, up + "../")
    else:
        words = AVAILABLE_IN if essay.untouched else PASSAGES_WAITING
        waiting = essay.progress.waiting if essay.progress else 0
        links = [
            nodes.Text(
                fill(str(_(words)), language=language_name(source, language), count=str(waiting))
            )
        ]
    downloads = nodes.paragraph("", "", *links, classes=["library-card-downloads"])
    if essay.untouched:  # the original's words, in its language (docutils: lang="xx")
        title["classes"].append(f"language-{source}")
        summary["classes"].append(f"language-{source}")
    return nodes.container("", cover, title, meta, summary, downloads, classes=["library-card"])


def render(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    website = app.builder.name in WEBSITE_BUILDERS
    library: Library = app.config.book_library
    up = "../" * docname.count("/")
    for node in list(doctree.findall(library_cards)):
        if not website:
            node.parent.remove(node)
            continue
        cards: list[nodes.Node] = [card(app, essay, up) for essay in library.essays]
        if collection := library.collection:
            cards.append(
                nodes.paragraph(
                    "",
                    "",
                    nodes.strong("", str(_(THE_WHOLE_LIBRARY))),
                    nodes.Text(": "),
                    *download_links(app.config, collection, app.config.language, up + "../"),
                    classes=["library-collection"],
                )
            )
        node.replace_self(nodes.container("", *cards, classes=["library"]))
    for node in list(doctree.findall(library_topics)):
        if not website:
            node.parent.remove(node)
            continue
        listing = []
        for topic in sorted({t for e in library.essays for t in e.topics}):
            items = nodes.bullet_list(
                "",
                *(
                    nodes.list_item(
                        "",
                        nodes.paragraph(
                            "",
                            "",
                            nodes.reference(
                                "", e.title, refuri=up + app.builder.get_target_uri(e.docname)
                            ),
                        ),
                    )
                    for e in library.essays
                    if topic in e.topics
                ),
            )
            section = nodes.section(
                "", nodes.title("", topic), items, ids=[nodes.make_id(f"topic-{topic}")]
            )
            listing.append(section)
        node.replace_self(listing)


def describe_essays(
    app: Sphinx, page: str, template: str, context: Context, doctree: Doctree
) -> None:
    """Each essay's pages are articles, previewed with the essay's cover; its first page
    is described by its summary."""
    library: Library = app.config.book_library
    essay = library.essay_of(page)
    if app.builder.name not in WEBSITE_BUILDERS or essay is None:
        return
    meta = dict(context.get("meta") or {})
    meta["og:type"] = "article"
    meta["og:image"] = f"_static/card-{essay.source.folder}.png"
    meta["og:image:alt"] = essay.title
    if page == essay.docname:
        meta["og:description"] = essay.summary
    context["meta"] = meta


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.add_config_value("book_library", None, "html", types=frozenset({Library, type(None)}))
    app.add_config_value("book_libraries", {}, "html", types=frozenset({dict}))
    app.add_config_value("book_feeds", {}, "html", types=frozenset({dict}))
    # The languages the site offers (a translation once an essay is complete in it).
    app.add_config_value("book_published", [], "html", types=frozenset({list}))
    # Who translated what (translators.toml of each language).
    app.add_config_value("book_translators", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", read, priority=150)
    app.connect("source-read", leave_out_untranslated)
    app.add_node(library_cards)
    app.add_node(library_topics)
    app.add_directive("library", LibraryDirective)
    app.add_directive("library-topics", TopicsDirective)
    app.connect("doctree-resolved", render)
    app.connect("html-page-context", describe_essays, priority=300)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
