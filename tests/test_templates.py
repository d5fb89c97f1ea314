"""Our template overrides stay furo's: page.html copies the related-pages part of furo's
footer block (to leave out the credits), and must change when furo's does."""

from __future__ import annotations

from pathlib import Path

import furo

from essaylib import TEMPLATES


def related_pages(template: str) -> list[str]:
    """The related-pages part of a footer block, line by line, indentation aside."""
    block = template[template.index("{% block footer %}") :]
    part = block[block.index('<div class="related-pages">') : block.index("bottom-of-page")]
    return [line.strip() for line in part.splitlines() if line.strip()]


def test_the_footer_copies_furos_related_pages():
    ours = (TEMPLATES / "page.html").read_text(encoding="utf-8")
    upstream = (Path(furo.__file__).parent / "theme" / "furo" / "page.html").read_text(
        encoding="utf-8"
    )
    assert related_pages(ours) == related_pages(upstream)
    assert ours.splitlines()[0] == '{% extends "!page.html" %}'
