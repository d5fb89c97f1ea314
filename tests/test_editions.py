"""The catalogues' life on a copy of the real book: refreshed without a change they stay
as they were; an edited original keeps its translation, as fuzzy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

pytestmark = pytest.mark.slow


def refresh(copy: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "essaylib.i18n.catalogues", "update", "--root", str(copy)],
        check=True,
        capture_output=True,
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.po"))}


def test_refresh_without_source_change_changes_nothing(book_copy):
    copy = book_copy
    before = snapshot(copy / "locales")
    refresh(copy)
    assert snapshot(copy / "locales") == before


def introduction(book: Path, language: str) -> Path:
    return (
        book
        / "locales"
        / language
        / "LC_MESSAGES"
        / "relatietherapie-voor-de-kinderen"
        / "inleiding.po"
    )


def test_source_edit_keeps_the_translation_as_fuzzy(book_copy):
    copy = book_copy
    chapter = copy / "docs" / "relatietherapie-voor-de-kinderen" / "inleiding.md"
    text = chapter.read_text(encoding="utf-8")
    edited = "Daarom zeggen wij:"
    removed = "En precies dáárom, doen we het voor de kinderen."
    assert edited in text and removed in text
    chapter.write_text(
        text.replace(edited, "Daarom zeggen wij samen:").replace(removed + "\n", ""),
        encoding="utf-8",
    )
    old = {lang: polib.pofile(str(introduction(copy, lang))) for lang in ("en", "de")}
    refresh(copy)
    for lang, before in old.items():
        after = polib.pofile(str(introduction(copy, lang)))
        entry = after.find("Daarom zeggen wij samen:")
        assert entry and entry.fuzzy, lang
        assert entry.previous_msgid == edited
        assert entry.msgstr == before.find(edited).msgstr  # the translator's work is kept
        gone = after.find(removed, include_obsolete_entries=True)
        assert gone and gone.obsolete and gone.msgstr == before.find(removed).msgstr
