"""make serve: the live preview rebuilds a saved chapter in its process and tells the
browser to reload (sphinx-autobuild's websocket); a translator's catalogue edit shows
the same way; a broken catalogue keeps the last good pages and says what is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from conftest import copy_book

from essaylib.outputs.preview import HUNG, Session

pytestmark = pytest.mark.slow


@pytest.fixture
def preview(tmp_path) -> Iterator[tuple[Path, Session]]:
    book = copy_book(tmp_path / "book")
    running = Session(book, "de", {"SOURCE_DATE_EPOCH": "1764100000"})
    yield book, running
    running.stop()


def test_a_saved_chapter_and_a_catalogue_edit_reach_the_browser(preview):
    book, running = preview
    [chapter] = book.glob("docs/*/inleiding.md")
    page = f"{chapter.parent.name}/inleiding.html"
    assert "websocket-reload" in running.page(page)  # the page reloads by itself
    text = chapter.read_text(encoding="utf-8")
    seconds = running.saved(chapter, text + "\nEin neuer Absatz des Originals.\n")
    assert "Ein neuer Absatz des Originals." in running.page(page)
    assert "preview: de built in" in running.wait_for("preview: de built in")
    print(f"\npreview: a saved chapter reloads after {seconds * 1000:.0f} ms")

    [catalogue] = book.glob(f"locales/de/LC_MESSAGES/{chapter.parent.name}/inleiding.po")
    entries = polib.pofile(str(catalogue))
    entry = next(e for e in entries if e.msgstr and not e.msgid.startswith("#"))
    old = entry.msgstr
    entry.msgstr = "Ein ganz anderer erster Satz."
    running.saved(catalogue, entries.__unicode__())
    shown = running.page(page)
    assert "Ein ganz anderer erster Satz." in shown
    assert old not in shown

    entry.msgstr = "<b>Fett</b>"  # the markup its original lacks: refused, pages kept
    catalogue.write_text(entries.__unicode__(), encoding="utf-8")
    line = running.wait_for("inleiding.po:")
    assert f"inleiding.po:{entry.linenum}: " in line, line
    assert "Ein ganz anderer erster Satz." in running.page(page)


def test_a_build_error_is_shown_on_the_page(preview):
    """The writer sees the mistake where they look: at the top of every page, in plain
    words with the file and line, until it is mended."""
    book, running = preview
    [chapter] = book.glob("docs/*/inleiding.md")
    page = f"{chapter.parent.name}/inleiding.html"
    text = chapter.read_text(encoding="utf-8")
    running.saved(chapter, text + "\n:::{contcat}\nMail me\n:::\n")
    shown = running.page(page)
    assert 'class="preview-problems"' in shown
    assert "inleiding.md" in shown and "did you mean {contact}?" in shown
    running.saved(chapter, text)
    assert "preview-problems" not in running.page(page)


def test_the_preview_answers_only_its_own_host_and_pages(preview):
    """No other host name (DNS rebinding), no WebSocket from another site's page."""
    import urllib.error
    import urllib.request

    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    _, running = preview
    url = f"http://127.0.0.1:{running.port}/index.html"
    request = urllib.request.Request(url, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=HUNG)
    assert refused.value.code == 400
    assert "websocket-reload" in running.page("index.html")
    socket_url = f"ws://127.0.0.1:{running.port}/websocket-reload"
    with pytest.raises(InvalidStatus) as closed:
        connect(socket_url, origin="http://evil.example")
    assert closed.value.response.status_code == 403
    with connect(socket_url, origin=f"http://127.0.0.1:{running.port}"):
        pass
