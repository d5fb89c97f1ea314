"""How fast the book builds, how it scales, and how big its outputs are. Prints figures;
asserts nothing. Works on copies in a temporary folder: the real _build is left alone.

    python tools/benchmark.py [--runs 3] [--sizes 1 10 50] [--skip-library] [--only SECTION]

  book      today's book: a clean build, a second build with nothing changed, a build after
            one paragraph changed; and the nine builders (3 languages x HTML, EPUB, PDF) run
            one after another, each from nothing, as the baseline; what the Kindle and Kobo
            editions took in the clean build and after the paragraph
  library   libraries of 1, 10 and 50 copies of the essay (essaylib.cli.generate), each
            language built alone: time per page of its website and e-books, and the ratios
  changes   in the 10-essay library: a second build, one paragraph of one essay changed
            (its time against a clean build, which e-books are made again), one catalogue
            edited (which languages are built again)
  weight    an essay page with its stylesheets and scripts, compressed as a host sends it
  preview   make serve (nl and de): a chapter saved ten times, the time until the browser
            is told to reload (median)
  hostile   make check-po on the book with one hostile file of each kind that once cost
            time or memory without bound (a footnote bomb, a huge word, a huge glossary,
            a huge catalogue, a catalogue linked to /dev/zero): time and peak memory
            against the honest book's
  suite     make test-fast and make test, as a contributor runs them (only with --only
            suite: it takes --runs times ten minutes)
The machines are noisy: each time is the median of several runs, every run shown.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import polib
from bs4 import BeautifulSoup

from essaylib.cli.generate import make_library
from essaylib.model.facts import load_facts
from essaylib.outputs.preview import Session
from essaylib.outputs.publish import TEX_ENVIRONMENT, copy_sources

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "inleiding.md"
PARAGRAPH = "Daarom zeggen wij:"
# The generated libraries' title and description, in the book's language.
LIBRARY = ("Essays voor ouders", "Essays voor ouders over relaties, opvoeden en het hele gezin.")
STEP = re.compile(r"^publish: (\w+) (\w+) ([\d.]+) s, cpu [\d.]+ s$", re.M)
# A Kindle or Kobo edition of one e-book: language, kindle/kobo, e-book, seconds, CPU.
EDITION = re.compile(r"^publish: (\w+) (kindle|kobo) (\S+) ([\d.]+) s, cpu ([\d.]+) s$", re.M)
EDITIONS: list[list[tuple[str, str, float, float]]] = []  # what each publish() made


def publish(book: Path, *options: str) -> tuple[float, list[tuple[str, str, float]]]:
    """One `make` of a book: seconds, and the publisher's steps (language, step, seconds)."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "essaylib.outputs.publish", "--root", str(book), *options],
        check=True,
        capture_output=True,
        text=True,
        env={"SOURCE_DATE_EPOCH": "1764100000", **dict(os.environ)},
    )
    seconds = time.perf_counter() - started
    EDITIONS.append([(m[2], m[3], float(m[4]), float(m[5])) for m in EDITION.finditer(run.stdout)])
    return seconds, [(m[1], m[2], float(m[3])) for m in STEP.finditer(run.stdout)]


def editions_made(runs: list[list[tuple[str, str, float, float]]]) -> str:
    """What the Kindle and Kobo editions took in these builds (medians over the runs):
    how many, their seconds and CPU seconds, summed over the e-books. They are made
    beside the PDF, so their seconds overlap TeX's rather than add to the build's."""
    found = []
    for kind in ("kindle", "kobo"):
        made = [[e for e in run if e[0] == kind] for run in runs]
        count = statistics.median(len(m) for m in made)
        wall = statistics.median(sum(e[2] for e in m) for m in made)
        cpu = statistics.median(sum(e[3] for e in m) for m in made)
        found.append(f"{kind} {count:.0f} made, {wall:.1f} s, cpu {cpu:.1f} s")
    return "; ".join(found)


