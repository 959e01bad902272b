"""``factsheet check`` as a user sees it: exact exit statuses, exact output, golden files.

Regenerate the golden files with ``python -m pytest tests/test_cli_check.py --update-golden``
and read the diff before keeping it.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet.app import app
from helpers import (
    GOLDEN,
    GOLDEN_FACTS,
    ONE_QUOTE,
    SEED_NAME,
    WARNING_ONLY,
    Project,
    assert_golden,
    invoke,
)

# The shared quote fact, then a definition: two correct facts.
CLEAN = (
    ONE_QUOTE
    + """\
  - id: hybrid-threat
    kind: definition
    term: hybrid threat
    statement: A hybrid threat mixes military and non-military methods.
    evidence: "A hybrid threat is a type of security threat"
"""
)


# Line 6: FS101 (tripled/quadruple); line 9: FS003; line 8 (the fact): FS004.
ERRORS = f"""\
source: {SEED_NAME}
facts:
  - id: tripled-spending
    kind: claim
    statement: The EU tripled its border spending.
    evidence: "the EU had decided to triple its spending for border control"
    speaker: Ursula von der Leyen
  - id: hybrid-threat
    kind: definition
    term: hybrid threat
    notes: A hybrid threat mixes military and non-military methods.
    evidence: "A hybrid threat is a type of security threat"
