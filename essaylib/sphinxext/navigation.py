"""furo's navigation tree, made once per build instead of once per page.

furo makes the whole table of contents again on every page, a cost in proportion to
the library for each page; essaylib.compat.furo.CachedNavigation makes it once, with
furo's own code, and fills in each page's links and current branch. The HTML is furo's,
byte for byte (tests/test_navigation.py compares every page with furo's own, the cache
off). Where the tree is not what it understands, furo makes it as before.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from essaylib.compat import furo


def hand_furo_no_tree(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Before furo: it makes its tree from context["toctree"]; it gets ours instead."""
    cached: furo.CachedNavigation | None = getattr(app.builder, "cached_navigation", None)
    if cached is None or "toctree" not in context:
        return
    if pagename == getattr(app.config, "notfound_pagename", None):
        return  # sphinx-notfound-page makes that page's links absolute: furo's own tree
    tree = cached.for_page(pagename)
    if tree is not None:
        furo.hide_toctree_from_furo(context, tree)


def give_back(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """After furo: the page's tree, and Sphinx's toctree() for the templates."""
    furo.give_back_to_templates(context)


def start(app: Sphinx, env: object) -> None:
    """Each build's own tree (an application may build again: the live preview)."""
    wanted = app.config.book_navigation_cache
    if wanted and app.builder.name in ("html", "dirhtml") and app.config.html_theme == "furo":
        setattr(app.builder, "cached_navigation", furo.CachedNavigation(app))  # noqa: B010


def setup(app: Sphinx) -> ExtensionMetadata:
    # Off: furo makes every page's tree itself (the tests compare the two).
    app.add_config_value("book_navigation_cache", True, "", types=frozenset({bool}))
    app.connect("env-updated", start)
    app.connect("html-page-context", hand_furo_no_tree, priority=furo.BEFORE_FURO)
    app.connect("html-page-context", give_back, priority=furo.AFTER_FURO)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
