"""The library's feeds, in each language's folder of the site:

- ``feed.atom``: an Atom feed (RFC 4287) of the essays, newest first, written by feedgen;
- ``opds.xml`` and ``opds-all.xml``: an OPDS 1.2 catalogue for e-reader apps, its
  navigation root and its acquisition feed (each e-book with its EPUB, PDF, Kindle and
  Kobo editions, their sizes, cover and thumbnail, its essay's date, its edition's date
  and its topics). feedgen allows only Atom's own link relations, not
  OPDS's acquisition and image relations, so these are written with ElementTree.

Links are absolute when book.toml has the site's ``url``, else relative to the feed.
Every date comes from the essays' front matter or the EPUBs (whose date is the build's
SOURCE_DATE_EPOCH): two builds give the same bytes.
"""

from __future__ import annotations

import datetime
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from feedgen.feed import FeedGenerator

from essaylib.model.facts import Edition
from essaylib.model.library import Ebook, Essay
from essaylib.model.paths import FEEDS

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/terms/"
OPDS_NS = "http://opds-spec.org/2010/catalog"
CATALOGUE = "application/atom+xml;profile=opds-catalog"
ACQUISITION = f"{CATALOGUE};kind=acquisition"
NAVIGATION = f"{CATALOGUE};kind=navigation"
# Each file of an e-book by its name's ending. AZW3 as calibre's content server (the
# OPDS server most e-reader apps are tried with) types it: application/vnd.amazon.ebook
# is registered for Amazon's formats at large, older MOBI files among them, and an app
# may name a file of that type .azw. KEPUB as Kobo's apps and kepubify type it.
MEDIA_TYPES = {
    "epub": "application/epub+zip",
    "pdf": "application/pdf",
    "azw3": "application/x-mobi8-ebook",
    "kepub.epub": "application/kepub+zip",
}


@dataclass(frozen=True)
class FeedSite:
    """One language of the site, as the feeds link to it."""

    edition: Edition
    essays: tuple[Essay, ...]
    ebooks: tuple[Ebook, ...]
    sizes: Mapping[str, int]  # {"downloads/<lang>/<file>": bytes}
    words: Callable[[str], str]  # the chrome's words in this language
    page_of: Callable[[str], str]  # docname -> its page, from the language's root
    # When each edition was made, by e-book uid: its EPUB's dcterms:modified (an app
    # tells a corrected edition by it); an e-book without one is dated by its essay.
    modified: Mapping[str, datetime.datetime] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return self.edition.language

    @property
    def base(self) -> str:
        """What links start with: the language's address, or nothing (relative)."""
        url = self.edition.facts.url
        return f"{url.rstrip('/')}/{self.language}/" if url else ""

    def updated(self) -> datetime.datetime:
        dates = [e.date for e in self.essays] or [datetime.date(1970, 1, 1)]
        return moment(max(dates))


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)


def atom_feed(site: FeedSite, title: str) -> bytes:
    edition = site.edition
    feed = FeedGenerator()
    feed.load_extension("dc", atom=True, rss=False)
    feed.id(f"urn:uuid:{uuid.uuid5(uuid.UUID(edition.facts.identifier), site.language)}")
    feed.title(f"{edition.title}: {title}")
    feed.subtitle(edition.description or edition.title)
    feed.author({"name": edition.credited_author})
    feed.language(site.language)
    feed.link(href=site.base + FEEDS["atom"], rel="self", type="application/atom+xml")
    feed.link(href=site.base + site.page_of("index"), rel="alternate", type="text/html")
    feed.updated(site.updated())
    feed.generator("essaylib")
    for essay in reversed(site.essays):  # feedgen puts each new entry first
        book = next(b for b in site.ebooks if b.root == essay.docname)
        entry = feed.add_entry()
        entry.id(book.uid)
        entry.title(essay.title)
        entry.summary(essay.summary)
        entry.link(
            href=site.base + site.page_of(essay.docname),
            rel="alternate",
            type="text/html",
            hreflang=site.language,
        )
        entry.published(moment(essay.date))
        entry.updated(moment(essay.date))
        entry.dc.dc_language(site.language)
    return feed.atom_str(pretty=True)


def _element(
    parent: ET.Element, tag: str, text: str | None = None, **attributes: str
) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _catalogue(site: FeedSite, title: str, name: str, kind: str) -> ET.Element:
    edition = site.edition
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": site.language})
    namespace = uuid.UUID(edition.facts.identifier)
    _element(feed, f"{{{ATOM_NS}}}id", f"urn:uuid:{uuid.uuid5(namespace, site.language + name)}")
    _element(feed, f"{{{ATOM_NS}}}title", title)
    _element(feed, f"{{{ATOM_NS}}}updated", site.updated().isoformat())
    author = _element(feed, f"{{{ATOM_NS}}}author")
    _element(author, f"{{{ATOM_NS}}}name", edition.credited_author)
    _element(feed, f"{{{ATOM_NS}}}link", rel="self", href=site.base + name, type=kind)
    _element(
        feed, f"{{{ATOM_NS}}}link", rel="start", href=site.base + FEEDS["opds"], type=NAVIGATION
    )
    return feed


