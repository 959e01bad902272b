"""FS302 (not-a-quotation) and FS303 (misattributed-quote) through the CLI.

Mutation tests take a correct quote fact from the shipped fact file, change
one thing (its speaker, or its quote to reported speech), and assert the exact
finding; the quiet tests keep the rules silent on correct facts written every
way a curator may write them.
"""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from factsheet.rules.base import SECTIONS
from factsheet.rules.registry import RULES_BY_CODE
from helpers import SEED_NAME, SHIPPED_FACTS, Project, fact_block, invoke, line_of, mutate, run_json

SEED_PATH = f"seeds/{SEED_NAME}"
HEAD = f"source: {SEED_NAME}\nfacts:\n"
SPEAKER_COLUMN = 14  # "    speaker: " is 13 characters
QUOTE_COLUMN = 12  # "    quote: " is 11 characters


def quote_fact(fact_id: str, words: str, speaker: str) -> str:
    value = json.dumps(words, ensure_ascii=False)
    return f"  - id: {fact_id}\n    kind: quote\n    quote: {value}\n    speaker: {speaker}\n"


# FS303: one speaker changed


VDL = "Ursula von der Leyen"
JS = "Jens Stoltenberg"

SPEAKER_MUTATIONS = [
    pytest.param(
        "scale-up-cooperation",
        JS,
        VDL,
        (15, 2),
        f'quote is attributed to {JS} ("Stoltenberg said", line 15), not to {VDL}',
        JS,
        id="rules-md-surname-said",
    ),
    pytest.param(
        "message-to-russia",
        JS,
        VDL,
        (33, 2),
        f'quote is attributed to {JS} ("he said", line 33; "he" is Stoltenberg, line 31), '
        f"not to {VDL}",
        JS,
        id="rules-md-pronoun-paragraph-before",
    ),
    pytest.param(
        "consequences-warning",
        JS,
        VDL,
        (33, 103),
        f'quote is attributed to {JS} ("he said", line 33; "he" is Stoltenberg, line 31), '
        f"not to {VDL}",
        JS,
        id="adding-that",
    ),
    pytest.param(
        "buildup-extremely-worrying",
        JS,
        VDL,
        (31, 124),
        f'quote is attributed to {JS} ("according to Stoltenberg", line 31), not to {VDL}',
        JS,
        id="according-to",
    ),
    pytest.param(
        "eu-nato-together",
        VDL,
        JS,
        (13, 2),
        f'quote is attributed to {VDL} ("von der Leyen said", line 13), not to {JS}',
        VDL,
        id="named-in-the-sentence-is-not-the-speaker",
    ),
    pytest.param(
        "article-4-option",
        "Gitanas Nauseda",
        "Antony Blinken",
        (23, 2),
        'quote is attributed to Gitanas Nauseda ("Gitanas Nauseda stated", line 23), '
        "not to Antony Blinken",
        "Gitanas Nauseda",
        id="title-is-not-the-name",
    ),
]


@pytest.mark.parametrize(("fact", "old", "new", "source_at", "message", "right"), SPEAKER_MUTATIONS)
def test_a_changed_speaker_fires_fs303(
    project: Project,
    runner: CliRunner,
    fact: str,
    old: str,
    new: str,
    source_at: tuple[int, int],
    message: str,
    right: str,
) -> None:
    mutated = mutate(fact, f"speaker: {old}", f"speaker: {new}")
    project.facts("baltic.yaml", mutated)
    start, _ = fact_block(mutated, fact)
    line = (
        mutated[:start].count("\n") + 1 + mutated[start:].splitlines().index(f"    speaker: {new}")
    )

    code, diagnostics = run_json(runner, "--select", "FS3")

    assert code == 1
    assert diagnostics == [
        {
            "code": "FS303",
            "severity": "error",
            "message": message,
            "file": "facts/baltic.yaml",
            "line": line,
            "column": SPEAKER_COLUMN,
            "fact": fact,
            "source": {"file": SEED_PATH, "line": source_at[0], "column": source_at[1]},
            "suggestion": f"speaker: {right}",
        }
    ]


