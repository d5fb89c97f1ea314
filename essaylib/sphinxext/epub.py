"""EPUB output: Sphinx's EPUB 3 builder with what EPUBCheck, Ace by DAISY and
reproducible builds need, in one place."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib.chrome import ACCESSIBILITY_SUMMARY
from essaylib.sphinxext.pages import website_only

# What a reader with assistive technology needs to know before opening the book
# (EPUB Accessibility 1.1; schema.org accessibility properties).
ACCESSIBILITY = [
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityHazard", "none"),
    ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
]


ZIP_EPOCH = 315532800  # 1980-01-01: zip files know no earlier time


class BookEpubBuilder(Epub3Builder):
    def init(self) -> None:
        super().init()
        # Every content document says its language (Ace: html-has-lang).
        lang = html.escape(self.config.epub_language)
        self.html_tag = HTML_TAG[:-1] + f' lang="{lang}" xml:lang="{lang}">'

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        # Sphinx puts the XML id (epub_uid) into toc.ncx where the identifier
        # itself belongs; EPUBCheck reports NCX-001 when they differ.
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = self.config.epub_identifier
        return metadata

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        # The root page is the website's landing page: in the e-book its title would
        # stand twice at the top of the contents, and its list of essays is what the
        # e-reader's own contents already shows. It is left out, unless it is the
        # whole book.
        super().toc_add_files(refnodes)
        root = html.escape(self.config.root_doc + self.out_suffix)
        rest = [node for node in refnodes if node["refuri"] != root]
        if rest:
            refnodes[:] = rest
            Path(self.outdir, root).unlink(missing_ok=True)  # not packed into the book

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        # The website's own pages (status, downloads, 404) are not part of the e-book.
        if docname not in website_only(self.env):
            super().write_doc(docname, doctree)

    def build_content(self) -> None:
        super().build_content()
        summary = _(ACCESSIBILITY_SUMMARY)
        metas = [*ACCESSIBILITY, ("schema:accessibilitySummary", str(summary))]
        lines = "".join(
            f'\n    <meta property="{prop}">{html.escape(value)}</meta>' for prop, value in metas
        )
        self.edit(
            "content.opf", lambda opf: opf.replace("\n  </metadata>", lines + "\n  </metadata>", 1)
        )

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        # The table of contents announces itself as one (Ace: epub-type-has-matching-role).
        self.edit(
            "nav.xhtml",
            lambda nav: re.sub(
                r'<nav epub:type="toc"(?! role)', '<nav epub:type="toc" role="doc-toc"', nav
            ),
        )

    def build_epub(self) -> None:
        # A zip entry carries its file's time: with SOURCE_DATE_EPOCH set, give every
        # file that time, so that two builds of the same sources are byte-identical.
        if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
            stamp = max(int(epoch), ZIP_EPOCH)
            for path in Path(self.outdir).rglob("*"):
                os.utime(path, (stamp, stamp))
        super().build_epub()

    def edit(self, name: str, change: Callable[[str], str]) -> None:
        path = Path(self.outdir, name)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.pages")
    app.add_builder(BookEpubBuilder, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
