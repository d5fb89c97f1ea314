"""What a book's languages need of the system, derived from book.toml's languages:

- a Hunspell dictionary for ``make check-po`` (Debian's ``hunspell-xx`` packages);
- TeX's hyphenation patterns and language support for the PDF (TeX Live's
  ``texlive-lang-*`` collections).

    python -m essaylib.model.system packages BOOK.toml ...   the Debian packages, one a line

tools/setup.sh installs what this prints; a language it knows no package for is said,
with what to look for.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import tomllib
from pathlib import Path

DICTIONARY_DIR = Path("/usr/share/hunspell")
# TeX Live's collections of hyphenation patterns (English is in TeX's base).
TEX_COLLECTIONS = {
    "texlive-lang-german": ("de",),
    "texlive-lang-french": ("fr", "eu"),
    "texlive-lang-spanish": ("es",),
    "texlive-lang-italian": ("it",),
    "texlive-lang-portuguese": ("pt",),
    "texlive-lang-polish": ("pl",),
    "texlive-lang-czechslovak": ("cs", "sk"),
    "texlive-lang-cyrillic": ("ru", "uk", "bg", "be", "sr", "mn"),
    "texlive-lang-greek": ("el",),
    "texlive-lang-arabic": ("ar", "fa"),
    "texlive-lang-chinese": ("zh",),
    "texlive-lang-japanese": ("ja",),
    "texlive-lang-korean": ("ko",),
    "texlive-lang-european": (
        "nl", "da", "et", "fi", "hr", "hu", "is", "lt", "lv", "nb", "nn", "no", "ro",
        "sl", "sv", "tr", "cy", "ga", "hy", "ka", "la", "rm", "sq",
    ),
}  # fmt: skip
# Languages whose patterns come with TeX itself.
TEX_BASE = ("en",)
# Where a language is written in many countries, the dictionary the book's edition uses
# when book.toml names the language alone (en: the book's English is British).
USUAL_REGION = {"en": "gb", "de": "de", "pt": "pt", "sv": "se"}


def tex_package(language: str) -> str | None:
    base = language.split("_")[0]
    if base in TEX_BASE:
        return None
    return next(
        (package for package, codes in TEX_COLLECTIONS.items() if base in codes),
        "texlive-lang-other",
    )


@functools.cache
def debian_packages(prefix: str) -> frozenset[str]:
    """The names of Debian's packages that start with prefix (apt's lists)."""
    try:
        run = subprocess.run(["apt-cache", "pkgnames", prefix], capture_output=True, text=True)
    except OSError:
        return frozenset()
    return frozenset(run.stdout.split())


def hunspell_package(language: str) -> str | None:
    """Debian's Hunspell dictionary of a language (pt_BR: hunspell-pt-br; de:
    hunspell-de-de), or None when Debian has none."""
    base, _, region = language.lower().partition("_")
    region = region or USUAL_REGION.get(base, base)
    known = debian_packages("hunspell-")
    for name in (f"hunspell-{base}-{region}", f"hunspell-{base}"):
        if name in known:
            return name
    return None


def dictionary(language: str) -> str | None:
    """The installed Hunspell dictionary of a language, by the name Hunspell takes
    (nl, de_DE, en_GB, pt_BR), or None."""
    base, _, region = language.partition("_")
    region = region or USUAL_REGION.get(base, base)
    for name in (f"{base}_{region.upper()}", base):
        if (DICTIONARY_DIR / f"{name}.dic").is_file():
            return name
    found = sorted(DICTIONARY_DIR.glob(f"{base}_*.dic"))
    return found[0].stem if found else None


def languages_of(book: Path) -> list[str]:
    languages = tomllib.loads(book.read_text(encoding="utf-8")).get("languages", [])
    return [code for code in languages if isinstance(code, str)]


def packages(books: list[Path]) -> tuple[list[str], list[str]]:
    """The Debian packages the books' languages need, and notes on what is unknown."""
    wanted: list[str] = []
    notes = []
    for language in sorted({code for book in books for code in languages_of(book)}):
        tex = tex_package(language)
        hunspell = hunspell_package(language)
        if hunspell is None:
            notes.append(
                f"no Hunspell dictionary for {language} in Debian's lists: "
                f"apt-cache search hunspell-{language.split('_')[0]}"
            )
        for package in (tex, hunspell):
            if package and package not in wanted:
                wanted.append(package)
    return wanted, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["packages"])
    parser.add_argument("books", nargs="+", type=Path, help="book.toml files")
    args = parser.parse_args(argv)
    wanted, notes = packages(args.books)
    for note in notes:
        print(f"setup: {note}", file=sys.stderr)
    print("\n".join(wanted))
    return 0


if __name__ == "__main__":
    sys.exit(main())
