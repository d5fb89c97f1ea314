"""EPUB output: Sphinx's EPUB 3 builder, packing every e-book of the library from one
build (each essay, and the whole library when it holds more than one), with what
EPUBCheck, Ace by DAISY, e-reader apps and reproducible builds need, in one place.

The pages are written once; each e-book is then packed from its own pages (its
essay's, or every essay's), with its own cover, identifier, date and metadata, and
nothing else: no other book's pages or covers, and no placeholder metadata.
"""

from __future__ import annotations

import contextlib
import html
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.typing import ExtensionMetadata

from essaylib import TEMPLATES
from essaylib.compat import sphinx_builders
from essaylib.i18n.words import ACCESSIBILITY_SUMMARY, ACCESSIBILITY_SUMMARY_PICTURES
from essaylib.model.library import Ebook
from essaylib.model.manifest import digest
from essaylib.sphinxext.credits import credit_of
from essaylib.sphinxext.crosslinks import outside_links
from essaylib.sphinxext.pages import website_only


def accessibility(pictures: bool) -> list[tuple[str, str]]:
    """What a reader with assistive technology needs to know before opening the book
    (EPUB Accessibility 1.1; schema.org accessibility properties), from what it holds:
    text, and pictures, each described in words (the authoring check wants a
    description for every picture)."""
    modes = [("schema:accessMode", "textual")]
    if pictures:
        modes += [
            ("schema:accessMode", "visual"),
            ("schema:accessModeSufficient", "textual,visual"),
        ]
    modes.append(("schema:accessModeSufficient", "textual"))
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    features += ["alternativeText"] if pictures else []
    features.append("displayTransformability")
    return [
        *modes,
        *(("schema:accessibilityFeature", feature) for feature in features),
        ("schema:accessibilityHazard", "none"),
        ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"),
    ]


ZIP_EPOCH = 315532800  # 1980-01-01: zip files know no earlier time
OPF = "http://www.idpf.org/2007/opf"
DC = "http://purl.org/dc/elements/1.1/"
# The settings that differ from one e-book to the next.
PER_BOOK = (
    "root_doc",
    "master_doc",
    "epub_basename",
    "epub_title",
    "epub_identifier",
    "epub_description",
    "epub_cover",
    "epub_exclude_files",
    "epub_guide",
)
# Sphinx's own icons, for its search page and collapsible lists: no e-book uses them.
SPHINX_ICONS = ("_static/file.png", "_static/minus.png", "_static/plus.png")
# The website's pictures of every book: each e-book takes only its own cover.
BOOK_IMAGES = re.compile(r"_static/(cover|thumb|card)[-.].*|_static/social-card\.png")
# The cover page, first in the reading order: Sphinx writes it from this template.
COVER_TEMPLATE = "book-cover.html"
EPUB_TEMPLATES = TEMPLATES / "epub"
# The whole library's title page, after its cover.
TITLE_PAGE = "epub-titlepage"
STYLESHEET_LINK = re.compile(r'<link rel="stylesheet"[^>]* href="([^"]+\.css)"')


