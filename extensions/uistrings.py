"""The words of the page chrome, for the translators' ``sphinx.po``.

Sphinx, furo and our templates mark them with ``_()``; Sphinx looks them up in
the "sphinx" catalogue, where a project's own ``locales/<lang>/LC_MESSAGES/sphinx.po``
comes first. The msgids are English, as in Sphinx and furo.
"""

UI_STRINGS = [
    # furo's labels
    "Next",
    "Previous",
    "On this page",
    "Back to top",
    "Search",
    "Home",
    # ours
    "Anonymous",
    "Languages",
    "This page is not fully translated yet: some passages are shown in the original Dutch.",
    "Translation status",
    "Language",
    "Chapter",
    "Translated",
    "Downloads",
    "Cover: {title}",
]
