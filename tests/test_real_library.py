"""The test library (tests/library), built as `make` builds the book: three essays written
for the tests, of different shapes (pictures with descriptions and a caption; footnotes,
a table and a verse; a single page), linking to each other, in four languages at
different stages (nl the original, en complete, de partly done, fr only the newest
essay). Every e-book is valid and its own, languages never break each other, and what
readers and translators see is what they should."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import checkers
import polib
import pytest
from bs4 import BeautifulSoup
from conftest import LIBRARY, copy_library, pdf_text, publish
from epubs import UNLISTED, Epub, epubs_of

from essaylib.model import system
from essaylib.model.facts import load_edition
from essaylib.model.library import load_library
from essaylib.model.paths import BuildPaths

pytestmark = pytest.mark.slow
OPF = "{http://www.idpf.org/2007/opf}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


@pytest.fixture(scope="session")
def site(library_build: Path) -> Path:
    return library_build / "_build" / "site"


@pytest.fixture(scope="session")
def epubs(site: Path) -> list[Path]:
    return epubs_of(site)


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ebooks_of(library_build: Path, language: str) -> list[str]:
    book = library_build / "book"
    paths = BuildPaths.of(book, library_build / "_build")
    return [
        b.basename
        for b in load_library(paths, load_edition(book, language, paths.compiled_locales))[1]
    ]


def test_every_language_is_published_at_its_own_stage(library_build, site):
    """en holds every essay and the library; de its one complete essay; fr only the
    newest: each language's e-books hold what is translated in full, and no language's
    state stops another's build."""
    assert sorted(p.name for p in site.iterdir() if p.is_dir()) == [
        "de",
        "downloads",
        "en",
        "fr",
        "nl",
    ]
    downloads = {
        language: sorted(p.stem for p in (site / "downloads" / language).glob("*.pdf"))
        for language in ("nl", "en", "de", "fr")
    }
    assert len(downloads["nl"]) == len(downloads["en"]) == 4  # three essays and the library
    assert (
        downloads["de"] == ebooks_of(library_build, "de") == ["wenn-ein-kind-nicht-schlafen-kann"]
    )
    assert downloads["fr"] == ebooks_of(library_build, "fr") == ["ensemble-a-table"]


def test_epubcheck_passes_every_ebook(epubs):
    assert checkers.epubcheck_problems(epubs) == {}
    print(f"\nEPUBCheck: {len(epubs)} e-books of the test library, 0 errors, 0 warnings")


def test_ace_finds_no_serious_problem_in_any_ebook(epubs, tmp_path):
    def serious(epub: Path) -> list[tuple[str, str]]:
        return checkers.ace(epub, tmp_path / f"{epub.parent.name}-{epub.stem}")[0]

    with ThreadPoolExecutor(2) as pool:
        found = dict(zip(epubs, pool.map(serious, epubs), strict=True))
    assert {e.name: v for e, v in found.items() if v} == {}


def opf_of(epub: Path) -> ElementTree.Element:
    with zipfile.ZipFile(epub) as z:
        return ElementTree.fromstring(z.read("content.opf"))


def test_each_ebook_holds_only_its_own_pictures_and_says_what_it_holds(epubs):
    for epub in epubs:
        with zipfile.ZipFile(epub) as z:
            pictures = {n for n in z.namelist() if n.startswith("_images/")}
            shown = set()
            for name in z.namelist():
                if name.endswith(".xhtml"):
                    for src in re.findall(r'<img [^>]*src="([^"]+)"', z.read(name).decode()):
                        shown.add(str(Path(name).parent.joinpath(src)).replace("\\", "/"))
        shown = {re.sub(r"^(?:[^/]+/)*\.\./", "", s) for s in shown}
        assert pictures == {s for s in shown if s.startswith("_images/")}, epub.name
        modes = [
            m.text
            for m in opf_of(epub).iter(f"{OPF}meta")
            if m.get("property") == "schema:accessMode"
        ]
        assert modes == (["textual", "visual"] if pictures else ["textual"]), epub.name
    nl = {p.stem: p for p in epubs if p.parent.name == "nl"}
    with zipfile.ZipFile(nl["samen-aan-tafel"]) as z:
        assert sorted(n for n in z.namelist() if n.startswith("_images/")) == [
            "_images/keukentafel.png",
            "_images/theepot.png",
        ]
    with zipfile.ZipFile(nl["ruzie-maken-waar-de-kinderen-bij-zijn"]) as z:
        assert not [n for n in z.namelist() if n.startswith("_images/")]


