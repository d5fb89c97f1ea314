"""The CI workflows are hardened: every action pinned by its commit, no checkout keeps a
token where the build runs, no value of a matrix or an event reaches a shell as text,
Python packages installed by hash, and a translation pull request checked by the base's
code alone, with a read-only token and no secrets."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def steps():
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in workflow["jobs"].items():
            for step in job.get("steps", []):
                yield path.name, name, step


def test_every_action_is_pinned_by_its_commit():
    uses = [(f, j, s["uses"]) for f, j, s in steps() if "uses" in s]
    assert sorted({file for file, _, _ in uses}) == sorted(p.name for p in WORKFLOWS)
    for file, job, action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (file, job, action)


def test_no_checkout_keeps_a_token():
    for file, job, step in steps():
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") is False, (file, job)


def test_no_expression_is_expanded_into_a_shell():
    for file, job, step in steps():
        assert "${{" not in step.get("run", ""), (file, job, step["run"])


def test_python_packages_are_installed_by_hash():
    setup = (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
    assert "--require-hashes" in setup
    for lock in ("requirements.lock", "requirements-test.lock"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        pins = re.findall(r"^([\w.-]+)==", text, re.M)
        assert pins and text.count("--hash=sha256:") >= len(pins), lock
    for file, job, step in steps():
        if "pip install" in step.get("run", ""):
            assert "--require-hashes" in step["run"] or "--no-deps" in step["run"], (file, job)


def test_a_translation_pull_request_is_checked_by_the_bases_code():
    workflow = yaml.safe_load(
        (ROOT / ".github" / "workflows" / "translation-check.yml").read_text(encoding="utf-8")
    )
    assert "pull_request" in workflow[True]  # YAML reads the key "on" as True
    assert "pull_request_target" not in workflow[True]
    assert workflow["permissions"] == {"contents": "read"}
    [job] = workflow["jobs"].values()
    text = yaml.safe_dump(job)
    assert "secrets." not in text
    refs = [s["with"]["ref"] for s in job["steps"] if s.get("uses", "").startswith("actions/")]
    assert refs == [
        "${{ github.event.pull_request.base.sha }}",
        "${{ github.event.pull_request.head.sha }}",
    ]
    runs = " ".join(s.get("run", "") for s in job["steps"])
    assert "trusted/.venv/bin/python -m essaylib.i18n.gate" in runs
    assert "pull-request/" not in runs.replace("--pr pull-request", "")  # nothing of it runs