def opds_root(site: FeedSite) -> bytes:
    """The navigation root: one way in, all e-books, newest first."""
    feed = _catalogue(site, site.edition.title, FEEDS["opds"], NAVIGATION)
    entry = _element(feed, f"{{{ATOM_NS}}}entry")
    everything = site.words("All essays")
    _element(entry, f"{{{ATOM_NS}}}title", everything)
    namespace = uuid.UUID(site.edition.facts.identifier)
    _element(
        entry,
        f"{{{ATOM_NS}}}id",
        f"urn:uuid:{uuid.uuid5(namespace, site.language + FEEDS['opds-all'])}",
    )
    _element(entry, f"{{{ATOM_NS}}}updated", site.updated().isoformat())
    _element(entry, f"{{{ATOM_NS}}}content", site.edition.description or everything, type="text")
    _element(
        entry,
        f"{{{ATOM_NS}}}link",
        rel="http://opds-spec.org/sort/new",
        href=site.base + FEEDS["opds-all"],
        type=ACQUISITION,
    )
    return _serialize(feed)


def opds_acquisition(site: FeedSite) -> bytes:
    """Every e-book of this language: the library's, then the essays', newest first."""
    feed = _catalogue(site, site.words("All essays"), FEEDS["opds-all"], ACQUISITION)
    _element(feed, f"{{{ATOM_NS}}}link", rel="up", href=site.base + FEEDS["opds"], type=NAVIGATION)
    for book in site.ebooks:
        entry = _element(feed, f"{{{ATOM_NS}}}entry")
        _element(entry, f"{{{ATOM_NS}}}title", book.title)
        _element(entry, f"{{{ATOM_NS}}}id", book.uid)
        published = moment(book.date or site.updated().date())
        updated = site.modified.get(book.uid, published)
        _element(entry, f"{{{ATOM_NS}}}updated", updated.isoformat())
        _element(entry, f"{{{ATOM_NS}}}published", published.isoformat())
        author = _element(entry, f"{{{ATOM_NS}}}author")
        _element(author, f"{{{ATOM_NS}}}name", site.edition.credited_author)
        _element(entry, f"{{{DC_NS}}}language", site.language)
        _element(entry, f"{{{DC_NS}}}identifier", book.uid)
        if book.date:
            _element(entry, f"{{{DC_NS}}}issued", book.date.isoformat())
        if book.description:
            _element(entry, f"{{{ATOM_NS}}}summary", book.description, type="text")
        for topic in topics_of(book, site.essays):  # ElementTree escapes each attribute
            _element(entry, f"{{{ATOM_NS}}}category", term=topic, label=topic)
        for kind, media_type in MEDIA_TYPES.items():
            path = f"downloads/{site.language}/{book.basename}.{kind}"
            link = {
                "rel": "http://opds-spec.org/acquisition",
                "type": media_type,
                "href": site.base + "../" + path
                if not site.base
                else site.base.rsplit("/", 2)[0] + "/" + path,
            }
            if size := site.sizes.get(path):
                link["length"] = str(size)
            _element(entry, f"{{{ATOM_NS}}}link", **link)
        folder = book.cover.removeprefix("cover-").removesuffix(".png")
        thumb = "thumb.png" if book.is_collection else f"thumb-{folder}.png"
        _element(
            entry,
            f"{{{ATOM_NS}}}link",
            rel="http://opds-spec.org/image",
            href=f"{site.base}_static/{book.cover}",
            type="image/png",
        )
        _element(
            entry,
            f"{{{ATOM_NS}}}link",
            rel="http://opds-spec.org/image/thumbnail",
            href=f"{site.base}_static/{thumb}",
            type="image/png",
        )
        _element(
            entry,
            f"{{{ATOM_NS}}}link",
            rel="alternate",
            type="text/html",
            href=site.base + site.page_of(book.root),
        )
    return _serialize(feed)


def topics_of(book: Ebook, essays: tuple[Essay, ...]) -> list[str]:
    """An e-book's topics: its essay's, or, for the library, every essay's, each once."""
    held = essays if book.is_collection else [e for e in essays if e.docname == book.root]
    return list(dict.fromkeys(topic for essay in held for topic in essay.topics))


def epub_modified(epub: Path) -> datetime.datetime:
    """When an EPUB was made, as it says itself (dcterms:modified in its package)."""
    with zipfile.ZipFile(epub) as book:
        container = ET.fromstring(book.read("META-INF/container.xml"))
        rootfile = next(e for e in container.iter() if e.tag.endswith("rootfile"))
        package = ET.fromstring(book.read(rootfile.attrib["full-path"]))
    for meta in package.iter("{http://www.idpf.org/2007/opf}meta"):
        if meta.get("property") == "dcterms:modified" and meta.text:
            return datetime.datetime.fromisoformat(meta.text.strip())
    raise ValueError(f"{epub} has no dcterms:modified")


def _serialize(feed: ET.Element) -> bytes:
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("dc", DC_NS)
    ET.register_namespace("opds", OPDS_NS)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feeds(folder: Path, site: FeedSite) -> list[Path]:
    """The Atom feed and the OPDS catalogue, into one language's folder of the site."""
    files = {
        FEEDS["atom"]: atom_feed(site, site.words("New essays")),
        FEEDS["opds"]: opds_root(site),
        FEEDS["opds-all"]: opds_acquisition(site),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return [folder / name for name in files]
