"""PDF output: Sphinx's LaTeX builder, one PDF per e-book of the library (each essay, and
the whole library when it holds more than one), each with its own title page and PDF
metadata; and small corrections to the LaTeX writer for a book. Every fact is written
as LaTeX text (essaylib.text.escape.latex_text), never as LaTeX."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.latex.theming import Theme
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.latex import LaTeXTranslator

from essaylib.compat import sphinx_builders
from essaylib.i18n.words import TRANSLATED_BY
from essaylib.model.facts import Edition
from essaylib.model.library import Ebook
from essaylib.sphinxext.credits import credit_of
from essaylib.text.escape import fill, latex_text


def pdf_metadata(edition: Edition, book: Ebook, translators: tuple[str, ...] = ()) -> str:
    """hyperref, as Sphinx loads it, with the PDF's title, author (and translators),
    subject and language."""
    author = edition.credited_author
    if translators:
        author += "; " + fill(str(_(TRANSLATED_BY)), names=", ".join(translators))
    return rf"""
\usepackage[pdftitle={{{latex_text(book.title)}}},
  pdfauthor={{{latex_text(author)}}},
  pdfsubject={{{latex_text(book.description)}}},
  pdflang={{{latex_text(edition.language)}}}]{{hyperref}}
\usepackage{{hypcap}}
"""


def title_page(edition: Edition, book: Ebook, translators: tuple[str, ...] = ()) -> str:
    title, author = latex_text(book.title), latex_text(edition.credited_author)
    if translators:
        author += (
            r"\par\vspace{1em}{\normalsize "
            + latex_text(fill(str(_(TRANSLATED_BY)), names=", ".join(translators)))
            + "}"
        )
    subtitle = latex_text(edition.subtitle if book.is_collection else "")
    publisher = latex_text(edition.facts.publisher)
    if subtitle:
        subtitle = rf"\vspace{{1em}}{{\Large\itshape {subtitle}\par}}"
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{0.22\textheight}}
  {{\Huge\bfseries {title}\par}}
  {subtitle}
  \vspace{{2.5em}}
  {{\Large {author}\par}}
  \vfill
  {{\small {publisher}\par}}
\end{{titlepage}}
"""


class BookLaTeXBuilder(LaTeXBuilder):
    def update_doc_context(self, title: str, author: str, theme: Theme) -> None:
        # Called for each document with the title latex_documents gives it (the
        # library extension writes them): the e-book's own title page and metadata.
        super().update_doc_context(title, author, theme)
        edition: Edition = self.config.book
        book = next(b for b in self.config.book_library.ebooks if latex_text(b.title) == title)
        folder = None if book.is_collection else book.root.split("/")[0]
        names = credit_of(self.config, folder).names
        self.context["hyperref"] = pdf_metadata(edition, book, names)
        self.context["maketitle"] = title_page(edition, book, names)
        # The running head of the pages before the first chapter: the book's title, not
        # the contents'.
        self.context["tableofcontents"] = (
            rf"\sphinxtableofcontents\markboth{{{latex_text(book.title)}}}{{}}"
        )
        # The whole library: each essay a part, its chapters chapters. One essay: its
        # chapters are the book's chapters.
        # (The writer reads the setting; it is set for each document in turn.)
        top = "part" if book.is_collection else "chapter"
        theme.toplevel_sectioning = self.config.latex_toplevel_sectioning = top

    def assemble_doctree(
        self, indexfile: str, toctree_only: bool, appendices: list[str]
    ) -> nodes.document:
        """The whole library's PDF holds the essays translated in full, no other; a
        link to a page a PDF does not hold is decided by crosslinks (book_left_out)."""
        left_out = self.config.book_library.left_out
        self.book_left_out = left_out if indexfile not in left_out else set()
        tree = super().assemble_doctree(indexfile, toctree_only, appendices)
        for node in list(tree.findall(addnodes.start_of_file)):
            if node["docname"] in self.book_left_out and node.parent is not None:
                node.parent.remove(node)
        return tree


class BookLaTeXTranslator(LaTeXTranslator):
    def visit_attribution(self, node: nodes.Element) -> None:
        # Sphinx writes "---", which prints as three hyphens with our fonts;
        # a real em dash is what a reader expects before a quotation's source.
        sphinx_builders.open_attribution_with_em_dash(self.body)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.essays")
    app.setup_extension("essaylib.sphinxext.credits")
    app.add_builder(BookLaTeXBuilder, override=True)
    app.set_translator("latex", BookLaTeXTranslator, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
