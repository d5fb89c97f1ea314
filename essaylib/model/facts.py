"""The book's facts: book.toml, checked, and the book in one language (an edition).

book.toml is written by the author: trusted, but fallible, so every fact is checked
and a bad one is an error that names the file and line. The facts that are words
(title, subtitle, description) are translated in each language's ``book.po``.
"""

from __future__ import annotations

import datetime
import gettext
import os
import re
import time
import tomllib
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FACTS_FILE = "book.toml"
# The facts that are words: translators translate them in locales/<lang>/LC_MESSAGES/book.po.
TRANSLATED_FACTS = ("title", "subtitle", "description")
# The longest each fact may be, in characters, in book.toml and in every translation:
# a title must fit on the cover and in a browser tab.
LIMITS = {
    "title": 120,
    "subtitle": 160,
    "description": 300,
    "author": 120,
    "publisher": 120,
    "email": 254,
    "url": 2000,
    "version": 20,
    "summary": 300,
    "topic": 60,
}
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")
_FORMATS = {
    "email": (
        re.compile(r"[^@\s<>\"'\\]+@[^@\s<>\"'\\]+\.[^@\s<>\"'\\]+"),
        "an e-mail address such as name@example.org",
    ),
    "url": (re.compile(r"https?://[^\s<>\"'\\]+"), "an address such as https://example.org/book/"),
    "version": (re.compile(r"[0-9A-Za-z][0-9A-Za-z.+-]*"), "a version such as 1.0"),
}


class FactsError(ValueError):
    """A fact in book.toml that cannot be used; says where."""


# Invisible characters a text may hold: the soft hyphen, the joiners some scripts need,
# and the marks right-to-left languages need (not the embeddings, overrides and isolates
# that reorder text, and no zero-width space or other format character).
ALLOWED_FORMAT = "\u00ad\u200c\u200d\u200e\u200f\u061c"


def control_characters(text: str, allowed: str = "") -> list[str]:
    """Characters that have no place in text, as U+XXXX: control characters (tabs and
    line breaks count: a fact is one line), surrogates, private use, noncharacters and
    unassigned code points (an XML parser refuses some, no font has the others), and
    format characters but those of ALLOWED_FORMAT and ``allowed``."""
    return [
        f"U+{ord(c):04X}"
        for c in text
        if (category := unicodedata.category(c)) in ("Cc", "Cs", "Co", "Cn")
        or (category == "Cf" and c not in ALLOWED_FORMAT and c not in allowed)
    ]


# A word longer than this does not fit a line of the PDF or the cover (A5, 10 pt).
LONGEST_WORD = 50


def overlong_word(text: str, original: str = "") -> str | None:
    """The first word of text longer than LONGEST_WORD (or the original's longest), if any."""
    limit = max([LONGEST_WORD, *(len(w) for w in original.split())])
    return next((w for w in text.split() if len(w) > limit), None)


# Characters that mean something to HTML, LaTeX, MyST or a template, and that a title,
# a name or a label never needs (typographic quotes “ ” ‘ ’ do the work of ").
NOT_IN_TEXT = frozenset('<>{}\\`"')
CHARACTER_REFERENCE = re.compile(r"&#?\w+;")


def text_problem(name: str, value: str) -> str | None:
    """What is wrong with a fact's value as one line of plain text, if anything."""
    if bad := control_characters(value):
        return f"{name} holds control characters ({', '.join(sorted(set(bad)))})"
    if len(value) > LIMITS.get(name, 500):
        return f"{name} is {len(value)} characters long; at most {LIMITS[name]}"
    if name not in ("url", "email") and (word := overlong_word(value)):
        return f"{name} holds a word of {len(word)} characters; a line holds at most {LONGEST_WORD}"
    if name not in ("url", "email") and (bad := sorted(set(value) & NOT_IN_TEXT)):
        quotes = " (use typographic quotes: “ ”)" if '"' in bad else ""
        return f"{name} may not hold {' '.join(bad)}{quotes}"
    if CHARACTER_REFERENCE.search(value):
        return f"{name} may not hold character references such as &amp; (write the character)"
    return None


