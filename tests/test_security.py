"""Translators are untrusted: a hostile catalogue is refused with its file and line by the
same code that `make` and `make check-po` run, and, compiled behind that code's back,
still cannot put markup into any output, read a file of the machine or run anything.
See SECURITY.md."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, pdf_text, shared, sphinx_build
from hostile import BOOK, CANARY, CORPUS, LEFT_OUT, PAGE, SINKS, TITLE
from skeleton import difference, html_skeleton, tex_skeleton
from sphinx.testing.util import SphinxTestApp

from essaylib.i18n.catalogues import check, compile_catalogues
from essaylib.i18n.words import UI_STRINGS
from essaylib.model.paths import BuildPaths
from essaylib.outputs.publish import TEX_ENVIRONMENT

FIRST = ("Hoofdstuk", "XX-Chapter")
ROOTS = ROOT / "tests" / "roots"


@pytest.fixture
def i18n_book(tmp_path: Path, rootdir: Path) -> Path:
    """A copy of the xx test root."""
    src = tmp_path / "book"
    shutil.copytree(rootdir / "test-i18n", src)
    return src


def write_catalogue(path: Path, entries: list[tuple[str, str]]) -> dict[str, int]:
    """A catalogue with these entries; the line of each msgid."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "xx"}
    for msgid, msgstr in entries:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return {e.msgid: e.linenum for e in polib.pofile(str(path))}


def catalogue_of(book: Path, domain: str) -> Path:
    return book / "locales" / "xx" / "LC_MESSAGES" / f"{domain}.po"


def compiled(book: Path) -> list[Path]:
    return sorted(BuildPaths.of(book).compiled_locales.rglob("*.mo"))


# The facts' and the chrome's entries one catalogue each (each has one msgid it may
# translate); the page corpus in one catalogue (test_check_po_refuses_exactly_what_make_refuses).
ONE_BY_ONE = [c for c in CORPUS if c[0] != PAGE]


@pytest.mark.parametrize(
    ("domain", "msgid", "msgstr", "what"), ONE_BY_ONE, ids=[f"{c[0]}: {c[3]}" for c in ONE_BY_ONE]
)
def test_hostile_entry_is_refused_with_file_and_line(i18n_book, domain, msgid, msgstr, what):
    po = catalogue_of(i18n_book, domain)
    first = (TITLE, "XX-A small book") if domain == BOOK else ("Languages", "XX-Languages")
    lines = write_catalogue(
        po, [first, (msgid, msgstr)] if msgid != first[0] else [(msgid, msgstr)]
    )
    problems = compile_catalogues(BuildPaths.of(i18n_book))
    assert problems, what
    assert next(str(p) for p in problems if p.path == po).startswith(f"{po}:{lines[msgid]}: ")
    assert compiled(i18n_book) == []  # nothing is published
    # make check-po says the same
    assert set(map(str, problems)) <= set(map(str, check(BuildPaths.of(i18n_book))[0]))
    # The second time the check is remembered (manifest/catalogues/): the same refusal.
    assert list(map(str, compile_catalogues(BuildPaths.of(i18n_book)))) == list(map(str, problems))
    assert compiled(i18n_book) == []


def test_a_remembered_check_never_covers_new_bytes(i18n_book):
    """A catalogue that passed, then changed to a hostile one of the same size and time,
    is checked again; put back, it passes again."""
    po = catalogue_of(i18n_book, PAGE)
    paths = BuildPaths.of(i18n_book)
    write_catalogue(po, [FIRST])
    good = po.read_bytes()
    before = po.stat()
    assert compile_catalogues(paths) == []
    # one remembered check for each of the book's four catalogues
    assert len(list((paths.builddir / "manifest" / "catalogues").rglob("*.json"))) == 4
    hostile = good.replace(FIRST[1].encode(), b"<b>" + FIRST[1][3:-4].encode() + b"</b>")
    assert len(hostile) == len(good)
    po.write_bytes(hostile)
    os.utime(po, ns=(before.st_atime_ns, before.st_mtime_ns))
    refused = compile_catalogues(paths)
    assert [p.path for p in refused] == [po], "a hostile catalogue passed on a remembered check"
    po.write_bytes(good)
    assert compile_catalogues(paths) == []


