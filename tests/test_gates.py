"""The quality gates, with the real tools, on every output of every language:
Ace by DAISY on the EPUBs, axe-core (Chromium) and the Nu HTML Checker on every page
of the site, the PDF's outline and log, and reproducible outputs. Each prints its figures."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import hosting
import manuscript
import pypdf
import pytest
from conftest import GATES, ROOT, publish

pytestmark = pytest.mark.slow
BROWSER = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"}


def site_pages(site: Path) -> list[Path]:
    # The entry page only sends the reader on to a language; it is checked by vnu.
    return sorted(
        p for p in site.rglob("*.html") if "_static" not in p.parts and p != site / "index.html"
    )


def test_ace_finds_no_serious_problem(books, tmp_path):
    counts = {}
    for book in books.values():
        out = tmp_path / book.language
        run = subprocess.run(
            [
                str(GATES / "node_modules" / ".bin" / "ace-cli"),
                "--silent",
                "--outdir",
                str(out),
                str(book.epub),
            ],
            capture_output=True,
            text=True,
            env=BROWSER,
            timeout=600,
        )
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        found = Counter(
            a["earl:test"]["earl:impact"]
            for doc in report["assertions"]
            for a in doc.get("assertions", [])
        )
        counts[book.language] = dict(found)
        serious = [
            (doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"])
            for doc in report["assertions"]
            for a in doc.get("assertions", [])
            if a["earl:test"]["earl:impact"] in ("critical", "serious")
        ]
        assert not serious, f"{book.language}: {serious[:5]}\n{run.stdout[-500:]}"
    print(f"\nAce by DAISY, violations by impact per language: {counts}")


@pytest.fixture(scope="module")
def served(site):
    """The site on a local web server, as a host serves it (tests/hosting.py)."""
    with hosting.served(site) as base:
        yield base


def test_axe_finds_no_violation(site, served):
    pages = site_pages(site)
    urls = [served + p.relative_to(site).as_posix() for p in pages]
    run = subprocess.run(
        ["node", str(GATES / "axe.mjs"), *urls], capture_output=True, text=True, timeout=1800
    )
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


def outline(items: list) -> list[str]:
    titles = []
    for item in items:
        titles += outline(item) if isinstance(item, list) else [item.title]
    return titles


def test_pdf_outline_and_log(books):
    chapters, _ = manuscript.headings()
    for book in books.values():
        titles = outline(pypdf.PdfReader(book.pdf).outline)
        assert len(titles) == len(chapters) + len(manuscript.SECTION_LINES), titles
        if book.language == book.edition.facts.source_language:
            assert [t for t in titles if t in chapters] == chapters
        log = book.latex_log.read_text(encoding="utf-8", errors="replace")
        overfull = [float(w) for w in re.findall(r"Overfull \\[hv]box \((\d+\.?\d*)pt too", log)]
        assert all(w <= 1 for w in overfull), f"{book.language}: overfull boxes {overfull}"
        assert "Missing character" not in log


def test_languages_built_apart_make_the_same_site(site, books, tmp_path):
    """Each language built on its own (as on a machine of its own), then gathered and
    assembled: byte for byte the site one whole build makes. Two clean builds, each in
    its own folder (catalogues, covers and all): the build is also reproducible."""
    gathered = tmp_path / "gathered"
    for language in books:
        publish(ROOT, tmp_path / language, "--languages", language, "--no-site")
        shutil.copytree(tmp_path / language / language, gathered / language)
    publish(ROOT, gathered, "assemble")
    one, two = site, gathered / "site"
    files = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(two)) for p in two.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(one, two, files, shallow=False)
    assert not mismatch and not errors, mismatch[:10]
    print(f"\nreproducible: {len(files)} files byte-identical, whole and sharded")


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("de/html/leak.html", "is a link or a special file"),
        ("de/epub/wir-gehen-fur-die-kinder-in-paartherapie.epub", "is not a regular file"),
        ("de/html/_static", "is a link or a special file"),
    ],
)
def test_assemble_takes_only_what_a_shard_may_hold(builddir, tmp_path, where, words):
    """A shard from another machine holding links (to /etc/passwd, to another folder's
    files) is refused with the path; the published site is left as it was."""
    gathered = shutil.copytree(builddir, tmp_path / "_build", symlinks=True)
    link = gathered / where
    if link.is_dir():
        shutil.rmtree(link)
        link.symlink_to(gathered / "nl" / "html" / "_static")
    else:
        link.unlink(missing_ok=True)
        link.symlink_to("/etc/passwd")
    before = sorted(p.relative_to(gathered) for p in (gathered / "site").rglob("*"))
    run = publish(ROOT, gathered, "assemble", check=False)
    assert run.returncode == 1
    assert f"{link} {words}" in run.stderr, run.stderr
    assert sorted(p.relative_to(gathered) for p in (gathered / "site").rglob("*")) == before
    assert "root:x:0:0" not in "".join(
        p.read_text(errors="replace") for p in (gathered / "site").rglob("*.html")
    )


def test_search_finds_and_says_how_many_in_every_language(site, served, books):
    """The search, in a browser, in the book's own language and every translation: it
    throws nothing and says in the reader's language how many pages it found."""
    words = {"nl": "relatietherapie", "en": "therapy", "de": "Paartherapie"}
    urls = [f"{served}{language}/search.html?q={words[language]}" for language in books]
    run = subprocess.run(
        ["node", str(GATES / "search.mjs"), *urls], capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr
    said = {r["url"].split("/")[-2]: r for r in json.loads(run.stdout)}
    expected = {
        "nl": "Zoeken voltooid: pagina’s gevonden: ",
        "en": "Search finished: pages found: ",
        "de": "Suche abgeschlossen: gefundene Seiten: ",
    }
    for language, result in said.items():
        assert result["errors"] == [], (language, result)
        assert result["results"] > 1, (language, result)
        assert result["status"] == f"{expected[language]}{result['results']}.", result
    print("\nsearch: " + ", ".join(f"{k} {v['results']} pages" for k, v in said.items()))
