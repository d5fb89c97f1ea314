"""Content gates: what a reader, a browser and a search engine get from the book's site
(--book), in every published language."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from manuscript import skeleton

from essaylib.outputs.publish import write_sitemap
from essaylib.sphinxext.downloads import FORMATS, file_size

pytestmark = pytest.mark.slow


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_a_description_card_and_icon(books):
    for book in books.values():
        for page in book.html_dir.rglob("*.html"):
            if page.name in ("search.html", "404.html"):
                continue
            head = soup(page).head
            description = head.select_one('meta[name="description"]')
            assert description and len(description["content"]) > 20, page
            for prop in ("og:title", "og:description", "og:image", "og:site_name"):
                assert head.select_one(f'meta[property="{prop}"]'), (page, prop)
            assert head.select_one('meta[name="twitter:card"]'), page
            assert head.select_one('link[rel~="icon"]'), page


def test_landing_and_downloads_pages(books, site):
    for book in books.values():
        landing = soup(book.html_dir / "index.html")
        cards = landing.select(".library-card")
        titles = [c.select_one(".library-card-title").get_text() for c in cards]
        assert sorted(titles) == sorted(e.title for e in book.essays if e.complete)
        for card in cards:
            assert (book.html_dir / card.img["src"]).is_file()
            assert (card.img["width"], card.img["height"]) == ("320", "480")  # no layout shift
            # a picture beside its title, not a nameless link
            assert card.img.parent.name == "div", card.img.parent
            for link in card.select(".library-card-downloads a"):
                assert (book.html_dir / link["href"]).resolve().is_file()
        sidebar = landing.select_one(".sidebar-downloads a")
        assert (book.html_dir / sidebar["href"]).is_file()
        page = soup(book.html_dir / "downloads.html")
        # Its own e-books (EPUB, PDF, Kindle, Kobo), each with its file's size; then every
        # other language's page.
        downloads = page.select("ul.book-downloads a[class^='download-']")
        assert sorted((book.html_dir / a["href"]).resolve() for a in downloads) == sorted(
            p.resolve() for e in book.ebooks for p in book.editions_of(e).values()
        )
        for link in downloads:
            file = (book.html_dir / link["href"]).resolve()
            ending = max((k for k in FORMATS if file.name.endswith(f".{k}")), key=len)
            size = file_size(file.stat().st_size, book.language)
            assert link.get_text() == f"{FORMATS[ending]} ({size})"
        others = page.select("ul.book-downloads a.language")
        assert sorted(a["lang"] for a in others) == sorted(set(books) - {book.language})
        for link in others:
            assert (book.html_dir / link["href"]).resolve() == (
                site / link["lang"] / "downloads.html"
            )
        catalogue = page.select_one(".opds-hint a")
        assert (book.html_dir / catalogue["href"]).is_file()


def test_a_404_page_in_every_language(books, site):
    for book in books.values():
        page = soup(book.html_dir / "404.html")
        assert page.html["lang"] == book.language
        link = page.select_one("article p a")
        assert link["href"].startswith(f"/{book.language}/")
        others = [a["href"] for a in page.select(".sidebar-languages a[hreflang]")]
        assert len(others) == len(books) - 1
        assert all(h.startswith("/") and h.endswith("/404.html") for h in others)
    assert (site / "404.html").is_file()


def test_interface_is_in_the_page_language(books):
    english = [
        "Next",
        "Previous",
        "On this page",
        "Toggle site navigation sidebar",
        "Skip to content",
        "Back to top",
        "Search",
        "Light mode",
        "Contents",
    ]
    for book in books.values():
        if book.language == "en":
            continue
        for page in book.html_pages():
            text = page.read_text(encoding="utf-8")
            left = [
                w for w in english if f">{w}<" in text or f'"{w}"' in text or f"\n{w}\n" in text
            ]
            left += ["Toggle navigation of"] if "Toggle navigation of" in text else []
            assert left == [], f"{page}: {left}"


def test_sitemap_lists_every_page_with_its_languages(site, books, tmp_path):
    copy = shutil.copytree(site, tmp_path / "site")
    write_sitemap(copy, "https://boek.example/", list(books))
    root = ElementTree.parse(copy / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = root.findall("s:url", ns)
    pages = [
        p
        for b in books.values()
        for p in b.html_dir.rglob("*.html")
        if p.name not in ("search.html", "404.html")
    ]
    assert len(urls) == len(pages)
    for url in urls:
        langs = {link.get("hreflang") for link in url.findall("x:link", ns)}
        assert langs == {*books, "x-default"}
        assert url.find("s:loc", ns).text.startswith("https://boek.example/")


def test_printing_a_chapter_gives_clean_pages(source_book, tmp_path):
    """A chapter printed from the browser: its words, none of the page's chrome (the
    languages, search, downloads and next-page labels, the other languages' names)."""
    page = source_book.html_pages()[-1]
    html = soup(page)
    first = html.select_one("article p").get_text()
    languages = html.select_one("#sidebar-languages-caption")  # none for one language
    chrome = [
        *([languages.get_text().strip()] if languages else []),
        html.select_one('link[rel="search"]')["title"],
        html.select_one(".sidebar-downloads a").get_text().strip(),
        *[a.get_text().strip() for a in html.select(".sidebar-languages a[hreflang]")],
        *[s.get_text().strip() for s in html.select(".prev-page .context span")],
    ]
    pdf = tmp_path / "print.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            f"--user-data-dir={tmp_path / 'p'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert skeleton(first) in skeleton(text)
    assert [w for w in chrome if w in text] == []


def test_feeds_and_catalogue_of_every_language(books, site):
    """Valid against the OPDS RELAX NG schema (which includes Atom's), read back by a real
    feed parser, every link leading to a file of the site with the size it says."""
    import feedparser

    schema = ROOT / "tests" / "data" / "schema" / "opds.rnc"
    for book in books.values():
        folder = book.html_dir
        for name in ("feed.atom", "opds.xml", "opds-all.xml"):
            run = subprocess.run(
                ["jing", "-c", str(schema), str(folder / name)], capture_output=True, text=True
            )
            assert run.returncode == 0, f"{book.language} {name}: {run.stdout}"
        feed = feedparser.parse(folder / "feed.atom")
        assert not feed.bozo and [e.title for e in feed.entries] == [e.title for e in book.essays]
        assert feed.entries[0].summary == book.essays[0].summary
        catalogue = feedparser.parse(folder / "opds-all.xml")
        assert [(e.title, e.id) for e in catalogue.entries] == [
            (b.title, b.uid) for b in book.ebooks
        ]
        for link in [link for entry in catalogue.entries for link in entry.links]:
            target = (folder / link.href).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), link.href
            if link.rel == "http://opds-spec.org/acquisition":
                assert int(link.length) == target.stat().st_size
        chapter = book.html_pages()[-1]
        page = soup(chapter)
        assert page.select_one('meta[property="og:type"]')["content"] == "article"
        for kind, name in (
            ("application/atom+xml", "feed.atom"),
            ("application/atom+xml;profile=opds-catalog", "opds.xml"),
        ):
            href = page.select_one(f'link[type="{kind}"]')["href"]
            assert (chapter.parent / href).resolve() == (folder / name).resolve(), href
