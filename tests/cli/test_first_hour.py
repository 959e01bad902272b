"""What a new user meets around the checks: messages, files written, help (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from factsheet.config import load_config
from factsheet.engine.result import CheckResult
from factsheet.engine.run import run_check
from factsheet.model import CheckedFile
from factsheet.outputs.report import text
from helpers import GOLDEN_FACTS, ONE_QUOTE, SEED_NAME, Project, invoke


def test_outside_any_project_check_says_there_is_none_and_how_to_make_one(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["check"], ["table"], ["suggest", "article.txt"]):
        folder = "seeds" if args[0] == "suggest" else "facts"
        assert invoke(runner, *args) == (
            2,
            "",
            f"factsheet: error: no factsheet.toml (or [tool.factsheet] in pyproject.toml) in "
            f"{tmp_path.resolve()} or any folder above it, and no {folder}/ folder here: run "
            "'factsheet init' to make a project\n",
        )


def test_a_configured_folder_that_is_missing_is_named_with_the_fix(
    project: Project, runner: CliRunner
) -> None:
    (project.root / "factsheet.toml").write_text('facts = "curated"\n', encoding="utf-8")
    assert invoke(runner, "check") == (
        2,
        "",
        "factsheet: error: the facts folder 'curated' does not exist; create it or set "
        "'facts' in factsheet.toml\n",
    )


def _golden_result(project: Project) -> CheckResult[CheckedFile]:
    """The check of the golden fact file, whose findings the text report wraps."""
    project.facts("baltic.yaml", GOLDEN_FACTS)
    return run_check([], load_config(project.root), cache=False)


def test_the_text_report_fits_a_60_column_terminal(project: Project) -> None:
    """Messages wrap at word boundaries under their first line; quoted lines are trimmed
    around the caret; a file or a pipe (width None) keeps one line per finding."""
    result = _golden_result(project)
    out = text.render(result, width=60).splitlines()
    assert max(cell_len(line) for line in out) <= 60
    start = out.index("  21:9 FS005 error 'id: Bad_Slug' is not a slug (lowercase")
    assert out[start : start + 5] == [
        "  21:9 FS005 error 'id: Bad_Slug' is not a slug (lowercase",
        "        letters, digits and single hyphens: border-funding)",
        "        [Bad_Slug]",
        "    21 │   - id: Bad_Slug",
        "       │         ^",
    ]
    help_at = out.index("       = help: use the source's words: \"the EU had decided")
    assert out[help_at + 1] == '               to quadruple its spending for border control"'
    assert max(len(line) for line in text.render(result).splitlines()) > 100


@pytest.mark.parametrize("width", [1, 12, 16, 17])
def test_a_very_narrow_terminal_wraps_messages_at_twenty_columns(
    project: Project, width: int
) -> None:
    """Below the hanging indent's width the wrapping once crashed or never ended."""
    lines = text.render(_golden_result(project), width=width).splitlines()
    start = lines.index("  21:9 FS005 error")
    assert lines[start : start + 5] == [
        "  21:9 FS005 error",
        "        'id: Bad_Slug' is",
        "        not a slug",
        "        (lowercase letters,",
        "        digits and single",
    ]


def test_a_tab_in_a_quoted_line_shows_as_an_arrow() -> None:
    assert text.excerpt("\t- id: x", 1) == ("→- id: x", 1)


COMMANDS = ["init", "add", "suggest", "check", "table", "brief", "coverage", "review"]


def test_the_command_list_is_in_workflow_order_with_whole_descriptions(
    runner: CliRunner,
) -> None:
    _, out, _ = invoke(runner, "--help")
    listed = out.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == [*COMMANDS, "rules", "schema"]
    assert all(not line.endswith("...") and len(line) <= 80 for line in listed)


@pytest.mark.parametrize("command", [*COMMANDS, "rules", "schema"])
def test_every_help_shows_examples_the_common_case_first(runner: CliRunner, command: str) -> None:
    _, out, _ = invoke(runner, command, "--help")
    examples = out.split("  Examples", 1)[1].split("\n\n", 2)[1].splitlines()
    assert examples[0].split()[:2] == ["factsheet", command]


