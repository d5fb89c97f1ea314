"""Our i18n code on a tiny book with an ``xx`` catalogue (sphinx.testing), and the
catalogue checks against a corpus of hostile entries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from catalogues import compile_catalogues
from pocheck import check_catalogue, problems_in_entry

HOSTILE = [
    "Hallo <script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    "<style>body{display:none}</style>",
    "<form action='https://evil.example'><input></form>",
    "<object data='x.swf'></object>",
    "[klik hier](javascript:alert(1))",
    "[klik hier](data:text/html;base64,PHNjcmlwdD4=)",
    "{raw}`html <b>x</b>`",
    "```{raw} html\n<script>alert(1)</script>\n```",
    "```{eval-rst}\n.. raw:: html\n\n   <script></script>\n```",
    "```{include} ../../../../../../etc/passwd\n```",
    ":::{include} ../../../../../../etc/passwd\n:::",
    "{download}`wachtwoorden <../../../../../../etc/passwd>`",
    "![x](https://evil.example/pixel.png)",
    "![x](../../../../../../etc/passwd)",
    "[meer](https://evil.example)",
    "<https://evil.example>",
    "Zie https://evil.example",
    "{ref}`somewhere`",
    "{{ secret }}",
    ".. raw:: html\n\n   <script></script>",
    ":download:`x </etc/passwd>`",
]


def catalogue(path: Path, entries: list[tuple[str, str]]) -> Path:
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for msgid, msgstr in entries:
        esc = [s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               for s in (msgid, msgstr)]
        lines += [f'msgid "{esc[0]}"', f'msgstr "{esc[1]}"', ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("msgstr", HOSTILE)
def test_hostile_translation_is_rejected(msgstr):
    assert problems_in_entry("Eerste alinea.", msgstr)


@pytest.mark.parametrize(("msgid", "msgstr"), [
    ("Eerste alinea.", "First paragraph, with *emphasis* and “quotes” — and a dash."),
    ("Zoals Maté stelt in *The Myth of Normal*:", "As Maté puts it in *The Myth of Normal*:"),
    ("Mail me: {email}", "Schreib mir: {email}"),
    ("{{ title }}", "{{ title }}"),
    ("Zie [de site](https://example.org).", "See [the site](https://example.org)."),
    ("Als a < b en b > c.", "If a < b and b > c."),
])
def test_faithful_translation_passes(msgid, msgstr):
    assert problems_in_entry(msgid, msgstr) == []


@pytest.mark.parametrize("msgstr", ["Mail me.", "Mail me: {email} {email}", "Mail: {adres}"])
def test_placeholders_must_match(msgstr):
    assert problems_in_entry("Mail me: {email}", msgstr)


def test_check_po_finds_a_catalogue_powrap_would_rewrap(tmp_path):
    from catalogues import check

    po = catalogue(tmp_path / "x.po", [("Een.", "One.")])
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "One."',
                                                         'msgstr ""\n"One."'), encoding="utf-8")
    assert check([po]) == [f"{po}: not wrapped as powrap wraps it (run: make po)"]


def test_problem_names_file_and_line(tmp_path):
    po = catalogue(tmp_path / "x.po", [("Een.", "One."), ("Twee.", "<script>x</script>")])
    [problem] = check_catalogue(po)
    assert str(problem).startswith(f"{po}:8: ")
    assert "raw HTML" in str(problem) and "<script" in str(problem)


@pytest.fixture
def i18n_book(tmp_path, rootdir):
    """A copy of the xx test root; catalogues compiled as the build compiles them."""
    src = tmp_path / "book"
    shutil.copytree(rootdir / "test-i18n", src)
    return src


def build(make_app, src: Path, builder: str = "html", language: str = "xx"):
    errors = compile_catalogues(src / "locales", src / "_build" / "locales")
    assert errors == []
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
    assert index.select_one(".translation-notice").get_text() == "XX-Partly untranslated."
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
    assert soup.select_one(".sidebar-languages [aria-current]").get_text() != ""
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {"nl": "../nl/hoofdstuk.html", "xx": "../xx/hoofdstuk.html",
                          "x-default": "../nl/hoofdstuk.html"}


def test_status_page(make_app, i18n_book):
    app = build(make_app, i18n_book)
    rows = [[c.get_text().strip() for c in tr.select("td")]
            for tr in page(app, "status.html").select("table.translation-status tbody tr")]
    assert rows == [["XX-Chapter", "100 %"]]


def test_hostile_catalogue_stops_the_build(i18n_book):
    po = i18n_book / "locales" / "xx" / "LC_MESSAGES" / "hoofdstuk.po"
    catalogue(po, [("Een zin.", HOSTILE[0])])
    errors = compile_catalogues(i18n_book / "locales", i18n_book / "_build" / "locales")
    assert errors and errors[0].startswith(f"{po}:5: ")
    assert not (i18n_book / "_build" / "locales" / "xx").exists()  # nothing compiled


@pytest.mark.parametrize("msgstr", HOSTILE)
def test_second_layer_keeps_markup_out_even_without_the_check(make_app, i18n_book, msgstr):
    """Compile a hostile catalogue behind the checker's back: MyST without raw HTML and
    docutils without raw or file inclusion still keep scripts and files out of the page."""
    import polib

    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid="Een zin.", msgstr=msgstr))
    out = i18n_book / "_build" / "locales" / "xx" / "LC_MESSAGES"
    out.mkdir(parents=True)
    po.save_as_mofile(str(out / "hoofdstuk.mo"))
    app = make_app("html", srcdir=i18n_book, confoverrides={"language": "xx"})
    app.build()
    article = page(app, "hoofdstuk.html").select_one("article")
    for tag in ("script", "iframe", "style", "form", "object", "img"):
        assert not article.select(tag), tag
    assert not [a for a in article.select("a[href]")
                if a["href"].split(":")[0].lower() in ("javascript", "data")]
    assert "root:" not in article.get_text()  # /etc/passwd was not read
    assert not (app.outdir / "_downloads").exists()
