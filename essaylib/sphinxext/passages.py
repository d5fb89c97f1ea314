"""Translated passages parsed by MyST without MyST's set-up cost for each one.

Sphinx parses every translated passage (each msgstr) as a small document of its own.
For each, MyST 5.2 makes a new Markdown parser with all its plugins (0.6 ms) and, in
its renderer's set-up, a spare docutils document with fresh settings (1.6 ms) that it
throws away, because the passage's document is given: about 2 ms of a passage's
2.5 ms, 0.8 s of each translated language's build today. This parser keeps one
Markdown parser for the passages, and its renderer sets up without the spare
document; pages themselves are parsed by MyST as they were. The output is the same
node for node (tests/test_translations.py compares it with MyST's own). The renderer,
and what of MyST it leans on, is essaylib.compat.myst.PassageRenderer; its contract
test (tests/test_compat.py) fails, not the book, when a new MyST sets up otherwise.

Small and separate, so that it can go to MyST as the fix of its set-up.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it import MarkdownIt
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from essaylib.compat.myst import PassageRenderer

# How Sphinx names a translated passage's document: "<page>:<line>:<translated>".
TRANSLATED = ":<translated>"


class PassageParser(MystParser):
    """MyST's parser; translated passages go through one kept Markdown parser."""

    markdown: tuple[MdParserConfig, MarkdownIt] | None = None

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        # Front matter (which MyST merges into the configuration) takes MyST's own way;
        # so does every passage when the book asks (the tests compare the two).
        own = not document.settings.env.config.book_kept_parser
        if own or not document["source"].endswith(TRANSLATED) or inputstring.startswith("---"):
            super().parse(inputstring, document)
            return
        # Kept on the class: Sphinx makes a parser for every passage. Passages are
        # parsed one after another (parallel reading forks processes).
        if PassageParser.markdown is None or PassageParser.markdown[0] is not config:
            PassageParser.markdown = (config, create_md_parser(config, PassageRenderer))
        markdown = PassageParser.markdown[1]
        markdown.options["document"] = document
        try:
            markdown.render(inputstring)
        finally:
            del markdown.options["document"]  # the passage, not kept alive


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("myst_parser")
    app.add_source_parser(PassageParser, override=True)
    # Off: every translated passage is parsed by MyST's own parser (tests compare).
    app.add_config_value("book_kept_parser", True, "env", types=frozenset({bool}))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
