"""A page loads only what it uses. An essay page stays light for a reader on a phone.

- Pygments' stylesheet only where there is code (on the website and in the e-book,
  which leaves out a stylesheet none of its pages links: sphinxext.epub).
- Not furo's stylesheet for other extensions (copy buttons, tabs, panels, Read the
  Docs' menus): the book uses none of them, and its only rule that could touch the
  book (``[role=main] .container``: no width limit, no padding) says what a <div>
  does anyway.

(Sphinx's translations.js stays on every page: any page opened from a search result
shows a translated "Hide Search Matches" link.)"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from essaylib.sphinxext import WEBSITE_BUILDERS, Context, Doctree

NEVER_USED = ("styles/furo-extensions.css",)


def without_unused_styles(
    app: Sphinx, page: str, template: str, context: Context, doctree: Doctree
) -> None:
    if app.builder.name not in (*WEBSITE_BUILDERS, "epub"):
        return
    unused = list(NEVER_USED) if app.builder.name in WEBSITE_BUILDERS else []
    if doctree is None or not any(doctree.findall(nodes.literal_block)):
        unused.append("pygments.css")
    context["css_files"] = [
        c
        for c in context.get("css_files", [])
        if not str(getattr(c, "filename", c)).endswith(tuple(unused))
    ]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", without_unused_styles, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
