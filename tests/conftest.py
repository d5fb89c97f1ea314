from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from filelock import FileLock

from essaylib.model.facts import Edition, Facts, load_edition, load_facts
from essaylib.model.library import Ebook, download_path, load_library, published_languages
from essaylib.model.paths import BuildPaths
from essaylib.outputs.publish import copy_sources

ROOT = Path(__file__).resolve().parent.parent
GATES = ROOT / "tools" / "gates"  # the checkers in Node.js (package.json)
OPF = "{http://www.idpf.org/2007/opf}"
# The build's settings for reproducible tests; two builds of one commit must match.
EPOCH = "1764100000"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test roots for sphinx.testing's ``app`` fixture."""
    return ROOT / "tests" / "roots"


def copy_book(to: Path) -> Path:
    return copy_sources(ROOT, to)


LIBRARY = ROOT / "tests" / "library"
# What the test library takes of the book: its conf.py (the engine, and the book's own
# few choices), docutils.conf, and the words of the page chrome in its languages.
ENGINE = ("conf.py", "docutils.conf")


def copy_library(to: Path) -> Path:
    """The test library (tests/library: essays written for the tests, in languages at
    different stages), with the book's engine, to build as `make` builds the book."""
    shutil.copytree(LIBRARY, to)
    for part in ENGINE:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, to / part)
    for chrome in (ROOT / "locales").glob("*/LC_MESSAGES/sphinx.po"):
        target = to / chrome.relative_to(ROOT)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(chrome, target)
    return to


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--book",
        default=str(ROOT),
        help="the library whose content tests/content checks (default: this repository's book)",
    )