class BookEpubBuilder(Epub3Builder):
    def init(self) -> None:
        super().init()
        # Every content document says its language (Ace: html-has-lang).
        self.html_tag = sphinx_builders.html_tag_with_language(self.config.epub_language)
        # The contents page in the book's language (Sphinx names it in English): its
        # title and heading in nav.xhtml (Sphinx escapes it there; its guide entry, see
        # build_content).
        self.guide_titles = {**self.guide_titles, "toc": str(_("Contents"))}

    def get_outdated_docs(self) -> Iterator[str]:
        # An e-book is written whole, as the PDF is: its pages may have been read again
        # (a catalogue, translators.toml) by the LaTeX builder that shares its doctrees.
        yield from self.env.found_docs

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        # Sphinx puts the XML id (epub_uid) into toc.ncx where the identifier
        # itself belongs; EPUBCheck reports NCX-001 when they differ.
        metadata = super().toc_metadata(level, navpoints)
        return sphinx_builders.ncx_metadata_with_identifier(metadata, self.config.epub_identifier)

    def copy_static_files(self) -> None:
        super().copy_static_files()
        # The theme's search-page icon: an e-book has no search page, and the icon is
        # left out of it (EPUBCheck: a stylesheet may not point at a missing file).
        css = Path(self.outdir, "_static", "epub.css")
        if css.exists():
            self.edit("_static/epub.css", sphinx_builders.without_search_icon)

    def handle_finish(self) -> None:
        for book in self.config.book_library.ebooks:
            with self.packing(book):
                super().handle_finish()

    def pages_of(self, root: str) -> set[str]:
        """A book's pages: its first page and every page its contents lead to."""
        found, todo = set(), [root]
        while todo:
            docname = todo.pop()
            if docname not in found:
                found.add(docname)
                todo += self.env.toctree_includes.get(docname, [])
        return found

    @contextlib.contextmanager
    def packing(self, book: Ebook) -> Iterator[None]:
        """Sphinx's settings for packing one e-book, put back afterwards."""
        config = self.config
        saved = {name: getattr(config, name) for name in PER_BOOK}
        pages = self.pages_of(book.root)
        if book.is_collection:
            # Only the essays translated in full go into a translation's e-book.
            pages -= self.config.book_library.left_out
            if len(pages) > 1:
                # The root is the website's home: its list of essays is what the
                # e-reader's own contents already shows.
                pages.discard(book.root)
        self.book_pages = pages
        outside = [d + self.out_suffix for d in self.env.found_docs - pages]
        # The pictures of its own pages, and no other book's.
        pictures = {
            f"{self.imagedir}/{name}": bool(docnames & pages)
            for docnames, name in self.env.images.values()
        }
        self.book_pictures = any(pictures.values())
        images = [
            p.relative_to(self.outdir).as_posix()
            for p in Path(self.outdir, "_static").glob("*.png")
        ]
        cover = f"_static/{book.cover}"
        config.root_doc = config.master_doc = book.root
        config.epub_basename = book.basename
        config.epub_title = book.title
        config.epub_identifier = book.uid
        config.epub_description = book.description
        config.epub_cover = (cover, COVER_TEMPLATE)
        config.epub_exclude_files = [
            *saved["epub_exclude_files"],
            *outside,
            # Every EPUB already here (this language's others, or one of a book since
            # renamed): a book never packs another.
            *(epub.name for epub in Path(self.outdir).glob("*.epub")),
            *SPHINX_ICONS,
            *(image for image in images if BOOK_IMAGES.match(image) and image != cover),
            *(picture for picture, shown in pictures.items() if not shown),
            *self.unused_stylesheets(pages),
            # Sphinx adds its cover page itself (found on disk, from the book packed
            # before, it would stand in the reading order twice).
            self.coverpage_name,
            *([] if book.is_collection else [TITLE_PAGE + self.out_suffix]),
        ]
        self.book = book
        # Sphinx numbers the contents' entries across the books of one build.
        sphinx_builders.restart_ncx_numbering(self)
        originals = self.link_outside(pages)
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(config, name, value)
            for path, text in originals.items():
                path.write_text(text, encoding="utf-8")

    def unused_stylesheets(self, pages: set[str]) -> list[str]:
        """The theme's stylesheets no page of the book links: basic.css always (the
        epub theme's own stylesheet holds what it needs), pygments.css in a book
        without code (essaylib.sphinxext.weight)."""
        linked = set()
        for page in pages - website_only(self.env):
            text = Path(self.outdir, page + self.out_suffix).read_text(encoding="utf-8")
            folder = posixpath.dirname(page)
            linked |= {
                posixpath.normpath(posixpath.join(folder, href))
                for href in STYLESHEET_LINK.findall(text)
            }
        stylesheets = Path(self.outdir, "_static").glob("*.css")
        names = (p.relative_to(self.outdir).as_posix() for p in stylesheets)
        return sorted(name for name in names if name not in linked)

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        # One viewport tag a page: the layout writes it (docutils' own is left out).
        metatags = sphinx_builders.without_docutils_viewport(metatags)
        return super().get_doc_context(docname, body, metatags)

    def handle_page(self, pagename: str, addctx: dict[str, Any], *args: Any, **kw: Any) -> None:
        if pagename + self.out_suffix == self.coverpage_name:
            # Sphinx names the cover page after the project; it is the book's.
            addctx = {**addctx, "title": self.book.title}
        super().handle_page(pagename, addctx, *args, **kw)

    def write_title_page(self) -> None:
        """The whole library's title page: its title, subtitle, author, description and
        its essays, each a link to its first page."""
        edition = self.config.book
        essays = [
            (essay.docname + self.out_suffix, essay.title)
            for essay in self.config.book_library.essays
            if essay.docname in self.book_pages
        ]
        context = {
            "title": edition.title,
            "subtitle": edition.subtitle,
            "author": edition.facts.author,
            "description": edition.description,
            "contents": self.guide_titles["toc"],
            "essays": essays,
        }
        self.handle_page(TITLE_PAGE, context, "book-titlepage.html")

    def link_outside(self, pages: set[str]) -> dict[Path, str]:
        """Each of the book's pages with its links to pages the book lacks made links to
        the website, or plain text (essaylib.sphinxext.crosslinks); the pages as they
        were, to put back once the book is packed."""
        originals = {}
        for page in sorted(pages - website_only(self.env)):
            path = Path(self.outdir, page + self.out_suffix)
            text = path.read_text(encoding="utf-8")
            decided = outside_links(self.config, page, text, pages, self.out_suffix)
            if decided != text:
                originals[path] = text
                path.write_text(decided, encoding="utf-8")
        return originals

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        super().toc_add_files(refnodes)
        # The contents lead only to the book's own pages (see packing).
        files = {html.escape(page + self.out_suffix) for page in self.book_pages}
        refnodes[:] = [node for node in refnodes if node["refuri"].split("#")[0] in files]

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        # The website's own pages (status, downloads, 404) are not part of the e-book.
        if docname not in website_only(self.env):
            super().write_doc(docname, doctree)

    def build_content(self) -> None:
        # The guide's entry for the contents, given as epub_guide: Sphinx escapes those
        # (its own entry it writes as it is, fit only for its English words).
        # The cover's entry too, so that it is named by the book's title, not "Cover".
        first = html.unescape(self.refnodes[0]["refuri"]) if self.refnodes else None
        if first and not self.config.epub_guide:
            title_page = [("title-page", TITLE_PAGE + self.out_suffix, self.book.title)]
            self.config.epub_guide = (
                ("cover", self.coverpage_name, self.book.title),
                *(title_page if self.book.is_collection else []),
                ("toc", first, self.guide_titles["toc"]),
            )
        if self.book.is_collection:
            self.write_title_page()
        super().build_content()
        self.edit_metadata()

    def edit_metadata(self) -> None:
        """What Sphinx cannot say per book, and nothing it says without knowing: the
        book's date and collection, the accessibility metadata; no placeholders."""
        ET.register_namespace("", OPF)
        ET.register_namespace("dc", DC)
        path = Path(self.outdir, "content.opf")
        tree = ET.parse(path)
        metadata = tree.getroot().find(f"{{{OPF}}}metadata")
        assert metadata is not None
        facts = self.config.book.facts
        unknown = {
            "contributor": True,
            "creator": not facts.author,
            "publisher": not facts.publisher,
            "rights": not self.config.copyright,
        }
        for tag, drop in unknown.items():
            for element in metadata.findall(f"{{{DC}}}{tag}") if drop else []:
                metadata.remove(element)
        if self.book.date and (date := metadata.find(f"{{{DC}}}date")) is not None:
            date.text = self.book.date.isoformat()

        def meta(prop: str, value: str, **attributes: str) -> None:
            ET.SubElement(metadata, f"{{{OPF}}}meta", {"property": prop, **attributes}).text = value

        # The translators, as MARC relator "trl" (EPUB 3 metadata refinement).
        folder = None if self.book.is_collection else self.book.root.split("/")[0]
        for number, name in enumerate(credit_of(self.config, folder).names, start=1):
            contributor = ET.Element(f"{{{DC}}}contributor", {"id": f"translator-{number}"})
            contributor.text = name
            metadata.insert(0, contributor)
            meta("role", "trl", refines=f"#translator-{number}", scheme="marc:relators")
        if self.book.position is not None:
            # An essay is a number of the library's series (EPUB 3: Readium, Apple
            # Books, Kobo), and calibre's own tags say the same (EPUB 2 readers).
            series, position = self.config.book.title, str(self.book.position)
            meta("belongs-to-collection", series, id="c01")
            meta("collection-type", "series", refines="#c01")
            meta("group-position", position, refines="#c01")
            for name, value in (("calibre:series", series), ("calibre:series_index", position)):
                ET.SubElement(metadata, f"{{{OPF}}}meta", {"name": name, "content": value})
        for prop, value in accessibility(self.book_pictures):
            meta(prop, value)
        summary = ACCESSIBILITY_SUMMARY_PICTURES if self.book_pictures else ACCESSIBILITY_SUMMARY
        meta("schema:accessibilitySummary", str(_(summary)))
        if self.book.is_collection:
            self.title_page_after_cover(tree.getroot())
        ET.indent(tree)
        tree.write(path, encoding="utf-8", xml_declaration=True)

    def title_page_after_cover(self, package: ET.Element) -> None:
        """Sphinx puts a page none of the contents lead to at the end of the reading
        order, linear="no"; the title page belongs right after the cover."""
        spine = package.find(f"{{{OPF}}}spine")
        assert spine is not None
        idref = html.escape(self.make_id(TITLE_PAGE + self.out_suffix))
        [itemref] = [i for i in spine if i.get("idref") == idref]
        spine.remove(itemref)
        itemref.attrib.pop("linear", None)
        spine.insert(1, itemref)

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        # The table of contents announces itself as one (Ace: epub-type-has-matching-role).
        self.edit("nav.xhtml", sphinx_builders.with_toc_role)
        self.edit("nav.xhtml", lambda nav: nav.replace("  </body>", self.landmarks() + "  </body>"))

    def landmarks(self) -> str:
        """The navigation's landmarks (EPUB 3; the guide says the same to EPUB 2
        readers): where the cover, the title page and the text begin."""
        marks = [("cover", self.coverpage_name, self.book.title)]
        if self.book.is_collection:
            marks.append(("titlepage", TITLE_PAGE + self.out_suffix, self.book.title))
        if self.refnodes:
            first = self.refnodes[0]
            marks.append(
                ("bodymatter", html.unescape(first["refuri"]), html.unescape(first["text"]))
            )
        items = "".join(
            f'      <li><a epub:type="{kind}" href="{html.escape(href)}">'
            f"{html.escape(text)}</a></li>\n"
            for kind, href, text in marks
        )
        return (
            f'    <nav epub:type="landmarks" hidden="">\n    <ol>\n{items}    </ol>\n    </nav>\n'
        )

    def build_epub(self) -> None:
        """The book's EPUB, zipped again only when a file in it changed (in a library,
        a change to one essay leaves the other essays' EPUBs as they were)."""
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        packed = digest([Path(self.outdir, name) for name in names], epoch)
        epub = Path(self.outdir, f"{self.config.epub_basename}.epub")
        steps = self.config.book_paths.steps()
        step = f"{self.config.language}/epub-packed/{self.config.epub_basename}"
        if epub.exists() and not steps.changed(step, files=packed):
            return
        # A zip entry carries its file's time: with SOURCE_DATE_EPOCH set, give every
        # file that time, so that two builds of the same sources are byte-identical.
        if epoch:
            when = max(int(epoch), ZIP_EPOCH)
            for name in names:
                os.utime(Path(self.outdir, name), (when, when))
        super().build_epub()
        steps.record(step, files=packed)

    def edit(self, name: str, change: Callable[[str], str]) -> None:
        path = Path(self.outdir, name)
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def with_epub_templates(app: Sphinx, config: Config) -> None:
    # The cover page's and the title page's templates: names of their own, which no
    # theme has, so that the folder changes no other builder's pages.
    if str(EPUB_TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(EPUB_TEMPLATES)]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("essaylib.sphinxext.pages")
    app.connect("config-inited", with_epub_templates)
    app.setup_extension("essaylib.sphinxext.essays")
    app.setup_extension("essaylib.sphinxext.credits")
    app.add_builder(BookEpubBuilder, override=True)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
