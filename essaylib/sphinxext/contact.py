"""The ``contact`` directive: the author's call to write, with the address from book.toml.

    :::{contact}
    Mail me: {email}
    :::

``{email}`` becomes a mailto link. The text is translated like any paragraph;
the address is filled in afterwards, so translators never see or change it.
Without an address in book.toml the line is left out (the build says so):
a call to mail with nothing to mail to would read badly.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

PLACEHOLDER = "{email}"


class contact_line(nodes.General, nodes.Element):
    """Holds the contact line until the address is filled in."""


class ContactDirective(SphinxDirective):
    has_content = True

    def run(self) -> list[nodes.Node]:
        node = contact_line()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


class FillInAddress(SphinxPostTransform):
    """Runs after translation, so the translated line gets the address too."""

    default_priority = 100
    # Not for the message catalogues: they keep the line whether or not an address is set.
    formats = ("html", "latex")

    def run(self, **kwargs: Any) -> None:
        email = self.config.book.facts.email
        for node in list(self.document.findall(contact_line)):
            if not email:
                node.parent.remove(node)
                continue
            for text in list(node.findall(nodes.Text)):
                if PLACEHOLDER in text:
                    before, _, after = str(text).partition(PLACEHOLDER)
                    link = nodes.reference(email, email, refuri=f"mailto:{email}")
                    text.parent.replace(text, [nodes.Text(before), link, nodes.Text(after)])
            node.replace_self(node.children)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(contact_line)
    app.add_directive("contact", ContactDirective)
    app.add_post_transform(FillInAddress)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
