"""The library: essays and their facts, the home page's cards, an e-book per essay and one
for the whole library, the Atom feed and the OPDS catalogue (sphinx.testing, on a small
library of three essays)."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from essaylib.model.facts import chrome_words, load_edition
from essaylib.model.library import LibraryError, load_library, read_library
from essaylib.model.paths import BuildPaths
from essaylib.outputs.feeds import FEEDS, FeedSite, write_feeds

SCHEMA = ROOT / "tests" / "data" / "schema" / "opds.rnc"
NEWEST_FIRST = ["Het nieuwste essay", "Een essay zonder onderwerp", "Het eerste essay"]
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def library(tmp_path: Path, rootdir: Path) -> Path:
    return shutil.copytree(rootdir / "test-library", tmp_path / "library")


def build(make_app, src: Path, builder: str):
    app = make_app(builder, srcdir=src)
    app.build()
    warnings = app.warning.getvalue()
    app.cleanup()
    assert "WARNING" not in warnings and "ERROR" not in warnings, warnings
    return app


def test_essays_are_read_from_their_front_matter_newest_first(library):
    essays = read_library(library, library)
    assert [e.title for e in essays] == NEWEST_FIRST
    assert essays[0].date == datetime.date(2026, 6, 15)
    assert essays[0].topics == ("Ouderschap", "Relaties")
    assert essays[0].summary == "Een samenvatting van Het nieuwste essay."


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (("date: 2026-06-15", "date: 15 juni 2026"), "essay-b/index.md:2", "date: YYYY-MM-DD"),
        (("date: 2026-06-15\n", ""), "essay-b/index.md:1", "date"),
        (
            (
                "summary: Een samenvatting van Het nieuwste essay.",
                "summary: Een *vette* samenvatting.",
            ),
            "essay-b/index.md:3",
            "plain text",
        ),
        (
            ("summary: Een samenvatting van Het nieuwste essay.\n", ""),
            "essay-b/index.md:1",
            "summary",
        ),
        (("topics: [Ouderschap, Relaties]", "topics: Ouderschap"), "essay-b/index.md:4", "a list"),
        (
            ("Het nieuwste essay.\n", "Het nieuwste essay.\uffff\n"),
            "essay-b/index.md:1",
            "not valid YAML",
        ),
        (
            ("Het nieuwste essay.\n", "Het nieuwste \u202eessay.\n"),
            "essay-b/index.md:3",
            "U\\+202E",
        ),
        (("# Het nieuwste essay", "# Het eerste essay"), "", "both be downloaded"),
    ],
)
def test_a_mistake_in_an_essay_names_file_and_line(library, change, where, words):
    path = library / "essay-b" / "index.md"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    paths = BuildPaths.of(library)
    with pytest.raises(LibraryError, match=words) as caught:
        load_library(paths, load_edition(library, None, paths.compiled_locales))
    assert where in str(caught.value)


def test_an_essay_folder_without_index_md_is_an_error(library):
    (library / "essay-d").mkdir()
    (library / "essay-d" / "hoofdstuk.md").write_text("# Los\n\nTekst.\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"essay-d/: an essay's folder needs an index.md"):
        read_library(library, library)


def test_the_home_page_shows_a_card_per_essay_newest_first(make_app, library):
    app = build(make_app, library, "html")
    home = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    cards = home.select(".library-card")
    assert [c.select_one(".library-card-title").get_text() for c in cards] == NEWEST_FIRST
    newest = cards[0]
    assert "15 juni 2026" in newest.select_one(".library-card-meta").get_text()
    assert "1 min read" in newest.select_one(".library-card-meta").get_text()  # no nl chrome here
    assert (app.outdir / newest.img["src"]).is_file()
    downloads = [a["href"] for a in newest.select(".library-card-downloads a")]
    assert downloads == [
        "../downloads/nl/het-nieuwste-essay.epub",
        "../downloads/nl/het-nieuwste-essay.pdf",
        "../downloads/nl/het-nieuwste-essay.azw3",
        "../downloads/nl/het-nieuwste-essay.kepub.epub",
    ]
    labels = [a.get_text() for a in newest.select(".library-card-downloads a")]
    assert labels == ["EPUB", "PDF", "Kindle", "Kobo"]  # no sizes: no e-book was built
    collection = home.select_one(".library-collection")
    assert "een-kleine-bibliotheek.epub" in collection.a["href"]
    essay = BeautifulSoup(
        (app.outdir / "essay-b" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert essay.select_one('meta[property="og:type"]')["content"] == "article"
    assert essay.select_one('meta[name="description"]')["content"] == (
        "Een samenvatting van Het nieuwste essay."
    )
    assert essay.select_one('meta[property="og:image"]')["content"].endswith(
        "_static/card-essay-b.png"
    )
    feeds = {
        link["type"]: link["href"]
        for link in essay.select("link[href][type]")
        if "atom" in link["type"]
    }
    assert feeds == {
        "application/atom+xml": "../../nl/feed.atom",
        "application/atom+xml;profile=opds-catalog": "../../nl/opds.xml",
    }


def test_the_topics_page_lists_essays_by_topic(make_app, library):
    app = build(make_app, library, "html")
    page = BeautifulSoup(
        (app.outdir / "onderwerpen.html").read_text(encoding="utf-8"), "html.parser"
    )
    topics = {
        s.h2.get_text().strip("¶ "): [a.get_text() for a in s.select("li a")]
        for s in page.select("article section section")
    }
    assert topics == {
        "Ouderschap": ["Het nieuwste essay", "Het eerste essay"],
        "Relaties": ["Het nieuwste essay"],
    }


def epub_pages(epub: Path) -> tuple[list[str], ElementTree.Element]:
    with zipfile.ZipFile(epub) as z:
        return z.namelist(), ElementTree.fromstring(z.read("content.opf"))


def test_every_essay_is_an_epub_and_the_library_one_more(make_app, library):
    app = build(make_app, library, "epub")
    books = sorted(p.name for p in app.outdir.glob("*.epub"))
    assert books == [
        "een-essay-zonder-onderwerp.epub",
        "een-kleine-bibliotheek.epub",
        "het-eerste-essay.epub",
        "het-nieuwste-essay.epub",
    ]
    names, opf = epub_pages(app.outdir / "het-nieuwste-essay.epub")
    pages = sorted(n for n in names if n.endswith(".xhtml") and n != "nav.xhtml")
    # Its own pages and its cover page (no title page: that is the library's alone).
    assert pages == ["epub-cover.xhtml", "essay-b/hoofdstuk.xhtml", "essay-b/index.xhtml"]
    assert [n for n in names if n.endswith(".png")] == ["_static/cover-essay-b.png"]
    metadata = opf.find(f"{OPF}metadata")
    assert metadata.find(f"{DC}date").text == "2026-06-15"
    assert metadata.find(f"{DC}title").text == "Het nieuwste essay"
    collection = [
        m for m in metadata.iter(f"{OPF}meta") if m.get("property") == "belongs-to-collection"
    ]
    assert [m.text for m in collection] == ["Een kleine bibliotheek"]
    for unknown in ("creator", "contributor", "publisher", "rights"):  # nothing made up
        assert metadata.find(f"{DC}{unknown}") is None, unknown
    uids = {
        epub_pages(p)[1].find(f"{OPF}metadata").find(f"{DC}identifier").text
        for p in app.outdir.glob("*.epub")
    }
    assert len(uids) == 4  # each its own identifier
    names, _ = epub_pages(app.outdir / "een-kleine-bibliotheek.epub")
    assert sorted(n for n in names if n.endswith("hoofdstuk.xhtml")) == [
        "essay-a/hoofdstuk.xhtml",
        "essay-b/hoofdstuk.xhtml",
        "essay-c/hoofdstuk.xhtml",
    ]
    assert "index.xhtml" not in names  # the website's home is not a page of the book
    assert {"epub-cover.xhtml", "epub-titlepage.xhtml"} <= set(names)


def test_every_essay_is_a_latex_document(make_app, library):
    app = build(make_app, library, "latex")
    tex = {p.name: p.read_text(encoding="utf-8") for p in app.outdir.glob("*.tex")}
    assert sorted(tex) == [
        "een-essay-zonder-onderwerp.tex",
        "een-kleine-bibliotheek.tex",
        "het-eerste-essay.tex",
        "het-nieuwste-essay.tex",
    ]
    essay = tex["het-nieuwste-essay.tex"]
    assert r"\title{Het nieuwste essay}" in essay and "pdftitle={Het nieuwste essay}" in essay
    assert r"\chapter{Een hoofdstuk van Het nieuwste essay}" in essay
    assert "Het eerste essay" not in essay
    assert r"\part{Het nieuwste essay}" in tex["een-kleine-bibliotheek.tex"]


def test_with_one_essay_the_library_is_that_essay(make_app, library):
    for folder in ("essay-a", "essay-c"):
        shutil.rmtree(library / folder)
    index = library / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        .replace("essay-a/index\n", "")
        .replace("essay-c/index\n", ""),
        encoding="utf-8",
    )
    app = build(make_app, library, "epub")
    assert sorted(p.name for p in app.outdir.glob("*.epub")) == ["het-nieuwste-essay.epub"]
    html = build(make_app, library, "html")
    home = BeautifulSoup((html.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(home.select(".library-card")) == 1
    assert not home.select(".library-collection")  # nothing offered twice


def size_of(ebook: str) -> int:
    """The size the feeds are told an e-book has: one of its own, from its name."""
    return 1000 + sum(map(ord, ebook))


KINDS = ("epub", "pdf", "azw3", "kepub.epub")
# When the newest essay's edition was made (its EPUB's dcterms:modified).
EDITION_MADE = datetime.datetime(2026, 7, 1, 12, 30, tzinfo=datetime.UTC)


def feeds_of(library: Path, url: str = "") -> dict[str, Path]:
    """The feeds of the small library, written as the publisher writes them; the newest
    essay's edition made after its essay's date (a corrected edition)."""
    if url:
        toml = library / "book.toml"
        toml.write_text(toml.read_text(encoding="utf-8") + f'url = "{url}"\n', encoding="utf-8")
    paths = BuildPaths.of(library)
    edition = load_edition(library, "nl", paths.compiled_locales)
    essays, books = load_library(paths, edition)
    sizes = {
        name: size_of(name)
        for b in books
        for name in (f"downloads/nl/{b.basename}.{kind}" for kind in KINDS)
    }
    folder = library / "site" / "nl"
    folder.mkdir(parents=True)
    site = FeedSite(
        edition,
        tuple(essays),
        tuple(books),
        sizes,
        chrome_words(paths.compiled_locales, "nl"),
        lambda d: f"{d}.html",
        modified={b.uid: EDITION_MADE for b in books if b.root == "essay-b/index"},
    )
    write_feeds(folder, site)
    return {kind: folder / name for kind, name in FEEDS.items()}


def jing(*paths: Path) -> subprocess.CompletedProcess[str]:
    """The feeds checked against the schema, in one Java process."""
    return subprocess.run(
        ["jing", "-c", str(SCHEMA), *map(str, paths)], capture_output=True, text=True
    )


@pytest.mark.parametrize("url", ["", "https://boeken.example/bibliotheek/"])
def test_the_feeds_are_valid_atom_and_opds(library, url):
    feeds = feeds_of(library, url)
    run = jing(*feeds.values())
    assert (run.returncode, run.stdout) == (0, "")
    feed = feedparser.parse(library / "site" / "nl" / FEEDS["atom"])
    assert not feed.bozo, feed.bozo_exception
    assert [e.title for e in feed.entries] == NEWEST_FIRST
    assert feed.entries[0].summary == "Een samenvatting van Het nieuwste essay."
    assert feed.entries[0].published.startswith("2026-06-15")
    assert (
        feed.entries[0].link == f"{url}nl/essay-b/index.html"
        if url
        else feed.entries[0].link.endswith("essay-b/index.html")
    )


def test_the_catalogue_offers_each_ebook_with_its_files(library):
    feeds = feeds_of(library, "https://boeken.example/bibliotheek/")
    catalogue = feedparser.parse(feeds["opds-all"])
    assert not catalogue.bozo, catalogue.bozo_exception
    titles = [e.title for e in catalogue.entries]
    assert titles == ["Een kleine bibliotheek", *NEWEST_FIRST]
    newest = catalogue.entries[1]
    links = {
        link.type: link for link in newest.links if link.rel == "http://opds-spec.org/acquisition"
    }
    assert links["application/epub+zip"].href == (
        "https://boeken.example/bibliotheek/downloads/nl/het-nieuwste-essay.epub"
    )
    assert links["application/pdf"].length == str(size_of("downloads/nl/het-nieuwste-essay.pdf"))
    for kind, media_type in (
        ("azw3", "application/x-mobi8-ebook"),
        ("kepub.epub", "application/kepub+zip"),
    ):
        path = f"downloads/nl/het-nieuwste-essay.{kind}"
        assert links[media_type].href == f"https://boeken.example/bibliotheek/{path}"
        assert links[media_type].length == str(size_of(path))
    images = {link.rel for link in newest.links if "image" in link.rel}
    assert images == {"http://opds-spec.org/image", "http://opds-spec.org/image/thumbnail"}
    root = feedparser.parse(feeds["opds"])
    assert root.entries[0].links[0].type.endswith("kind=acquisition")


def test_each_catalogue_entry_has_its_dates_and_topics(library):
    """published: the essay's date; updated: when its edition was made (an app tells a
    corrected edition by it); its topics as categories, the library's all of them."""
    feed = ElementTree.parse(feeds_of(library)["opds-all"]).getroot()
    entries = {e.findtext(f"{ATOM}title"): e for e in feed.iter(f"{ATOM}entry")}

    def dates(title: str) -> tuple[str | None, str | None]:
        return entries[title].findtext(f"{ATOM}published"), entries[title].findtext(
            f"{ATOM}updated"
        )

    def topics(title: str) -> list[tuple[str | None, str | None]]:
        return [(c.get("term"), c.get("label")) for c in entries[title].iter(f"{ATOM}category")]

    assert dates("Het nieuwste essay") == ("2026-06-15T00:00:00+00:00", "2026-07-01T12:30:00+00:00")
    assert topics("Het nieuwste essay") == [("Ouderschap", "Ouderschap"), ("Relaties", "Relaties")]
    # no date of its edition: its essay's
    assert dates("Het eerste essay") == ("2025-03-01T00:00:00+00:00", "2025-03-01T00:00:00+00:00")
    assert topics("Een essay zonder onderwerp") == []
    assert [term for term, _ in topics("Een kleine bibliotheek")] == ["Ouderschap", "Relaties"]


