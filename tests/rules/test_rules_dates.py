"""FS501 through the CLI: the seed article (dated 2021-11-28, a Sunday) and small sources.

Mutation tests take a correct fact from the shipped fact file, change its
date, and assert the exact finding; the shipped facts must stay quiet.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet.rules.dates import RULES
from helpers import SEED_NAME, SHIPPED_FACTS, Project, invoke, run_json

SEED_PATH = f"seeds/{SEED_NAME}"
HEAD = f"source: {SEED_NAME}\nfacts:\n"


def fs501(runner: CliRunner) -> tuple[int, list[dict[str, Any]]]:
    code, diagnostics = run_json(runner, "--select", "FS5")
    return code, [d for d in diagnostics if d["code"] == "FS501"]


def event(fact_id: str, evidence: str, date: str) -> str:
    """An event whose date value starts at column 11 of its fifth line."""
    value = json.dumps(evidence, ensure_ascii=False)
    return (
        f"  - id: {fact_id}\n    kind: event\n    statement: x\n    evidence: {value}\n"
        f"    date: {date}\n"
    )


# Mutations of the shipped, correct facts


MUTATIONS = [
    pytest.param(
        "baltic-visit",
        "date: 2021-11-28",
        "date: 2021-11-29",
        'date 2021-11-29 is not supported: the evidence says "on Sunday" (2021-11-28)',
        (3, 34),
        "date: 2021-11-28",
        id="sunday-28-to-29",
    ),
    pytest.param(
        "ministers-meeting",
        "date: 2021-11-30",
        "date: 2021-11-29",
        'date 2021-11-29 is not supported: the evidence says "on Tuesday" (2021-11-30)',
        (29, 54),
        "date: 2021-11-30",
        id="tuesday-30-to-29",
    ),
    pytest.param(
        "ministers-meeting",
        "date: 2021-11-30",
        "date: 2021-11-23",
        'date 2021-11-23 is not supported: the evidence says "on Tuesday" (2021-11-30)',
        (29, 54),
        "date: 2021-11-30",
        id="begins-on-tuesday-is-not-last-tuesday",
    ),
    pytest.param(
        "baltic-visit",
        "date: 2021-11-28",
        "date: 2021-11-21",
        'date 2021-11-21 is not supported: the evidence says "on Sunday" (2021-11-28)',
        (3, 34),
        "date: 2021-11-28",
        id="sunday-a-week-early",
    ),
    pytest.param(
        "baltic-visit",
        "date: 2021-11-28",
        "date: 2021-11-28/2021-11-30",
        'date 2021-11-28/2021-11-30 is not supported: the evidence says "on Sunday" (2021-11-28)',
        (3, 34),
        "date: 2021-11-28",
        id="sunday-stretched-to-a-range",
    ),
    pytest.param(
        "baltic-visit",
        "date: 2021-11-28",
        "date: 2020-11-28",
        'date 2020-11-28 is not supported: the evidence says "on Sunday" (2021-11-28)',
        (3, 34),
        "date: 2021-11-28",
        id="wrong-year",
    ),
]


@pytest.mark.parametrize(("fact", "old", "new", "message", "source_at", "suggestion"), MUTATIONS)
def test_one_changed_date_in_a_correct_fact_fires(
    project: Project,
    runner: CliRunner,
    fact: str,
    old: str,
    new: str,
    message: str,
    source_at: tuple[int, int],
    suggestion: str,
) -> None:
    correct = SHIPPED_FACTS.read_text(encoding="utf-8")
    start = correct.index(f"id: {fact}\n")
    at = correct.index(old, start)
    mutated = correct[:at] + new + correct[at + len(old) :]
    project.facts("baltic.yaml", mutated)
    line = mutated[:at].count("\n") + 1

    code, diagnostics = run_json(runner)

    assert code == 1
    found = [d for d in diagnostics if d["code"] == "FS501"]
    assert found == [
        {
            "code": "FS501",
            "severity": "error",
            "message": message,
            "file": "facts/baltic.yaml",
            "line": line,
            "column": 11,
            "fact": fact,
            "source": {"file": SEED_PATH, "line": source_at[0], "column": source_at[1]},
            "suggestion": suggestion,
        }
    ]
    assert mutated.splitlines()[line - 1] == f"    {new}"


def test_the_shipped_facts_are_quiet(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", SHIPPED_FACTS.read_text(encoding="utf-8"))
    code, found = fs501(runner)
    assert (code, found) == (0, [])


def test_every_shipped_fact_is_quiet_with_its_own_date_or_a_dated_paragraph(
    project: Project, runner: CliRunner
) -> None:
    """Give every undated shipped fact the seed's date too: nothing contradicts it."""
    blocks = SHIPPED_FACTS.read_text(encoding="utf-8").split("\n  - id: ")
    dated = [blocks[0]]
    for block in blocks[1:]:
        if "\n    date: " not in block:
            block = block.replace("\n    kind: ", "\n    date: 2021-11-28\n    kind: ", 1)
        dated.append(block)
    text = "\n  - id: ".join(dated)
    assert text.count("    date: ") == 20
    project.facts("baltic.yaml", text)
    code, diagnostics = run_json(runner, "--select", "FS0,FS5")
    assert (code, diagnostics) == (0, [])


