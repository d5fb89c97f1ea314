"""The translators' catalogues: refresh, check, compile, and what is left to do.

    essaylib po update       refresh locales/ from the sources (make po)
    essaylib po check        every check of every catalogue (make check-po)
    essaylib po compile      check, then compile into the build folder
    essaylib po todo         what is left to translate (make todo)
    essaylib po new LANG     start a new language (make new-language)
    essaylib po templates    write the .pot files only
    essaylib po tx-config    a Transifex configuration (make tx-config)

locales/<lang>/LC_MESSAGES/ holds one catalogue per source file (docs/a/b.md ->
a/b.po), book.po for the book's title and description, and sphinx.po for the
words of the page chrome. The source language has only sphinx.po.

``check`` and ``compile`` apply the same rules (essaylib.i18n.allowlist) with the same
code: what ``make check-po`` rejects, ``make`` refuses to publish.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import datetime
import functools
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from essaylib.i18n import review, scripts
from essaylib.i18n.allowlist import (
    BOOK_DOMAIN,
    CHROME_DOMAIN,
    Catalogue,
    Compiled,
    Problem,
    compile_checked,
)
from essaylib.i18n.words import UI_STRINGS
from essaylib.model import progress, translators, untrusted
from essaylib.model.facts import (
    LANGUAGE_CODE,
    TRANSLATED_FACTS,
    Facts,
    language_name,
    load_facts,
    slugify,
)
from essaylib.model.library import essay_folders, essay_links, read_library
from essaylib.model.manifest import digest
from essaylib.model.paths import BuildPaths, add_arguments, refuse_tracked_build_files
from essaylib.model.progress import Progress

# Fewer catalogues to check than this are checked in this process: a fork of a big
# process (a test run's, the preview's) costs about what checking several does.
FORK_WORTH = 8


def run(*cmd: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> None:
    subprocess.run([str(c) for c in cmd], check=True, env=env, cwd=cwd)


def catalogue_dir(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES"


def pages(paths: BuildPaths) -> set[str]:
    """The docnames of the book's pages: what a page catalogue may translate."""
    return {
        p.relative_to(paths.docs).with_suffix("").as_posix()
        for p in paths.docs.rglob("*.md")
        if not p.name.startswith("_")
        and not any(part.startswith("_") for part in p.relative_to(paths.docs).parts)
    }


def catalogues(paths: BuildPaths, facts: Facts) -> tuple[list[Catalogue], list[Problem]]:
    """Every catalogue the book uses, and a note for each .po file it does not use
    (left out of the build: nothing unknown is ever compiled)."""
    known_pages = pages(paths)
    found, ignored = [], []
    for path in sorted(paths.locales.rglob("*.po")):
        parts = path.relative_to(paths.locales).parts
        language = parts[0]
        domain = Path(*parts[2:]).with_suffix("").as_posix() if len(parts) > 2 else ""
        if len(parts) < 3 or parts[1] != "LC_MESSAGES":
            why = "catalogues belong in locales/<language>/LC_MESSAGES/"
        elif language not in facts.languages:
            why = f"{language} is not one of the languages in book.toml"
        elif language == facts.source_language and domain != CHROME_DOMAIN:
            why = "the book's own language has only sphinx.po"
        elif domain not in (BOOK_DOMAIN, CHROME_DOMAIN) and domain not in known_pages:
            why = f"there is no page docs/{domain}.md to translate"
        else:
            found.append(Catalogue(path, language, domain))
            continue
        ignored.append(Problem(path, 0, f"not used, left out of the build: {why}"))
    return found, ignored


@dataclass
class Checked:
    """Every catalogue checked and compiled."""

    compiled: dict[Path, bytes] = field(default_factory=dict)  # .mo path: bytes
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    progress: dict[str, dict[str, Progress]] = field(default_factory=dict)


