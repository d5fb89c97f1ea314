"""The markup of an output with its words taken out: a translation may change the
words of a page, never its markup. Two outputs whose skeletons are equal differ in
text only."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from sphinx.util import texescape

# Attributes whose value is a link: its kind (relative, or scheme and host) counts.
LINKS = ("href", "src", "action", "formaction", "data", "poster", "srcset")


def link_kind(value: str) -> str:
    parts = urlsplit(value.strip())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme else "relative"


def html_skeleton(markup: str | bytes) -> Counter[tuple]:
    """Every element with its attribute names (and the kind of each link), counted."""
    soup = BeautifulSoup(markup, "html.parser")
    # Sphinx's own words for its search script, present in the languages Sphinx
    # itself speaks: the language's, not the catalogue's.
    for script in soup.select('script[src*="_static/translations.js"]'):
        script.decompose()
    found: Counter[tuple] = Counter()
    for tag in soup.find_all(True):
        links = tuple(
            sorted((name, link_kind(str(tag[name]))) for name in tag.attrs if name in LINKS)
        )
        found[tag.name, tuple(sorted(tag.attrs)), links] += 1
    return found


def _escapes() -> set[str]:
    texescape.init()
    replacements = [
        *texescape.tex_replacements,
        *texescape.ascii_tex_replacements,
        *texescape.unicode_tex_replacements,
    ]
    return {cs for _, text in replacements for cs in re.findall(r"\\[a-zA-Z@]+|\\.", text)}


def tex_skeleton(tex: str) -> Counter[str]:
    """Every control sequence of a .tex file, counted; those that only print a character
    of the text (what escaping writes) do not count."""
    escapes = _escapes()
    return Counter(cs for cs in re.findall(r"\\[a-zA-Z@]+|\\.", tex) if cs not in escapes)


def difference(a: Counter, b: Counter) -> str:
    return (
        f"only in one: {sorted((a - b).items())[:8]}; only in the other: "
        f"{sorted((b - a).items())[:8]}"
    )
