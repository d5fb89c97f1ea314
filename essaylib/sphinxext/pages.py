"""The book's special pages, found by what they hold rather than by their names: the
page with the translation status table, the page with the downloads list, the topics
page, and the "page not found" page. The website links to them; the e-books leave
them out."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

STATUS, DOWNLOADS, TOPICS = "status", "downloads", "topics"
ROLES = (STATUS, DOWNLOADS, TOPICS)


def _roles(env: BuildEnvironment) -> dict[str, str]:
    if not hasattr(env, "book_page_roles"):
        env.book_page_roles = {}  # type: ignore[attr-defined]
    return env.book_page_roles  # type: ignore[attr-defined]


def note_page(env: BuildEnvironment, role: str) -> None:
    """The page being read is the book's ``role`` page (called by its directive)."""
    _roles(env)[role] = env.current_document.docname


def page(env: BuildEnvironment, role: str) -> str | None:
    return _roles(env).get(role)


def website_only(env: BuildEnvironment) -> set[str]:
    """Pages for the website alone: an e-book has no status table, downloads or 404 page."""
    found = {docname for role, docname in _roles(env).items() if role in ROLES}
    if notfound := getattr(env.config, "notfound_pagename", None):
        found.add(notfound)
    return found & env.found_docs


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    roles = _roles(env)
    for role in [r for r, d in roles.items() if d == docname]:
        del roles[role]


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    _roles(env).update({r: d for r, d in _roles(other).items() if d in docnames})


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