"""

WARNING_SUMMARY = "1 fact in 1 file: 1 verified, 0 errors, 1 warning\n"
WARNING_LINE = (
    "facts/w.yaml:6:15: FS102 evidence occurs 2 times in the source (lines 17, 21); "
    "quote more context\n"
)
FS101_LINE = (
    "facts/e.yaml:6:15: FS101 evidence not found in the source; closest passage at "
    f'seeds/{SEED_NAME}:17:32 (92% similar): "triple" ≠ source "quadruple"\n'
)
FS004_LINE = "facts/e.yaml:8:5: FS004 missing required key 'statement' in definition fact\n"
FS003_LINE = "facts/e.yaml:11:5: FS003 unknown key 'notes' in fact; did you mean 'note'?\n"


def concise(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    return invoke(runner, "check", "--format", "concise", *args)


# --- golden files -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_golden(project: Project, runner: CliRunner, update_golden: bool, fmt: str) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    code, out, err = invoke(runner, "check", "--format", fmt)
    assert (code, err) == (1, "")
    assert_golden(f"check.{fmt}", out, update_golden)


def test_golden_files_agree_with_each_other() -> None:
    """The three formats report the same findings, in the same order."""
    data = json.loads((GOLDEN / "check.json").read_text("utf-8"))
    lines = (GOLDEN / "check.concise").read_text("utf-8").splitlines()
    text = (GOLDEN / "check.text").read_text("utf-8")
    diagnostics = data["diagnostics"]
    assert [d["code"] for d in diagnostics] == [
        "FS008", "FS004", "FS003", "FS005", "FS101", "FS102", "FS301"
    ]  # fmt: skip
    assert lines[:-1] == [
        f"{d['file']}:{d['line']}:{d['column']}: {d['code']} {d['message']}" for d in diagnostics
    ]
    assert data["summary"] == {
        "files": 1, "facts": 8, "verified": 4, "errors": 5, "warnings": 2
    }  # fmt: skip
    summary = "8 facts in 1 file: 4 verified, 5 errors, 2 warnings"
    assert lines[-1] == summary
    assert text.endswith(f"\n\n{summary}\n")
    assert text.startswith("facts/baltic.yaml\n")
    for d in diagnostics:
        assert f"  {d['line']}:{d['column']} {d['code']} {d['severity']} {d['message']}" in text


def test_default_format_is_text(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    assert invoke(runner, "check") == invoke(runner, "check", "--format", "text")


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_output_is_byte_identical_between_runs(
    project: Project, runner: CliRunner, fmt: str
) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    project.facts("e.yaml", ERRORS)
    first = invoke(runner, "check", "-f", fmt)
    assert first[0] == 1
    assert invoke(runner, "check", "-f", fmt) == first


def test_text_shows_fact_line_and_source_line(project: Project, runner: CliRunner) -> None:
    project.facts("e.yaml", ERRORS)
    code, out, _ = invoke(runner, "check", "--select", "FS101")
    assert code == 1
    assert out == (
        "facts/e.yaml\n"
        "  6:15 FS101 error evidence not found in the source; closest passage at "
        f'seeds/{SEED_NAME}:17:32 (92% similar): "triple" ≠ source "quadruple"  '
        "[tripled-spending]\n"
        '     6 │     evidence: "the EU had decided to triple its spending for border control"\n'
        "       │               ^\n"
        f"       = source seeds/{SEED_NAME}:17:32\n"
        "    17 │ …r Leyen also stated that the EU had decided to quadruple its spending for "
        "border control in Latvia, …\n"
        "       │                           ^\n"
        "       = help: use the source's words: \"the EU had decided to quadruple its spending "
        'for border control"\n'
        "\n"
        "2 facts in 1 file: 1 verified, 1 error, 0 warnings\n"
    )


def test_text_groups_findings_by_file(project: Project, runner: CliRunner) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    project.facts("e.yaml", ERRORS)
    code, out, _ = invoke(runner, "check")
    assert code == 1
    headers = [line for line in out.splitlines() if line.startswith("facts/")]
    assert headers == ["facts/e.yaml", "facts/w.yaml"]
    assert out.index("FS101") < out.index("facts/w.yaml") < out.index("FS102")
    assert out.endswith("\n\n3 facts in 2 files: 1 verified, 3 errors, 1 warning\n")


# --- json ---------------------------------------------------------------------------------


def test_json_has_exactly_the_documented_keys(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    code, out, _ = invoke(runner, "check", "--format", "json")
    assert code == 1
    data: dict[str, Any] = json.loads(out)
    assert list(data) == ["version", "summary", "diagnostics"]
    assert data["version"] == 1
    assert list(data["summary"]) == ["files", "facts", "verified", "errors", "warnings"]
    keys = [
        "code", "severity", "message", "file", "line", "column", "fact", "source", "suggestion"
    ]  # fmt: skip
    for d in data["diagnostics"]:
        assert list(d) == keys
        assert d["severity"] in ("error", "warning", "info")
        assert d["source"] is None or list(d["source"]) == ["file", "line", "column"]
    by_code = {d["code"]: d for d in data["diagnostics"]}
    # A file-level finding has no fact; a finding without a source position has source null.
    assert (by_code["FS008"]["fact"], by_code["FS008"]["source"]) == (None, None)
    assert by_code["FS004"]["suggestion"] is None
    assert by_code["FS101"]["source"] == {"file": f"seeds/{SEED_NAME}", "line": 17, "column": 32}
    assert by_code["FS101"]["fact"] == "tripled-spending"
    errors = sum(d["severity"] == "error" for d in data["diagnostics"])
    warnings = sum(d["severity"] == "warning" for d in data["diagnostics"])
    assert (data["summary"]["errors"], data["summary"]["warnings"]) == (errors, warnings)


def test_json_when_clean(project: Project, runner: CliRunner) -> None:
    project.facts("clean.yaml", CLEAN)
    code, out, err = invoke(runner, "check", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "version": 1,
        "summary": {"files": 1, "facts": 2, "verified": 2, "errors": 0, "warnings": 0},
        "diagnostics": [],
    }


# --- exit statuses ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_clean_exits_0_with_only_the_summary(project: Project, runner: CliRunner, fmt: str) -> None:
    project.facts("clean.yaml", CLEAN)
    assert invoke(runner, "check", "-f", fmt) == (
        0,
        "2 facts in 1 file: 2 verified, 0 errors, 0 warnings\n",
        "",
    )
    assert invoke(runner, "check", "-f", fmt, "--strict")[0] == 0


def test_errors_exit_1_sorted_by_line_and_column(project: Project, runner: CliRunner) -> None:
    project.facts("e.yaml", ERRORS)
    assert concise(runner) == (
        1,
        FS101_LINE
        + FS004_LINE
        + FS003_LINE
        + "2 facts in 1 file: 0 verified, 3 errors, 0 warnings\n",
        "",
    )


def test_concise_sorts_across_files_by_path(project: Project, runner: CliRunner) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    project.facts("e.yaml", ERRORS)
    code, out, _ = concise(runner)
    assert code == 1
    assert out.splitlines()[:-1] == [
        line.rstrip("\n") for line in (FS101_LINE, FS004_LINE, FS003_LINE, WARNING_LINE)
    ]


def test_warnings_only_exit_0_but_1_under_strict(project: Project, runner: CliRunner) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    assert concise(runner) == (0, WARNING_LINE + WARNING_SUMMARY, "")
    assert concise(runner, "--strict") == (1, WARNING_LINE + WARNING_SUMMARY, "")


def test_strict_from_configuration_and_no_strict_override(
    project: Project, runner: CliRunner
) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    (project.root / "factsheet.toml").write_text("strict = true\n", encoding="utf-8")
    assert concise(runner)[0] == 1
    assert concise(runner, "--no-strict")[0] == 0
    (project.root / "factsheet.toml").write_text("strict = false\n", encoding="utf-8")
    assert concise(runner, "--strict")[0] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--select", "FS999"], "'FS999' is not a rule code or prefix (see 'factsheet rules')"),
        (["--select", "FS1,XYZ"], "'XYZ' is not a rule code or prefix (see 'factsheet rules')"),
        (["--ignore", "FS1O1"], "'FS1O1' is not a rule code or prefix (see 'factsheet rules')"),
        (["facts/missing.yaml"], "path not found: facts/missing.yaml"),
        (["seeds"], "no fact files (*.yaml) found in seeds"),
        (["--output", "nowhere/report.txt"], "cannot write nowhere/report.txt: "),
        (["--output", "seeds"], "cannot write seeds: it is a directory"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    project: Project, runner: CliRunner, args: list[str], message: str
) -> None:
    project.facts("e.yaml", ERRORS)
    code, out, err = invoke(runner, "check", *args)
    assert (code, out) == (2, "")
    assert err.startswith(f"factsheet: error: {message}")
    assert err.count("\n") == 1
    assert err.endswith("\n")


def test_empty_facts_folder_exits_2(project: Project, runner: CliRunner) -> None:
    assert invoke(runner, "check") == (
        2,
        "",
        "factsheet: error: no fact files (*.yaml) found in facts\n",
    )


def test_bad_format_exits_2(project: Project, runner: CliRunner) -> None:
    project.facts("clean.yaml", CLEAN)
    code, out, err = invoke(runner, "check", "--format", "xml")
    assert (code, out) == (2, "")
    assert "Invalid value for '--format'" in err
    assert "'xml' is not one of 'text', 'concise', 'json'" in err
    assert "Traceback" not in err


def test_unknown_option_exits_2(project: Project, runner: CliRunner) -> None:
    code, out, err = invoke(runner, "check", "--frobnicate")
    assert (code, out) == (2, "")
    assert "No such option: --frobnicate" in err


# --- --quiet and --output -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_quiet_prints_only_the_summary(project: Project, runner: CliRunner, fmt: str) -> None:
    project.facts("e.yaml", ERRORS)
    assert invoke(runner, "check", "-f", fmt, "--quiet") == (
        1,
        "2 facts in 1 file: 0 verified, 3 errors, 0 warnings\n",
        "",
    )
    assert invoke(runner, "check", "-f", fmt, "-q")[1].count("\n") == 1


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_output_writes_the_file_and_nothing_to_stdout(
    project: Project, runner: CliRunner, fmt: str
) -> None:
    project.facts("e.yaml", ERRORS)
    _, expected, _ = invoke(runner, "check", "-f", fmt)
    assert invoke(runner, "check", "-f", fmt, "--output", "report.out") == (1, "", "")
    assert (project.root / "report.out").read_text(encoding="utf-8") == expected
    # An existing report is replaced, and no temporary file is left behind.
    assert invoke(runner, "check", "-f", fmt, "-o", "report.out") == (1, "", "")
    assert (project.root / "report.out").read_text(encoding="utf-8") == expected
    assert sorted(p.name for p in project.root.iterdir() if p.name != ".factsheet_cache") == [
        "facts", "factsheet.toml", "report.out", "seeds"
    ]  # fmt: skip


def test_output_file_never_has_colour(project: Project, runner: CliRunner) -> None:
    project.facts("e.yaml", ERRORS)
    result = runner.invoke(
        app,
        ["check", "-o", "report.txt"],
        env={"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"},
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert "\x1b" not in (project.root / "report.txt").read_text(encoding="utf-8")


# --- --select / --ignore and per-fact ignore ----------------------------------------------


def codes(runner: CliRunner, *args: str) -> list[str]:
    _, out, err = concise(runner, *args)
    assert err == ""
    return [line.split(": ")[1].split()[0] for line in out.splitlines()[:-1]]


def test_select_and_ignore(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    everything = ["FS008", "FS004", "FS003", "FS005", "FS101", "FS102", "FS301"]
    assert codes(runner) == everything
    assert codes(runner, "--select", "FS101") == ["FS101"]
    assert codes(runner, "--select", "FS1") == ["FS101", "FS102"]
    assert codes(runner, "--select", "fs1,FS301") == ["FS101", "FS102", "FS301"]
    assert codes(runner, "--select", "FS1", "--select", "FS008") == ["FS008", "FS101", "FS102"]
    assert codes(runner, "--ignore", "FS0") == ["FS101", "FS102", "FS301"]
    assert codes(runner, "--ignore", "FS0,FS1") == ["FS301"]
    assert codes(runner, "--ignore", "FS0", "--ignore", "FS301") == ["FS101", "FS102"]
    # The most specific entry wins, whichever list it is in.
    assert codes(runner, "--select", "FS1", "--ignore", "FS102") == ["FS101"]
    assert codes(runner, "--ignore", "FS1", "--select", "FS102") == ["FS102"]


def test_selection_changes_summary_and_exit(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    assert concise(runner, "--select", "FS102", "-q") == (
        0,
        "8 facts in 1 file: 7 verified, 0 errors, 1 warning\n",
        "",
    )
    assert concise(runner, "--select", "FS102", "-q", "--strict")[0] == 1


def test_command_line_selection_overrides_configuration(
    project: Project, runner: CliRunner
) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    config = project.root / "factsheet.toml"
    config.write_text('select = ["FS3"]\nignore = []\n', encoding="utf-8")
    assert codes(runner) == ["FS301"]
    assert codes(runner, "--select", "FS1") == ["FS101", "FS102"]
    config.write_text('ignore = ["FS0", "FS3"]\n', encoding="utf-8")
    assert codes(runner) == ["FS101", "FS102"]
    assert codes(runner, "--ignore", "FS1") == [
        "FS008", "FS004", "FS003", "FS005", "FS301"
    ]  # fmt: skip


def test_per_fact_ignore(project: Project, runner: CliRunner) -> None:
    ignored = ERRORS.replace(
        "    speaker: Ursula von der Leyen\n",
        "    speaker: Ursula von der Leyen\n    ignore: [FS101]\n",
    )
    project.facts("e.yaml", ignored)
    # The fact with `ignore: [FS101]` is verified; the other fact's findings stay.
    assert concise(runner) == (
        1,
        FS004_LINE.replace(":8:", ":9:")
        + FS003_LINE.replace(":11:", ":12:")
        + "2 facts in 1 file: 1 verified, 2 errors, 0 warnings\n",
        "",
    )


def test_per_fact_ignore_is_for_that_fact_alone(project: Project, runner: CliRunner) -> None:
    project.facts(
        "w.yaml",
        WARNING_ONLY
        + """\
  - id: eastern-members-again
    kind: claim
    statement: Latvia, Lithuania and Poland again.
    evidence: "Latvia, Lithuania, and Poland"
    ignore: [FS102]
