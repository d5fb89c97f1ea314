"""Sphinx's run-time internals (outside its builders), fenced here.

Written for Sphinx 9.0.4. Contract tests: tests/test_compat.py, ``test_sphinx_*``.

- ``builder_of``: a transform's builder. ``SphinxTransform.app`` is deprecated in
  Sphinx 9 (RemovedInSphinx11Warning) with no public replacement for the builder;
  Sphinx's own post-transforms read ``self.env._app.builder``, and so does this.
  Fallback: none; where ``env._app`` is gone it fails loudly (AttributeError).
- ``interface_catalogues`` and ``forget_catalogues_but``: ``sphinx.locale.translators``,
  the dict of every catalogue Sphinx has loaded, by (domain, namespace); Sphinx keeps a
  page's catalogue once read, for the life of the process, and the live preview must
  read an edited one again. Fallback: none; a Sphinx that keeps them elsewhere fails the
  contract test (and the preview shows old words).
- ``chosen_by_book``: the settings a book's conf.py and ``-D`` chose
  (``Config._raw_config``, ``Config._overrides``).
"""

from __future__ import annotations

from sphinx import locale
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.transforms import SphinxTransform


def builder_of(transform: SphinxTransform) -> Builder:
    """The builder a transform runs for (not the deprecated ``transform.app``)."""
    return transform.env._app.builder


def interface_catalogues() -> set[tuple[str, str]]:
    """The catalogues Sphinx has loaded so far (at an application's start: the
    interface's words, sphinx.po and Sphinx's own)."""
    return set(locale.translators)


def forget_catalogues_but(kept: set[tuple[str, str]]) -> None:
    """Every catalogue Sphinx loaded, but ``kept``, forgotten: read again when next asked."""
    for key in set(locale.translators) - kept:
        del locale.translators[key]


def chosen_by_book(config: Config) -> set[str] | None:
    """The settings the book's conf.py and the command line set (None: not known).

    Sphinx (9.0) keeps what conf.py set and what ``-D`` overrode in
    ``Config._raw_config`` and ``Config._overrides``; no public API says which settings a
    book chose (``Config.values`` has only their defaults). The engine's defaults
    (essaylib.sphinxext.defaults) must not overwrite a book's choice, even one equal to Sphinx's
    default. Public fallback: compare with the default (a choice equal to it is lost).
    """
    raw = getattr(config, "_raw_config", None)
    overrides = getattr(config, "_overrides", None)
    if not isinstance(raw, dict) or not isinstance(overrides, dict):
        return None
    return set(raw) | set(overrides)
