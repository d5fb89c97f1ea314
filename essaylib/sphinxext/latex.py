"""PDF output: small corrections to Sphinx's LaTeX writer for a book."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.latex import LaTeXTranslator


class BookLaTeXTranslator(LaTeXTranslator):
    def visit_attribution(self, node: nodes.Element) -> None:
        # Sphinx writes "---", which prints as three hyphens with our fonts;
        # a real em dash is what a reader expects before a quotation's source.
        self.body.append("\n\\begin{flushright}\n\u2014\u2009")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.set_translator("latex", BookLaTeXTranslator, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
