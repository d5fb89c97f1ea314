"""Our Sphinx extensions, each on a small test root (sphinx.testing)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from essaylib.model.facts import LIMITS, FactsError, load_facts
from essaylib.sphinxext.cover import (
    ACCENT,
    BACKGROUND,
    CARD,
    COVER,
    INK,
    draw_cover,
    font_file,
    title_lines,
)
from essaylib.text.lines import function_words

ROOTS = ROOT / "tests" / "roots"

UID = f"urn:uuid:{uuid.uuid5(uuid.UUID('0b8c1c7e-5b0f-4d5e-9a51-3b6c1f6f2a10'), 'nl')}"


@pytest.mark.sphinx("html", testroot="book")
def test_facts_become_settings(app):
    config = app.config
    assert config.project == config.html_title == config.epub_title == "Een klein boek"
    assert config.author == config.epub_author == "Anna de Vries"
    assert config.epub_publisher == "Uitgeverij Proef"
    assert config.version == config.release == "2.1"
    assert config.epub_identifier == UID
    assert [b.basename for b in config.book_library.ebooks] == ["een-klein-boek"]
    assert config.latex_documents[0][1:4] == (
        "een-klein-boek.tex",
        "Een klein boek",
        "Anna de Vries",
    )


@pytest.mark.sphinx("html", testroot="book", confoverrides={"language": "xx"})
def test_each_language_is_its_own_edition(app):
    namespace = uuid.UUID("0b8c1c7e-5b0f-4d5e-9a51-3b6c1f6f2a10")
    assert app.config.epub_identifier == f"urn:uuid:{uuid.uuid5(namespace, 'xx')}"


@pytest.mark.sphinx("html", testroot="book")
def test_contact_line_gets_the_address(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    line = soup.select_one("a[href^=mailto]").parent
    assert line.get_text() == "Mail me: anna@example.org"
    assert unquote(line.a["href"]) == "mailto:anna@example.org"
    assert "{email}" not in soup.get_text()
    assert soup.h1.get_text().startswith("Een klein boek")  # the title comes from book.toml


@pytest.fixture
def unknown_book(tmp_path):
    """The small book, with no author, e-mail address or publisher known."""
    book = shutil.copytree(ROOTS / "test-book", tmp_path / "book")
    facts = book / "book.toml"
    text = facts.read_text(encoding="utf-8")
    for known in ('"Anna de Vries"', '"anna@example.org"', '"Uitgeverij Proef"'):
        text = text.replace(known, '""')
    facts.write_text(text, encoding="utf-8")
    return book


def test_unknown_facts_are_said_and_left_out(make_app, unknown_book):
    app = make_app("html", srcdir=unknown_book)
    app.build()
    status = app.status
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Mail me" not in html and "{email}" not in html
    assert "Begin vandaag." in html
    assert app.config.author == "Anonymous"  # this root has no catalogue for its language
    assert "book.toml: no email" in status.getvalue()
    assert "book.toml: no author" in status.getvalue()


def test_contact_line_stays_translatable_without_an_address(make_app, unknown_book):
    app = make_app("gettext", srcdir=unknown_book)
    app.build()
    assert 'msgid "Mail me: {email}"' in (app.outdir / "index.pot").read_text(encoding="utf-8")


@pytest.mark.sphinx("epub", testroot="book")
def test_epub_ncx_carries_the_identifier(app):
    app.build()
    with zipfile.ZipFile(app.outdir / "een-klein-boek.epub") as z:
        ncx = z.read("toc.ncx").decode()
        opf = z.read("content.opf").decode()
        assert "_static/cover.png" in z.namelist()
    assert f'<meta name="dtb:uid" content="{UID}"/>' in ncx
    assert f">{UID}</dc:identifier>" in opf


@pytest.mark.sphinx("latex", testroot="book")
def test_latex_attribution_has_an_em_dash(app):
    app.build()
    tex = (app.outdir / "een-klein-boek.tex").read_text(encoding="utf-8")
    assert "\u2014\u2009Jan Bommerez" in tex
    assert "---Jan" not in tex
    assert r"pdfauthor={Anna de Vries}" in tex and r"pdflang={nl}" in tex


COVER_SCRIPT = """
import sys
from pathlib import Path
from essaylib.sphinxext.cover import png
Path(sys.argv[2]).write_bytes(png(sys.argv[1], "Over proeven", "Anna", "cover"))
"""


def test_cover_is_the_same_file_from_any_process_and_in_the_books_typeface(tmp_path):
    """Two processes (different hash seeds) write the same bytes; a different title does not;
    and the type is TeX Gyre Pagella, not whatever font fontconfig falls back to."""
    files = []
    for seed, title in (("1", "Een klein boek"), ("2", "Een klein boek"), ("3", "Ein Buch")):
        out = tmp_path / f"{seed}.png"
        subprocess.run(
            [sys.executable, "-c", COVER_SCRIPT, title, str(out)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        files.append(out.read_bytes())
    assert files[0] == files[1] != files[2]
    assert Path(font_file("Bold")).name == "texgyrepagella-bold.otf"


# The book's title in its three languages (book.toml, locales/*/LC_MESSAGES/book.po), as
# the cover (portrait) and the link-preview card (landscape) set it.
TITLES = {
    "en": (
        "We're Going to Couples Therapy for the Kids",
        ["We're Going", "to Couples Therapy", "for the Kids"],
        ["We're Going to Couples", "Therapy for the Kids"],
    ),
    "nl": (
        "Wij gaan in relatietherapie voor de kinderen",
        ["Wij gaan", "in relatietherapie", "voor de kinderen"],
        ["Wij gaan in relatietherapie", "voor de kinderen"],
    ),
    "de": (
        "Wir gehen für die Kinder in Paartherapie",
        ["Wir gehen", "für die Kinder", "in Paartherapie"],
        ["Wir gehen für die Kinder", "in Paartherapie"],
    ),
}


@pytest.mark.parametrize("language", sorted(TITLES))
def test_the_cover_breaks_the_title_between_phrases(language):
    """Balanced lines, none ending on a short function word ("to", "the", "in", "für"),
    no short word alone: greedy filling gave "We're Going to / Couples / Therapy for
    the / Kids"."""
    title, cover, card = TITLES[language]
    assert title_lines(title, language, COVER) == cover
    assert title_lines(title, language, CARD) == card
    for line in cover + card:
        assert line.split()[-1].lower() not in function_words(language) or line.endswith(
            title.split()[-1]
        ), line


