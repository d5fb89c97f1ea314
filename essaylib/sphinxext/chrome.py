"""The page chrome in the page's language, escaped.

- Templates print ``{{ _("...") }}`` as it is (Sphinx's templates do not autoescape):
  the templates' gettext returns the translation HTML-escaped, as Markup, so a
  translated label is text wherever a theme puts it, in an attribute or between tags.
- furo writes a few labels in English outside ``_()`` (screen-reader labels, icon
  titles); they are translated in each page written, escaped the same way.
"""

from __future__ import annotations

import time
from pathlib import Path

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.compat import furo
from essaylib.i18n.words import FURO_FIXED_STRINGS, FURO_TOGGLE_NAVIGATION
from essaylib.sphinxext import WEBSITE_BUILDERS
from essaylib.text.escape import fill, html_text


def escaping_gettext(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None:
        return
    translator = app.translator

    def gettext(message: str) -> Markup:
        return html_text(translator.gettext(message))

    def ngettext(singular: str, plural: str, n: int) -> Markup:
        return html_text(translator.ngettext(singular, plural, n))

    environment.install_gettext_callables(gettext, ngettext, newstyle=False)


def note_start(app: Sphinx) -> None:
    # Pages newer than this were written by this build (with a margin for coarse file
    # clocks: translating a page twice changes nothing). Not Sphinx's html-page-context:
    # with parallel writing it is called in the processes that write the pages.
    setattr(app.builder, "book_started_ns", time.time_ns() - 2_000_000_000)  # noqa: B010


def translate_fixed_strings(app: Sphinx, exception: Exception | None) -> None:
    """furo's words outside _(), translated in the pages written by this build."""
    if exception or app.builder.name not in WEBSITE_BUILDERS:
        return
    words = {english: str(html_text(str(_(english)))) for english in FURO_FIXED_STRINGS}
    toggle = str(_(FURO_TOGGLE_NAVIGATION))

    def toggle_label(title: str) -> str:
        # The title is already escaped in the page; the translation is escaped here.
        return fill(str(html_text(toggle)), title=title)

    labels = furo.FixedLabels(
        {english: ours for english, ours in words.items() if ours != english},
        toggle_label if toggle != FURO_TOGGLE_NAVIGATION else None,
    )
    if not labels:
        return
    started = getattr(app.builder, "book_started_ns", 0)
    for page in Path(app.outdir).rglob("*.html"):
        if page.stat().st_mtime_ns < started:
            continue
        text = page.read_text(encoding="utf-8")
        new = labels.translated(text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", escaping_gettext)
    app.connect("builder-inited", note_start)
    app.connect("build-finished", translate_fixed_strings)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