class CheckedCatalogues:
    """compile_checked, remembered in the build's manifest (essaylib.model.manifest): a
    catalogue whose bytes, the facts and the checking code are as they were is not
    checked again (msgfmt and the MyST parser on every entry are most of a build where
    nothing changed). What is remembered is data (JSON), read back into the same result."""

    def __init__(self, paths: BuildPaths, facts: Facts) -> None:
        self.steps, self.locales = paths.steps(), paths.locales
        self.facts, self.root = facts, paths.root
        self.context = (repr(facts), digest(paths.code()))

    @staticmethod
    def contents(catalogue: Catalogue) -> bytes | None:
        """The catalogue's bytes, read once for its memo and its check alike (None: a
        file that is not read, essaylib.model.untrusted; its check says why)."""
        try:
            return untrusted.read(catalogue.path, "catalogue")
        except untrusted.Refused:
            return None

    def step(self, catalogue: Catalogue) -> str:
        return f"catalogues/{catalogue.path.relative_to(self.locales).as_posix()}"

    def checked(self, catalogue: Catalogue, data: bytes) -> str:
        """What the check of these bytes of this catalogue depends on (its place too: the
        problems found name it)."""
        place = (str(catalogue.path), catalogue.language, catalogue.domain)
        return digest((), *self.context, *place, data)

    def recall(self, catalogue: Catalogue, data: bytes | None) -> Compiled | None:
        if data is None:
            return None
        found = self.steps.result(self.step(catalogue), checked=self.checked(catalogue, data))
        if found is None:
            return None
        return Compiled(
            mo=base64.b64decode(found["mo"]) if found["mo"] is not None else None,
            problems=[Problem(Path(p), line, m) for p, line, m in found["problems"]],
            notes=[Problem(Path(p), line, m) for p, line, m in found["notes"]],
            progress=Progress(**found["progress"]),
        )

    def remember(self, catalogue: Catalogue, data: bytes, result: Compiled) -> None:
        found = {
            "mo": base64.b64encode(result.mo).decode() if result.mo is not None else None,
            "problems": [(str(p.path), p.line, p.message) for p in result.problems],
            "notes": [(str(p.path), p.line, p.message) for p in result.notes],
            "progress": dataclasses.asdict(result.progress),
        }
        self.steps.record(self.step(catalogue), found, checked=self.checked(catalogue, data))

    def compile_checked(
        self, found: list[Catalogue], meanwhile: Callable[[], object] = lambda: None
    ) -> list[Compiled]:
        """Each catalogue checked and compiled, in order: those not remembered on every
        core (a library's clean build checks thousands); meanwhile() runs here while
        they are checked."""
        contents = [self.contents(catalogue) for catalogue in found]
        results = [self.recall(c, data) for c, data in zip(found, contents, strict=True)]
        todo = [i for i, result in enumerate(results) if result is None]
        check = functools.partial(compile_checked, facts=self.facts, confdir=self.root)
        # Forked workers, so only from a process with no other thread (not the preview's
        # server, whose edits are one catalogue at a time anyway), and only for enough
        # catalogues to be worth a fork (one costs about what checking five does).
        workers = min(len(todo), os.cpu_count() or 1)
        if threading.active_count() > 1 or len(todo) < FORK_WORTH:
            workers = 1
        if workers < 2:
            fresh = [check(found[i], contents[i]) for i in todo]
            meanwhile()
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                pending = pool.starmap_async(check, [(found[i], contents[i]) for i in todo])
                meanwhile()
                fresh = pending.get()
        for i, result in zip(todo, fresh, strict=True):
            if (data := contents[i]) is not None:
                self.remember(found[i], data, result)
            results[i] = result
        return [result for result in results if result is not None]


def validate(paths: BuildPaths, meanwhile: Callable[[], object] = lambda: None) -> Checked:
    """Every catalogue checked and compiled (not written); meanwhile() runs while they are
    checked, on a core the checks leave free."""
    facts = load_facts(paths.root)
    found, notes = catalogues(paths, facts)
    checked = Checked(notes=notes)
    remembered = CheckedCatalogues(paths, facts)
    for catalogue, result in zip(found, remembered.compile_checked(found, meanwhile), strict=True):
        checked.problems += result.problems
        checked.notes += result.notes
        if result.mo is not None:
            target = catalogue.path.relative_to(paths.locales).with_suffix(".mo")
            checked.compiled[paths.compiled_locales / target] = result.mo
        if catalogue.domain not in (BOOK_DOMAIN, CHROME_DOMAIN):
            checked.progress.setdefault(catalogue.language, {})[catalogue.domain] = result.progress
    # translators.toml: untrusted too, checked by the same code in make and make check-po.
    essays = set(essay_folders(paths.docs))
    for path in sorted(paths.locales.glob(f"*/{translators.FILE}")):
        _, found_problems = translators.read(path, path.parent.name, facts.languages, essays)
        checked.problems += [Problem(path, line, message) for line, message in found_problems]
    return checked


