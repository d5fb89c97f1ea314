"""End-to-end: the translated editions, the catalogues, and one multilingual site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import manuscript
import polib
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from essaylib.i18n.catalogues import check
from essaylib.model.paths import BuildPaths

pytestmark = pytest.mark.slow


def translations(books):
    return [book for code, book in books.items() if code != book.edition.facts.source_language]


@pytest.mark.parametrize("output", ["html", "epub", "pdf"])
def test_translations_contain_no_dutch_sentence(books, output):
    dutch = [s for s in manuscript.sentences() if len(s.split()) >= 5]
    assert len(dutch) > 250
    for book in translations(books):
        text = manuscript.skeleton(getattr(book, f"{output}_text")())
        left = [s for s in dutch if manuscript.skeleton(s) in text]
        assert not left, f"{book.language} {output}: {len(left)} Dutch sentences, e.g. {left[:2]}"


def test_every_catalogue_is_complete():
    for po_path in sorted((ROOT / "locales").rglob("*.po")):
        po = polib.pofile(str(po_path))
        assert not po.untranslated_entries(), f"{po_path}: untranslated entries"
        assert not po.fuzzy_entries(), f"{po_path}: fuzzy entries"


def test_catalogues_pass_every_check(tmp_path):
    """No problem in any catalogue; the reviewer's warnings (glossary, the author's
    spelling) are counted, not failed on."""
    problems, notes = check(BuildPaths.of(ROOT, tmp_path))
    assert [str(p) for p in problems] == []
    assert [str(n) for n in notes if not n.message.startswith("warning:")] == []
    print(f"\ncheck-po: {len(notes)} warnings")


def test_editions_are_in_their_language(books):
    for book in books.values():
        assert book.edition.title
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
                continue  # its links are absolute, for any depth: test_site checks them
            links = [a["href"] for a in soup.select(".sidebar-languages a[href]")]
            alternates = {
                link["hreflang"]: link["href"]
                for link in soup.select('link[rel="alternate"][hreflang]')
            }
            assert set(alternates) == {*books, "x-default"}, page
            assert len(links) == len(books)  # the others, and the status page
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


def refresh(copy: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "essaylib.i18n.catalogues", "update", "--root", str(copy)],
        check=True,
        capture_output=True,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.po"))}


def test_refresh_without_source_change_changes_nothing(book_copy):
    copy = book_copy
    before = snapshot(copy / "locales")
    refresh(copy)
    assert snapshot(copy / "locales") == before


def introduction(book: Path, language: str) -> Path:
    return (
        book
        / "locales"
        / language
        / "LC_MESSAGES"
        / "relatietherapie-voor-de-kinderen"
        / "inleiding.po"
    )


def test_source_edit_keeps_the_translation_as_fuzzy(book_copy):
    copy = book_copy
    chapter = copy / "docs" / "relatietherapie-voor-de-kinderen" / "inleiding.md"
    text = chapter.read_text(encoding="utf-8")
    edited = "Daarom zeggen wij:"
    removed = "En precies dáárom, doen we het voor de kinderen."
    assert edited in text and removed in text
    chapter.write_text(
        text.replace(edited, "Daarom zeggen wij samen:").replace(removed + "\n", ""),
        encoding="utf-8",
    )
    old = {lang: polib.pofile(str(introduction(copy, lang))) for lang in ("en", "de")}
    refresh(copy)
    for lang, before in old.items():
        after = polib.pofile(str(introduction(copy, lang)))
        entry = after.find("Daarom zeggen wij samen:")
        assert entry and entry.fuzzy, lang
        assert entry.previous_msgid == edited
        assert entry.msgstr == before.find(edited).msgstr  # the translator's work is kept
        gone = after.find(removed, include_obsolete_entries=True)
        assert gone and gone.obsolete and gone.msgstr == before.find(removed).msgstr


def test_a_translation_changes_words_never_markup(books, source_book):
    """Every page, every e-book document and the PDF's LaTeX of each translation has
    exactly the markup of the Dutch: the translators' catalogues bring in words only."""
    import zipfile

    from skeleton import difference, html_skeleton, tex_skeleton

    pages = sorted(
        p.relative_to(source_book.html_dir) for p in source_book.html_dir.rglob("*.html")
    )
    with zipfile.ZipFile(source_book.epub) as z:
        documents = {n: z.read(n) for n in z.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))}
    tex = tex_skeleton(source_book.tex.read_text(encoding="utf-8"))
    for book in translations(books):
        for page in pages:
            a = html_skeleton((source_book.html_dir / page).read_bytes())
            b = html_skeleton((book.html_dir / page).read_bytes())
            assert a == b, f"{book.language} {page}: {difference(a, b)}"
        with zipfile.ZipFile(book.epub) as z:
            for name, data in documents.items():
                a, b = html_skeleton(data), html_skeleton(z.read(name))
                assert a == b, f"{book.language} {name}: {difference(a, b)}"
        other = tex_skeleton(book.tex.read_text(encoding="utf-8"))
        assert tex == other, f"{book.language}: {difference(tex, other)}"
    print(
        f"\nskeletons: {len(pages)} pages, {len(documents)} e-book documents and the LaTeX "
        f"of {len(translations(books))} translations match the original's"
    )
