"""How much of a page is translated, read from the translators' catalogues."""

from __future__ import annotations

import functools
from pathlib import Path

import polib


def catalogue_path(locales: Path, language: str, docname: str) -> Path:
    return locales / language / "LC_MESSAGES" / f"{docname}.po"


@functools.cache
def _count(path: Path, mtime: float) -> tuple[int, int]:
    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    return sum(1 for e in entries if e.translated()), len(entries)


def progress(locales: Path, language: str, docname: str) -> tuple[int, int]:
    """(translated, total) entries of a page's catalogue; fuzzy ones do not count."""
    path = catalogue_path(locales, language, docname)
    if not path.exists():
        return 0, 1
    return _count(path, path.stat().st_mtime)
