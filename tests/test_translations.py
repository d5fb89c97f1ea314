"""Our i18n code on a tiny book with an ``xx`` catalogue (sphinx.testing)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from essaylib.i18n.catalogues import compile_catalogues
from essaylib.model.facts import load_facts
from essaylib.model.paths import BuildPaths


@pytest.fixture
def i18n_book(tmp_path, rootdir):
    """A copy of the xx test root; catalogues compiled as the build compiles them."""
    src = tmp_path / "book"
    shutil.copytree(rootdir / "test-i18n", src)
    return src


def build(make_app, src: Path, builder: str = "html", language: str = "xx"):
    assert compile_catalogues(BuildPaths.of(src)) == []
    app = make_app(builder, srcdir=src, confoverrides={"language": language})
    app.build()
    return app


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_fuzzy_is_never_published_and_the_page_says_so(make_app, i18n_book):
    app = build(make_app, i18n_book)
    index = page(app, "index.html").select_one("article")
    text = index.get_text()
    assert "XX-First paragraph." in text
    assert "Tweede alinea." in text and "XX-Second paragraph." not in text  # fuzzy
    assert index.select_one(".translation-notice").get_text() == "XX-Partly untranslated (nl)."
    chapter = page(app, "hoofdstuk.html").select_one("article")
    assert "XX-A sentence." in chapter.get_text()
    assert not chapter.select(".translation-notice")  # complete: no notice
    assert app.config.project == "XX-A small book"  # the title, from book.po


def test_compiled_catalogues_stay_out_of_the_sources(make_app, i18n_book):
    build(make_app, i18n_book)
    assert not list((i18n_book / "locales").rglob("*.mo"))
    assert (i18n_book / "_build" / "locales" / "xx" / "LC_MESSAGES" / "index.mo").exists()


def test_source_language_has_no_notice(make_app, i18n_book):
    app = build(make_app, i18n_book, language="nl")
    assert not page(app, "index.html").select(".translation-notice")


def test_switcher_and_alternates(make_app, i18n_book):
    app = build(make_app, i18n_book)
    soup = page(app, "hoofdstuk.html")
    assert soup.html["lang"] == "xx"
    links = {a["hreflang"]: a["href"] for a in soup.select(".sidebar-languages a[hreflang]")}
    assert links == {"nl": "../nl/hoofdstuk.html"}
    assert soup.select_one(".sidebar-languages [aria-current]").get_text() == "xx"
    alternates = {
        link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "nl": "../nl/hoofdstuk.html",
        "xx": "../xx/hoofdstuk.html",
        "x-default": "../nl/hoofdstuk.html",
    }


def test_status_page(make_app, i18n_book):
    app = build(make_app, i18n_book)
    rows = [
        [c.get_text().strip() for c in tr.select("td")]
        for tr in page(app, "status.html").select("table.translation-status tbody tr")
    ]
    # Not a library: one row, the book (4 of 6 passages; the status page has no catalogue).
    assert rows == [["XX-A small book", "66 %"]]


def rebuild(src: Path) -> Path:
    """`make` again on the same build folder: catalogues compiled, then Sphinx, incremental,
    in a process of its own as the publisher runs it."""
    assert compile_catalogues(BuildPaths.of(src)) == []
    out = src / "_build" / "xx"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-b",
            "html",
            "-D",
            "language=xx",
            "-d",
            str(out / "doctrees"),
            str(src),
            str(out / "html"),
        ],
        check=True,
    )
    return out / "html"


def test_a_corrected_translation_reaches_the_site(i18n_book):
    """A catalogue edit rebuilds the pages it translates, and only those."""
    html = rebuild(i18n_book)
    doctrees = html.parent / "doctrees"
    before = {p.name: p.stat().st_mtime_ns for p in doctrees.glob("*.doctree")}
    po = i18n_book / "locales" / "xx" / "LC_MESSAGES" / "hoofdstuk.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("XX-A sentence.", "XX-Corrected."), encoding="utf-8"
    )
    rebuild(i18n_book)
    assert "XX-Corrected." in (html / "hoofdstuk.html").read_text(encoding="utf-8")
    read_again = {
        p.name for p in doctrees.glob("*.doctree") if p.stat().st_mtime_ns != before[p.name]
    }
    assert read_again == {"hoofdstuk.doctree", "status.doctree"}  # status: every catalogue


def test_a_corrected_label_reaches_every_page(i18n_book):
    html = rebuild(i18n_book)
    po = i18n_book / "locales" / "xx" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("XX-Languages", "XX-Talen"), encoding="utf-8"
    )
    rebuild(i18n_book)
    for page in ("index.html", "hoofdstuk.html"):
        assert "XX-Talen" in (html / page).read_text(encoding="utf-8"), page


def test_an_unclosed_fence_is_an_error_with_file_and_line(make_app, i18n_book):
    chapter = i18n_book / "hoofdstuk.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8") + "\n:::{note}\nDe rest.\n\n```python\nprint(1)\n:::\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=i18n_book)
    app.build()
    warnings = app.warning.getvalue()
    assert "hoofdstuk.md:8: ERROR: '```python' is never closed" in warnings


@pytest.mark.slow
def test_a_translated_page_keeps_no_other_document(library_build):
    """Every node of a translated page's doctree belongs to that page, not to the small
    document Sphinx parsed its translation in (whose settings carry the whole build
    environment: pickled with every page, it made each page as big as the library)."""
    import pickle

    checked = []
    for language in load_facts(library_build / "book").translations:
        for path in (library_build / "_build" / language / "doctrees").rglob("*.doctree"):
            doctree = pickle.loads(path.read_bytes())
            foreign = [n for n in doctree.findall() if n.document is not doctree]
            assert foreign == [], path
            checked.append(language)
    assert sorted(set(checked)) == ["de", "en", "fr"]


@pytest.mark.slow
def test_translated_passages_read_as_myst_reads_them(library_build, tmp_path, monkeypatch):
    """essaylib.sphinxext.passages changes what MyST costs, not what it makes: every page
    of every translation, read again without it (MyST's own parser for each passage), is
    node for node the doctree the build made."""
    import pickle

    import sphinx.locale
    from sphinx.cmd.build import build_main

    from essaylib.compat.cpython import forget_compiled_catalogues
    from essaylib.sphinxext.defaults import of_book
    from essaylib.sphinxext.passages import PassageParser

    book, builddir = library_build / "book", library_build / "_build"
    paths = BuildPaths.of(book, builddir)
    assert "essaylib.sphinxext.passages" in of_book(book)["extensions"]
    for name, value in paths.environment().items():  # conf.py finds the build folder
        monkeypatch.setenv(name, value)
    for language in load_facts(book).translations:
        # Sphinx keeps a page's catalogue for the process: one language's may not serve
        # the next (publish builds each language in a process of its own).
        sphinx.locale.translators.clear()
        forget_compiled_catalogues()
        doctrees = tmp_path / language
        args = ["-b", "dummy", "-q", "-c", str(book), "-d", str(doctrees)]
        args += ["-D", f"language={language}", "-D", "book_kept_parser=0"]
        PassageParser.markdown = None
        assert build_main([*args, str(paths.docs), str(tmp_path / "out")]) == 0
        assert PassageParser.markdown is None  # MyST's own parser read every passage
        read = sorted(p.relative_to(doctrees) for p in doctrees.rglob("*.doctree"))
        made = builddir / language / "doctrees"
        assert read == sorted(p.relative_to(made) for p in made.rglob("*.doctree")), language
        for name in read:
            ours, mysts = (
                pickle.loads((d / name).read_bytes()).pformat() for d in (made, doctrees)
            )
            assert ours == mysts, f"{language}: {name}"
