"""A catalogue is untrusted input: what it may hold, and the one place that decides.

Every catalogue is compiled by GNU msgfmt (``msgfmt -c``: a truncated string, a
duplicate entry or a bad header stops it), and the rules below are applied to the
compiled catalogue itself, so what is checked is exactly what Sphinx will read.
Nothing here looks for bad patterns; each catalogue may hold only what its kind allows:

- a page's catalogue (``index.po``, ``essay/chapter.po``): each translation is read
  as MyST and must have exactly the markup of its original (the same emphasis, the
  same link targets, the same roles, no directive or block the original lacks),
  and the same ``{placeholders}``;
- ``book.po``: only the book's words from book.toml (title, subtitle, description),
  each as one line of plain text no longer than book.toml allows;
- ``sphinx.po``: only the words of the page chrome (``essaylib.i18n.words``), each a
  plain label with exactly its placeholders.

Everywhere: UTF-8 and nothing else, no control characters, no message contexts, no
plural forms where the original has none, and no translation many times longer than
its original.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from essaylib.i18n.words import UI_STRINGS
from essaylib.model import untrusted
from essaylib.model.facts import (
    TRANSLATED_FACTS,
    Facts,
    control_characters,
    overlong_word,
    text_problem,
)
from essaylib.model.progress import MISSING, Progress, of_catalogue
from essaylib.text import markup

BOOK_DOMAIN = "book"
CHROME_DOMAIN = "sphinx"
# Placeholders the build fills in: each translation keeps exactly its original's.
PLACEHOLDERS = re.compile(r"\$\{resultCount\}|\{[a-z_]+\}(?!`)|%(?:\([a-z_]+\))?[sd]")
# Characters a label of the page chrome never needs (besides those no text needs).
NOT_IN_LABELS = frozenset("&")


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Catalogue:
    """One .po file and what it translates: a page (its docname), the book's facts, or
    the chrome."""

    path: Path
    language: str
    domain: str


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDERS.findall(text))


def placeholder_problem(msgid: str, msgstr: str) -> str | None:
    wanted, given = placeholders(msgid), placeholders(msgstr)
    if wanted == given:
        return None
    missing = ", ".join(sorted((wanted - given).elements())) or "none"
    extra = ", ".join(sorted((given - wanted).elements())) or "none"
    return f"placeholders differ from the original (missing: {missing}; extra: {extra})"


def length_problem(msgid: str, msgstr: str) -> str | None:
    limit = max(3 * len(msgid), len(msgid) + 200)
    if len(msgstr) > limit:
        return (
            f"the translation is {len(msgstr)} characters long, its original "
            f"{len(msgid)}; at most {limit}"
        )
    return None


# Characters that are syntax somewhere (HTML, MyST, LaTeX, templates): a translation
# holds each no more often than its original, even where MyST would read it as text.
SYNTAX_CHARACTERS = "<>{}[]\\`"


def markup_problem(msgid: str, msgstr: str, confdir: Path) -> str | None:
    """A page's translation must have exactly the markup of its original."""
    extra = [c for c in SYNTAX_CHARACTERS if msgstr.count(c) > msgid.count(c)]
    if extra:
        return (
            f"the translation brings in {' '.join(extra)}, which the original does not "
            "have as often (they are markup in HTML, MyST or LaTeX)"
        )
    original, translated = markup.structure(msgid, confdir), markup.structure(msgstr, confdir)
    if original == translated:
        return None
    parts = []
    if added := translated - original:
        parts.append("brings in " + "; ".join(sorted({markup.describe(s) for s in added})))
    if lost := original - translated:
        parts.append("loses " + "; ".join(sorted({markup.describe(s) for s in lost})))
    return (
        "the translation's markup differs from the original's: it "
        + ", and ".join(parts)
        + " (keep the original's markup exactly, and add none)"
    )


def words_problem(msgid: str, msgstr: str, confdir: Path) -> str | None:
    """A translation's words as the reader gets them (character references decoded,
    after MyST has read it): characters an XML parser or a font refuses, or invisible
    ones that reorder or hide text and that its original lacks; words that are gone; a
    word too long for a line."""
    original, translated = markup.text_of(msgid, confdir), markup.text_of(msgstr, confdir)
    if bad := control_characters(translated.replace("\n", " ").replace("\t", " "), original):
        return (
            f"the translation holds invisible or unusable characters "
            f"({', '.join(sorted(set(bad)))}), written or as character references"
        )
    if "\ufffd" in translated and "\ufffd" not in original:
        return (
            "the translation holds U+FFFD, the sign of a character that could not be read "
            "(a broken encoding, or a character reference to no character)"
        )
    if any(c.isalnum() for c in original) and not any(c.isalnum() for c in translated):
        return "the translation has no words: only markup, or characters no one sees"
    if word := overlong_word(translated, original):
        return (
            f"the translation holds a word of {len(word):,} characters ({word[:20]}…); "
            "no line of the PDF holds it"
        )
    return None


ADDRESS = re.compile(
    r"(?i)\b(?:[a-z][\w+.-]*://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?)"
)