""",
    )
    assert concise(runner) == (
        0,
        WARNING_LINE + "2 facts in 1 file: 2 verified, 0 errors, 1 warning\n",
        "",
    )


# --- project root and paths ---------------------------------------------------------------


def test_paths_are_relative_to_the_root_from_a_subfolder(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("e.yaml", ERRORS)
    (project.root / "facts" / "sub").mkdir()
    expected = concise(runner)
    assert expected[0] == 1
    monkeypatch.chdir(project.root / "facts" / "sub")
    assert concise(runner) == expected
    assert concise(runner, "../e.yaml") == expected
    monkeypatch.chdir(project.root / "facts")
    assert concise(runner, "e.yaml") == expected
    assert concise(runner, ".") == expected
    text = invoke(runner, "check")[1]
    assert text.startswith("facts/e.yaml\n")
    assert f"= source seeds/{SEED_NAME}:17:32\n" in text


def test_root_from_pyproject_tool_table(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project.root / "factsheet.toml").unlink()
    (project.root / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factsheet]\nfacts = "curated"\nstrict = true\n',
        encoding="utf-8",
    )
    (project.root / "curated" / "deep").mkdir(parents=True)
    (project.root / "curated" / "w.yaml").write_text(WARNING_ONLY, encoding="utf-8")
    monkeypatch.chdir(project.root / "curated" / "deep")
    assert concise(runner) == (1, WARNING_LINE.replace("facts/", "curated/") + WARNING_SUMMARY, "")


def test_pyproject_without_tool_table_is_not_a_root(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    (project.root / "facts" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n', encoding="utf-8"
    )
    monkeypatch.chdir(project.root / "facts")
    assert concise(runner) == (0, WARNING_LINE + WARNING_SUMMARY, "")


def test_without_configuration_the_working_directory_is_the_root(
    project: Project, runner: CliRunner
) -> None:
    (project.root / "factsheet.toml").unlink()
    project.facts("w.yaml", WARNING_ONLY)
    assert concise(runner) == (0, WARNING_LINE + WARNING_SUMMARY, "")


def test_yml_files_and_nested_folders_are_found_hidden_ones_are_not(
    project: Project, runner: CliRunner
) -> None:
    (project.root / "facts" / "b").mkdir()
    (project.root / "facts" / ".cache").mkdir()
    (project.root / "facts" / "b" / "w.yml").write_text(WARNING_ONLY, encoding="utf-8")
    (project.root / "facts" / ".cache" / "e.yaml").write_text(ERRORS, encoding="utf-8")
    (project.root / "facts" / "notes.txt").write_text("not a fact file", encoding="utf-8")
    assert concise(runner) == (
        0,
        WARNING_LINE.replace("facts/w.yaml", "facts/b/w.yml") + WARNING_SUMMARY,
        "",
    )


def test_a_file_named_twice_is_checked_once(project: Project, runner: CliRunner) -> None:
    project.facts("w.yaml", WARNING_ONLY)
    assert concise(runner, "facts", "facts/w.yaml", "./facts/w.yaml") == (
        0,
        WARNING_LINE + WARNING_SUMMARY,
        "",
    )


def test_version(runner: CliRunner) -> None:
    from factsheet import __version__

    assert invoke(runner, "--version") == (0, f"factsheet {__version__}\n", "")


def test_output_file_gets_ordinary_permissions(project: Project, runner: CliRunner) -> None:
    project.facts("c.yaml", CLEAN)
    old = os.umask(0o022)
    try:
        assert invoke(runner, "check", "--output", "new.txt")[0] == 0
        (project.root / "kept.txt").write_text("old", encoding="utf-8")
        (project.root / "kept.txt").chmod(0o640)
        assert invoke(runner, "check", "--output", "kept.txt")[0] == 0
    finally:
        os.umask(old)
    assert (project.root / "new.txt").stat().st_mode & 0o777 == 0o644
    assert (project.root / "kept.txt").stat().st_mode & 0o777 == 0o640
