"""One page in every language: the language switcher (furo has none) and
``<link rel="alternate" hreflang>`` for search engines; and the links to the
language's Atom feed and OPDS catalogue. The website's alone: an e-book holds one
language."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.i18n.words import CATALOGUE_TITLE, FEED_TITLE
from essaylib.model.facts import language_name
from essaylib.sphinxext import WEBSITE_BUILDERS, Context, Doctree, pages
from essaylib.text.escape import html_text


def page_context(app: Sphinx, page: str, template: str, context: Context, doctree: Doctree) -> None:
    if app.builder.name not in WEBSITE_BUILDERS or not isinstance(
        app.builder, StandaloneHTMLBuilder
    ):
        return
    book = app.config.book
    up = "../" * (page.count("/") + 1)
    if page == getattr(app.config, "notfound_pagename", None):
        # Served at any depth: from the site's root, as sphinx-notfound-page does.
        up = app.config.notfound_urls_prefix.removesuffix(f"{app.config.language}/")
    base = book.facts.url.rstrip("/") + "/" if book.facts.url else up
    languages = []
    essay = app.config.book_library.essay_of(page)
    for code in app.config.book_published:
        # A page of an essay not yet translated into a language: the switcher leads to
        # that language's home, and search engines hear of no alternate.
        other = app.config.book_libraries[code].essay_of(page) if essay else None
        exists = other is None or not other.untouched
        href = f"{code}/{page if exists else app.config.root_doc}{app.builder.out_suffix}"
        languages.append(
            {
                "code": code,
                "name": language_name(code),
                "href": up + href,
                "absolute": base + href,
                "current": code == app.config.language,
                "exists": exists,
            }
        )
    context["book_languages"] = languages
    context["book_pages"] = {role: pages.page(app.env, role) for role in pages.ROLES}
    alternates = [(lang["code"], lang["absolute"]) for lang in languages if lang["exists"]]
    alternates.append(("x-default", languages[0]["absolute"]))
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n    <link rel="alternate" hreflang="{html_text(code)}" href="{html_text(href)}">'
        for code, href in alternates
    )
    # The language's feed and e-reader catalogue, for feed readers and e-reader apps.
    feeds = app.config.book_feeds
    here = f"{base}{app.config.language}/"
    for rel, kind, media_type, title in (
        ("alternate", "atom", "application/atom+xml", FEED_TITLE),
        ("related", "opds", "application/atom+xml;profile=opds-catalog", CATALOGUE_TITLE),
    ):
        href = feeds[kind]["absolute"] or here + feeds[kind]["path"]
        context["metatags"] += (
            f'\n    <link rel="{rel}" type="{media_type}" '
            f'href="{html_text(href)}" title="{html_text(_(title))}">'
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.bookfacts")
    app.setup_extension("essaylib.sphinxext.pages")
    app.setup_extension("essaylib.sphinxext.essays")
    app.connect("html-page-context", page_context, priority=400)  # before opengraph
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
