"""Build the book and publish it as one static folder: the one way every output is made.

    essaylib build                  every output of every language, the site (make)
    essaylib build --languages de --formats html --no-site
                                    one language, one format (make html)
    essaylib serve --languages de   live preview (make serve)
    essaylib assemble               the site from languages built apart (each with
                                    --languages xx --no-site, then gathered in one builddir)
    essaylib languages              the languages the site offers (JSON)

Each language is built into <builddir>/<lang>/ (kept, so rebuilds are quick). The
site is assembled in a fresh folder beside <builddir>/site and swapped in only
when every build succeeded: a failed or interrupted run leaves the site that was
there untouched. Builds are strict (STRICT): every warning is an error, all of them
reported, each naming its file and line.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import filecmp
import functools
import html
import importlib
import json
import multiprocessing
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from essaylib import TEMPLATES
from essaylib.i18n.catalogues import compile_catalogues, report
from essaylib.model import progress, untrusted
from essaylib.model.facts import (
    Edition,
    Facts,
    FactsError,
    chrome_words,
    language_name,
    load_edition,
    load_facts,
)
from essaylib.model.library import (
    Ebook,
    LibraryError,
    download_path,
    load_library,
    published_languages,
    read_library,
)
from essaylib.model.manifest import digest
from essaylib.model.paths import (
    SOURCES,
    BuildPaths,
    add_arguments,
    files_under,
    refuse_tracked_build_files,
)
from essaylib.outputs import ereaders
from essaylib.outputs.feeds import FeedSite, epub_modified, write_feeds

STRICT = ["-n", "-W", "--keep-going"]
FORMATS = ("epub", "pdf", "html")
# The Kindle and Kobo editions are made from the EPUB: they come with it.
EDITIONS = {ereaders.KINDLE: "kindle", ereaders.KOBO: "kobo"}


def format_of(path: Path) -> str:
    """The format (of FORMATS) that makes a file of the site's downloads."""
    if path.name.endswith(ereaders.KOBO) or path.suffix == f".{ereaders.KINDLE}":
        return "epub"
    return path.suffix[1:]


# TeX may not run programs, nor read or write a file outside the folder it runs in
# (kpathsea's paranoid mode): a string that slipped past every escape still cannot
# read /etc/passwd into the PDF.
TEX_ENVIRONMENT = {
    "shell_escape": "f",
    "openin_any": "p",
    "openout_any": "p",
    "LATEXOPTS": "-no-shell-escape",
}


def import_extensions(root: Path) -> None:
    """Import what every Sphinx build of the book imports: Sphinx's own extensions and
    builders, conf.py's extensions and its theme (about 0.8 s of a language's build)."""
    import sphinx.cmd.build  # noqa: F401  (Publisher.sphinx)
    from sphinx.application import builtin_extensions

    from essaylib.sphinxext.defaults import of_book

    conf = of_book(root)
    for name in (*builtin_extensions, *conf["extensions"], conf.get("html_theme", "alabaster")):
        importlib.import_module(name)


class BuildFailed(Exception):
    """A build step failed; what it said has been printed."""


def source_date_epoch(root: Path) -> str | None:
    """The last commit's date, so two builds of one commit are identical (None outside git)."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True
        )
    except OSError:
        return None
    return out.stdout.strip() or None


def copy_sources(root: Path, to: Path) -> Path:
    """A copy of the book's sources, to build or change without touching these."""
    for part in SOURCES:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, to / part)
        elif src.exists():
            shutil.copy2(src, to / part)
    return to


def clock() -> tuple[float, float]:
    """Now: wall time, and the CPU time of this process and of the programs it ran (TeX)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    programs = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + programs.ru_utime + programs.ru_stime
    return time.monotonic(), cpu


def step(language: str, name: str, started: tuple[float, float]) -> None:
    """One step done, and how long it took: in wall time, and in CPU time, which the
    languages' steps do not share (tools/benchmark.py reads these lines)."""
    wall, cpu = (now - then for now, then in zip(clock(), started, strict=True))
    print(f"publish: {language} {name} {wall:.2f} s, cpu {cpu:.2f} s", flush=True)


