"""``factsheet init [DIR]``: a project whose example checks clean; never overwrites."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from typer.testing import CliRunner

from factsheet.factfile.schema import SCHEMA_NAME, render_schema
from helpers import invoke

CREATED = [
    "factsheet.toml",
    SCHEMA_NAME,
    "facts/example.yaml",
    "seeds/example.txt",
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def tree(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_creates_a_project_that_checks_clean(
    here: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = invoke(runner, "init", "news")
    assert (code, err) == (0, "")
    assert out.startswith("Created a factsheet project in news: facts/, seeds/, ")
    assert out.endswith("Next: cd news && factsheet check\n")
    root = here / "news"
    assert tree(root) == sorted(CREATED)
    monkeypatch.chdir(root)
    code, out, err = invoke(runner, "check")
    assert (code, out, err) == (0, "3 facts in 1 file: 3 verified, 0 errors, 0 warnings\n", "")
    assert invoke(runner, "check", "--strict")[0] == 0


def test_init_writes_the_schema_and_the_modeline(here: Path, runner: CliRunner) -> None:
    assert invoke(runner, "init")[0] == 0
    assert (here / SCHEMA_NAME).read_text(encoding="utf-8") == render_schema()
    facts = (here / "facts" / "example.yaml").read_text(encoding="utf-8")
    assert facts.startswith(f"# yaml-language-server: $schema=../{SCHEMA_NAME}\n")
    schema = json.loads((here / SCHEMA_NAME).read_text(encoding="utf-8"))
    data = yaml.safe_load(facts)
    data["facts"][0]["date"] = str(data["facts"][0]["date"])  # YAML 1.2 tools keep it text
    jsonschema.validate(data, schema)


def test_init_config_is_valid(here: Path, runner: CliRunner) -> None:
    from factsheet.config import load_config

    assert invoke(runner, "init")[0] == 0
    config = load_config(here)
    assert (config.root, config.facts, config.seeds) == (here, here / "facts", here / "seeds")


@pytest.mark.parametrize("existing", ["facts", "seeds", "factsheet.toml", SCHEMA_NAME])
def test_init_refuses_to_overwrite(here: Path, runner: CliRunner, existing: str) -> None:
    target = here / existing
    if "." in existing:
        target.write_text("mine\n", encoding="utf-8")
    else:
        target.mkdir()
    before = tree(here)
    code, out, err = invoke(runner, "init")
    assert (code, out) == (2, "")
    assert err.startswith("factsheet: error: refusing to overwrite existing ")
    assert existing in err
    assert tree(here) == before
    assert not (here / "facts" / "example.yaml").exists()


def test_init_refuses_a_file_as_directory(here: Path, runner: CliRunner) -> None:
    (here / "taken").write_text("x", encoding="utf-8")
    code, _, err = invoke(runner, "init", "taken")
    assert code == 2
    assert err == "factsheet: error: taken exists and is not a folder\n"


def test_init_twice_fails_the_second_time(here: Path, runner: CliRunner) -> None:
    assert invoke(runner, "init", "p")[0] == 0
    before = {p: (here / "p" / p).read_bytes() for p in CREATED}
    assert invoke(runner, "init", "p")[0] == 2
    assert {p: (here / "p" / p).read_bytes() for p in CREATED} == before
