"""markdown-it's token types, which the translation check reads as "markup".

Written for markdown-it-py 4.3.0 with mdit-py-plugins 0.7.0 and myst-parser 5.2.0.
Contract test: tests/test_compat.py, ``test_markdown_it_token_types_are_as_the_check_reads_them``.

essaylib.text.markup counts every token that is not words as a piece of markup, and a
translation must keep each piece. What is words is named here by markdown-it's token
types (not a public, versioned list: markdown-it-py 3.0 added ``text_special``, for
``&amp;`` and ``\\*``). Fallback: a type markdown-it adds counts as markup (a
translation is asked to keep it: safe, and the contract test names it); a words type
it renames fails the contract test before it fails the translators.
"""

from __future__ import annotations

# Tokens that are words, not markup.
WORD_TOKENS = frozenset({"text", "text_special", "softbreak", "inline"})
# Blocks that run to the end of the page when their closing line is missing (markdown-it's
# ``fence``, mdit-py-plugins' ``colon_fence``); their ``map`` is (first line, line after).
FENCE_TOKENS = frozenset({"fence", "colon_fence"})