class Publisher:
    def __init__(self, paths: BuildPaths, options: list[str]) -> None:
        self.paths = paths
        self.options = options  # the user's Sphinx options (SPHINXOPTS)

    def edition(self, language: str) -> Edition:
        return load_edition(self.paths.root, language, self.paths.compiled_locales)

    def sphinx(self, builder: str, language: str, outdir: Path, again: list[str]) -> None:
        """One Sphinx builder, in this process: a language's builders run one after
        another in one process (see build), sharing its start-up; the e-books share
        what Sphinx read, the website reads apart (BuildPaths.doctrees)."""
        args = [
            "-b",
            builder,
            "-d",
            str(self.paths.doctrees(language, builder)),
            "-c",
            str(self.paths.root),
            "-D",
            f"language={language}",
            "-q",
            *STRICT,
            *again,
            *self.options,
            str(self.paths.docs),
            str(outdir),
        ]
        started = clock()
        os.environ.update(self.paths.environment())  # conf.py finds the build folder
        from sphinx.cmd.build import build_main  # imported while the catalogues are checked

        if build_main(args):
            raise BuildFailed(f"{language} {builder}")
        step(language, builder, started)

    def ebooks(self, language: str) -> list[Ebook]:
        return load_library(self.paths, self.edition(language))[1]

    def pdf(self, language: str, again: list[str]) -> dict[str, Path]:
        """Every PDF of one language: {its path in the site: the file}."""
        latexdir = self.paths.language(language) / "latex"
        self.sphinx("latex", language, latexdir, again)
        started = clock()
        run = subprocess.run(
            ["make", "-C", str(latexdir), "all-pdf", "LATEXMKOPTS=-silent"],
            capture_output=True,
            text=True,
            env={**self.paths.environment(), **TEX_ENVIRONMENT},
        )
        if run.returncode:
            for line in tex_errors(latexdir, self.paths.locales / language):
                print(line, file=sys.stderr)
            raise BuildFailed(f"{language} pdf")
        step(language, "pdf", started)
        return {
            download_path(language, book, "pdf"): latexdir / f"{book.basename}.pdf"
            for book in self.ebooks(language)
        }

    def epub(self, language: str, again: list[str]) -> dict[str, Path]:
        """Every EPUB of one language: {its path in the site: the file}."""
        outdir = self.paths.language(language) / "epub"
        self.sphinx("epub", language, outdir, again)
        return {
            download_path(language, book, "epub"): outdir / f"{book.basename}.epub"
            for book in self.ebooks(language)
        }

    def html(self, language: str, again: list[str]) -> Path:
        outdir = self.paths.language(language) / "html"
        self.sphinx("html", language, outdir, again)
        return outdir

    def built(self, language: str) -> Built:
        """What a build of a language left in its folder: its website and e-books."""
        out = self.paths.language(language)
        ebooks = {}
        for book in self.ebooks(language):
            ebooks[download_path(language, book, "epub")] = out / "epub" / f"{book.basename}.epub"
            ebooks[download_path(language, book, "pdf")] = out / "latex" / f"{book.basename}.pdf"
            for kind, folder in EDITIONS.items():
                ebooks[download_path(language, book, kind)] = (
                    out / folder / f"{book.basename}.{kind}"
                )
        return Built(html=out / "html", ebooks=ebooks, manifest=self.paths.manifest(language))

    def build_language(self, language: str, formats: list[str]) -> Built:
        """One language, on its own (it needs nothing of another language's build): its
        e-books first, so that its website can list them with their sizes. A format whose
        inputs did not change since it was last built is not built again; after a change
        of the code, Sphinx reads and writes everything again (it cannot know what the
        code changes). The Kindle and Kobo editions are made beside the PDF (calibre
        waits on other things than TeX does), and are ready before the website."""
        built = self.built(language)
        steps = self.paths.steps()
        code = digest(self.paths.code())
        read_afresh = False
        editions: concurrent.futures.Future[None] | None = None
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as beside:
            for kind in [f for f in FORMATS if f in formats]:  # the e-books first
                if kind == "html":
                    if editions is not None:
                        editions.result()  # raises what the editions raised
                    # The e-books' sizes, for the website's downloads lists and the catalogue.
                    write_manifest(
                        self.paths.manifest(language),
                        {k: v for k, v in built.ebooks.items() if v.exists()},
                    )
                step = f"{language}/{kind}"
                made_of = {
                    "inputs": inputs(self.paths, language, kind, self.options),
                    "code": code,
                }
                changed = steps.changed(step, **made_of)
                outputs = [
                    p for p in built.files() if p.suffix == f".{kind}" and p.parent.name != "kobo"
                ]
                if not changed and all(p.exists() for p in outputs):
                    print(f"publish: {language} {kind} unchanged", flush=True)
                else:
                    again = []
                    if "code" in changed:
                        again = ["-a"] if read_afresh else ["-E"]
                        read_afresh = True
                    getattr(self, kind)(language, again)
                    steps.record(step, **made_of)
                if kind == "epub":
                    editions = beside.submit(self.editions, language, code)
            if editions is not None:
                editions.result()
        return built.only(formats)

    def editions(self, language: str, code: str) -> None:
        """The Kindle and Kobo editions of each EPUB of one language, each made again
        only when its EPUB (or the code, or the build's date) changed."""
        steps = self.paths.steps()
        out = self.paths.language(language)
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        for book in self.ebooks(language):
            epub = out / "epub" / f"{book.basename}.epub"
            made_of = {"epub": digest([epub]), "code": code, "date": digest((), epoch)}
            for kind, folder in EDITIONS.items():
                edition = out / folder / f"{book.basename}.{kind}"
                name = f"{language}/{folder}/{book.basename}"
                if not steps.changed(name, **made_of) and edition.exists():
                    continue
                started = clock()
                try:
                    if kind == ereaders.KINDLE:
                        home = self.paths.builddir / "calibre" / language
                        ereaders.kindle(epub, edition, home, epoch)
                    else:
                        ereaders.kobo(epub, edition)
                except ereaders.ConversionFailed as err:
                    print(f"publish: {err}", file=sys.stderr, flush=True)
                    raise BuildFailed(f"{language} {folder} edition of {epub.name}") from None
                steps.record(name, **made_of)
                step(language, f"{folder} {book.basename}", started)

    def build(self, languages: list[str], formats: Iterable[str]) -> dict[str, Built]:
        """Every language side by side, each in a process of its own (Sphinx runs one
        build at a time in a process): all at once, as a language's steps wait on TeX
        and on each other. The processes are forks of this one: main() imports Sphinx and
        the extensions first (import_extensions), so that none imports them again."""
        wanted = [f for f in FORMATS if f in formats]
        if len(languages) == 1:
            return {languages[0]: self.build_language(languages[0], wanted)}

        sys.stdout.flush()
        sys.stderr.flush()
        fork = multiprocessing.get_context("fork")
        processes = {
            language: fork.Process(target=self.build_alone, args=(language, wanted))
            for language in languages
        }
        for process in processes.values():
            process.start()
        for process in processes.values():
            process.join()
        if failed := [lang for lang, process in processes.items() if process.exitcode]:
            raise BuildFailed(", ".join(failed))
        return {language: self.built(language).only(wanted) for language in languages}

    def build_alone(self, language: str, formats: list[str]) -> None:
        """One language, in a process of its own (see build): its exit status says how
        it went, and what failed has been printed."""
        try:
            self.build_language(language, formats)
        except BuildFailed as err:
            print(f"publish: {err} failed", file=sys.stderr, flush=True)
            sys.exit(1)

    def assemble(self, outputs: dict[str, Built]) -> None:
        """The site, in a fresh folder: each language's website, e-books and feeds, and the
        entry, 404 page and sitemap at the top; then every file that is as it was in the
        published site becomes that file (see keep_published)."""
        staging, site = self.paths.staging, self.paths.site
        for language, built in outputs.items():
            assert built.html is not None and built.manifest is not None
            sizes = verified(built, language)
            shutil.copytree(
                built.html,
                staging / language,
                symlinks=True,  # there are none (verified): never follow one
                ignore=shutil.ignore_patterns(".buildinfo*", "objects.inv", "_sources"),
            )
            for target, source in built.ebooks.items():
                (staging / target).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, staging / target, follow_symlinks=False)
                well_formed(staging / target)
            for feed in self.feeds(staging / language, language, sizes):
                well_formed(feed)
        facts = load_facts(self.paths.root)
        # The book's own language first: the entry page's default, the 404 page, x-default.
        languages = sorted(outputs, key=lambda code: code != facts.source_language)
        (staging / "index.html").write_text(
            entry_page([self.edition(lang) for lang in languages]), encoding="utf-8"
        )
        # Web servers look for one 404 page at the top; its links are absolute (/nl/...).
        shutil.copy2(staging / languages[0] / "404.html", staging / "404.html")
        if facts.url:
            write_sitemap(staging, facts.url, languages)
            if note := robots_note(facts.url):
                print(f"publish: {note}", flush=True)
        keep_published(staging, site)

    def feeds(self, folder: Path, language: str, sizes: dict[str, int]) -> list[Path]:
        edition = self.edition(language)
        essays, books = load_library(self.paths, edition)
        words = chrome_words(self.paths.compiled_locales, language)
        epubs = {
            book.uid: self.paths.language(language) / "epub" / f"{book.basename}.epub"
            for book in books
        }
        return write_feeds(
            folder,
            FeedSite(
                edition,
                tuple(e for e in essays if e.complete),
                tuple(books),
                sizes,
                words,
                page_of=lambda docname: f"{docname}.html",
                modified={uid: epub_modified(epub) for uid, epub in epubs.items() if epub.exists()},
            ),
        )


