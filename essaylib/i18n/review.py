"""The reviewer's checks of ``make check-po``, beyond what the build refuses:

- **the glossary**: each language's ``glossary.csv`` (source, target, explanation: the
  CSV glossary Weblate imports) holds the agreed terms. A msgid holding a term whose
  msgstr lacks its agreed translation is a warning with file and line.
- **what must survive a translation**: numbers, and the names of people and titles of
  works listed in ``locales/names.txt``; and text in italics (a title of a work) stays
  as it is. A warning when one is missing.
- **spelling**: every translation is spell-checked with Hunspell and Debian's dictionary
  of its language, with the language's ``wordlist.txt`` (names, coined words); the
  Dutch sources too (a warning for the author: their words are theirs). A misspelling in
  a translation is a problem (``make check-po`` fails; the build does not).

Warnings are counted; ``make check-po`` fails on problems only. Every finding names the
file and the line of its entry. Warnings are given only where a translation is new or
changed since a revision (``REVIEW_SINCE``, by default the last commit; ``all``: every
entry): what was reviewed once is not reported again. A translator who rightly leaves
out an agreed term says so in the entry's comment (``# glossary: stellen is the verb
here``), and is not asked again.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

from essaylib.i18n.allowlist import PLACEHOLDERS, Problem
from essaylib.model import system, untrusted
from essaylib.model.facts import Facts
from essaylib.text import markup

GLOSSARY = "glossary.csv"
WORDLIST = "wordlist.txt"
NAMES = "names.txt"  # in locales/: people and works, the same in every language


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    line: int


@dataclass
class Findings:
    problems: list[Problem]
    warnings: list[Problem]


def read_text(path: Path, kind: str) -> tuple[str | None, list[Problem]]:
    """A translators' file as UTF-8 text, or the line where it is not."""
    try:
        raw = untrusted.read(path, kind)
    except untrusted.Refused as refused:
        return None, [Problem(path, 0, str(refused))]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(path, line, "the file is not UTF-8; save it as UTF-8")]


# A glossary's size, bounded: every term is looked for in every entry.
MOST_TERMS = 2_000
LONGEST_TERM = 200
MOST_WORDS = 20_000


def read_glossary(path: Path) -> tuple[list[Term], list[Problem]]:
    if not path.exists() and not path.is_symlink():
        return [], []
    text, problems = read_text(path, "glossary")
    if text is None:
        return [], problems
    try:
        rows = list(csv.reader(io.StringIO(text), strict=True))
    except csv.Error as err:
        return [], [Problem(path, 0, f"not valid CSV: {err}")]
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["source", "target"]:
        return [], [
            Problem(path, 1, 'the first line must be the header "source,target,explanation"')
        ]
    terms = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            problems.append(Problem(path, number, "each line needs a source term and its target"))
            continue
        if max(len(row[0]), len(row[1])) > LONGEST_TERM:
            problems.append(Problem(path, number, f"a term is at most {LONGEST_TERM} characters"))
            continue
        terms.append(Term(row[0].strip(), row[1].strip(), number))
    if len(terms) > MOST_TERMS:
        return [], [
            Problem(path, 1, f"{len(terms):,} terms; a glossary holds at most {MOST_TERMS:,}")
        ]
    return terms, problems


def read_words(path: Path) -> tuple[list[str], list[Problem]]:
    """A word list: one word (or name) a line; # starts a comment."""
    if not path.exists() and not path.is_symlink():
        return [], []
    text, problems = read_text(path, "word list")
    if text is None:
        return [], problems
    words = [w for line in text.splitlines() if (w := line.split("#")[0].strip())]
    if len(words) > MOST_WORDS:
        return [], [Problem(path, 1, f"{len(words):,} words; a list holds at most {MOST_WORDS:,}")]
    return words, []


def words_of(text: str, confdir: Path) -> str:
    """The words of a msgstr as the reader gets them (markup.text_of), for the spelling
    and the glossary: placeholders left out too."""
    text = PLACEHOLDERS.sub(" ", markup.text_of(text, confdir))
    text = re.sub(r"\w*\d\w*-", "", text)  # "A5-Format": Hunspell cuts at the digit
    # Quotation marks are not apostrophes: ’ after a word's end, and ‘ ‚ „ “ ” » « anywhere.
    return re.sub(r"’(?!\w)|[‘‚„“”»«]", " ", text)


def contains(text: str, term: str, inflected: bool = True) -> bool:
    """The term, as a word or words, in the text (any case; with ``inflected``, a longer
    word counts, for the inflections of German and Dutch)."""
    end = "" if inflected else r"(?!\w)"
    return re.search(rf"(?<!\w){re.escape(term)}{end}", text, re.I) is not None