@pytest.mark.parametrize(
    ("domain", "msgid", "msgstr", "what"), LEFT_OUT, ids=[f"{c[0]}: {c[3]}" for c in LEFT_OUT]
)
def test_entries_the_book_does_not_use_are_left_out(i18n_book, domain, msgid, msgstr, what):
    """An entry of book.po or sphinx.po that the book never looks up is not compiled (a
    renamed title's old translation must not stop the build), and the note says where."""
    import polib as po_reader

    po = catalogue_of(i18n_book, domain)
    first = (TITLE, "XX-A small book") if domain == BOOK else ("Languages", "XX-Languages")
    lines = write_catalogue(po, [first, (msgid, msgstr)])
    paths = BuildPaths.of(i18n_book)
    assert compile_catalogues(paths) == []
    mo = paths.compiled_locales / "xx" / "LC_MESSAGES" / f"{domain}.mo"
    assert [e.msgid for e in po_reader.mofile(str(mo)) if e.msgid] == [first[0]], what
    notes = [str(n) for n in check(paths)[1]]
    assert any(n.startswith(f"{po}:{lines[msgid]}: left out") for n in notes), notes


def test_check_po_refuses_exactly_what_make_refuses(i18n_book):
    """The page corpus in one catalogue: `make check-po` and `make` report the same
    problems, one (at least) for every entry."""
    hostile = [(f"{m} ({i})", s) for i, (d, m, s, _) in enumerate(CORPUS) if d == PAGE]
    lines = write_catalogue(catalogue_of(i18n_book, PAGE), hostile)
    paths = BuildPaths.of(i18n_book)
    refused = {str(p) for p in compile_catalogues(paths)}
    assert compiled(i18n_book) == []  # nothing is published
    reported = {str(p) for p in check(paths)[0] if "powrap" not in p.message}
    assert refused == reported
    # every entry refused at its own line, and nothing else
    assert {int(p.split(":")[1]) for p in refused} == {lines[m] for m, _ in hostile}
    # The second time the check is remembered (manifest/catalogues/): the same refusal.
    assert {str(p) for p in compile_catalogues(paths)} == refused
    assert compiled(i18n_book) == []


def raw_catalogue(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(data)
    return path


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("name", "data", "line", "words"),
    [
        (
            "a byte order mark",
            b"\xef\xbb\xbf" + HEADER.encode() + b'msgid "Een zin."\nmsgstr "A."\n',
            1,
            "byte order mark",
        ),
        (
            "bytes that are not UTF-8",
            HEADER.encode() + 'msgid "Een zin."\nmsgstr "Caf\xe9."\n'.encode("latin-1"),
            6,
            "not UTF-8",
        ),
        (
            "a Latin-1 header over UTF-8 text",
            HEADER.replace("UTF-8", "ISO-8859-1").encode()
            + 'msgid "Een zin."\nmsgstr "Café."\n'.encode(),
            3,
            "charset=UTF-8",
        ),
        (
            "a truncated string",
            HEADER + 'msgid "Een zin."\nmsgstr "A sentence.\n',
            7,
            "end-of-line within string",
        ),
        (
            "a duplicate entry",
            HEADER + 'msgid "Een zin."\nmsgstr "A."\n\nmsgid "Een zin."\nmsgstr "<b>B</b>"\n',
            8,
            "msgfmt",
        ),
        (
            "a plural entry",
            HEADER + 'msgid "Een zin."\nmsgid_plural "Zinnen."\n'
            'msgstr[0] "A."\nmsgstr[1] "<script>"\n',
            7,
            "plural",
        ),
        (
            "a plural entry, with a plural header",
            HEADER.replace("\n\n", '\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n', 1)
            + 'msgid "Een zin."\nmsgid_plural "Zinnen."\nmsgstr[0] "A."\nmsgstr[1] "B."\n',
            6,
            "plural forms, but its original has none",
        ),
        (
            "a message context",
            HEADER + 'msgctxt "x"\nmsgid "Een zin."\nmsgstr "<script>"\n',
            5,
            "msgctxt",
        ),
        (
            "an impossible POT-Creation-Date, with a fuzzy entry",
            HEADER.replace("\n\n", '\n"POT-Creation-Date: 2099-02-30 10:00+0000\\n"\n\n', 1)
            + '#, fuzzy\nmsgid "Een zin."\nmsgstr "A."\n',
            4,
            "POT-Creation-Date '2099-02-30 10:00+0000' is not a date",
        ),
        (
            "a decoy before a Latin-1 header",
            'msgid "Decoy"\nmsgstr "Content-Type: text/plain; charset=UTF-8"\n\n'
            + HEADER.replace("UTF-8", "ISO-8859-1")
            + 'msgid "Een zin."\nmsgstr "Café."\n',
            6,
            "charset=UTF-8",
        ),
    ],
)
def test_a_broken_catalogue_is_refused_with_file_and_line(i18n_book, name, data, line, words):
    po = raw_catalogue(catalogue_of(i18n_book, PAGE), data)
    problems = [str(p) for p in compile_catalogues(BuildPaths.of(i18n_book))]
    assert problems, name
    assert problems[0].startswith(f"{po}:{line}: ") and words in problems[0], problems
    assert compiled(i18n_book) == []


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero"])
def test_a_catalogue_that_is_a_link_is_never_read(i18n_book, target):
    po = catalogue_of(i18n_book, PAGE)
    po.parent.mkdir(parents=True, exist_ok=True)
    po.unlink(missing_ok=True)
    po.symlink_to(target)
    paths = BuildPaths.of(i18n_book)
    for problems in (compile_catalogues(paths), check(paths)[0]):
        assert [str(p) for p in problems if p.path == po] == [
            f"{po}:0: a symbolic link; a translation is a file of its own, in its language's folder"
        ]
    assert compiled(i18n_book) == []


