"""The manuscript as the tests' reference: its sentences and headings, corrected
exactly as CORRECTIONS.md lists, and the text normalisation used to compare outputs."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANUSCRIPT = ROOT / "tests" / "data" / "manuscript.txt"

# The manuscript's structure, read as the seed README describes it.
CHAPTER_LINES = [6, 15, 39, 65, 97, 126, 152, 178]
SECTION_LINES = [
    19,
    28,
    34,
    42,
    46,
    55,
    70,
    79,
    88,
    99,
    106,
    110,
    117,
    128,
    132,
    137,
    141,
    144,
    163,
    168,
]
CONTACT_LINE = 185
CONTACT_ARTIFACT = "[email protected]"


def corrections() -> list[tuple[int, str, str]]:
    rows = re.findall(
        r"^\|\s*(\d+)\s*\|\s*`([^`]*)`\s*\|\s*`([^`]*)`",
        (ROOT / "CORRECTIONS.md").read_text(encoding="utf-8"),
        flags=re.M,
    )
    return [(int(line), old, new) for line, old, new in rows]


def lines() -> dict[int, str]:
    """Manuscript lines by number, with the corrections applied and decoration removed."""
    text = dict(enumerate(MANUSCRIPT.read_text(encoding="utf-8").splitlines(), start=1))
    for number, old, new in corrections():
        assert old in text[number], f"CORRECTIONS.md: line {number} has no {old!r}"
        text[number] = text[number].replace(old, new, 1)
    for number, line in text.items():
        line = re.sub(r"^(=> |– |\* )", "", line)
        text[number] = line
    return text


def headings() -> tuple[list[str], list[str]]:
    text = lines()
    return [text[n] for n in CHAPTER_LINES], [text[n] for n in SECTION_LINES]


def title() -> str:
    return lines()[1]


def sentences() -> list[str]:
    """Every sentence of the manuscript, in order (the contact line without its lost address)."""
    found = []
    for number, line in lines().items():
        if number == CONTACT_LINE:
            line = re.split("mail me:", line, flags=re.I)[0]
        parts = re.split(r"(?<=[.!?:…”])\s+", line)
        found += [p for p in parts if skeleton(p)]
    return found


_IGNORED = re.compile(r"[\s\-\u00ad\u2010\u2011\u2013\u2014]+")


def skeleton(text: str) -> str:
    """Text as compared across outputs: line breaks, hyphenation and dashes do not count."""
    return _IGNORED.sub("", unicodedata.normalize("NFC", text))


def missing_in_order(expected: list[str], text: str) -> list[str]:
    """The expected sentences that do not appear in text, in that order."""
    haystack, pos, missing = skeleton(text), 0, []
    for sentence in expected:
        at = haystack.find(skeleton(sentence), pos)
        if at < 0:
            missing.append(sentence)
        else:
            pos = at + len(skeleton(sentence))
    return missing
