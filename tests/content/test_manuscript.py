"""Content gates of this repository's book alone: its outputs against the manuscript it
was made from (tests/data/manuscript.txt, corrected as CORRECTIONS.md lists). Another
library (--book) has no manuscript here: these are skipped for it."""

from __future__ import annotations

import zipfile

import manuscript
import pypdf
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def this_repositorys_book(book_root):
    if book_root != ROOT:
        pytest.skip(f"{book_root} is not the book of tests/data/manuscript.txt")


@pytest.mark.parametrize("output", ["html", "epub", "pdf"])
def test_every_sentence_reaches_the_reader_in_order(source_book, output):
    text = getattr(source_book, f"{output}_text")()
    missing = manuscript.missing_in_order(manuscript.sentences(), text)
    assert missing == [], f"{len(missing)} missing or out of order in {output}"


def test_headings_match_the_manuscript(source_book):
    chapters, sections = manuscript.headings()
    pages = [
        BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in source_book.html_pages()
    ]
    h1 = [p.select_one("article h1").get_text().strip("¶ \n") for p in pages]
    h2 = [h.get_text().strip("¶ \n") for p in pages for h in p.select("article h2")]
    assert h1[-len(chapters) :] == chapters
    assert h1[:2] == [manuscript.title()] * 2  # the landing page, then the essay
    assert h2 == sections


def test_epub_toc_matches_the_chapters(source_book):
    chapters, _ = manuscript.headings()
    with zipfile.ZipFile(source_book.epub) as z:
        nav = BeautifulSoup(z.read("nav.xhtml"), "html.parser")
    entries = [a.get_text().strip() for a in nav.select("nav a")]
    assert [e for e in entries if e in chapters] == chapters


def test_quotations_are_set_as_quotations(source_book):
    html = "".join(p.read_text(encoding="utf-8") for p in source_book.html_pages())
    soup = BeautifulSoup(html, "html.parser")
    sources = [a.get_text() for a in soup.select("blockquote .attribution")]
    assert sources == ["—Jan Bommerez", "—Dan Siegel", "—Jan Bommerez"]
    assert len(soup.select("blockquote")) == 9
    pdf = source_book.pdf_text()
    assert pdf.count("— Jan Bommerez") == 2 and pdf.count("— Dan Siegel") == 1
    assert "---" not in pdf


def test_the_letter_and_its_contact_line(source_book):
    soup = BeautifulSoup(
        "".join(p.read_text(encoding="utf-8") for p in source_book.html_pages()), "html.parser"
    )
    assert soup.select_one(".letter").p.get_text() == "Lieve ouders,"
    everything = soup.get_text() + source_book.epub_text() + source_book.pdf_text()
    assert manuscript.CONTACT_ARTIFACT not in everything
    assert "Mail me" not in everything  # the manuscript lost its address: no line


def test_pdf_has_title_page_contents_and_chapters_on_new_pages(source_book):
    chapters, _ = manuscript.headings()
    pages = source_book.pdf_text(body_only=False).split("\f")
    assert manuscript.title() in pages[0].replace("\n", " ")
    assert "Inhoudsopgave" in pages[1]
    for chapter in chapters:
        first_words = " ".join(chapter.split()[:3])
        starts = [p for p in pages if p.strip().replace("\n", " ").startswith(first_words)]
        assert starts, f"no page begins with the chapter {chapter!r}"


def outline(items: list) -> list[str]:
    titles = []
    for item in items:
        titles += outline(item) if isinstance(item, list) else [item.title]
    return titles


def test_pdf_outline(books):
    chapters, _ = manuscript.headings()
    for book in books.values():
        titles = outline(pypdf.PdfReader(book.pdf).outline)
        assert len(titles) == len(chapters) + len(manuscript.SECTION_LINES), titles
        if book.language == book.edition.facts.source_language:
            assert [t for t in titles if t in chapters] == chapters


@pytest.mark.parametrize("output", ["html", "epub", "pdf"])
def test_translations_contain_no_dutch_sentence(books, output):
    dutch = [s for s in manuscript.sentences() if len(s.split()) >= 5]
    assert len(dutch) > 250
    for book in books.values():
        if book.language == book.edition.facts.source_language:
            continue
        text = manuscript.skeleton(getattr(book, f"{output}_text")())
        left = [s for s in dutch if manuscript.skeleton(s) in text]
        assert left == [], f"{book.language} {output}: {len(left)} Dutch sentences"
