"""The ``translation-status`` directive: per chapter and language, how much is done,
read from the translators' catalogues themselves."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from essaylib.facts import language_name
from essaylib.progress import progress
from essaylib.sphinxext.pages import STATUS, note_page


class translation_status(nodes.General, nodes.Element):
    """Filled in once every page is read, in reading order."""


class TranslationStatus(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        note_page(self.env, STATUS)
        locales = self.config.book_paths.locales
        for language in self.config.book.facts.translations:
            for path in (locales / language).rglob("*.po"):
                self.env.note_dependency(str(path))
        return [translation_status()]


def reading_order(app: Sphinx) -> list[str]:
    env, order = app.env, []

    def walk(docname: str) -> None:
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(app.config.root_doc)
    return order


def status_table(app: Sphinx) -> nodes.table:
    languages = app.config.book.facts.translations
    locales = app.config.book_paths.locales
    header = [_("Chapter"), *(language_name(code) for code in languages)]
    rows = []
    for docname in reading_order(app)[1:]:  # the landing page only repeats the title
        cells = [app.env.titles[docname].astext()]
        for code in languages:
            done, total = progress(locales, code, docname)
            cells.append(f"{100 * done // total} %")
        rows.append(cells)

    table = nodes.table(classes=["translation-status"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=3 if i == 0 else 1) for i in range(len(header))]

    def row(cells: list[str]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph(text=c)) for c in cells))

    group += nodes.thead("", row(header))
    group += nodes.tbody("", *(row(r) for r in rows))
    return table


def fill_status(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(translation_status)):
        node.replace_self(status_table(app))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.add_node(translation_status)
    app.add_directive("translation-status", TranslationStatus)
    app.connect("doctree-resolved", fill_status)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
