"""The layers ARCHITECTURE.md describes, as the imports of each package really are."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers import REPO

PACKAGE = REPO / "cli" / "factsheet"
# What each layer must never import (a lower layer never reaches a higher one).
# rules.base and rules.input_format only declare codes: every layer may use them.
FORBIDDEN = {
    "source": ("factsheet.text.", "factsheet.rules.", "factsheet.engine.", "factsheet.outputs."),
    "factfile": ("factsheet.text.", "factsheet.engine.", "factsheet.outputs."),
    "text": ("factsheet.rules.", "factsheet.factfile.", "factsheet.engine.", "factsheet.outputs."),
    "rules": ("factsheet.engine.", "factsheet.outputs."),
    "engine": ("factsheet.outputs.",),
    "outputs": (),
}
EVERY_LAYER_MAY = ("factsheet.rules.base", "factsheet.rules.input_format")
NEVER_BELOW_COMMANDS = ("factsheet.commands.", "factsheet.app.", "typer.")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_only_what_lies_below_it(layer: str) -> None:
    stray = {
        f"{path.relative_to(PACKAGE).as_posix()} imports {name}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for name in _imports(path)
        if (name + ".").startswith(FORBIDDEN[layer] + NEVER_BELOW_COMMANDS)
        and not name.startswith(EVERY_LAYER_MAY)
    }
    assert stray == set()


def test_the_layer_check_sees_a_stray_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("from factsheet.engine.run import run_check\nimport factsheet.text\n")
    assert _imports(module) == {
        "factsheet.engine.run",
        "factsheet.engine.run.run_check",
        "factsheet.text",
    }


def test_architecture_is_linked_from_the_readme_and_names_every_package() -> None:
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    assert "](ARCHITECTURE.md)" in (REPO / "README.md").read_text(encoding="utf-8")
    for package in sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        assert f"{package}/" in text, package