def test_rules_md_sunday_and_tuesday(project: Project, runner: CliRunner) -> None:
    """`on Sunday` supports 2021-11-28, `begins on Tuesday` 2021-11-30; 11-29 neither."""
    sunday = "On trips to Lithuania and Latvia on Sunday"
    tuesday = "which begins on Tuesday in Latvia"
    project.facts(
        "m.yaml",
        HEAD
        + event("sunday-ok", sunday, "2021-11-28")
        + event("tuesday-ok", tuesday, "2021-11-30")
        + event("sunday-29", sunday, "2021-11-29")
        + event("tuesday-29", tuesday, "2021-11-29"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["fact"], d["line"], d["column"], d["message"]) for d in found] == [
        (
            "sunday-29",
            17,
            11,
            'date 2021-11-29 is not supported: the evidence says "on Sunday" (2021-11-28)',
        ),
        (
            "tuesday-29",
            22,
            11,
            'date 2021-11-29 is not supported: the evidence says "on Tuesday" (2021-11-30)',
        ),
    ]


def test_a_range_from_sunday_to_tuesday_is_supported_by_both_ends(
    project: Project, runner: CliRunner
) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + "  - id: visit-and-meeting\n    kind: event\n    statement: x\n    evidence:\n"
        + '      - "On trips to Lithuania and Latvia on Sunday"\n'
        + '      - "which begins on Tuesday in Latvia"\n'
        + "    date: 2021-11-28/2021-11-30\n",
    )
    assert fs501(runner) == (0, [])


def test_no_date_expression_means_no_finding(project: Project, runner: CliRunner) -> None:
    # Neither these excerpts nor their paragraphs say when.
    project.facts(
        "m.yaml",
        HEAD
        + event("plea", "warning of “consequences” if force is employed", "1999-01-01")
        + event("definition", "A hybrid threat is a type of security threat", "2021-11-29"),
    )
    assert fs501(runner) == (0, [])


def test_the_paragraph_is_context_when_the_evidence_has_no_date(
    project: Project, runner: CliRunner
) -> None:
    evidence = "which were overshadowed by the Belarus immigration crisis"
    project.facts(
        "m.yaml",
        HEAD + event("right", evidence, "2021-11-28") + event("wrong", evidence, "2021-11-29"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["fact"], d["line"], d["column"]) for d in found] == [("wrong", 12, 11)]
    assert found[0]["message"] == (
        'date 2021-11-29 is not supported: the evidence\'s paragraph says "on Sunday" (2021-11-28)'
    )
    assert found[0]["source"] == {"file": SEED_PATH, "line": 3, "column": 34}


