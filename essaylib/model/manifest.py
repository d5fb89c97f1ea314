"""What each step of a build was last made from, by content: the build's one cache.

A step (a format of a language, a catalogue's check, a cover, an EPUB's zip) names
its inputs, each a digest: of files, by the SHA-256 of their bytes (never by their
size or time: a file touched, or copied with a new date, is the same file), and of
values (facts, options, the date). Before it runs, a step asks which of its inputs
changed since it last ran; when it has run, it records them, with its result when
that is what the next build reads back (a catalogue's check).

Each step is one JSON file under the build folder's manifest/, written whole (a
partial file, then a rename) by the one process that runs the step: languages built
side by side never write the same file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# A file's hash by its path, inode, size and times, in this process only, so that a
# file that several steps of one build name is read once; what a build keeps is the
# hash. (The change time moves on every write, even one whose modification time is
# set back; a file replaced by a rename is a new inode.)
_hashes: dict[tuple[str, int, int, int, int], str] = {}


def file_hash(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (None: there is no such file)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    key = (str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    if key not in _hashes:
        with path.open("rb") as file:
            _hashes[key] = hashlib.file_digest(file, "sha256").hexdigest()
    return _hashes[key]


def digest(files: Iterable[Path] = (), *values: object) -> str:
    """One input of a step: each file's path and bytes (a missing file counts too), and
    the values (bytes as they are, anything else by its repr)."""
    found = hashlib.sha256()
    for path in files:
        found.update(f"{path}\0{file_hash(path)}\n".encode())
    for value in values:
        data = value if isinstance(value, bytes) else repr(value).encode()
        found.update(f"{len(data)}\0".encode() + data)
    return found.hexdigest()


class Manifest:
    """The steps of one build folder: for each, the digests of its named inputs when it
    last ran, and what it recorded as its result."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, step: str) -> Path:
        return self.folder / f"{step}.json"

    def _entry(self, step: str) -> dict[str, Any]:
        try:
            entry = json.loads(self._file(step).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        return entry if isinstance(entry, dict) else {}

    def changed(self, step: str, **inputs: str) -> set[str]:
        """The names of the inputs that are not as they were when the step last ran
        (all of them, if it never ran)."""
        recorded = self._entry(step).get("inputs", {})
        return {name for name, value in inputs.items() if recorded.get(name) != value}

    def result(self, step: str, **inputs: str) -> Any:
        """What the step recorded when it last ran, if its inputs are as they were then
        (else None)."""
        entry = self._entry(step)
        return entry.get("result") if entry.get("inputs") == inputs else None

    def record(self, step: str, result: object = None, **inputs: str) -> None:
        """The step has run on these inputs (and made this result)."""
        path = self._file(step)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.new")
        partial.write_text(json.dumps({"inputs": inputs, "result": result}), encoding="utf-8")
        partial.replace(path)
