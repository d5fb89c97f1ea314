"""Where the engine leans on an upstream internal, fenced in one place, each with the
versions it was written for and a contract test (tests/test_compat.py) that fails the
day upstream changes what it relies on. One module per upstream; UPSTREAM.md lists
every shim, and the upstream reports ready to file:

- ``furo``: the navigation tree made once per build, furo's English labels;
- ``myst``: the translated passages' renderer set-up; ``markdown_it``: its token types;
- ``sphinx_builders``: the EPUB 3 and LaTeX builders; ``sphinx_runtime``: a
  transform's builder, the loaded catalogues; this module: ``chosen_by_book``;
- ``autobuild``: sphinx-autobuild's server; ``cpython``: gettext's cache.

- ``chosen_by_book``: Sphinx (9.0) keeps what conf.py set and what ``-D`` overrode in
  ``Config._raw_config`` and ``Config._overrides``; no public API says which settings a
  book chose (``Config.values`` has only their defaults). The engine's defaults
  (essaylib.sphinxext.defaults) must not overwrite a book's choice, even one equal to Sphinx's
  default. Public fallback: compare with the default (a choice equal to it is lost).
"""

from __future__ import annotations

from sphinx.config import Config


def chosen_by_book(config: Config) -> set[str] | None:
    """The settings the book's conf.py and the command line set (None: not known)."""
    raw = getattr(config, "_raw_config", None)
    overrides = getattr(config, "_overrides", None)
    if not isinstance(raw, dict) or not isinstance(overrides, dict):
        return None
    return set(raw) | set(overrides)
