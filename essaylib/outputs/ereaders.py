"""The Kindle and Kobo editions of an e-book, both made from its finished EPUB.

- Kindle: an AZW3 (KF8), made by calibre's ``ebook-convert``. calibre runs without a
  network (a network namespace of its own when the system allows one, a proxy that
  leads nowhere in any case), with a HOME and configuration folder of its own in the
  build folder (no user plugin, no preference of the machine's), within a time limit.
  It keeps the EPUB's identifier: calibre adds a random UUID of its own to every
  conversion and writes it as the book's ASIN; given the EPUB's UUID in an OPF
  (``--from-opf``) it writes that one instead. Its run's date in the Palm database
  header and the MOBI header's random ID are set from the build's date and the
  identifier (see reproducible), and Python's hash seed is fixed. calibre 6.13's book
  manifest is a set of objects hashed by their address, and the KF8 writer numbers the
  stylesheets (kindle:flow:N) in that set's order. With address-space randomisation the
  order changed from run to run; without it (setarch, fixed_addresses) it is the same
  for the same run of calibre, but the addresses still follow what calibre was given (a
  whole build and a language's alone gave two orders): calibre 6.13 is not byte for byte
  reproducible. Two conversions hold the same metadata and text; the edition is made
  again only when its EPUB changed (publish.Publisher.editions), so the published file
  does not move otherwise.
- Kobo: a KEPUB, the EPUB with Kobo's markup: each sentence of the text in a
  ``<span class="koboSpan" id="kobo.P.S">`` (paragraph P, sentence S; Kobo's reader
  keeps highlights, notes and the reading position by them) and the body's content in
  the ``book-columns``/``book-inner`` divs its reader lays out, as kepubify writes
  them. Our own few lines, not the ``standardebooks`` package (why: at "Kobo" below).
"""

from __future__ import annotations

import functools
import os
import platform
import re
import struct
import subprocess
import uuid
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from lxml import etree

KINDLE = "azw3"
KOBO = "kepub.epub"
# A conversion that has not finished by then is stuck (the largest e-book takes a few
# seconds).
CALIBRE_TIME_LIMIT = 300
OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "http://www.w3.org/1999/xhtml"


class ConversionFailed(Exception):
    """An edition could not be made; the message names the e-book and what was said."""


# -- Kindle ---------------------------------------------------------------------------


def package_path(book: zipfile.ZipFile) -> str:
    """Where the EPUB's package document (the OPF) is, as its container says."""
    container = ElementTree.fromstring(book.read("META-INF/container.xml"))
    rootfile = next(e for e in container.iter() if e.tag.endswith("rootfile"))
    return rootfile.attrib["full-path"]


def epub_identifier(epub: Path) -> str:
    """The EPUB's unique identifier (the package's unique-identifier)."""
    with zipfile.ZipFile(epub) as book:
        package = ElementTree.fromstring(book.read(package_path(book)))
    unique = package.get("unique-identifier")
    for element in package.iter("{http://purl.org/dc/elements/1.1/}identifier"):
        if element.get("id") == unique and element.text:
            return element.text.strip()
    raise ConversionFailed(f"{epub} has no unique identifier")


def identifier_opf(identifier: str) -> str:
    """What calibre is told of the book besides the EPUB: only its UUID, which calibre
    would otherwise invent (it writes its own as the Kindle's ASIN)."""
    value = identifier.removeprefix("urn:uuid:")
    uuid.UUID(value)  # a UUID, or ValueError: nothing else goes into the OPF
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="2.0" '
        'unique-identifier="uuid_id">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:opf="http://www.idpf.org/2007/opf">\n'
        f'<dc:identifier opf:scheme="uuid" id="uuid_id">{value}</dc:identifier>\n'
        "</metadata>\n</package>\n"
    )


@functools.cache
def network_namespace() -> list[str]:
    """The command that runs a program without a network (a user namespace of its own,
    no root needed), or nothing where the system does not allow one: the dead proxy of
    calibre_environment still stands."""
    try:
        run = subprocess.run(["unshare", "--net", "--map-root-user", "true"], capture_output=True)
    except OSError:
        return []
    return ["unshare", "--net", "--map-root-user"] if run.returncode == 0 else []


@functools.cache
def fixed_addresses() -> list[str]:
    """The command that runs a program with its memory at the same addresses each run
    (no address-space randomisation), where the system allows it: calibre orders the
    book's stylesheets by their objects' addresses, so only then are two conversions of
    one EPUB the same bytes."""
    command = ["setarch", platform.machine(), "--addr-no-randomize"]
    try:
        run = subprocess.run([*command, "true"], capture_output=True)
    except OSError:
        return []
    return command if run.returncode == 0 else []


