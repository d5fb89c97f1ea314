"""A page loads only what it uses: the code highlighter's stylesheet only where there is
code. An essay page stays light for a reader on a phone.

(Sphinx's translations.js stays on every page: any page opened from a search result
shows a translated "Hide Search Matches" link.)"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from essaylib.sphinxext import WEBSITE_BUILDERS, Context, Doctree


def without_unused_styles(
    app: Sphinx, page: str, template: str, context: Context, doctree: Doctree
) -> None:
    if app.builder.name not in WEBSITE_BUILDERS:
        return
    if doctree is None or not any(doctree.findall(nodes.literal_block)):
        context["css_files"] = [
            c
            for c in context.get("css_files", [])
            if not str(getattr(c, "filename", c)).endswith("pygments.css")
        ]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("html-page-context", without_unused_styles, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
