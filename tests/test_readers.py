"""Every e-book of the test run's builds (the book's and the test library's: each essay
and the whole library, in every language) as readers' apps open it: Readium's parser
(r2-shared-js, Thorium's), foliate-js and epub.js in headless Chromium at a phone's size
(tools/gates/reader.mjs). Each opens on the cover, finds the title, language and series,
names its contents in the book's language, opens a chapter and the last page, and shows
links readably in a dark theme. Screenshots: $READER_SHOTS, or the test's tmp_path."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import GATES
from epubs import Epub, epubs_of

from essaylib.model.facts import load_edition
from essaylib.model.library import load_library
from essaylib.model.paths import BuildPaths

pytestmark = pytest.mark.slow
CONTENTS = {"nl": "Inhoud", "en": "Contents", "de": "Inhalt", "fr": "Sommaire"}
ENGINES = ("foliate", "epubjs")


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a CSS rgb() colour."""
    red, green, blue = (int(c) / 255 for c in re.findall(r"\d+", colour)[:3])
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def link_page(epub: Epub) -> str | None:
    """The first document in reading order with a link in its text."""
    return next((doc for doc, _ in epub.spine() if epub.page(doc).select("body a[href]")), None)


def read(epubs: list[Path], shots: Path) -> list[dict]:
    books = []
    for path in epubs:
        epub = Epub(path)
        page = link_page(epub)
        books.append({"epub": str(path), "linkPage": page or epub.spine()[-1][0]})
    run = subprocess.run(
        ["node", str(GATES / "reader.mjs"), str(shots), json.dumps(books)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def series_of(root: Path, builddir: Path, languages: list[str]) -> dict[str, dict | None]:
    """Each e-book's series as the library says it (an essay's: the library's title in
    its language and the essay's number; the library's own: none), by file name."""
    paths = BuildPaths.of(root, builddir)
    series = {}
    for language in languages:
        edition = load_edition(root, language, paths.compiled_locales)
        for ebook in load_library(paths, edition)[1]:
            number = ebook.position
            named = {"name": edition.title, "position": number} if number else None
            series[f"{language}/{ebook.basename}"] = named
    return series


def check_as_read(found: dict, series: dict[str, dict | None], links_checked: list[str]) -> None:
    path = Path(found["epub"])
    epub, language = Epub(path), path.parent.name
    expected_series = series[f"{language}/{path.stem}"]
    nav = epub.page("nav.xhtml").select_one('nav[epub\\:type="toc"]')
    toc = [a.get_text() for a in nav.select(":scope > ol > li > a")]  # its first level
    spine = [doc for doc, linear in epub.spine() if linear == "yes"]
    assert found["readium"] == {
        "title": epub.title,
        "language": language,
        "series": expected_series,
    }
    for engine in ENGINES:
        shown = found[engine]
        where = f"{path.name} in {engine}"
        assert (shown["title"], shown["language"]) == (epub.title, language), where
        if engine == "foliate":  # epub.js reads no series
            assert shown["series"] == expected_series, where
        assert shown["first"]["href"] == "epub-cover.xhtml", where
        assert shown["navTitle"] == CONTENTS[language], where
        assert [entry["label"] for entry in shown["toc"]] == toc, where
        chapter = shown["toc"][min(1, len(toc) - 1)]["href"].split("#")[0]
        heading = epub.page(chapter).h1.get_text()
        assert shown["chapter"]["href"] == chapter, where
        assert shown["chapter"]["text"].startswith(heading), where
        assert shown["last"]["href"] == spine[-1], where
        if link_page(epub):
            link = shown["link"]
            ratio = contrast(link["color"], link["background"])
            assert ratio >= 4.5, f"{where}: {link} ({ratio:.2f}:1)"
            links_checked.append(where)


def shots_folder(tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("READER_SHOTS", tmp_path)) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_librarys_ebooks_read_well_in_every_engine(library_build, tmp_path):
    epubs = epubs_of(library_build / "_build" / "site")
    assert len(epubs) == 10
    build = library_build / "_build"
    series = series_of(library_build / "book", build, ["nl", "en", "de", "fr"])
    assert series["nl/samen-aan-tafel"] == {"name": "Brieven aan ouders", "position": 3}
    links_checked: list[str] = []
    for found in read(epubs, shots_folder(tmp_path, "library")):
        check_as_read(found, series, links_checked)
    # Every e-book but the single-page essay's (slapen: nl, en, de), which has no link.
    assert len(links_checked) == 2 * (len(epubs) - 3), links_checked


def test_the_books_ebooks_read_well_in_every_engine(book_root, builddir, site, tmp_path):
    epubs = epubs_of(site)
    languages = [p.parent.name for p in epubs]
    assert languages == ["de", "en", "nl"]
    series = series_of(book_root, builddir, languages)
    links_checked: list[str] = []
    for found in read(epubs, shots_folder(tmp_path, "book")):
        check_as_read(found, series, links_checked)
    assert len(links_checked) == 2 * len(epubs), links_checked
