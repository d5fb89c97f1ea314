"""The translators' names on the pages they translated (translators.toml): a line at the
end of each page of an essay, in the reader's language. The e-books name them in their
metadata and on their title page (epub.py, latex.py)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.words import TRANSLATED_BY
from essaylib.model.translators import Credit
from essaylib.sphinxext import WEBSITE_BUILDERS
from essaylib.text.escape import fill


def credit_of(config: Config, folder: str | None) -> Credit:
    """The translators of an essay (None: the whole library) in this build's language."""
    book = config.book
    if not book.is_translation:
        return Credit()
    language = config.book_translators.get(book.language)
    if language is None:
        return Credit()
    return language.of(folder) if folder else Credit(language.names)


def add_credit(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    essay = app.config.book_library.essay_of(docname)
    if app.builder.name not in WEBSITE_BUILDERS or essay is None:
        return
    names = credit_of(app.config, essay.source.folder).names
    section = next(iter(doctree.findall(nodes.section)), None)
    if names and section is not None:
        words = fill(str(_(TRANSLATED_BY)), names=", ".join(names))
        section += nodes.paragraph("", words, classes=["translation-credit"])


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.essays")
    app.connect("doctree-resolved", add_credit)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