@pytest.mark.parametrize(
    ("command", "purpose"),
    [
        ("check", "to check"),
        ("table", "to tabulate"),
        ("brief", "to write briefs of"),
        ("coverage", "whose sources to measure"),
        ("review", "to review"),
    ],
)
def test_path_says_what_the_command_does_with_it_and_takes_several(
    runner: CliRunner, command: str, purpose: str
) -> None:
    _, out, _ = invoke(runner, command, "--help")
    assert out.startswith(f"Usage: factsheet {command} [OPTIONS] [PATH]...\n")
    assert f"[PATH]... Fact files or folders {purpose}." in " ".join(out.split())


def test_schema_output_names_the_schema(runner: CliRunner) -> None:
    _, out, _ = invoke(runner, "schema", "--help")
    assert "Write the schema to FILE instead of standard output." in out


def test_coverage_and_table_name_the_terminal_format_alike(
    project: Project, runner: CliRunner
) -> None:
    _, coverage_help, _ = invoke(runner, "coverage", "--help")
    _, table_help, _ = invoke(runner, "table", "--help")
    assert "rich (a terminal table)" in coverage_help
    assert "rich (a terminal table)" in table_help
    project.facts("q.yaml", ONE_QUOTE)
    assert invoke(runner, "coverage", "--format", "rich")[0] == 0
    assert invoke(runner, "coverage", "--format", "table")[0] == 2


def test_a_new_project_prints_its_brief_as_the_readme_says(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "init")[0] == 0
    code, out, err = invoke(runner, "brief")
    assert (code, err) == (0, "")
    assert out.startswith("# Riverside gets a new footbridge\n")
    assert not (tmp_path / "briefs").exists()


def test_several_fact_files_never_merge_into_one_output_file(
    project: Project, runner: CliRunner
) -> None:
    project.facts("a.yaml", ONE_QUOTE)
    project.facts("b.yaml", ONE_QUOTE.replace("scale-up-cooperation", "again"))
    code, out, err = invoke(runner, "brief", "--output", "out")
    assert (code, out, err) == (0, "", "wrote out/a.md\nwrote out/b.md\n")
    assert sorted(p.name for p in (project.root / "out").iterdir()) == ["a.md", "b.md"]
    (project.root / "taken.md").write_text("mine\n", encoding="utf-8")
    for target in ("taken.md", "new.md"):
        assert invoke(runner, "brief", "--output", target) == (
            2,
            "",
            f"factsheet: error: --output {target} names a file, but there are 2 fact files: "
            "give a folder (one <fact-file-stem>.md each), or one fact file\n",
        )
    assert (project.root / "taken.md").read_text(encoding="utf-8") == "mine\n"
    assert not (project.root / "new.md").exists()


def test_suggest_says_which_file_it_wrote(project: Project, runner: CliRunner) -> None:
    assert invoke(runner, "suggest", SEED_NAME, "-o", "facts/draft.yaml") == (
        0,
        "",
        "wrote facts/draft.yaml\n",
    )
    code, _, err = invoke(runner, "suggest", SEED_NAME, "-o", "d2.yaml", "--quiet")
    assert (code, err) == (0, "")


HARBOUR = """\
date 2024-03-04 Harbour council approves electric ferries

The Harbour town council voted 27 to 4 on Monday to replace its two diesel ferries with \
electric boats by 2026.

The new ferries will cost 18.5 million euros, of which the national government will pay \
40 percent, the council said.

Its chief executive, Maria Duarte, called the decision "a turning point for the harbour."
"""


def test_the_draft_reads_as_a_curator_would_write_it(project: Project, runner: CliRunner) -> None:
    """Ids from the sentence's key words, the counted noun as the unit, the date kept on a
    figure fact, `called "..."` attributed, and a draft that passes --strict."""
    (project.root / "seeds" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    code, out, _ = invoke(runner, "suggest", "harbour.txt", "-o", "facts/harbour.yaml")
    assert code == 0
    draft = (project.root / "facts" / "harbour.yaml").read_text(encoding="utf-8")
    ids = [line.split('"')[1] for line in draft.splitlines() if line.startswith("  - id: ")]
    assert ids == ["harbour-town-council", "new-ferries-cost", "duarte-turning-point-harbour"]
    assert '      - {value: 2, unit: "ferries"}\n    date: "2024-03-04"\n' in draft
    assert '    quote: "a turning point for the harbour."\n    speaker: "Maria Duarte"\n' in draft
    code, out, _ = invoke(runner, "check", "--strict", "--format", "concise", "facts/harbour.yaml")
    assert (code, out) == (0, "3 facts in 1 file: 3 verified, 0 errors, 0 warnings\n")