def compile_catalogues(
    paths: BuildPaths, meanwhile: Callable[[], object] = lambda: None
) -> list[Problem]:
    """Check every catalogue, then compile them into the build folder (never the sources).
    If any catalogue has a problem nothing is written. Fuzzy and untranslated entries are
    left out, so the page shows the original there. A .mo is rewritten only when it
    changes, which keeps Sphinx's rebuilds incremental. meanwhile(): see validate."""
    checked = validate(paths, meanwhile)
    if checked.problems:
        return checked.problems
    out = paths.compiled_locales
    for stale in set(out.rglob("*.mo")) - set(checked.compiled):
        stale.unlink()
    progress.save(paths.progress, checked.progress)
    for mo, data in checked.compiled.items():
        if mo.exists() and mo.read_bytes() == data:
            continue
        mo.parent.mkdir(parents=True, exist_ok=True)
        tmp = mo.with_suffix(".mo.new")
        tmp.write_bytes(data)
        tmp.replace(mo)
    for language in load_facts(paths.root).languages:  # the page scripts' words
        chrome = out / language / "LC_MESSAGES" / f"{CHROME_DOMAIN}.mo"
        scripts.write(out, language, checked.compiled.get(chrome))
    return []


def check(paths: BuildPaths) -> tuple[list[Problem], list[Problem]]:
    """Every check a catalogue must pass before it is published, and the reviewer's
    checks (essaylib.i18n.review: glossary, names and numbers, spelling): (problems, notes).
    Warnings are notes. The wrapping is not checked: any tool's is accepted, and
    ``make po`` (and pre-commit) wrap every catalogue as powrap does."""
    checked = validate(paths)
    problems, notes = checked.problems, checked.notes
    refused = frozenset(p.path for p in problems)
    findings, missing = review.review(paths.locales, load_facts(paths.root), paths.root, refused)
    problems += findings.problems
    notes += [Problem(w.path, w.line, f"warning: {w.message}") for w in findings.warnings]
    notes += [Problem(paths.locales, 0, note) for note in missing]
    notes += [Problem(paths.locales, 0, note) for note in link_notes(paths, checked)]
    return problems, notes


def link_notes(paths: BuildPaths, checked: Checked) -> list[str]:
    """Where a translation's essay links to an essay not yet published in its language:
    the link leads readers to the original (essaylib.sphinxext.crosslinks)."""
    facts = load_facts(paths.root)
    essays = read_library(paths.docs, paths.root)
    found = []
    for language in facts.translations:
        table = {
            e.folder: progress.of_pages(checked.progress, paths.locales, language, e.pages)
            for e in essays
        }
        for essay in essays:
            if table[essay.folder].untouched:
                continue
            for page, target in essay_links(paths.docs, paths.root, essay):
                other = target.split("/", 1)[0]
                if other != essay.folder and table.get(other, Progress()).untouched:
                    found.append(
                        f"{language}: docs/{page}.md links to {target}, which is not "
                        f"translated into {language} yet: the link leads readers to the "
                        f"{facts.source_language} page"
                    )
    return found


# -- Refreshing the catalogues from the sources (make po) ---------------------------------


def header(pot: polib.POFile, facts: Facts) -> None:
    pot.metadata = {
        "Project-Id-Version": facts.title,
        "POT-Creation-Date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M%z"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def write_templates(paths: BuildPaths, facts: Facts) -> None:
    """All .pot files: the sources' (Sphinx's gettext builder), the facts', the chrome's."""
    shutil.rmtree(paths.pot_templates, ignore_errors=True)
    run(
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "gettext",
        "-q",
        "-c",
        paths.root,
        "-d",
        paths.gettext_doctrees,
        paths.docs,
        paths.pot_templates,
        env=paths.environment(),
    )
    for pot in paths.pot_templates.rglob("*.pot"):
        sources_from_the_library(pot, paths)
    add_essay_facts(paths)
    for name, msgids, where in (
        (BOOK_DOMAIN, [getattr(facts, k) for k in TRANSLATED_FACTS], "book.toml"),
        (CHROME_DOMAIN, UI_STRINGS, "essaylib/i18n/words.py"),
    ):
        pot = polib.POFile(wrapwidth=79)
        header(pot, facts)
        for msgid in msgids:
            if msgid:
                pot.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=[(where, "")]))
        pot.save(str(paths.pot_templates / f"{name}.pot"))


def sources_from_the_library(pot_path: Path, paths: BuildPaths) -> None:
    """Each passage's source as a path in the library (``docs/a/b.md:12``): Sphinx writes
    it relative to its output folder, which moves with the build folder, and every
    catalogue would change with it."""
    pot = polib.pofile(str(pot_path), wrapwidth=79)
    for entry in pot:
        entry.occurrences = [
            (os.path.relpath(os.path.normpath(paths.pot_templates / where), paths.root), line)
            for where, line in entry.occurrences
        ]
    pot.save(str(pot_path))


