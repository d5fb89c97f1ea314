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
"""

from __future__ import annotations

from sphinx import locale
from sphinx.builders import Builder
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
