"""The code stays clean: every check of .pre-commit-config.yaml (ruff, ruff format, mypy,
pymarkdown, powrap, sphinx-lint, the CI workflow against GitHub's schema) on every file of the
repository."""

import subprocess
import sys

from conftest import ROOT


def test_every_pre_commit_check_passes():
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
