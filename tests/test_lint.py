"""The code stays clean: ruff (lint and format) and mypy on the Python, sphinx-lint on the
translations."""

import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
        # The catalogues hold MyST, not reStructuredText: its role syntax is not a mistake.
        ["sphinxlint", "--disable", "missing-space-before-default-role", "locales"],
    ],
    ids=lambda c: " ".join(c),
)
def test_clean(command):
    run = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
