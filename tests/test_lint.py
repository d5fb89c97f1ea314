"""The code stays clean: ruff on the Python, sphinx-lint on the translations and sources."""

import subprocess
import sys

from conftest import ROOT


def test_ruff():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout


def test_sphinx_lint():
    targets = [p for p in ("docs", "locales") if (ROOT / p).exists()]
    run = subprocess.run([sys.executable, "-m", "sphinxlint", *targets], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