def calibre_environment(home: Path) -> dict[str, str]:
    """calibre's environment: its own HOME and configuration (no plugin of the machine's
    user), no display, a fixed hash seed (calibre's output follows the order of its
    sets), and every proxy leading to a closed port. Its temporary folder is made."""
    (home / "tmp").mkdir(parents=True, exist_ok=True)
    keep = ("PATH", "LANG", "LC_ALL", "SOURCE_DATE_EPOCH", "TZ")
    nowhere = "http://127.0.0.1:9"
    return {
        **{name: os.environ[name] for name in keep if name in os.environ},
        "HOME": str(home),
        "CALIBRE_CONFIG_DIRECTORY": str(home / "config"),
        "CALIBRE_TEMP_DIR": str(home / "tmp"),
        "TMPDIR": str(home / "tmp"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONHASHSEED": "0",
        **{name: nowhere for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")},
    }


def kindle(epub: Path, out: Path, home: Path, epoch: str | None) -> None:
    """The AZW3 of an EPUB, by calibre, into out (ConversionFailed naming the e-book)."""
    epub, out, home = epub.resolve(), out.resolve(), home.resolve()  # calibre runs in home
    identifier = epub_identifier(epub)
    home.mkdir(parents=True, exist_ok=True)
    opf = home / f"{out.stem}.identifier.opf"
    opf.write_text(identifier_opf(identifier), encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f"{out.stem}.new{out.suffix}")  # calibre wants the suffix
    command = [
        *network_namespace(),
        *fixed_addresses(),
        "ebook-convert",
        str(epub),
        str(partial),
        "--from-opf",
        str(opf),
        "--no-inline-toc",  # the EPUB has its own contents page
        "--dont-compress",  # a little larger, read faster; and the same bytes each time
    ]
    try:
        run = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=calibre_environment(home),
            cwd=home,
            timeout=CALIBRE_TIME_LIMIT,
        )
    except subprocess.TimeoutExpired:
        raise ConversionFailed(
            f"{epub.name}: calibre did not finish its Kindle edition in {CALIBRE_TIME_LIMIT} s"
        ) from None
    except FileNotFoundError:
        raise ConversionFailed(
            f"{epub.name}: calibre's ebook-convert is not installed (apt-get install calibre)"
        ) from None
    if run.returncode or not partial.is_file():
        said = "\n".join((run.stdout + run.stderr).strip().splitlines()[-15:])
        raise ConversionFailed(f"{epub.name}: calibre could not make its Kindle edition:\n{said}")
    partial.write_bytes(reproducible(partial.read_bytes(), identifier, epoch))
    partial.replace(out)


# Palm database header: a name of 32 bytes, attributes and version (2 + 2), then the
# creation and modification dates (4 + 4), which calibre sets to the time of the run;
# the first record's offset is at 78. In that record, the MOBI header's "unique ID"
# (offset 32) is random (random.randint in calibre's writer8/mobi.py).
PDB_DATES = 36
PDB_FIRST_RECORD = 78
MOBI_UNIQUE_ID = 32


def reproducible(azw3: bytes, identifier: str, epoch: str | None) -> bytes:
    """calibre's AZW3 with its run's date and its random ID replaced: the build's date
    (SOURCE_DATE_EPOCH; left as calibre wrote it without one) and the first four bytes
    of the identifier's UUID, so that the Kindle edition of one EPUB is always the same
    file."""
    data = bytearray(azw3)
    if epoch is not None:
        data[PDB_DATES : PDB_DATES + 8] = struct.pack(">II", int(epoch), int(epoch))
    (record0,) = struct.unpack(">I", data[PDB_FIRST_RECORD : PDB_FIRST_RECORD + 4])
    if data[record0 + 16 : record0 + 20] != b"MOBI":
        raise ConversionFailed("calibre's AZW3 has no MOBI header where it should be")
    at = record0 + MOBI_UNIQUE_ID
    data[at : at + 4] = uuid.UUID(identifier.removeprefix("urn:uuid:")).bytes[:4]
    return bytes(data)


# -- Kobo -----------------------------------------------------------------------------
#
# Why not the standardebooks package (4.1.0), whose `se build --kobo` does this: its
# module (se/vendor/kobo_touch_extended/kobo.py) is not a library call but part of its
# toolchain, with its counters in module globals, and the package pins 25 packages
# exactly, among them lxml, pillow and regex at other versions than ours, and selenium,
# gitpython and cairosvg, which the build has no use for. What Kobo needs is small.

# Where a sentence ends: its closing punctuation, any closing quotes or brackets, and
# the spaces after it (which stay in the sentence's span, as in Kobo's own KEPUBs).
SENTENCE_END = re.compile(r"([.!?:…]+[\"'”’»)\]]*\s+)")
# Elements whose text is not running text: left as they are.
UNTOUCHED = {"script", "style", "svg", "math", "textarea", "title", "head"}
# Elements that start a new paragraph of Kobo's numbering.
BLOCKS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption",
    "figcaption", "blockquote", "pre", "div", "section", "aside", "nav", "header",
    "footer", "table", "ul", "ol", "dl", "figure", "body",
}  # fmt: skip


