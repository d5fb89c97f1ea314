"""A picture's description is translated once.

A picture in a paragraph of its own (``![Wat de foto laat zien](foto.png)``) would be
two catalogue entries: the paragraph, markup and all, and the description (Sphinx
translates every picture's alt text). The paragraph is not translated; its description
is (the authoring check keeps every picture in a paragraph of its own).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata


class DescribeOnce(SphinxTransform):
    # Before Sphinx's translation of the page (sphinx.transforms.i18n.Locale, 20).
    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for paragraph in self.document.findall(nodes.paragraph):
            children = [c for c in paragraph.children if not isinstance(c, nodes.Text) or c.strip()]
            if children and all(isinstance(c, nodes.image) for c in children):
                paragraph["translatable"] = False


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(DescribeOnce)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
