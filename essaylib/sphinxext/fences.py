"""Author mistakes are errors: a fence (```, ~~~ or :::) that is never closed would
silently turn the rest of the page into one block, and its translation would fall
back to the original without a word. The build stops instead, naming file and line."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from essaylib import markup

logger = logging.getLogger(__name__)


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    path = app.env.doc2path(docname)
    if Path(path).suffix != ".md":
        return
    for line, opening in markup.unclosed_fences(source[0], Path(app.confdir)):
        marker = re.match(r"[`~:]*", opening).group()  # type: ignore[union-attr]
        logger.error(
            f"{opening!r} is never closed: it would swallow the rest of the page "
            f"(close it with a line of {marker})",
            location=(docname, line),
            type="book",
            subtype="unclosed-fence",
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("source-read", check_fences)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
