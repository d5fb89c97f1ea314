"""A notice on a page whose translation is unfinished: fuzzy and untranslated
passages are shown in the original, never published half-done, and the reader is
told so in their language."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.chrome import NOTICE
from essaylib.escape import fill
from essaylib.facts import language_name
from essaylib.progress import progress


def add_notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    book = app.config.book
    if not book.is_translation or app.builder.name == "gettext":
        return
    done, total = progress(app.config.book_paths.locales, book.language, docname)
    if done == total:
        return
    words = fill(str(_(NOTICE)), language=language_name(book.facts.source_language, book.language))
    notice = nodes.paragraph("", words, classes=["translation-notice"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        title = next(iter(section.findall(nodes.title)))
        section.insert(section.index(title) + 1, notice)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.connect("doctree-resolved", add_notice)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
