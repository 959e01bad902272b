"""Shared fixtures: a throw-away project around the seed article, and the CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.app import app

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_NAME = "000_1833ecb2ef3ce3e0.txt"
SEED = SEEDS / SEED_NAME
SHIPPED_FACTS = REPO / "facts" / "nato-eu-baltic.yaml"
SHARED = REPO.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fact file behind the golden reports of every `check` format: correct
# facts and planted findings.
GOLDEN_FACTS = (FIXTURES / "baltic.yaml").read_text(encoding="utf-8")
# One correct quote fact about the seed.
ONE_QUOTE = f"""\
source: {SEED_NAME}
facts:
  - id: scale-up-cooperation
    kind: quote
    quote: We discussed how we could scale up our collaborative efforts between NATO and the EU
    speaker: Jens Stoltenberg
"""
# Exactly one FS102 warning (the excerpt occurs on lines 17 and 21), nothing else.
WARNING_ONLY = f"""\
source: {SEED_NAME}
facts:
  - id: eastern-members
    kind: claim
    statement: Latvia, Lithuania and Poland are on the EU's eastern border.
    evidence: "Latvia, Lithuania, and Poland"
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def assert_golden(name: str, actual: str, update: bool) -> None:
    """Compare with tests/golden/NAME; with --update-golden, rewrite it instead."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


class Project:
    """A project folder (factsheet.toml, seeds/ with the seed article, facts/)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        (root / "factsheet.toml").write_text("", encoding="utf-8")
        (root / "facts").mkdir()
        shutil.copytree(SEEDS, root / "seeds")

    def facts(self, name: str, text: str) -> Path:
        path = self.root / "facts" / name
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A fresh project; the working directory is its root for the test."""
    proj = Project(tmp_path / "proj")
    monkeypatch.chdir(proj.root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return proj


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


# Keep the suite independent of a developer's own environment.
os.environ.pop("GITHUB_ACTIONS", None)
