"""What an EPUB says of itself, read back from its files: its reading order, cover page,
title page, series, stylesheets and meta tags (for the tests of every built e-book)."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
# The files of an EPUB its manifest does not list.
UNLISTED = {"mimetype", "META-INF/container.xml", "content.opf"}


def epubs_of(site: Path) -> list[Path]:
    """A site's EPUBs; the Kobo editions, EPUBs too, are tests/test_ereaders.py's."""
    return sorted(p for p in site.glob("downloads/*/*.epub") if not p.name.endswith(".kepub.epub"))


class Epub:
    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.files = {name: z.read(name) for name in z.namelist()}
        self.opf = ElementTree.fromstring(self.files["content.opf"])
        self.manifest = {i.get("id"): i.get("href") for i in self.opf.iter(f"{OPF}item")}

    @property
    def title(self) -> str:
        return self.opf.findtext(f"{OPF}metadata/{DC}title") or ""

    def spine(self) -> list[tuple[str, str]]:
        """(document, linear) in reading order."""
        return [
            (self.manifest[ref.get("idref")], ref.get("linear", "yes"))
            for ref in self.opf.iter(f"{OPF}itemref")
        ]

    def guide(self) -> dict[str, str]:
        return {r.get("type"): r.get("href") for r in self.opf.iter(f"{OPF}reference")}

    def landmarks(self) -> dict[str, str]:
        nav = self.page("nav.xhtml").select_one('nav[epub\\:type="landmarks"]')
        return {a["epub:type"]: a["href"] for a in nav.select("a")} if nav else {}

    def page(self, name: str) -> BeautifulSoup:
        return BeautifulSoup(self.files[name], "html.parser")

    def documents(self) -> list[str]:
        return sorted(name for name in self.files if name.endswith(".xhtml"))

    def series(self) -> dict[str, str]:
        """The EPUB 3 collection (its name, type and position) and calibre's series tags."""
        metas = list(self.opf.iter(f"{OPF}meta"))
        found = {
            m.get("name"): m.get("content")
            for m in metas
            if m.get("name", "").startswith("calibre:")
        }
        for collection in (m for m in metas if m.get("property") == "belongs-to-collection"):
            found["collection"] = collection.text or ""
            for m in metas:
                if m.get("refines") == f"#{collection.get('id')}":
                    found[m.get("property")] = m.text or ""
        return found

    def linked_stylesheets(self) -> set[str]:
        linked = set()
        for name in self.documents():
            for link in self.page(name).select('link[rel="stylesheet"]'):
                linked.add(
                    posixpath.normpath(posixpath.join(posixpath.dirname(name), link["href"]))
                )
        return linked

    def stylesheets(self) -> set[str]:
        return {name for name in self.files if name.endswith(".css")}

    def viewports(self) -> dict[str, int]:
        """Each content document's count of viewport tags."""
        return {
            name: len(self.page(name).select('meta[name="viewport"]'))
            for name in self.documents()
            if name != "nav.xhtml"
        }
