"""Translations through their whole life, on the small library translated into English:
an essay translated in full, one whose Dutch changed after it was translated, one half
done and one new. Only the first goes into the English e-books and feeds; the website
says what waits, since when, and who translated; the reviewer's checks; sphinx-intl."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import polib
import pytest
from bs4 import BeautifulSoup
from conftest import copy_book, publish, sphinx_build
from skeleton import difference, html_skeleton, tex_skeleton

from essaylib.i18n.catalogues import check, compile_catalogues
from essaylib.i18n.review import read_glossary, spelling
from essaylib.model.facts import load_edition
from essaylib.model.library import load_library, published_languages
from essaylib.model.paths import BuildPaths
from essaylib.outputs.publish import Publisher

EN = {  # the English of the small library's essays
    "Het nieuwste essay": "The newest essay",
    "Het eerste essay": "The first essay",
    "Een essay zonder onderwerp": "An essay without a topic",
}


def catalogue(
    book: Path,
    page: str,
    entries: list[tuple[str, str, bool]],
    since: str = "2026-11-20 10:00+0000",
) -> None:
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "en",
        "POT-Creation-Date": since,
    }
    for msgid, msgstr, fuzzy in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path = book / "locales" / "en" / "LC_MESSAGES" / f"{page}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def essay_entries(
    dutch: str,
    english: str,
    *,
    done: int = 9,
    fuzzy: int = -1,
) -> dict[str, list[tuple[str, str, bool]]]:
    """An essay's two catalogues: the first ``done`` entries translated, entry ``fuzzy``
    translated but fuzzy."""
    pairs = {
        "index": [
            (dutch, english),
            ("Een inleiding.", "An introduction."),
            (f"Een samenvatting van {dutch}.", f"A summary of {english}."),
            ("Ouderschap", "Parenting"),
            ("Relaties", "Relationships"),
        ],
        "hoofdstuk": [
            (f"Een hoofdstuk van {dutch}", f"A chapter of {english}"),
            (
                "Een alinea met een paar woorden, om te lezen.",
                "A paragraph of a few words, to read.",
            ),
        ],
    }
    out, number = {}, 0
    for page, entries in pairs.items():
        out[page] = []
        for msgid, msgstr in entries:
            out[page].append((msgid, msgstr if number < done else "", number == fuzzy))
            number += 1
    return out


@pytest.fixture
def translated(tmp_path: Path, rootdir: Path) -> Path:
    """The small library with English: essay-b complete, essay-a changed since (one entry
    fuzzy), essay-c half done, essay-d new (nothing translated)."""
    book = shutil.copytree(rootdir / "test-library", tmp_path / "library")
    toml = book / "book.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('["nl"]', '["nl", "en"]'), encoding="utf-8"
    )
    (book / "essay-d").mkdir()
    (book / "essay-d" / "index.md").write_text(
        "---\ndate: 2026-12-01\nsummary: Een samenvatting van Het vierde essay.\n---\n\n"
        "# Het vierde essay\n\nEen inleiding.\n",
        encoding="utf-8",
    )
    index = book / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace(
            "essay-c/index\n", "essay-c/index\nessay-d/index\n"
        ),
        encoding="utf-8",
    )
    for folder, dutch, kwargs in (
        ("essay-b", "Het nieuwste essay", {}),
        ("essay-a", "Het eerste essay", {"fuzzy": 5}),
        ("essay-c", "Een essay zonder onderwerp", {"done": 5}),
    ):
        for page, entries in essay_entries(dutch, EN[dutch], **kwargs).items():
            catalogue(book, f"{folder}/{page}", entries)
    (book / "locales" / "en" / "translators.toml").write_text(
        'language = "en"\ntranslators = ["Jane Doe"]\n\n[essays.essay-b]\n'
        'translators = ["Jo Roe"]\nreviewed = true\n',
        encoding="utf-8",
    )
    (book / "vertalingen.md").write_text(
        "---\norphan: true\n---\n\n# Vertalingen\n\n:::{translation-status}\n:::\n",
        encoding="utf-8",
    )
    assert compile_catalogues(BuildPaths.of(book)) == []
    return book


def build(make_app, book: Path, builder: str, language: str = "en") -> Path:
    return sphinx_build(make_app, book, builder, language)


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_only_an_essay_translated_in_full_is_in_the_ebooks(translated):
    paths = BuildPaths.of(translated)
    essays, books = load_library(paths, load_edition(translated, "en", paths.compiled_locales))
    state = {e.source.folder: (e.complete, e.untouched) for e in essays}
    assert state == {
        "essay-a": (False, False),
        "essay-b": (True, False),
        "essay-c": (False, False),
        "essay-d": (False, True),
    }
    assert [b.title for b in books] == ["The newest essay"]  # one complete: no collection
    assert published_languages(
        paths, load_edition(translated, None, paths.compiled_locales).facts
    ) == ["nl", "en"]


def test_the_ebooks_of_a_translation_hold_no_other_language(make_app, translated):
    epub = build(make_app, translated, "epub")
    assert sorted(p.name for p in epub.glob("*.epub")) == ["the-newest-essay.epub"]
    with zipfile.ZipFile(epub / "the-newest-essay.epub") as z:
        text = " ".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
        opf = z.read("content.opf").decode()
    assert "Een " not in text and "Het " not in text  # not a word of Dutch
    assert '<dc:contributor id="translator-1">Jo Roe</dc:contributor>' in opf
    assert 'refines="#translator-1" scheme="marc:relators">trl</meta>' in opf
    latex = build(make_app, translated, "latex")
    assert sorted(p.name for p in latex.glob("*.tex")) == ["the-newest-essay.tex"]
    tex = (latex / "the-newest-essay.tex").read_text(encoding="utf-8")
    assert "Translated by Jo Roe" in tex


def test_the_website_says_what_waits_since_when_and_by_whom(make_app, translated):
    html = build(make_app, translated, "html")
    home = page(html / "index.html")
    cards = {c.select_one(".library-card-title a")["href"]: c for c in home.select(".library-card")}
    new = cards["../nl/essay-d/index.html"]  # not translated: the original, not a copy
    assert "Not translated yet: available in Dutch." in new.get_text()
    assert new.select_one(".library-card-title")["lang"] == "nl"  # read out in Dutch
    assert not (html / "essay-d" / "index.html").exists()
    half = cards["essay-c/index.html"]
    assert "Translation in progress, passages still in Dutch: 2." in half.get_text()
    assert not half.select("a.download-epub")
    downloads = cards["essay-b/index.html"].select("a.download-epub")
    assert [a["href"] for a in downloads] == ["../downloads/en/the-newest-essay.epub"]
    changed = page(html / "essay-a" / "hoofdstuk.html").select_one(".translation-notice")
    assert changed.get_text() == (
        "The original of this page changed on November 20, 2026. Passages shown in Dutch "
        "until their translation is brought up to date: 1."
    )
    credit = page(html / "essay-a" / "index.html").select_one(".translation-credit")
    assert credit.get_text() == "Translated by Jane Doe"
    rows = {
        r.td.get_text().strip(): [" ".join(c.get_text(" ").split()) for c in r.select("td")[1:]]
        for r in page(html / "vertalingen.html").select("tbody tr")
    }
    assert rows["The newest essay"] == ["100 % Jo Roe reviewed"]
    assert rows["The first essay"] == ["85 % 1 waiting since Nov 20, 2026 Jane Doe"]
    links = {
        a["hreflang"]
        for a in page(html / "essay-b" / "index.html").select(".sidebar-languages a[hreflang]")
    }
    assert links == {"nl"}
    dutch = build(make_app, translated, "html", "nl")
    alternates = {
        link["hreflang"]
        for link in page(dutch / "essay-d" / "index.html").select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {"nl", "x-default"}  # no English page to point to


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("translators.toml", 'language = "fr"\ntranslators = []\n', "must name that language"),
        ("translators.toml", 'language = "en"\ntranslators = ["<b>Jo</b>"]\n', "may not hold"),
        (
            "translators.toml",
            'language = "en"\n[essays.essay-z]\nreviewed = true\n',
            "there is no essay docs/essay-z/",
        ),
        ("translators.toml", 'language = "en"\ntranslators = [\n', "not valid TOML"),
        ("translators.toml", 'language = "en"\ntranslators = ["Jo\uffff"]\n', "U+FFFF"),
        ("translators.toml", 'language = "en"\ntranslators = ["\u202eoJ"]\n', "U+202E"),
        ("glossary.csv", 'source,target\n"unclosed,quote\n', "not valid CSV"),
        ("glossary.csv", "bron,doel\n", "header"),
        ("wordlist.txt", b"Jo\n\xff\xfe\n", "not UTF-8"),
    ],
)
def test_a_broken_translators_file_is_an_error_with_file_and_line(translated, name, text, words):
    path = translated / "locales" / "en" / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    problems, _ = check(BuildPaths.of(translated))
    found = [str(p) for p in problems if p.path == path]
    assert found and words in found[0], [str(p) for p in problems]


def test_the_glossary_and_names_are_checked(translated):
    folder = translated / "locales" / "en"
    (folder / "glossary.csv").write_text(
        "source,target,explanation\ninleiding,foreword,\n", encoding="utf-8"
    )
    (translated / "locales" / "names.txt").write_text("Het nieuwste\n", encoding="utf-8")
    terms, problems = read_glossary(folder / "glossary.csv")
    assert problems == [] and terms[0].target == "foreword"
    _, notes = check(BuildPaths.of(translated))
    warnings = [str(n) for n in notes if "warning:" in n.message]
    assert any(
        "glossary: 'inleiding' is 'foreword'" in w and "essay-b/index.po" in w for w in warnings
    ), warnings
    assert any("'Het nieuwste' of the original is not in the translation" in w for w in warnings), (
        warnings
    )


def test_spelling_is_checked_with_the_word_list(translated):
    page_po = translated / "locales" / "en" / "LC_MESSAGES" / "essay-b" / "hoofdstuk.po"
    po = polib.pofile(str(page_po))
    po[1].msgstr = "A paragrahp of a few words, to read."
    po.save(str(page_po))
    problems, _ = check(BuildPaths.of(translated))
    [typo] = [p for p in problems if p.path == page_po]
    assert "spelling: paragrahp" in typo.message and typo.line == po[1].linenum
    (translated / "locales" / "en" / "wordlist.txt").write_text("paragrahp\n", "utf-8")
    assert not [p for p in check(BuildPaths.of(translated))[0] if p.path == page_po]


def test_a_spell_check_made_slow_is_stopped_by_processor_time_and_said(tmp_path, rootdir):
    """Crafted compound words keep German Hunspell busy: the check is stopped when it has
    used its processor time (not time on the clock, which a busy machine spends
    waiting), and the stop is a problem in the list; honest German is checked."""
    locales = tmp_path / "locales" / "de"
    catalogue = locales / "LC_MESSAGES" / "essay.po"
    catalogue.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(polib.POEntry(msgid="Een zin.", msgstr="Ein Fehlerr in einem Satz."))
    po.save(str(catalogue))
    wordlist = locales / "wordlist.txt"
    problems, _ = spelling([catalogue], "de", wordlist, rootdir / "test-library")
    assert [p.message.split(" (")[0] for p in problems] == ["spelling: Fehlerr"]
    for n in range(250):
        po.append(polib.POEntry(msgid=f"Zin {n}.", msgstr=" ".join(["Haus" * 10] * 4)))
    po.save(str(catalogue))
    [stopped], _ = spelling([catalogue], "de", wordlist, rootdir / "test-library")
    assert stopped.path == locales
    assert stopped.message.startswith("the spell check of de took far longer")


@pytest.mark.slow
def test_sphinx_intl_knows_the_layout_and_loses_no_translation(tmp_path):
    """update, stat and build of sphinx-intl on a copy of the real catalogues."""
    book = copy_book(tmp_path / "book")
    subprocess.run(
        [sys.executable, "-m", "essaylib.i18n.catalogues", "templates", "--root", str(book)],
        check=True,
        capture_output=True,
    )
    locales = book / "locales"

    def translations() -> dict[tuple[str, str], str]:
        return {
            (str(p.relative_to(locales)), e.msgid): e.msgstr
            for p in locales.rglob("*.po")
            for e in polib.pofile(str(p))
            if e.msgstr and not e.obsolete
        }

    before = translations()
    intl = [sys.executable, "-m", "sphinx_intl"]
    for language in ("en", "de"):
        subprocess.run(
            [
                *intl,
                "update",
                "-p",
                str(book / "_build" / "gettext"),
                "-d",
                str(locales),
                "-l",
                language,
            ],
            check=True,
            capture_output=True,
        )
    assert translations() == before
    stat = subprocess.run(
        [*intl, "stat", "-d", str(locales), "-l", "en"], check=True, capture_output=True, text=True
    ).stdout
    assert "0 fuzzy, 0 untranslated" in stat and "inleiding.po" in stat
    subprocess.run(
        [*intl, "build", "-d", str(locales), "-l", "de"], check=True, capture_output=True
    )
    assert (
        locales / "de" / "LC_MESSAGES" / "relatietherapie-voor-de-kinderen" / "inleiding.mo"
    ).is_file()


@pytest.mark.slow
def test_a_new_language_starts_unpublished(tmp_path):
    """make new-language LANGUAGE=fr: everything a translator needs; the site offers no
    French until an essay is complete in it, but the status page counts it."""
    book = copy_book(tmp_path / "book")
    subprocess.run(
        [sys.executable, "-m", "essaylib.i18n.catalogues", "new", "fr", "--root", str(book)],
        check=True,
        capture_output=True,
    )
    folder = book / "locales" / "fr"
    assert '"fr"]' in (book / "book.toml").read_text(encoding="utf-8")
    for name in ("glossary.csv", "wordlist.txt", "translators.toml"):
        assert (folder / name).is_file(), name
    assert len(list(folder.rglob("*.po"))) == len(list((book / "locales" / "en").rglob("*.po")))
    publish(book, tmp_path / "_build")
    site = tmp_path / "_build" / "site"
    assert not (site / "fr").exists() and not (site / "downloads" / "fr").exists()
    chapter = page(site / "nl" / "index.html")
    assert "fr" not in {a["hreflang"] for a in chapter.select(".sidebar-languages a[hreflang]")}
    status = page(site / "nl" / "vertalingen.html")
    assert "Français" in status.select_one("thead").get_text()


# Text a hostile translator could send, in every place it may land: HTML text and
# attributes, XML (EPUB metadata, feeds), LaTeX; a template engine would evaluate the
# braces.
HOSTILE = (
    '"><script>alert(1)</script> & ]]> <!-- x \\AtBeginDocument{\\input{/etc/passwd}}'
    " {{ cycler.__init__ }} 'quoted'"
)


def library_skeletons(make_app, book: Path, folder: Path) -> dict[str, object]:
    """Every output of the English library, as element skeletons: the website's pages,
    the EPUB's documents and metadata, the feeds, and the .tex."""
    shutil.rmtree(book / "_build" / "en", ignore_errors=True)
    found: dict[str, object] = {}
    html = build(make_app, book, "html")
    for path in sorted(html.rglob("*.html")):
        found[f"html {path.relative_to(html)}"] = html_skeleton(path.read_bytes())
    for epub in sorted(build(make_app, book, "epub").glob("*.epub")):
        with zipfile.ZipFile(epub) as z:
            for name in z.namelist():
                if name.endswith((".opf", ".ncx", ".xhtml")):
                    found[f"epub {name}"] = html_skeleton(z.read(name))
    # An e-book's file is named after its title (a slug of plain letters): by position.
    for number, tex in enumerate(sorted(build(make_app, book, "latex").glob("*.tex"))):
        found[f"tex {number}"] = tex_skeleton(tex.read_text(encoding="utf-8"))
    folder.mkdir()
    Publisher(BuildPaths.of(book), []).feeds(folder, "en", {})
    for feed in sorted(folder.glob("*.*")):
        ElementTree.parse(feed)  # well-formed XML
        found[f"feed {feed.name}"] = html_skeleton(feed.read_bytes())
    return found