def test_fs303_points_at_the_first_speaker_of_a_list(project: Project, runner: CliRunner) -> None:
    mutated = mutate("scale-up-cooperation", f"speaker: {JS}", "speaker: [Antony Blinken, Poland]")
    project.facts("baltic.yaml", mutated)
    code, diagnostics = run_json(runner, "--select", "FS3")
    assert code == 1
    (found,) = diagnostics
    assert (found["code"], found["line"], found["column"]) == (
        "FS303",
        line_of(mutated, "speaker: [Antony Blinken, Poland]"),
        15,
    )
    assert found["message"].endswith("not to Antony Blinken or Poland")


# FS302: reported speech as a quote


def test_reported_speech_as_a_quote_fires_fs302(project: Project, runner: CliRunner) -> None:
    old = "quote: It is critical that the European Union and NATO work together"
    new = "quote: the EU had decided to quadruple its spending"
    mutated = mutate("eu-nato-together", old + " to respond to such situations", new)
    project.facts("baltic.yaml", mutated)

    code, diagnostics = run_json(runner, "--select", "FS3")

    assert code == 1
    words = "the EU had decided to quadruple its spending"
    assert diagnostics == [
        {
            "code": "FS302",
            "severity": "error",
            "message": f'quote is not inside quotation marks in the source (line 17): "{words}" '
            "are the reporter's words, not the speaker's",
            "file": "facts/baltic.yaml",
            "line": line_of(mutated, new),
            "column": QUOTE_COLUMN,
            "fact": "eu-nato-together",
            "source": {"file": SEED_PATH, "line": 17, "column": 32},
            "suggestion": f'make it a claim with evidence: "{words}"',
        }
    ]


def test_a_quote_running_past_the_closing_mark_fires_fs302(
    project: Project, runner: CliRunner
) -> None:
    project.facts("q.yaml", HEAD + quote_fact("partly", "de-escalate” its military buildup", JS))
    code, diagnostics = run_json(runner, "--select", "FS3")
    assert code == 1
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("FS302", 5, 12)]
    (found,) = diagnostics
    assert found["message"] == (
        'quote runs outside the quotation marks in the source (line 5): "its military buildup" '
        "are the reporter's words, not the speaker's"
    )
    assert found["source"] == {"file": SEED_PATH, "line": 5, "column": 81}
    assert found["suggestion"] == 'quote only the words inside the marks: "de-escalate"'


def test_a_quote_spanning_the_reporters_words_between_two_quotations(
    project: Project, runner: CliRunner
) -> None:
    words = "extremely worrying for several reasons,” including the fact that it is “unprovoked"
    project.facts("q.yaml", HEAD + quote_fact("spans", words, JS))
    code, diagnostics = run_json(runner, "--select", "FS3")
    assert code == 1
    (found,) = diagnostics
    assert (found["code"], found["line"], found["column"]) == ("FS302", 5, 12)
    assert '"including the fact that it is"' in found["message"]


def test_a_quote_not_found_is_fs301_alone(project: Project, runner: CliRunner) -> None:
    mutated = mutate("scale-up-cooperation", "could scale up", "could step up")
    project.facts(
        "baltic.yaml",
        mutated.replace(
            f"speaker: {JS}\n    tags: [cooperation]", f"speaker: {VDL}\n    tags: [cooperation]", 1
        ),
    )
    code, diagnostics = run_json(runner, "--select", "FS3")
    assert code == 1
    assert [d["code"] for d in diagnostics] == ["FS301"]


# FS303: words the source gives to nobody


def test_scare_quotes_given_to_a_speaker_fire_fs303(project: Project, runner: CliRunner) -> None:
    project.facts("q.yaml", HEAD + quote_fact("scare", "hybrid threats", JS))
    code, diagnostics = run_json(runner, "--select", "FS3")
    assert code == 1
    assert diagnostics == [
        {
            "code": "FS303",
            "severity": "error",
            "message": "quote is attributed to nobody in the source (no speech verb names a "
            f"speaker in its sentence or paragraph, line 3), not to {JS}",
            "file": "facts/q.yaml",
            "line": 6,
            "column": SPEAKER_COLUMN,
            "fact": "scare",
            "source": {"file": SEED_PATH, "line": 3, "column": 84},
            "suggestion": f"quote words the source attributes to {JS}, or make this a claim "
            "with evidence",
        }
    ]


