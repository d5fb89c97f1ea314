"""An author's mistakes are errors in plain words, with the file, the line and what to do
(essaylib.sphinxext.authoring), on the small library (sphinx.testing)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from essaylib.model.facts import load_edition
from essaylib.model.library import LibraryError, load_library
from essaylib.model.paths import BuildPaths

PICTURE = Path(__file__).parent / "library" / "docs" / "aan-tafel" / "theepot.png"


@pytest.fixture
def library(tmp_path: Path, rootdir: Path) -> Path:
    book = shutil.copytree(rootdir / "test-library", tmp_path / "library")
    shutil.copy2(PICTURE, book / "essay-b" / "theepot.png")
    return book


def said(make_app, book: Path) -> str:
    app = make_app("html", srcdir=book)
    app.build()
    warnings = app.warning.getvalue()
    app.cleanup()
    return warnings


CHAPTER = (
    "# Een hoofdstuk van Het nieuwste essay\n\nEen alinea met een paar woorden, om te lezen.\n"
)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "\tDit is een lijst met een tab ervoor.\n",
            5,
            "this line is indented (a tab or four spaces), which makes it a block of code, "
            "and the book has no code: remove the indentation",
        ),
        ("    - vier spaties ervoor\n", 5, "remove the indentation"),
        (
            "### Te diep\n",
            5,
            "this heading ('###') skips a level after a '#' heading: write '##'",
        ),
        (
            ":::{contcat}\nMail me\n:::\n",
            5,
            "there is no directive {contcat}: did you mean {contact}?",
        ),
        (
            "![Een theepot.](ontbreekt.png)\n",
            5,
            "the picture 'ontbreekt.png' is not there: "
            "put the file in docs/essay-b/, beside the page",
        ),
        ("![](theepot.png)\n", 5, "the picture 'theepot.png' needs a description"),
        (
            "Tekst met ![een theepot](theepot.png) erin.\n",
            5,
            "a picture stands in a paragraph of its own",
        ),
        (
            ":::{figure} theepot.png\nEen onderschrift.\n:::\n",
            5,
            "the picture 'theepot.png' needs a description",
        ),
        (
            "Zie [het andere](../essay-z/index.md).\n",
            5,
            "the link to '../essay-z/index.md' leads to no page: there is no docs/essay-z/index.md",
        ),
        ("```\nnooit gesloten\n", 5, "'```' is never closed"),
    ],
)
def test_a_mistake_is_said_in_plain_words_with_file_and_line(make_app, library, text, line, words):
    (library / "essay-b" / "hoofdstuk.md").write_text(CHAPTER + "\n" + text, encoding="utf-8")
    warnings = said(make_app, library)
    found = [w for w in warnings.splitlines() if f"essay-b/hoofdstuk.md:{line}: ERROR: " in w]
    assert found and words in found[0], warnings
    # MyST's and Sphinx's words for the same mistake are not said a second time.
    for jargon in ("Non-consecutive header level", "Unknown directive type", "not readable"):
        assert jargon not in warnings


def test_a_good_page_says_nothing(make_app, library):
    (library / "essay-b" / "hoofdstuk.md").write_text(
        CHAPTER + "\n## Een paragraaf\n\n![Een theepot op tafel.](theepot.png)\n\n"
        "Een [link](../essay-a/hoofdstuk.md) en [nog een](https://example.org/).\n",
        encoding="utf-8",
    )
    assert said(make_app, library) == ""


def test_an_essay_is_named_by_its_folder_in_the_contents(make_app, library):
    index = library / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("essay-b/index\n", "essay-b\n"),
        encoding="utf-8",
    )
    assert said(make_app, library) == ""
    index.write_text(
        index.read_text(encoding="utf-8").replace("essay-b\n", "essay-x\n"), encoding="utf-8"
    )
    warnings = said(make_app, library)
    assert (
        "index.md:10: ERROR: the contents list names 'essay-x', but there is no page "
        "docs/essay-x.md and no essay folder docs/essay-x/ with an index.md" in warnings
    ), warnings
    assert "nonexisting document" not in warnings


def test_a_picture_alone_is_one_catalogue_entry(make_app, library):
    (library / "essay-b" / "hoofdstuk.md").write_text(
        CHAPTER + "\n![Een theepot op tafel.](theepot.png)\n", encoding="utf-8"
    )
    app = make_app("gettext", srcdir=library)
    app.build()
    pot = (app.outdir / "essay-b" / "hoofdstuk.pot").read_text(encoding="utf-8")
    assert 'msgid "Een theepot op tafel."' in pot
    assert "![" not in pot


@pytest.mark.parametrize(
    ("description", "words"),
    [
        ('""', "needs a description of its own (it is empty)"),
        (
            '"Een samenvatting van Het eerste essay."',
            "(it is the summary of 'Het eerste essay')",
        ),
    ],
)
def test_a_library_needs_a_description_of_its_own(library, description, words):
    toml = library / "book.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('"Drie korte essays om de bibliotheek mee te testen."', description),
        encoding="utf-8",
    )
    paths = BuildPaths.of(library)
    with pytest.raises(LibraryError, match="the library holds 3 essays") as caught:
        load_library(paths, load_edition(library, None, paths.compiled_locales))
    assert words in str(caught.value) and "book.toml:2:" in str(caught.value)


def test_an_outside_link_in_html_goes_to_the_original_when_the_essay_is_not_here(make_app, library):
    """Seen from the website of a language that lacks the essay: the original's page."""
    (library / "essay-b" / "hoofdstuk.md").write_text(
        CHAPTER + "\nZie [het eerste](../essay-a/hoofdstuk.md).\n", encoding="utf-8"
    )
    app = make_app("html", srcdir=library, confoverrides={"exclude_patterns": ["essay-a/*"]})
    app.build()
    soup = BeautifulSoup(
        (app.outdir / "essay-b" / "hoofdstuk.html").read_text(encoding="utf-8"), "html.parser"
    )
    link = soup.select_one("a.original-language")
    assert link["href"] == "../../nl/essay-a/hoofdstuk.html"
    assert link.get_text() == "het eerste (Nederlands)"