def test_this_week_allows_the_days_around_the_source_date(
    project: Project, runner: CliRunner
) -> None:
    evidence = "a NATO foreign ministers conference in Latvia this week"
    project.facts(
        "m.yaml",
        HEAD
        + event("tuesday", evidence, "2021-11-30")
        + event("range", evidence, "2021-11-30/2021-12-01")
        + event("christmas", evidence, "2021-12-25"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [d["fact"] for d in found] == ["christmas"]
    assert found[0]["message"] == (
        'date 2021-12-25 is not supported: the evidence says "this week" (2021-11-22/2021-12-04)'
    )
    assert found[0]["suggestion"] == "date: 2021-11-22/2021-12-04"


def test_the_years_in_the_evidence_bound_the_date(project: Project, runner: CliRunner) -> None:
    evidence = "to 200 million euros ($226 million) for the years 2021 and 2022"
    project.facts(
        "m.yaml",
        HEAD
        + event("in-2021", evidence, "2021-11-28")
        + event("both-years", evidence, "2021-01-01/2022-12-31")
        + event("in-2023", evidence, "2023-01-01"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [d["fact"] for d in found] == ["in-2023"]
    assert found[0]["message"] == (
        'date 2023-01-01 is not supported: the evidence says "2021" (2021) and "2022" (2022)'
    )
    assert found[0]["suggestion"] == "use a date within 2021 or 2022"


def test_a_per_fact_ignore_silences_it(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD + event("x", "Latvia on Sunday", "2021-11-29") + "    ignore: [FS501]\n",
    )
    assert fs501(runner) == (0, [])


def test_concise_output_names_the_words_at_fault(project: Project, runner: CliRunner) -> None:
    project.facts("m.yaml", HEAD + event("x", "Latvia on Sunday", "2021-11-29"))
    code, out, _ = invoke(runner, "check", "--format", "concise", "--select", "FS5")
    assert code == 1
    assert out.splitlines()[0] == (
        "facts/m.yaml:7:11: FS501 date 2021-11-29 is not supported: the evidence says "
        '"on Sunday" (2021-11-28)'
    )


# Sources of other shapes


FRONT_MATTER_SOURCE = """---
title: Summit in Brussels
date: 2021-06-14
---

The summit opened in Brussels on 14 June 2021, a Monday.

Leaders will meet again on Tuesday, and the talks run from 14 to 16 June.

The alliance was founded on April 4, 1949, and its headquarters moved on Oct. 16, 1967.

Ministers met last Friday to prepare.
"""


def test_front_matter_date_and_explicit_dates(project: Project, runner: CliRunner) -> None:
    (project.root / "seeds" / "summit.md").write_text(FRONT_MATTER_SOURCE, encoding="utf-8")
    facts = [
        ("opened", "The summit opened in Brussels on 14 June 2021", "2021-06-14"),
        ("opened-wrong", "The summit opened in Brussels on 14 June 2021", "2021-06-15"),
        ("again", "Leaders will meet again on Tuesday", "2021-06-15"),
        ("again-wrong", "Leaders will meet again on Tuesday", "2021-06-08"),
        ("talks", "the talks run from 14 to 16 June", "2021-06-14/2021-06-16"),
        ("talks-day", "the talks run from 14 to 16 June", "2021-06-15"),
        ("talks-wrong", "the talks run from 14 to 16 June", "2021-06-14/2021-06-17"),
        ("founded", "The alliance was founded on April 4, 1949", "1949-04-04"),
        ("moved", "its headquarters moved on Oct. 16, 1967", "1967-10-16"),
        ("moved-wrong", "its headquarters moved on Oct. 16, 1967", "1967-10-17"),
        ("prepared", "Ministers met last Friday to prepare.", "2021-06-11"),
        ("prepared-wrong", "Ministers met last Friday to prepare.", "2021-06-18"),
    ]
    project.facts(
        "summit.yaml",
        "source: summit.md\nfacts:\n" + "".join(event(*fact) for fact in facts),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["fact"], d["line"], d["column"], d["message"], d["suggestion"]) for d in found] == [
        (
            "opened-wrong",
            12,
            11,
            'date 2021-06-15 is not supported: the evidence says "on 14 June 2021" (2021-06-14)',
            "date: 2021-06-14",
        ),
        (
            "again-wrong",
            22,
            11,
            'date 2021-06-08 is not supported: the evidence says "on Tuesday" (2021-06-15)',
            "date: 2021-06-15",
        ),
        (
            "talks-wrong",
            37,
            11,
            "date 2021-06-14/2021-06-17 is not supported: the evidence says "
            '"from 14 to 16 June" (2021-06-14/2021-06-16)',
            "date: 2021-06-14/2021-06-16",
        ),
        (
            "moved-wrong",
            52,
            11,
            'date 1967-10-17 is not supported: the evidence says "on Oct. 16, 1967" (1967-10-16)',
            "date: 1967-10-16",
        ),
        (
            "prepared-wrong",
            62,
            11,
            'date 2021-06-18 is not supported: the evidence says "last Friday" (2021-06-11)',
            "date: 2021-06-11",
        ),
    ]
    assert found[0]["source"] == {"file": "seeds/summit.md", "line": 6, "column": 31}


def test_a_header_line_gives_the_date_too(project: Project, runner: CliRunner) -> None:
    source = " date 2022-03-02 A Wednesday story\n\nTalks were held yesterday in Geneva.\n"
    (project.root / "seeds" / "wed.txt").write_text(source, encoding="utf-8")
    project.facts(
        "wed.yaml",
        "source: wed.txt\nfacts:\n"
        + event("right", "Talks were held yesterday", "2022-03-01")
        + event("wrong", "Talks were held yesterday", "2022-03-02"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["fact"], d["message"]) for d in found] == [
        ("wrong", 'date 2022-03-02 is not supported: the evidence says "yesterday" (2022-03-01)')
    ]


def test_without_a_source_date_only_explicit_years_count(
    project: Project, runner: CliRunner
) -> None:
    source = "Ministers met on Tuesday.\n\nThe treaty was signed on 4 April 1949 in Washington.\n"
    (project.root / "seeds" / "undated.txt").write_text(source, encoding="utf-8")
    project.facts(
        "undated.yaml",
        "source: undated.txt\nfacts:\n"
        + event("weekday", "Ministers met on Tuesday.", "2001-01-01")
        + event("treaty", "The treaty was signed on 4 April 1949", "1949-04-04")
        + event("treaty-wrong", "The treaty was signed on 4 April 1949", "1949-04-05"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["fact"], d["line"]) for d in found] == [("treaty-wrong", 17)]


def test_a_quote_fact_reads_its_quote(project: Project, runner: CliRunner) -> None:
    source = " date 2021-11-28 Quotes\n\n“We will meet again on 1 December,” the minister said.\n"
    (project.root / "seeds" / "q.txt").write_text(source, encoding="utf-8")
    project.facts(
        "q.yaml",
        "source: q.txt\nfacts:\n"
        "  - id: meet\n    kind: quote\n    quote: We will meet again on 1 December\n"
        "    speaker: the minister\n    date: 2021-12-02\n",
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["line"], d["column"], d["message"]) for d in found] == [
        (7, 11, 'date 2021-12-02 is not supported: the evidence says "on 1 December" (2021-12-01)')
    ]


def test_the_rule_is_documented() -> None:
    (rule,) = RULES
    assert (rule.code, rule.name, rule.severity.value) == ("FS501", "date-unsupported", "error")
    assert rule.missing_sections() == []


def test_factsheet_rules_prints_the_docs(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "rules", "FS501")
    assert code == 0
    assert "date-unsupported" in out
    assert "date: 2021-11-28" in out


@pytest.mark.parametrize("words", ["28 November 2021", "Nov. 28"])
def test_rules_md_explicit_dates(project: Project, runner: CliRunner, words: str) -> None:
    source = f" date 2021-11-30 Later report\n\nLeaders met in Vilnius on {words} to talk.\n"
    (project.root / "seeds" / "later.txt").write_text(source, encoding="utf-8")
    evidence = f"Leaders met in Vilnius on {words}"
    project.facts(
        "later.yaml",
        "source: later.txt\nfacts:\n"
        + event("right", evidence, "2021-11-28")
        + event("wrong", evidence, "2021-11-30"),
    )
    code, found = fs501(runner)
    assert code == 1
    assert [(d["fact"], d["line"], d["column"], d["message"], d["source"]) for d in found] == [
        (
            "wrong",
            12,
            11,
            f'date 2021-11-30 is not supported: the evidence says "on {words}" (2021-11-28)',
            {"file": "seeds/later.txt", "line": 3, "column": 24},
        )
    ]
