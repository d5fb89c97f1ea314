from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

from bookfacts import Edition, load_facts  # noqa: E402
from publish import copy_sources, edition  # noqa: E402

OPF = "{http://www.idpf.org/2007/opf}"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots for sphinx.testing's ``app`` fixture."""
    return ROOT / "tests" / "roots"


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A copy of the book's sources, to change and build in a test."""
    return copy_sources(tmp_path / "book")


@pytest.fixture(scope="session")
def facts() -> dict:
    return load_facts(ROOT)


@pytest.fixture(scope="session")
def builddir() -> Path:
    """The real book, built once per test run exactly as `make` builds it."""
    out = ROOT / "_build"
    subprocess.run([sys.executable, str(ROOT / "tools" / "publish.py"), "--builddir", str(out)],
                   check=True, cwd=ROOT)
    return out


@pytest.fixture(scope="session")
def site(builddir: Path) -> Path:
    return builddir / "site"


class Book:
    """One language's published outputs, and their text in reading order."""

    def __init__(self, site: Path, builddir: Path, edition: Edition) -> None:
        self.language = edition.language
        self.edition = edition
        self.html_dir = site / edition.language
        self.epub = site / "downloads" / f"{edition.basename}.epub"
        self.pdf = site / "downloads" / f"{edition.basename}.pdf"
        self.latex_log = builddir / edition.language / "latex" / f"{edition.basename}.log"

    def html_pages(self) -> list[Path]:
        """The pages in reading order, following each page's "next" link from the landing page."""
        pages, page = [], self.html_dir / "index.html"
        while page is not None:
            pages.append(page)
            link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
                "a.next-page")
            page = (page.parent / link["href"]).resolve() if link else None
        return pages

    def html_text(self) -> str:
        return "\n".join(
            BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            .select_one("article[role=main]").get_text("\n")
            for p in self.html_pages())

    def epub_documents(self) -> list[str]:
        with zipfile.ZipFile(self.epub) as z:
            opf = ElementTree.fromstring(z.read("content.opf"))
            hrefs = {i.get("id"): i.get("href") for i in opf.iter(f"{OPF}item")}
            return [z.read(hrefs[ref.get("idref")]).decode()
                    for ref in opf.iter(f"{OPF}itemref")]

    def epub_text(self) -> str:
        return "\n".join(BeautifulSoup(d, "html.parser").body.get_text("\n")
                         for d in self.epub_documents())

    def pdf_language(self) -> str | None:
        """The document language in the PDF's catalogue (often inside a compressed stream)."""
        data = self.pdf.read_bytes()
        chunks = [data]
        for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            with contextlib.suppress(zlib.error):
                chunks.append(zlib.decompress(stream.group(1)))
        for chunk in chunks:
            if found := re.search(rb"/Lang\s*\(([^)]*)\)", chunk):
                return found.group(1).decode()
        return None

    def pdf_text(self, body_only: bool = True) -> str:
        # A5 is 420 x 595 pt; the running head and page number sit in the top 2 cm and
        # bottom 2.2 cm, which would otherwise interrupt sentences across pages.
        crop = ["-x", "0", "-y", "57", "-W", "420", "-H", "476"] if body_only else []
        return subprocess.run(["pdftotext", *crop, str(self.pdf), "-"], check=True,
                              capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def books(site: Path, builddir: Path, facts: dict) -> dict[str, Book]:
    return {lang: Book(site, builddir, edition(lang)) for lang in facts["languages"]}


@pytest.fixture(scope="session")
def source_book(books: dict[str, Book], facts: dict) -> Book:
    return books[facts["languages"][0]]
