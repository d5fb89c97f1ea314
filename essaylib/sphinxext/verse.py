"""Verse: a poem, a song or an address, its lines kept as they are written.

    :::{verse}
    Eerst de bui en dan de zon,
    eerst de ruzie, dan weer samen.

    Een tweede strofe.
    :::

MyST has no line blocks (Markdown joins the lines of a paragraph), and a hard line
break (a line ending in ``\\``) is lost from the translators' catalogue, so a translated
poem would run its lines together. Here each line is docutils' ``line`` (a line block,
as in reStructuredText): one catalogue entry a line, with MyST's inline markup. An
empty line starts a new stanza.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata


class VerseDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        block = nodes.line_block(classes=["verse"])
        self.set_source_info(block)
        for number, text in enumerate(self.content):
            line = nodes.line(text, "")
            line.source, line.line = self.content.info(number)
            if text.strip():
                children, messages = self.state.inline_text(text.strip(), line.line)
                line += children
                block += messages
            block += line
        return [block]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_directive("verse", VerseDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