def show(name: str, seconds: list[float], note: str = "") -> float:
    median = statistics.median(seconds)
    runs = ", ".join(f"{s:.1f}" for s in seconds)
    print(f"  {name:<34} median {median:7.2f} s   (runs: {runs}){note}")
    return median


def chapter_of(book: Path) -> Path:
    return next((book / "docs").glob(f"*/{CHAPTER}"))


def edit_paragraph(book: Path, run: int) -> None:
    chapter = chapter_of(book)
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(
        re.sub(re.escape(PARAGRAPH) + r"( \d+)?", f"{PARAGRAPH} {run}", text, count=1),
        encoding="utf-8",
    )


def nine_builders(book: Path, out: Path) -> float:
    """Each language's HTML, EPUB and PDF, one after another, each from nothing."""
    subprocess.run(
        [sys.executable, "-m", "essaylib.i18n.catalogues", "compile", "--root", str(book)],
        check=True,
        capture_output=True,
    )
    started = time.perf_counter()
    for language in load_facts(book).languages:
        for builder in ("html", "epub", "latex"):
            target = out / language / builder
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "sphinx",
                    "-q",
                    "-b",
                    builder,
                    "-c",
                    str(book),
                    "-D",
                    f"language={language}",
                    "-d",
                    str(target / ".doctrees"),
                    str(book / "docs"),
                    str(target),
                ],
                check=True,
                capture_output=True,
            )
        subprocess.run(
            ["make", "-C", str(out / language / "latex"), "all-pdf", "LATEXMKOPTS=-silent"],
            check=True,
            capture_output=True,
            env={**dict(os.environ), **TEX_ENVIRONMENT},
        )
    return time.perf_counter() - started


def section_book(tmp: Path, runs: int) -> None:
    print("book: today's book, every language, HTML, EPUB and PDF")
    clean, again, paragraph, baseline = [], [], [], []
    clean_editions, paragraph_editions = [], []
    for run in range(runs):
        book = copy_sources(ROOT, tmp / f"book-{run}")
        clean.append(publish(book)[0])
        clean_editions.append(EDITIONS[-1])
        again.append(publish(book)[0])
        edit_paragraph(book, run)
        paragraph.append(publish(book)[0])
        paragraph_editions.append(EDITIONS[-1])
        baseline.append(nine_builders(book, tmp / f"nine-{run}"))
    c = show("clean build", clean)
    show("second build, nothing changed", again)
    p = show(
        "one paragraph changed", paragraph, f"   = {statistics.median(paragraph) / c:.2f} of clean"
    )
    b = show("nine builders one after another", baseline)
    print(f"  ratio clean / nine builders = {c / b:.2f}   one paragraph / clean = {p / c:.2f}")
    print(f"  Kindle and Kobo editions, clean build: {editions_made(clean_editions)}")
    print(f"  Kindle and Kobo editions, one paragraph: {editions_made(paragraph_editions)}")


def pages_of(html: Path) -> int:
    return sum(1 for p in html.rglob("*.html") if "_static" not in p.parts)


def section_library(tmp: Path, sizes: list[int]) -> None:
    """Each language built alone, one after another, as the issue measured it: side by
    side, the languages' steps share the cores, and a step's time says as much about the
    others as about its own work."""
    print("library: copies of the essay, each language built alone from nothing")
    per_page: dict[str, dict[int, float]] = defaultdict(dict)
    for size in sizes:
        book = make_library(ROOT, size, tmp / f"library-{size}", *LIBRARY)
        languages = list(load_facts(book).languages)
        seconds, steps = 0.0, []
        for language in languages:
            took, done = publish(book, "--languages", language, "--no-site")
            seconds += took
            steps += done
        times: dict[tuple[str, str], float] = {(lang, name): s for lang, name, s in steps}
        build = book / "_build"
        books = len(list(build.glob("*/epub/*.epub"))) // len(languages)
        pages = pages_of(build / languages[0] / "html")
        for language in languages:
            per_page[language][size] = times[language, "html"] / pages_of(build / language / "html")
            # Every page of an essay is in two e-books: the essay's and the library's.
            per_page[f"{language} e-books"][size] = (
                sum(s for (lang, name), s in times.items() if lang == language and name != "html")
                / pages
            )
        print(
            f"  {size:>3} essays: {pages:>4} pages and {books:>3} e-books a language, "
            f"{len(languages)} languages {seconds:6.1f} s; "
            + ", ".join(f"{key} {by_size[size] * 1000:.0f}" for key, by_size in per_page.items())
            + " ms/page"
        )
    if len(sizes) > 1:
        small, large = sizes[-2], sizes[-1]
        ratios = ", ".join(
            f"{key} {by_size[large] / by_size[small]:.2f}" for key, by_size in per_page.items()
        )
        print(f"  time per page at {large} / at {small} essays: {ratios}")