@dataclass(frozen=True)
class Facts:
    title: str
    languages: tuple[str, ...]
    identifier: str
    subtitle: str = ""
    description: str = ""
    author: str = ""
    email: str = ""
    publisher: str = ""
    url: str = ""
    version: str = ""

    @property
    def source_language(self) -> str:
        """The language the book is written in: the first in book.toml."""
        return self.languages[0]

    @property
    def translations(self) -> tuple[str, ...]:
        return self.languages[1:]

    def missing(self) -> list[str]:
        """The facts that are not known yet, and what that means for the reader."""
        notes = {
            "author": "the book is credited as anonymous",
            "email": "the closing 'Mail me' line is left out",
            "url": "the site has no sitemap, and link previews have no absolute address",
        }
        return [f"{key} ({why})" for key, why in notes.items() if not getattr(self, key)]


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def load_facts(root: str | Path) -> Facts:
    """Read and check book.toml in ``root``; a bad fact is a FactsError naming file and line."""
    path = Path(root) / FACTS_FILE
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise FactsError(f"{path}: {err}") from None

    def fail(key: str, message: str) -> FactsError:
        return FactsError(f"{path}:{_line_of(text, key)}: {message}")

    known = {f.name for f in Facts.__dataclass_fields__.values()}
    for key in data:
        if key not in known:
            raise fail(key, f"unknown fact {key!r} (known: {', '.join(sorted(known))})")
    values: dict[str, object] = {}
    for key in known - {"languages"}:
        value = data.get(key, "")
        if not isinstance(value, str):
            raise fail(key, f"{key} must be text in quotes")
        value = value.strip()
        if problem := text_problem(key, value):
            raise fail(key, problem)
        if value and key in _FORMATS and not _FORMATS[key][0].fullmatch(value):
            raise fail(key, f"{key} is not {_FORMATS[key][1]}: {value!r}")
        values[key] = value
    if not values["title"]:
        raise fail("title", "the book needs a title")
    try:
        uuid.UUID(str(values["identifier"]))
    except ValueError:
        raise fail(
            "identifier",
            "identifier must be a UUID (python3 -c 'import uuid; print(uuid.uuid4())')",
        ) from None
    languages = data.get("languages")
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(c, str) and LANGUAGE_CODE.fullmatch(c) for c in languages)
    ):
        raise fail(
            "languages",
            "languages must be a list of language codes, the book's "
            'own first, e.g. ["nl", "en", "de"]',
        )
    if len(set(languages)) != len(languages):
        raise fail("languages", "a language is listed twice")
    return Facts(languages=tuple(languages), **values)  # type: ignore[arg-type]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def build_date() -> datetime.date:
    """The date a reproducible build stamps on its outputs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.date(*time.gmtime(int(epoch) if epoch else None)[:3])


@dataclass(frozen=True)
class Edition:
    """The book in one language: its words (title, subtitle, description) as that
    language's compiled book.mo has them; every other fact is ``facts``'."""

    facts: Facts
    language: str
    title: str
    subtitle: str = ""
    description: str = ""
    anonymous: str = "Anonymous"

    @classmethod
    def of(
        cls,
        facts: Facts,
        language: str,
        words: dict[str, str] | None = None,
        anonymous: str = "Anonymous",
    ) -> Edition:
        words = words or {}
        title, subtitle, description = (
            words.get(getattr(facts, k), getattr(facts, k)) for k in TRANSLATED_FACTS
        )
        return cls(facts, language, title, subtitle, description, anonymous)

    @property
    def is_translation(self) -> bool:
        return self.language != self.facts.source_language

    @property
    def credited_author(self) -> str:
        # Library convention for a work whose author is not named.
        return self.facts.author or self.anonymous

    @property
    def uid(self) -> str:
        edition = uuid.uuid5(uuid.UUID(self.facts.identifier), self.language)
        return f"urn:uuid:{edition}"


def book_words(compiled_locales: Path, language: str, facts: Facts) -> dict[str, str]:
    """The facts' words as the language's compiled book.mo has them (the source
    language has none: its words are the facts themselves)."""
    mo = compiled_locales / language / "LC_MESSAGES" / "book.mo"
    if not mo.exists():
        return {}
    with mo.open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    words = [getattr(facts, k) for k in TRANSLATED_FACTS if getattr(facts, k)]
    return {w: catalogue.gettext(w) for w in words}


def load_edition(
    root: str | Path, language: str | None, compiled_locales: Path, anonymous: str = "Anonymous"
) -> Edition:
    """The book in one language (None: the book's own)."""
    facts = load_facts(root)
    language = language or facts.source_language
    return Edition.of(facts, language, book_words(compiled_locales, language, facts), anonymous)


def language_name(code: str, in_language: str | None = None) -> str:
    """A language named in itself (Nederlands, English, Deutsch), or in another
    language (Dutch, Niederländisch)."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(in_language or code) or code
    except (ValueError, LookupError, UnknownLocaleError):  # e.g. a test's "xx"
        return code
    return name[:1].upper() + name[1:] if in_language in (None, code) else name


def chrome_words(compiled_locales: Path, language: str) -> Callable[[str], str]:
    """The page chrome's words in a language (sphinx.po), outside Sphinx: for the feeds."""
    mo = compiled_locales / language / "LC_MESSAGES" / "sphinx.mo"
    if not mo.exists():
        return str
    with mo.open("rb") as f:
        return gettext.GNUTranslations(f).gettext
