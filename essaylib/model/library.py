"""The library: its essays, their facts, and the e-books made of them, in one language.

An essay is a folder of docs/ with an ``index.md``: its title (the first heading), its
introduction and the list of its chapters. The essay's facts are in that file's front
matter, and nowhere else::

    ---
    date: 2026-11-25            first published (YYYY-MM-DD)
    summary: One or two sentences, plain text.
    topics: [Ouderschap]        optional
    ---

The summary and the topics are translated in the essay's catalogue like its text. A
mistake in them is a LibraryError that names the file and line. The essays are
listed newest first.
"""

from __future__ import annotations

import datetime
import gettext
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from myst_parser.config.main import TopmatterReadError, read_topmatter

from essaylib.model import progress
from essaylib.model.facts import FACTS_FILE, Edition, Facts, slugify, text_problem
from essaylib.model.paths import BuildPaths
from essaylib.model.progress import Progress
from essaylib.text import markup

INDEX = "index.md"


class LibraryError(ValueError):
    """A mistake in an essay's folder or front matter; says where."""


@dataclass(frozen=True)
class EssaySource:
    """An essay as the author wrote it (the book's own language)."""

    folder: str  # its folder in docs/, which is also its name in every path
    path: Path
    title: str
    date: datetime.date
    summary: str
    topics: tuple[str, ...]
    lines: tuple[tuple[str, int], ...]  # where each fact stands in index.md
    pages: tuple[str, ...]  # the docnames of its pages, its index first

    @property
    def docname(self) -> str:
        return f"{self.folder}/index"

    def line(self, key: str) -> int:
        return dict(self.lines).get(key, 1)


def _front_matter(path: Path, text: str) -> tuple[dict[str, object], dict[str, int]]:
    try:
        data = read_topmatter(text) or {}
    except TopmatterReadError as err:
        raise LibraryError(f"{path}:1: the front matter is not valid YAML: {err}") from None
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if match := re.match(r"([\w-]+)\s*:", line):
            lines.setdefault(match.group(1), number)
    return data, lines


def _title(path: Path, text: str) -> str:
    match = re.search(r"^# (.+)$", text, re.M)
    if not match:
        raise LibraryError(f"{path}:1: an essay's index.md starts with its title, a line '# Title'")
    return match.group(1).strip()


def read_essay(docs: Path, folder: str, confdir: Path) -> EssaySource:
    path = docs / folder / INDEX
    text = path.read_text(encoding="utf-8")
    data, lines = _front_matter(path, text)

    def fail(key: str, message: str) -> LibraryError:
        return LibraryError(f"{path}:{lines.get(key, 1)}: {message}")

    date = data.get("date")
    if not isinstance(date, datetime.date) or isinstance(date, datetime.datetime):
        raise fail(
            "date",
            "the front matter needs the date the essay was first published, "
            f"as date: YYYY-MM-DD (found {date!r})",
        )
    summary = data.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise fail("summary", "the front matter needs a summary: one or two sentences")
    summary = summary.strip()
    if problem := text_problem("summary", summary):
        raise fail("summary", problem)
    if markup.structure(summary, confdir) != markup.structure("x", confdir):
        raise fail("summary", "the summary must be plain text, without markup")
    topics = data.get("topics", [])
    if not isinstance(topics, list) or not all(isinstance(t, str) and t.strip() for t in topics):
        raise fail("topics", "topics must be a list of words, e.g. topics: [Ouderschap]")
    for topic in topics:
        if problem := text_problem("topic", topic):
            raise fail("topics", problem)
    pages = sorted(
        p.relative_to(docs).with_suffix("").as_posix() for p in (docs / folder).rglob("*.md")
    )
    return EssaySource(
        pages=tuple(sorted(pages, key=lambda d: d != f"{folder}/index")),
        folder=folder,
        path=path,
        title=_title(path, text),
        date=date,
        summary=summary,
        topics=tuple(t.strip() for t in topics),
        lines=tuple(sorted(lines.items())),
    )


def essay_links(docs: Path, confdir: Path, essay: EssaySource) -> list[tuple[str, str]]:
    """(page, page it links to) for each link of the essay's pages to a page of the book
    (``[words](../other-essay/chapter.md)``), as MyST reads them."""
    found = []
    for page in essay.pages:
        text = (docs / f"{page}.md").read_text(encoding="utf-8")
        for token in markup.flatten(markup.tokens(text, confdir)):
            href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
            target = href.split("#", 1)[0]
            if target.endswith(".md") and not markup.URL.match(target):
                found.append((page, markup.linked_path(page, target).removesuffix(".md")))
    return found


def essay_folders(docs: Path) -> list[str]:
    """Every folder of docs/ that holds pages: each is an essay and needs an index.md."""
    folders = []
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        if folder.name.startswith(("_", ".")) or not any(folder.rglob("*.md")):
            continue
        if not (folder / INDEX).is_file():
            raise LibraryError(
                f"{folder}/: an essay's folder needs an {INDEX} with its "
                "title, front matter and chapters"
            )
        folders.append(folder.name)
    return folders


def read_library(docs: Path, confdir: Path) -> list[EssaySource]:
    """Every essay, newest first (then by title)."""
    essays = [read_essay(docs, folder, confdir) for folder in essay_folders(docs)]
    return sorted(essays, key=lambda e: (-e.date.toordinal(), e.title))


