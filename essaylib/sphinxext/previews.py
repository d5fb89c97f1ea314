"""Link previews and search results: sphinxext-opengraph, and the book's description.

The landing page, and pages that ask for it in their front matter
(``describe-as-book: true``), are described by the book's description rather than
by their first lines (sphinxext-opengraph keeps a description that is already there).
"""

from __future__ import annotations

import contextlib
import io

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from essaylib.sphinxext import WEBSITE_BUILDERS, Context, Doctree
from essaylib.text.escape import html_text

# sphinxext-opengraph prints a note on import when matplotlib, which only its social
# cards need, is missing; the book draws its own card (cover.py).
with contextlib.redirect_stdout(io.StringIO()):
    import sphinxext.opengraph


def describe(app: Sphinx, page: str, template: str, context: Context, doctree: Doctree) -> None:
    """The page's own description, when it has one: an essay's summary on its first
    page (the library's), or the book's description for the home page and the pages
    that ask for it."""
    book = app.config.book
    meta = context.get("meta") or {}
    if app.builder.name not in WEBSITE_BUILDERS:
        return
    essay = app.config.book_library.essay_of(page) if app.config.book_library else None
    description = essay.summary if essay and page == essay.docname else None
    if not description and (page == app.config.root_doc or "describe-as-book" in meta):
        description = book.description
    if description:
        context["meta"] = {**meta, "og:description": description}
        context["metatags"] = (
            context.get("metatags", "") + '\n    <meta name="description" '
            f'content="{html_text(description)}">'
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.essays")
    app.setup_extension(sphinxext.opengraph.__name__)
    app.connect("html-page-context", describe, priority=400)  # before opengraph
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
