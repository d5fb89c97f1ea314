"""The gate of a translation pull request (essaylib.i18n.gate): run by the base's code on the
pull request as data, it refuses every change a translation may not make, by name, and
holds the catalogues to the build's own checks, with file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from conftest import copy_book

from essaylib.i18n.gate import annotation, gate

CHAPTER = "locales/de/LC_MESSAGES/relatietherapie-voor-de-kinderen/inleiding.po"
QUIET = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}


def git(repository: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repository,
        check=True,
        capture_output=True,
        text=True,
        env=QUIET,
    ).stdout.strip()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book as committed on the branch a pull request goes into."""
    repository = copy_book(tmp_path_factory.mktemp("base") / "book")
    (repository / ".gitignore").write_text("/_build/\n/.venv/\n", encoding="utf-8")
    git(repository, "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-qm", "base")
    return repository


@pytest.fixture
def pull_request(base: Path, tmp_path: Path) -> Path:
    clone = tmp_path / "pull-request"
    subprocess.run(["git", "clone", "-q", str(base), str(clone)], check=True, env=QUIET)
    return clone


def commit(clone: Path) -> None:
    git(clone, "add", "-A", "--force")
    git(clone, "commit", "-qm", "translation")


def translate(clone: Path, words: str) -> int:
    """A German translator's edit of the introduction's first entry; its line."""
    path = clone / CHAPTER
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgstr)
    entry.msgstr = words
    po.save(str(path))
    return next(e for e in polib.pofile(str(path)) if e.msgstr == words).linenum


def verdict(base: Path, clone: Path) -> tuple[list[str], list[str]]:
    problems, warnings = gate(base, clone, git(base, "rev-parse", "HEAD"))
    return [str(p) for p in problems], [str(w) for w in warnings]


def test_a_translators_edit_passes(base, pull_request):
    translate(pull_request, "Einleitung: der Mut, an dir selbst und deiner Beziehung zu arbeiten")
    commit(pull_request)
    assert verdict(base, pull_request)[0] == []


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("_build/de/doctrees/environment.pickle", "a file under a folder git ignores"),
        ("conf.py", "outside locales/<language>/"),
        ("locales/names.txt", "outside locales/<language>/"),
        ("locales/de/run.sh", "not a file a translation holds"),
    ],
)
def test_a_file_a_translation_does_not_hold_is_refused_by_name(base, pull_request, path, words):
    target = pull_request / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"\x80\x04cos\nsystem\n(S'id'\ntR.")  # a pickle that runs `id`
    translate(pull_request, "Einleitung.")
    commit(pull_request)
    problems, _ = verdict(base, pull_request)
    assert [p for p in problems if p.startswith(f"{path}:0: refused: {words}")], problems


def test_a_symbolic_link_is_refused(base, pull_request):
    link = pull_request / "locales" / "de" / "LC_MESSAGES" / "passwd.po"
    link.symlink_to("/etc/passwd")
    commit(pull_request)
    problems, _ = verdict(base, pull_request)
    assert problems == [
        "locales/de/LC_MESSAGES/passwd.po:0: refused: a symbolic link; "
        "a translation is made of regular files"
    ]


def test_another_languages_catalogue_is_refused(base, pull_request):
    translate(pull_request, "Einleitung.")
    english = pull_request / CHAPTER.replace("/de/", "/en/")
    english.write_text(english.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit(pull_request)
    problems, _ = verdict(base, pull_request)
    assert len(problems) == 1 and problems[0].startswith(
        f"{CHAPTER.replace('/de/', '/en/')}:0: refused: another language's file"
    ), problems


def test_a_hostile_catalogue_is_refused_with_file_and_line(base, pull_request):
    line = translate(pull_request, "Einleitung <script>alert(1)</script>")
    commit(pull_request)
    problems, _ = verdict(base, pull_request)
    assert problems and problems[0].startswith(f"{CHAPTER}:{line}: "), problems
    said = annotation("error", gate(base, pull_request, git(base, "rev-parse", "HEAD"))[0][0])
    assert said == (
        f"::error file={CHAPTER},line={line}::the translation brings in < >, which the "
        "original does not have as often (they are markup in HTML, MyST or LaTeX)"
    )


def test_the_command_says_it_as_annotations_and_a_summary(base, pull_request, tmp_path):
    line = translate(pull_request, "Einleitung <b>fett</b>")
    commit(pull_request)
    summary = tmp_path / "summary.md"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "essaylib.i18n.gate",
            "--pr",
            str(pull_request),
            "--base",
            git(base, "rev-parse", "HEAD"),
            "--root",
            str(base),
            "--summary",
            str(summary),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert f"::error file={CHAPTER},line={line}::" in run.stdout
    assert f"`{CHAPTER}:{line}`" in summary.read_text(encoding="utf-8")


def test_a_hostile_file_name_or_message_stays_data_in_the_annotation_and_summary():
    """The pull request names its files and its words reach the messages: neither may
    end a workflow command or start another, nor become Markdown in the summary."""
    from pathlib import Path

    from essaylib.i18n.allowlist import Problem
    from essaylib.i18n.gate import summary

    problem = Problem(
        Path("locales/de/a,b::c\n::error file=x::forged.po"),
        3,
        "bad%0A\n::warning::forged [link](https://evil.example) <img src=x> `x`",
    )
    command = annotation("error", problem)
    assert "\n" not in command and "\r" not in command  # one command, on one line
    assert command.endswith(
        "::bad%250A%0A::warning::forged [link](https://evil.example) <img src=x> `x`"
    )
    assert command.startswith("::error file=locales/de/a%2Cb%3A%3Ac%0A%3A%3Aerror file=x%3A%3A")
    written = summary([problem], [])
    assert "<img" not in written and "](https" not in written
    assert "&lt;img src=x&gt;" in written and "\\[link\\]" in written