def address_problem(msgid: str, msgstr: str, confdir: Path) -> str | None:
    """A link whose words look like an address its original's link words do not show
    (``https://www.paypaI.com`` over a link to the home page): the reader would trust
    the words."""
    shown = {words.strip().lower() for _, words in markup.link_words(msgid, confdir)}
    for target, words in markup.link_words(msgstr, confdir):
        if ADDRESS.search(words) and words.strip().lower() not in shown:
            return (
                f"the words of the link to {target!r} look like an address ({words.strip()!r}) "
                "that its original does not show: translate the words, not the address"
            )
    return None


def plain_text_problem(msgstr: str, confdir: Path) -> str | None:
    if "\n" in msgstr:
        return "must be one line"
    if markup.structure(msgstr, confdir) != markup.structure("x", confdir):
        return "must be plain text, without markup"
    return None


def entry_problems(
    catalogue: Catalogue, msgid: str, msgstr: str, facts: Facts, confdir: Path
) -> list[str]:
    """What is wrong with one translation, in words a translator understands."""
    if not msgstr:
        return []
    found = []
    words = PLACEHOLDERS.sub("", msgstr)
    if catalogue.domain in (BOOK_DOMAIN, CHROME_DOMAIN) and not any(c.isalnum() for c in words):
        found.append("the translation has no words: only characters no one sees")
    if catalogue.domain == BOOK_DOMAIN:
        names = [k for k in TRANSLATED_FACTS if getattr(facts, k) == msgid]
        found += [
            f"the translation: {problem}"
            for name in names[:1]
            if (problem := text_problem(name, msgstr))
        ]
        if problem := plain_text_problem(msgstr, confdir):
            found.append(f"the translation {problem}")
    elif catalogue.domain == CHROME_DOMAIN:
        label = PLACEHOLDERS.sub("", msgstr)
        if problem := text_problem("label", label):
            found.append(f"the translation: {problem}")
        if bad := sorted(set(label) & NOT_IN_LABELS):
            found.append(f"a label may not hold {' '.join(bad)}")
        if problem := plain_text_problem(msgstr, confdir):
            found.append(f"the translation {problem}")
        found += filter(None, [length_problem(msgid, msgstr)])
    else:
        found += filter(
            None,
            [
                markup_problem(msgid, msgstr, confdir),
                length_problem(msgid, msgstr),
                words_problem(msgid, msgstr, confdir),
                address_problem(msgid, msgstr, confdir),
            ],
        )
    found += filter(None, [placeholder_problem(msgid, msgstr)])
    return found


