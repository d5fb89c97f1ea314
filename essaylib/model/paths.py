"""Every path the build writes, derived from one build folder.

The build folder is ``_build`` beside conf.py unless ``make BUILDDIR=...`` (or
``python -m essaylib.outputs.publish --builddir ...``) says otherwise; the publisher hands
it to each Sphinx run in the environment, so conf.py and the extensions see the
same folder. Nothing the build makes is written anywhere else.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from essaylib.model.manifest import Manifest

DEFAULT_BUILDDIR = "_build"
# How the publisher tells conf.py (read before any extension runs) where the build is.
BUILDDIR_VARIABLE = "ESSAYLIB_BUILDDIR"
# Each language's feeds, in its folder of the site: Atom, and the OPDS catalogues.
FEEDS = {"atom": "feed.atom", "opds": "opds.xml", "opds-all": "opds-all.xml"}
# The book's sources: what a copy of the book needs to build the same book.
SOURCES = ("docs", "locales", "conf.py", "book.toml", "docutils.conf")
# The package's own files: a change of code or templates is a change of every output.
PACKAGE = Path(__file__).parent.parent


def files_under(*folders: Path) -> list[Path]:
    return sorted(
        p
        for folder in folders
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and "_build" not in p.parts
    )


@dataclass(frozen=True)
class BuildPaths:
    """The book in ``root`` (the folder of conf.py), built into ``builddir``: every path."""

    root: Path
    builddir: Path
    # The MyST sources: docs/ beside conf.py (a small test book keeps them beside conf.py).
    docs: Path
    # The translators' catalogues (sources) ...
    locales: Path
    # ... and the checked, compiled ones that Sphinx reads (never a .po file).
    compiled_locales: Path
    # The .pot files that `make po` merges into the catalogues, and their doctrees.
    pot_templates: Path
    gettext_doctrees: Path
    # How far each translation is (read from the catalogues when they are compiled).
    progress: Path
    # The published site, one static folder; the next one is assembled beside it.
    site: Path
    staging: Path

    @classmethod
    def of(cls, root: str | Path, builddir: str | Path | None = None) -> BuildPaths:
        root = Path(root).resolve()
        chosen = builddir or os.environ.get(BUILDDIR_VARIABLE) or DEFAULT_BUILDDIR
        out = (root / chosen).resolve()
        docs = root / "docs"
        return cls(
            root=root,
            builddir=out,
            docs=docs if docs.is_dir() else root,
            locales=root / "locales",
            compiled_locales=out / "locales",
            pot_templates=out / "gettext",
            gettext_doctrees=out / "gettext-doctrees",
            progress=out / "locales" / "progress.json",
            site=out / "site",
            staging=out / "site.new",
        )

    @classmethod
    def from_arguments(cls, args: argparse.Namespace) -> BuildPaths:
        return cls.of(args.root, args.builddir)

    def environment(self) -> dict[str, str]:
        """The environment for a Sphinx run of this book into this build folder."""
        return {**os.environ, BUILDDIR_VARIABLE: str(self.builddir)}

    def cover(self, language: str) -> Path:
        """The cover and the link-preview card of one language."""
        return self.builddir / "cover" / language

    def language(self, language: str) -> Path:
        """One language's outputs: doctrees, html, epub, latex."""
        return self.builddir / language

    def doctrees(self, language: str, builder: str) -> Path:
        """What Sphinx read of a language, for one builder: the website's apart from the
        e-books'. Sphinx's HTML builders write again only the pages whose source changed
        (or that they read themselves): sharing what another builder read, a page read
        again for its catalogue or translators.toml would keep its old words. The e-books
        share theirs, as each writes every page every time."""
        return self.language(language) / ("doctrees-html" if builder == "html" else "doctrees")

    def code(self) -> list[Path]:
        """The code every output is made, and every catalogue checked, by: conf.py, its
        package (extensions, checks, templates, styles of the e-books), the pins."""
        names = ("conf.py", "docutils.conf", "requirements.lock")
        return [self.root / name for name in names] + files_under(PACKAGE)

    def steps(self) -> Manifest:
        """What each step of the build was last made from (essaylib.model.manifest)."""
        return Manifest(self.builddir / "manifest")

    def manifest(self, language: str) -> Path:
        """One language's e-books and their sizes ({path in the site: bytes}), for its
        downloads lists and its catalogue."""
        return self.builddir / language / "downloads.json"


def tracked_build_files(paths: BuildPaths) -> list[str]:
    """Files under the build folder that git tracks. The build reads back what it made
    (Sphinx's pickled environment, the remembered checks): a file there that came with
    the repository, from a pull request, could run code when read. Such a file is an
    error, never read."""
    if not paths.builddir.is_relative_to(paths.root):
        return []
    try:
        run = subprocess.run(
            ["git", "ls-files", "-z", "--", str(paths.builddir.relative_to(paths.root))],
            cwd=paths.root,
            capture_output=True,
            text=True,
        )
    except OSError:
        return []
    return [name for name in run.stdout.split("\0") if name] if run.returncode == 0 else []


def refuse_tracked_build_files(paths: BuildPaths, tool: str) -> bool:
    """Say so and return True when the build folder holds files from the repository."""
    if found := tracked_build_files(paths):
        print(
            f"{tool}: {paths.builddir} holds files that git tracks ({', '.join(found[:5])}"
            f"{', …' if len(found) > 5 else ''}): the build never reads a file it did not make. "
            "Remove them from git (git rm -r --cached) and build again.",
            file=sys.stderr,
        )
        return True
    return False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every tool takes: which book, built where."""
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the book's folder (where conf.py is); default: here",
    )
    parser.add_argument("--builddir", help=f"default: {DEFAULT_BUILDDIR} in the book's folder")
