"""Each rule family called directly on a fact and the seed article: (code, line, column).

The CLI tests of each family go through the engine and a report format; these
pin the family itself, so that a failure names the rule, not the pipeline.
Positions are in the file rule_findings builds: `source:` on line 1, `facts:` on
line 2, the fact's `- id:` on line 3.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from factsheet.rules import attribution, dates, evidence, names, numbers, quotes
from factsheet.rules.registry import FAMILIES
from helpers import SHIPPED_FACTS, rule_findings, shipped_fact

SHIPPED_BODY = SHIPPED_FACTS.read_text(encoding="utf-8").split("facts:\n", 1)[1]


def changed(fact_id: str, old: str, new: str) -> str:
    block = shipped_fact(fact_id)
    assert block.count(old) == 1, old
    return block.replace(old, new)


def where(block: str, needle: str) -> tuple[int, int]:
    """The line and column of ``needle`` in the file rule_findings builds from ``block``."""
    before = block[: block.index(needle)]
    return before.count("\n") + 3, len(before) - before.rfind("\n")


@pytest.mark.parametrize("family", [f for f in FAMILIES if hasattr(f, "check")])
def test_every_family_is_quiet_on_the_shipped_facts(family: ModuleType) -> None:
    """Every rule that is on by default (FS707 is off: paraphrase always adds words)."""
    on = {r.code for r in family.RULES if not r.off_by_default}
    assert [f for f in rule_findings(family, SHIPPED_BODY) if f[0] in on] == []


def test_fs101_a_changed_evidence_word() -> None:
    block = changed("border-funding", "decided to quadruple", "decided to triple")
    assert rule_findings(evidence, block) == [("FS101", *where(block, '"the EU had decided'))]


def test_fs102_an_excerpt_found_twice() -> None:
    block = (
        "  - id: eastern-members\n    kind: claim\n"
        "    statement: Latvia, Lithuania and Poland are on the EU's eastern border.\n"
        '    evidence: "Latvia, Lithuania, and Poland"\n'
    )
    assert rule_findings(evidence, block) == [("FS102", *where(block, '"Latvia,'))]


def test_fs201_a_statement_number_the_evidence_lacks() -> None:
    block = changed("border-funding", "to €200 million", "to €300 million")
    assert rule_findings(numbers, block) == [("FS201", *where(block, "The EU will"))]


def test_fs202_a_figure_the_evidence_lacks() -> None:
    block = changed("border-funding", "{value: 226000000", "{value: 236000000")
    assert rule_findings(numbers, block) == [("FS202", *where(block, "236000000"))]


def test_fs203_a_figure_in_another_currency() -> None:
    block = changed("border-funding", "226000000, unit: USD", "226000000, unit: GBP")
    assert rule_findings(numbers, block) == [("FS203", *where(block, "226000000, unit: GBP"))]


def test_fs301_a_changed_quote_word() -> None:
    block = changed("eu-nato-together", "It is critical", "It is crucial")
    assert rule_findings(quotes, block) == [("FS301", *where(block, "It is crucial"))]


def test_fs302_reported_speech_given_as_a_quote() -> None:
    block = (
        "  - id: reported\n    kind: quote\n"
        "    quote: the EU had decided to quadruple its spending for border control\n"
        "    speaker: Ursula von der Leyen\n"
    )
    assert rule_findings(quotes, block) == [("FS302", *where(block, "the EU had"))]


def test_fs303_a_quote_given_to_the_wrong_speaker() -> None:
    block = changed("message-to-russia", "speaker: Jens Stoltenberg", "speaker: Gitanas Nauseda")
    assert rule_findings(quotes, block) == [("FS303", *where(block, "Gitanas"))]


def test_fs401_a_speaker_the_source_does_not_name() -> None:
    block = changed("scale-up-cooperation", "speaker: Jens Stoltenberg", "speaker: Jens Stolten")
    assert rule_findings(names, block) == [("FS401", *where(block, "Jens Stolten"))]


def test_fs402_a_statement_name_the_source_does_not_have() -> None:
    block = changed("hybrid-threat", "such as misinformation", "such as Estonia")
    assert rule_findings(names, block) == [
        ("FS402", *where(block, "A hybrid threat is a security"))
    ]


def test_fs501_a_date_off_by_a_day() -> None:
    block = changed("ministers-meeting", "date: 2021-11-30", "date: 2021-11-29")
    assert rule_findings(dates, block) == [("FS501", *where(block, "2021-11-29"))]


def test_fs601_an_attributed_claim_without_its_speaker() -> None:
    block = changed("funds-use", "    speaker: Ursula von der Leyen\n", "").replace(
        "Von der Leyen said the funds", "The funds"
    )
    at = where(block, '"She stated')  # the evidence that carries the attribution
    assert rule_findings(attribution, block) == [("FS601", *at)]
