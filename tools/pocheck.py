"""A catalogue is untrusted input: find every msgstr that brings in markup its msgid lacks.

A translated paragraph is parsed as MyST again, so a msgstr could add raw HTML,
a script link, a directive that reads files of the build machine ({include},
{download}, images with paths or URLs), or a role. Each msgstr may use only the
markup of its own msgid, and must keep its placeholders.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

# (kind, pattern): every match becomes a token; for links and images only the
# target counts (group 1), so the link text can be translated.
MARKUP = [
    ("raw HTML", r"<\s*/?\s*[a-zA-Z!?][\w:-]*"),
    ("an event handler", r"\bon[a-zA-Z]+\s*="),
    ("a script or data link", r"\b(?:javascript|vbscript|data|file)\s*:"),
    ("eval-rst", r"eval-rst"),
    ("a directive", r"(?:`{3,}|~{3,}|:{3,})\s*\{[^}\n]*\}"),
    ("an rST directive", r"\.\.\s+[\w:-]+\s*::"),
    ("a role", r"\{[\w:+-]+\}\s*`"),
    ("an rST role", r":[\w:+-]+:\s*`"),
    ("an image", r"!\[[^\]\n]*\]\s*[(\[]([^)\]\n]*)[)\]]"),
    ("a link", r"(?<!!)\[[^\]\n]*\]\s*[(\[]([^)\]\n]*)[)\]]"),
    ("a link", r"<[a-zA-Z][\w+.-]*:[^>\s]*>"),
    ("a link", r"\b(?:https?|ftp|mailto):\S+"),
    ("a link target", r"^\s*\[[^\]\n]+\]:\s*\S+"),
    ("a substitution", r"\{\{[^}]*\}\}"),
    ("a block attribute", r"^\s*\{[^}\n]*\}\s*$"),
    ("a footnote", r"\[\^[^\]\n]+\]"),
]
# Placeholders that the build fills in: they must all be kept, and no new ones added.
PLACEHOLDERS = r"\{[a-z_]+\}(?!`)|%(?:\([a-z_]+\))?[sd]"

_MARKUP = [(kind, re.compile(pattern, re.M)) for kind, pattern in MARKUP]
_PLACEHOLDERS = re.compile(PLACEHOLDERS)


def markup(text: str) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for kind, pattern in _MARKUP:
        for match in pattern.finditer(text):
            text = match.group(1) if pattern.groups else match.group()
            found[kind, re.sub(r"\s+", "", text).lower()] += 1
    return found


@dataclass
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def problems_in_entry(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with one translation, in words a translator understands."""
    if not msgstr:
        return []
    found = []
    added = sorted((markup(msgstr) - markup(msgid)).elements())
    if added:
        what = "; ".join(f"{kind} {text}" for kind, text in added)
        found.append(f"the translation brings in markup that the original does not have: {what}")
    wanted, given = Counter(_PLACEHOLDERS.findall(msgid)), Counter(_PLACEHOLDERS.findall(msgstr))
    if wanted != given:
        missing = ", ".join(sorted((wanted - given).elements())) or "none"
        extra = ", ".join(sorted((given - wanted).elements())) or "none"
        found.append(f"placeholders differ from the original (missing: {missing}; extra: {extra})")
    return found


def entries(catalogue: polib.POFile) -> Iterator[tuple[polib.POEntry, str, str]]:
    for entry in catalogue:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            for msgstr in entry.msgstr_plural.values():
                yield entry, entry.msgid_plural, msgstr
        else:
            yield entry, entry.msgid, entry.msgstr


def check_catalogue(path: Path) -> list[Problem]:
    try:
        catalogue = polib.pofile(str(path))
    except (OSError, ValueError) as err:
        return [Problem(path, 0, f"not a readable catalogue: {err}")]
    return [Problem(path, entry.linenum, message)
            for entry, msgid, msgstr in entries(catalogue)
            for message in problems_in_entry(msgid, msgstr)]
