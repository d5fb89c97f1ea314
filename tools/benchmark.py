"""How fast the book builds and how big its outputs are. Prints figures; asserts nothing.

    python tools/benchmark.py [--runs 3]

Works on a copy of the book in a temporary folder, so the real _build is left alone:
  clean    the whole site (every language, HTML, EPUB, PDF) from nothing, set-up excluded
  rebuild  the whole site again after one paragraph of one chapter changed
  sizes    the EPUBs, the PDFs and the website
The machines are noisy: each time is the median of several runs, with every run shown.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from essaylib.publish import copy_sources

ROOT = Path(__file__).resolve().parent.parent

CHAPTER = Path("docs/relatietherapie-voor-de-kinderen/inleiding.md")
PARAGRAPH = "Daarom zeggen wij:"


def publish(book: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(book / "tools" / "publish.py")],
        cwd=book,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def report(name: str, seconds: list[float]) -> None:
    runs = ", ".join(f"{s:.1f}" for s in seconds)
    print(f"{name:<8} median {statistics.median(seconds):6.1f} s   (runs: {runs})")


def size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        book = copy_sources(ROOT, Path(tmp) / "book")
        clean = []
        for _ in range(runs):
            shutil.rmtree(book / "_build", ignore_errors=True)
            clean.append(publish(book))
        chapter = book / CHAPTER
        original = chapter.read_text(encoding="utf-8")
        rebuild = []
        for run in range(runs):
            chapter.write_text(original.replace(PARAGRAPH, f"{PARAGRAPH} {run}"), encoding="utf-8")
            rebuild.append(publish(book))
        report("clean", clean)
        report("rebuild", rebuild)
        print(
            f"ratio    rebuild / clean = "
            f"{statistics.median(rebuild) / statistics.median(clean):.2f}"
        )

        site = book / "_build" / "site"
        for f in sorted((site / "downloads").iterdir()):
            print(f"size     {f.name:<58} {size(f) / 1000:7.0f} kB")
        languages = [p for p in sorted(site.iterdir()) if p.is_dir() and len(p.name) == 2]
        for lang in languages:
            pages = len(list(lang.rglob("*.html")))
            print(f"size     website {lang.name}: {pages} pages, {size(lang) / 1000:.0f} kB")
        print(f"size     the whole site: {size(site) / 1_000_000:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
