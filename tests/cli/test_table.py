"""``factsheet table``: golden files per format, 80 columns, filters, groups, exit codes.

Regenerate the golden files with ``python -m pytest tests/test_table.py --update-golden``.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from factsheet.app import app
from helpers import FIXTURES, SEED_NAME, SHIPPED_FACTS, Project, assert_golden

SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")


def run(runner: CliRunner, *args: str, columns: int = 80, **env: str) -> tuple[int, str, str]:
    result = runner.invoke(
        app, ["table", *args], env={"NO_COLOR": "1", "COLUMNS": str(columns), **env}
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def shipped(project: Project) -> Project:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    return project


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("table.rich", ()),
        ("table-wide.rich", ("--by", "kind")),
        ("table.markdown", ("--format", "markdown")),
        ("table.csv", ("--format", "csv")),
        ("table.json", ("--format", "json")),
        ("table-by-speaker.markdown", ("--format", "markdown", "--by", "speaker")),
    ],
)
def test_formats_match_golden(
    shipped: Project, runner: CliRunner, update_golden: bool, name: str, args: tuple[str, ...]
) -> None:
    code, out, err = run(runner, *args, columns=140 if "wide" in name else 80)
    assert (code, err) == (0, "")
    assert_golden(name, out, update_golden)


def test_rich_fits_80_columns_and_cuts_nothing(shipped: Project, runner: CliRunner) -> None:
    _, out, _ = run(runner)
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    assert "…" not in out
    words = " ".join(out.split())
    for fact_id in ("baltic-visit", "buildup-extremely-worrying", "consequences-warning"):
        assert fact_id in out.replace("\n", "").replace(" ", "") or fact_id in words
    assert out.count("verified") == 20
    for word in ("unprovoked", "unexplained.", "misinformation.", "consequences."):
        assert word in words


def test_csv_and_json_parse(shipped: Project, runner: CliRunner) -> None:
    _, out, _ = run(runner, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20
    assert rows[0]["id"] == "baltic-visit"
    assert rows[0]["line"] == "3"
    assert {r["status"] for r in rows} == {"verified"}
    _, out, _ = run(runner, "--format", "json")
    data = json.loads(out)
    assert data["count"] == 20
    assert data["facts"][9]["speaker"] == ["Ursula von der Leyen"]


def test_filters(shipped: Project, runner: CliRunner) -> None:
    _, out, _ = run(runner, "--format", "json", "--kind", "quote", "--speaker", "stoltenberg")
    ids = [f["id"] for f in json.loads(out)["facts"]]
    assert ids == [
        "scale-up-cooperation",
        "buildup-extremely-worrying",
        "message-to-russia",
        "consequences-warning",
    ]
    _, out, _ = run(runner, "--format", "json", "--speaker", "Nausėda")
    assert [f["id"] for f in json.loads(out)["facts"]] == ["article-4-option"]
    _, out, _ = run(runner, "--format", "json", "--tag", "article-4", "--kind", "definition")
    assert [f["id"] for f in json.loads(out)["facts"]] == ["article-4"]


def test_by_groups_with_counts(shipped: Project, runner: CliRunner) -> None:
    _, out, _ = run(runner, "--format", "json", "--by", "kind")
    groups = json.loads(out)["groups"]
    assert [(g["value"], g["count"]) for g in groups] == [
        ("claim", 7),
        ("figure", 1),
        ("quote", 6),
        ("event", 4),
        ("definition", 2),
    ]
    _, out, _ = run(runner, "--format", "json", "--by", "date")
    groups = json.loads(out)["groups"]
    assert [(g["value"], g["count"]) for g in groups] == [
        ("2021-11-28", 1),
        ("2021-11-30", 1),
        (None, 18),
    ]
    _, out, _ = run(runner, "--by", "speaker")
    assert "speaker: Jens Stoltenberg — 7 facts: 7 verified" in out


MARKUP = f"""\
source: {SEED_NAME}
facts:
  - id: sic
    kind: claim
    statement: "The minister [sic] said [bold red]nothing[/bold red] | \\x1b[31m"
    evidence: "On trips to Lithuania and Latvia on Sunday"
  - id: wrong
    kind: claim
    statement: The EU tripled its spending.
    evidence: "the EU had decided to triple its spending"
