"""Content gates: the book's (--book) editions and catalogues, and one multilingual site.
A translation in progress is a state the engine supports: it is built and left out of
the site, never a failure; what is published must be whole."""

from __future__ import annotations

import zipfile

import polib
import pytest
from bs4 import BeautifulSoup
from skeleton import difference, html_skeleton, tex_skeleton

from essaylib.i18n.catalogues import check
from essaylib.model.paths import BuildPaths

pytestmark = pytest.mark.slow


def translations(books):
    return [book for code, book in books.items() if code != book.edition.facts.source_language]


def test_catalogues_pass_every_check(book_root, tmp_path):
    """No problem in any catalogue; the reviewer's warnings (glossary, the author's
    spelling) and what is left to translate are counted, not failed on."""
    problems, notes = check(BuildPaths.of(book_root, tmp_path))
    assert [str(p) for p in problems] == []
    assert [str(n) for n in notes if not n.message.startswith("warning:")] == []
    left = {
        po.relative_to(book_root).as_posix(): len(polib.pofile(str(po)).untranslated_entries())
        for po in sorted((book_root / "locales").rglob("*.po"))
    }
    print(f"\ncheck-po: {len(notes)} warnings; left to translate: {sum(left.values())}")


def test_editions_are_in_their_language(book_root, books, facts):
    for book in books.values():
        title = facts.title
        if book.language != facts.source_language:
            po = book_root / "locales" / book.language / "LC_MESSAGES" / "book.po"
            entry = polib.pofile(str(po)).find(facts.title) if po.is_file() else None
            title = entry.msgstr if entry and entry.msgstr and not entry.fuzzy else facts.title
        assert book.edition.title == title
        soup = BeautifulSoup(
            (book.html_dir / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        assert soup.html["lang"] == book.language
        assert soup.title.get_text().strip().endswith(book.edition.title)
        log = book.latex_log.read_text(encoding="utf-8", errors="replace")
        assert "No hyphenation patterns" not in log


def test_every_language_link_points_to_a_page(site, books):
    for book in books.values():
        for page in book.html_dir.rglob("*.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            assert soup.html["lang"] == book.language, page
            if page.name == "404.html":
                continue  # its links are absolute, for any depth: test_site_pages checks them
            links = [a["href"] for a in soup.select(".sidebar-languages a[href]")]
            alternates = {
                link["hreflang"]: link["href"]
                for link in soup.select('link[rel="alternate"][hreflang]')
            }
            assert set(alternates) == {*books, "x-default"}, page
            # The others, and the status page; a library of one language has no switcher.
            assert len(links) == (len(books) if len(books) > 1 else 0)
            for href in [h for h in [*links, *alternates.values()] if h != "#"]:
                target = (page.parent / href).resolve()
                assert target.is_file(), f"{page}: {href} does not exist"
                assert target.is_relative_to(site.resolve())


def test_entry_page_offers_every_language(site, books):
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["hreflang"]: a["href"] for a in soup.select("a[hreflang]")}
    assert hrefs == {code: f"{code}/index.html" for code in books}
    assert "navigator.languages" in soup.script.get_text()
    for book in books.values():
        assert book.edition.title in soup.get_text()


def test_a_translation_changes_words_never_markup(books, source_book):
    """Every page, every e-book document and the PDF's LaTeX of each translation has
    exactly the markup of the original: the translators' catalogues bring in words only.
    A translation that holds every essay has every page of the original."""
    pages = sorted(
        p.relative_to(source_book.html_dir) for p in source_book.html_dir.rglob("*.html")
    )
    originals = {e.root: e for e in source_book.ebooks}
    compared = 0
    for book in translations(books):
        own = sorted(p.relative_to(book.html_dir) for p in book.html_dir.rglob("*.html"))
        if all(e.complete for e in book.essays):
            assert own == pages, book.language
        for page in sorted(set(pages) & set(own)):
            a = html_skeleton((source_book.html_dir / page).read_bytes())
            b = html_skeleton((book.html_dir / page).read_bytes())
            assert a == b, f"{book.language} {page}: {difference(a, b)}"
            compared += 1
        for ebook in book.ebooks:
            original = originals[ebook.root]
            with (
                zipfile.ZipFile(source_book.epub_of(original)) as za,
                zipfile.ZipFile(book.epub_of(ebook)) as zb,
            ):
                names = [n for n in za.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))]
                for name in names:
                    a, b = html_skeleton(za.read(name)), html_skeleton(zb.read(name))
                    assert a == b, f"{book.language} {name}: {difference(a, b)}"
            tex = [
                tex_skeleton((b.latex_dir / f"{e.basename}.tex").read_text(encoding="utf-8"))
                for b, e in ((source_book, original), (book, ebook))
            ]
            assert tex[0] == tex[1], f"{book.language}: {difference(*tex)}"
    print(f"\nskeletons: {compared} pages of {len(translations(books))} translations match")
