"""The upstream internals essaylib.compat leans on, as they must be: each test fails the
day upstream changes what the shim relies on."""

from __future__ import annotations

from sphinx.config import Config

from essaylib.compat import chosen_by_book


def test_sphinx_keeps_what_conf_py_and_the_command_line_set():
    config = Config({"html_theme": "alabaster", "project": "x"}, {"language": "de"})
    assert chosen_by_book(config) == {"html_theme", "project", "language"}
