"""The gate of a translation pull request, before anyone merges or builds it.

    python -m essaylib.i18n.gate --pr PULL_REQUEST_CHECKOUT --base BASE_COMMIT [--summary FILE]

Run by the base's code (a checkout of the branch the pull request goes into), never by
the pull request's: the pull request is data. It may change only the files a translation
holds, in one language's folder (``locales/<language>/``): its catalogues, glossary,
word list and translators file, as regular files. Anything else (a file outside that
folder, another language's, a symbolic link, a submodule, a file under an ignored folder
such as the build folder) is refused by name. Then its catalogues go through the very
checks of ``make`` and ``make check-po`` (essaylib.i18n.catalogues.check), on the base's
sources with the pull request's folder laid over them, and the problems are said with
their file and line: as GitHub annotations on the pull request's lines and in the job's
summary. Warnings are given for what the pull request changed only.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from essaylib.i18n.allowlist import Problem
from essaylib.model.facts import load_facts
from essaylib.model.paths import SOURCES, BuildPaths

# What a translation's folder holds (besides its catalogues under LC_MESSAGES/).
TRANSLATION_FILES = ("translators.toml", "glossary.csv", "wordlist.txt", "GLOSSARY.md")
REGULAR = ("100644", "100755")


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, T (no renames: a rename is a deletion and an addition)
    mode: str  # the new mode (000000 when deleted)
    path: str


def git(repository: Path, *args: str) -> str:
    run = subprocess.run(
        ["git", "-C", str(repository), *args], capture_output=True, text=True, check=True
    )
    return run.stdout


def changes(pull_request: Path, base: str) -> list[Change]:
    """What the pull request changes since it left the base (git diff base...HEAD)."""
    raw = git(pull_request, "diff", "--raw", "-z", "--no-renames", f"{base}...HEAD")
    fields = raw.split("\0")
    found = []
    for info, path in zip(fields[0::2], fields[1::2], strict=False):
        if not info.startswith(":"):
            continue
        _, new_mode, _, _, status = info[1:].split(" ")
        found.append(Change(status[0], new_mode, path))
    return found


def language_of(path: str) -> str | None:
    parts = PurePosixPath(path).parts
    return parts[1] if len(parts) > 2 and parts[0] == "locales" else None


def refusals(trusted: Path, found: list[Change], languages: tuple[str, ...]) -> list[Problem]:
    """Each change a translation pull request may not make, named."""
    counted: dict[str, int] = {}
    for change in found:
        if (language := language_of(change.path)) in languages:
            counted[language] = counted.get(language, 0) + 1
    language = max(counted, key=lambda code: counted[code]) if counted else None
    problems = []

    def refuse(change: Change, why: str) -> None:
        problems.append(Problem(Path(change.path), 0, f"refused: {why}"))

    for change in found:
        parts = PurePosixPath(change.path).parts
        ignored = subprocess.run(
            ["git", "-C", str(trusted), "check-ignore", "-q", "--no-index", change.path]
        )
        if ignored.returncode == 0:
            refuse(change, "a file under a folder git ignores (build output is never taken)")
        elif change.status != "D" and change.mode == "120000":
            refuse(change, "a symbolic link; a translation is made of regular files")
        elif change.status != "D" and change.mode not in REGULAR:
            refuse(change, f"not a regular file (mode {change.mode})")
        elif language_of(change.path) not in languages:
            refuse(change, "outside locales/<language>/: a translation changes nothing else")
        elif language_of(change.path) != language:
            refuse(
                change,
                f"another language's file: this pull request translates {language}; "
                "each language comes in a pull request of its own",
            )
        elif not (
            (len(parts) > 3 and parts[2] == "LC_MESSAGES" and change.path.endswith(".po"))
            or (len(parts) == 3 and parts[2] in TRANSLATION_FILES)
        ):
            refuse(
                change,
                "not a file a translation holds (its catalogues under LC_MESSAGES/, "
                f"{', '.join(TRANSLATION_FILES)})",
            )
    return problems


def laid_over(trusted: Path, pull_request: Path, language: str, into: Path) -> Path:
    """The base's sources, committed, with the pull request's folder of one language laid
    over them, taken from git's objects (its files as committed, never as checked out)."""
    book = into / "book"
    for part in SOURCES:
        source = trusted / part
        if source.is_dir():
            shutil.copytree(source, book / part, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, book / part)
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=gate", "-c", "user.email=gate@localhost", "commit", "-qm", "base"],
    ):
        subprocess.run(["git", "-C", str(book), *args], check=True, env=environment)
    folder = book / "locales" / language
    shutil.rmtree(folder, ignore_errors=True)
    listing = git(pull_request, "ls-tree", "-r", "-z", "HEAD", "--", f"locales/{language}/")
    for line in filter(None, listing.split("\0")):
        info, path = line.split("\t", 1)
        mode, kind, sha = info.split()
        if kind != "blob" or mode not in REGULAR:
            continue
        target = book / path
        target.parent.mkdir(parents=True, exist_ok=True)
        blob = subprocess.run(
            ["git", "-C", str(pull_request), "cat-file", "blob", sha],
            capture_output=True,
            check=True,
        )
        target.write_bytes(blob.stdout)
    return book


