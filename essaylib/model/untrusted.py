"""Reading a translator's file: a regular file inside the repository, of bounded size.

Everything under ``locales/`` comes from translators, who are untrusted (SECURITY.md). A
pull request can carry a symbolic link (to ``/etc/passwd``, to ``/dev/zero``) or a file of
any size; every reader of ``locales/`` reads through ``read``, which takes the bytes once,
and only from a regular file no larger than its kind allows, so that the check and the
build see the same bytes and no input can make either read without end.
"""

from __future__ import annotations

import stat
import tempfile
from pathlib import Path

import polib

KIB, MIB = 1024, 1024 * 1024
# The largest file of each kind (the book's are a few kilobytes; a catalogue of a long
# chapter stays far below its cap).
LIMITS = {
    "catalogue": 2 * MIB,
    "glossary": 1 * MIB,
    "word list": 1 * MIB,
    "translators file": 64 * KIB,
}


class Refused(ValueError):
    """A file that is not read, and why (in words for the translator)."""


def problem(path: Path, kind: str) -> str | None:
    """Why a translator's file may not be read, if it may not."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return "the file is not there"
    if stat.S_ISLNK(info.st_mode):
        return "a symbolic link; a translation is a file of its own, in its language's folder"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > LIMITS[kind]:
        return f"the file is {info.st_size:,} bytes; a {kind} is at most {LIMITS[kind]:,}"
    return None


def read(path: Path, kind: str) -> bytes:
    """The file's bytes, or Refused."""
    if why := problem(path, kind):
        raise Refused(why)
    with path.open("rb") as f:
        data = f.read(LIMITS[kind] + 1)  # it may have grown since it was looked at
    if len(data) > LIMITS[kind]:
        raise Refused(f"the file is over {LIMITS[kind]:,} bytes; a {kind} is at most that")
    return data


def catalogue(path: Path) -> polib.POFile:
    """A translator's catalogue, parsed from the bytes read (Refused, or ValueError when it
    is not a catalogue), as lines of a file (polib would break a string's lines at
    U+0085 and U+2028 too, and say the wrong line of every entry after them)."""
    data = read(path, "catalogue")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        copy.write_bytes(data)
        return polib.pofile(str(copy))
