"""One book in several languages: what readers of a translation see.

- a notice on a page whose translation is unfinished (fuzzy and untranslated
  passages are shown in the original, never published half-done);
- the language switcher (furo has none) and ``<link rel="alternate" hreflang>``;
- the ``translation-status`` directive: per chapter and language, how much is done;
- the page chrome in the page's language, furo's few fixed English labels included;
- links in the text of the 404 page that work at any depth.

How much is translated is read from the catalogues in locales/ themselves.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import Any

import polib
from babel import Locale, UnknownLocaleError
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective
from uistrings import FURO_FIXED_STRINGS, FURO_TOGGLE_NAVIGATION

# The builders that make the website (the e-books hold one language and no chrome).
WEBSITE_BUILDERS = ("html", "dirhtml")


def catalogue_path(config: Any, language: str, docname: str) -> Path:
    return Path(config.book_locales, language, "LC_MESSAGES", f"{docname}.po")


@functools.cache
def _progress(path: Path, mtime: float) -> tuple[int, int]:
    entries = [e for e in polib.pofile(str(path)) if not e.obsolete]
    return sum(1 for e in entries if e.translated()), len(entries)


def progress(config: Any, language: str, docname: str) -> tuple[int, int]:
    """(translated, total) entries of a page's catalogue; fuzzy ones do not count."""
    path = catalogue_path(config, language, docname)
    if not path.exists():
        return 0, 1
    return _progress(path, path.stat().st_mtime)


def language_name(code: str) -> str:
    """The language named in itself: Nederlands, English, Deutsch."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError, UnknownLocaleError):  # e.g. a test's "xx"
        return code
    return name[:1].upper() + name[1:]


def is_translation(app: Sphinx) -> bool:
    return app.config.language != app.config.book.source_language


def add_notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_translation(app) or app.builder.name == "gettext":
        return
    done, total = progress(app.config, app.config.language, docname)
    if done == total:
        return
    notice = nodes.paragraph("", _("This page is not fully translated yet: some passages "
                                   "are shown in the original Dutch."),
                             classes=["translation-notice"])
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None:
        title = next(iter(section.findall(nodes.title)))
        section.insert(section.index(title) + 1, notice)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    """Links to this page in every language: the switcher and the hreflang alternates.
    The website's alone: an e-book holds one language."""
    if app.builder.name not in WEBSITE_BUILDERS:
        return
    book = app.config.book
    up = "../" * (pagename.count("/") + 1)
    if pagename == getattr(app.config, "notfound_pagename", None):
        # Served at any depth: from the site's root, as sphinx-notfound-page does.
        up = app.config.notfound_urls_prefix.removesuffix(f"{app.config.language}/")
    base = book.url.rstrip("/") + "/" if book.url else up
    languages = []
    for code in book.facts["languages"]:
        href = f"{code}/{pagename}{app.builder.out_suffix}"
        languages.append({"code": code, "name": language_name(code), "href": up + href,
                          "absolute": base + href, "current": code == app.config.language})
    context["book_languages"] = languages
    alternates = [(lang["code"], lang["absolute"]) for lang in languages]
    alternates.append(("x-default", alternates[0][1]))
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n    <link rel="alternate" hreflang="{code}" href="{href}">'
        for code, href in alternates)
    # The landing page, and pages that ask for it in their front matter, are described
    # by the book's own description rather than by their first lines (sphinxext-opengraph
    # keeps a description that is already there).
    meta = context.get("meta") or {}
    if book.description and (pagename == app.config.root_doc or "describe-as-book" in meta):
        context["meta"] = {**meta, "og:description": book.description}
        context["metatags"] += (f'\n    <meta name="description" '
                                f'content="{html.escape(book.description)}">')


class translation_status(nodes.General, nodes.Element):
    """Filled in once every page is read, in reading order."""


class TranslationStatus(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        for language in self.config.book.facts["languages"][1:]:
            for path in Path(self.config.book_locales, language).rglob("*.po"):
                self.env.note_dependency(str(path))
        return [translation_status()]


def reading_order(app: Sphinx) -> list[str]:
    env, order = app.env, []

    def walk(docname: str) -> None:
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(app.config.root_doc)
    return order


def status_table(app: Sphinx) -> nodes.table:
    languages = app.config.book.facts["languages"][1:]
    header = [_("Chapter"), *(language_name(code) for code in languages)]
    rows = []
    for docname in reading_order(app)[1:]:  # the landing page only repeats the title
        title = app.env.titles[docname].astext()
        cells = [title]
        for code in languages:
            done, total = progress(app.config, code, docname)
            cells.append(f"{100 * done // total} %")
        rows.append(cells)

    table = nodes.table(classes=["translation-status"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=3 if i == 0 else 1) for i in range(len(header))]

    def row(cells: list[str]) -> nodes.row:
        return nodes.row("", *(nodes.entry("", nodes.paragraph(text=c)) for c in cells))

    group += nodes.thead("", row(header))
    group += nodes.tbody("", *(row(r) for r in rows))
    return table


def fill_status(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(translation_status)):
        node.replace_self(status_table(app))


def resolve_locales(app: Sphinx, config: Any) -> None:
    config.book_locales = str(Path(app.confdir, config.book_locales))


def absolute_links_on_404(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The 404 page is served at any depth: sphinx-notfound-page makes the theme's links
    absolute, and this does the same for the links in its text."""
    if docname != getattr(app.config, "notfound_pagename", None):
        return
    prefix = app.config.notfound_urls_prefix or "/"
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri and not re.match(r"^([a-zA-Z][\w+.-]*:|/|#)", uri):
            ref["refuri"] = prefix + uri


def translate_fixed_strings(app: Sphinx, exception: Exception | None) -> None:
    """furo's few words outside _(): translated in the pages as written."""
    if exception or app.builder.name not in WEBSITE_BUILDERS:
        return
    pairs = [(s, str(_(s))) for s in FURO_FIXED_STRINGS if str(_(s)) != s]
    table = {f'{before}{s}{after}': f'{before}{html.escape(t)}{after}' for s, t in pairs
             for before, after in (('aria-label="', '"'), ("<title>", "</title>"))}
    toggle = str(_(FURO_TOGGLE_NAVIGATION))
    if not table and toggle == FURO_TOGGLE_NAVIGATION:
        return
    pattern = re.compile("|".join([*map(re.escape, table), r'aria-label="Toggle navigation of '
                                   r'([^"]*)"']))

    def translated(match: re.Match) -> str:
        if match.group() in table:
            return table[match.group()]
        return f'aria-label="{toggle.format(title=match.group(1))}"'

    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = pattern.sub(translated, text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("bookfacts")
    # The translators' catalogues (the sources), relative to conf.py.
    app.add_config_value("book_locales", "locales", "env", types=frozenset({str}))
    app.connect("config-inited", resolve_locales)
    app.add_node(translation_status)
    app.add_directive("translation-status", TranslationStatus)
    app.connect("doctree-resolved", add_notice)
    app.connect("doctree-resolved", fill_status)
    app.connect("doctree-resolved", absolute_links_on_404)
    app.connect("html-page-context", page_context, priority=400)  # before opengraph
    app.connect("build-finished", translate_fixed_strings)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
