"""A corpus of hostile translations: what an untrusted translator could send.

Each entry is (catalogue, msgid, msgstr, what it tries). The catalogue is the kind
of file it goes in: a page's (``hoofdstuk``), the book's facts (``book``) or the
page chrome (``sphinx``). Every entry must be refused by the allowlist with the file
and line; the sink entries are also built behind the checker's back, to show that
escaping alone keeps them inert (test_security.py).
"""

from __future__ import annotations

PAGE, BOOK, CHROME = "hoofdstuk", "book", "sphinx"
SENTENCE = "Een zin."
TITLE = "Een klein boek"
CANARY = "/tmp/essaylib-canary"
# Runs a command when a Jinja environment renders it (MyST's substitutions did).
JINJA = "{{ '}' ~ cycler.__init__.__globals__.os.popen('touch " + CANARY + "').read() }}"
LATEX_READ = r"X}\AtBeginDocument{\VerbatimInput{/etc/passwd}}\def\y{"
LATEX_RUN = r"\immediate\write18{touch " + CANARY + r"}\input{/etc/passwd}"

CORPUS: list[tuple[str, str, str, str]] = [
    # -- a page: markup the original lacks, in every form MyST knows
    (PAGE, SENTENCE, "Hallo <script>alert(1)</script>", "raw HTML"),
    (PAGE, SENTENCE, '<IMG SRC="x" ONERROR="alert(1)">', "an event handler, upper case"),
    (PAGE, SENTENCE, "<svg/onload=alert(1)>", "an SVG handler"),
    (PAGE, SENTENCE, "<iframe src='https://evil.example'></iframe>", "a frame"),
    (PAGE, SENTENCE, "<style>body{display:none}</style>", "a stylesheet"),
    (PAGE, SENTENCE, "<!-- a comment hiding text -->", "an HTML comment"),
    (PAGE, SENTENCE, "[klik](javascript:alert(1))", "a script link"),
    (PAGE, SENTENCE, "[klik](JaVaScRiPt:alert(1))", "a script link, mixed case"),
    (PAGE, SENTENCE, "[klik](data:text/html;base64,PHNjcmlwdD4=)", "a data link"),
    (PAGE, SENTENCE, "[meer](https://evil.example)", "a link"),
    (PAGE, SENTENCE, "<https://evil.example>", "an autolink"),
    (PAGE, SENTENCE, "[meer][x]\n\n[x]: https://evil.example", "a reference link"),
    (PAGE, SENTENCE, "![x](https://evil.example/pixel.png)", "a remote image"),
    (PAGE, SENTENCE, "![x](../../../../../../etc/passwd)", "an image of a machine file"),
    (PAGE, SENTENCE, "{raw}`html <b>x</b>`", "the raw role"),
    (PAGE, SENTENCE, "{download}`w <../../../../../../etc/passwd>`", "a download"),
    (PAGE, SENTENCE, "{ref}`somewhere`", "a cross-reference"),
    (PAGE, SENTENCE, "```{raw} html\n<script>alert(1)</script>\n```", "the raw directive"),
    (PAGE, SENTENCE, "```{eval-rst}\n.. raw:: html\n\n   <script></script>\n```", "eval-rst"),
    (PAGE, SENTENCE, "```{include} /etc/passwd\n```", "include"),
    (PAGE, SENTENCE, ":::{literalinclude} /etc/passwd\n:::", "literalinclude"),
    (PAGE, SENTENCE, "~~~{include} /etc/passwd\n~~~", "include in a tilde fence"),
    (PAGE, SENTENCE, "```\nthe rest of the page", "an unclosed fence"),
    (PAGE, SENTENCE, "{.x onclick=alert(1)}\nEen zin.", "block attributes"),
    (PAGE, SENTENCE, "Een zin.[^1]\n\n[^1]: https://evil.example", "a footnote"),
    (PAGE, SENTENCE, "# Een kop", "a heading"),
    (PAGE, SENTENCE, "> Een citaat", "a quotation"),
    (PAGE, SENTENCE, "- een\n- lijst", "a list"),
    (PAGE, SENTENCE, "Een.\n\nTwee.", "a second paragraph"),
    (PAGE, SENTENCE, "---\nfoo: bar\n---\nEen zin.", "front matter"),
    (PAGE, SENTENCE, "(doel)=\nEen zin.", "a target"),
    (PAGE, SENTENCE, "Een zin.\n% verborgen tekst", "a comment"),
    (PAGE, SENTENCE, "*Nadruk* die er niet was.", "emphasis the original lacks"),
    (PAGE, SENTENCE, "Een `stukje code`.", "inline code"),
    (PAGE, SENTENCE, "Een zin\u202e.", "a bidi override"),
    (PAGE, SENTENCE, "Een zin\x07.", "a control character"),
    (PAGE, SENTENCE, "Een zin. " * 20_000, "a translation of 180,000 characters"),
    (
        PAGE,
        "Zie [de site](https://example.org).",
        "See [the site](https://evil.example).",
        "a changed link target",
    ),
    (PAGE, "Zoals in *The Myth of Normal*:", "As in The Myth of Normal:", "lost markup"),
    (PAGE, "Mail me: {email}", "Mail me.", "a lost placeholder"),
    (PAGE, "Mail me: {email}", "Mail: {email} {email}", "a doubled placeholder"),
    # -- the book's facts: one line of plain text, each
    (BOOK, TITLE, LATEX_READ, "LaTeX reading a file of the machine"),
    (BOOK, TITLE, LATEX_RUN, "LaTeX running a command"),
    (BOOK, TITLE, JINJA, "a Jinja expression"),
    (BOOK, TITLE, "<script>alert(1)</script>", "a script"),
    (BOOK, TITLE, 'Titel" onmouseover="alert(1)', "an attribute break-out"),
    (BOOK, TITLE, "Titel &lt;script&gt;", "a character reference"),
    (BOOK, TITLE, "*Titel*", "markup"),
    (BOOK, TITLE, "Titel\nTweede regel", "a second line"),
    (BOOK, TITLE, "Lang " * 40, "a title of 200 characters"),
    (BOOK, "Iets anders", "Something else", "a msgid that is no fact of the book"),
    # -- the page chrome: the listed labels only, plain, with their placeholders
    (CHROME, "Search", 'Suchen" autofocus onfocus="alert(1)', "an attribute break-out"),
    (CHROME, "Search", "<script>alert(1)</script>", "a script"),
    (CHROME, "Next", "Weiter &amp; so", "an ampersand"),
    (CHROME, "Toggle navigation of {title}", "{title:.0}<script>", "a format spec"),
    (CHROME, "Toggle navigation of {title}", "{title.__class__}", "an attribute lookup"),
    (CHROME, "Toggle navigation of {title}", "Navigation", "a lost placeholder"),
    (CHROME, "Listing %s", r"\input{/etc/passwd} %s", "a string Sphinx puts in LaTeX"),
    (CHROME, "Link to this heading", "<script>alert(1)</script>", "a string not listed"),
    (CHROME, "Fig. %s", "<b>%s</b>", "another string not listed"),
    (CHROME, "Next", "Weiter\nZurück", "a second line"),
]

# Strings for the places a catalogue's words land outside the page text, for the
# build behind the checker's back: title, description, every chrome label.
SINKS = {
    "title": LATEX_READ + ' <script>alert(1)</script> " onmouseover="x',
    "description": LATEX_RUN + " " + JINJA + " &lt;b&gt; <b>",
    "label": '"><script>alert(1)</script>\\{} {title:.0}',
}
