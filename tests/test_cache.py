"""The build's one cache (essaylib.model.manifest): a rebuild remakes exactly what
depends on what changed, judged by content, never by a file's date.

One library is built once, then changed one kind of input at a time and built again;
each rebuild is read from the publisher's log (which formats of which languages ran)
and from the build folder (which files were written again)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, copy_library, publish, snapshot
from PIL import Image

LANGUAGES = ("nl", "de")
# No PDF: its step is decided as the EPUB's and the website's are, and TeX is slow.
FORMATS = ("epub", "html")
EVERY_STEP = {(language, kind) for language in LANGUAGES for kind in FORMATS}
# The Dutch EPUBs of three essays.
SLAPEN, AAN_TAFEL, RUZIE_MAKEN = (
    "als-een-kind-niet-kan-slapen",
    "samen-aan-tafel",
    "ruzie-maken-waar-de-kinderen-bij-zijn",
)
# The page that shows every translation's progress and translators (it reads them).
STATUS = "vertalingen"
RAN = re.compile(r"^publish: (\w+) (epub|html) [\d.]+ s", re.M)


class Library:
    """The test library with a copy of the package as its code (changed like any other
    input), built into one build folder again and again."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.book = copy_library(tmp_path / "book")
        (self.book / "requirements.lock").write_text("sphinx==9.0.0\n", encoding="utf-8")
        self.code = tmp_path / "code"
        shutil.copytree(
            ROOT / "essaylib", self.code / "essaylib", ignore=shutil.ignore_patterns("__pycache__")
        )
        # The publisher runs with `python -m`: its folder comes first on its path.
        monkeypatch.chdir(self.code)
        path = [str(self.code), *filter(None, [os.environ.get("PYTHONPATH")])]
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join(path))
        self.builddir = tmp_path / "_build"
        self.build()

    def build(self) -> tuple[set[tuple[str, str]], set[str]]:
        """Build; (the formats of the languages that ran, the files written again)."""
        before = snapshot(self.builddir)
        run = publish(
            self.book,
            self.builddir,
            "--languages",
            *LANGUAGES,
            "--formats",
            *FORMATS,
            "--no-site",
        )
        after = snapshot(self.builddir)
        written = {name for name, stamp in after.items() if before.get(name) != stamp}
        return set(RAN.findall(run.stdout)), written

    def change(self, edit: Callable[[], object]) -> tuple[set[tuple[str, str]], set[str]]:
        edit()
        return self.build()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def touch_everything(book: Path) -> None:
    for path in book.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))


def repaint(picture: Path) -> None:
    with Image.open(picture) as image:
        changed = image.convert("RGB")
    changed.putpixel((0, 0), (1, 2, 3))
    changed.save(picture)


def under(written: set[str], *prefixes: str) -> set[str]:
    return {name for name in written if name.startswith(prefixes)}


def epubs_zipped(written: set[str], language: str) -> set[str]:
    """The EPUBs a build zipped again, by their names."""
    return {
        name.removeprefix(f"{language}/epub/").removesuffix(".epub")
        for name in written
        if re.fullmatch(rf"{language}/epub/[^/]+\.epub", name)
    }


def pages_read(written: set[str], language: str) -> set[str]:
    """The docnames whose doctree a build wrote: the pages Sphinx read again."""
    folder = f"{language}/doctrees/"
    return {
        name.removeprefix(folder).removesuffix(".doctree")
        for name in under(written, folder)
        if name.endswith(".doctree")
    }


