"""The website's navigation, scoped to where the reader is (essaylib.sphinxext.navigation):
an essay's pages show that essay, the library's pages list the essays, and adding an
essay leaves every page of the other essays as it was, byte for byte."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import copy_library, publish

from essaylib.model.library import read_library


def soup_of(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def tree_links(page: Path) -> list[str]:
    """The pages the sidebar's tree links to, from the site's language folder."""
    soup = soup_of(page)
    [tree] = soup.select("div.sidebar-tree:not(.sidebar-downloads)")
    folder = page.parent
    return [
        str((folder / a["href"].split("#")[0]).resolve()) if a["href"] != "#" else str(page)
        for a in tree.select("a.reference.internal")
    ]


def html_pages(html: Path) -> dict[str, bytes]:
    return {str(p.relative_to(html)): p.read_bytes() for p in sorted(html.rglob("*.html"))}


def test_an_essays_pages_show_that_essay_alone_and_the_home_page_the_essays(library_build):
    book, html = library_build / "book", library_build / "_build" / "site" / "nl"
    essays = read_library(book / "docs", book)
    assert len(essays) == 3
    home = html / "index.html"
    assert tree_links(home) == [str(html / f"{e.docname}.html") for e in essays]
    for essay in essays:
        # The essay and its chapters, in reading order; nothing of the other essays.
        pages = [Path(link) for link in tree_links(html / f"{essay.docname}.html")]
        assert pages[0] == html / f"{essay.docname}.html"
        assert set(pages) == {html / f"{page}.html" for page in essay.pages}
        for page in pages:
            assert tree_links(page) == [str(p) for p in pages], page
            soup = soup_of(page)
            [current] = soup.select("div.sidebar-tree li.current-page > a")
            assert current["href"] == "#"
            assert soup.select_one("a.sidebar-brand")["href"] == "../index.html"
        # Previous and next stay in the essay: at its ends they lead home (a one-page
        # essay has only its next).
        first, last = soup_of(pages[0]), soup_of(pages[-1])
        home = [
            f"{'../' * page.relative_to(html).as_posix().count('/')}index.html" for page in pages
        ]
        assert last.select_one("a.next-page")["href"] == home[-1]
        assert last.select_one('link[rel="next"]')["href"] == home[-1]
        if len(pages) > 1:
            assert first.select_one("a.prev-page")["href"] == home[0]
            assert first.select_one('link[rel="prev"]')["href"] == home[0]
            following = (pages[0].parent / first.select_one("a.next-page")["href"]).resolve()
            assert following == pages[1]
        else:
            assert first.select_one("a.prev-page") is None
            assert first.select_one('link[rel="prev"]') is None


def add_essay(book: Path, folder: str, title: str) -> None:
    """A new essay, newer than every other, listed on the home page as an author adds it."""
    docs = book / "docs"
    newest = max(e.date for e in read_library(docs, book))
    shutil.copytree(docs / "slapen", docs / folder)
    page = docs / folder / "index.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(
        r"^date: .*$", f"date: {newest + datetime.timedelta(days=7)}", text, count=1, flags=re.M
    )
    text = re.sub(r"^# .*$", f"# {title}", text, count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")
    index = docs / "index.md"
    toctree = index.read_text(encoding="utf-8")
    index.write_text(toctree.replace("aan-tafel\n", f"{folder}/index\naan-tafel\n"), "utf-8")


def test_adding_an_essay_changes_only_the_pages_that_list_essays(tmp_path):
    """The test library's website (Dutch, and English, a translation) built, an essay
    added, built again: every page of the other essays is the same bytes; the new
    essay's pages and the library's own are the only ones new or changed; and the
    build after the change is the same as a fresh build of the new library."""
    book = copy_library(tmp_path / "book")
    only_html = ("--no-site", "--formats", "html", "--languages", "nl", "en")
    publish(book, tmp_path / "_build", *only_html)
    before = {lang: html_pages(tmp_path / "_build" / lang / "html") for lang in ("nl", "en")}
    add_essay(book, "bedtijd", "Bedtijd zonder strijd")
    publish(book, tmp_path / "_build", *only_html)
    fresh = tmp_path / "fresh"
    publish(book, fresh, *only_html)
    essays = read_library(book / "docs", book)
    essay_pages = {f"{page}.html" for e in essays for page in e.pages}
    bedtijd = next(e for e in essays if e.folder == "bedtijd")
    # Untranslated, it is not published in English: only Dutch has new pages.
    new_pages = {"nl": {f"{page}.html" for page in bedtijd.pages}, "en": set()}
    for language, old in before.items():
        after = html_pages(tmp_path / "_build" / language / "html")
        assert after == html_pages(fresh / language / "html"), language
        changed = {page for page in old if after[page] != old[page]}
        assert after.keys() - old.keys() == new_pages[language], language
        # The library's own pages that list the essays changed; no essay page did.
        assert "index.html" in changed, language
        assert not changed & essay_pages, (language, sorted(changed & essay_pages))
        assert "bedtijd/index.html" in after["index.html"].decode()
