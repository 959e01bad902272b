"""The pre-commit hook, end to end: ``pre-commit try-repo`` installs this project from a
clean clone (dependencies from PyPI) and runs ``factsheet-check`` in a consumer repository.

Slow: try-repo installs into a fresh store on every call (about 20 s each), so the
test makes two calls. That a changed source re-checks the facts using it is
tested in-process (tests/test_formats.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import ONE_QUOTE, REPO, SEED, SEED_NAME, tool

PLANTED = ONE_QUOTE.replace("scale up", "step up")  # FS301: not what the source prints
# What a clean clone of this project holds that an install needs.
PACKAGE = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "cli/factsheet"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def tools() -> tuple[str, str]:
    pre_commit, git_exe = tool("pre-commit"), tool("git")
    if pre_commit is None or git_exe is None:
        pytest.skip("pre-commit or git is not installed (pip install -e '.[test]')")
    return pre_commit, git_exe


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, tools: tuple[str, str]) -> Path:
    """This project as a clean git repository: what `rev:` would name."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in PACKAGE:
        source, target = REPO / name, repo / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "snapshot")
    return repo


@pytest.fixture
def consumer(tmp_path: Path) -> Path:
    """A repository holding a small fact project."""
    root = tmp_path / "consumer"
    (root / "facts").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "factsheet.toml").write_text("", encoding="utf-8")
    shutil.copy2(SEED, root / "seeds" / SEED_NAME)
    (root / "facts" / "baltic.yaml").write_text(ONE_QUOTE, encoding="utf-8")
    (root / "notes.yaml").write_text("not: a fact file\n", encoding="utf-8")  # not the hook's
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "facts")
    return root


def try_repo(
    tools: tuple[str, str], hook_repo: Path, cwd: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRE_COMMIT", "GITHUB_"))}
    env |= {"NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [tools[0], "try-repo", str(hook_repo), "factsheet-check", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_manifest_offers_factsheet_check() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "factsheet-check"
    assert hook["entry"].startswith("factsheet check")
    assert hook["require_serial"] is True


def test_own_config_runs_ruff_mypy_and_the_hook() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ids = [hook["id"] for repo in config["repos"] for hook in repo["hooks"]]
    assert ids == ["ruff", "ruff-format", "mypy", "factsheet-check"]


def test_hook_passes_on_good_facts_and_fails_on_a_planted_error(
    tools: tuple[str, str], hook_repo: Path, consumer: Path
) -> None:
    good = try_repo(tools, hook_repo, consumer, "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "factsheet check" in good.stdout
    assert "Passed" in good.stdout

    (consumer / "facts" / "baltic.yaml").write_text(PLANTED, encoding="utf-8")
    bad = try_repo(tools, hook_repo, consumer, "--all-files")  # notes.yaml is not passed
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "FS301" in bad.stdout
    assert "1 fact in 1 file: 0 verified, 1 error, 0 warnings" in bad.stdout