# A file's name and a problem's words come from the pull request: each is escaped for
# where it lands, so that none can end the command or start another (GitHub's toolkit
# escapes a command's data and properties the same way), or become Markdown.
COMMAND_DATA = {"%": "%25", "\r": "%0D", "\n": "%0A"}
COMMAND_PROPERTY = {**COMMAND_DATA, ":": "%3A", ",": "%2C"}


def escaped(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, c) for c in text)


def annotation(kind: str, problem: Problem) -> str:
    """A GitHub workflow command: the problem shown on the pull request's line."""
    where = f"file={escaped(str(problem.path), COMMAND_PROPERTY)}"
    where += f",line={problem.line}" if problem.line else ""
    return f"::{kind} {where}::{escaped(problem.message, COMMAND_DATA)}"


def markdown_text(text: str) -> str:
    """Text in the job's summary as text: Markdown's and HTML's characters escaped, on
    one line."""
    text = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+!|~-])", r"\\\1", text)


def code_span(text: str) -> str:
    """Text as a Markdown code span (nothing in it is markup), on one line."""
    text = " ".join(text.split())
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}" if "`" in text else f"{fence}{text}{fence}"


def summary(problems: list[Problem], warnings: list[Problem]) -> str:
    lines = ["## Translation check", ""]
    if not problems:
        lines.append("No problems: the catalogues pass every check of the build.")
    for title, found in (("Problems", problems), ("Warnings", warnings)):
        if found:
            lines += ["", f"### {title}", ""]
            lines += [
                f"- {code_span(f'{p.path}:{p.line}')}: {markdown_text(p.message)}" for p in found
            ]
    return "\n".join(lines) + "\n"


def gate(trusted: Path, pull_request: Path, base: str) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) of a translation pull request."""
    facts = load_facts(trusted)
    found = changes(pull_request, base)
    if problems := refusals(trusted, found, facts.languages):
        return problems, []
    languages = {code for c in found if (code := language_of(c.path))}
    if not languages:
        return [], []
    [language] = languages
    from essaylib.i18n.catalogues import check  # Sphinx's parser, once the files are known

    with tempfile.TemporaryDirectory() as tmp:
        book = laid_over(trusted, pull_request, language, Path(tmp))
        os.environ["REVIEW_SINCE"] = "HEAD"  # warnings on what the pull request changed
        problems, notes = check(BuildPaths.of(book))

        def relative(p: Problem) -> Problem:
            path = p.path.relative_to(book) if p.path.is_relative_to(book) else p.path
            return Problem(path, p.line, p.message.removeprefix("warning: "))

        warnings = [relative(n) for n in notes if n.message.startswith("warning:")]
        return [relative(p) for p in problems], warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pr", type=Path, required=True, help="the pull request's checkout")
    parser.add_argument("--base", required=True, help="the commit it goes into")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the base's checkout")
    parser.add_argument("--summary", type=Path, help="where to write the job's summary")
    args = parser.parse_args(argv)
    problems, warnings = gate(args.root.resolve(), args.pr.resolve(), args.base)
    for kind, found in (("error", problems), ("warning", warnings)):
        for problem in found:
            print(annotation(kind, problem))
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as out:
            out.write(summary(problems, warnings))
    print(f"gate: {len(problems)} problem(s), {len(warnings)} warning(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