def test_a_catalogue_too_large_is_refused_before_it_is_read(i18n_book):
    po = raw_catalogue(catalogue_of(i18n_book, PAGE), HEADER + "#" * (3 * 1024 * 1024) + "\n")
    [problem] = [p for p in compile_catalogues(BuildPaths.of(i18n_book)) if p.path == po]
    assert "a catalogue is at most 2,097,152" in problem.message


def test_a_syntax_error_is_a_problem_in_the_list_not_a_traceback(i18n_book):
    po = raw_catalogue(catalogue_of(i18n_book, PAGE), HEADER + 'msgid "Een zin."\nmsgstr A.\n')
    problems, _ = check(BuildPaths.of(i18n_book))
    assert [p for p in problems if p.path == po and p.line == 6], [str(p) for p in problems]


def test_catalogues_the_book_does_not_use_are_never_compiled(i18n_book):
    """An unknown domain (a theme's, say) or language is left out, never compiled."""
    for where in (
        "xx/LC_MESSAGES/furo.po",
        "yy/LC_MESSAGES/hoofdstuk.po",
        "nl/LC_MESSAGES/hoofdstuk.po",
        "xx/hoofdstuk.po",
    ):
        write_catalogue(i18n_book / "locales" / where, [("Een zin.", "<b>x</b>")])
    paths = BuildPaths.of(i18n_book)
    assert compile_catalogues(paths) == []
    names = [p.relative_to(paths.compiled_locales).as_posix() for p in compiled(i18n_book)]
    assert names == [
        "xx/LC_MESSAGES/book.mo",
        "xx/LC_MESSAGES/hoofdstuk.mo",
        "xx/LC_MESSAGES/index.mo",
        "xx/LC_MESSAGES/sphinx.mo",
    ]
    _, notes = check(paths)
    left_out = [n for n in notes if "left out of the build" in str(n)]
    assert len(left_out) == 4


# -- Behind the checker's back: escaping alone keeps every sink's strings inert ---------