@dataclass
class Built:
    """One language's outputs: its website, and its e-books by their path in the site."""

    html: Path | None = None
    ebooks: dict[str, Path] = field(default_factory=dict)
    manifest: Path | None = None  # the e-books' sizes

    def only(self, formats: Iterable[str]) -> Built:
        """What was built of these formats."""
        return Built(
            html=self.html if "html" in formats else None,
            ebooks={k: p for k, p in self.ebooks.items() if format_of(p) in formats},
            manifest=self.manifest,
        )

    def files(self) -> list[Path]:
        """The files the site needs of this build."""
        found = [self.html / "index.html"] if self.html else []
        return found + list(self.ebooks.values()) + ([self.manifest] if self.manifest else [])


def verified(built: Built, language: str) -> dict[str, int]:
    """What a language's build may hand to the site, checked (its folder may come from
    another machine, a shard): regular files only, no link of any kind, the e-books
    its manifest names with the sizes it says. Its e-books' sizes; BuildFailed naming
    the first path that is not as it must be."""
    assert built.html is not None and built.manifest is not None

    def regular(path: Path) -> None:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
            raise BuildFailed(f"assembling {language}: {path} is not a regular file")

    for own in (built.html.parent, built.html):
        if own.is_symlink() or not own.is_dir():
            raise BuildFailed(f"assembling {language}: {own} is not a folder of its own")
    for folder, dirs, files in os.walk(built.html):  # os.walk follows no link
        for name in dirs + files:
            mode = Path(folder, name).lstat().st_mode
            if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                path = Path(folder, name)
                raise BuildFailed(f"assembling {language}: {path} is a link or a special file")
    regular(built.manifest)
    try:
        sizes = json.loads(built.manifest.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BuildFailed(f"assembling {language}: {built.manifest} is not JSON: {err}") from None
    if not isinstance(sizes, dict) or set(sizes) - set(built.ebooks):
        raise BuildFailed(
            f"assembling {language}: {built.manifest} names files the build does not make"
        )
    for target, source in built.ebooks.items():
        regular(source)
        if sizes.get(target) != source.stat().st_size:
            raise BuildFailed(f"assembling {language}: {source} is not the size its manifest says")
    return sizes


XML_PARTS = (".xhtml", ".opf", ".ncx", ".xml")


def well_formed(path: Path) -> None:
    """An e-book (every XML document in it) or a feed that an XML parser reads, or
    BuildFailed: no reader is handed a file its app cannot open."""
    try:
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as epub:
                for name in epub.namelist():
                    if name.endswith(XML_PARTS):
                        ElementTree.fromstring(epub.read(name))
        elif path.suffix in (".atom", ".xml"):
            ElementTree.parse(path)
    except (ElementTree.ParseError, zipfile.BadZipFile) as err:
        raise BuildFailed(f"{path} is not well-formed XML ({err})") from None


def keep_published(staging: Path, site: Path) -> None:
    """Each file of the next site that is byte for byte the published one becomes a hard
    link to it: its date does not move, so a sync to the host (rsync, aws s3 sync) sends
    only what changed. The published site's files are never written to: a site is only
    ever replaced whole."""
    if not site.is_dir():
        return
    for new in list(staging.rglob("*")):
        old = site / new.relative_to(staging)
        if new.is_file() and old.is_file() and filecmp.cmp(new, old, shallow=False):
            linked = new.with_name(new.name + ".link")
            try:
                os.link(old, linked)
            except OSError:
                continue  # another file system: the copy stays
            linked.replace(new)


# -- What changed since the last build ---------------------------------------------------


def inputs(paths: BuildPaths, language: str, kind: str, options: list[str]) -> str:
    """Everything one format of one language is made from, but the code: the sources,
    the facts, the language's catalogues and translators' files, how far every
    translation is (the status page and the language switcher show it), the build's
    options and date; and for the website, the e-books it lists."""
    files = [paths.root / "book.toml", *sorted(paths.locales.glob("*/translators.toml"))]
    files += files_under(paths.docs, paths.locales / language)
    files.append(paths.progress)
    if kind == "html":
        files.append(paths.manifest(language))
    return digest(files, kind, options, os.environ.get("SOURCE_DATE_EPOCH"))


def tex_errors(latexdir: Path, locales: Path) -> list[str]:
    """TeX's own words: each error ("! ...") with the line of the .tex it stopped at, and
    the catalogue entry the text came from, when it came from one."""
    found = []
    for log in latexdir.glob("*.log"):
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        tex = log.with_suffix(".tex")
        source = (
            tex.read_text(encoding="utf-8", errors="replace").splitlines() if tex.exists() else []
        )
        for i, line in enumerate(lines):
            if not line.startswith("!"):
                continue
            where = next((x for x in lines[i : i + 12] if re.match(r"l\.\d+", x)), "")
            found.append(f"{tex}: {line} {where}".rstrip())
            number = re.match(r"l\.(\d+)", where)
            at = int(number.group(1)) if number else 0
            if 0 < at <= len(source) and (entry := catalogue_entry(source[at - 1], locales)):
                found.append(f"  this text comes from {entry}")
    return found


def catalogue_entry(tex_line: str, locales: Path) -> str | None:
    """The .po file and line whose translation holds the most words of a line of TeX."""
    words = set(re.findall(r"[^\W\d_]{4,}", re.sub(r"\\[a-zA-Z@]+", " ", tex_line)))
    best, best_score = None, 1
    for path in sorted(locales.rglob("*.po")) if words and locales.exists() else []:
        try:
            catalogue = untrusted.catalogue(path)
        except ValueError:
            continue
        for entry in catalogue:
            score = sum(1 for word in words if word in entry.msgstr)
            if score > best_score:
                best, best_score = f"{path}:{entry.linenum}", score
    return best


def write_manifest(path: Path, files: dict[str, Path]) -> None:
    """The e-books' sizes by their path in the site, for the downloads lists and the
    catalogue; rewritten only when they change."""
    text = json.dumps({k: f.stat().st_size for k, f in files.items()}, indent=1, sort_keys=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def entry_page(editions: list[Edition]) -> str:
    """The site's front door: the reader's own language when it is one of ours, else the
    book's first; plain links for readers without JavaScript. A template of ours,
    autoescaped and sandboxed: the titles in it are data."""
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.get_template("entry.html").render(
        editions=[
            {"code": e.language, "name": language_name(e.language), "title": e.title}
            for e in editions
        ],
        # Search engines want the alternates' addresses whole; without the url the page
        # knows only where it is itself.
        base=url.rstrip("/") + "/" if (url := editions[0].facts.url) else "",
        title=editions[0].title,
        description=editions[0].description,
        codes=[e.language for e in editions],
    )


def write_sitemap(site: Path, url: str, languages: list[str]) -> None:
    """sitemap.xml for the whole site: every page, with its other languages and x-default,
    the first language (sphinx-sitemap sees one language per build and knows no x-default)."""
    base = url.rstrip("/") + "/"
    first = site / languages[0]
    pages = sorted(
        p.relative_to(first).as_posix()
        for p in first.rglob("*.html")
        if p.name not in ("search.html", "404.html") and "_static" not in p.parts
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in pages:
        present = [lang for lang in languages if (site / lang / page).is_file()]
        links = [(lang, f"{base}{lang}/{page}") for lang in present]
        links.append(("x-default", f"{base}{languages[0]}/{page}"))
        for _lang, loc in links[:-1]:
            lines.append(f"  <url><loc>{html.escape(loc)}</loc>")
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{code}" href="{html.escape(href)}"/>'
                for code, href in links
            ]
            lines.append("  </url>")
    lines.append("</urlset>")
    (site / "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if at_domain_root(url):  # crawlers read /robots.txt only
        (site / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n", encoding="utf-8"
        )


def at_domain_root(url: str) -> bool:
    """Whether the site is the whole domain (https://example.org/), not a folder of it."""
    return urlsplit(url).path.strip("/") == ""


def robots_note(url: str) -> str | None:
    """What the host must do for crawlers to find the sitemap of a site below a folder
    (no robots.txt is written there: crawlers read the domain's /robots.txt only)."""
    if at_domain_root(url):
        return None
    return (
        f"{url} is below a folder, where crawlers look for no robots.txt: the domain's "
        f"own robots.txt needs the line Sitemap: {url.rstrip('/')}/sitemap.xml"
    )


def swap_in(staging: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command",
        nargs="?",
        choices=["build", "assemble", "languages", "serve", "clean"],
        default="build",
    )
    add_arguments(parser)
    parser.add_argument("--languages", nargs="*", help="default: every language in book.toml")
    parser.add_argument("--formats", nargs="*", choices=FORMATS, default=list(FORMATS))
    parser.add_argument(
        "--no-site", action="store_true", help="build only; do not assemble and publish the site"
    )
    parser.add_argument("--port", type=int, default=8000, help="serve: the preview's port")
    args, sphinx_options = parser.parse_known_args(argv)
    paths = BuildPaths.from_arguments(args)
    if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := source_date_epoch(paths.root)):
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        facts = load_facts(paths.root)
    except FactsError as err:
        print(f"publish: {err}", file=sys.stderr)
        return 1
    if unknown := [code for code in args.languages or [] if code not in facts.languages]:
        parser.error(f"not a language of the book (book.toml): {', '.join(unknown)}")
    if args.command == "clean":
        shutil.rmtree(paths.builddir, ignore_errors=True)
        return 0
    if refuse_tracked_build_files(paths, "publish"):
        return 1
    # Sphinx's and the book's extensions are imported while the catalogues are checked.
    uses_sphinx = args.command in ("build", "serve")
    meanwhile = functools.partial(import_extensions, paths.root) if uses_sphinx else lambda: None
    if problems := compile_catalogues(paths, meanwhile):
        report(problems, [], paths.root)
        print(
            f"publish: {len(problems)} problem(s) in the catalogues; nothing was built, "
            f"{paths.site} is left as it was.",
            file=sys.stderr,
        )
        return 1
    try:  # the library's mistakes (an essay's front matter, two e-books of one name) first
        # The languages asked for; by default those the site offers: the book's own, and
        # each translation once an essay is complete in it.
        languages = args.languages or published_languages(paths, facts)
        for language in languages:
            load_library(paths, load_edition(paths.root, language, paths.compiled_locales))
    except LibraryError as err:
        print(
            f"publish: {err}\npublish: nothing was built, {paths.site} is left as it was.",
            file=sys.stderr,
        )
        return 1
    if args.command == "serve":  # make serve LANGUAGE=xx
        os.environ.update(paths.environment())
        from essaylib.outputs import preview  # its web server, only for the preview

        return preview.serve(paths, languages[0], port=args.port)
    if args.command == "languages":  # for a CI matrix: one shard per language
        print(json.dumps(languages))
        return 0

    for note in facts.missing():
        print(f"publish: book.toml has no {note}.")
    publisher = Publisher(paths, sphinx_options)
    site = args.command == "assemble" or not args.no_site
    started = time.monotonic()
    shutil.rmtree(paths.staging, ignore_errors=True)
    try:
        if args.command == "assemble":  # the languages were built apart (shards)
            outputs = {language: publisher.built(language) for language in languages}
            if missing := [
                str(p) for built in outputs.values() for p in built.files() if not p.exists()
            ]:
                raise BuildFailed(f"assembling ({', '.join(missing)} not built)")
        else:
            outputs = publisher.build(languages, FORMATS if site else args.formats)
        if site:
            publisher.assemble(outputs)
            swap_in(paths.staging, paths.site)
    except BuildFailed as err:
        print(f"publish: {err} failed; {paths.site} is left as it was.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(paths.staging, ignore_errors=True)
    done = (
        paths.site
        if site
        else ", ".join(
            str(p) for out in outputs.values() for p in [out.html, *out.ebooks.values()] if p
        )
    )
    print(f"publish: {done} ready in {time.monotonic() - started:.1f} s ({', '.join(languages)})")
    if not args.languages:
        for note in not_published(paths, facts, languages):
            print(f"publish: {note}")
    return 0


def not_published(paths: BuildPaths, facts: Facts, published: list[str]) -> list[str]:
    """Each language of book.toml the site does not offer yet, and what it lacks: an
    essay translated in full (make todo says what is left)."""
    notes = []
    table = progress.load(paths.progress)
    essays = read_library(paths.docs, paths.root)
    for language in [code for code in facts.translations if code not in published]:
        done = {
            essay.folder: progress.of_pages(table, paths.locales, language, essay.pages)
            for essay in essays
        }
        waiting = [f"{folder} {p.percent} %" for folder, p in done.items() if not p.untouched]
        notes.append(
            f"{language} ({language_name(language, 'en')}) is not published: no essay is "
            f"translated in full yet ({', '.join(waiting) or 'nothing started'}; make todo "
            "says what is left)"
        )
    return notes


if __name__ == "__main__":
    sys.exit(main())
