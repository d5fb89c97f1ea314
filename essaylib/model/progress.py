"""How far each translation is, read from the translators' catalogues.

A page's catalogue says how many of its passages are translated, how many are fuzzy (the
Dutch changed since they were translated) and since when (its POT-Creation-Date: the
day ``make po`` last found the sources changed). An essay is *complete* in a language
when every passage of every page is translated and none is fuzzy; only then does it go
into that language's e-books, feeds and catalogue. An essay with nothing translated yet
is not published in that language at all.

Reading hundreds of catalogues is slow, so the compile step (essaylib.i18n.catalogues) writes
what it read to ``BuildPaths.progress`` in the build folder; everything else reads that.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from essaylib.model.manifest import file_hash


@dataclass(frozen=True)
class Progress:
    total: int = 0
    translated: int = 0
    fuzzy: int = 0
    since: str = ""  # YYYY-MM-DD: when the sources last changed, by the catalogue
    pages_missing: int = 0  # pages that have no catalogue at all

    @property
    def waiting(self) -> int:
        """Passages shown in the original: untranslated or fuzzy."""
        return self.total - self.translated + self.pages_missing

    @property
    def percent(self) -> int:
        """How much is translated, in whole percent (a page without a catalogue counts
        as one passage waiting): the one figure the status page and make todo show."""
        total = self.total + self.pages_missing
        return 100 * self.translated // total if total else 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.waiting == 0

    @property
    def untouched(self) -> bool:
        """Nothing translated yet."""
        return self.translated == 0 and self.fuzzy == 0

    @property
    def outdated(self) -> bool:
        """Translated once, and the original changed since (a passage is fuzzy)."""
        return self.fuzzy > 0

    def __add__(self, other: Progress) -> Progress:
        return Progress(
            self.total + other.total,
            self.translated + other.translated,
            self.fuzzy + other.fuzzy,
            max(self.since, other.since),
            self.pages_missing + other.pages_missing,
        )


MISSING = Progress(pages_missing=1)


def catalogue_path(locales: Path, language: str, docname: str) -> Path:
    return locales / language / "LC_MESSAGES" / f"{docname}.po"


@functools.cache
def _count(path: Path, content: str | None) -> Progress:
    """A catalogue's progress, counted once for each content it has in this process."""
    from essaylib.model import untrusted

    try:
        return of_catalogue(untrusted.catalogue(path))
    except ValueError:  # not a catalogue that can be read (the check says why)
        return MISSING


def of_catalogue(catalogue: polib.POFile) -> Progress:
    entries = [e for e in catalogue if not e.obsolete]
    date = re.match(r"\d{4}-\d{2}-\d{2}", catalogue.metadata.get("POT-Creation-Date", ""))
    try:
        since = datetime.date.fromisoformat(date.group()).isoformat() if date else ""
    except ValueError:  # not a real day (the catalogue check refuses it)
        since = ""
    return Progress(
        len(entries),
        sum(1 for e in entries if e.translated()),
        sum(1 for e in entries if e.fuzzy),
        since,
    )


def page(locales: Path, language: str, docname: str) -> Progress:
    """One page's catalogue (read now, from the translators' file)."""
    path = catalogue_path(locales, language, docname)
    if not path.exists():
        return MISSING
    return _count(path, file_hash(path))


Table = Mapping[str, Mapping[str, Progress]]  # language -> docname -> progress


def save(path: Path, table: Table) -> None:
    """The progress of every catalogue, for the build (rewritten only when it changes)."""
    text = json.dumps(
        {
            lang: {doc: asdict(p) for doc, p in sorted(pages.items())}
            for lang, pages in sorted(table.items())
        },
        indent=1,
        sort_keys=True,
    )
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def load(path: Path) -> dict[str, dict[str, Progress]]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {lang: {doc: Progress(**p) for doc, p in pages.items()} for lang, pages in data.items()}


def of_pages(table: Table, locales: Path, language: str, docnames: Iterable[str]) -> Progress:
    """The progress of some pages (an essay's), from the table, or from the catalogues
    themselves when the table does not know them (a test book that was never compiled)."""
    known = table.get(language, {})
    total = Progress()
    for docname in docnames:
        total += known[docname] if docname in known else page(locales, language, docname)
    return total
