"""The engine on a copy of the real book: a failed build leaves the previous site, a
second make changes nothing, and a second essay is a folder and one line. (The book's own
content is checked by the content gates, tests/content.)"""

from __future__ import annotations

import re

import manuscript
import pytest
from bs4 import BeautifulSoup
from conftest import publish

from essaylib.model.facts import load_facts

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("mistake", "where"),
    [
        ("\n{ref}`no-such-label`\n", "inleiding.md:"),
        ("\nEen alinea.\n\n```\nnooit gesloten\n\nDe rest van het hoofdstuk.\n", "inleiding.md:"),
    ],
)
def test_failed_build_leaves_the_previous_site(tmp_path, book_copy, mistake, where):
    """Break one page of a copy of the book: the build fails, names the file and line, and
    the old site stays as it was."""
    copy = book_copy
    chapter = next((copy / "docs").glob("*/inleiding.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + mistake, encoding="utf-8")
    site = tmp_path / "_build" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("the previous site", encoding="utf-8")

    run = publish(copy, tmp_path / "_build", check=False)
    assert run.returncode == 1
    assert re.search(re.escape(where) + r"\d+", run.stderr + run.stdout), run.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert not (tmp_path / "_build" / "site.new").exists()


def test_a_second_make_changes_nothing(tmp_path, book_copy):
    """Nothing changed: every format of every language is left as it was, and the new
    site is the published one's files themselves (hard links: their dates do not move,
    so a sync to the host sends nothing); then one German catalogue edited rebuilds
    German alone."""
    builddir = tmp_path / "_build"
    publish(book_copy, builddir)
    site = builddir / "site"
    before = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    again = publish(book_copy, builddir)
    assert again.stdout.count(" unchanged") == 3 * len(load_facts(book_copy).languages)
    after = {p: p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert after.keys() == before.keys()
    moved = [str(p) for p in before if after[p] != before[p]]
    assert not moved, moved[:5]
    catalogue = next(book_copy.glob("locales/de/LC_MESSAGES/*/inleiding.po"))
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("Paartherapie", "Paar-Therapie", 1),
        encoding="utf-8",
    )
    edited = publish(book_copy, builddir)
    built = {line.split()[1] for line in edited.stdout.splitlines() if line.endswith(" s")}
    assert built == {"de"}, edited.stdout


def test_a_second_essay_is_a_folder_and_one_line(tmp_path, book_copy):
    """The library grows without code: a new essay folder, and its name in the landing page."""
    copy = book_copy
    essay = copy / "docs" / "tweede-essay"
    essay.mkdir()
    (essay / "index.md").write_text(
        "---\ndate: 2026-12-01\nsummary: Een tweede essay.\n---\n\n# Een tweede essay\n\n"
        "Inleiding.\n\n:::{toctree}\neerste-hoofdstuk\n:::\n",
        encoding="utf-8",
    )
    (essay / "eerste-hoofdstuk.md").write_text(
        "# Het eerste hoofdstuk\n\nTekst.\n", encoding="utf-8"
    )
    # Two essays: the library is a book of its own, with a title and a description of
    # its own; an essay is named by its folder.
    facts = copy / "book.toml"
    text = facts.read_text(encoding="utf-8")
    description = re.search(r'^description = ".*"$', text, re.M).group()
    facts.write_text(
        text.replace(f'title = "{manuscript.title()}"', 'title = "Essays voor ouders"').replace(
            description, 'description = "Essays voor ouders over relaties en het gezin."'
        ),
        encoding="utf-8",
    )
    landing = copy / "docs" / "index.md"
    lines = landing.read_text(encoding="utf-8").splitlines()
    lines.insert(lines.index("relatietherapie-voor-de-kinderen/index") + 1, "tweede-essay")
    landing.write_text("\n".join(lines) + "\n", encoding="utf-8")

    publish(copy, tmp_path / "_build", "--languages", "nl", "--formats", "html", "--no-site")
    html = tmp_path / "_build" / "nl" / "html"
    home = BeautifulSoup((html / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = [p.get_text() for p in home.select(".library-card-title")]
    assert cards == ["Een tweede essay", manuscript.title()]  # the newest first
    # The home page's navigation lists the essays; the new essay's pages, its chapter.
    essays = [a.get_text() for a in home.select(".sidebar-tree a.reference.internal")]
    assert essays == [manuscript.title(), "Een tweede essay"]  # as docs/index.md lists them
    essay = BeautifulSoup(
        (html / "tweede-essay" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    chapters = [a.get_text() for a in essay.select(".sidebar-tree a.reference.internal")]
    assert chapters == ["Een tweede essay", "Het eerste hoofdstuk"]
    assert home.select_one(".library-collection")  # two essays: the library is a book too
