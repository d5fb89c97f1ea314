"""The book's Sphinx extensions, one job each; conf.py lists them.

Each reads the book's facts from ``config.book`` (bookfacts) and escapes what it
writes for the place it lands (SECURITY.md).
"""

# The builders that make the website (the e-books hold one language and no chrome).
WEBSITE_BUILDERS = ("html", "dirhtml")
