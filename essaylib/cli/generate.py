"""A library of many essays, made from the book's one, for measuring (tools/benchmark.py).

    essaylib generate COUNT TARGET [--title TITLE --description TEXT]

Copies the book's sources to TARGET with COUNT copies of its essay, each with its own
folder, title, date and catalogues (the translations follow the copies, so every
language stays complete). A library of more than one essay is titled and described as
one (the words given, in the book's language). Never used on the book itself.
"""

from __future__ import annotations

import argparse
import datetime
import json
import shutil
import sys
from pathlib import Path

import polib

from essaylib.model.facts import load_facts
from essaylib.model.library import read_library
from essaylib.outputs.publish import copy_sources


def make_library(
    root: Path, count: int, target: Path, library_title: str = "", library_description: str = ""
) -> Path:
    """The book at ``root`` as a library of ``count`` copies of its first essay, titled
    and described (when more than one) as ``library_title`` and ``library_description``."""
    if count > 1 and not (library_title and library_description):
        raise ValueError("a library of more than one essay needs a title and a description")
    copy_sources(root, target)
    facts = load_facts(target)
    [essay] = read_library(target / "docs", target)[:1]
    docs, locales = target / "docs", target / "locales"
    original = docs / essay.folder
    index = docs / "index.md"
    toc_line = f"{essay.folder}/index"
    entries = []
    for number in range(1, count + 1):
        folder = f"{essay.folder}-{number:03d}"
        title = f"{essay.title} ({number})"
        shutil.copytree(original, docs / folder)
        page = docs / folder / "index.md"
        date = essay.date - datetime.timedelta(days=number - 1)
        page.write_text(
            page.read_text(encoding="utf-8")
            .replace(f"# {essay.title}", f"# {title}", 1)
            .replace(f"date: {essay.date.isoformat()}", f"date: {date}", 1),
            encoding="utf-8",
        )
        for language in facts.translations:
            source = locales / language / "LC_MESSAGES" / essay.folder
            copied = locales / language / "LC_MESSAGES" / folder
            shutil.copytree(source, copied)
            catalogue = polib.pofile(str(copied / "index.po"))
            entry = catalogue.find(essay.title)
            if entry is not None:
                entry.msgid = title
                entry.msgstr = f"{entry.msgstr} ({number})"
            catalogue.save(str(copied / "index.po"))
        entries.append(f"{folder}/index")
    shutil.rmtree(original)
    for language in facts.translations:
        shutil.rmtree(locales / language / "LC_MESSAGES" / essay.folder)
    index.write_text(
        index.read_text(encoding="utf-8").replace(toc_line, "\n".join(entries)), encoding="utf-8"
    )
    if count > 1:  # a library of its own, titled and described as one
        toml = target / "book.toml"
        values = {"title": library_title, "description": library_description}
        # Each as a TOML basic string (JSON's escapes are TOML's): any words stay one value.
        lines = [
            f"{key} = {json.dumps(values[key], ensure_ascii=False)}"
            if (key := line.partition(" = ")[0]) in values
            else line
            for line in toml.read_text(encoding="utf-8").splitlines()
        ]
        toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for language in facts.translations:
            path = locales / language / "LC_MESSAGES" / "book.po"
            book = polib.pofile(str(path))
            renamed = ((facts.title, library_title), (facts.description, library_description))
            for old, new in renamed:
                if (entry := book.find(old)) is not None:
                    entry.msgid = new
            book.save(str(path))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--title", default="", help="the library's title (more than one essay)")
    parser.add_argument("--description", default="", help="and its description")
    args = parser.parse_args(argv)
    if args.target.exists():
        parser.error(f"{args.target} exists; give a new folder")
    if args.count > 1 and not (args.title and args.description):
        parser.error("a library of more than one essay needs --title and --description")
    make_library(args.root.resolve(), args.count, args.target, args.title, args.description)
    print(f"generate: a library of {args.count} essays in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
