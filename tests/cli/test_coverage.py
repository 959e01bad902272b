"""``factsheet coverage``: shares of paragraphs, quotations and numbers; FS901-FS903."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet.config import load_config
from factsheet.engine.run import load_checked
from factsheet.outputs.coverage_report import format_percent, measure, percent
from helpers import ONE_QUOTE, SEED_NAME, SHIPPED_FACTS, Project, invoke

SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")

PARTIAL = f"""\
source: {SEED_NAME}
facts:
  - id: cooperation
    kind: quote
    quote: We discussed how ... efforts between NATO
    speaker: Jens Stoltenberg
  - id: years
    kind: claim
    statement: The money is for 2021 and 2022.
    evidence: "Von der Leyen also stated ... for the years 2021 and 2022"
  - id: cut-figure
    kind: claim
    statement: Spending goes to 200 million.
    evidence: "Poland to 200 million"
"""


def coverage_json(runner: CliRunner, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = invoke(runner, "coverage", "--format", "json", *args)
    assert err == ""
    return code, json.loads(out)


def test_shipped_facts_cover_every_quotation_and_paragraph(
    project: Project, runner: CliRunner
) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, data = coverage_json(runner)
    assert code == 0
    (source,) = data["sources"]
    assert source["source"] == f"seeds/{SEED_NAME}"
    assert source["fact_files"] == ["facts/nato-eu-baltic.yaml"]
    assert source["quotations"] == {"covered": 12, "total": 12, "percent": 100.0}
    assert source["paragraphs"] == {"covered": 16, "total": 16, "percent": 100.0}
    assert source["numbers"]["percent"] == 100.0
    assert source["uncovered"] == []


def test_shipped_facts_in_the_repository(project: Project) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    (c,) = measure(load_checked([], load_config(project.root)))
    assert c.share("quotations").percent == 100.0
    assert c.share("paragraphs").percent == 100.0
    # the quotation of Nauseda is covered by his quote and by two facts citing its end
    article_4 = next(q for q in c.quotations if q.text.startswith("If the security"))
    assert article_4.facts == ("article-4-option", "article-4", "poland-article-4")


def test_uncovered_items_with_codes_and_lines(project: Project, runner: CliRunner) -> None:
    project.facts("partial.yaml", PARTIAL)
    code, data = coverage_json(runner)
    assert code == 0
    (source,) = data["sources"]
    found = {(u["code"], u["line"], u["column"], u["text"]) for u in source["uncovered"]}
    assert ("FS901", 3, 84, "hybrid threats,") in found
    assert ("FS903", 3, 1) in {f[:3] for f in found}
    # an omission covers only the quoted parts: "200 million euros" is left out ...
    assert ("FS902", 17, 132, "200 million euros") in found
    # ... as is one an excerpt stops inside ("Poland to 200 million"); the years are quoted
    assert not any(f[3] in ("2021", "2022") for f in found)
    assert ("FS901", 15) not in {f[:2] for f in found}  # the quotation with "..." counts
    assert source["paragraphs"]["covered"] == 2  # lines 15 and 17 (twice)
    messages = [u["message"] for u in source["uncovered"]]
    assert all(m for m in messages)
    kinds = {u["code"]: u["kind"] for u in source["uncovered"]}
    assert kinds == {"FS901": "quotation", "FS902": "number", "FS903": "paragraph"}


def test_table_lists_uncovered_with_positions(project: Project, runner: CliRunner) -> None:
    project.facts("partial.yaml", PARTIAL)
    code, out, err = invoke(runner, "coverage")
    assert (code, err) == (0, "")
    assert out.startswith(f"seeds/{SEED_NAME} (facts: facts/partial.yaml)\n")
    assert f"seeds/{SEED_NAME}:3:84: FS901 quotation" in out
    assert f"seeds/{SEED_NAME}:17:132: FS902 number" in out
    assert f"seeds/{SEED_NAME}:5:1: FS903 paragraph" in out
    assert "quotations" in out
    assert "paragraphs" in out
    assert "numbers" in out
    assert out.rstrip().splitlines()[-1].startswith("coverage ")


def test_fail_under(project: Project, runner: CliRunner) -> None:
    project.facts("partial.yaml", PARTIAL)
    code, _, _ = invoke(runner, "coverage", "--fail-under", "10")
    assert code == 0
    code, out, err = invoke(runner, "coverage", "--fail-under", "90")
    assert (code, err) == (1, "factsheet: coverage 13.8% is under --fail-under 90%\n")
    assert "FS901" in out  # the report is still printed
    code, _, err = invoke(runner, "coverage", "--fail-under", "150")
    assert code == 2


def test_quiet_prints_only_the_summary_line(project: Project, runner: CliRunner) -> None:
    project.facts("partial.yaml", PARTIAL)
    _, full, _ = invoke(runner, "coverage")
    code, out, err = invoke(runner, "coverage", "--quiet", "--fail-under", "90")
    assert (code, out, err) == (
        1,
        "coverage 13.8% (5/36 items) in 1 source\n",
        "factsheet: coverage 13.8% is under --fail-under 90%\n",
    )
    assert out == full.rstrip("\n").splitlines()[-1] + "\n"
    assert invoke(runner, "coverage", "-q", "--format", "json") == invoke(
        runner, "coverage", "--format", "json"
    )


def test_fail_under_passes_on_the_shipped_facts(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, out, _ = invoke(runner, "coverage", "--fail-under", "100")
    assert code == 0
    assert "coverage 100.0% (36/36 items) in 1 source" in out


def test_nothing_to_cover_is_full_coverage(project: Project, runner: CliRunner) -> None:
    (project.root / "seeds" / "plain.txt").write_text(
        "A short note without figures.\n", encoding="utf-8"
    )
    project.facts(
        "plain.yaml",
        "source: plain.txt\nfacts:\n  - id: note\n    kind: claim\n"
        "    statement: A note.\n    evidence: A short note\n",
    )
    code, data = coverage_json(runner)
    assert code == 0
    (source,) = data["sources"]
    assert source["quotations"] == {"covered": 0, "total": 0, "percent": 100.0}
    assert source["numbers"] == {"covered": 0, "total": 0, "percent": 100.0}
    assert source["paragraphs"]["percent"] == 100.0


def test_unreadable_source_is_named(project: Project, runner: CliRunner) -> None:
    project.facts(
        "lost.yaml",
        "source: missing.txt\nfacts:\n  - id: x\n    kind: claim\n"
        "    statement: X.\n    evidence: X\n",
    )
    code, out, err = invoke(runner, "coverage")
    assert code == 0
    assert "facts/lost.yaml: source unavailable" in err
    assert "coverage 100.0% (0/0 items) in 0 sources" in out


def test_usage_errors(project: Project, runner: CliRunner) -> None:
    code, _, err = invoke(runner, "coverage", "nowhere")
    assert code == 2
    assert "path not found" in err


@pytest.mark.parametrize(
    ("covered", "total", "shown"),
    [(0, 0, "100.0%"), (1, 1, "100.0%"), (9999, 10000, "99.9%"), (1, 3, "33.3%"), (0, 5, "0.0%")],
)
def test_percent(covered: int, total: int, shown: str) -> None:
    assert format_percent(percent(covered, total)) == shown


def test_a_quotation_meant_by_a_fact_with_errors_says_so(
    project: Project, runner: CliRunner
) -> None:
    """Not "add a quote fact": the curator has one, with a word changed (FS301)."""
    project.facts("q.yaml", ONE_QUOTE.replace("scale up", "step up"))
    _, out, _ = invoke(runner, "coverage")
    quotation = [line for line in out.splitlines() if " FS901 " in line and "discussed" in line]
    assert quotation == [
        f'seeds/{SEED_NAME}:15:2: FS901 quotation "We discussed how we could scale up our '
        "collaborative…\" is meant by fact 'scale-up-cooperation', which has errors: "
        "fix it (see 'factsheet check') to cover it"
    ]