"""


def test_user_text_is_never_markup_and_errors_exit_1(project: Project, runner: CliRunner) -> None:
    project.facts("m.yaml", MARKUP)
    code, out, err = run(runner, columns=120)
    assert code == 1
    assert err == ""
    flat = " ".join(out.split())
    assert "The minister [sic] said [bold red]nothing[/bold red] | \\x1b[31m" in flat
    assert "\x1b" not in out
    assert "errors" in flat


def test_color_only_when_allowed(shipped: Project, runner: CliRunner) -> None:
    env: dict[str, str | None] = {"NO_COLOR": None, "FORCE_COLOR": "1", "COLUMNS": "80"}
    result = runner.invoke(app, ["table"], env=env)
    assert "\x1b[" in result.stdout
    result = runner.invoke(app, ["table"], env={"NO_COLOR": "1", "FORCE_COLOR": "1"})
    assert "\x1b[" not in result.stdout


def test_markdown_cells_are_escaped(project: Project, runner: CliRunner) -> None:
    project.facts("m.yaml", MARKUP)
    _, out, _ = run(runner, "--format", "markdown")
    row = next(line for line in out.splitlines() if line.startswith("| sic |"))
    assert "\\[sic\\]" in row
    assert "\\|" in row
    assert row.count(" | ") == 6


def test_output_file_and_usage_errors(shipped: Project, runner: CliRunner) -> None:
    assert run(runner, "--format", "csv", "--output", "t.csv")[:2] == (0, "")
    assert (shipped.root / "t.csv").read_text(encoding="utf-8").startswith("id,kind,")
    code, _, err = run(runner, "--by", "colour")
    assert code == 2
    assert "colour" in err
    code, _, err = run(runner, "missing.yaml")
    assert (code, err) == (2, "factsheet: error: path not found: missing.yaml\n")


FLOOD = """\
source: flood-fund.txt
facts:
  - id: lindqvist-fund-protect-millions-people-live-along-rivers
    kind: quote
    quote: "This fund will protect millions of people who live along our rivers."
    speaker: Maria Lindqvist
"""


@pytest.fixture
def two_sources(shipped: Project) -> Project:
    shutil.copy2(FIXTURES / "articles" / "flood-fund.txt", shipped.root / "seeds")
    shipped.facts("flood.yaml", FLOOD)
    return shipped


def test_with_several_sources_the_line_names_its_source(
    shipped: Project, runner: CliRunner
) -> None:
    shutil.copy2(FIXTURES / "articles" / "flood-fund.txt", shipped.root / "seeds")
    shipped.facts("flood.yaml", FLOOD.replace("-people-live-along-rivers", ""))
    code, out, _ = run(runner, columns=180)
    assert code == 0
    assert out.splitlines()[0].split()[-2:] == ["source:line", "status"]
    assert "flood-fund.txt:5" in out.split()
    assert f"{SEED_NAME}:7" in out.split()


def test_ids_too_wide_for_a_table_give_one_block_per_fact(
    two_sources: Project, runner: CliRunner
) -> None:
    code, out, _ = run(runner, columns=60)
    assert code == 0
    assert out.splitlines()[:4] == [
        "lindqvist-fund-protect-millions-people-live-along-rivers",
        "  quote · flood-fund.txt:5 · verified",
        "  This fund will protect millions of people who live along",
        "  our rivers. — Maria Lindqvist",
    ]


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_an_id_is_never_broken(two_sources: Project, runner: CliRunner, columns: int) -> None:
    _, out, _ = run(runner, columns=columns)
    assert "lindqvist-fund-protect-millions-people-live-along-rivers" in out.split()


def test_a_filter_gives_the_status_of_the_rows_shown(shipped: Project, runner: CliRunner) -> None:
    shipped.facts("bad.yaml", FLOOD.replace("flood-fund.txt", "missing.txt"))
    assert run(runner, "--format", "csv")[0] == 1  # the whole: bad.yaml has errors
    code, out, err = run(runner, "--speaker", "Stoltenberg", "--format", "csv")
    assert (code, len(out.splitlines())) == (0, 1 + 7)  # header and his 7 verified facts
    assert err == ""
    assert [(row["id"], row["status"]) for row in csv.DictReader(io.StringIO(out))] == [
        ("de-escalation-plea", "verified"),
        ("belarus-accused", "verified"),
        ("scale-up-cooperation", "verified"),
        ("buildup-worrying", "verified"),
        ("buildup-extremely-worrying", "verified"),
        ("message-to-russia", "verified"),
        ("consequences-warning", "verified"),
    ]


@pytest.mark.parametrize("fmt", ["rich", "markdown"])
def test_a_filter_that_matches_nothing_says_so(
    shipped: Project, runner: CliRunner, fmt: str
) -> None:
    assert run(runner, "--speaker", "nobody", "--kind", "event", "--format", fmt) == (
        0,
        "No facts match --kind event --speaker nobody.\n",
        "",
    )
