"""Lighthouse, as on a phone, scores 100 in accessibility, best practices and SEO on the
library's home, an essay page and the downloads page of every language: the book built
with its address set (book.toml's url), served compressed as a host serves it
(tests/hosting.py). Performance is printed, not asserted: Lighthouse times it (paint,
blocking time), and a test may not depend on how busy the machine is."""

from __future__ import annotations

import json
import re
import subprocess

import hosting
import pytest
from conftest import GATES, copy_book, publish

from essaylib.model.facts import load_facts

pytestmark = pytest.mark.slow


def test_lighthouse_scores_100_on_a_phone(tmp_path):
    book = copy_book(tmp_path / "book")
    port = hosting.free_port()
    address = f"http://127.0.0.1:{port}/"
    facts = book / "book.toml"
    facts.write_text(
        re.sub(r'(?m)^url = ".*"$', f'url = "{address}"', facts.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    assert load_facts(book).url == address
    publish(book, book / "_build")
    site = book / "_build" / "site"
    chapter = next(site.glob("nl/*/inleiding.html")).relative_to(site / "nl").as_posix()
    languages = [p.name for p in site.iterdir() if (p / "downloads.html").exists()]
    assert len(languages) == len(load_facts(book).languages)
    with hosting.served(site, port) as base:
        urls = [
            f"{base}{lang}/{page}" for lang in languages for page in ("", chapter, "downloads.html")
        ]
        run = subprocess.run(
            ["node", str(GATES / "lighthouse.mjs"), *urls],
            capture_output=True,
            text=True,
            timeout=1800,
        )
    assert run.returncode == 0, run.stderr
    results = json.loads(run.stdout)
    print("\nLighthouse on a phone (performance, accessibility, best practices, SEO):")
    for result in results:
        scores = " ".join(f"{round(s * 100)}" for s in result["scores"].values())
        print(f"  {result['url'].removeprefix(base)}: {scores}")
    untimed = ("accessibility", "best-practices", "seo")
    below = [
        (r["url"], r["scores"], [f for f in r["failing"] if f["category"] in untimed])
        for r in results
        if min(r["scores"][c] for c in untimed) < 1
    ]
    assert not below, json.dumps(below, indent=1)