def test_every_ncx_counts_its_entries_from_one(epubs):
    for epub in epubs:
        with zipfile.ZipFile(epub) as z:
            ncx = ElementTree.fromstring(z.read("toc.ncx"))
        orders = [int(p.get("playOrder")) for p in ncx.iter(f"{NCX}navPoint")]
        assert sorted(set(orders)) == list(range(1, len(set(orders)) + 1)), epub.name


def links_in(epub: Path) -> dict[str, list[tuple[str, str]]]:
    """Each page's links: (href, words)."""
    found = {}
    with zipfile.ZipFile(epub) as z:
        for name in z.namelist():
            if name.endswith(".xhtml") and name != "nav.xhtml":
                soup = BeautifulSoup(z.read(name), "html.parser")
                found[name] = [(a.get("href", ""), a.get_text()) for a in soup.select("a")]
                found[name] += [("", s.get_text()) for s in soup.select("span.outside-link")]
    return found


def test_a_link_to_another_essay_in_an_essays_ebook_is_text_not_a_dangling_file(epubs):
    """Without the site's url: plain text in the essay's own e-book, a link in the
    library's, where the page is."""
    nl = {p.stem: p for p in epubs if p.parent.name == "nl"}
    own = links_in(nl["samen-aan-tafel"])["aan-tafel/het-gesprek.xhtml"]
    assert ("", "na een ruzie weer bij elkaar komt") in own
    assert not [href for href, _ in own if "ruzie-maken" in href]
    whole = links_in(nl["brieven-aan-ouders"])["aan-tafel/het-gesprek.xhtml"]
    assert ("../ruzie-maken/herstel.xhtml", "na een ruzie weer bij elkaar komt") in whole


def test_a_pdf_holds_no_link_to_a_page_it_lacks(library_build, site):
    latex = library_build / "_build" / "nl" / "latex"
    tex = (latex / "samen-aan-tafel.tex").read_text(encoding="utf-8")
    assert "na een ruzie weer bij elkaar komt" in tex
    assert "ruzie-maken/herstel" not in tex
    log = (latex / "samen-aan-tafel.log").read_text(encoding="utf-8", errors="replace")
    assert "Hyper reference" not in log and "undefined" not in log.lower()
    text = pdf_text(site / "downloads" / "nl" / "samen-aan-tafel.pdf")
    assert "bij elkaar komt" in text


def test_with_the_sites_address_an_ebooks_outside_link_leads_to_the_website(tmp_path):
    """url set: the e-book's link to an essay it lacks leads to that page on the
    website: in the reader's language when it is published there, else the original."""
    book = copy_library(tmp_path / "book")
    toml = book / "book.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('url = ""', 'url = "https://brieven.example/"'),
        encoding="utf-8",
    )
    publish(book, tmp_path / "_build", "--languages", "fr", "--formats", "epub", "pdf", "--no-site")
    epub = tmp_path / "_build" / "fr" / "epub" / "ensemble-a-table.epub"
    links = links_in(epub)["aan-tafel/het-gesprek.xhtml"]
    assert [h for h, _ in links if "herstel" in h] == [
        "https://brieven.example/nl/ruzie-maken/herstel.html"
    ]
    tex = (tmp_path / "_build" / "fr" / "latex" / "ensemble-a-table.tex").read_text("utf-8")
    assert r"\sphinxhref{https://brieven.example/nl/ruzie-maken/herstel.html}" in tex


def test_a_translations_link_to_an_essay_it_lacks_leads_to_the_original(site):
    """fr has the newest essay only: its link to a chapter of another essay leads to the
    Dutch page, and says so; the page is there."""
    chapter = site / "fr" / "aan-tafel" / "het-gesprek.html"
    [link] = [a for a in page(chapter).select("article a") if "herstel" in a.get("href", "")]
    assert link["href"] == "../../nl/ruzie-maken/herstel.html"
    assert link.select_one(".link-language").get_text() == " (néerlandais)"
    assert (chapter.parent / link["href"]).resolve().is_file()
    assert not (site / "fr" / "ruzie-maken").exists()


