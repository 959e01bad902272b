"""Under CI=true a skipped test fails the run, unless its reason says CI cannot meet it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

SUITE = {
    "test_missing_tool.py": "import pytest\n\n"
    "def test_needs_a_tool():\n    pytest.skip('some-tool is not installed')\n",
    "test_fine.py": "def test_runs():\n    assert True\n",
}


def _run(tmp_path: Path, ci: str | None, tests: dict[str, str]) -> tuple[int, str]:
    shutil.copy2(REPO / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "helpers.py").write_text("class Project: ...\n", encoding="utf-8")
    for name, text in tests.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout


@pytest.mark.parametrize(("ci", "status"), [(None, 0), ("false", 0), ("true", 1)])
def test_a_skip_for_a_missing_tool_fails_only_under_ci(
    tmp_path: Path, ci: str | None, status: int
) -> None:
    code, out = _run(tmp_path, ci, SUITE)
    assert code == status, out
    assert out.splitlines()[-1].split(" in ")[0] == "1 passed, 1 skipped"
    flagged = "  test_missing_tool.py::test_needs_a_tool: some-tool is not installed"
    assert (flagged in out.splitlines()) is (ci == "true")


def test_a_reason_ci_cannot_meet_stays_a_skip(tmp_path: Path) -> None:
    tests = {
        "test_other_os.py": SUITE["test_missing_tool.py"].replace(
            "'some-tool is not installed'", "'CI cannot: this needs Windows'"
        )
    }
    code, out = _run(tmp_path, "true", tests)
    assert (code, out.splitlines()[-1].split(" in ")[0]) == (0, "1 skipped")
