"""Fixtures: a throw-away project around the seed article, and the CLI runner.

Everything else tests share (paths, Project, invoke, golden files, mutation
helpers) is in helpers.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import Project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files under tests/golden from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


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


# Keep the suite independent of a developer's own environment.
os.environ.pop("GITHUB_ACTIONS", None)