@pytest.mark.slow
def test_the_librarys_places_keep_hostile_text_as_text(make_app, translated, tmp_path):
    """The complete essay's title, summary and text, compiled behind the checker's back
    with hostile text, reach the cards, downloads list, notices, credits, EPUB metadata,
    feeds and .tex only as text: every output has the elements and attributes of the same
    library with the honest translation, and no template ran."""
    honest = library_skeletons(make_app, translated, tmp_path / "honest")
    sources = translated / "locales" / "en" / "LC_MESSAGES" / "essay-b"
    compiled = BuildPaths.of(translated).compiled_locales / "en" / "LC_MESSAGES" / "essay-b"
    for domain in ("index", "hoofdstuk"):
        po = polib.pofile(str(sources / f"{domain}.po"))
        for entry in po:
            if entry.msgstr and entry.msgid not in ("Ouderschap", "Relaties"):
                entry.msgstr = f"{entry.msgstr} {HOSTILE}"
        po.save_as_mofile(str(compiled / f"{domain}.mo"))
    hostile = library_skeletons(make_app, translated, tmp_path / "hostile")
    assert hostile.keys() == honest.keys()
    for name, skeleton in honest.items():
        assert hostile[name] == skeleton, f"{name}: {difference(skeleton, hostile[name])}"
    home = page(translated / "_build" / "en" / "html" / "index.html")
    assert HOSTILE in home.get_text()  # it did arrive, as text