def test_the_build_says_which_languages_are_not_published(tmp_path):
    book = copy_library(tmp_path / "book")
    po = book / "locales" / "fr" / "LC_MESSAGES" / "aan-tafel" / "na-het-eten.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'msgstr "[^"]+"', 'msgstr ""', text, count=2), encoding="utf-8")
    run = publish(book, tmp_path / "_build", "--formats", "html", "--no-site")
    assert "publish: fr (French) is not published: no essay is translated in full yet" in run.stdout
    assert "aan-tafel " in run.stdout.split("fr (French) is not published")[1]


def test_todo_and_the_status_page_agree_and_say_where_links_lead(library_build, site):
    book = library_build / "book"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "essaylib.i18n.catalogues",
            "todo",
            "--root",
            str(book),
            "--builddir",
            str(library_build / "todo-build"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    said = run.stdout
    assert (
        "note: docs/aan-tafel/het-gesprek.md links to ruzie-maken/herstel, which is not "
        "translated into fr yet" in said
    )
    rows = {
        r.td.get_text().strip(): [c.get_text(" ").split()[0] for c in r.select("td")[1:]]
        for r in page(site / "nl" / "vertalingen.html").select("tbody tr")
    }
    german = said.split("== de")[1].split("== ")[0]
    for line in german.splitlines():
        if match := re.match(r"\s+(ruzie-maken|slapen|aan-tafel): (\d+) %", line):
            title = {
                "ruzie-maken": "Ruzie maken waar de kinderen bij zijn",
                "slapen": "Als een kind niet kan slapen",
                "aan-tafel": "Samen aan tafel",
            }[match.group(1)]
            assert rows[title][1] == match.group(2), (title, rows[title], line)


def test_a_pictures_description_is_asked_once_and_reaches_the_reader(site, epubs):
    po = LIBRARY / "locales" / "en" / "LC_MESSAGES" / "aan-tafel" / "na-het-eten.po"
    text = po.read_text(encoding="utf-8")
    assert text.count('msgid "Twee lege borden en een theepot op een houten tafel."') == 1
    assert "![" not in text
    [img] = page(site / "en" / "aan-tafel" / "na-het-eten.html").select("article img")
    [entry] = [e for e in polib.pofile(str(po)) if e.msgid.startswith("Twee lege borden")]
    assert img["alt"] == entry.msgstr != entry.msgid
    figure = page(site / "en" / "aan-tafel" / "het-gesprek.html").select_one("article figure")
    assert figure.img["alt"] and "borden" not in figure.img["alt"]
    assert figure.figcaption.get_text().strip() and "dinsdagavond" not in figure.get_text()


def test_every_language_has_its_dictionary_and_hyphenation(library_build):
    """The set-up installed what each language of the library needs (derived from
    book.toml), and the French PDF is hyphenated as French."""
    wanted, notes = system.packages([LIBRARY / "book.toml"])
    assert {"hunspell-fr", "texlive-lang-french", "hunspell-nl", "texlive-lang-european"} <= set(
        wanted
    ) and not notes
    found = {language: system.dictionary(language) for language in ("nl", "en", "de", "fr")}
    assert found == {"nl": "nl_NL", "en": "en_GB", "de": "de_DE", "fr": "fr_FR"}
    log = library_build / "_build" / "fr" / "latex" / "ensemble-a-table.log"
    assert "No hyphenation patterns" not in log.read_text(encoding="utf-8", errors="replace")


def test_the_guide_shows_what_the_test_library_does():
    """The author's guide (README) shows pictures, captions, footnotes, links between
    essays and a verse with examples the test library itself uses."""
    readme = (LIBRARY.parent.parent / "README.md").read_text(encoding="utf-8")
    guide = readme.split("## For the author", 1)[1].split("\n## ", 1)[0]
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (LIBRARY / "docs").rglob("*.md"))
    examples = re.findall(r"```markdown\n(.*?)```", guide, re.S)
    assert len(examples) == 9
    for example in examples:
        for line in example.strip().splitlines():
            assert line.strip() in sources, f"README example line not in the test library: {line!r}"


def test_a_translators_file_edit_reaches_every_page_it_credits(tmp_path):
    book = copy_library(tmp_path / "book")
    build = tmp_path / "_build"
    publish(book, build, "--languages", "en", "--formats", "html", "--no-site")
    toml = book / "locales" / "en" / "translators.toml"
    toml.write_text(
        'language = "en"\ntranslators = ["Robin Vale"]\n\n[essays.slapen]\n'
        'translators = ["Kit Marsh"]\nreviewed = true\n',
        encoding="utf-8",
    )
    publish(book, build, "--languages", "en", "--formats", "html", "--no-site")
    html = build / "en" / "html"
    for essay, name in (
        ("aan-tafel", "Robin Vale"),
        ("ruzie-maken", "Robin Vale"),
        ("slapen", "Kit Marsh"),
    ):
        for chapter in sorted((html / essay).glob("*.html")):
            credit = page(chapter).select_one(".translation-credit")
            assert credit is not None and credit.get_text() == f"Translated by {name}", chapter
    status = page(html / "vertalingen.html").get_text(" ")
    assert "Robin Vale" in status and "Kit Marsh" in status


def test_the_contents_page_is_named_in_the_books_language(epubs):
    named = {"nl": "Inhoud", "en": "Contents", "de": "Inhalt", "fr": "Sommaire"}
    for epub in epubs:
        with zipfile.ZipFile(epub) as z:
            nav = BeautifulSoup(z.read("nav.xhtml"), "html.parser")
            opf = z.read("content.opf").decode()
        title = named[epub.parent.name]
        assert nav.title.get_text() == title and nav.h1.get_text() == title, epub.name
        assert f'type="toc" title="{title}"' in opf, epub.name


@pytest.mark.parametrize(
    ("where", "words"),
    [
        ("de/html/leak.html", "is a link or a special file"),
        ("de/epub/*.epub", "is not a regular file"),
        ("de/html/_static", "is a link or a special file"),
    ],
)
def test_assemble_takes_only_what_a_shard_may_hold(library_build, tmp_path, where, words):
    """A shard from another machine holding links (to /etc/passwd, to another folder's
    files) is refused with the path; the published site is left as it was."""
    gathered = shutil.copytree(library_build / "_build", tmp_path / "_build", symlinks=True)
    link = next(gathered.glob(where)) if "*" in where else gathered / where
    if link.is_dir():
        shutil.rmtree(link)
        link.symlink_to(gathered / "nl" / "html" / "_static")
    else:
        link.unlink(missing_ok=True)
        link.symlink_to("/etc/passwd")
    before = sorted(p.relative_to(gathered) for p in (gathered / "site").rglob("*"))
    run = publish(library_build / "book", gathered, "assemble", check=False)
    assert run.returncode == 1
    assert f"{link} {words}" in run.stderr, run.stderr
    assert sorted(p.relative_to(gathered) for p in (gathered / "site").rglob("*")) == before
    assert "root:x:0:0" not in "".join(
        p.read_text(errors="replace") for p in (gathered / "site").rglob("*.html")
    )


# -- What a reading app opens, finds and shows (epubs.Epub reads the files) ----------

COVERS = {
    "brieven-aan-ouders": "cover.png",
    "letters-to-parents": "cover.png",
    "samen-aan-tafel": "cover-aan-tafel.png",
    "together-at-the-table": "cover-aan-tafel.png",
    "ensemble-a-table": "cover-aan-tafel.png",
    "ruzie-maken-waar-de-kinderen-bij-zijn": "cover-ruzie-maken.png",
    "arguing-in-front-of-the-children": "cover-ruzie-maken.png",
    "als-een-kind-niet-kan-slapen": "cover-slapen.png",
    "when-a-child-cant-sleep": "cover-slapen.png",
    "wenn-ein-kind-nicht-schlafen-kann": "cover-slapen.png",
}


def test_every_ebook_opens_on_its_cover_page(epubs):
    """The cover page is first in the reading order (linear: epub.js and foliate-js open
    on it), shows the book's own cover described by its title, and is marked as the
    cover in the guide (EPUB 2) and the landmarks (EPUB 3)."""
    assert sorted(p.stem for p in epubs) == sorted(COVERS)
    for path in epubs:
        epub = Epub(path)
        assert epub.spine()[0] == ("epub-cover.xhtml", "yes"), path.name
        [image] = epub.page("epub-cover.xhtml").select("img")
        assert (image["src"], image["alt"]) == (f"_static/{COVERS[path.stem]}", epub.title)
        assert epub.guide()["cover"] == epub.landmarks()["cover"] == "epub-cover.xhtml"


def test_the_librarys_ebook_has_a_title_page_after_its_cover(epubs):
    """The whole library's e-book: cover, title page (title, subtitle, author,
    description, its essays, each a link to its first page), then the first essay. An
    essay's e-book has none."""
    essays = {
        "nl": [
            "Samen aan tafel",
            "Ruzie maken waar de kinderen bij zijn",
            "Als een kind niet kan slapen",
        ],
        "en": [
            "Together at the table",
            "Arguing in front of the children",
            "When a child can’t sleep",
        ],
    }
    facts = {
        "nl": [
            "Brieven aan ouders",
            "Korte essays over het gezin",
            "Marieke van Dam",
            "Drie essays over het dagelijks leven van een gezin: "
            "samen eten, ruzie maken en slapen.",
        ],
        "en": [
            "Letters to Parents",
            "Short essays on family life",
            "Marieke van Dam",
            "Three essays on the everyday life of a family: eating together, arguing and sleeping.",
        ],
    }
    books = {
        p.parent.name: p for p in epubs if p.stem in ("brieven-aan-ouders", "letters-to-parents")
    }
    assert sorted(books) == ["en", "nl"]
    for language, path in books.items():
        epub = Epub(path)
        assert [document for document, _ in epub.spine()[:3]] == [
            "epub-cover.xhtml",
            "epub-titlepage.xhtml",
            "aan-tafel/index.xhtml",
        ]
        assert epub.spine()[1][1] == "yes"
        page = epub.page("epub-titlepage.xhtml")
        said = [page.h1.get_text(), *(p.get_text() for p in page.select("section.titlepage > p"))]
        assert said == facts[language]
        links = [(a.get_text(), a["href"]) for a in page.select("ol.essays a")]
        first_pages = ["aan-tafel/index.xhtml", "ruzie-maken/index.xhtml", "slapen/index.xhtml"]
        assert links == list(zip(essays[language], first_pages, strict=True))
        assert epub.guide()["title-page"] == epub.landmarks()["titlepage"] == "epub-titlepage.xhtml"
    for path in epubs:
        if path not in books.values():
            assert "epub-titlepage.xhtml" not in Epub(path).files, path.name


def test_each_essay_is_numbered_in_the_librarys_series(epubs):
    """An essay's e-book is a number of the library's series, named in its language and
    numbered by date, the oldest 1 (a new essay takes the next number): as EPUB 3 says
    it (Readium, Apple Books) and as calibre's own tags do."""
    series = {
        "nl": "Brieven aan ouders",
        "en": "Letters to Parents",
        "de": "Briefe an Eltern",
        "fr": "Lettres aux parents",
    }
    numbers = {
        "als-een-kind-niet-kan-slapen": "1",
        "when-a-child-cant-sleep": "1",
        "wenn-ein-kind-nicht-schlafen-kann": "1",
        "ruzie-maken-waar-de-kinderen-bij-zijn": "2",
        "arguing-in-front-of-the-children": "2",
        "samen-aan-tafel": "3",
        "together-at-the-table": "3",
        "ensemble-a-table": "3",
    }
    for path in epubs:
        found = Epub(path).series()
        if path.stem in numbers:
            name, number = series[path.parent.name], numbers[path.stem]
            assert found == {
                "collection": name,
                "collection-type": "series",
                "group-position": number,
                "calibre:series": name,
                "calibre:series_index": number,
            }, path.name
        else:
            assert found == {}, path.name  # the library itself is no number of a series


def test_every_ebook_holds_only_the_stylesheets_it_links_and_one_viewport_tag(epubs):
    for path in epubs:
        epub = Epub(path)
        assert (
            epub.stylesheets()
            == epub.linked_stylesheets()
            == {"_static/epub.css", "_static/book-epub.css"}
        ), path.name  # no basic.css, no pygments.css: the test library has no code
        listed = {href for href in epub.manifest.values()} | UNLISTED
        assert set(epub.files) == listed, path.name
        assert set(epub.viewports().values()) == {1}, path.name
