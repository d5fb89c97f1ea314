"""furo's internals the website leans on, fenced here.

Written for furo 2025.12.19 (with Sphinx 9.0.4). Contract tests: tests/test_compat.py,
``test_furo_*``.

- ``give_furo_the_toctree``: furo's ``html-page-context`` handler
  (``furo._html_page_context``, priority 500) makes the sidebar's navigation tree from
  the page's ``context["toctree"]`` (``furo._compute_navigation_tree`` calls it with
  ``FURO_TOCTREE``, then rewrites its HTML with ``furo.navigation.get_navigation_tree``
  into ``context["furo_navigation_tree"]``). A handler that runs before furo's
  (``BEFORE_FURO``) gives the page a ``toctree()`` of its own scope
  (essaylib.sphinxext.navigation): furo then makes that page's tree, its code and
  templates untouched. Fallback: a furo that stops reading ``context["toctree"]`` shows
  its own, whole-library tree (the contract test fails first).
- ``FixedLabels``: furo writes a few labels in English outside ``_()`` (its templates'
  ``aria-label``\\s and icon ``<title>``\\s, and ``Toggle navigation of <title>`` in
  ``get_navigation_tree``); they are translated in the written HTML, by their exact
  English text. Fallback: a label furo changes is left in English (the contract test
  fails first).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# furo's arguments to Sphinx's toctree() (furo/__init__.py, _compute_navigation_tree).
FURO_TOCTREE: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
# furo's html-page-context handler runs at Sphinx's default priority; ours runs first.
FURO_PAGE_CONTEXT_PRIORITY = 500
BEFORE_FURO = 100


def furos_navigation_tree(toctree_html: str) -> str:
    """furo's own rewriting of Sphinx's toctree HTML (furo.navigation)."""
    from furo.navigation import get_navigation_tree  # type: ignore[import-untyped]

    return str(get_navigation_tree(toctree_html))


def give_furo_the_toctree(context: dict[str, Any], toctree: Callable[..., str]) -> None:
    """Before furo's handler: the toctree() furo (and every template) makes its tree from."""
    context["toctree"] = toctree


# furo's English words outside _(), as they stand in its pages.
TOGGLE_NAVIGATION = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')


class FixedLabels:
    """furo's English labels in a written page, translated (see the module's words)."""

    def __init__(self, words: dict[str, str], toggle: Callable[[str], str] | None) -> None:
        """``words``: each English label and its translation (HTML-escaped), those that
        differ; ``toggle``: the navigation button's label for a page title as it stands
        in the page (escaped), or None when it is not translated."""
        self.table = {}
        for english, ours in words.items():
            self.table[f'aria-label="{english}"'] = f'aria-label="{ours}"'
            self.table[f"<title>{english}</title>"] = f"<title>{ours}</title>"
        self.toggle = toggle
        self.pattern = re.compile(
            "|".join([*map(re.escape, self.table), TOGGLE_NAVIGATION.pattern])
        )

    def __bool__(self) -> bool:
        return bool(self.table) or self.toggle is not None

    def translated(self, page: str) -> str:
        def label(match: re.Match[str]) -> str:
            if match.group() in self.table:
                return self.table[match.group()]
            if self.toggle is None:
                return match.group()
            return f'aria-label="{self.toggle(match.group(1))}"'

        return self.pattern.sub(label, page)