def test_any_wrapping_a_tool_writes_is_accepted(translated):
    """Poedit without "Wrap at", msgcat --no-wrap, polib: never a reason to refuse."""
    page_po = translated / "locales" / "en" / "LC_MESSAGES" / "essay-b" / "hoofdstuk.po"
    subprocess.run(["msgcat", "--no-wrap", "-o", str(page_po), str(page_po)], check=True)
    po = polib.pofile(str(page_po), wrapwidth=20)
    po.save(str(page_po))
    problems, _ = check(BuildPaths.of(translated))
    assert [str(p) for p in problems] == []


def git(book: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=book,
        check=True,
        capture_output=True,
    )


def glossary_warnings(book: Path, since: str | None = None) -> list[str]:
    import os

    environment = {**os.environ, "REVIEW_SINCE": since} if since else None
    run = subprocess.run(
        [sys.executable, "-m", "essaylib.i18n.catalogues", "check", "--root", str(book)],
        capture_output=True,
        text=True,
        env=environment,
    )
    return [line for line in run.stderr.splitlines() if "warning: glossary" in line]


def test_warnings_only_where_a_translation_is_new_or_changed(translated):
    """What was committed is not reported again; a new translation that leaves out an
    agreed term is; the term is looked for as a word of the text (not in a link
    target or as part of a longer word), and a translator's comment may say why."""
    folder = translated / "locales" / "en"
    (folder / "glossary.csv").write_text(
        "source,target,explanation\nalinea,passage,\nhoofdstuk,chapter,\nstel,couple,\n",
        encoding="utf-8",
    )
    (translated / ".gitignore").write_text("/_build/\n", encoding="utf-8")
    git(translated, "init", "-q")
    git(translated, "add", ".")
    git(translated, "commit", "-q", "-m", "translations")
    assert glossary_warnings(translated) == []
    every = glossary_warnings(translated, "all")
    assert any("'alinea' is 'passage'" in w for w in every), every

    page_po = folder / "LC_MESSAGES" / "essay-b" / "hoofdstuk.po"
    po = polib.pofile(str(page_po))
    po.append(
        polib.POEntry(
            msgid="Een alinea over [de stellen](../hoofdstuk.md).",
            msgstr="A [text](../hoofdstuk.md).",
        )
    )
    po.append(
        polib.POEntry(msgid="Nog een alinea.", msgstr="One more.", tcomment="glossary: alinea")
    )
    po.save(str(page_po))
    found = glossary_warnings(translated)
    assert len(found) == 1 and "'alinea' is 'passage'" in found[0], found
    assert f"hoofdstuk.po:{polib.pofile(str(page_po))[-2].linenum}" in found[0]


def test_a_word_too_long_for_the_spell_checker_is_a_problem_of_its_own(translated):
    """Hunspell can take a second on a crafted compound word: none over 40 letters is
    given to it; each is a misspelling until it is split or listed."""
    page_po = translated / "locales" / "en" / "LC_MESSAGES" / "essay-b" / "hoofdstuk.po"
    po = polib.pofile(str(page_po))
    long_word = "Paragraph" * 5
    po[1].msgstr = f"A {long_word} of a few words, to read."
    po.save(str(page_po))
    [typo] = [p for p in check(BuildPaths.of(translated))[0] if p.path == page_po]
    assert f"spelling: {long_word}" in typo.message
    (translated / "locales" / "en" / "wordlist.txt").write_text(f"{long_word}\n", "utf-8")
    assert not [p for p in check(BuildPaths.of(translated))[0] if p.path == page_po]
