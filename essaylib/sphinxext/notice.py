"""A notice on a page whose translation is unfinished: fuzzy and untranslated
passages are shown in the original, never published half-done, and the reader is
told so in their language; when the original changed after it was translated, the
notice says since when and how many passages wait (from the catalogue: reproducible)."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.words import NOTICE, OUTDATED
from essaylib.model import progress
from essaylib.model.facts import language_name
from essaylib.model.manifest import file_hash
from essaylib.text.escape import fill


@functools.cache
def table(path: Path, content: str | None) -> progress.Table:
    """The progress table, read once for each content it has in this process."""
    return progress.load(path)


def page_progress(app: Sphinx, docname: str) -> progress.Progress:
    paths = app.config.book_paths
    found = table(paths.progress, file_hash(paths.progress))
    return progress.of_pages(found, paths.locales, app.config.language, [docname])


def add_notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    book = app.config.book
    if not book.is_translation or app.builder.name == "gettext":
        return
    done = page_progress(app, docname)
    if not done.waiting:
        return
    original = language_name(book.facts.source_language, book.language)
    if done.outdated and done.since:
        when = format_date(
            datetime.date.fromisoformat(done.since), format="long", locale=book.language
        )
        words = fill(str(_(OUTDATED)), date=when, count=str(done.waiting), language=original)
    else:
        words = fill(str(_(NOTICE)), language=original)
    notice = nodes.paragraph("", words, classes=["translation-notice"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        title = next(iter(section.findall(nodes.title)))
        section.insert(section.index(title) + 1, notice)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.connect("doctree-resolved", add_notice)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
