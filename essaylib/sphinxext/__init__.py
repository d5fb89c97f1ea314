"""The book's Sphinx extensions, one job each; conf.py lists them.

Each reads the book's facts from ``config.book`` (bookfacts) and escapes what it
writes for the place it lands (SECURITY.md).
"""

from typing import Any

from docutils import nodes

# The arguments of an html-page-context handler that are not plain strings.
Context = dict[str, Any]
Doctree = nodes.document | None

# The builders that make the website (the e-books hold one language and no chrome).
WEBSITE_BUILDERS = ("html", "dirhtml")
