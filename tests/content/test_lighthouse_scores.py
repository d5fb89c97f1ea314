"""Content gate: Lighthouse, as on a phone, scores 100 in accessibility, best practices
and SEO on the library's home, an essay page and the downloads page of every language:
the book built with its address set (book.toml's url), served compressed as a host serves it
(tests/webservers.py). Performance is printed, not asserted: Lighthouse times it (paint,
blocking time), and a test may not depend on how busy the machine is."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import webservers
from conftest import GATES, Book, publish

from essaylib.model.facts import load_edition, load_facts
from essaylib.model.library import published_languages
from essaylib.model.paths import BuildPaths
from essaylib.outputs.publish import copy_sources

pytestmark = pytest.mark.slow


def test_lighthouse_scores_100_on_a_phone(book_root, tmp_path):
    book = copy_sources(book_root, tmp_path / "book")
    port = webservers.free_port()
    address = f"http://127.0.0.1:{port}/"
    facts = book / "book.toml"
    text = facts.read_text(encoding="utf-8")
    if re.search(r'(?m)^url = ".*"$', text):
        text = re.sub(r'(?m)^url = ".*"$', f'url = "{address}"', text)
    else:  # a top-level key: before any table
        text = f'url = "{address}"\n{text}'
    facts.write_text(text, encoding="utf-8")
    assert load_facts(book).url == address
    publish(book, book / "_build")
    site = book / "_build" / "site"
    paths = BuildPaths.of(book, book / "_build")
    languages = published_languages(paths, load_facts(book))
    assert sorted(p.name for p in site.iterdir() if (p / "downloads.html").exists()) == sorted(
        languages
    )
    chapters = {  # the last page of each language's reading order: a chapter
        lang: Book(book, site, book / "_build", load_edition(book, lang, paths.compiled_locales))
        .html_pages()[-1]
        .relative_to(site / lang)
        .as_posix()
        for lang in languages
    }
    with webservers.served(site, port) as base:
        urls = [
            f"{base}{lang}/{page}"
            for lang in languages
            for page in ("", chapters[lang], "downloads.html")
        ]
        run = subprocess.run(
            ["node", str(GATES / "lighthouse.mjs"), *urls],
            capture_output=True,
            text=True,
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
