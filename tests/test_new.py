"""`essaylib new`: a new library in one command, that `make` builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import uuid
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from essaylib.cli.new import STARTER
from essaylib.model.facts import load_facts
from essaylib.model.library import read_library

ROOT = Path(__file__).resolve().parent.parent
ESSAYLIB = Path(sys.executable).with_name("essaylib")


def new(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ESSAYLIB), "new", *args], capture_output=True, text=True)


def test_the_book_here_is_a_library_essaylib_new_makes() -> None:
    """The engine's settings are one file a new library copies: the book's own."""
    for name in ("conf.py", "docutils.conf"):
        assert (ROOT / name).read_text() == (STARTER / name).read_text(), name
    assert (ROOT / "Makefile").read_text().startswith("# The engine's repository")
    assert "include essaylib/cli/library.mk" in (ROOT / "Makefile").read_text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "title", "essay"),
    [("nl", "Mijn essays", "Een eerste essay"), ("fr", "My essays", "A first essay")],
)
def test_a_new_library_builds_with_make(
    tmp_path: Path, language: str, title: str, essay: str
) -> None:
    library = tmp_path / "library"
    made = new(str(library), "--language", language)
    assert made.returncode == 0, made.stderr
    facts = load_facts(library)
    assert (facts.title, facts.languages) == (title, (language,))
    identifier = tomllib.loads((library / "book.toml").read_text())["identifier"]
    assert uuid.UUID(identifier).version == 4  # the library's own
    assert [source.title for source in read_library(library / "docs", library)] == [essay]
    # `make` as the author runs it, in the library's folder, built into a folder of the test.
    env = {**os.environ, "BUILDDIR": str(tmp_path / "build"), "MAKEFLAGS": ""}
    run = subprocess.run(["make", "-C", str(library)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    site = tmp_path / "build" / "site"
    [pdf] = (site / "downloads" / language).glob("*.pdf")
    page = BeautifulSoup((site / language / "index.html").read_text(), "html.parser")
    assert page.html["lang"] == language.replace("_", "-")
    cards = page.select(".library-card .library-card-title")
    assert [card.get_text(strip=True) for card in cards] == [essay]
    epub = site / "downloads" / language / f"{pdf.stem}.epub"
    assert pdf.read_bytes().startswith(b"%PDF")
    with zipfile.ZipFile(epub) as book:
        assert book.read("mimetype") == b"application/epub+zip"
    assert not (library / "_build").exists()  # BUILDDIR was honoured


def test_new_refuses_a_folder_in_use_and_a_bad_language(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.md").write_text("mine")
    refused = new(str(tmp_path / "busy"), "--language", "nl")
    assert (refused.returncode, "is not empty" in refused.stderr) == (2, True)
    assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.md"]
    bad = new(str(tmp_path / "fresh"), "--language", "nl; rm -rf /")
    assert (bad.returncode, "give a language code" in bad.stderr) == (2, True)
    assert not (tmp_path / "fresh").exists()
    shutil.rmtree(tmp_path / "busy")


def test_generate_makes_a_library_of_copies_titled_as_asked(tmp_path: Path) -> None:
    target = tmp_path / "many"
    argv = ["generate", "3", str(target), "--root", str(ROOT)]
    refused = subprocess.run([str(ESSAYLIB), *argv], capture_output=True, text=True)
    assert (refused.returncode, "needs --title and --description" in refused.stderr) == (2, True)
    words = ["--title", "Veel essays", "--description", "Drie kopieën van één essay."]
    made = subprocess.run([str(ESSAYLIB), *argv, *words], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    [essay] = read_library(ROOT / "docs", ROOT)
    copies = [source.title for source in read_library(target / "docs", target)]
    assert copies == [f"{essay.title} ({n})" for n in (1, 2, 3)]
    assert (load_facts(target).title, load_facts(target).description) == (
        "Veel essays",
        "Drie kopieën van één essay.",
    )
