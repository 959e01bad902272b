"""FS201, FS202 and FS203 through the CLI, on the seed article.

Mutation tests take the shipped, correct facts, change one number or word, and
assert the exact code, line, column and the words the message names. Quiet
tests keep the rules silent on the shipped facts and on correct variants.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from factsheet.rules.base import SECTIONS
from factsheet.rules.numbers import RULES
from factsheet.rules.registry import RULES_BY_CODE
from helpers import REPO, SEED_NAME, SHIPPED_FACTS, Project, invoke

TIMES = "\u00d7"
HEAD = f"source: {SEED_NAME}\nfacts:\n"
EVIDENCE = (
    "the EU had decided to quadruple its spending for border control in Latvia, Lithuania, "
    "and Poland to 200 million euros ($226 million) for the years 2021 and 2022"
)
MIGRANTS = (
    "Thousands of migrants, largely from the Middle East, have entered or attempted to cross "
    "the Belarus border into the EU and NATO\u2019s eastern members, Latvia, Lithuania, "
    "and Poland, in recent months."
)


def fact(
    statement: str,
    evidence: str = EVIDENCE,
    figures: str = "",
    extra: str = "",
    kind: str = "claim",
) -> str:
    """A fact whose statement value starts at line 5, column 16 of the file (a quote mark:
    its first character is at column 17).

    ``figures`` is a list of flow mappings, one a line from line 8, each value at
    column 17.
    """
    lines = [
        "  - id: f",
        f"    kind: {kind}",
        f"    statement: {json.dumps(statement, ensure_ascii=False)}",
        f"    evidence: {json.dumps(evidence, ensure_ascii=False)}",
    ]
    if figures:
        lines.append("    figures:")
        lines.extend(f"      - {{value: {f}}}" for f in figures.split(";"))
    return HEAD + "\n".join(lines) + "\n" + extra


def run_json(runner: CliRunner, *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, _ = invoke(runner, "check", "--format", "json", "--select", "FS2", *args)
    return code, json.loads(out)["diagnostics"]


def findings(project: Project, runner: CliRunner, text: str) -> list[tuple[str, int, int, str]]:
    project.facts("n.yaml", text)
    _, diagnostics = run_json(runner)
    return [(d["code"], d["line"], d["column"], d["message"]) for d in diagnostics]


# Mutations of the shipped, correct facts


def position(text: str, marker: str, column_of: str) -> tuple[int, int]:
    """Line of ``marker`` and the column where ``column_of`` starts on that line."""
    line = text[: text.index(marker)].count("\n") + 1
    return line, text.splitlines()[line - 1].index(column_of) + 1


MUTATIONS = [
    pytest.param(
        "statement: The EU will quadruple its border-control",
        "statement: The EU will tripled its border-control",
        "FS201",
        "tripled",
        f'statement says "tripled" (3{TIMES}); evidence says "quadruple" (4{TIMES})',
        id="statement-quadruple-tripled",
    ),
    pytest.param(
        "Poland to €200 million ($226",
        "Poland to €300 million ($226",
        "FS201",
        "€300 million",
        'statement says "€300 million" (300,000,000 EUR); '
        'evidence says "200 million euros" (200,000,000 EUR)',
        id="statement-200-300-million",
    ),
    pytest.param(
        "for 2021 and 2022.\n",
        "for 2021 and 2023.\n",
        "FS201",
        "2023",
        'statement says "2023" (2023); evidence says "2022" (2022)',
        id="statement-year-2022-2023",
    ),
    pytest.param(
        "Poland to €200 million ($226",
        "Poland to $200 million ($226",
        "FS203",
        "$200 million",
        'statement says "$200 million" (200,000,000 USD); '
        'evidence says "200 million euros" (200,000,000 EUR)',
        id="statement-euros-dollars",
    ),
    pytest.param(
        "{value: 200000000, unit: EUR",
        "{value: 300000000, unit: EUR",
        "FS202",
        "300000000",
        "figure 300,000,000 EUR is not in the evidence; "
        'evidence says "200 million euros" (200,000,000 EUR)',
        id="figure-200-300-million",
    ),
    pytest.param(
        "{value: 226000000, unit: USD",
        "{value: 262000000, unit: USD",
        "FS202",
        "262000000",
        "figure 262,000,000 USD is not in the evidence; "
        'evidence says "$226 million" (226,000,000 USD)',
        id="figure-226-262-million",
    ),
    pytest.param(
        "{value: 200000000, unit: EUR",
        "{value: 200000000, unit: USD",
        "FS203",
        "200000000",
        'figure says 200,000,000 USD; evidence says "200 million euros" (200,000,000 EUR)',
        id="figure-unit-eur-usd",
    ),
    pytest.param(
        "statement: Poland has indicated that it may invoke Article 4.",
        "statement: Poland has indicated that it may invoke Article 5.",
        "FS201",
        "5.",
        'statement says "5" (5); evidence says "4" (4)',
        id="statement-article-4-5",
    ),
    pytest.param(
        "statement: Thousands of migrants, largely",
        "statement: Hundreds of migrants, largely",
        "FS201",
        "Hundreds",
        'statement says "hundreds" (vague); evidence says "thousands" (vague)',
        id="statement-thousands-hundreds",
    ),
    pytest.param(
        "statement: Thousands of migrants, largely",
        "statement: 1,000 migrants, largely",
        "FS201",
        "1,000",
        'statement says "1,000" (1,000); evidence says "thousands" (vague)',
        id="statement-thousands-1000",
    ),
    pytest.param(
        "drones and thousands of combat-ready men",
        "drones and 2,000 combat-ready men",
        "FS201",
        "2,000",
        'statement says "2,000" (2,000); evidence says "thousands" (vague)',
        id="statement-thousands-2000",
    ),
]


@pytest.mark.parametrize(("old", "new", "code", "column_of", "message"), MUTATIONS)
def test_one_change_to_a_correct_fact_fires(
    project: Project,
    runner: CliRunner,
    old: str,
    new: str,
    code: str,
    column_of: str,
    message: str,
) -> None:
    correct = SHIPPED_FACTS.read_text(encoding="utf-8")
    assert correct.count(old) == 1
    mutated = correct.replace(old, new)
    project.facts("baltic.yaml", mutated)
    line, column = position(mutated, new, column_of)

    exit_code, diagnostics = run_json(runner)

    assert exit_code == 1
    assert len(diagnostics) == 1
    (found,) = diagnostics
    assert (found["code"], found["file"], found["line"], found["column"]) == (
        code,
        "facts/baltic.yaml",
        line,
        column,
    )
    assert found["severity"] == "error"
    assert found["message"] == message
    assert found["suggestion"]


def test_mutation_positions_are_the_statement_and_the_figure_value(
    project: Project, runner: CliRunner
) -> None:
    correct = SHIPPED_FACTS.read_text(encoding="utf-8")
    mutated = correct.replace("will quadruple its", "will tripled its").replace(
        "{value: 200000000, unit: EUR", "{value: 300000000, unit: EUR"
    )
    project.facts("baltic.yaml", mutated)
    _, diagnostics = run_json(runner)
    assert [(d["code"], d["line"], d["column"], d["fact"]) for d in diagnostics] == [
        ("FS201", 79, 28, "border-funding"),  # at "tripled"
        ("FS202", 83, 17, "border-funding"),
    ]


def test_one_finding_per_wrong_number(project: Project, runner: CliRunner) -> None:
    statement = "The EU will triple spending to €300 million for 2021 and 2023."
    text = fact(statement)
    # Each points at its own words (after the opening quote at column 16), in order.
    assert [(c, col, m.split(";")[0]) for c, _, col, m in findings(project, runner, text)] == [
        ("FS201", 17 + statement.index("triple"), f'statement says "triple" (3{TIMES})'),
        ("FS201", 17 + statement.index("€300"), 'statement says "€300 million" (300,000,000 EUR)'),
        ("FS201", 17 + statement.index("2023"), 'statement says "2023" (2023)'),
    ]


# Quiet: the shipped facts and correct variants


def test_shipped_facts_have_no_number_findings(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = invoke(runner, "check", "--format", "json", "--select", "FS2", "--strict")
    assert code == 0
    assert json.loads(out)["diagnostics"] == []


def test_shipped_facts_in_a_project_are_quiet(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", SHIPPED_FACTS.read_text(encoding="utf-8"))
    assert run_json(runner, "--strict") == (0, [])


@pytest.mark.parametrize(
    "amount",
    [
        "€200 million",
        "€200m",
        "€200mn",
        "€0.2bn",
        "€200,000,000",
        "200 million euros",
        "200m euros",
        "EUR 200 million",
        "EUR 200m",
        "200 million EUR",
        "two hundred million euros",
        "200 million",
    ],
)
def test_correct_variants_of_the_amount_are_quiet(
    project: Project, runner: CliRunner, amount: str
) -> None:
    text = fact(f"The EU will quadruple border spending to {amount} ($226 million) for 2021-2022.")
    assert findings(project, runner, text) == []


@pytest.mark.parametrize(
    "statement",
    [
        "The EU will quadruple border-control spending.",
        "The EU will quadruple border-control spending, to four times its level.",
        "The EU will quadruple border-control spending (a fourfold rise).",
        "Border-control spending for 2021 and 2022 will be €200 million.",
        "Border-control spending for 2021\u20132022 will be €200 million.",
        "Border-control spending for 2021-22 will be €200 million.",
        "Border-control spending will be 200,000,000 euros, or US$226m.",
        "Border-control spending will be €200 million, about $226 million.",
    ],
)
def test_correct_statements_are_quiet(project: Project, runner: CliRunner, statement: str) -> None:
    assert findings(project, runner, fact(statement)) == []


def test_vague_statement_supported_by_the_same_words(project: Project, runner: CliRunner) -> None:
    text = fact("Thousands of migrants tried to cross from Belarus.", MIGRANTS)
    assert findings(project, runner, text) == []


def test_date_supports_day_month_and_year(project: Project, runner: CliRunner) -> None:
    text = fact(
        "On 28 November 2021 (2021-11-28), EU and NATO leaders pledged to combat hybrid threats.",
        "On trips to Lithuania and Latvia on Sunday, EU and NATO leaders pledged to combat "
        "\u201chybrid threats,\u201d",
        extra="    date: 2021-11-28\n",
    )
    assert findings(project, runner, text) == []


def test_date_does_not_support_another_day(project: Project, runner: CliRunner) -> None:
    text = fact(
        "On 29 November, EU and NATO leaders pledged to combat hybrid threats.",
        "On trips to Lithuania and Latvia on Sunday, EU and NATO leaders pledged to combat "
        "\u201chybrid threats,\u201d",
        extra="    date: 2021-11-28\n",
    )
    assert findings(project, runner, text) == [
        ("FS201", 5, 20, 'statement says "29" (29); the evidence, figures and date do not give it')
    ]


def test_figures_support_statement_numbers(project: Project, runner: CliRunner) -> None:
    # The statement's "Three" is given by a figure, which is FS202 itself: one finding.
    text = fact(
        "Three countries will share €200 million.",
        figures="200000000, unit: EUR;3, unit: countries",
    )
    assert findings(project, runner, text) == [
        (
            "FS202",
            9,
            17,
            'figure 3 countries is not in the evidence; evidence says "2021" (2021)',
        )
    ]


def test_quote_fact_reads_its_quote_as_evidence(project: Project, runner: CliRunner) -> None:
    text = (
        HEAD
        + "  - id: q\n    kind: quote\n"
        + "    quote: If the security situation grows further worse, we do not exclude out "
        "negotiations under NATO\u2019s Article 4\n"
        + "    speaker: Gitanas Nauseda\n"
        + "    statement: Nauseda did not exclude Article 4 talks.\n"
        + "    figures:\n      - {value: 4, label: article}\n"
    )
    assert findings(project, runner, text) == []


def test_editorial_insertions_are_not_evidence(project: Project, runner: CliRunner) -> None:
    text = fact(
        "The EU will spend €200 million in 2023.",
        "Poland to 200 million euros [in 2023]",
    )
    assert findings(project, runner, text) == [
        (
            "FS201",
            5,
            17 + "The EU will spend €200 million in 2023.".index("2023"),
            'statement says "2023" (2023); evidence says "200 million euros" (200,000,000 EUR)',
        )
    ]


# FS201: multipliers, vague words, examples of RULES.md


def test_rules_example_tripled_is_not_supported_by_quadruple(
    project: Project, runner: CliRunner
) -> None:
    text = fact("The EU has tripled border spending.")
    assert findings(project, runner, text) == [
        (
            "FS201",
            5,
            28,  # "tripled", after the opening quote at column 16
            f'statement says "tripled" (3{TIMES}); evidence says "quadruple" (4{TIMES})',
        )
    ]


def test_rules_example_euro_symbol_supported_by_euros_word(
    project: Project, runner: CliRunner
) -> None:
    assert findings(project, runner, fact("The EU will spend €200 million.")) == []


@pytest.mark.parametrize("word", ["doubled", "twice", "double", "halved", "three times"])
def test_other_multipliers_are_not_quadruple(
    project: Project, runner: CliRunner, word: str
) -> None:
    (finding,) = findings(project, runner, fact(f"The EU {word} border spending."))
    assert finding[:3] == ("FS201", 5, 24)  # at the word, after `"The EU `
    assert finding[3].startswith(f'statement says "{word}" (')
    assert finding[3].endswith(f'evidence says "quadruple" (4{TIMES})')


def test_a_bare_four_is_not_a_multiplier(project: Project, runner: CliRunner) -> None:
    (finding,) = findings(project, runner, fact("The EU multiplied spending by 4."))
    assert finding == ("FS201", 5, 47, 'statement says "4" (4); evidence says "2021" (2021)')


def test_thousands_never_matches_a_thousand(project: Project, runner: CliRunner) -> None:
    text = fact("Thousands of migrants tried to cross.", "1,000 migrants tried to cross")
    assert findings(project, runner, text) == [
        ("FS201", 5, 17, 'statement says "thousands" (vague); evidence says "1,000" (1,000)')
    ]


def test_a_thousand_is_not_supported_by_thousands(project: Project, runner: CliRunner) -> None:
    text = fact("A thousand migrants tried to cross.", MIGRANTS)
    assert findings(project, runner, text) == [
        (
            "FS201",
            5,
            17,
            'statement says "A thousand" (1,000); evidence says "thousands" (vague)',
        )
    ]


def test_statement_number_without_evidence_numbers(project: Project, runner: CliRunner) -> None:
    text = fact(
        "Two leaders accused Belarus.",
        "Both Stoltenberg and von der Leyen accused Belarus of engineering the migrant problem",
    )
    assert findings(project, runner, text) == [
        ("FS201", 5, 17, 'statement says "Two" (2); the evidence, figures and date do not give it')
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "One of the leaders accused Belarus.",
        "No one disputed the allegation.",
        "Both leaders accused Belarus, as the COVID-19 and G7 talks went on.",
        "Several reasons were given.",
    ],
)
def test_words_that_are_not_numbers_are_quiet(
    project: Project, runner: CliRunner, statement: str
) -> None:
    text = fact(
        statement,
        "Both Stoltenberg and von der Leyen accused Belarus of engineering the migrant problem",
    )
    assert findings(project, runner, text) == []


def test_percent_spellings_support_each_other(project: Project, runner: CliRunner) -> None:
    # The evidence only has to be a string here: FS2 reads it as written.
    for statement, evidence in [
        ("Prices rose 5%.", "prices rose 5 per cent"),
        ("Prices rose 5 percent.", "prices rose 5%"),
        ("Prices rose five per cent.", "prices rose 5 percent"),
    ]:
        assert findings(project, runner, fact(statement, evidence)) == []


def test_percent_is_not_money(project: Project, runner: CliRunner) -> None:
    text = fact("Prices rose 5%.", "prices rose by €5")
    assert findings(project, runner, text) == [
        ("FS203", 5, 29, 'statement says "5%" (5%); evidence says "€5" (5 EUR)')
    ]


# FS202 and FS203 on figures


def test_rules_example_figure_in_dollars_against_euros(project: Project, runner: CliRunner) -> None:
    text = fact("Spending will be €200 million.", figures="200000000, unit: USD")
    assert findings(project, runner, text) == [
        (
            "FS203",
            8,
            17,
            'figure says 200,000,000 USD; evidence says "200 million euros" (200,000,000 EUR)',
        )
    ]


def test_fs203_suggests_the_evidence_unit(project: Project, runner: CliRunner) -> None:
    project.facts("n.yaml", fact("Spending will be €200 million.", figures="200000000, unit: USD"))
    _, (diagnostic,) = run_json(runner)
    assert diagnostic["suggestion"] == "set unit: EUR"


@pytest.mark.parametrize(
    "figures",
    [
        "200000000, unit: EUR",
        "200000000, unit: eur",
        "200000000, unit: euros",
        "200000000",
        "226000000, unit: USD",
        "2.0e8, unit: EUR",
        "2021",
        "2022, label: last year",
        "4, label: spending multiplier",
        "4, unit: times",
    ],
)
def test_figures_in_the_evidence_are_quiet(
    project: Project, runner: CliRunner, figures: str
) -> None:
    text = fact("The EU will quadruple spending.", figures=figures)
    assert findings(project, runner, text) == []


def test_figure_with_plain_word_unit_matches_a_bare_number(
    project: Project, runner: CliRunner
) -> None:
    text = fact(
        "Some 4,000 migrants crossed.",
        "some 4,000 migrants crossed",
        figures="4000, unit: migrants",
    )
    assert findings(project, runner, text) == []


def test_figure_with_plain_word_unit_against_money(project: Project, runner: CliRunner) -> None:
    text = fact("Spending will be €200 million.", figures="200000000, unit: migrants")
    assert findings(project, runner, text) == [
        (
            "FS203",
            8,
            17,
            'figure says 200,000,000 migrants; evidence says "200 million euros" (200,000,000 EUR)',
        )
    ]


def test_currency_figure_against_a_bare_number(project: Project, runner: CliRunner) -> None:
    text = fact(
        "Some 4,000 migrants crossed.", "some 4,000 migrants crossed", figures="4000, unit: EUR"
    )
    assert findings(project, runner, text) == [
        (
            "FS203",
            8,
            17,
            'figure says 4,000 EUR; evidence says "4,000" (4,000) with no currency',
        )
    ]


def test_currency_named_elsewhere_in_the_evidence_supports_a_bare_figure(
    project: Project, runner: CliRunner
) -> None:
    text = fact(
        "The fund holds €4,000.",
        "the fund holds 4,000, all of it in euros",
        figures="4000, unit: EUR",
    )
    assert findings(project, runner, text) == []


def test_percent_figure(project: Project, runner: CliRunner) -> None:
    quiet = fact("Prices rose 5%.", "prices rose 5 per cent", figures="5, unit: percent")
    assert findings(project, runner, quiet) == []
    wrong = fact("Prices rose 5%.", "prices rose 5 per cent", figures="6, unit: percent")
    assert findings(project, runner, wrong) == [
        ("FS202", 8, 17, 'figure 6% is not in the evidence; evidence says "5 per cent" (5%)')
    ]


def test_figure_with_no_numbers_in_the_evidence(project: Project, runner: CliRunner) -> None:
    text = fact(
        "Leaders pledged action.",
        "EU and NATO leaders pledged to combat",
        figures="2, label: leaders",
    )
    assert findings(project, runner, text) == [
        ("FS202", 8, 17, "figure 2 is not in the evidence; the evidence gives no numbers")
    ]


def test_each_figure_is_reported_at_its_own_value(project: Project, runner: CliRunner) -> None:
    text = fact(
        "Spending will be €200 million ($226 million).",
        figures="200000000, unit: EUR;226000001, unit: USD;300000000, unit: EUR",
    )
    assert [(c, line, col) for c, line, col, _ in findings(project, runner, text)] == [
        ("FS202", 9, 17),
        ("FS202", 10, 17),
    ]


def test_fact_ignore_suppresses_fs2(project: Project, runner: CliRunner) -> None:
    text = fact("The EU has tripled border spending.", extra="    ignore: [FS201]\n")
    assert findings(project, runner, text) == []


# Rule documentation


def test_rules_are_registered_with_every_doc_section() -> None:
    assert [r.code for r in RULES] == ["FS201", "FS202", "FS203"]
    assert [r.name for r in RULES] == ["number-unsupported", "figure-unsupported", "unit-mismatch"]
    for r in RULES:
        assert RULES_BY_CODE[r.code] is r
        assert r.missing_sections() == []
        assert set(r.docs) == set(SECTIONS)
        assert r.severity.value == "error"


@pytest.mark.parametrize("code", ["FS201", "FS202", "FS203"])
def test_rules_command_prints_the_docs(runner: CliRunner, code: str) -> None:
    exit_code, out, _ = invoke(runner, "rules", code)
    assert exit_code == 0
    assert code in out
    assert "Use instead" in out


def test_percentage_point_figures_are_a_unit_of_their_own(
    project: Project, runner: CliRunner
) -> None:
    (project.root / "seeds" / "rates.txt").write_text(
        "date 2021-11-28 Rates\n\nThe bank raised its rate by 2 percentage points.\n\n"
        "Inflation was 2 percent.\n",
        encoding="utf-8",
    )
    facts = (
        "source: rates.txt\nfacts:\n"
        "  - id: rate\n    kind: figure\n    statement: The rate rose.\n"
        '    evidence: "{evidence}"\n    figures: [{{value: 2, unit: percentage point}}]\n'
    )
    project.facts("r.yaml", facts.format(evidence="raised its rate by 2 percentage points"))
    code, out, _ = invoke(runner, "check", "--format", "concise")
    assert (code, out) == (0, "1 fact in 1 file: 1 verified, 0 errors, 0 warnings\n")
    project.facts("r.yaml", facts.format(evidence="Inflation was 2 percent."))
    code, out, _ = invoke(runner, "check", "--format", "concise")
    assert code == 1
    assert out.startswith("facts/r.yaml:7:23: FS203 ")
    assert "set unit: percentage point" not in out
