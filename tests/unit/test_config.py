"""Configuration: factsheet.toml or [tool.factsheet], root discovery, exact errors (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.config import Config, ConfigError, find_root, load_config
from helpers import WARNING_ONLY, Project, invoke


def configure(project: Project, text: str, name: str = "factsheet.toml") -> None:
    (project.root / name).write_text(text, encoding="utf-8")


# --- invalid configuration: exit 2, one line naming the problem --------------------------


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("colour = 1\n", "factsheet.toml: unknown configuration key 'colour'"),
        (
            "strct = true\n",
            "factsheet.toml: unknown configuration key 'strct'; did you mean 'strict'?",
        ),
        (
            '[brief]\noutptu = "out"\n',
            "factsheet.toml: unknown configuration key 'brief.outptu'; "
            "did you mean 'brief.output'?",
        ),
        ('strict = "yes"\n', "factsheet.toml: 'strict' must be true or false"),
        ("facts = 3\n", "factsheet.toml: 'facts' must be a string"),
        ("seeds = []\n", "factsheet.toml: 'seeds' must be a string"),
        ('select = "FS1"\n', "factsheet.toml: 'select' must be a list of rule codes or prefixes"),
        ("ignore = [101]\n", "factsheet.toml: 'ignore' must be a list of rule codes or prefixes"),
        ("brief = 3\n", "factsheet.toml: 'brief' must be a table"),
        ("[brief]\ntemplate = 1\n", "factsheet.toml: 'template' must be a string"),
        (
            'select = ["FS999"]\n',
            "factsheet.toml: 'FS999' is not a rule code or prefix (see 'factsheet rules')",
        ),
        (
            'ignore = ["FS1", "nope"]\n',
            "factsheet.toml: 'nope' is not a rule code or prefix (see 'factsheet rules')",
        ),
    ],
)
def test_invalid_configuration_exits_2(
    project: Project, runner: CliRunner, toml: str, message: str
) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    configure(project, toml)
    assert invoke(runner, "check") == (2, "", f"factsheet: error: {message}\n")


def test_unknown_key_in_pyproject_tool_table(project: Project, runner: CliRunner) -> None:
    (project.root / "factsheet.toml").unlink()
    project.facts("w.yaml", WARNING_ONLY)
    configure(project, '[tool.factsheet]\nfacts = "facts"\nsede = "x"\n', "pyproject.toml")
    assert invoke(runner, "check") == (
        2,
        "",
        "factsheet: error: pyproject.toml: unknown configuration key 'sede'; "
        "did you mean 'seeds'?\n",
    )


def test_unknown_key_is_found_from_a_subfolder(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    configure(project, "colour = 1\n")
    monkeypatch.chdir(project.root / "facts")
    assert invoke(runner, "check", "w.yaml") == (
        2,
        "",
        "factsheet: error: factsheet.toml: unknown configuration key 'colour'\n",
    )


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b"strict = \n", "Invalid value (at line 1, column 10)"),
        (b"[brief\n", "Expected ']' at the end of a table declaration (at line 1, column 7)"),
        (b"facts = '\xff'\n", "'utf-8' codec can't decode byte 0xff in position 9"),
    ],
)
def test_unreadable_configuration_exits_2(
    project: Project, runner: CliRunner, content: bytes, detail: str
) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    (project.root / "factsheet.toml").write_bytes(content)
    code, out, err = invoke(runner, "check")
    assert (code, out) == (2, "")
    assert err.startswith("factsheet: error: factsheet.toml: cannot read configuration: ")
    assert detail in err
    assert err.count("\n") == 1


# --- valid configuration ------------------------------------------------------------------


def test_defaults(project: Project) -> None:
    assert load_config(project.root) == Config(
        root=project.root.resolve(),
        facts=project.root.resolve() / "facts",
        seeds=project.root.resolve() / "seeds",
        select=("FS",),
        ignore=(),
        strict=False,
        brief_output="",
        brief_template="",
        file=project.root.resolve() / "factsheet.toml",
    )


def test_every_documented_key(project: Project) -> None:
    configure(
        project,
        'facts = "curated"\nseeds = "texts"\nselect = ["FS1", "fs3"]\nignore = ["FS102"]\n'
        'strict = true\n[brief]\noutput = "out"\ntemplate = "brief.md.j2"\n',
    )
    config = load_config(project.root / "facts")
    root = project.root.resolve()
    assert config == Config(
        root=root,
        facts=root / "curated",
        seeds=root / "texts",
        select=("FS1", "FS3"),
        ignore=("FS102",),
        strict=True,
        brief_output="out",
        brief_template="brief.md.j2",
        file=root / "factsheet.toml",
    )


def test_facts_and_seeds_folders_from_configuration(project: Project, runner: CliRunner) -> None:
    (project.root / "seeds").rename(project.root / "texts")
    (project.root / "curated").mkdir()
    (project.root / "curated" / "w.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    configure(project, 'facts = "curated"\nseeds = "texts"\n')
    assert invoke(runner, "check", "-f", "concise") == (
        0,
        "curated/w.yaml:6:15: FS102 evidence occurs 2 times in the source (lines 17, 21); "
        "quote more context\n"
        "1 fact in 1 file: 1 verified, 0 errors, 1 warning\n",
        "",
    )


def test_configured_ignore_and_strict_apply(project: Project, runner: CliRunner) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    configure(project, 'ignore = ["FS102"]\nstrict = true\n')
    assert invoke(runner, "check", "-q") == (
        0,
        "1 fact in 1 file: 1 verified, 0 errors, 0 warnings\n",
        "",
    )
    configure(project, "ignore = []\nstrict = true\n")
    assert invoke(runner, "check", "-q")[0] == 1


# --- root discovery -----------------------------------------------------------------------


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.factsheet]\nstrict = true\n", "utf-8")
    inner = tmp_path / "inner"
    (inner / "deep").mkdir(parents=True)
    (inner / "factsheet.toml").write_text("", "utf-8")
    assert find_root(inner / "deep") == (inner, inner / "factsheet.toml", {})
    assert find_root(tmp_path) == (tmp_path, tmp_path / "pyproject.toml", {"strict": True})


def test_factsheet_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.factsheet]\nstrict = true\n", "utf-8")
    (tmp_path / "factsheet.toml").write_text("strict = false\n", "utf-8")
    assert load_config(tmp_path).strict is False


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "factsheet.toml").write_text("strict = true\n", "utf-8")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 1\n", "utf-8")
    config = load_config(tmp_path / "pkg")
    assert (config.root, config.strict) == (tmp_path.resolve(), True)


def test_no_configuration_means_the_start_folder(tmp_path: Path) -> None:
    start = tmp_path / "a"
    start.mkdir()
    config = load_config(start)
    # (Some parent of tmp_path might hold a factsheet.toml; pytest's tmp folders do not.)
    assert (config.root, config.file, config.facts) == (start, None, start / "facts")


def test_error_type_is_config_error(tmp_path: Path) -> None:
    (tmp_path / "factsheet.toml").write_text("colour = 1\n", "utf-8")
    with pytest.raises(ConfigError, match=r"^factsheet.toml: unknown configuration key 'colour'$"):
        load_config(tmp_path)