def sentences(text: str) -> list[str]:
    """A text cut after each sentence; joined again, the pieces are the text."""
    parts = SENTENCE_END.split(text)
    pieces = [a + b for a, b in zip(parts[0::2], [*parts[1::2], ""], strict=True)]
    return [p for p in pieces if p]


class Spans:
    """Kobo's numbering of one document: kobo.<paragraph>.<sentence>, each id once."""

    def __init__(self) -> None:
        self.paragraph = 0
        self.sentence = 0

    def next_paragraph(self) -> None:
        self.paragraph += 1
        self.sentence = 0

    def wrap(self, text: str) -> tuple[str, list[etree._Element]]:
        """A text as its leading spaces and a span for each sentence."""
        stripped = text.lstrip()
        lead = text[: len(text) - len(stripped)]
        spans = []
        for piece in sentences(stripped):
            self.sentence += 1
            span = etree.Element(
                f"{{{XHTML}}}span",
                {"class": "koboSpan", "id": f"kobo.{self.paragraph}.{self.sentence}"},
            )
            span.text = piece
            spans.append(span)
        return lead, spans


def local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def add_spans(element: etree._Element, spans: Spans) -> None:
    """Every running text inside element, each sentence in a koboSpan."""
    name = local(element.tag)
    if name in UNTOUCHED or "koboSpan" in (element.get("class") or "").split():
        return
    if name in BLOCKS:
        spans.next_paragraph()
    children = list(element)
    if element.text and element.text.strip():
        element.text, made = spans.wrap(element.text)
        for at, span in enumerate(made):
            element.insert(at, span)
    for child in children:
        if not isinstance(child.tag, str):  # a comment or processing instruction
            continue
        add_spans(child, spans)
        if local(child.tag) in BLOCKS:
            spans.next_paragraph()  # the text after a block is a paragraph of its own
        if child.tail and child.tail.strip():
            child.tail, made = spans.wrap(child.tail)
            at = element.index(child) + 1
            for offset, span in enumerate(made):
                element.insert(at + offset, span)


def kobo_document(data: bytes) -> bytes:
    """One XHTML document of the EPUB, in Kobo's markup: the body's content inside
    div#book-columns > div#book-inner, and each sentence in a koboSpan."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
    root = etree.fromstring(data, parser)
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return data
    columns = etree.Element(f"{{{XHTML}}}div", {"id": "book-columns"})
    inner = etree.SubElement(columns, f"{{{XHTML}}}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)  # with its tail
    body.append(columns)
    add_spans(inner, Spans())
    doctype = root.getroottree().docinfo.doctype or None
    return etree.tostring(root.getroottree(), encoding="utf-8", doctype=doctype) + b"\n"


def content_documents(book: zipfile.ZipFile) -> set[str]:
    """The XHTML documents of the spine (the navigation document is left as it is: it
    is the reader's menu, not the text)."""
    rootfile = package_path(book)
    package = ElementTree.fromstring(book.read(rootfile))
    folder = rootfile.rpartition("/")[0]
    items = {item.get("id"): item for item in package.iter(f"{OPF}item")}
    found = set()
    for ref in package.iter(f"{OPF}itemref"):
        item = items.get(ref.get("idref"))
        if item is None or item.get("media-type") != "application/xhtml+xml":
            continue
        if "nav" not in (item.get("properties") or "").split():
            found.add(f"{folder}/{item.get('href')}" if folder else str(item.get("href")))
    return found


def kobo(epub: Path, out: Path) -> None:
    """The KEPUB of an EPUB, into out: each of its files as it was (names, order, dates,
    the mimetype first and stored), its text documents in Kobo's markup."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".new")
    try:
        with zipfile.ZipFile(epub) as book, zipfile.ZipFile(partial, "w") as kepub:
            documents = content_documents(book)
            for info in book.infolist():
                data = book.read(info)
                if info.filename in documents:
                    data = kobo_document(data)
                copy = zipfile.ZipInfo(info.filename, info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                kepub.writestr(copy, data)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError) as err:
        partial.unlink(missing_ok=True)
        raise ConversionFailed(f"{epub.name}: its Kobo edition could not be made: {err}") from None
    partial.replace(out)