def add_essay_facts(paths: BuildPaths) -> None:
    """Each essay's summary and topics (its front matter) join its index catalogue, so
    that they are translated like its text."""
    for essay in read_library(paths.docs, paths.root):
        pot_path = paths.pot_templates / essay.folder / "index.pot"
        pot = polib.pofile(str(pot_path), wrapwidth=79)
        where = os.path.relpath(paths.docs / essay.folder / "index.md", paths.root)
        for key, msgid in [("summary", essay.summary), *(("topics", t) for t in essay.topics)]:
            if pot.find(msgid) is None:
                pot.append(
                    polib.POEntry(
                        msgid=msgid, msgstr="", occurrences=[(where, str(essay.line(key)))]
                    )
                )
        pot.save(str(pot_path))


def templates_for(paths: BuildPaths, language: str, facts: Facts) -> list[Path]:
    pots = sorted(paths.pot_templates.rglob("*.pot"))
    if language == facts.source_language:
        return [p for p in pots if p.stem == CHROME_DOMAIN and p.parent == paths.pot_templates]
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
            new.metadata.update(
                {
                    "Language": language,
                    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
                    "Last-Translator": "",
                    "Language-Team": "",
                }
            )
            new.metadata_is_fuzzy = False
            new.save(str(fresh))
        run(sys.executable, "-m", "powrap", "--quiet", fresh)
        if po.exists() and same_apart_from_date(fresh, po):
            return "unchanged"
        state = "updated" if po.exists() else "created"
        po.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(fresh, po)
        return state