def section_ebooks(tmp: Path) -> None:
    print("library of 10: one paragraph of one essay changed, then one catalogue edited")
    book = make_library(ROOT, 10, tmp / "library-ebooks", *LIBRARY)
    clean, _ = publish(book)
    again, _ = publish(book)
    chapter = chapter_of(book)
    edit_paragraph(book, 1)
    changed_at = time.time()
    paragraph, steps = publish(book)
    print(f"  Kindle and Kobo editions after one paragraph: {editions_made(EDITIONS[-1:])}")
    made = [p for p in (book / "_build").glob("*/*/*.*") if p.suffix in (".epub", ".pdf")]
    remade = [p for p in made if p.stat().st_mtime > changed_at]
    print(
        f"  clean {clean:.1f} s; nothing changed {again:.2f} s; one paragraph "
        f"{paragraph:.1f} s = {paragraph / clean:.2f} of clean ({chapter.parent.name})"
    )
    print(
        f"  e-books made again: {len(remade)} of {len(made)} "
        f"({', '.join(sorted({p.stem for p in remade}))})"
    )
    catalogue = next((book / "locales" / "de" / "LC_MESSAGES").glob(f"{chapter.parent.name}/*.po"))
    entries = polib.pofile(str(catalogue))
    entry = next(e for e in entries if e.msgstr)
    entry.msgstr += " (geändert)"
    entries.save()
    edited, steps = publish(book)
    built = sorted({lang for lang, name, _ in steps})
    print(f"  one German catalogue edited: {edited:.1f} s, languages built again: {built}")


def section_preview(tmp: Path, saves: int) -> None:
    print(f"preview: make serve, a chapter saved {saves} times, until the browser reloads")
    for language in ("nl", "de"):
        book = copy_sources(ROOT, tmp / f"preview-{language}")
        session = Session(book, language, {"SOURCE_DATE_EPOCH": "1764100000"})
        try:
            chapter = chapter_of(book)
            text = chapter.read_text(encoding="utf-8")
            seconds = [session.saved(chapter, f"{text}\nSave {n}.\n") for n in range(saves)]
        finally:
            session.stop()
        show(f"{language}: save to reload", seconds)


def section_weight(tmp: Path) -> None:
    print("weight: an essay page, compressed (gzip -9), fonts excluded")
    book = tmp / "book-0"
    site = book / "_build" / "site"
    if not site.exists():
        book = copy_sources(ROOT, tmp / "book-weight")
        publish(book)
        site = book / "_build" / "site"
    page = next((site / "nl").glob(f"*/{CHAPTER.replace('.md', '.html')}"))
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    files = [page] + [
        (page.parent / ref.split("?")[0]).resolve()
        for ref in [
            *(s["src"] for s in soup.select("script[src]")),
            *(link["href"] for link in soup.select('link[rel="stylesheet"]')),
        ]
    ]
    total = 0
    for path in files:
        size = len(gzip.compress(path.read_bytes(), compresslevel=9))
        total += size
        print(f"  {path.name:<40} {size / 1000:6.1f} kB")
    print(f"  {'all':<40} {total / 1000:6.1f} kB")


