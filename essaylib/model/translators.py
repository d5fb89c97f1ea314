"""Who translated what, from the file the translators keep themselves:
``locales/<language>/translators.toml``::

    language = "en"
    translators = ["Jane Doe"]            # the language's translators

    [essays.first-essay]
    translators = ["John Roe"]            # where an essay's differ (optional)
    reviewed = true                       # read through by a second translator

The file is untrusted like a catalogue: every name is one line of plain text, checked by
the same rules as the book's facts, and escaped wherever it lands. A mistake is a
problem with the file and line, in ``make`` and ``make check-po`` alike.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from essaylib.model import untrusted
from essaylib.model.facts import text_problem

FILE = "translators.toml"


@dataclass(frozen=True)
class Credit:
    names: tuple[str, ...] = ()
    reviewed: bool = False


@dataclass(frozen=True)
class Translators:
    """One language's translators, and each essay's where they differ."""

    names: tuple[str, ...] = ()
    essays: dict[str, Credit] = field(default_factory=dict, hash=False)

    def of(self, folder: str) -> Credit:
        credit = self.essays.get(folder, Credit())
        return Credit(credit.names or self.names, credit.reviewed)


def _line(text: str, pattern: str) -> int:
    match = re.search(pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _names(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        return None
    return tuple(n.strip() for n in value)


def read(
    path: Path,
    language: str,
    languages: tuple[str, ...],
    essays: set[str],
) -> tuple[Translators, list[tuple[int, str]]]:
    """A language's translators.toml (absent: nobody named yet), and its problems."""
    if not path.exists() and not path.is_symlink():
        return Translators(), []
    try:
        text = untrusted.read(path, "translators file").decode("utf-8")
        data = tomllib.loads(text)
    except untrusted.Refused as refused:
        return Translators(), [(0, str(refused))]
    except UnicodeDecodeError:
        return Translators(), [(1, "the file is not UTF-8; save it as UTF-8")]
    except tomllib.TOMLDecodeError as err:
        return Translators(), [(getattr(err, "lineno", 1) or 1, f"not valid TOML: {err}")]
    problems: list[tuple[int, str]] = []
    named = data.get("language")
    if named != language or language not in languages[1:]:
        problems.append(
            (
                _line(text, r"^\s*language\s*="),
                f"language = {named!r}: this file is in locales/{language}/ and must "
                f"name that language, one of the translations in book.toml "
                f"({', '.join(languages[1:]) or 'none'})",
            )
        )
    for key in set(data) - {"language", "translators", "essays"}:
        problems.append((_line(text, rf"^\s*{re.escape(key)}\s*="), f"unknown key {key!r}"))

    def names(value: object, where: str) -> tuple[str, ...]:
        found = _names(value)
        if found is None:
            problems.append(
                (
                    _line(text, where),
                    'translators must be a list of names, e.g. translators = ["Jane Doe"]',
                )
            )
            return ()
        for name in found:
            if problem := text_problem("author", name) or (None if name else "a name is empty"):
                problems.append((_line(text, re.escape(name) if name else where), problem))
        return found

    language_names = names(data.get("translators", []), r"^\s*translators\s*=")
    credits = {}
    essays_table = data.get("essays", {})
    if not isinstance(essays_table, dict):
        essays_table = {}
        problems.append((_line(text, r"^\s*essays"), "essays must be a table per essay"))
    for folder, entry in essays_table.items():
        where = rf"^\s*\[essays\.{re.escape(folder)}\]"
        if folder not in essays:
            problems.append((_line(text, where), f"there is no essay docs/{folder}/"))
            continue
        if not isinstance(entry, dict) or set(entry) - {"translators", "reviewed"}:
            problems.append(
                (
                    _line(text, where),
                    "an essay's table holds translators and reviewed, nothing else",
                )
            )
            continue
        reviewed = entry.get("reviewed", False)
        if not isinstance(reviewed, bool):
            problems.append((_line(text, where), "reviewed is true or false"))
            reviewed = False
        credits[folder] = Credit(names(entry.get("translators", []), where), reviewed)
    return Translators(language_names, credits), problems
