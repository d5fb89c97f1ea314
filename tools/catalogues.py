"""The translators' catalogues: refresh, check, compile, and what is left to do.

    python tools/catalogues.py update           refresh locales/ from the sources (make po)
    python tools/catalogues.py check            every check of every catalogue (make check-po)
    python tools/catalogues.py compile          check, then compile into _build/locales
    python tools/catalogues.py todo             what is left to translate (make todo)
    python tools/catalogues.py new LANG         start a new language (make new-language)

locales/<lang>/LC_MESSAGES/ holds one catalogue per source file (docs/a/b.md ->
a/b.po), book.po for the book's title and description, and sphinx.po for the
words of the page chrome. The source language has only sphinx.po.
"""

from __future__ import annotations

import argparse
import datetime
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))
sys.path.insert(0, str(ROOT / "tools"))

from bookfacts import COMPILED_LOCALES, load_facts  # noqa: E402
from pocheck import Problem, check_catalogue  # noqa: E402
from uistrings import UI_STRINGS  # noqa: E402

LOCALES = ROOT / "locales"
BUILD = ROOT / "_build"
TEMPLATES = BUILD / "gettext"
COMPILED = ROOT / COMPILED_LOCALES
# Only these of the book's facts are words to translate.
TRANSLATED_FACTS = ("title", "subtitle", "description")
UI_DOMAIN = "sphinx"


def run(*cmd: str | Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def catalogue_dir(language: str, root: Path = LOCALES) -> Path:
    return root / language / "LC_MESSAGES"


def header(pot: polib.POFile) -> None:
    pot.metadata = {
        "Project-Id-Version": load_facts(ROOT)["title"],
        "POT-Creation-Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M%z"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def write_templates() -> None:
    """All .pot files: the sources' (Sphinx's gettext builder), the facts', the chrome's."""
    shutil.rmtree(TEMPLATES, ignore_errors=True)
    run(sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-c", ROOT,
        "-d", BUILD / "gettext-doctrees", ROOT / "docs", TEMPLATES)
    facts = load_facts(ROOT)
    for name, msgids, where in (
        ("book", [facts.get(k, "") for k in TRANSLATED_FACTS], "book.toml"),
        (UI_DOMAIN, UI_STRINGS, "extensions/uistrings.py"),
    ):
        pot = polib.POFile(wrapwidth=79)
        header(pot)
        for msgid in msgids:
            if msgid:
                pot.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=[(where, "")]))
        pot.save(str(TEMPLATES / f"{name}.pot"))


def templates_for(language: str, source_language: str) -> list[Path]:
    pots = sorted(TEMPLATES.rglob("*.pot"))
    if language == source_language:
        return [p for p in pots if p.stem == UI_DOMAIN and p.parent == TEMPLATES]
    return pots


def same_apart_from_date(a: Path, b: Path) -> bool:
    date = re.compile(rb'^"POT-Creation-Date: .*\\n"$', re.M)
    return date.sub(b"", a.read_bytes()) == date.sub(b"", b.read_bytes())


def merge(pot: Path, po: Path, language: str) -> str:
    """Refresh one catalogue; a changed msgid keeps its old translation as fuzzy,
    with the previous msgid, and a removed one stays as an obsolete entry."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / po.name
        if po.exists():
            run("msgmerge", "--quiet", "--previous", "--lang", language, "-o", fresh, po, pot)
        else:
            new = polib.pofile(str(pot))
            new.metadata.update({"Language": language, "PO-Revision-Date": "",
                                 "Last-Translator": "", "Language-Team": ""})
            new.metadata_is_fuzzy = False
            new.save(str(fresh))
        run(sys.executable, "-m", "powrap", "--quiet", fresh)
        if po.exists() and same_apart_from_date(fresh, po):
            return "unchanged"
        state = "updated" if po.exists() else "created"
        po.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fresh, po)
        return state


def update(languages: list[str]) -> int:
    facts = load_facts(ROOT)
    write_templates()
    counts: dict[str, int] = {}
    for language in languages:
        for pot in templates_for(language, facts["languages"][0]):
            po = catalogue_dir(language) / pot.relative_to(TEMPLATES).with_suffix(".po")
            state = merge(pot, po, language)
            counts[state] = counts.get(state, 0) + 1
            if state != "unchanged":
                print(f"{state}: {po.relative_to(ROOT)}")
    print("catalogues: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    return 0


def all_catalogues() -> list[Path]:
    return sorted(LOCALES.rglob("*.po"))


def check(paths: list[Path] | None = None) -> list[str]:
    """Every check a catalogue must pass before it is published."""
    paths = paths if paths is not None else all_catalogues()
    errors: list[str] = []
    for path in paths:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        fmt = subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)],
                             capture_output=True, text=True)
        if fmt.returncode:
            errors += fmt.stderr.strip().splitlines()
        errors += [str(Problem(shown, p.line, p.message)) for p in check_catalogue(path)]
    if paths:
        wrap = subprocess.run([sys.executable, "-m", "powrap", "--check", *map(str, paths)],
                              capture_output=True, text=True)
        unwrapped = sorted(set(re.findall(r"Would rewrap: (\S+\.po)", wrap.stdout + wrap.stderr)))
        if wrap.returncode:
            errors += [f"{path}: not wrapped as powrap wraps it (run: make po)"
                       for path in unwrapped or ["powrap --check failed"]]
    return errors


def compile_catalogues(locales: Path = LOCALES, out: Path = COMPILED) -> list[str]:
    """Check, then compile every catalogue into out/ (build output, never the sources).
    Fuzzy and untranslated entries are left out, so the page shows the original there.
    A .mo is rewritten only when it changes, which keeps Sphinx's rebuilds incremental."""
    paths = sorted(locales.rglob("*.po"))
    errors = [str(p) for path in paths for p in check_catalogue(path)]
    if errors:
        return errors
    wanted = {out / p.relative_to(locales).with_suffix(".mo") for p in paths}
    for stale in set(out.rglob("*.mo")) - wanted:
        stale.unlink()
    for po_path in paths:
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if entry.fuzzy:
                entry.msgstr = ""
        mo = out / po_path.relative_to(locales).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        tmp = mo.with_suffix(".mo.new")
        catalogue.save_as_mofile(str(tmp))
        if mo.exists() and filecmp.cmp(tmp, mo, shallow=False):
            tmp.unlink()
        else:
            tmp.replace(mo)
    return []


def todo(languages: list[str]) -> int:
    for language in languages:
        print(f"== {language}")
        subprocess.run([sys.executable, "-m", "potodo", "--no-cache", str(catalogue_dir(language))])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "check", "compile", "todo", "new"])
    parser.add_argument("language", nargs="?")
    args = parser.parse_args(argv)
    facts = load_facts(ROOT)

    if args.command == "new":
        if not args.language or not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", args.language):
            parser.error("new needs a language code, e.g. fr or pt_BR")
        if args.language not in facts["languages"]:
            print(f'Add "{args.language}" to languages in book.toml too.')
        return update([args.language])
    if args.command == "update":
        return update(facts["languages"])
    if args.command == "todo":
        return todo(facts["languages"][1:] + facts["languages"][:1])
    errors = check() if args.command == "check" else compile_catalogues()
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"catalogues: {len(errors)} problem(s); nothing was published.", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"catalogues: {len(all_catalogues())} checked, no problems.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
