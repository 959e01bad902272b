"""The style bar, enforced by the one test command: ruff lint, ruff format, mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import REPO


@pytest.mark.parametrize(
    "args",
    [
        ["ruff", "check", "--no-cache", "cli", "tests", "benchmarks"],
        ["ruff", "format", "--check", "--no-cache", "cli", "tests", "benchmarks"],
        ["mypy"],  # strict, with the files and paths of [tool.mypy] in pyproject.toml
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_is_clean(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}"
