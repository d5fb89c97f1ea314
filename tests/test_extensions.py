"""Our Sphinx extensions, each on a small test root (sphinx.testing)."""

from __future__ import annotations

import uuid
import zipfile
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

UID = f"urn:uuid:{uuid.uuid5(uuid.UUID('0b8c1c7e-5b0f-4d5e-9a51-3b6c1f6f2a10'), 'nl')}"


@pytest.mark.sphinx("html", testroot="book")
def test_facts_become_settings(app):
    config = app.config
    assert config.project == config.html_title == config.epub_title == "Een klein boek"
    assert config.author == config.epub_author == "Anna de Vries"
    assert config.epub_publisher == "Uitgeverij Proef"
    assert config.version == config.release == "2.1"
    assert config.epub_identifier == UID
    assert config.epub_basename == "een-klein-boek-nl"
    assert config.latex_documents[0][1:4] == ("een-klein-boek-nl.tex", "Een klein boek",
                                              "Anna de Vries")


@pytest.mark.sphinx("html", testroot="book", confoverrides={"language": "xx"})
def test_each_language_is_its_own_edition(app):
    assert app.config.epub_basename == "een-klein-boek-xx"
    assert app.config.epub_identifier != UID


@pytest.mark.sphinx("html", testroot="book")
def test_contact_line_gets_the_address(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    line = soup.select_one("a[href^=mailto]").parent
    assert line.get_text() == "Mail me: anna@example.org"
    assert unquote(line.a["href"]) == "mailto:anna@example.org"
    assert "{email}" not in soup.get_text()
    assert soup.h1.get_text().startswith("Een klein boek")  # the title comes from book.toml


@pytest.mark.sphinx("html", testroot="book-unknown")
def test_unknown_facts_are_said_and_left_out(app, status):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Mail me" not in html and "{email}" not in html
    assert "Begin vandaag." in html
    assert app.config.author == "Anonymous"  # this root has no catalogue for its language
    assert "book.toml: no email" in status.getvalue()
    assert "book.toml: no author" in status.getvalue()


@pytest.mark.sphinx("gettext", testroot="book-unknown", freshenv=True)
def test_contact_line_stays_translatable_without_an_address(app):
    app.build()
    assert 'msgid "Mail me: {email}"' in (app.outdir / "index.pot").read_text(encoding="utf-8")


@pytest.mark.sphinx("epub", testroot="book")
def test_epub_ncx_carries_the_identifier(app):
    app.build()
    with zipfile.ZipFile(app.outdir / "een-klein-boek-nl.epub") as z:
        ncx = z.read("toc.ncx").decode()
        opf = z.read("content.opf").decode()
        assert "_static/cover.png" in z.namelist()
    assert f'<meta name="dtb:uid" content="{UID}"/>' in ncx
    assert f">{UID}</dc:identifier>" in opf


@pytest.mark.sphinx("latex", testroot="book")
def test_latex_attribution_has_an_em_dash(app):
    app.build()
    tex = (app.outdir / "een-klein-boek-nl.tex").read_text(encoding="utf-8")
    assert "\u2014\u2009Jan Bommerez" in tex
    assert "---Jan" not in tex
    assert r"pdfauthor={Anna de Vries}" in tex and r"pdflang={nl}" in tex


def test_cover_is_deterministic():
    from cover import draw_cover

    a = draw_cover("Een klein boek", "", "Anna").tobytes()
    assert a == draw_cover("Een klein boek", "", "Anna").tobytes()
    assert a != draw_cover("Ein kleines Buch", "", "Anna").tobytes()
