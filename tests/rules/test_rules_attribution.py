"""FS601 through the CLI, on the seed article.

Mutation tests remove the `speaker` of a correct claim, figure or event of the
shipped fact file and assert the exact finding; quiet tests keep correct facts
(attributed, unattributed by nature, definitions, quotes) free of findings.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from factsheet.rules.attribution import names_whose_statement
from helpers import SEED, SEED_NAME, SHIPPED_FACTS, Project, fact_block, run_json

HEAD = f"source: {SEED_NAME}\nfacts:\n"
SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")


def without_speaker(fact_id: str) -> str:
    """The shipped facts with the `speaker` line of one fact removed."""
    start, end = fact_block(SHIPPED, fact_id)
    block = "".join(
        line
        for line in SHIPPED[start:end].splitlines(keepends=True)
        if not line.startswith("    speaker:")
    )
    assert block != SHIPPED[start:end], f"{fact_id} has no speaker"
    return SHIPPED[:start] + block + SHIPPED[end:]


def line_in_fact(text: str, fact_id: str, needle: str) -> int:
    start, _ = fact_block(text, fact_id)
    return text.count("\n", 0, text.index(needle, start)) + 1


def fact(kind: str, evidence: list[str], extra: str = "", statement: str = "x") -> str:
    items = "".join(f"      - {json.dumps(e, ensure_ascii=False)}\n" for e in evidence)
    return f"  - id: f\n    kind: {kind}\n    statement: {statement}\n    evidence:\n{items}{extra}"


# Mutations: a shipped fact loses its speaker, and its statement the attribution


# (fact, kind, the evidence's attribution word, the statement's attribution, dropped)
MUTATIONS = [
    pytest.param(
        "belarus-accused",
        "claim",
        "accused",
        "statement: Stoltenberg and von der Leyen accused Belarus of engineering",
        "statement: Belarus engineered",
        id="belarus-accused",
    ),
    pytest.param(
        "funds-use", "claim", "stated", "Von der Leyen said the funds", "The funds", id="funds-use"
    ),
    pytest.param(
        "de-escalation-plea",
        "claim",
        "reiterated",
        "Stoltenberg reiterated his plea for Russia to de-escalate its military buildup along "
        "Ukraine's border, warning of consequences if force is used.",
        "Russia should de-escalate its military buildup along Ukraine's border.",
        id="de-escalation-plea",
    ),
    pytest.param(
        "buildup-worrying",
        "claim",
        "according to",
        "According to Stoltenberg, Russia's",
        "Russia's",
        id="buildup-worrying",
    ),
    pytest.param(
        "vilnius-press-conference",
        "event",
        "said",
        "Von der Leyen spoke",
        "Von der Leyen spoke",
        id="vilnius-press-conference",
    ),
]


def without_attribution(fact_id: str, said: str, dropped: str) -> str:
    """The shipped facts with one fact's speaker and its statement's attribution removed."""
    text = without_speaker(fact_id)
    start, end = fact_block(text, fact_id)
    assert text[start:end].count(said) == 1, said
    return text[:start] + text[start:end].replace(said, dropped) + text[end:]


@pytest.mark.parametrize(("fact_id", "kind", "word", "said", "dropped"), MUTATIONS)
def test_fs601_fires_when_a_reported_claim_loses_its_speaker(
    project: Project, runner: CliRunner, fact_id: str, kind: str, word: str, said: str, dropped: str
) -> None:
    text = without_attribution(fact_id, said, dropped)
    project.facts("baltic.yaml", text)
    line = line_in_fact(text, fact_id, "    evidence: ")

    code, diagnostics = run_json(runner, "--select", "FS6")

    assert code == 0  # a warning
    assert [(d["code"], d["fact"], d["line"], d["column"]) for d in diagnostics] == [
        ("FS601", fact_id, line, 15)
    ]
    (found,) = diagnostics
    assert found["severity"] == "warning"
    assert found["file"] == "facts/baltic.yaml"
    assert found["message"].startswith(
        f'evidence presents this {kind} as someone\'s statement ("{word}"), but the fact '
        f"has no speaker; add speaker: naming whose {kind} it is"
    )
    assert found["suggestion"] == "add speaker: with the person or body the source credits"
    assert run_json(runner, "--select", "FS6", "--strict")[0] == 1


def test_fs601_message_names_who_the_sentence_names(project: Project, runner: CliRunner) -> None:
    # The speakers the sentence's speech verb names: never the places or things it names.
    project.facts(
        "baltic.yaml",
        without_attribution(
            "belarus-accused",
            "statement: Stoltenberg and von der Leyen accused Belarus of engineering",
            "statement: Belarus engineered",
        ),
    )
    _, (found,) = run_json(runner, "--select", "FS6")
    assert found["message"].endswith("(the source credits Jens Stoltenberg, Ursula von der Leyen)")


def test_fs601_reads_the_sentence_the_excerpt_stands_in(
    project: Project, runner: CliRunner
) -> None:
    # border-funding quotes what follows "Von der Leyen also stated that".
    text = without_speaker("border-funding")
    project.facts("baltic.yaml", text)
    code, diagnostics = run_json(runner, "--select", "FS6")
    assert code == 0
    line = line_in_fact(text, "border-funding", "    evidence: ")
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("FS601", line, 15)]
    assert diagnostics[0]["message"].startswith(
        "the source sentence of this evidence presents this figure as someone's statement "
        '("stated"), but the fact has no speaker'
    )


def test_rules_doc_example(project: Project, runner: CliRunner) -> None:
    # RULES.md: this evidence without `speaker` is FS601.
    project.facts(
        "m.yaml",
        HEAD
        + fact(
            "claim",
            [
                "Both Stoltenberg and von der Leyen accused Belarus of engineering the migrant "
                "problem"
            ],
        ),
    )
    code, diagnostics = run_json(runner, "--select", "FS6")
    assert code == 0
    assert [(d["code"], d["line"], d["column"], d["fact"]) for d in diagnostics] == [
        ("FS601", 7, 9, "f")
    ]
    assert '("accused")' in diagnostics[0]["message"]


def test_fs601_points_at_the_excerpt_with_the_attribution(
    project: Project, runner: CliRunner
) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + fact(
            "claim",
            [
                "Thousands of migrants, largely from the Middle East",
                "Both Stoltenberg and von der Leyen accused Belarus",
            ],
        ),
    )
    _, diagnostics = run_json(runner, "--select", "FS6")
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("FS601", 8, 9)]


@pytest.mark.parametrize(
    ("evidence", "word"),
    [
        ("an allegation disputed by the regime", "allegation"),
        ("Poland has also indicated that it may use this piece.", "indicated that"),
        (
            "The “extraordinary” build-up of tanks, artillery, drones, and thousands of "
            "combat-ready men, according to Stoltenberg",
            "according to",
        ),
        ("“We discussed how we could scale up our collaborative efforts", "said"),
    ],
)
def test_fs601_attribution_words(
    project: Project, runner: CliRunner, evidence: str, word: str
) -> None:
    project.facts("m.yaml", HEAD + fact("claim", [evidence]))
    _, diagnostics = run_json(runner, "--select", "FS6")
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("FS601", 7, 9)]
    assert f'("{word}")' in diagnostics[0]["message"]


# Quiet


def test_the_shipped_facts_have_no_attribution_findings(
    project: Project, runner: CliRunner
) -> None:
    project.facts("baltic.yaml", SHIPPED)
    assert run_json(runner, "--select", "FS6", "--strict") == (0, [])


@pytest.mark.parametrize(
    ("kind", "evidence", "extra"),
    [
        # attributed
        (
            "claim",
            "Both Stoltenberg and von der Leyen accused Belarus",
            "    speaker: [Stoltenberg, von der Leyen]\n",
        ),
        ("claim", "She stated that the funds would be used", "    speaker: Von der Leyen\n"),
        ("claim", "She stated that the funds would be used", "    speaker: Ursula von der Leyen\n"),
        (
            "figure",
            "Poland to 200 million euros",
            "    speaker: Ursula von der Leyen\n    figures: [{value: 200000000, unit: EUR}]\n",
        ),
        # the reporter's own account
        (
            "event",
            "On trips to Lithuania and Latvia on Sunday, EU and NATO leaders pledged to combat "
            "“hybrid threats,”",
            "",
        ),
        ("claim", "Poland has also indicated that it may use this piece.", "    ignore: [FS601]\n"),
        ("claim", "which were overshadowed by the Belarus immigration crisis", ""),
        (
            "claim",
            "A hybrid threat is a type of security threat that combines traditional military "
            "techniques with non-military methods like misinformation.",
            "",
        ),
        (
            "claim",
            "Any member of NATO can call a meeting of the alliance to confer when it feels its "
            "security is threatened, according to a clause in the union\u2019s founding treaty.",
            "",
        ),
        (
            "event",
            "The NATO foreign ministers\u2019 conference, which begins on Tuesday in Latvia, is "
            "expected to address Russia\u2019s military buildup near Ukraine.",
            "",
        ),
        # not a claim, figure or event
        (
            "definition",
            "Any member of NATO can call a meeting of the alliance to confer when it feels its "
            "security is threatened, according to a clause in the union\u2019s founding treaty.",
            "    term: meeting\n",
        ),
    ],
)
def test_fs601_quiet(
    project: Project, runner: CliRunner, kind: str, evidence: str, extra: str
) -> None:
    project.facts("m.yaml", HEAD + fact(kind, [evidence], extra))
    assert run_json(runner, "--select", "FS6", "--strict") == (0, [])


def test_fs601_quiet_on_quote_facts(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD + "  - id: q\n    kind: quote\n    quote: We discussed how we could scale up our "
        "collaborative efforts between NATO and the EU\n    speaker: Stoltenberg\n"
        '    evidence: "“We discussed how we could scale up our collaborative efforts between '
        'NATO and the EU,” Stoltenberg said."\n',
    )
    assert run_json(runner, "--select", "FS6", "--strict") == (0, [])


def test_attribution_rule_is_documented() -> None:
    from factsheet.rules import attribution

    assert [r.code for r in attribution.RULES] == ["FS601"]
    assert attribution.RULES[0].missing_sections() == []


def test_fs601_reads_only_the_excerpt_sentence_when_it_ends_with_a_full_stop(
    project: Project, runner: CliRunner
) -> None:
    (project.root / "seeds" / "sales.txt").write_text(
        "date 2021-11-28 Sales\n\nSales fell by half. Prices rose, the report said.\n",
        encoding="utf-8",
    )
    project.facts(
        "s.yaml",
        "source: sales.txt\nfacts:\n"
        + fact("claim", ["Sales fell by half."], statement="Sales fell by half."),
    )
    assert run_json(runner) == (0, [])
    project.facts(
        "s.yaml",
        "source: sales.txt\nfacts:\n" + fact("claim", ["Prices rose,"], statement="Prices rose."),
    )
    code, found = run_json(runner)
    assert (code, [(d["code"], d["line"], d["column"]) for d in found]) == (0, [("FS601", 7, 9)])


@pytest.mark.parametrize(
    "text",
    [
        "He accused them",
        "the allegedly stolen car",
        "as claimed",
        "claiming that",
        "she stated",
        "the stated aim",
        "SAID",
        "says",
        "saying",
        "according to him",
        "according to the treaty",
        "disputed",
        "its disputed border",
        "told",
        "added.",
        "adding that",
        "warned",
        "warns",
        "warning of",
        "reiterates",
        "insisted",
        "argues",
        "asserted",
        "denies that",
        "urged",
        "a plea",
        "pleaded",
        "noted that",
        "maintained that",
        "unsaid and undenied",
        "\u017faid",  # the long s matches s without case
        "nothing here",
    ],
)
def test_attribution_search_skips_only_texts_it_cannot_match(text: str) -> None:
    from factsheet.rules.attribution import _ATTRIBUTION, _attribution

    expected = _ATTRIBUTION.search(text)
    found = _attribution(text)
    assert (found and (found.span(), found.group())) == (
        expected and (expected.span(), expected.group())
    )


@pytest.mark.parametrize(
    "text",
    [
        SEED.read_text(encoding="utf-8"),
        "He said \u201cno.\u201d  Then   she  left!\n\nA\u0301na  said: \u2026 it\u00a0was "
        "fine.  Really? \u201cYes.\u201d\u200b Officials\u2014who\u2019d know\u2014agreed.",
        "Stra\u00dfe und \ufb01le. Zwei  Lea\u0308ufer sagten es. U.S. officials (AP) said so.",
    ],
)
def test_the_sentence_around_a_match_is_what_normalising_its_parts_gives(text: str) -> None:
    """The memoised paragraph path agrees with normalising the text before and up to a span."""
    from factsheet.source.reader import parse_source
    from factsheet.text.excerpt_sentence import _sentence_around_slowly, sentence_around

    source = parse_source("a.txt", text.encode("utf-8"), "a")
    norm = source.norm
    for i in range(len(norm.text)):
        for j in range(i + 1, min(len(norm.text), i + 40) + 1):
            if "\n" in norm.text[i:j]:
                break
            start, end = norm.original_span(i, j)
            para = source.paragraph_at(start)
            expected = _sentence_around_slowly(source, para, start, end)
            assert sentence_around(source, start, end) == expected, (i, j)


@pytest.mark.parametrize(
    "fact_id", ["belarus-accused", "funds-use", "de-escalation-plea", "buildup-worrying"]
)
def test_fs601_quiet_when_the_statement_names_whose_claim_it_is(
    project: Project, runner: CliRunner, fact_id: str
) -> None:
    """RULES.md: a statement that names whose claim it is, with a reporting verb, is
    attributed, with or without `speaker:`."""
    project.facts("baltic.yaml", without_speaker(fact_id))
    assert run_json(runner, "--select", "FS6") == (0, [])


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("The council has indicated that it may appeal.", True),
        ("According to Berg, the fund will grow.", True),
        ("Poland has also indicated that it may use this piece.", True),
        ("It was alleged that the regime engineered the crisis.", False),
        ("Belarus was accused of engineering the migrant problem.", False),
        ("It is claimed that the fund will grow.", False),
        ("The fund will grow.", False),
    ],
)
def test_a_statement_names_whose_statement_it_is(statement: str, named: bool) -> None:
    assert names_whose_statement(statement) is named