def test_rules_fs3_have_every_doc_section() -> None:
    for code in ("FS301", "FS302", "FS303"):
        assert RULES_BY_CODE[code].missing_sections() == []
    assert RULES_BY_CODE["FS302"].name == "not-a-quotation"
    assert RULES_BY_CODE["FS303"].name == "misattributed-quote"


@pytest.mark.parametrize("code", ["FS302", "FS303"])
def test_rules_command_documents_the_rule(runner: CliRunner, code: str) -> None:
    exit_code, out, _ = invoke(runner, "rules", code)
    assert exit_code == 0
    for section in SECTIONS:
        assert f"## {section}" in out


# Quiet on correct facts


def test_quiet_on_every_shipped_fact(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", SHIPPED_FACTS.read_text(encoding="utf-8"))
    code, diagnostics = run_json(runner, "--strict", "--select", "FS3")
    assert (code, diagnostics) == (0, [])


CORRECT = [
    pytest.param("We discussed how we could scale up", "Stoltenberg", id="surname"),
    pytest.param(
        "We discussed how we could scale up",
        "NATO Secretary General Jens Stoltenberg",
        id="with-title",
    ),
    pytest.param("We discussed how we could scale up", "jens stoltenberg", id="case"),
    pytest.param(
        "If the security situation grows further worse", "Gitanas Nausėda", id="diacritics"
    ),
    pytest.param(
        "If the security situation grows further worse", "President Nauseda", id="title-and-surname"
    ),
    pytest.param(
        "we do not exclude out negotiations under NATO's Article 4",
        "Nauseda",
        id="straight-apostrophe",
    ),
    pytest.param(
        "we do not exclude out negotiations under NATO\u2019s Article 4",
        "Nauseda",
        id="curly-apostrophe",
    ),
    pytest.param("We discussed how ... NATO and the EU", JS, id="elision-dots"),
    pytest.param("We discussed how … NATO and the EU", JS, id="elision-ellipsis"),
    pytest.param("We discussed how [NATO and the EU] could scale up", JS, id="insertion"),
    pytest.param(
        "We discussed how we could scale up our collaborative efforts between NATO and the EU,",
        JS,
        id="comma-inside-the-mark",
    ),
    pytest.param("“We discussed how we could scale up”", JS, id="with-curly-marks"),
    pytest.param('"We discussed how we could scale up"', JS, id="with-straight-marks"),
    pytest.param("The message to Russia is to de-escalate", JS, id="pronoun"),
    pytest.param("The message to Russia is to de\u2013escalate", JS, id="en-dash"),
    pytest.param("there will, of course, be consequences", JS, id="adding-that"),
    pytest.param("unprovoked and unexplained.", JS, id="according-to"),
    pytest.param("extraordinary", JS, id="scare-word-with-according-to"),
    pytest.param("de-escalate", JS, id="in-the-named-sentence"),
    pytest.param("It is critical that the European Union", "von der Leyen", id="particle-surname"),
    pytest.param("It is critical that the European Union", "Von Der Leyen", id="particle-case"),
    pytest.param(
        "It is critical that the European Union",
        f"[{VDL}, {JS}]",
        id="one-of-several-speakers",
    ),
]


@pytest.mark.parametrize(("words", "speaker"), CORRECT)
def test_quiet_on_correct_quote_facts(
    project: Project, runner: CliRunner, words: str, speaker: str
) -> None:
    project.facts("q.yaml", HEAD + quote_fact("correct", words, speaker))
    code, diagnostics = run_json(runner, "--strict", "--select", "FS302,FS303")
    assert (code, diagnostics) == (0, [])


# A small article of our own: straight quotes, pronouns across paragraphs, diacritics


OWN = (
    "date 2022-03-01 Talks in Vilnius\n\n"
    "Lithuanian Foreign Minister Gabrielius Landsbergis met Jens Stoltenberg on Monday.\n\n"
    "The ministers' talks lasted three hours.\n\n"
    '"We are ready. We will act," he said, "and we will not wait."\n\n'
    "'It's NATO's job to deter,' said Stoltenberg, who chairs the alliance.\n\n"
    'Officials called the talks "useful."\n\n'
    "Mayor Ana Ruiz visited the harbour on Tuesday.\n\n"
    # A split quotation whose second half's own cue names no one ("they added"): the
    # first half's speaker speaks it, in check (FS303) as in suggest.
    "\u201cWe will rebuild,\u201d Ruiz said, \u201cand we will do it fast,\u201d they added.\n"
)


@pytest.fixture
def own(project: Project) -> Project:
    (project.root / "seeds" / "own.txt").write_text(OWN, encoding="utf-8")
    return project


@pytest.mark.parametrize(
    ("words", "speaker"),
    [
        # "he" is the nearest person named before it: Jens Stoltenberg, line 3
        ("We are ready. We will act", "Jens Stoltenberg"),
        ("We are ready. We will act", "STOLTENBERG"),
        ("We will act ... and we will not wait.", "Stoltenberg"),
        ("It's NATO's job to deter", "Jens Stoltenberg"),
        ("It\u2019s NATO\u2019s job to deter", "Stoltenberg"),
        ("useful.", "Officials"),  # "officials called": a speaker the sentence does not name
        ("and we will do it fast", "Ana Ruiz"),
        ("and we will do it fast", "Ruiz"),
    ],
)
def test_quiet_on_an_article_with_straight_quotes(
    own: Project, runner: CliRunner, words: str, speaker: str
) -> None:
    own.facts("own.yaml", "source: own.txt\nfacts:\n" + quote_fact("ok", words, speaker))
    code, diagnostics = run_json(runner, "--strict", "--select", "FS302,FS303")
    assert (code, diagnostics) == (0, [])


@pytest.mark.parametrize(
    ("words", "speaker", "code", "message"),
    [
        (
            "We are ready. We will act",
            "Gabrielius Landsbergis",
            "FS303",
            'quote is attributed to Jens Stoltenberg ("he said", line 7; '
            '"he" is Jens Stoltenberg, line 3), not to Gabrielius Landsbergis',
        ),
        (
            "It's NATO's job to deter",
            "Landsbergis",
            "FS303",
            'quote is attributed to Jens Stoltenberg ("said Stoltenberg", line 9), '
            "not to Landsbergis",
        ),
        (
            "and we will do it fast",
            "Mark Chen",
            "FS303",
            'quote is attributed to Ana Ruiz ("Ruiz said", line 15), not to Mark Chen',
        ),
        (
            "The ministers' talks lasted three hours",
            "Landsbergis",
            "FS302",
            "quote is not inside quotation marks in the source (line 5): \"The ministers' talks "
            "lasted three hours\" are the reporter's words, not the speaker's",
        ),
    ],
)
def test_fires_on_an_article_with_straight_quotes(
    own: Project, runner: CliRunner, words: str, speaker: str, code: str, message: str
) -> None:
    own.facts("own.yaml", "source: own.txt\nfacts:\n" + quote_fact("bad", words, speaker))
    exit_code, diagnostics = run_json(runner, "--select", "FS302,FS303")
    assert exit_code == 1
    (found,) = diagnostics
    column = SPEAKER_COLUMN if code == "FS303" else QUOTE_COLUMN
    assert (found["code"], found["line"], found["column"]) == (
        code,
        6 if code == "FS303" else 5,
        column,
    )
    assert found["message"] == message


@pytest.mark.usefixtures("own")
def test_suggest_gives_both_halves_of_a_split_quotation_to_the_first_halfs_speaker(
    runner: CliRunner,
) -> None:
    code, out, err = invoke(runner, "suggest", "own.txt")
    assert code == 0, err
    quotes = [(f["quote"], f["speaker"]) for f in yaml.safe_load(out)["facts"] if "quote" in f]
    assert quotes[-2:] == [("We will rebuild", "Ana Ruiz"), ("and we will do it fast", "Ana Ruiz")]
