"""Sphinx's EPUB 3 and LaTeX builders, where the book leans on their internals.

Written for Sphinx 9.0.4 (sphinx.builders._epub_base, sphinx.builders.epub3,
sphinx.builders.latex, sphinx.writers.latex, and the epub theme's epub.css.jinja and
the template nav.xhtml.jinja). Contract tests: tests/test_compat.py,
``test_epub_*`` and ``test_latex_*``. essaylib.sphinxext.epub and .latex call these.

- ``html_tag_with_language``: epub3's ``HTML_TAG`` (the builder's ``html_tag``), with
  ``lang``; Sphinx writes none. Fallback: none; a tag not ending in ``>`` fails loudly.
- ``restart_ncx_numbering``: ``_epub_base``'s ``playorder`` and ``tocid`` counters,
  which ``new_navpoint`` increments, are set in ``init`` only: a second packing by the
  same builder numbers toc.ncx on from the first (UPSTREAM.md). Fallback: none.
- ``ncx_metadata_with_identifier``: ``toc_metadata`` gives toc.ncx's ``uid`` the XML id
  ``epub_uid`` where ``dtb:uid`` must be the identifier (EPUBCheck NCX-001;
  UPSTREAM.md). Fallback: none; a Sphinx that renames the key fails loudly (KeyError).
- ``without_search_icon``: the epub theme's stylesheet line for its search page's
  icon, which no e-book holds. Fallback: a changed line is left (the contract test
  fails; EPUBCheck would report the missing file).
- ``with_toc_role``: nav.xhtml's ``<nav epub:type="toc">`` gets ``role="doc-toc"``
  (Ace: epub-type-has-matching-role; UPSTREAM.md). Fallback: a changed tag is left.
- ``without_docutils_viewport``: docutils' HTML 5 writer puts its own ``<meta
  name="viewport">`` into the page's meta tags, which Sphinx passes on (``meta[2:]``)
  beside the one the basic theme's layout writes: every page had the tag twice.
  Fallback: a changed tag is left (the test of the built EPUBs fails).
- ``open_attribution_with_em_dash``: ``LaTeXTranslator.visit_attribution`` replaced:
  Sphinx writes ``---``, three hyphens in the book's fonts. Fallback: none; the
  contract test fails when Sphinx's own output changes.
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.builders._epub_base import EpubBuilder
from sphinx.builders.epub3 import HTML_TAG

# The epub theme's rule for its search page's icon (themes/epub/static/epub.css.jinja).
EPUB_CSS_SEARCH_ICON = "    background-image: url(file.png);\n"
# What docutils' HTML 5 writer adds to the meta tags (html5_polyglot.HTMLTranslator).
DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
NAV_TOC = re.compile(r'<nav epub:type="toc"(?! role)')
# Sphinx's LaTeXTranslator.visit_attribution, as it writes it.
SPHINX_ATTRIBUTION = "\n\\begin{flushright}\n---"


def html_tag_with_language(language: str) -> str:
    """Sphinx's <html> tag for EPUB 3 documents, saying their language."""
    if not HTML_TAG.endswith(">"):
        raise ValueError(f"Sphinx's EPUB <html> tag is not what it was: {HTML_TAG!r}")
    lang = html.escape(language)
    return HTML_TAG[:-1] + f' lang="{lang}" xml:lang="{lang}">'


def restart_ncx_numbering(builder: EpubBuilder) -> None:
    """toc.ncx's playOrder and navPoint ids from 1 again, for the next book packed."""
    builder.playorder = builder.tocid = 0


def ncx_metadata_with_identifier(metadata: dict[str, Any], identifier: str) -> dict[str, Any]:
    """toc.ncx's metadata with the book's identifier as its uid (not the XML id)."""
    if "uid" not in metadata:
        raise KeyError("Sphinx's toc_metadata has no 'uid' any more")
    return {**metadata, "uid": identifier}


def without_search_icon(css: str) -> str:
    return css.replace(EPUB_CSS_SEARCH_ICON, "")


def with_toc_role(nav: str) -> str:
    return NAV_TOC.sub('<nav epub:type="toc" role="doc-toc"', nav)


def without_docutils_viewport(metatags: str) -> str:
    return metatags.replace(DOCUTILS_VIEWPORT, "")


def open_attribution_with_em_dash(body: list[str]) -> None:
    """What Sphinx's visit_attribution writes, an em dash for its ``---``."""
    body.append(SPHINX_ATTRIBUTION.removesuffix("---") + "\u2014\u2009")
