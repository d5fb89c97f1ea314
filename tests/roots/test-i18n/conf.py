from pathlib import Path

import bookfacts

# The tests put the book's extensions on sys.path (tests/conftest.py).
extensions = ["myst_parser", "bookfacts", "contact", "translations", "guard"]
myst_enable_extensions = ["colon_fence", "attrs_block", "substitution"]
myst_disable_syntax = ["html_inline", "html_block"]
language = "nl"
html_theme = "furo"
templates_path = [str(Path(bookfacts.__file__).resolve().parents[1] / "docs" / "_templates")]
gettext_compact = False
gettext_auto_build = False
locale_dirs = ["_build/locales"]
html_sidebars = {"**": ["sidebar/navigation.html", "sidebar/languages.html"]}
