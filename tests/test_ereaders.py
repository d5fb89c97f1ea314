"""The Kindle and Kobo editions of every e-book of the test library (tests/library, built
as `make` builds it): made by real calibre from the EPUB, read back by calibre's own
ebook-meta; the Kobo edition checked by EPUBCheck, with Kobo's spans and every word of
the EPUB; both listed on the downloads pages with their sizes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import checkers
import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import EPOCH, epub_documents

from essaylib.model.facts import load_edition
from essaylib.model.library import Ebook, download_path, load_library
from essaylib.model.paths import BuildPaths
from essaylib.outputs import ereaders
from essaylib.sphinxext.downloads import file_size

pytestmark = pytest.mark.slow
LANGUAGES = {"nl": "nld", "en": "eng", "de": "deu", "fr": "fra"}  # calibre's codes


def ebooks(library_build: Path) -> list[tuple[str, Ebook]]:
    book = library_build / "book"
    paths = BuildPaths.of(book, library_build / "_build")
    return [
        (language, ebook)
        for language in LANGUAGES
        for ebook in load_library(paths, load_edition(book, language, paths.compiled_locales))[1]
    ]


def site_file(library_build: Path, language: str, ebook: Ebook, kind: str) -> Path:
    return library_build / "_build" / "site" / download_path(language, ebook, kind)


def test_every_ebook_has_a_kindle_edition_calibre_reads_as_the_epub(library_build, tmp_path):
    found = ebooks(library_build)
    assert len(found) == 10  # nl and en: three essays and the library; de, fr: one essay
    for language, ebook in found:
        azw3 = site_file(library_build, language, ebook, "azw3")
        meta = checkers.ebook_meta(azw3, tmp_path)
        assert meta["Title"] == ebook.title, azw3
        assert meta["Languages"] == LANGUAGES[language], azw3
        # The only identifier is the EPUB's own UUID (calibre's ASIN record): nothing of
        # calibre's invention, no ISBN, no other ASIN.
        assert meta["Identifiers"] == f"mobi-asin:{ebook.uid.removeprefix('urn:uuid:')}", azw3
        assert ereaders.epub_identifier(site_file(library_build, language, ebook, "epub")) == (
            ebook.uid
        )


def test_two_kindle_editions_of_one_epub_hold_the_same(library_build, tmp_path):
    """Two conversions of one EPUB hold the same metadata and text (calibre 6.13 is not
    byte for byte reproducible: outputs.ereaders says why); the headers it dated and
    numbered at random are the build's."""
    language, ebook = ebooks(library_build)[1]
    built = site_file(library_build, language, ebook, "azw3")
    again = tmp_path / "again.azw3"
    ereaders.kindle(site_file(library_build, language, ebook, "epub"), again, tmp_path / "c", EPOCH)
    assert checkers.ebook_meta(again, tmp_path) == checkers.ebook_meta(built, tmp_path)
    assert checkers.calibre_text(again, tmp_path) == checkers.calibre_text(built, tmp_path)
    headers = [f.read_bytes()[: ereaders.PDB_DATES + 8] for f in (again, built)]
    assert headers[0] == headers[1]
    assert headers[0][ereaders.PDB_DATES :] == int(EPOCH).to_bytes(4, "big") * 2


def test_a_failed_conversion_names_the_ebook(library_build, tmp_path):
    language, ebook = ebooks(library_build)[0]
    broken = tmp_path / "broken.epub"
    epub = site_file(library_build, language, ebook, "epub")
    with zipfile.ZipFile(epub) as book, zipfile.ZipFile(broken, "w") as copy:
        for name in ("mimetype", "META-INF/container.xml", "content.opf"):
            copy.writestr(name, book.read(name))  # the package, without its documents
    with pytest.raises(ereaders.ConversionFailed, match=r"^broken\.epub: calibre could not"):
        ereaders.kindle(broken, tmp_path / "broken.azw3", tmp_path / "calibre", EPOCH)


def kepubs(library_build: Path) -> list[Path]:
    return [
        site_file(library_build, lang, book, "kepub.epub") for lang, book in ebooks(library_build)
    ]


def test_epubcheck_passes_every_kobo_edition(library_build):
    """Kobo's spans and divs are plain XHTML: the KEPUB is as valid as its EPUB."""
    assert checkers.epubcheck_problems(kepubs(library_build)) == {}


def words(documents: list[str]) -> list[str]:
    return [" ".join(BeautifulSoup(d, "html.parser").body.get_text(" ").split()) for d in documents]


def test_every_sentence_of_the_epub_is_in_its_kobo_edition_in_a_kobo_span(library_build):
    for language, ebook in ebooks(library_build):
        epub = site_file(library_build, language, ebook, "epub")
        kepub = site_file(library_build, language, ebook, "kepub.epub")
        assert words(epub_documents(kepub)) == words(epub_documents(epub)), kepub
        for document in epub_documents(kepub)[1:]:  # after the cover page
            page = BeautifulSoup(document, "html.parser")
            assert page.select_one("body > div#book-columns > div#book-inner"), kepub
            for paragraph in page.select("p"):
                if paragraph.get_text().strip():
                    assert paragraph.select("span.koboSpan"), (kepub, paragraph)
            ids = [span["id"] for span in page.select("span.koboSpan")]
            assert len(ids) == len(set(ids)) and all(
                re.fullmatch(r"kobo\.\d+\.\d+", i) for i in ids
            )


def test_the_downloads_page_lists_the_editions_with_their_sizes(library_build):
    for language, ebook in ebooks(library_build):
        page = library_build / "_build" / "site" / language / "downloads.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for kind, label, css in (("azw3", "Kindle", "azw3"), ("kepub.epub", "Kobo", "kepub")):
            file = site_file(library_build, language, ebook, kind)
            [link] = soup.select(f'a.download-{css}[href$="/{file.name}"]')
            assert link.get_text() == f"{label} ({file_size(file.stat().st_size, language)})"


def test_the_catalogue_offers_the_editions_with_their_types_and_sizes(library_build):
    for language, ebook in ebooks(library_build):
        catalogue = feedparser.parse(library_build / "_build" / "site" / language / "opds-all.xml")
        [entry] = [e for e in catalogue.entries if e.id == ebook.uid]
        links = {link.type: link for link in entry.links if link.rel.endswith("/acquisition")}
        for kind, media_type in (
            ("azw3", "application/x-mobi8-ebook"),
            ("kepub.epub", "application/kepub+zip"),
        ):
            file = site_file(library_build, language, ebook, kind)
            assert links[media_type].href.endswith(f"downloads/{language}/{file.name}")
            assert links[media_type].length == str(file.stat().st_size)
