"""A new library in one command:

    essaylib new PATH --language nl

makes PATH a library of one example essay, in the language given: its book.toml, its
sources under docs/, an empty locales/ for its translations, the engine's conf.py and
docutils.conf, and a Makefile that builds it with this engine (``make``) and checks
it (``make test``). The example is written in the languages of STARTERS; any other
language gets the English example to rewrite.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import uuid
from pathlib import Path

from essaylib.model.paths import PACKAGE

STARTER = Path(__file__).parent / "starter"
# The languages the example essay is written in; others start from the English one.
STARTERS = sorted(p.name for p in STARTER.iterdir() if (p / "book.toml").is_file())
# The engine's folder, when it is a checkout of its repository: what the Makefile uses.
ENGINE = PACKAGE.parent
CHROME = Path("LC_MESSAGES") / "sphinx.po"


def new_library(target: Path, language: str) -> Path:
    """Write a new library into ``target`` (a folder that does not exist or is empty)."""
    words = STARTER / (language if language in STARTERS else "en")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(words / "docs", target / "docs")
    facts = (words / "book.toml").read_text(encoding="utf-8")
    facts = facts.replace("IDENTIFIER", str(uuid.uuid4())).replace("LANGUAGE", language)
    (target / "book.toml").write_text(facts, encoding="utf-8")
    for name in ("conf.py", "docutils.conf"):
        shutil.copy2(STARTER / name, target / name)
    shutil.copy2(STARTER / "gitignore", target / ".gitignore")
    makefile = (STARTER / "Makefile").read_text(encoding="utf-8")
    (target / "Makefile").write_text(makefile.replace("ENGINE_FOLDER", str(ENGINE)), "utf-8")
    (target / "locales" / language).mkdir(parents=True)
    # The page chrome's words in the language, where the engine's own library has them.
    if (chrome := ENGINE / "locales" / language / CHROME).is_file():
        (target / "locales" / language / CHROME).parent.mkdir()
        shutil.copy2(chrome, target / "locales" / language / CHROME)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="essaylib new", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the new library's folder")
    parser.add_argument("--language", required=True, help="the library's language, e.g. nl")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", args.language):
        parser.error(f"--language {args.language!r}: give a language code such as nl or pt_BR")
    if args.path.exists() and any(args.path.iterdir()):
        parser.error(f"{args.path} is not empty; give a new folder")
    if not (ENGINE / "tools" / "setup.sh").is_file():
        parser.error(f"the engine at {ENGINE} is not a checkout of its repository")
    new_library(args.path, args.language)
    example = "" if args.language in STARTERS else " (the example essay is in English)"
    print(f"new: a library in {args.path}{example}. Build it with: make -C {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
