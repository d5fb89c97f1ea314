"""The host configurations name the book's languages (hosting/ is outside the package, and
a server's configuration cannot read book.toml): the same ones, the book's own first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from essaylib.model.facts import load_facts

ROOT = Path(__file__).resolve().parent.parent
# An alternation of language codes, as the maps and matchers write them: (nl|en|de).
CODES = re.compile(r"\((?:\?<code>)?((?:[a-z]{2,3}\|)+[a-z]{2,3})\)")


@pytest.mark.parametrize("name", ["nginx.conf", "Caddyfile"])
def test_the_host_files_name_the_books_languages(name):
    text = (ROOT / "hosting" / name).read_text(encoding="utf-8")
    languages = load_facts(ROOT).languages
    own = languages[0]
    named = [m.split("|") for m in CODES.findall(text) if m != "css|js"]
    assert named == [list(languages)] * 2
    assert set(re.findall(r"\bdefault ([a-z]{2,3})\b", text)) == {own}
    if name == "nginx.conf":  # the 404 pages' links, one line a language
        assert re.findall(r"sub_filter '=\"/([a-z]{2,3})/'", text) == list(languages)
    else:  # the root's fallback
        assert re.findall(r"redir \* \{args\.0\}/([a-z]{2,3})/", text) == [own]