def encoding_problems(raw: bytes) -> list[tuple[int, str]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return [(1, "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return [(line, "the file is not UTF-8; save it as UTF-8")]
    return []  # the header's charset: as gettext reads it (header_problems)


def msgfmt(path: Path, mo: Path) -> list[tuple[int, str]]:
    """GNU msgfmt with every check (-c) on a copy of the bytes read; fuzzy entries are
    left out of the .mo."""
    run = subprocess.run(["msgfmt", "-c", "-o", str(mo), str(path)], capture_output=True, text=True)
    if run.returncode == 0:
        return []
    found = []
    for line in run.stderr.splitlines():
        where = re.match(rf"{re.escape(str(path))}:(\d+):(?:\d+:)?\s*(.*)", line)
        if where:
            found.append((int(where.group(1)), f"msgfmt: {where.group(2)}"))
    return found or [(0, "msgfmt: " + run.stderr.strip().replace("\n", " "))]


def read_source(
    path: str,
) -> tuple[dict[tuple[str | None, str], int], Progress, dict[str, str]]:
    """Where each entry starts in the .po, to point translators at it; how far the
    translation is; and its header (msgfmt leaves the dates out of the compiled one)."""
    try:
        catalogue = polib.pofile(path)
    except (OSError, ValueError):
        return {}, MISSING, {}
    lines = {(e.msgctxt, e.msgid): e.linenum for e in catalogue}
    return lines, of_catalogue(catalogue), dict(catalogue.metadata)


def unused_entry(catalogue: Catalogue, msgid: str, facts: Facts) -> str | None:
    """Why an entry of book.po or sphinx.po is not one the book looks up, if it is not.
    Such an entry is left out of the compiled catalogue: nothing but the book's own
    words is ever compiled (a title renamed in book.toml leaves its old translation
    behind until `make po`; that must not stop the build)."""
    if catalogue.domain == BOOK_DOMAIN and msgid not in [
        getattr(facts, k) for k in TRANSLATED_FACTS
    ]:
        return (
            f"left out: book.po translates only the book's {', '.join(TRANSLATED_FACTS)} "
            "as book.toml has them, and this is none of them (make po marks it obsolete)"
        )
    if catalogue.domain == CHROME_DOMAIN and msgid not in UI_STRINGS:
        return (
            "left out: sphinx.po translates only the words of the page chrome listed in "
            "essaylib/i18n/words.py, and this is not one of them"
        )
    return None


@dataclass(frozen=True)
class Compiled:
    """A catalogue checked: its compiled form (None when it has problems), its problems,
    a note for each entry left out, and how far its translation is."""

    mo: bytes | None
    problems: list[Problem]
    notes: list[Problem]
    progress: Progress


def compile_checked(
    catalogue: Catalogue, raw: bytes | None = None, *, facts: Facts, confdir: Path
) -> Compiled:
    """The catalogue compiled, if it passes every rule. Its bytes (``raw``, or read here:
    a regular file of bounded size, essaylib.model.untrusted) are read once, and everything
    is checked on them: msgfmt, the header, every entry."""
    path = catalogue.path

    def problems(found: list[tuple[int, str]]) -> list[Problem]:
        return [Problem(path, line, message) for line, message in found]

    if raw is None:
        try:
            raw = untrusted.read(path, "catalogue")
        except untrusted.Refused as refused:
            return Compiled(None, problems([(0, str(refused))]), [], MISSING)
    if found := encoding_problems(raw):
        return Compiled(None, problems(found), [], MISSING)
    with tempfile.TemporaryDirectory() as tmp:
        source, mo = Path(tmp) / "in.po", Path(tmp) / "out.mo"
        source.write_bytes(raw)
        if found := msgfmt(source, mo):
            return Compiled(None, problems(found), [], MISSING)
        entries = polib.mofile(str(mo))
        text = raw.decode("utf-8")
        # From the file: as lines of the file (a string's lines would also break at
        # U+0085 and U+2028, and every line number after them would be wrong).
        lines, progress, header = read_source(str(source))
        found = header_problems(entries.metadata, header, text)
        if len(entries) > MOST_ENTRIES:
            found.append(
                (0, f"{len(entries):,} entries; a catalogue holds at most {MOST_ENTRIES:,}")
            )
            entries = polib.MOFile()  # none is parsed
        unused = []
        for entry in list(entries):
            if not entry.msgid and not entry.msgctxt:
                continue  # the header
            line = lines.get((entry.msgctxt, entry.msgid), 0)
            if entry.msgctxt:
                found.append((line, "message contexts (msgctxt) are not used by the book"))
            elif entry.msgid_plural:
                found.append((line, "this entry has plural forms, but its original has none"))
            elif why := unused_entry(catalogue, entry.msgid, facts):
                unused.append((line, why))
                entries.remove(entry)
            elif too_much := work_problem(entry.msgid, entry.msgstr):
                found.append((line, too_much))
            else:
                found += [
                    (line, message)
                    for message in entry_problems(
                        catalogue, entry.msgid, entry.msgstr, facts, confdir
                    )
                ]
        if found:
            return Compiled(None, problems(found), problems(unused), progress)
        if unused:
            entries.save(str(mo))  # without the entries left out
        return Compiled(mo.read_bytes(), [], problems(unused), progress)


# An entry's size and its number of brackets (links, footnotes, roles) are bounded
# before any parser sees it: no paragraph of an essay comes near, and MyST's footnote
# rule takes time that grows faster than the text with every "[^" (a hostile entry of
# 10 kB took 18 s).
LONGEST_ENTRY = 10_000
MOST_BRACKETS = 200
MOST_ENTRIES = 5_000  # a chapter has tens; the largest page of a library, hundreds


def work_problem(msgid: str, msgstr: str) -> str | None:
    for name, text in (("original", msgid), ("translation", msgstr)):
        if len(text) > LONGEST_ENTRY:
            return (
                f"the {name} is {len(text):,} characters long; an entry is at most "
                f"{LONGEST_ENTRY:,} (no paragraph of the book is longer)"
            )
        if text.count("[") > MOST_BRACKETS:
            return (
                f"the {name} has {text.count('[')} brackets [; an entry has at most {MOST_BRACKETS}"
            )
    return None


HEADER_DATES = ("POT-Creation-Date", "PO-Revision-Date")


def header_problems(
    compiled: dict[str, str], source: dict[str, str], text: str
) -> list[tuple[int, str]]:
    """The header: its charset as gettext reads it, from the compiled catalogue (what
    Sphinx decodes with; a decoy entry cannot stand in for it), and its dates as the
    build reads them, from the .po (a page's "changed on" notice shows one)."""

    def line_of(field: str) -> int:
        match = re.search(rf'^"{re.escape(field)}:', text, re.M)
        return text.count("\n", 0, match.start()) + 1 if match else 1

    found = []
    charset = re.search(r"charset=([^\s;]+)", compiled.get("Content-Type", ""))
    if not charset or charset.group(1).lower().replace("_", "-") != "utf-8":
        found.append(
            (
                line_of("Content-Type"),
                'the header must say "Content-Type: text/plain; charset=UTF-8"',
            )
        )
    for field in HEADER_DATES:
        value = source.get(field, "").strip()
        if not value or value.startswith("YEAR"):
            continue
        try:
            datetime.datetime.strptime(value, "%Y-%m-%d %H:%M%z")
        except ValueError:
            found.append(
                (
                    line_of(field),
                    f"{field} {value!r} is not a date and time such as 2026-11-25 10:00+0000",
                )
            )
    return found