def test_a_language_without_function_words_still_gets_balanced_lines():
    assert function_words("xx") == frozenset()
    title = "We're Going to Couples Therapy for the Kids"
    assert title_lines(title, "xx", COVER) == ["We're Going to", "Couples Therapy", "for the Kids"]


def test_the_longest_title_fits_the_cover_with_one_font_lookup_per_style():
    font_file.cache_clear()
    title = ("Lange " * 40)[: LIMITS["title"]]
    for size in (COVER, CARD):
        image = draw_cover(title, "Een ondertitel die ook lang is " * 5, "Anna de Vries", size)
        width, height = size
        margin = 90 * min(width / COVER[0], height / COVER[1] * 1.6) if width < height else 40
        inside = image.crop(
            (
                round(margin) + 8,
                round(margin) + 8,
                width - round(margin) - 8,
                height - round(margin) - 8,
            )
        )
        ink = [image.getpixel((x, y)) for x in range(width) for y in (2, height - 3)]
        ink += [image.getpixel((x, y)) for y in range(height) for x in (2, width - 3)]
        assert set(ink) == {BACKGROUND}, "text outside the frame"
        # the text is there, in its ink, and the accent rule under the title
        assert {INK, ACCENT} <= {colour for _, colour in inside.getcolors(maxcolors=1 << 20)}
    assert font_file.cache_info().misses == 3  # Bold, Italic, Regular: once each


def test_book_toml_mistakes_name_file_and_line(tmp_path):
    text = (ROOTS / "test-book" / "book.toml").read_text(encoding="utf-8")
    for wrong, where, words in [
        (("title = ", 'title = "' + "x" * 130 + '" #'), 1, "at most 120"),
        (('languages = ["nl", "xx"]', 'languages = ["nl", "x y"]'), 10, "language codes"),
        (('email = "anna@example.org"', 'email = "anna"'), 5, "e-mail address"),
        (('version = "2.1"', 'version = "2.1"\nauthor_name = "Anna"'), 9, "unknown fact"),
        (('title = "Een klein boek"', 'title = "Een {{ boek }}"'), 1, "may not hold { }"),
    ]:
        (tmp_path / "book.toml").write_text(text.replace(*wrong, 1), encoding="utf-8")
        with pytest.raises(FactsError, match=rf"book.toml:{where}: .*{words}"):
            load_facts(tmp_path)


def test_a_file_under_the_build_folder_in_git_stops_the_build(tmp_path):
    """Sphinx reads back its pickled environment: one that came with the repository (a
    pull request can force-add it) could run code. Such a file is never read."""
    book = shutil.copytree(ROOTS / "test-book", tmp_path / "book")
    pickle = book / "_build" / "nl" / "doctrees" / "environment.pickle"
    pickle.parent.mkdir(parents=True)
    pickle.write_bytes(b"\x80\x04cos\nsystem\n(S'touch /tmp/essaylib-canary'\ntR.")
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}
    for args in (["init", "-q"], ["add", "-f", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
            cwd=book,
            check=True,
            env=environment,
        )
    for tool in ("essaylib.outputs.publish", "essaylib.i18n.catalogues"):
        args = ["compile"] if tool == "essaylib.i18n.catalogues" else []
        run = subprocess.run(
            [sys.executable, "-m", tool, *args, "--root", str(book)],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 1
        assert "holds files that git tracks (_build/nl/doctrees/environment.pickle)" in run.stderr
    assert not Path("/tmp/essaylib-canary").exists()


@pytest.mark.sphinx("html", testroot="engine")
def test_one_extension_brings_the_engine_and_the_book_overrides_it(app):
    """conf.py says extensions = ["essaylib"]: every part is set up and every engine
    setting applies (essaylib.sphinxext.defaults), but where the book's conf.py chose otherwise."""
    from essaylib import PARTS

    assert set(PARTS) - {"myst_parser", "notfound.extension"} <= set(app.extensions)
    assert app.config.html_theme == "furo" and app.config.smartquotes is False
    assert app.config.myst_enable_extensions == ["colon_fence", "attrs_block"]
    assert app.config.html_show_sourcelink is True  # the book's, not the engine's False
    assert app.config.locale_dirs == [str(app.confdir / "_build" / "locales")]
    app.build()
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "_static/book.css" in page and "furo" in page
    assert "Een boek op de motor" in page