def test_a_topic_lands_in_the_catalogue_as_text(library):
    """A topic is a translator's words: in a category's attributes it is escaped, and the
    catalogue is still valid (the library refuses " < > in a topic, not & or ')."""
    hostile = "Ouders & 'kinderen' &amp"
    essay = library / "essay-b" / "index.md"
    text = essay.read_text(encoding="utf-8")
    quoted = "'" + hostile.replace("'", "''") + "'"
    essay.write_text(text.replace("[Ouderschap, Relaties]", f"[{quoted}]"), encoding="utf-8")
    feeds = feeds_of(library)
    assert (
        jing(feeds["opds-all"]).returncode,
        len(feedparser.parse(feeds["opds-all"]).entries),
    ) == (0, 4)
    newest = next(
        e for e in feedparser.parse(feeds["opds-all"]).entries if e.title == NEWEST_FIRST[0]
    )
    assert [(t.term, t.label) for t in newest.tags] == [(hostile, hostile)]


def test_the_schema_rejects_a_feed_it_should(library):
    """The validator is not a formality: a catalogue entry without an id fails."""
    path = feeds_of(library)["opds-all"]
    text = path.read_text(encoding="utf-8")
    start = text.index("<entry>")
    entry_id = text.index("<id>", start)
    broken = text[:entry_id] + text[text.index("</id>", entry_id) + 5 :]
    path.write_text(broken, encoding="utf-8")
    assert jing(path).returncode == 1