def entries(path: Path, source: bool = False) -> Iterator[polib.POEntry]:
    """A catalogue's translated entries (with ``source``: every entry, for its msgid)."""
    for entry in untrusted.catalogue(path):
        if not entry.obsolete and entry.msgid and (source or (entry.msgstr and not entry.fuzzy)):
            yield entry


SINCE = "REVIEW_SINCE"  # the revision warnings are counted from (make check-po REVIEW_SINCE=…)


def key(entry: polib.POEntry, source: bool) -> tuple[str, str]:
    return (entry.msgid, "" if source else entry.msgstr)


@functools.cache
def reviewed(path: Path, since: str, source: bool) -> frozenset[tuple[str, str]]:
    """What a catalogue already held at a revision of git (its translations; with
    ``source``, its originals): reviewed then, not reported again ("all", or no git:
    nothing)."""
    if since == "all" or not shutil.which("git"):
        return frozenset()
    run = subprocess.run(
        ["git", "show", f"{since}:./{path.name}"],
        cwd=path.resolve().parent,
        capture_output=True,
        text=True,
    )
    if run.returncode:
        return frozenset()
    try:
        catalogue = polib.pofile(run.stdout)
    except (OSError, ValueError):
        return frozenset()
    return frozenset(
        key(e, source) for e in catalogue if not e.obsolete and (source or e.msgstr) and not e.fuzzy
    )


def new_or_changed(path: Path, source: bool = False) -> Iterator[polib.POEntry]:
    """The entries of a catalogue that are new or changed since REVIEW_SINCE."""
    known = reviewed(path, os.environ.get(SINCE) or "HEAD", source)
    for entry in entries(path, source):
        if key(entry, source) not in known:
            yield entry


def left_out_on_purpose(entry: polib.POEntry, term: str) -> bool:
    """The translator's comment says why the agreed term is not used here."""
    return any(
        line.strip().lower().startswith("glossary:") and contains(line, term, inflected=False)
        for line in (entry.tcomment or "").splitlines()
    )


def glossary_warnings(
    path: Path, terms: list[Term], names: list[str], confdir: Path
) -> list[Problem]:
    """Agreed terms, names and numbers missing from a new or changed translation. Terms
    are looked for in the words of the text, not in link targets, footnote labels or
    roles, and as whole words (``stel`` is not in ``stellen``)."""
    warnings = []
    for entry in new_or_changed(path):
        original, translation = words_of(entry.msgid, confdir), words_of(entry.msgstr, confdir)
        for term in terms:
            agreed = [t.strip() for t in term.target.split(";")]  # alternatives
            if (
                contains(original, term.source, inflected=False)
                and not any(contains(translation, t) for t in agreed)
                and not left_out_on_purpose(entry, term.source)
            ):
                warnings.append(
                    Problem(
                        path,
                        entry.linenum,
                        f"glossary: {term.source!r} is {term.target!r} "
                        f"({GLOSSARY} line {term.line})",
                    )
                )
        must_stay = [n for n in names if n in entry.msgid]
        must_stay += re.findall(r"\d+", entry.msgid)
        must_stay += re.findall(r"\*([^*\n]+)\*", entry.msgid)  # a title of a work
        for kept in must_stay:
            if kept not in entry.msgstr:
                warnings.append(
                    Problem(
                        path, entry.linenum, f"{kept!r} of the original is not in the translation"
                    )
                )
    return warnings


# Hunspell takes far longer on some crafted compound words than on any real text (a
# tenth of a second to a second each, against some microseconds). A word longer than
# LONGEST_CHECKED is not given to it (a spelling problem: split it, or list it in
# wordlist.txt); the whole check of a language is stopped after a few times what any
# real text takes, and said. The budget is processor time (prlimit), not time on the
# clock: a busy machine makes a check slower, never stopped.
LONGEST_CHECKED = 40
HUNSPELL_SECONDS = 3.0
HUNSPELL_SECONDS_A_WORD = 0.0005
# Time on the clock, against a Hunspell that waits instead of working (it never has).
HUNSPELL_WAIT_FACTOR = 20


class SpellCheckStopped(Exception):
    """Hunspell used up its budget of processor time."""