@pytest.mark.slow
def test_a_rebuild_remakes_exactly_what_depends_on_what_changed(tmp_path, monkeypatch):
    library = Library(tmp_path, monkeypatch)
    book, code = library.book, library.code
    catalogue_checks = "manifest/catalogues/"

    # Nothing changed, or only the files' dates: nothing runs, nothing is written.
    assert library.build() == (set(), set())
    assert library.change(lambda: touch_everything(book)) == (set(), set())

    # A source page (its summary is on its cover): every language reads that page again;
    # only that essay's covers are drawn again, only its EPUB zipped again.
    ran, written = library.change(
        lambda: replace(book / "docs/slapen/index.md", "Wel een ouder", "Wel een vader")
    )
    assert ran == EVERY_STEP
    assert pages_read(written, "nl") == {"slapen/index"}
    assert under(written, "cover/nl/") == {
        f"cover/nl/{kind}-slapen.png" for kind in ("cover", "thumb", "card")
    }
    assert epubs_zipped(written, "nl") == {SLAPEN}
    # Its Kindle and Kobo editions alone are made again, from its new EPUB.
    assert under(written, "nl/kindle/", "nl/kobo/") == {
        f"nl/kindle/{SLAPEN}.azw3",
        f"nl/kobo/{SLAPEN}.kepub.epub",
    }

    # A catalogue: its language only; its page (and the status page) read again, its
    # check alone run again.
    po = "de/LC_MESSAGES/slapen/index.po"
    ran, written = library.change(
        lambda: replace(book / "locales" / po, '"Was hilft:"', '"Was da hilft:"')
    )
    assert ran == {("de", "epub"), ("de", "html")}
    assert pages_read(written, "de") == {"slapen/index", STATUS}
    # Both builders write the page again, with the translator's new words.
    assert {"de/html/slapen/index.html", "de/epub/slapen/index.xhtml"} <= written
    for page in ("html/slapen/index.html", "epub/slapen/index.xhtml"):
        assert "Was da hilft:" in (library.builddir / "de" / page).read_text(encoding="utf-8")
    assert under(written, catalogue_checks) == {f"{catalogue_checks}{po}.json"}
    assert not under(written, "nl/", "cover/")

    # A fact that no cover shows: every language, no cover drawn again.
    ran, written = library.change(
        lambda: replace(book / "book.toml", 'version = "1.0"', 'version = "1.1"')
    )
    assert ran == EVERY_STEP
    assert not under(written, "cover/")

    # A translators' file: every language (the status pages and the e-books' credits name
    # them), no cover drawn again.
    ran, written = library.change(
        lambda: replace(book / "locales/de/translators.toml", "Jonas Becker", "Jonas Bäcker")
    )
    assert ran == EVERY_STEP
    assert {STATUS} <= pages_read(written, "nl") & pages_read(written, "de")
    assert not under(written, "cover/")
    status = library.builddir / "de" / "html" / f"{STATUS}.html"
    assert "Jonas Bäcker" in status.read_text(encoding="utf-8")

    # A picture: every language, the pages that show it; that essay's EPUB zipped again.
    ran, written = library.change(lambda: repaint(book / "docs/aan-tafel/theepot.png"))
    assert ran == EVERY_STEP
    zipped = epubs_zipped(written, "nl")
    assert AAN_TAFEL in zipped and not {SLAPEN, RUZIE_MAKEN} & zipped, zipped
    assert not under(written, catalogue_checks, "cover/")

    # The code, and the pins: everything is read and checked again.
    every_check = under(snapshot(library.builddir), catalogue_checks)
    for edit in (
        lambda: append(code / "essaylib/sphinxext/notice.py", "# a change of the code\n"),
        lambda: replace(book / "requirements.lock", "9.0.0", "9.0.1"),
    ):
        ran, written = library.change(edit)
        assert ran == EVERY_STEP
        assert under(written, catalogue_checks) == every_check
        assert {"index", "slapen/index", STATUS} <= pages_read(written, "nl")
        assert {"index", "slapen/index", STATUS} <= pages_read(written, "de")

    # And after all that, nothing again.
    assert library.build() == (set(), set())


def test_a_file_is_known_by_its_bytes_not_its_date(tmp_path):
    from essaylib.model.manifest import Manifest, digest

    page = tmp_path / "page.md"
    page.write_text("one", encoding="utf-8")
    steps = Manifest(tmp_path / "manifest")
    made_of = {"inputs": digest([page], "html"), "code": digest([], "v1")}
    assert steps.changed("nl/html", **made_of) == {"inputs", "code"}
    steps.record("nl/html", **made_of)
    assert steps.changed("nl/html", **made_of) == set()
    os.utime(page, ns=(0, 0))  # another date, the same bytes
    assert steps.changed("nl/html", inputs=digest([page], "html"), code=made_of["code"]) == set()
    page.write_text("two", encoding="utf-8")
    assert steps.changed("nl/html", inputs=digest([page], "html"), code=made_of["code"]) == {
        "inputs"
    }
    steps.record("nl/check", {"mo": None}, checked="a")
    assert steps.result("nl/check", checked="a") == {"mo": None}
    assert steps.result("nl/check", checked="b") is None
    assert not list((tmp_path / "manifest").rglob("*.new"))  # written whole


def test_the_code_digest_covers_the_package_and_the_pins():
    from essaylib.model.paths import PACKAGE, BuildPaths

    code = BuildPaths.of(ROOT).code()
    assert ROOT / "requirements.lock" in code and ROOT / "conf.py" in code
    assert PACKAGE / "model" / "manifest.py" in code
