"""The book's facts (book.toml) turned into Sphinx settings for one language.

``-D language=xx`` is applied after conf.py runs, so conf.py cannot choose the
title per language; ``config-inited`` is the first moment the language is
known, and every per-language setting is derived here, in one place.
"""

from __future__ import annotations

import datetime
import gettext
import os
import re
import time
import tomllib
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util import logging

logger = logging.getLogger(__name__)

FACTS_FILE = "book.toml"
# The facts that are words: translators translate them in locales/<lang>/LC_MESSAGES/book.po.
TRANSLATED_FACTS = ("title", "subtitle", "description")
# Where tools/catalogues.py compiles the checked catalogues: build output, not sources.
COMPILED_LOCALES = "_build/locales"


def load_facts(confdir: str | Path) -> dict[str, Any]:
    """Read book.toml next to conf.py; a broken file names itself."""
    path = Path(confdir) / FACTS_FILE
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as err:
        raise SystemExit(f"{path}: {err}") from None


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def build_date() -> datetime.date:
    """The date a reproducible build stamps on its outputs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.date(*time.gmtime(int(epoch) if epoch else None)[:3])


@dataclass
class Edition:
    """The facts of the book in one language: title, subtitle and description
    translated through the language's book.po, the rest as book.toml has them."""

    facts: dict[str, Any]
    language: str
    translations: dict[str, str] = field(default_factory=dict)
    anonymous: str = "Anonymous"

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name in ("facts", "translations", "anonymous"):
            raise AttributeError(name)
        value = str(self.facts.get(name, "")).strip()
        return self.translations.get(value, value) if name in TRANSLATED_FACTS else value

    @property
    def source_language(self) -> str:
        return self.facts["languages"][0]

    @property
    def credited_author(self) -> str:
        # Library convention for a work whose author is not named.
        return self.author or self.anonymous

    @property
    def basename(self) -> str:
        """File name of the downloads: the source title's slug and the language."""
        return f"{slugify(self.facts['title'])}-{self.language}"

    @property
    def uid(self) -> str:
        edition = uuid.uuid5(uuid.UUID(self.identifier), self.language)
        return f"urn:uuid:{edition}"


def missing_facts(facts: dict[str, Any]) -> list[str]:
    notes = {
        "author": "the book is credited as anonymous",
        "email": "the closing 'Mail me' line is left out",
        "url": "the site has no sitemap, and link previews have no absolute address",
    }
    return [f"{key} ({why})" for key, why in notes.items() if not str(facts.get(key, "")).strip()]


def book_translations(locale_dirs: list[Path], language: str,
                      facts: dict[str, Any]) -> dict[str, str]:
    """The facts' words as the language's compiled book.mo has them (the source
    language has none: its words are the facts themselves)."""
    for folder in locale_dirs:
        mo = Path(folder, language, "LC_MESSAGES", "book.mo")
        if mo.exists():
            with mo.open("rb") as f:
                catalogue = gettext.GNUTranslations(f)
            words = [str(facts[k]) for k in TRANSLATED_FACTS if facts.get(k)]
            return {w: catalogue.gettext(w) for w in words}
    return {}


def load_edition(confdir: str | Path, language: str | None, locale_dirs: list[Path],
                 anonymous: str = "Anonymous") -> Edition:
    """The book in one language (None: the book's own), its words from the compiled book.mo."""
    facts = load_facts(confdir)
    language = language or facts["languages"][0]
    return Edition(facts, language, book_translations(locale_dirs, language, facts), anonymous)


def apply_facts(app: Sphinx, config: Config) -> None:
    locale_dirs = [Path(app.srcdir, d) for d in config.locale_dirs]
    edition = load_edition(app.confdir, config.language, locale_dirs, str(_("Anonymous")))
    config.book = edition
    language, facts = edition.language, edition.facts

    author = edition.credited_author
    config.project = edition.title
    config.author = author
    config.copyright = f"{build_date().year}, {edition.author}" if edition.author else ""
    config.version = config.release = edition.version
    config.html_title = edition.title
    config.myst_substitutions = {
        **config.myst_substitutions,
        "title": edition.title,
        "subtitle": edition.subtitle,
        "author": author,
    }

    config.epub_basename = edition.basename
    config.epub_title = edition.title
    config.epub_author = author
    config.epub_publisher = edition.publisher or author
    config.epub_copyright = config.copyright or author
    config.epub_description = edition.description
    config.epub_identifier = edition.uid
    config.epub_scheme = "uuid"

    config.latex_documents = [
        (config.root_doc, f"{edition.basename}.tex", edition.title, author, "manual")
    ]
    config.latex_elements = {
        **config.latex_elements,
        "hyperref": pdf_metadata(edition),
        "maketitle": title_page(edition),
    }
    # The site's address, when known: canonical links and link previews need it.
    site = urlsplit(edition.url)
    config.notfound_urls_prefix = f"{site.path.rstrip('/')}/{language}/"
    config.ogp_site_name = edition.title
    if edition.url:
        config.html_baseurl = config.ogp_site_url = (
            edition.url.rstrip("/") + f"/{language}/")

    for note in missing_facts(facts):
        logger.info(f"book.toml: no {note}.", color="darkred")


def latex_escape(text: str) -> str:
    return re.sub(r"([&%$#_{}~^\\])", r"\\\1", text)


def pdf_metadata(edition: Edition) -> str:
    """hyperref, as Sphinx loads it, with the PDF's title, author, subject and language."""
    return rf"""
\usepackage[pdftitle={{{latex_escape(edition.title)}}},
  pdfauthor={{{latex_escape(edition.credited_author)}}},
  pdfsubject={{{latex_escape(edition.description)}}},
  pdflang={{{edition.language}}}]{{hyperref}}
\usepackage{{hypcap}}
"""


def title_page(edition: Edition) -> str:
    title, author = latex_escape(edition.title), latex_escape(edition.credited_author)
    subtitle = latex_escape(edition.subtitle)
    publisher = latex_escape(edition.publisher)
    if subtitle:
        subtitle = rf"\vspace{{1em}}{{\Large\itshape {subtitle}\par}}"
    return rf"""
\begin{{titlepage}}
  \centering
  \vspace*{{0.22\textheight}}
  {{\Huge\bfseries {title}\par}}
  {subtitle}
  \vspace{{2.5em}}
  {{\Large {author}\par}}
  \vfill
  {{\small {publisher}\par}}
\end{{titlepage}}
"""


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("book", None, "env", types=frozenset({Edition, type(None)}))
    app.connect("config-inited", apply_facts, priority=100)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
