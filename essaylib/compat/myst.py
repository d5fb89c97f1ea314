"""MyST's internals the translated passages lean on, fenced here.

Written for myst-parser 5.2.0 (markdown-it-py 4.3.0, docutils 0.22.4). Contract test:
tests/test_compat.py, ``test_myst_renderer_is_set_up_as_myst_sets_up_its_own``.

- ``PassageRenderer``: MyST's renderer, its set-up without the spare document. MyST's
  ``DocutilsRenderer.setup_render`` (myst_parser/mdit_to_docutils/base.py) writes
  ``options.get("document", make_document())``: Python makes the spare document, with
  fresh docutils settings (1.6 ms), even when the document is given, as it is for each
  translated passage. This repeats the set-up, given the document, down to MyST's
  private ``_heading_offset``, ``_level_to_section`` and ``_heading_slugs``, and the
  module-level ``get_language_rst``. Fallback: a MyST that sets up more, or otherwise,
  fails the contract test; the book can then turn the kept parser off
  (``book_kept_parser = False``), and every passage takes MyST's own parser.
"""

from __future__ import annotations

from typing import Any

from myst_parser.mdit_to_docutils.base import get_language_rst
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer


class PassageRenderer(SphinxRenderer):
    """MyST's Sphinx renderer for a given document (``options["document"]``)."""

    def setup_render(self, options: dict[str, Any], env: Any) -> None:
        """MyST's set-up, given the document (MyST makes a spare one first)."""
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(self.document.settings.language_code)
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}