MEASURED = (
    "import resource, subprocess, sys, time; t = time.monotonic(); "
    "subprocess.run(sys.argv[1:], capture_output=True); "
    "print(time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def check_cost(book: Path) -> tuple[float, float]:
    """make check-po on a book, afresh: (seconds, peak memory of its processes in MB)."""
    shutil.rmtree(book / "_build", ignore_errors=True)
    command = [sys.executable, "-m", "essaylib.i18n.catalogues", "check", "--root", str(book)]
    run = subprocess.run(
        [sys.executable, "-c", MEASURED, *command],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, kilobytes = run.stdout.split()
    return float(seconds), int(kilobytes) / 1024


def section_hostile(tmp: Path, runs: int) -> None:
    print("hostile: make check-po with one hostile file, against the honest book")
    chapter = "locales/de/LC_MESSAGES/relatietherapie-voor-de-kinderen/inleiding.po"

    def entry(msgid: str, msgstr: str):
        def change(book: Path) -> None:
            po = polib.pofile(str(book / chapter))
            po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
            po.save(str(book / chapter))

        return change

    def glossary(book: Path) -> None:
        rows = "".join(f"term{n},Wort{n},\n" for n in range(20_000))
        (book / "locales/de/glossary.csv").write_text("source,target,explanation\n" + rows)

    def huge(book: Path) -> None:
        with (book / chapter).open("a", encoding="utf-8") as po:
            for n in range(200_000):
                po.write(f'\nmsgid "Zin {n}."\nmsgstr "Satz {n}."\n')

    def compounds(book: Path) -> None:
        po = polib.pofile(str(book / chapter))
        for n in range(250):  # four crafted compound words an entry, each slow for Hunspell
            po.append(polib.POEntry(msgid=f"Zin {n}.", msgstr=" ".join(["Haus" * 10] * 4)))
        po.save(str(book / chapter))

    def zero(book: Path) -> None:
        (book / chapter).unlink()
        (book / chapter).symlink_to("/dev/zero")

    cases = {
        "honest": lambda book: None,
        "a footnote bomb (82 kB of [^)": entry("[^" * 41_000, "[^" * 41_000),
        "a word of 3,000 letters": entry("Een zin.", "Ein " + "a" * 3000 + "."),
        "a glossary of 20,000 terms": glossary,
        "a catalogue of 200,000 entries": huge,
        "a catalogue linked to /dev/zero": zero,
        "1,000 crafted compound words": compounds,
    }
    honest = (0.0, 0.0)
    for name, change in cases.items():
        book = tmp / "hostile" / re.sub(r"\W+", "-", name)
        shutil.rmtree(book, ignore_errors=True)
        copy_sources(ROOT, book)
        change(book)
        costs = [check_cost(book) for _ in range(runs)]
        seconds = statistics.median(c[0] for c in costs)
        memory = max(c[1] for c in costs)
        if name == "honest":
            honest = (seconds, memory)
        ratio = f"   x{seconds / honest[0]:.2f} time, x{memory / honest[1]:.2f} memory"
        print(f"  {name:<34} median {seconds:6.2f} s, peak {memory:6.0f} MB{ratio}")


def section_suite(tmp: Path, runs: int) -> None:
    print("suite: the tests, as make runs them (wall time)")
    for target in ("test-fast", "test"):
        times = []
        for _ in range(runs):
            started = time.monotonic()
            subprocess.run(["make", "-s", target], cwd=ROOT, check=True, capture_output=True)
            times.append(time.monotonic() - started)
        shown = ", ".join(f"{t:.0f}" for t in times)
        print(f"  make {target:<10} median {statistics.median(times):6.1f} s   ({shown})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--skip-library", action="store_true")
    parser.add_argument("--saves", type=int, default=10, help="preview: saves to time")
    alone = {"book": section_book, "hostile": section_hostile, "suite": section_suite}
    parser.add_argument("--only", choices=sorted(alone), help="one section alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        if args.only:
            alone[args.only](tmp, args.runs)
            return 0
        section_book(tmp, args.runs)
        section_weight(tmp)
        section_preview(tmp, args.saves)
        section_hostile(tmp, args.runs)
        if not args.skip_library:
            section_ebooks(tmp)
            section_library(tmp, args.sizes)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
