"""The corpus of hostile translations (tests/data/hostile.toml), and the few entries that
are made rather than written: a command that would leave a canary file, a huge string.

CORPUS holds (catalogue, msgid, msgstr, what it tries); the catalogue is the kind of file
it goes in: a page's (PAGE), the book's facts (BOOK) or the page chrome (CHROME).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

PAGE, BOOK, CHROME = "hoofdstuk", "book", "sphinx"
SENTENCE = "Een zin."
TITLE = "Een klein boek"
CANARY = "/tmp/essaylib-canary"
# Runs a command when a Jinja environment renders it (MyST's substitutions did).
JINJA = "{{ '}' ~ cycler.__init__.__globals__.os.popen('touch " + CANARY + "').read() }}"
LATEX_READ = r"X}\AtBeginDocument{\VerbatimInput{/etc/passwd}}\def\y{"
LATEX_RUN = r"\immediate\write18{touch " + CANARY + r"}\input{/etc/passwd}"

KINDS = {"page": (PAGE, SENTENCE), "book": (BOOK, TITLE), "chrome": (CHROME, None)}
_written = tomllib.loads((Path(__file__).parent / "data" / "hostile.toml").read_text("utf-8"))
CORPUS: list[tuple[str, str, str, str]] = [
    (domain, entry.get("msgid", default), entry["msgstr"], entry["what"])
    for kind, (domain, default) in KINDS.items()
    for entry in _written[kind]
    if not entry.get("left_out")
] + [
    (PAGE, SENTENCE, "Een zin. " * 20_000, "a translation of 180,000 characters"),
    (PAGE, SENTENCE, JINJA, "a Jinja expression"),
    (BOOK, TITLE, LATEX_READ, "LaTeX reading a file of the machine"),
    (BOOK, TITLE, LATEX_RUN, "LaTeX running a command"),
    (BOOK, TITLE, JINJA, "a Jinja expression"),
    (PAGE, SENTENCE, "Een " + "a" * 3000 + " zin.", "a word of 3,000 letters (off the page)"),
    (BOOK, TITLE, "Een " + "b" * 3000, "a title word of 3,000 letters (off the cover)"),
    # MyST's footnote rule takes time growing faster than the text with each "[^": one
    # entry of it, msgid and msgstr alike, hung make.
    (PAGE, "[^" * 5000, "[^" * 5000, "a footnote bomb"),
    (PAGE, "Een zin. " * 2000, "A sentence. " * 2000, "an original of 18,000 characters"),
]

# Entries of book.po and sphinx.po the book never looks up: left out of the build.
LEFT_OUT: list[tuple[str, str, str, str]] = [
    (domain, entry.get("msgid", default), entry["msgstr"], entry["what"])
    for kind, (domain, default) in KINDS.items()
    for entry in _written[kind]
    if entry.get("left_out")
]

# Strings for the places a catalogue's words land outside the page text, for the
# build behind the checker's back: title, description, every chrome label.
SINKS = {
    "title": LATEX_READ + ' <script>alert(1)</script> " onmouseover="x',
    "description": LATEX_RUN + " " + JINJA + " &lt;b&gt; <b>",
    "label": '"><script>alert(1)</script>\\{} {title:.0}',
}
