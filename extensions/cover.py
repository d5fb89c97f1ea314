"""The book's cover, drawn at build time from the book's facts.

The same design in every language: the title in the edition's language and the
author's name. Deterministic (same facts, same bytes), so builds are reproducible.
It becomes the EPUB cover and is available to the website as _static/cover.png.
"""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sphinx.application import Sphinx
from sphinx.config import Config

SIZE = (1600, 2400)
BACKGROUND = (38, 52, 64)
INK = (245, 240, 230)
ACCENT = (214, 170, 120)


def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    name = f"TeX Gyre Pagella:style={style}"
    path = subprocess.run(["fc-match", "-f", "%{file}", name],
                          capture_output=True, text=True).stdout
    return ImageFont.truetype(path, size)


def draw_cover(title: str, subtitle: str, author: str) -> Image.Image:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, height = SIZE
    draw.rectangle((90, 90, width - 90, height - 90), outline=ACCENT, width=4)

    title_font = font("Bold", 150)
    y = 620
    for line in textwrap.wrap(title, 16):
        draw.text((width / 2, y), line, font=title_font, fill=INK, anchor="ma")
        y += 185
    y += 60
    draw.line((width / 2 - 160, y, width / 2 + 160, y), fill=ACCENT, width=5)
    y += 90
    for line in textwrap.wrap(subtitle, 30):
        draw.text((width / 2, y), line, font=font("Italic", 80), fill=INK, anchor="ma")
        y += 100
    if author:
        draw.text((width / 2, height - 380), author, font=font("Regular", 95), fill=INK,
                  anchor="ma")
    return image


def make_cover(app: Sphinx, config: Config) -> None:
    book = config.book
    folder = Path(app.doctreedir).parent / "cover"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cover.png"
    image = draw_cover(book.title, book.subtitle, book.author)
    image.save(path, optimize=True)
    config.html_static_path = [*config.html_static_path, str(folder)]
    config.epub_cover = ("_static/cover.png", "")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("bookfacts")
    app.connect("config-inited", make_cover, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
