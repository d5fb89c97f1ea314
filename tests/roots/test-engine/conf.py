# A book that takes the whole engine and overrides one of its settings.
from pathlib import Path

from essaylib.model.paths import BuildPaths

extensions = ["essaylib"]
language = "nl"
locale_dirs = [str(BuildPaths.of(Path(__file__).parent).compiled_locales)]
html_show_sourcelink = True  # the engine's is False: the book's choice wins
