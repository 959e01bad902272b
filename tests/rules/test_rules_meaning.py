"""FS7 — meaning: rule-level checks, the issue's six statements, and CLI mutations."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factsheet.model import Fact, Kind, Location, Text
from factsheet.rules import meaning
from factsheet.source.reader import Source, parse_source
from helpers import REPO, SEED, SEED_NAME, SHIPPED_FACTS, Project, invoke

SOURCE: Source = parse_source(SEED_NAME, SEED.read_bytes(), "seed")
AT = Location(3, 16)


def findings(
    statement: str, *evidence: str, kind: Kind = "claim", off: bool = False
) -> list[tuple[str, str, str]]:
    """The FS7 findings; FS707 (off by default) only with ``off``."""
    fact = Fact(
        id="f",
        kind=kind,
        at=Location(1, 1),
        keys={},
        statement=Text(statement, AT),
        evidence=tuple(Text(e, Location(4, 15)) for e in evidence),
    )
    found = meaning.check(fact, SOURCE)
    return [(f.code, f.message, str(f.at)) for f in found if off or f.code != "FS707"]


# The six statements, each with its error.


def test_negation_need_not() -> None:
    assert findings(
        "Von der Leyen said the EU and NATO need not work together.",
        "It is critical that the European Union and NATO work together",
    ) == [("FS701", 'statement says "need not work"; evidence says "work"', "3:51")]


def test_certainty_expected_to() -> None:
    assert findings(
        "The ministers' conference addressed Russia's buildup.",
        "is expected to address Russia's military buildup near Ukraine",
    ) == [("FS702", 'statement says "addressed"; evidence says "expected to address"', "3:42")]


def test_certainty_condition() -> None:
    assert findings(
        "Nauseda said Lithuania will seek negotiations under Article 4.",
        "If the security situation grows further worse, we do not exclude out negotiations "
        "under NATO's Article 4",
    ) == [
        (
            "FS702",
            'statement says "will seek negotiations"; evidence says "If \u2026 negotiations"',
            "3:39",
        )
    ]


def test_quantity_only() -> None:
    assert findings(
        "The funds will be used only for drones.",
        "to purchase patrol vehicles and electronic surveillance equipment, including drones",
    ) == [("FS703", 'statement says "only"; evidence says "including"', "3:39")]


def test_opposite_far_near() -> None:
    assert findings(
        "Russia's military build-up far from Ukraine.",
        "Russia's military build-up near Ukraine",
    ) == [("FS704", 'statement says "far"; evidence says "near"', "3:43")]


def test_roles_swapped_names() -> None:
    assert findings(
        "Russia urged Stoltenberg to de-escalate.",
        "Stoltenberg also reiterated his plea for Russia to",
    ) == [
        (
            "FS705",
            'statement says "Russia urged Stoltenberg"; evidence says "Stoltenberg \u2026 Russia"',
            "3:16",
        )
    ]


# Quiet on faithful paraphrase.


@pytest.mark.parametrize(
    ("statement", "evidence"),
    [
        (
            "Von der Leyen said the EU and NATO must collaborate to respond to such situations.",
            "It is critical that the European Union and NATO work together to respond to such "
            "situations",
        ),
        (
            "Lithuania does not rule out talks under Article 4 if the security situation worsens.",
            "If the security situation grows further worse, we do not exclude out negotiations "
            "under NATO's Article 4",
        ),
        ("Poland has signalled that it could invoke the clause.", "Poland has also indicated"),
        (
            "Belarus was accused by Stoltenberg and von der Leyen of engineering the migrant "
            "problem.",
            "Both Stoltenberg and von der Leyen accused Belarus of engineering the migrant problem",
        ),
        (
            "Migrants, mainly from the Middle East, have entered or tried to cross the border.",
            "Thousands of migrants, largely from the Middle East, have entered or attempted to "
            "cross the Belarus border",
        ),
        (
            "The funds buy patrol vehicles.",
            "She stated that the funds would be used to purchase patrol vehicles",
        ),
    ],
)
def test_quiet_on_faithful_paraphrase(statement: str, evidence: str) -> None:
    assert findings(statement, evidence) == []


def test_double_negation_and_prefix() -> None:
    evidence = "the court found the dismissal lawful"  # not in the seed: read as given
    assert findings("The court found the dismissal not unlawful.", evidence) == []
    assert findings("The court found the dismissal unlawful.", evidence) == [
        ("FS701", 'statement says "unlawful"; evidence says "lawful"', "3:46")
    ]


def test_alternative_dropped() -> None:
    assert findings(
        "Thousands of migrants have entered the Belarus border.",
        "Thousands of migrants, largely from the Middle East, have entered or attempted to "
        "cross the Belarus border",
    ) == [("FS706", 'statement says "entered"; evidence says "entered or attempted"', "3:43")]


def test_unsupported_word() -> None:
    assert findings(
        "The funds will buy tanks and drones.",
        "the funds would be used to purchase patrol vehicles and electronic surveillance "
        "equipment, including drones",
        off=True,
    ) == [("FS707", 'statement says "tanks"; nothing in the evidence supports it', "3:35")]


def test_roles_swapped_between_noun_phrases() -> None:
    assert findings(
        "Belarus accused Stoltenberg and von der Leyen of engineering the migrant problem.",
        "Both Stoltenberg and von der Leyen accused Belarus of engineering the migrant problem",
    ) == [
        (
            "FS705",
            'statement says "Belarus accused Stoltenberg"; evidence says "Leyen accused Belarus"',
            "3:16",
        )
    ]
    assert (
        findings(
            "Stoltenberg and von der Leyen accused Belarus of engineering the migrant problem.",
            "Both Stoltenberg and von der Leyen accused Belarus of engineering the migrant problem",
        )
        == []
    )


@pytest.mark.parametrize(
    ("statement", "evidence"),
    [
        ("Lavrov meets Stoltenberg.", "Stoltenberg met Lavrov"),
        ("The union negotiates with the ministry.", "the ministry negotiated with the union"),
        ("The EU cooperated with NATO.", "NATO cooperates with the EU"),
    ],
)
def test_roles_quiet_on_a_symmetric_verb_in_any_form(statement: str, evidence: str) -> None:
    """A symmetric verb is known by its lemma (`meets`, `negotiates`, `cooperated`), not
    only by the forms a list spells out: either order says the same."""
    assert findings(statement, evidence) == []


def test_roles_swapped_with_an_inflected_verb() -> None:
    assert findings("The union sues the ministry.", "the ministry sued the union") == [
        (
            "FS705",
            'statement says "union sues the ministry"; evidence says "ministry sued the union"',
            "3:20",
        )
    ]


def test_quote_facts_are_not_read() -> None:
    assert findings("Nobody works together.", "work together", kind="quote") == []


# The CLI: mutations of the shipped facts.

SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")


def _mutated(old: str, new: str) -> str:
    assert SHIPPED.count(old) == 1
    return SHIPPED.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Russia's military build-up near Ukraine.",
            "Russia's military build-up far from Ukraine.",
            '19:109 FS704 error statement says "far"; evidence says "near"',
        ),
        (
            "Poland has indicated that it may invoke Article 4.",
            "Poland will use Article 4.",
            '120:23 FS702 error statement says "will use"; '
            'evidence says "indicated that it may use"',
        ),
    ],
)
def test_cli_mutation(
    project: Project, runner: CliRunner, old: str, new: str, expected: str
) -> None:
    project.facts("nato.yaml", _mutated(old, new))
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert [line.strip() for line in out.splitlines() if " FS7" in line] == [
        f"{expected}  [{_fact_of(old)}]"
    ]


def _fact_of(old: str) -> str:
    head = SHIPPED[: SHIPPED.index(old)]
    return head.rsplit("- id: ", 1)[1].split("\n", 1)[0]


def test_cli_shipped_facts_clean_and_fs707_off_by_default(
    project: Project, runner: CliRunner
) -> None:
    project.facts("nato.yaml", SHIPPED)
    assert invoke(runner, "check", "--strict")[0] == 0
    code, out, _ = invoke(runner, "check", "--select", "FS707")
    assert [line.strip().split(";")[0] for line in out.splitlines() if " FS707" in line] == [
        '65:30 FS707 warning statement says "spoke"',
        '120:49 FS707 warning statement says "invoke"',
    ]
    assert code == 0


def test_cli_ignore_per_fact_and_option(project: Project, runner: CliRunner) -> None:
    text = _mutated(
        "Russia's military build-up near Ukraine.", "Russia's military build-up far from Ukraine."
    )
    project.facts("nato.yaml", text)
    assert invoke(runner, "check", "--ignore", "FS7")[0] == 0
    project.facts("nato.yaml", text.replace("tags: [belarus, russia]", "ignore: [FS704]", 1))
    assert invoke(runner, "check")[0] == 0


# The WordNet data shipped is what the script builds.

DATA = REPO / "cli" / "factsheet" / "text" / "data"


@pytest.mark.skipif(not Path("/usr/share/wordnet/data.noun").exists(), reason="no wordnet-base")
def test_shipped_wordnet_data_is_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_wordnet", REPO / "scripts" / "build_wordnet.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (
        module.build(Path("/usr/share/wordnet")) == (DATA / "wordnet_relations.bin.gz").read_bytes()
    )


def test_wordnet_licence_ships_beside_the_data() -> None:
    assert "Princeton University" in (DATA / "WORDNET-LICENSE").read_text(encoding="utf-8")


# A finding points at the statement's word as the fact file writes it.

_PLAIN = (
    "    statement: The pledge was overshadowed by the Belarus immigration crisis and "
    "Russia's military build-up near Ukraine.\n"
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (  # double-quoted, with escapes before the word: after the quote and the escapes
            '    statement: "The \\"pledge\\" was overshadowed by the Belarus immigration '
            "crisis and Russia's military build-up far from Ukraine.\"\n",
            "19:114",
        ),
        (  # single-quoted, with a doubled quote
            "    statement: 'The pledge was overshadowed by the Belarus immigration crisis "
            "and Russia''s military build-up far from Ukraine.'\n",
            "19:111",
        ),
        (  # folded over three lines
            "    statement: >\n"
            "      The pledge was overshadowed by the Belarus\n"
            "      immigration crisis and Russia's military\n"
            "      build-up far from Ukraine.\n",
            "22:16",
        ),
        (  # a plain scalar over two lines
            "    statement: The pledge was overshadowed by the Belarus immigration crisis\n"
            "      and Russia's military build-up far from Ukraine.\n",
            "20:38",
        ),
    ],
)
def test_cli_column_inside_quoted_and_folded_statements(
    project: Project, runner: CliRunner, written: str, expected: str
) -> None:
    assert SHIPPED.count(_PLAIN) == 1
    project.facts("nato.yaml", SHIPPED.replace(_PLAIN, written))
    code, out, _ = invoke(runner, "check")
    assert code == 1
    assert [line.strip().split(" ")[:2] for line in out.splitlines() if " FS7" in line] == [
        [expected, "FS704"]
    ]