def hostile_catalogues(book: Path) -> None:
    """Complete, ordinary page catalogues; the title, description and every chrome label
    hostile; compiled straight with msgfmt, as if the allowlist did not exist."""
    labels = []
    for msgid in UI_STRINGS:
        kept = "".join(p for p in ("{title}", "{language}") if p in msgid)
        labels.append((msgid, SINKS["label"] + kept))
    catalogues = {
        "index": [
            ("Welkom", "XX-Welcome"),
            ("Eerste alinea.", "XX-First paragraph."),
            ("Tweede alinea.", "XX-Second paragraph."),
        ],
        "hoofdstuk": [FIRST, ("Een zin.", "XX-A sentence.")],
        "status": [("{book}`title`", "{book}`title`")],
        "book": [(TITLE, SINKS["title"]), ("Proef.", SINKS["description"])],
        "sphinx": labels,
    }
    out = BuildPaths.of(book).compiled_locales / "xx" / "LC_MESSAGES"
    out.mkdir(parents=True)
    for domain, entries in catalogues.items():
        po = catalogue_of(book, domain)
        write_catalogue(po, entries)
        subprocess.run(["msgfmt", "-o", str(out / f"{domain}.mo"), str(po)], check=True)


def build(make_app, book: Path, builder: str, language: str) -> Path:
    # The test language "xx" is not one docutils, Babel or LaTeX know; any other warning
    # counts.
    return sphinx_build(
        make_app, book, builder, language, lambda line: "'xx'" in line or '"xx"' in line
    )


