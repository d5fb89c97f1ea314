"""The package's layers (ARCHITECTURE.md): each module imports only its own layer and
those below it, and the model layer runs without Sphinx."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import essaylib

PACKAGE = Path(essaylib.__file__).parent
# Lowest first: a module may import from its own layer and those before it.
LAYERS = ("compat", "text", "model", "i18n", "sphinxext", "outputs", "cli")
# Function-level imports that reach up, each for a reason ARCHITECTURE.md gives.
UPWARD = {("text.markup", "sphinxext.defaults")}


def layer(module: str) -> str:
    return module.removeprefix("essaylib.").split(".")[0]


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in LAYERS:
            found[".".join(p for p in parts if p != "__init__")] = path
    return found


def imports(path: Path) -> set[str]:
    """The essaylib modules a file imports, type-checking imports aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("essaylib."):
            base = node.module.removeprefix("essaylib.")
            found |= {f"{base}.{a.name}" if base in LAYERS else base for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("essaylib.") for a in node.names if "essaylib." in a.name}
    return found


def test_every_module_is_in_a_layer_and_imports_only_downwards() -> None:
    found = modules()
    assert {layer(name) for name in found} == set(LAYERS)
    upward = {
        (name, other)
        for name, path in found.items()
        for other in imports(path)
        if LAYERS.index(layer(other)) > LAYERS.index(layer(name))
    }
    assert upward == UPWARD


def test_no_two_modules_share_a_name() -> None:
    names = [name.rsplit(".", 1)[-1] for name in modules() if "." in name]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_the_model_runs_without_sphinx() -> None:
    model = [f"essaylib.{name}" for name in modules() if layer(name) == "model"]
    code = (
        f"import sys; import {', '.join(model)}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sphinx'))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
