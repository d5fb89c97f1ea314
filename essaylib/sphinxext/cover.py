"""The book's cover, drawn at build time from the book's facts.

The same design in every language: the title in the edition's language and the
author's name. Deterministic (same facts, same bytes), so builds are reproducible.
It becomes the EPUB cover and the website's _static/cover.png; the same design,
landscape, is the card that link previews show (_static/social-card.png).
Text is drawn, never interpreted; a long title gets a smaller type until it fits, in
balanced lines broken between phrases (essaylib.text.lines).
"""

from __future__ import annotations

import functools
import io
import subprocess

from PIL import Image, ImageDraw, ImageFont
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from essaylib.model.manifest import digest
from essaylib.model.paths import BuildPaths
from essaylib.text.lines import balanced_lines

COVER = (1600, 2400)
CARD = (1200, 630)
BACKGROUND = (38, 52, 64)
INK = (245, 240, 230)
ACCENT = (214, 170, 120)
FAMILY = "TeX Gyre Pagella"
# Raise when the drawing changes, so that every cover is drawn again.
DRAWING_VERSION = 4
# A title reads as one in a few lines: it gets a smaller type before a fourth line.
TITLE_LINES = 3


@functools.cache
def font_file(style: str) -> str:
    """The font file of one style of the cover's typeface: asked of fontconfig once."""
    return subprocess.run(
        ["fc-match", "-f", "%{file}", f"{FAMILY}:style={style}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_file(style), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Words into lines no wider than width (a word longer than a line stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and face.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def fit(
    text: str,
    style: str,
    size: int,
    width: float,
    height: float,
) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest type, from size down, at which text fits the box: (font, lines, leading)."""
    while True:
        face = font(style, size)
        lines = wrap(text, face, width)
        leading = round(size * 1.23)
        widest = max((face.getlength(line) for line in lines), default=0)
        if size <= 12 or (leading * len(lines) <= height and widest <= width):
            return face, lines, leading
        size = round(size * 0.9)


def fit_title(
    title: str, language: str, size: int, width: float, height: float
) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest type, from size down, at which the title fits the box in balanced
    lines (at most TITLE_LINES, none ending on a function word): (font, lines,
    leading). A title that cannot be so broken is wrapped as other text is."""
    while size > 12:
        face = font("Bold", size)
        leading = round(size * 1.23)
        lines = balanced_lines(title, face.getlength, width, language, TITLE_LINES)
        if lines and leading * len(lines) <= height:
            return face, lines, leading
        size = round(size * 0.9)
    return fit(title, "Bold", size, width, height)


def title_box(size: tuple[int, int]) -> tuple[int, float, float]:
    """The title's type size, measure and height on a picture of this size."""
    width, height = size
    portrait = width < height
    scale = min(width / COVER[0], height / COVER[1] * 1.6)
    margin = round(90 * scale) if portrait else 40
    inner = width - 2 * margin - round(120 * scale)
    # A measure that reads well: a title of a few words a line.
    measure = min(inner, width * (0.72 if portrait else 0.7))
    return round(150 * scale), measure, height * (0.36 if portrait else 0.5)


def title_lines(title: str, language: str, size: tuple[int, int] = COVER) -> list[str]:
    """The title's lines as the cover (or card) of this size sets them."""
    return fit_title(title, language, *title_box(size))[1]


def draw_cover(
    title: str,
    tagline: str,
    author: str,
    size: tuple[int, int] = COVER,
    language: str = "",
) -> Image.Image:
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, height = size
    portrait = width < height
    scale = min(width / COVER[0], height / COVER[1] * 1.6)
    margin = round(90 * scale) if portrait else 40
    draw.rectangle(
        (margin, margin, width - margin, height - margin),
        outline=ACCENT,
        width=max(2, round(4 * scale)),
    )
    inner = width - 2 * margin - round(120 * scale)
    # A measure that reads well: narrower for the tagline than for the title.
    tagline_measure = min(inner, width * (0.62 if portrait else 0.75))

    face, lines, leading = fit_title(title, language, *title_box(size))
    y: float = round(height * 0.26) if portrait else (height - leading * len(lines)) // 2 - 30
    for line in lines:
        draw.text((width / 2, y), line, font=face, fill=INK, anchor="ma")
        y += leading
    y += round(60 * scale)
    draw.line(
        (width / 2 - 160 * scale, y, width / 2 + 160 * scale, y),
        fill=ACCENT,
        width=max(2, round(5 * scale)),
    )
    y += round(90 * scale)
    # The tagline takes the room left above the author's name (or the frame).
    bottom = height - (440 if author and portrait else 150) * scale
    room = max(bottom - y, 0)
    face, lines, leading = fit(tagline, "Italic", round(72 * scale), tagline_measure, room)
    for line in lines:
        draw.text((width / 2, y), line, font=face, fill=INK, anchor="ma")
        y += leading
    if author and portrait:
        face, lines, leading = fit(author, "Regular", 95, inner, 240 * scale)
        y = height - 380 * scale
        for line in lines:
            draw.text((width / 2, y), line, font=face, fill=INK, anchor="ma")
            y += leading
    return image


THUMBNAIL = (320, 480)


@functools.cache
def png(title: str, tagline: str, author: str, kind: str, language: str = "") -> bytes:
    """One picture of a book, encoded: drawn once per process, though every builder
    asks, and an essay's cover is often the book's."""
    if kind == "card":
        image = draw_cover(title, tagline, author, CARD, language)
    else:
        image = draw_cover(title, tagline, author, COVER, language)
        if kind == "thumb":
            image = image.resize(THUMBNAIL, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    # zlib's default level: `optimize` made files 2 % smaller at three times the time.
    image.save(out, format="PNG")
    return out.getvalue()


def draw_covers(
    paths: BuildPaths, language: str, stem: str, title: str, tagline: str, author: str
) -> None:
    """A book's cover, its thumbnail and its link-preview card, in one language's folder.
    A picture is drawn only when what it shows changed (the build's manifest), so that
    a library of hundreds of essays does not draw them all again in every build."""
    drawing = digest((), title, tagline, author, language, COVER, CARD, THUMBNAIL, DRAWING_VERSION)
    folder, steps = paths.cover(language), paths.steps()
    names = {
        "cover": f"cover{stem}.png",
        "thumb": f"thumb{stem}.png",
        "card": f"card{stem}.png" if stem else "social-card.png",
    }
    for kind, name in names.items():
        step = f"cover/{language}/{name}"
        if (folder / name).exists() and not steps.changed(step, drawing=drawing):
            continue
        (folder / name).write_bytes(png(title, tagline, author, kind, language))
        steps.record(step, drawing=drawing)


def make_cover(app: Sphinx, config: Config) -> None:
    book, paths = config.book, config.book_paths
    # Beside the other build output, never inside an output folder.
    folder = paths.cover(book.language)
    folder.mkdir(parents=True, exist_ok=True)
    author = book.facts.author
    draw_covers(paths, book.language, "", book.title, book.subtitle or book.description, author)
    for essay in config.book_library.essays:
        stem = f"-{essay.source.folder}"
        draw_covers(paths, book.language, stem, essay.title, essay.summary, author)
    config.html_static_path = [*config.html_static_path, str(folder)]
    config.epub_cover = ("_static/cover.png", "")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.essays")
    app.connect("config-inited", make_cover, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