def hunspell(texts: list[str], dictionary: str, words: list[str]) -> list[list[str]]:
    """Hunspell's misspelt words of each text (its pipe mode: one result block a line),
    the given words counting as known."""
    with tempfile.TemporaryDirectory() as tmp:
        personal = Path(tmp) / "words"
        personal.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
        lines = "".join("^" + " ".join(text.split()) + "\n" for text in texts)
        budget = math.ceil(HUNSPELL_SECONDS + HUNSPELL_SECONDS_A_WORD * lines.count(" "))
        command = ["prlimit", f"--cpu={budget}", "hunspell", "-a", "-i", "utf-8"]
        command += ["-d", dictionary, "-p", str(personal)]
        try:
            run = subprocess.run(
                command,
                input=lines,
                capture_output=True,
                text=True,
                timeout=budget * HUNSPELL_WAIT_FACTOR,
            )
        except subprocess.TimeoutExpired:
            raise SpellCheckStopped from None
    if run.returncode < 0:  # killed at its limit of processor time
        raise SpellCheckStopped
    run.check_returncode()
    results: list[list[str]] = []
    current: list[str] = []
    for line in run.stdout.splitlines()[1:]:  # the first line is Hunspell's banner
        if not line:
            results.append(current)
            current = []
        elif line[0] in "&#":
            current.append(line.split()[1])
    return results


def spelling(
    paths: list[Path], language: str, wordlist: Path, confdir: Path, source: bool = False
) -> tuple[list[Problem], list[str]]:
    """Misspellings in the msgstrs (or, with source, the msgids) of some catalogues."""
    dictionary = system.dictionary(language)
    if not shutil.which("hunspell") or dictionary is None:
        package = system.hunspell_package(language) or f"a hunspell-{language} dictionary"
        return [], [f"no Hunspell dictionary for {language}: apt-get install hunspell {package}"]
    # The author's words: only those new since REVIEW_SINCE (the author decides).
    found = [
        (path, entry)
        for path in paths
        for entry in (new_or_changed(path, source=True) if source else entries(path))
    ]
    texts = [words_of(entry.msgid if source else entry.msgstr, confdir) for _, entry in found]
    words, _ = read_words(wordlist)
    known = set(words)
    # Too long to give Hunspell (unless listed): each is a misspelling of its own.
    overlong = [
        [w for w in text.split() if len(w) > LONGEST_CHECKED and w not in known] for text in texts
    ]
    texts = [
        " ".join(w for w in text.split() if len(w) <= LONGEST_CHECKED or w in known)
        for text in texts
    ]
    try:
        results = hunspell(texts, dictionary, words)
    except SpellCheckStopped:
        return [
            Problem(
                wordlist.parent,
                0,
                f"the spell check of {language} took far longer than any real text takes and "
                "was stopped: a word may be made to slow it down",
            )
        ], []
    problems = []
    for (path, entry), words, long_words in zip(found, results, overlong, strict=True):
        words = [*words, *long_words]
        if words:
            where = (path, entry.linenum)
            if source and entry.occurrences:  # the author's file and line
                file, line = entry.occurrences[0]
                where = (confdir / "docs" / file.split("docs/", 1)[-1], int(line or 0))
            problems.append(
                Problem(
                    where[0],
                    where[1],
                    f"spelling: {', '.join(sorted(set(words)))} (not in the "
                    f"{dictionary} dictionary or {wordlist.name})",
                )
            )
    return problems, []


def review(
    locales: Path, facts: Facts, confdir: Path, refused: frozenset[Path] = frozenset()
) -> tuple[Findings, list[str]]:
    """Every reviewer's check of every translation, and notes (a missing dictionary);
    catalogues the build refuses (``refused``: their problems are said) are not read."""
    findings = Findings([], [])
    notes: list[str] = []
    names, problems = read_words(locales / NAMES)
    findings.problems += problems
    for language in facts.languages:
        folder = locales / language
        wordlist = folder / WORDLIST
        _, problems = read_words(wordlist)
        findings.problems += problems
        catalogues = sorted(
            p
            for p in (folder / "LC_MESSAGES").rglob("*.po")
            if p.name not in ("sphinx.po", "book.po") and p not in refused
        )
        if language == facts.source_language:
            # The author's own words: warnings, the author decides.
            sources = (
                sorted((locales / facts.translations[0] / "LC_MESSAGES").rglob("*.po"))
                if facts.translations
                else []
            )
            sources = [
                p for p in sources if p.name not in ("sphinx.po", "book.po") and p not in refused
            ]
            found, missing = spelling(sources, language, wordlist, confdir, source=True)
            findings.warnings += found
            notes += missing
            continue
        terms, problems = read_glossary(folder / GLOSSARY)
        findings.problems += problems
        for path in catalogues:
            findings.warnings += glossary_warnings(path, terms, names, confdir)
        found, missing = spelling(catalogues, language, wordlist, confdir)
        findings.problems += found
        notes += missing
    return findings, notes
