"""The essay library engine: one Sphinx extension (``extensions = ["essaylib"]``) and the
tools that build, check and publish a library. Its layers, each importing only those
above it (ARCHITECTURE.md):

    compat     one module per upstream                  its internals, fenced, with contract tests
    text       markup, escape                           MyST's structure; escaping per sink
    model      facts, paths, the library, progress     book.toml and the sources; no Sphinx
    i18n       catalogues, allowlist, review, gate      the translators' catalogues
    sphinxext  one small extension per job, defaults    the Sphinx side of every output
    outputs    publish, feeds, preview                  every output, assembled into one site
    cli        main, new, generate                      the essaylib command
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

# furo's few template overrides and the site's entry page.
TEMPLATES = Path(__file__).parent / "templates"
# The website's and the e-books' stylesheets and the favicon.
STATIC = Path(__file__).parent / "static"

# The engine's parts, in the order they are set up (conf.py: extensions = ["essaylib"]).
PARTS = (
    "myst_parser",
    "essaylib.sphinxext.passages",  # translated passages without MyST's set-up each
    "notfound.extension",
    "essaylib.sphinxext.bookfacts",  # first of ours: the others read the facts
    "essaylib.sphinxext.essays",  # the essays, their e-books, the home page's cards
    "essaylib.sphinxext.authoring",  # author mistakes are errors, in plain words
    "essaylib.sphinxext.pictures",
    "essaylib.sphinxext.guard",
    "essaylib.sphinxext.locales",
    "essaylib.sphinxext.contact",
    "essaylib.sphinxext.cover",
    "essaylib.sphinxext.epub",
    "essaylib.sphinxext.latex",
    "essaylib.sphinxext.crosslinks",  # links to pages a build does not hold
    "essaylib.sphinxext.chrome",
    "essaylib.sphinxext.languages",
    "essaylib.sphinxext.previews",  # sphinxext-opengraph, and the book's description
    "essaylib.sphinxext.notice",
    "essaylib.sphinxext.credits",
    "essaylib.sphinxext.status",
    "essaylib.sphinxext.notfound",
    "essaylib.sphinxext.downloads",
    "essaylib.sphinxext.weight",  # no code, no code stylesheet
    "essaylib.sphinxext.navigation",  # the navigation, scoped to where the reader is
)


def setup(app: Sphinx) -> ExtensionMetadata:
    """The whole engine as one Sphinx extension: its parts, and its settings wherever
    the book's conf.py leaves Sphinx's defaults (essaylib.sphinxext.defaults)."""
    from essaylib.sphinxext import defaults

    # Before every part's own config-inited (the facts are read at 100).
    app.connect("config-inited", defaults.apply, priority=10)
    for part in PARTS:
        app.setup_extension(part)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