@dataclass(frozen=True)
class Essay:
    """An essay in one language, and how far its translation is (None: the original)."""

    source: EssaySource
    language: str
    title: str
    summary: str
    topics: tuple[str, ...]
    progress: Progress | None = None

    @property
    def complete(self) -> bool:
        """Translated in full, nothing fuzzy: in the e-books, feeds and catalogue."""
        return self.progress is None or self.progress.complete

    @property
    def untouched(self) -> bool:
        """Nothing translated yet: not published in this language."""
        return self.progress is not None and self.progress.untouched

    @property
    def docname(self) -> str:
        return self.source.docname

    @property
    def date(self) -> datetime.date:
        return self.source.date


def essay_words(
    compiled_locales: Path, language: str, source: EssaySource, progress: Progress | None = None
) -> Essay:
    """The essay's title, summary and topics as the language's compiled catalogue has them."""
    mo = compiled_locales / language / "LC_MESSAGES" / source.folder / "index.mo"
    words: Callable[[str], str] = str
    if mo.exists():
        with mo.open("rb") as f:
            words = gettext.GNUTranslations(f).gettext
    return Essay(
        source,
        language,
        words(source.title),
        words(source.summary),
        tuple(words(t) for t in source.topics),
        progress,
    )


@dataclass(frozen=True)
class Ebook:
    """One EPUB and PDF: the whole library, or one essay, in one language."""

    root: str  # the docname it starts from
    basename: str  # its files' name, in the reader's language
    title: str
    description: str
    date: datetime.date | None
    uid: str
    cover: str  # the cover's file name in _static/
    is_collection: bool
    # An essay's place in the library's series, by date, the oldest 1: a new essay
    # takes the next number and leaves the others theirs (None: the whole library).
    position: int | None = None


def ebooks(edition: Edition, essays: list[Essay], root_doc: str = "index") -> list[Ebook]:
    """The e-books of one language: one per essay, and the whole library when it holds
    more than one (with one essay, the library is that essay: nothing is offered twice;
    a book without essays is one e-book).
    Two e-books with the same file name are a LibraryError."""
    namespace = uuid.UUID(edition.facts.identifier)
    oldest_first = sorted(essays, key=lambda e: (e.date, e.source.folder))
    positions = {e.source.folder: number for number, e in enumerate(oldest_first, start=1)}
    essays = [e for e in essays if e.complete]  # a translation's e-books hold it alone
    books = [
        Ebook(
            root=e.docname,
            basename=slugify(e.title) or e.source.folder,
            title=e.title,
            description=e.summary,
            date=e.date,
            uid=f"urn:uuid:{uuid.uuid5(namespace, f'{e.source.folder}/{edition.language}')}",
            cover=f"cover-{e.source.folder}.png",
            is_collection=False,
            position=positions[e.source.folder],
        )
        for e in essays
    ]
    if len(essays) != 1:  # more than one; or none, when the book is not a library
        books.insert(
            0,
            Ebook(
                root=root_doc,
                basename=slugify(edition.title) or "library",
                title=edition.title,
                description=edition.description,
                date=max((e.date for e in essays), default=None),
                uid=edition.uid,
                cover="cover.png",
                is_collection=True,
            ),
        )
    seen: dict[str, Ebook] = {}
    for book in books:
        if book.basename in seen:
            first = seen[book.basename]
            raise LibraryError(
                f"{edition.language}: '{first.title}' and '{book.title}' would both be "
                f"downloaded as {book.basename}.epub; give one of them another title"
                + (" (the library's title is in book.toml)" if first.is_collection else "")
            )
        seen[book.basename] = book
    return books


def load_library(paths: BuildPaths, edition: Edition) -> tuple[list[Essay], list[Ebook]]:
    """The library in the edition's language: its essays (each with how far its
    translation is) and its e-books (of the essays translated in full)."""
    sources = read_library(paths.docs, paths.root)
    if len(sources) > 1:
        library_description(paths.root, edition.facts, sources)
    table = progress.load(paths.progress)
    essays = [
        essay_words(
            paths.compiled_locales,
            edition.language,
            source,
            progress.of_pages(table, paths.locales, edition.language, source.pages)
            if edition.is_translation
            else None,
        )
        for source in sources
    ]
    return essays, ebooks(edition, essays)


def library_description(root: Path, facts: Facts, sources: list[EssaySource]) -> None:
    """A library of essays is described as a library (its e-book, PDF, feeds and
    catalogue say it), not as one of its essays."""
    summaries = {source.summary: source for source in sources}
    if facts.description and facts.description not in summaries:
        return
    path = root / FACTS_FILE
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^\s*description\s*=", text, re.M)
    line = text.count("\n", 0, match.start()) + 1 if match else 1
    said = (
        f"is the summary of '{summaries[facts.description].title}'"
        if facts.description
        else "is empty"
    )
    raise LibraryError(
        f"{path}:{line}: the library holds {len(sources)} essays and needs a description "
        f"of its own (it {said}): one or two sentences about the whole library"
    )


def published_languages(paths: BuildPaths, facts: Facts) -> list[str]:
    """The languages the site offers: the book's own, and each translation with at least
    one essay translated in full (a language in progress is built, never published)."""
    sources = read_library(paths.docs, paths.root)
    table = progress.load(paths.progress)
    return [facts.source_language] + [
        language
        for language in facts.translations
        if any(progress.of_pages(table, paths.locales, language, s.pages).complete for s in sources)
        or not sources
    ]


def download_path(language: str, book: Ebook, kind: str) -> str:
    """Where an e-book's file is in the site, from the site's root."""
    return f"downloads/{language}/{book.basename}.{kind}"