@pytest.mark.slow
def test_escaping_holds_behind_the_checkers_back(make_app, i18n_book):
    Path(CANARY).unlink(missing_ok=True)
    hostile_catalogues(i18n_book)
    outputs = {
        lang: {b: build(make_app, i18n_book, b, lang) for b in ("html", "latex", "epub")}
        for lang in ("nl", "xx")
    }

    # The website: every page has exactly the original's elements and attributes.
    original, translated = outputs["nl"]["html"], outputs["xx"]["html"]
    pages = sorted(p.relative_to(original) for p in original.glob("*.html"))
    assert [p.as_posix() for p in pages] == [
        "genindex.html",
        "hoofdstuk.html",
        "index.html",
        "search.html",
        "status.html",
    ]
    for page in pages:
        a = html_skeleton((original / page).read_bytes())
        b = html_skeleton((translated / page).read_bytes())
        assert a == b, f"{page}: {difference(a, b)}"
    brand = BeautifulSoup(
        (translated / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one(".sidebar-brand-text")
    assert brand.get_text().strip() == SINKS["title"]  # shown as text, whole

    # The PDF's LaTeX: the same control sequences; the hostile title is printed as text.
    [tex_nl] = outputs["nl"]["latex"].glob("*.tex")
    [tex_xx] = outputs["xx"]["latex"].glob("*.tex")
    a, b = (
        tex_skeleton(tex_nl.read_text(encoding="utf-8")),
        tex_skeleton(tex_xx.read_text(encoding="utf-8")),
    )
    assert a == b, difference(a, b)

    # The EPUB: every file is well-formed, with the original's elements.
    [epub_nl] = outputs["nl"]["epub"].glob("*.epub")
    [epub_xx] = outputs["xx"]["epub"].glob("*.epub")
    with zipfile.ZipFile(epub_nl) as zn, zipfile.ZipFile(epub_xx) as zx:
        for name in zn.namelist():
            if name.endswith((".opf", ".ncx", ".xhtml")):
                a, b = (html_skeleton(z.read(name)) for z in (zn, zx))
                assert a == b, f"{name}: {difference(a, b)}"
        # The cover page and the title page show the title and description as text.
        cover = BeautifulSoup(zx.read("epub-cover.xhtml"), "html.parser")
        title_page = BeautifulSoup(zx.read("epub-titlepage.xhtml"), "html.parser")
    assert cover.img["alt"] == title_page.h1.get_text() == SINKS["title"]
    assert title_page.select_one("p.description").get_text() == SINKS["description"]

    # TeX itself, run as the publisher runs it: the title is the PDF's title, letter for letter.
    latexdir = outputs["xx"]["latex"]
    subprocess.run(
        ["make", "-C", str(latexdir), "all-pdf", "LATEXMKOPTS=-silent"],
        check=True,
        capture_output=True,
        env={**os.environ, **TEX_ENVIRONMENT},
    )
    [pdf] = latexdir.glob("*.pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+(.*)$", info, re.M).group(1) == SINKS["title"]
    text = pdf_text(pdf, body_only=False)
    assert SINKS["title"].split("\\")[0] in text

    everything = b"".join(
        p.read_bytes() for p in i18n_book.rglob("*") if p.is_file() and "_build" in p.parts
    )
    assert b"root:x:0:0" not in everything  # /etc/passwd was read nowhere
    assert not Path(CANARY).exists()  # nothing ran


def test_template_syntax_in_a_page_is_text(second_layer, i18n_book):
    """No template engine reads a translation: {{ ... }} is refused by the check, and
    compiled behind its back (the page corpus's build) printed, never evaluated."""
    jinja = next(m for d, _, m, w in CORPUS if d == BOOK and "Jinja" in w)
    po = catalogue_of(i18n_book, PAGE)
    lines = write_catalogue(po, [FIRST, ("Een zin.", jinja)])
    problems = compile_catalogues(BuildPaths.of(i18n_book))
    assert [(p.path, p.line) for p in problems][:1] == [(po, lines["Een zin."])]
    assert "brings in { }" in problems[0].message
    number = [m for m, _ in SECOND_LAYER].index(jinja)
    article = BeautifulSoup(
        (second_layer / f"case-{number:02}.html").read_text(encoding="utf-8"), "html.parser"
    ).select_one("article")
    text = article.get_text()
    assert "{{ '}' ~ cycler." in text and ".read() }}" in text  # printed as words
    assert not Path(CANARY).exists()


# Every hostile page entry but the footnote bomb (it is the checker's to stop: MyST would
# take minutes over it), each the translation of its own page.
SECOND_LAYER = [(m, w) for d, _, m, w in CORPUS if d == PAGE and "bomb" not in w]


def build_second_layer(folder: Path) -> None:
    book = shutil.copytree(ROOTS / "test-i18n", folder / "book")
    out = BuildPaths.of(book).compiled_locales / "xx" / "LC_MESSAGES"
    out.mkdir(parents=True)
    for number, (msgstr, _) in enumerate(SECOND_LAYER):
        case = f"case-{number:02}"
        (book / f"{case}.md").write_text("---\norphan: true\n---\n\n# Hoofdstuk\n\nEen zin.\n")
        po = catalogue_of(book, case)
        write_catalogue(po, [("Een zin.", msgstr)])
        subprocess.run(["msgfmt", "-o", str(out / f"{case}.mo"), str(po)], check=True)
    app = SphinxTestApp("html", srcdir=book, confoverrides={"language": "xx"})
    try:
        app.build()
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def second_layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build for the whole page corpus, compiled behind the checker's back: one page
    (case-NN.md, "Een zin.") and one catalogue per hostile translation, so that what a
    case puts into the output is on its own page and each case is judged apart."""
    Path(CANARY).unlink(missing_ok=True)
    return shared(tmp_path_factory, "second-layer", build_second_layer) / "book/_build/html"


@pytest.mark.parametrize(
    ("number", "msgstr"),
    [(n, m) for n, (m, _) in enumerate(SECOND_LAYER)],
    ids=[w for _, w in SECOND_LAYER],
)
def test_second_layer_keeps_markup_out_even_without_the_check(second_layer, number, msgstr):
    """A hostile page catalogue compiled behind the checker's back: MyST without raw HTML,
    docutils without raw or file inclusion, and the guard still keep scripts and the
    machine's files out of the page."""
    page = BeautifulSoup(
        (second_layer / f"case-{number:02}.html").read_text(encoding="utf-8"), "html.parser"
    )
    article = page.select_one("article")
    assert page.html["lang"] == "xx"  # the translation was read
    for tag in ("script", "iframe", "style", "form", "object", "img", "svg"):
        assert article.select(tag) == [], tag
    assert [
        a["href"]
        for a in article.select("a[href]")
        if a["href"].split(":")[0].lower() in ("javascript", "data") or "_downloads" in a["href"]
    ] == []
    assert "root:" not in article.get_text()  # /etc/passwd was not read


def test_second_layer_copies_no_file_of_the_machine(second_layer):
    """No hostile page made the build copy a file for download (/etc/passwd, say)."""
    assert not (second_layer / "_downloads").exists()
    assert not (second_layer / "_images").exists()


@pytest.mark.parametrize("language", ["fr; touch /tmp/essaylib-canary", "$(id)", "../x", "f r"])
def test_make_refuses_a_language_that_is_not_a_code(language):
    """LANGUAGE reaches a shell and a path only once make has seen it is a language code."""
    Path(CANARY).unlink(missing_ok=True)
    run = subprocess.run(
        ["make", "-n", "new-language", f"LANGUAGE={language}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "LANGUAGE must be a language code" in run.stderr
    assert not Path(CANARY).exists()


def test_a_tex_error_names_the_catalogue_entry_its_text_came_from(tmp_path):
    """When TeX stops on a line of translated text, the error says which .po entry it is."""
    from essaylib.outputs.publish import tex_errors

    locales = tmp_path / "locales" / "xx"
    lines = write_catalogue(
        locales / "LC_MESSAGES" / "hoofdstuk.po",
        [FIRST, ("Een zin.", "Ein Satz mit einem ungewöhnlichen Zeichen.")],
    )
    latex = tmp_path / "latex"
    latex.mkdir()
    (latex / "book.tex").write_text(
        "\\begin{document}\n\\sphinxAtStartPar\nEin Satz mit einem ungewöhnlichen Zeichen\\foo.\n",
        encoding="utf-8",
    )
    (latex / "book.log").write_text(
        "! Undefined control sequence.\nl.3 ...Zeichen\\foo\n", encoding="utf-8"
    )
    found = tex_errors(latex, locales)
    assert found[0].startswith(f"{latex / 'book.tex'}: ! Undefined control sequence. l.3")
    assert found[1].endswith(f"hoofdstuk.po:{lines['Een zin.']}")


def test_the_page_scripts_words_are_data(tmp_path):
    """The search's count, translated (sphinx.po), lands in the scripts' catalogue
    (sphinx.js): as a JSON string, whatever it holds, never as code."""
    import json

    from essaylib.i18n import scripts
    from essaylib.i18n.words import SEARCH_FOUND_MANY, SEARCH_FOUND_ONE

    hostile = '"}); alert(1); //</script><img src=x onerror=alert(1)> ${resultCount}'
    text = scripts.catalogue("nl", {SEARCH_FOUND_ONE: hostile, SEARCH_FOUND_MANY: hostile})
    prefix, suffix = "Documentation.addTranslations(", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    data = json.loads(text.removeprefix(prefix).removesuffix(suffix))
    assert data["messages"][scripts.SEARCH_ONE][0] == hostile
    assert text.count("Documentation.addTranslations(") == 1 and "alert(1); //" in text


def test_the_previews_problem_banner_keeps_a_catalogues_words_as_text(tmp_path):
    from essaylib.outputs.preview import LiveBuild, ProblemsOnThePage

    build = LiveBuild(BuildPaths.of(tmp_path), "nl")
    build.problems = ['locales/de/x.po:3: "<script>alert(1)</script>" & more']
    banner = ProblemsOnThePage(None, build).banner().decode()
    assert "<script>" not in banner
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in banner and "&amp; more" in banner


@pytest.mark.parametrize("url", ["", "https://boek.example/"])
def test_an_ebooks_outside_link_keeps_its_words_as_they_were_escaped(url):
    """The EPUB's link to a page its book lacks is rewritten as it is packed: its words
    (a translation, already escaped) move as they are; the address comes from book.toml
    and the page's name, escaped."""
    from types import SimpleNamespace

    from essaylib.sphinxext.crosslinks import outside_links

    facts = SimpleNamespace(url=url, source_language="nl")
    config = SimpleNamespace(
        book=SimpleNamespace(facts=facts),
        book_library=SimpleNamespace(essay_of=lambda docname: None),
        language="xx",
    )
    words = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;"
    page = (
        f'<p>Zie <a class="reference internal" href="../b/c.xhtml#x"><span>{words}</span></a>.</p>'
    )
    decided = outside_links(config, "a/index", page, {"a/index"})
    assert f"<span>{words}</span>" in decided and "<script>" not in decided
    if url:
        assert 'href="https://boek.example/xx/b/c.html#x"' in decided
    else:
        assert 'href="' not in decided
