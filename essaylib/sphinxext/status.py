"""The ``translation-status`` directive: per essay and language, how much is done, how
much waits since the original changed, who translated it and whether it was reviewed;
read from the translators' catalogues and translators.toml themselves."""

from __future__ import annotations

import datetime

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.words import REVIEWED, WAITING_SINCE
from essaylib.model import progress, translators
from essaylib.model.facts import language_name
from essaylib.model.library import Essay
from essaylib.model.progress import Progress
from essaylib.model.translators import Credit
from essaylib.sphinxext.pages import STATUS, note_page
from essaylib.text.escape import fill


class translation_status(nodes.General, nodes.Element):
    """Filled in once every page is read, in reading order."""


class TranslationStatus(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        note_page(self.env, STATUS)
        locales = self.config.book_paths.locales
        for language in self.config.book.facts.translations:
            for path in (locales / language).rglob("*.po"):
                self.env.note_dependency(str(path))
            self.env.note_dependency(str(locales / language / translators.FILE))
        return [translation_status()]


def cell(app: Sphinx, done: Progress, credit: Credit) -> list[nodes.Node]:
    """How far one essay is in one language: done, waiting since when, by whom."""
    lines = [f"{done.percent} %"]
    if done.outdated and done.since:
        when = format_date(
            datetime.date.fromisoformat(done.since), format="medium", locale=app.config.language
        )
        lines.append(fill(str(_(WAITING_SINCE)), count=str(done.waiting), date=when))
    if credit.names:
        lines.append(", ".join(credit.names))
    if credit.reviewed:
        lines.append(str(_(REVIEWED)))
    return [nodes.paragraph(text=line) for line in lines]


def status_table(app: Sphinx) -> nodes.table:
    """A row per essay (a book that is no library: one row, the book)."""
    facts = app.config.book.facts
    languages = facts.translations
    libraries = app.config.book_libraries
    credits = app.config.book_translators
    header = [_("Essay"), *(language_name(code) for code in languages)]
    rows = []
    essays: list[Essay] = list(app.config.book_library.essays)
    parts: list[tuple[str, str | None, str | None]]
    if essays:
        parts = [(e.title, e.source.folder, e.docname) for e in essays]
    else:
        parts = [(app.config.book.title, None, None)]
    paths = app.config.book_paths
    table_of = progress.load(paths.progress)
    every = sorted(app.env.found_docs)
    for title, folder, docname in parts:
        cells = [[nodes.paragraph(text=title)]]
        for code in languages:
            essay = libraries[code].essay_of(docname) if docname else None
            done = (
                essay.progress
                if essay and essay.progress
                else progress.of_pages(table_of, paths.locales, code, every)
            )
            credit = credits[code].of(folder) if folder else Credit(credits[code].names)
            cells.append(cell(app, done, credit))
        rows.append(cells)

    table = nodes.table(classes=["translation-status"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=3 if i == 0 else 2) for i in range(len(header))]

    def row(cells: list[list[nodes.Node]]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", *c) for c in cells))

    group += nodes.thead("", row([[nodes.paragraph(text=h)] for h in header]))
    group += nodes.tbody("", *(row(r) for r in rows))
    return table


def fill_status(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(translation_status)):
        node.replace_self(status_table(app))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.setup_extension("essaylib.sphinxext.essays")
    app.add_node(translation_status)
    app.add_directive("translation-status", TranslationStatus)
    app.connect("doctree-resolved", fill_status)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
