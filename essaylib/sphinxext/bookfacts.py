"""The book's facts (book.toml) turned into Sphinx settings for one language.

``-D language=xx`` is applied after conf.py runs, so conf.py cannot choose the
title per language; ``config-inited`` is the first moment the language is
known, and every per-language setting is derived here, in one place. Each fact
is escaped for the place it lands: LaTeX for the PDF, HTML for the pages.

The ``{book}`` role puts a fact into the text, as text: ``# {book}`title```.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.words import ANONYMOUS
from essaylib.model.facts import TRANSLATED_FACTS, Edition, FactsError, build_date, load_edition
from essaylib.model.paths import BuildPaths
from essaylib.sphinxext import Context, Doctree
from essaylib.text.escape import html_text

logger = logging.getLogger(__name__)
# The facts the {book} role may put into the text.
ROLE_FACTS = (*TRANSLATED_FACTS, "author")


def apply_facts(app: Sphinx, config: Config) -> None:
    config.book_paths = paths = BuildPaths.of(app.confdir)
    try:
        edition = load_edition(
            app.confdir, config.language, paths.compiled_locales, str(_(ANONYMOUS))
        )
    except FactsError as err:
        raise ConfigError(str(err)) from None
    config.book = edition
    language = edition.language

    author = edition.credited_author
    config.project = edition.title
    config.author = author
    facts = edition.facts
    config.copyright = f"{build_date().year}, {facts.author}" if facts.author else ""
    config.version = config.release = facts.version
    config.html_title = edition.title

    # Sphinx escapes these for the EPUB's XML itself.
    config.epub_title = edition.title
    config.epub_author = author
    config.epub_publisher = facts.publisher or author
    config.epub_copyright = config.copyright or author
    config.epub_description = edition.description
    config.epub_identifier = edition.uid
    config.epub_scheme = "uuid"

    # The site's address, when known: canonical links and link previews need it.
    site = urlsplit(facts.url)
    config.notfound_urls_prefix = f"{site.path.rstrip('/')}/{language}/"
    config.ogp_site_name = edition.title
    if facts.url:
        config.html_baseurl = config.ogp_site_url = facts.url.rstrip("/") + f"/{language}/"

    for note in facts.missing():
        logger.info(f"book.toml: no {note}.", color="darkred")


def book_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{book}`title```: the fact, in the page's language, as plain text."""
    if text not in ROLE_FACTS:
        message = inliner.reporter.error(
            f"{{book}} knows {', '.join(ROLE_FACTS)}, not {text!r}", line=lineno
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    edition: Edition = inliner.document.settings.env.config.book
    value = edition.credited_author if text == "author" else getattr(edition, text)
    return [nodes.Text(value)], []


def escape_for_templates(
    app: Sphinx, page: str, template: str, context: Context, doctree: Doctree
) -> None:
    """Themes print these as they are (furo's sidebar brand, search page title): they
    reach the templates already escaped, as Markup, so that ``|e`` keeps them once."""
    for key in ("docstitle", "project", "copyright", "shorttitle"):
        if isinstance(context.get(key), str) and not isinstance(context[key], Markup):
            context[key] = html_text(context[key])


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("book", None, "env", types=frozenset({Edition, type(None)}))
    # Where this build writes (set from conf.py's folder and the build folder).
    app.add_config_value("book_paths", None, "", types=frozenset({BuildPaths, type(None)}))
    app.connect("config-inited", apply_facts, priority=100)
    app.connect("html-page-context", escape_for_templates, priority=100)
    app.add_role("book", book_role)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