def update(paths: BuildPaths, languages: list[str]) -> int:
    facts = load_facts(paths.root)
    write_templates(paths, facts)
    counts: dict[str, int] = {}
    for language in languages:
        for pot in templates_for(paths, language, facts):
            po = catalogue_dir(paths.locales, language) / pot.relative_to(
                paths.pot_templates
            ).with_suffix(".po")
            state = merge(pot, po, language)
            counts[state] = counts.get(state, 0) + 1
            if state != "unchanged":
                print(f"{state}: {po.relative_to(paths.root)}")
    print("catalogues: " + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    return 0


def new_language(paths: BuildPaths, facts: Facts, language: str) -> int:
    """Everything a translator of a new language needs: the language in book.toml (its
    status shows at once; its site is published once an essay is complete in it), every
    catalogue, an empty glossary and word list, and translators.toml to sign."""
    if language not in facts.languages:
        toml = paths.root / "book.toml"
        text = toml.read_text(encoding="utf-8")
        text, added = re.subn(
            r"^(languages\s*=\s*\[[^\]]*?)\s*\]",
            lambda m: f'{m.group(1)}, "{language}"]',
            text,
            count=1,
            flags=re.M,
        )
        if not added:
            print(f'catalogues: add "{language}" to languages in book.toml', file=sys.stderr)
            return 1
        toml.write_text(text, encoding="utf-8")
        facts = load_facts(paths.root)
        print(f"added: {language} to languages in book.toml")
    folder = paths.locales / language
    folder.mkdir(parents=True, exist_ok=True)
    starters = {
        review.GLOSSARY: "source,target,explanation\n",
        review.WORDLIST: "# Names and coined words the spelling check should accept, one a line.\n",
        translators.FILE: f"# Who translates this language (TRANSLATING.md).\n"
        f'language = "{language}"\ntranslators = []\n',
    }
    for name, text in starters.items():
        if not (folder / name).exists():
            (folder / name).write_text(text, encoding="utf-8")
            print(f"created: {(folder / name).relative_to(paths.root)}")
    return update(paths, [language])


def tx_config(paths: BuildPaths, facts: Facts, organization: str, project: str) -> int:
    """.tx/config for a team on Transifex: sphinx-intl writes it, one resource per catalogue,
    from the templates and the layout of locales/ (the layout sphinx-intl knows)."""
    project = project or slugify(facts.title)
    for name, value in (("organization", organization), ("project", project)):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            print(
                f"tx-config: give the Transifex {name} as a slug "
                f"(make tx-config TX_ORGANIZATION=my-team TX_PROJECT={project})",
                file=sys.stderr,
            )
            return 2
    write_templates(paths, facts)
    intl = [sys.executable, "-m", "sphinx_intl"]
    run(*intl, "create-txconfig", cwd=paths.root)
    if not shutil.which("tx"):
        print(
            "tx-config: .tx/config started; its resources need the Transifex CLI, which "
            "is not installed here. Install it and run make tx-config again:\n"
            "  curl -o- https://raw.githubusercontent.com/transifex/cli/master/install.sh "
            "| bash",
            file=sys.stderr,
        )
        return 2
    run(
        *intl,
        "update-txconfig-resources",
        "--pot-dir",
        paths.pot_templates,
        "--locale-dir",
        paths.locales.relative_to(paths.root),
        "--transifex-organization-name",
        organization,
        "--transifex-project-name",
        project,
        cwd=paths.root,
    )
    print(f"tx-config: .tx/config written for {organization}/{project}")
    return 0


def todo(paths: BuildPaths, languages: list[str]) -> int:
    """What is left, per language: each essay's state and how far it is (the figure the
    status page shows, essaylib.model.progress), each catalogue with entries left, and the
    links that lead readers to the original meanwhile."""
    checked = validate(paths)
    facts = load_facts(paths.root)
    essays = read_library(paths.docs, paths.root)
    notes = link_notes(paths, checked)
    for language in languages:
        print(f"== {language} ({language_name(language, 'en')})", flush=True)
        for path in sorted(catalogue_dir(paths.locales, language).rglob("*.po")):
            try:
                done = progress.of_catalogue(untrusted.catalogue(path))
            except ValueError as err:  # Refused too; make check-po says where
                print(f"   {path.name}: not read ({err})")
                continue
            if done.waiting:
                fuzzy = f", {done.fuzzy} fuzzy" if done.fuzzy else ""
                name = path.relative_to(catalogue_dir(paths.locales, language))
                print(f"   {name}: {done.waiting} of {done.total} left{fuzzy}")
        if language == facts.source_language:
            continue
        for essay in essays:
            done = progress.of_pages(checked.progress, paths.locales, language, essay.pages)
            if done.complete:
                state = "complete: in the e-books, the feed and the catalogue"
            elif done.untouched:
                state = "not started: not published in this language"
            else:
                since = f", fuzzy since {done.since}" if done.outdated else ""
                state = (
                    f"{done.waiting} passages waiting ({done.fuzzy} fuzzy{since}): shown "
                    f"in the original, not in the e-books yet"
                )
            print(f"   {essay.folder}: {done.percent} %, {state}", flush=True)
        for note in notes:
            if note.startswith(f"{language}: "):
                print(f"   note: {note.removeprefix(f'{language}: ')}")
    return 0


def report(problems: list[Problem], notes: list[Problem], root: Path) -> None:
    def shown(p: Problem) -> str:
        path = p.path.relative_to(root) if p.path.is_relative_to(root) else p.path
        return str(Problem(path, p.line, p.message))

    for note in notes:
        print(shown(note), file=sys.stderr)
    for problem in problems:
        print(shown(problem), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=["update", "check", "compile", "todo", "new", "templates", "tx-config"]
    )
    parser.add_argument(
        "--organization",
        default=os.environ.get("TX_ORGANIZATION", ""),
        help="tx-config: the Transifex organization (or TX_ORGANIZATION)",
    )
    parser.add_argument(
        "--project",
        default=os.environ.get("TX_PROJECT", ""),
        help="tx-config: the Transifex project (or TX_PROJECT)",
    )
    parser.add_argument("language", nargs="?")
    add_arguments(parser)
    args = parser.parse_args(argv)
    paths = BuildPaths.from_arguments(args)
    facts = load_facts(paths.root)
    if refuse_tracked_build_files(paths, "catalogues"):
        return 1

    if args.command == "new":
        if not args.language or not LANGUAGE_CODE.fullmatch(args.language):
            parser.error("new needs a language code, e.g. fr or pt_BR")
        return new_language(paths, facts, args.language)
    if args.command == "update":
        return update(paths, list(facts.languages))
    if args.command == "templates":
        write_templates(paths, facts)
        print(f"catalogues: templates in {paths.pot_templates}")
        return 0
    if args.command == "tx-config":
        return tx_config(paths, facts, args.organization, args.project)
    if args.command == "todo":
        return todo(paths, [*facts.translations, facts.source_language])
    if args.command == "check":
        problems, notes = check(paths)
    else:
        problems, notes = compile_catalogues(paths), []
    report(problems, notes, paths.root)
    if problems:
        print(f"catalogues: {len(problems)} problem(s); nothing was published.", file=sys.stderr)
        return 1
    if args.command == "check":
        warnings = sum(1 for note in notes if note.message.startswith("warning:"))
        print(
            f"catalogues: {len(list(paths.locales.rglob('*.po')))} checked, no problems, "
            f"{warnings} warning(s)."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
