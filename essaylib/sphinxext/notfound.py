"""The 404 page is served at any depth: sphinx-notfound-page makes the theme's links
absolute, and this does the same for the links in its text."""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

RELATIVE = re.compile(r"^(?![a-zA-Z][\w+.-]*:|/|#)")


def absolute_links_on_404(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != getattr(app.config, "notfound_pagename", None):
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri and RELATIVE.match(uri):
            ref["refuri"] = prefix + uri


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("doctree-resolved", absolute_links_on_404)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
