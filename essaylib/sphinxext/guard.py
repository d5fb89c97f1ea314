"""A second line of defence behind the catalogue check (essaylib.i18n.allowlist).

Images and download links must point at files inside the book's sources: never
at another file of the build machine (Sphinx would copy it into the site) and
never at a URL (the EPUB builder would fetch it). Anything else is dropped with
a warning that names the file and line, and strict builds fail on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from essaylib.text.markup import URL

logger = logging.getLogger(__name__)


class KeepFilesInside(SphinxTransform):
    # After sphinx.transforms.i18n.Locale (20), before the images are collected.
    default_priority = 25

    def apply(self, **kwargs: Any) -> None:
        srcdir = Path(self.env.srcdir).resolve()
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        for node in list(self.document.findall(nodes.image)):
            self.check(node, node.get("uri", ""), srcdir, docdir)
        for node in list(self.document.findall(addnodes.download_reference)):
            self.check(node, node.get("reftarget", ""), srcdir, docdir)

    def check(self, node: nodes.Element, target: str, srcdir: Path, docdir: Path) -> None:
        if URL.match(target):
            problem = "points at a URL"
        else:
            base = srcdir if target.startswith("/") else docdir
            path = (base / target.lstrip("/")).resolve()
            if path.is_relative_to(srcdir):
                return
            problem = "points outside the book's sources"
        logger.warning(
            f"{node.tagname} {target!r} {problem}; it was left out",
            location=node,
            type="book",
            subtype="unsafe-file",
        )
        node.parent.remove(node)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(KeepFilesInside)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
