"""The page scripts' words in each language: Sphinx's ``translations.js``, mended.

Sphinx's search and highlight scripts take their words from a catalogue in JavaScript,
``sphinx.js``, which Sphinx ships for each language and looks for first in the book's
``locale_dirs`` (here the compiled catalogues). Sphinx's own Dutch and German ones leave
"Search finished, found … pages" empty, and their plural rule ``(n != 1)`` gives a
boolean, which indexes no list: search threw a TypeError in the book's own language.
So each language's catalogue is written here: Sphinx's, with the book's checked
translations of the same words (sphinx.po, the allowlist's labels), the search count
from two plain labels (one page, several pages), every empty translation left out (the
script's English then stands), and a plural rule that gives a number.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import sphinx

from essaylib.i18n.words import SEARCH_FOUND_MANY, SEARCH_FOUND_ONE

# The script's own words for the count (searchtools.js): its msgid and plural.
SEARCH_ONE = "Search finished, found one page matching the search query."
SEARCH_MANY = "Search finished, found ${resultCount} pages matching the search query."
MOST_PLURAL_FORMS = 6
SHIPPED = Path(sphinx.__file__).parent / "locale"


def shipped(language: str) -> dict[str, object]:
    """Sphinx's own catalogue of a language (empty when it ships none)."""
    path = SHIPPED / language / "LC_MESSAGES" / "sphinx.js"
    if not path.is_file():
        return {"messages": {}, "plural_expr": "(n != 1)"}
    text = path.read_text(encoding="utf-8")
    body = re.fullmatch(r"\s*Documentation\.addTranslations\((.*)\);?\s*", text, re.S)
    return json.loads(body.group(1)) if body else {"messages": {}, "plural_expr": "(n != 1)"}


def catalogue(language: str, book: dict[str, str]) -> str:
    """The scripts' catalogue of a language: Sphinx's, with the book's translations
    (``book``: msgid to msgstr of its compiled sphinx.po)."""
    found = shipped(language)
    messages = dict(found.get("messages", {}))  # type: ignore[call-overload]
    for msgid in list(messages):
        if book.get(msgid):
            messages[msgid] = book[msgid]
    one, many = book.get(SEARCH_FOUND_ONE), book.get(SEARCH_FOUND_MANY)
    if one and many:
        messages[SEARCH_ONE] = [one] + [many] * (MOST_PLURAL_FORMS - 1)
    # An empty translation would show nothing where the script's English would do.
    messages = {
        msgid: text
        for msgid, text in messages.items()
        if (all(text) if isinstance(text, list) else text)
    }
    rule = str(found.get("plural_expr") or "(n != 1)")
    data = {"locale": language, "messages": messages, "plural_expr": f"+({rule})"}
    return f"Documentation.addTranslations({json.dumps(data, indent=4, sort_keys=True)});\n"


def write(compiled_locales: Path, language: str, mo: bytes | None) -> Path | None:
    """Write a language's scripts' catalogue beside its compiled sphinx.mo (None: this
    language has neither Sphinx's nor the book's words for the scripts)."""
    book = {e.msgid: e.msgstr for e in polib.mofile(mo)} if mo is not None else {}
    if not book and not (SHIPPED / language / "LC_MESSAGES" / "sphinx.js").is_file():
        return None
    path = compiled_locales / language / "LC_MESSAGES" / "sphinx.js"
    text = catalogue(language, book)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path
