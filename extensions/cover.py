"""The book's cover, drawn at build time from the book's facts.

The same design in every language: the title in the edition's language and the
author's name. Deterministic (same facts, same bytes), so builds are reproducible.
It becomes the EPUB cover and the website's _static/cover.png; the same design,
landscape, is the card that link previews show (_static/social-card.png).
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sphinx.application import Sphinx
from sphinx.config import Config

COVER = (1600, 2400)
CARD = (1200, 630)
BACKGROUND = (38, 52, 64)
INK = (245, 240, 230)
ACCENT = (214, 170, 120)


def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    name = f"TeX Gyre Pagella:style={style}"
    path = subprocess.run(["fc-match", "-f", "%{file}", name],
                          capture_output=True, text=True).stdout
    return ImageFont.truetype(path, size)


def draw_cover(title: str, tagline: str, author: str, size: tuple[int, int] = COVER,
               ) -> Image.Image:
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, height = size
    scale = min(width / COVER[0], height / COVER[1] * 1.6)
    margin = round(90 * scale) if width < height else 40
    draw.rectangle((margin, margin, width - margin, height - margin), outline=ACCENT,
                   width=max(2, round(4 * scale)))

    lines = textwrap.wrap(title, 16 if width < height else 26)
    title_size = round(150 * scale)
    leading = round(title_size * 1.23)
    y = round(height * 0.26) if width < height else (height - leading * len(lines)) // 2 - 30
    for line in lines:
        draw.text((width / 2, y), line, font=font("Bold", title_size), fill=INK, anchor="ma")
        y += leading
    y += round(60 * scale)
    draw.line((width / 2 - 160 * scale, y, width / 2 + 160 * scale, y), fill=ACCENT,
              width=max(2, round(5 * scale)))
    y += round(90 * scale)
    for line in textwrap.wrap(tagline, 30 if width < height else 56):
        draw.text((width / 2, y), line, font=font("Italic", round(72 * scale)), fill=INK,
                  anchor="ma")
        y += round(100 * scale)
    if author and width < height:
        draw.text((width / 2, height - 380 * scale), author, font=font("Regular", 95),
                  fill=INK, anchor="ma")
    return image


def make_cover(app: Sphinx, config: Config) -> None:
    book = config.book
    # Beside the other build output of conf.py's folder, never inside an output folder.
    folder = Path(app.confdir, "_build", "cover", book.language)
    folder.mkdir(parents=True, exist_ok=True)
    tagline = book.subtitle or book.description
    draw_cover(book.title, tagline, book.author).save(folder / "cover.png", optimize=True)
    draw_cover(book.title, tagline, book.author, CARD).save(folder / "social-card.png",
                                                           optimize=True)
    config.html_static_path = [*config.html_static_path, str(folder)]
    config.epub_cover = ("_static/cover.png", "")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("bookfacts")
    app.connect("config-inited", make_cover, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
