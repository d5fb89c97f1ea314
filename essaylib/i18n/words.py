"""The words of the page chrome, for the translators' ``sphinx.po``.

Sphinx, furo and our templates mark them with ``_()``; Sphinx looks them up in
the "sphinx" catalogue, where a project's own ``locales/<lang>/LC_MESSAGES/sphinx.po``
comes first. The msgids are English, as in Sphinx and furo.

This list is also the allowlist of ``sphinx.po``: a catalogue may translate these
and nothing else, so no translation reaches a place of Sphinx's or furo's that we
have not checked (sphinxmessages.sty, numbered captions, permalinks print theirs
unescaped). Every place these land escapes them (SECURITY.md).
"""

# Our own words, by name, for the code that uses them.
NOTICE = (
    "This page is not fully translated yet: some passages are shown in the "
    "original language ({language})."
)
ACCESSIBILITY_SUMMARY = (
    "A text-only book with a table of contents, headings for every "
    "chapter and section, and a logical reading order. It has no "
    "known hazards."
)
ACCESSIBILITY_SUMMARY_PICTURES = (
    "A book of text and pictures, each picture described in words, with a table of "
    "contents, headings for every chapter and section, and a logical reading order. "
    "It has no known hazards."
)
ANONYMOUS = "Anonymous"
READING_TIME = "{minutes} min read"
THE_WHOLE_LIBRARY = "The whole library"
OPDS_HINT = (
    "To follow the library in an e-reader app (KOReader, Thorium, Moon+ Reader, "
    "calibre …), add this catalogue to it:"
)
FEED_TITLE = "New essays"
CATALOGUE_TITLE = "Catalogue for e-reader apps"
ALL_ESSAYS = "All essays"
AVAILABLE_IN = "Not translated yet: available in {language}."
# A count stands after a colon, never before a noun: the words need no plural forms
# (which the allowlist refuses) in any language.
PASSAGES_WAITING = (
    "Translation in progress, passages still in {language}: {count}. "
    "The e-books follow when it is complete."
)
OUTDATED = (
    "The original of this page changed on {date}. Passages shown in {language} "
    "until their translation is brought up to date: {count}."
)
TRANSLATED_BY = "Translated by {names}"
# The search's count, for the page scripts (essaylib.i18n.scripts), as two plain labels.
SEARCH_FOUND_ONE = "Search finished: one page found."
SEARCH_FOUND_MANY = "Search finished: pages found: ${resultCount}."
REVIEWED = "reviewed"
WAITING_SINCE = "{count} waiting since {date}"

UI_STRINGS = [
    # furo's labels
    "Skip to content",
    "Next",
    "Previous",
    "On this page",
    "Back to top",
    "Search",
    "Home",
    # ours
    ANONYMOUS,
    "Languages",
    NOTICE,
    "Translation status",
    "Language",
    "Chapter",
    "Translated",
    "Downloads",
    "Download the book",
    ACCESSIBILITY_SUMMARY,
    ACCESSIBILITY_SUMMARY_PICTURES,
    READING_TIME,
    THE_WHOLE_LIBRARY,
    OPDS_HINT,
    FEED_TITLE,
    CATALOGUE_TITLE,
    ALL_ESSAYS,
    "Topics",
    AVAILABLE_IN,
    PASSAGES_WAITING,
    OUTDATED,
    TRANSLATED_BY,
    REVIEWED,
    WAITING_SINCE,
    "Essay",
    SEARCH_FOUND_ONE,
    SEARCH_FOUND_MANY,
]

# furo writes these in English, outside _(); sphinxext/chrome.py translates them in
# the written pages (labels for screen readers and icon titles).
FURO_FIXED_STRINGS = [
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
    "Contents",
    "Menu",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode",
]
# The same, with the title of the page whose sub-pages the button shows.
FURO_TOGGLE_NAVIGATION = "Toggle navigation of {title}"
UI_STRINGS += [FURO_TOGGLE_NAVIGATION, *FURO_FIXED_STRINGS]
