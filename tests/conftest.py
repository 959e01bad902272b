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


# Under CI=true a skipped test fails the run: CI installs every tool the suite uses, so
# a skip there means a test silently stopped running. A skip whose reason starts with
# CI_CANNOT names a condition CI cannot meet, and stays a skip.
CI_CANNOT = "CI cannot:"
_SKIPPED: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        _SKIPPED.append(f"{report.nodeid}: {_reason(report)}")


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.skipped:
        _SKIPPED.append(f"{report.nodeid}: {_reason(report)}")


def _reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    longrepr = report.longrepr
    return str(longrepr[2] if isinstance(longrepr, tuple) else longrepr).removeprefix("Skipped: ")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    forbidden = [s for s in _SKIPPED if ": " + CI_CANNOT not in s]
    if os.environ.get("CI") == "true" and forbidden and exitstatus == 0:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write("\n")
            reporter.write_line(
                "CI=true: these tests skipped, which CI must not allow (install what they need):",
                red=True,
            )
            for line in forbidden:
                reporter.write_line(f"  {line}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Keep the suite independent of a developer's own environment.
os.environ.pop("GITHUB_ACTIONS", None)
