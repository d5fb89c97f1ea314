"""Content gates: the quality gates, with the real tools, on every output of every
published language of the book (--book):
Ace by DAISY on the EPUBs, axe-core (Chromium) and the Nu HTML Checker on every page
of the site, the PDF's outline and log, and reproducible outputs. Each prints its figures."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import subprocess
from pathlib import Path

import checkers
import polib
import pytest
import webservers
from conftest import GATES, publish

from essaylib.i18n.words import SEARCH_FOUND_MANY

pytestmark = pytest.mark.slow


def site_pages(site: Path) -> list[Path]:
    # The entry page only sends the reader on to a language; it is checked by vnu.
    return sorted(
        p for p in site.rglob("*.html") if "_static" not in p.parts and p != site / "index.html"
    )


def test_ace_finds_no_serious_problem(books, tmp_path):
    counts, serious = {}, {}
    for book in books.values():
        for ebook in book.ebooks:
            name = f"{book.language}/{ebook.basename}"
            serious[name], counts[name] = checkers.ace(book.epub_of(ebook), tmp_path / name)
    assert {name: found for name, found in serious.items() if found} == {}
    print(f"\nAce by DAISY, violations by impact per e-book: {counts}")


@pytest.fixture(scope="module")
def served(site):
    """The site on a local web server, as a host serves it (tests/webservers.py)."""
    with webservers.served(site) as base:
        yield base


def test_axe_finds_no_violation(site, served):
    pages = site_pages(site)
    urls = [served + p.relative_to(site).as_posix() for p in pages]
    run = subprocess.run(["node", str(GATES / "axe.mjs"), *urls], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    violations = json.loads(run.stdout)
    print(
        f"\naxe-core (WCAG 2.1 A/AA and 2.2 AA): {len(pages)} pages x 2 widths x 2 schemes, "
        f"{len(violations)} violations"
    )
    assert not violations, json.dumps(violations[:5], indent=1)


def test_nu_html_checker_finds_no_error(site):
    jar = GATES / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    run = subprocess.run(
        [
            "java",
            "-jar",
            str(jar),
            "--errors-only",
            "--format",
            "json",
            "--skip-non-html",
            str(site),
        ],
        capture_output=True,
        text=True,
    )
    errors = json.loads(run.stderr)["messages"]
    pages = len(list(site.rglob("*.html")))
    print(f"\nNu HTML Checker: {pages} pages, {len(errors)} errors")
    assert not errors, errors[:5]


def test_pdf_log_has_no_overfull_line_nor_missing_character(books):
    for book in books.values():
        for ebook in book.ebooks:
            log = book.latex_log_of(ebook).read_text(encoding="utf-8", errors="replace")
            overfull = [
                float(w) for w in re.findall(r"Overfull \\[hv]box \((\d+\.?\d*)pt too", log)
            ]
            assert [w for w in overfull if w > 1] == [], f"{book.language}: overfull boxes"
            assert "Missing character" not in log


def test_languages_built_apart_make_the_same_site(book_root, site, books, tmp_path):
    """Each language built on its own (as on a machine of its own), then gathered and
    assembled: byte for byte the site one whole build makes. Two clean builds, each in
    its own folder (catalogues, covers and all): the build is also reproducible."""
    gathered = tmp_path / "gathered"
    for language in books:
        publish(book_root, tmp_path / language, "--languages", language, "--no-site")
        shutil.copytree(tmp_path / language / language, gathered / language)
    publish(book_root, gathered, "assemble")
    one, two = site, gathered / "site"
    files = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(two)) for p in two.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    # calibre 6.13's Kindle editions are not byte for byte reproducible (outputs.ereaders
    # says why): what calibre reads of them must be the same.
    kindle = [name for name in mismatch if name.endswith(".azw3")]
    assert ([n for n in mismatch if n not in kindle], errors) == ([], [])
    for name in kindle:
        read = [checkers.ebook_meta(site / name, tmp_path) for site in (one, two)]
        assert read[0] == read[1], name
        texts = [
            checkers.calibre_text(s / name, tmp_path / f"read-{i}")
            for i, s in enumerate((one, two))
        ]
        assert texts[0] == texts[1], name
    print(f"\nreproducible: {len(files) - len(kindle)} files byte-identical, whole and sharded")


def search_word(title: str) -> str:
    """The longest word of a title: one the search finds on more than one page."""
    return max(re.findall(r"\w+", title), key=len).lower()


def test_search_finds_and_says_how_many_in_every_language(book_root, site, served, books):
    """The search, in a browser, in the book's own language and every translation: it
    throws nothing and says in the reader's language (its sphinx.po) how many pages it
    found."""
    urls = [
        f"{served}{language}/search.html?q={search_word(book.ebook.title)}"
        for language, book in books.items()
    ]
    run = subprocess.run(["node", str(GATES / "search.mjs"), *urls], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    said = {r["url"].split("/")[-2]: r for r in json.loads(run.stdout)}
    assert sorted(said) == sorted(books)
    for language, result in said.items():
        chrome = book_root / "locales" / language / "LC_MESSAGES" / "sphinx.po"
        entry = polib.pofile(str(chrome)).find(SEARCH_FOUND_MANY) if chrome.is_file() else None
        words = entry.msgstr if entry and entry.msgstr else SEARCH_FOUND_MANY
        assert result["errors"] == [], (language, result)
        assert result["results"] > 1, (language, result)
        assert result["status"] == words.replace("${resultCount}", str(result["results"]))
    print("\nsearch: " + ", ".join(f"{k} {v['results']} pages" for k, v in said.items()))
