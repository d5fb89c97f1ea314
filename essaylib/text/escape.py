"""Text into the places it lands: each function makes any string safe for one sink.

Translated strings and facts are data, never code: they are escaped for the
place they land, and placeholders are filled in by plain replacement, never by
``str.format`` or a template engine (either would evaluate what a translator wrote).
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup
from sphinx.util import texescape

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, **values: str) -> str:
    """Put values in for ``{name}`` placeholders; anything else is left as it is."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), text)


def html_text(text: str) -> Markup:
    """For HTML text and attribute values (quotes included). Markup, so that Jinja's
    ``|e`` does not escape it twice."""
    return Markup(html.escape(str(text), quote=True))


def latex_text(text: str) -> str:
    """For LaTeX text: every character that means something to TeX is written as the
    command that prints it, so no string can define, read or run anything."""
    texescape.init()
    return texescape.escape(str(text), "xelatex")
