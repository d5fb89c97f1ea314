"""Every path the build writes, derived from one build folder.

The build folder is ``_build`` beside conf.py unless ``make BUILDDIR=...`` (or
``python -m essaylib.publish --builddir ...``) says otherwise; the publisher hands
it to each Sphinx run in the environment, so conf.py and the extensions see the
same folder. Nothing the build makes is written anywhere else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BUILDDIR = "_build"
# How the publisher tells conf.py (read before any extension runs) where the build is.
BUILDDIR_VARIABLE = "ESSAYLIB_BUILDDIR"
# The book's sources: what a copy of the book needs to build the same book.
SOURCES = ("docs", "locales", "conf.py", "book.toml", "docutils.conf")


@dataclass(frozen=True)
class BuildPaths:
    """The book in ``root`` (the folder of conf.py), built into ``builddir``."""

    root: Path
    builddir: Path

    @classmethod
    def of(cls, root: str | Path, builddir: str | Path | None = None) -> BuildPaths:
        root = Path(root).resolve()
        chosen = builddir or os.environ.get(BUILDDIR_VARIABLE) or DEFAULT_BUILDDIR
        return cls(root, (root / chosen).resolve())

    def environment(self) -> dict[str, str]:
        """The environment for a Sphinx run of this book into this build folder."""
        return {**os.environ, BUILDDIR_VARIABLE: str(self.builddir)}

    @property
    def docs(self) -> Path:
        """The MyST sources: docs/ beside conf.py (a small test book keeps them beside
        its conf.py)."""
        docs = self.root / "docs"
        return docs if docs.is_dir() else self.root

    @property
    def locales(self) -> Path:
        """The translators' catalogues (sources)."""
        return self.root / "locales"

    @property
    def compiled_locales(self) -> Path:
        """The checked, compiled catalogues Sphinx reads (never the .po files)."""
        return self.builddir / "locales"

    @property
    def templates(self) -> Path:
        """The .pot files that ``make po`` merges into the catalogues."""
        return self.builddir / "gettext"

    @property
    def gettext_doctrees(self) -> Path:
        return self.builddir / "gettext-doctrees"

    @property
    def manifest(self) -> Path:
        """The e-books' sizes, for the downloads lists ({file name: bytes})."""
        return self.builddir / "downloads.json"

    def cover(self, language: str) -> Path:
        """The cover and the link-preview card of one language."""
        return self.builddir / "cover" / language

    def language(self, language: str) -> Path:
        """One language's outputs: doctrees, html, epub, latex."""
        return self.builddir / language

    @property
    def site(self) -> Path:
        """The published site: one static folder."""
        return self.builddir / "site"

    @property
    def staging(self) -> Path:
        """Where the next site is assembled before it replaces the old one."""
        return self.builddir / "site.new"