def shared(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """A folder made once per test run by make(folder). Under pytest-xdist the workers of
    one run share it: the first that needs it makes it, the others wait for it (a file
    lock), so that the book is built once, whichever worker runs its tests."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    folder = tmp_path_factory.getbasetemp().parent / name  # the run's, not the worker's
    done = folder.with_name(f"{name}.made")
    with FileLock(folder.with_name(f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def build_library(folder: Path) -> None:
    book = copy_library(folder / "book")
    run = publish(book, folder / "_build")
    (folder / "publish.log").write_text(run.stdout + run.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def library_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test library built once, in every language, exactly as `make` builds: its
    sources beside its build folder (library_build / "book", / "_build")."""
    return shared(tmp_path_factory, "library", build_library)


@pytest.fixture
def book_copy(tmp_path: Path) -> Path:
    """A copy of the book's sources, to change and build in a test."""
    return copy_book(tmp_path / "book")


def publish(
    book: Path,
    builddir: Path,
    *args: str,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """`make`, on a book's folder, into builddir: the same publisher."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "essaylib.outputs.publish",
            "--root",
            str(book),
            "--builddir",
            str(builddir),
            *args,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    if check and run.returncode:
        raise AssertionError(run.stdout + run.stderr)
    return run


@pytest.fixture(scope="session")
def book_root(request: pytest.FixtureRequest) -> Path:
    """The library the content gates (tests/content) check: --book, this repository's
    book unless told."""
    root = Path(request.config.getoption("--book")).resolve()
    if not (root / "book.toml").is_file():
        raise pytest.UsageError(f"--book {root}: no book.toml there")
    return root


@pytest.fixture(scope="session")
def facts(book_root: Path) -> Facts:
    return load_facts(book_root)


@pytest.fixture(scope="session")
def builddir(tmp_path_factory: pytest.TempPathFactory, book_root: Path) -> Path:
    """The book, built once per test run exactly as `make` builds it, into a temporary
    folder: the tests never touch its real _build."""

    def build(out: Path) -> None:
        publish(book_root, out)

    return shared(tmp_path_factory, "build", build)


@pytest.fixture(scope="session")
def site(builddir: Path) -> Path:
    return builddir / "site"


class Book:
    """One language's published outputs, and their text in reading order."""

    def __init__(self, root: Path, site: Path, builddir: Path, edition: Edition) -> None:
        self.language = edition.language
        self.edition = edition
        self.html_dir = site / edition.language
        self.essays, self.ebooks = load_library(BuildPaths.of(root, builddir), edition)
        self.site = site
        self.latex_dir = builddir / edition.language / "latex"
        # The first e-book: with one essay the library's only one.
        self.ebook = self.ebooks[0]
        self.epub, self.pdf = self.epub_of(self.ebook), self.pdf_of(self.ebook)
        self.tex = self.latex_dir / f"{self.ebook.basename}.tex"
        self.latex_log = self.latex_log_of(self.ebook)

    def epub_of(self, ebook: Ebook) -> Path:
        return self.site / download_path(self.language, ebook, "epub")

    def pdf_of(self, ebook: Ebook) -> Path:
        return self.site / download_path(self.language, ebook, "pdf")

    def editions_of(self, ebook: Ebook) -> dict[str, Path]:
        """An e-book's files in the site, by their name's ending: EPUB, PDF, Kindle, Kobo."""
        kinds = ("epub", "pdf", "azw3", "kepub.epub")
        return {kind: self.site / download_path(self.language, ebook, kind) for kind in kinds}

    def latex_log_of(self, ebook: Ebook) -> Path:
        return self.latex_dir / f"{ebook.basename}.log"

    def html_pages(self) -> list[Path]:
        """The pages in reading order: the landing page, then each essay its navigation
        lists, from its first page to its last along their "next" links (an essay's last
        page leads back to the landing page)."""
        home = (self.html_dir / "index.html").resolve()
        pages = [home]
        soup = BeautifulSoup(home.read_text(encoding="utf-8"), "html.parser")
        for essay in soup.select("div.sidebar-tree a.reference.internal"):
            page: Path | None = (home.parent / str(essay["href"])).resolve()
            while page is not None:
                pages.append(page)
                link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
                    "a.next-page"
                )
                page = (page.parent / str(link["href"])).resolve() if link else None
                page = None if page == home else page
        return pages

    def html_text(self) -> str:
        return "\n".join(
            BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            .select_one("article[role=main]")
            .get_text("\n")
            for p in self.html_pages()
        )

    def epub_documents(self, ebook: Ebook | None = None) -> list[str]:
        return epub_documents(self.epub_of(ebook or self.ebook))

    def epub_text(self, ebook: Ebook | None = None) -> str:
        return "\n".join(
            BeautifulSoup(d, "html.parser").body.get_text("\n") for d in self.epub_documents(ebook)
        )

    def pdf_language(self, ebook: Ebook | None = None) -> str | None:
        """The document language in the PDF's catalogue (often inside a compressed stream)."""
        data = self.pdf_of(ebook or self.ebook).read_bytes()
        chunks = [data]
        for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            with contextlib.suppress(zlib.error):
                chunks.append(zlib.decompress(stream.group(1)))
        for chunk in chunks:
            if found := re.search(rb"/Lang\s*\(([^)]*)\)", chunk):
                return found.group(1).decode()
        return None

    def pdf_text(self, body_only: bool = True, ebook: Ebook | None = None) -> str:
        return pdf_text(self.pdf_of(ebook or self.ebook), body_only)


def epub_documents(epub: Path) -> list[str]:
    """An EPUB's documents in reading order (its spine)."""
    with zipfile.ZipFile(epub) as z:
        opf = ElementTree.fromstring(z.read("content.opf"))
        hrefs = {i.get("id"): i.get("href") for i in opf.iter(f"{OPF}item")}
        return [z.read(hrefs[ref.get("idref")]).decode() for ref in opf.iter(f"{OPF}itemref")]


def pdf_text(pdf: Path, body_only: bool = True) -> str:
    # A5 is 420 x 595 pt; the running head and page number sit in the top 2 cm and
    # bottom 2.2 cm, which would otherwise interrupt sentences across pages.
    crop = ["-x", "0", "-y", "57", "-W", "420", "-H", "476"] if body_only else []
    return subprocess.run(
        ["pdftotext", *crop, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="session")
def books(book_root: Path, site: Path, builddir: Path, facts: Facts) -> dict[str, Book]:
    """Every language the site publishes (one whose translation is in progress is built,
    not published: a state the engine supports, not a failure)."""
    paths = BuildPaths.of(book_root, builddir)
    return {
        lang: Book(book_root, site, builddir, load_edition(book_root, lang, paths.compiled_locales))
        for lang in published_languages(paths, facts)
    }


@pytest.fixture(scope="session")
def source_book(books: dict[str, Book], facts: Facts) -> Book:
    return books[facts.source_language]


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return (
        {
            str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
        if folder.exists()
        else {}
    )


@pytest.fixture(scope="session", autouse=True)
def real_build_is_left_alone() -> Iterator[None]:
    """Running the tests leaves the real _build exactly as it was: every build a test
    makes happens in a temporary folder."""
    real = BuildPaths.of(ROOT).builddir
    before = snapshot(real)
    yield
    after = snapshot(real)
    changed = sorted(set(before.items()) ^ set(after.items()))
    assert not changed, f"the tests changed {real}: {changed[:5]}"


def sphinx_build(
    make_app,
    book: Path,
    builder: str,
    language: str,
    tolerated: Callable[[str], bool] = lambda line: False,
) -> Path:
    """One sphinx.testing build of a book's copy into its own _build/<language>, which
    must say no warning or error (but the tolerated ones)."""
    app = make_app(
        builder,
        srcdir=book,
        confoverrides={"language": language},
        builddir=book / "_build" / language,
    )
    app.build()
    said = [
        line
        for line in app.warning.getvalue().splitlines()
        if ("WARNING" in line or "ERROR" in line) and not tolerated(line)
    ]
    app.cleanup()  # the next app registers the same nodes afresh
    assert not said, "\n".join(said)
    return Path(app.outdir)


@pytest.fixture(autouse=True)
def catalogues_of_no_earlier_test() -> None:
    """Sphinx keeps every catalogue it loaded for the process: a test's build must not
    speak the language of the build an earlier test ran in the same worker."""
    from essaylib.compat.cpython import forget_compiled_catalogues
    from essaylib.compat.sphinx_runtime import forget_catalogues_but

    forget_catalogues_but(set())
    forget_compiled_catalogues()
