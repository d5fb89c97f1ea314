"""Sphinx settings for the book: this book's own choices.

The engine (essaylib) brings every other setting (essaylib/sphinxext/defaults.py): any set here
overrides it. The book's facts (title, author, languages, ...) live in book.toml.
SECURITY.md says what guards each place a translated string lands.
"""

from pathlib import Path

from essaylib.model.facts import load_facts
from essaylib.model.paths import BuildPaths

BOOK = Path(__file__).parent

extensions = ["essaylib"]
language = load_facts(BOOK).source_language  # -D language=xx for the others
# Sphinx reads the words of its pages' chrome before any extension is loaded: from the
# checked, compiled catalogues of the build folder, never the translators' own files.
locale_dirs = [str(BuildPaths.of(BOOK).compiled_locales)]
