"""FS401 and FS402 through the CLI, on the seed article.

Mutation tests take one correct fact of the shipped fact file, change one name,
and assert the exact finding; quiet tests keep correct facts (diacritics,
surnames, sentence-initial words, months, titles, possessives) free of findings.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers import SEED_NAME, SHIPPED_FACTS, Project, mutate, run_json

SEED_PATH = f"seeds/{SEED_NAME}"
HEAD = f"source: {SEED_NAME}\nfacts:\n"
SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def at_of(text: str, fact_id: str, needle: str) -> tuple[int, int]:
    start = text.index(f"  - id: {fact_id}\n")
    return position(text, text.index(needle, start))


def claim(fact_id: str, statement: str, evidence: str, extra: str = "") -> str:
    value = json.dumps(evidence, ensure_ascii=False)
    return (
        f"  - id: {fact_id}\n    kind: claim\n    statement: {statement}\n"
        f"    evidence: {value}\n{extra}"
    )


# FS401: speaker, entities and places entries


FS401_MUTATIONS = [
    pytest.param(
        "de-escalation-plea",
        "speaker: Jens Stoltenberg",
        "speaker: Jens Stoltenbrg",
        "Jens Stoltenbrg",
        'speaker "Jens Stoltenbrg" does not appear in the source; the source has '
        f'"Jens Stoltenberg" at {SEED_PATH}:5:24',
        id="speaker-misspelt",
    ),
    pytest.param(
        "migrant-crossings",
        "places: [Middle East, Belarus, Latvia, Lithuania, Poland]",
        "places: [Middle East, Belarus, Latvia, Lithuania, Poland, Estonia]",
        "Estonia",
        'places "Estonia" does not appear in the source; name only who and what the '
        "source names, spelt as it spells them",
        id="places-add-estonia",
    ),
    pytest.param(
        "ministers-meeting-blinken",
        "entities: [NATO, Antony Blinken]",
        "entities: [NATO, Anthony Blinken]",
        "Anthony Blinken",
        'entities "Anthony Blinken" does not appear in the source; the source has '
        f'"Antony Blinken" at {SEED_PATH}:7:194',
        id="entities-given-name-clash",
    ),
    pytest.param(
        "belarus-accused",
        "speaker: [Jens Stoltenberg, Ursula von der Leyen]",
        "speaker: [Jens Stoltenberg, Ursula van der Leyen]",
        "Ursula van der Leyen",
        'speaker "Ursula van der Leyen" does not appear in the source; the source has '
        f'"Ursula von der Leyen" at {SEED_PATH}:7:60',
        id="speaker-list-particle",
    ),
    pytest.param(
        "article-4-option",
        "speaker: Gitanas Nauseda",
        "speaker: Gitanas Nausėdas",
        "Gitanas Nausėdas",
        'speaker "Gitanas Nausėdas" does not appear in the source; the source has '
        f'"Gitanas Nauseda" at {SEED_PATH}:23:130',
        id="speaker-diacritics-but-misspelt",
    ),
    pytest.param(
        "baltic-visit",
        "entities: [EU, NATO]",
        "entities: [EU, NATO, Kremlin]",
        "Kremlin",
        'entities "Kremlin" does not appear in the source; name only who and what the '
        "source names, spelt as it spells them",
        id="entities-add-kremlin",
    ),
    pytest.param(
        "migrant-crossings",
        "places: [Middle East, Belarus",
        "places: [Far East, Belarus",
        "Far East",
        'places "Far East" does not appear in the source; name only who and what the '
        "source names, spelt as it spells them",
        id="places-whole-name",
    ),
]


@pytest.mark.parametrize(("fact", "old", "new", "value", "message"), FS401_MUTATIONS)
def test_fs401_fires_on_one_changed_name(
    project: Project,
    runner: CliRunner,
    fact: str,
    old: str,
    new: str,
    value: str,
    message: str,
) -> None:
    text = mutate(fact, old, new)
    project.facts("baltic.yaml", text)
    line, column = at_of(text, fact, value)

    code, diagnostics = run_json(runner, "--select", "FS4")

    assert code == 1
    assert [(d["code"], d["fact"], d["line"], d["column"]) for d in diagnostics] == [
        ("FS401", fact, line, column)
    ]
    (found,) = diagnostics
    assert found["severity"] == "error"
    assert found["file"] == "facts/baltic.yaml"
    assert found["message"] == message


def test_fs401_suggests_the_source_spelling_and_points_at_it(
    project: Project, runner: CliRunner
) -> None:
    text = mutate("de-escalation-plea", "speaker: Jens Stoltenberg", "speaker: Jens Stoltenbrg")
    project.facts("baltic.yaml", text)
    _, (found,) = run_json(runner, "--select", "FS401")
    assert found["suggestion"] == "speaker: Jens Stoltenberg"
    assert found["source"] == {"file": SEED_PATH, "line": 5, "column": 24}


def test_fs401_names_every_wrong_entry_at_its_own_position(
    project: Project, runner: CliRunner
) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim(
            "visit",
            "Leaders visited Latvia.",
            "On trips to Lithuania and Latvia on Sunday",
            "    places:\n      - Latvia\n      - Estonia\n      - Finland\n",
        ),
    )
    code, diagnostics = run_json(runner, "--select", "FS4")
    assert code == 1
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [
        ("FS401", 9, 9),
        ("FS401", 10, 9),
    ]
    assert '"Estonia"' in diagnostics[0]["message"]
    assert '"Finland"' in diagnostics[1]["message"]


# FS402: proper names in statements


FS402_MUTATIONS = [
    pytest.param(
        "migrant-crossings",
        "into Latvia, Lithuania and Poland in recent months.",
        "into Latvia, Lithuania and Estonia in recent months.",
        'statement names "Estonia", which the source does not mention; use the '
        "source's name or drop it",
        id="estonia-in-a-list",
    ),
    pytest.param(
        "poland-article-4",
        "statement: Poland has indicated",
        "statement: Estonia has indicated",
        'statement names "Estonia", which the source does not mention; use the '
        "source's name or drop it",
        id="estonia-starts-the-sentence",
    ),
    pytest.param(
        "ministers-meeting-blinken",
        "US Secretary of State Antony Blinken will attend",
        "US Secretary of State Anthony Blinken will attend",
        'statement names "Anthony", which the source does not mention (the source has '
        '"Antony Blinken"); use the source\'s name or drop it',
        id="given-name-clash",
    ),
    pytest.param(
        "threats-overshadowed",
        "Russia's military build-up near Ukraine.",
        "Russia's military build-up near Ukraine and Moldova.",
        'statement names "Moldova", which the source does not mention; use the '
        "source's name or drop it",
        id="moldova-after-possessive",
    ),
    pytest.param(
        "ministers-meeting",
        "begins on Tuesday in Latvia and",
        "begins on Tuesday in Riga and",
        'statement names "Riga", which the source does not mention; use the '
        "source's name or drop it",
        id="riga-after-a-weekday",
    ),
]


@pytest.mark.parametrize(("fact", "old", "new", "message"), FS402_MUTATIONS)
def test_fs402_fires_on_one_changed_name_in_a_statement(
    project: Project,
    runner: CliRunner,
    fact: str,
    old: str,
    new: str,
    message: str,
) -> None:
    text = mutate(fact, old, new)
    project.facts("baltic.yaml", text)
    line, _ = at_of(text, fact, "statement: ")
    name = message.split('"')[1]  # the finding points at the first unsupported name
    column = text.splitlines()[line - 1].index(name) + 1

    code, diagnostics = run_json(runner, "--select", "FS4")

    assert code == 0  # a warning
    assert [(d["code"], d["fact"], d["line"], d["column"]) for d in diagnostics] == [
        ("FS402", fact, line, column)
    ]
    assert diagnostics[0]["severity"] == "warning"
    assert diagnostics[0]["message"] == message
    strict, _ = run_json(runner, "--select", "FS4", "--strict")
    assert strict == 1


def test_fs402_lists_every_unsupported_name_once(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim(
            "visit",
            "Leaders visited Tallinn, Estonia and Helsinki, then Estonia again.",
            "On trips to Lithuania and Latvia on Sunday",
        ),
    )
    _, diagnostics = run_json(runner, "--select", "FS4")
    assert [(d["code"], d["line"], d["column"]) for d in diagnostics] == [("FS402", 5, 32)]
    assert diagnostics[0]["message"] == (
        'statement names "Tallinn", "Estonia", "Helsinki", which the source does not '
        "mention; use the source's names or drop them"
    )


def test_fs402_respects_a_fact_level_ignore(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim(
            "visit",
            "Leaders visited Estonia.",
            "On trips to Lithuania and Latvia on Sunday",
            "    ignore: [FS402]\n",
        ),
    )
    assert run_json(runner, "--select", "FS4", "--strict") == (0, [])


# Quiet: the shipped facts and correct variants of them


def test_the_shipped_facts_have_no_name_findings(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", SHIPPED)
    assert run_json(runner, "--select", "FS4", "--strict") == (0, [])


QUIET_ENTRIES = [
    pytest.param("article-4-option", "speaker: Gitanas Nauseda", "speaker: Gitanas Nausėda"),
    pytest.param("article-4-option", "speaker: Gitanas Nauseda", "speaker: Nauseda"),
    pytest.param("article-4-option", "speaker: Gitanas Nauseda", "speaker: Nausėda"),
    pytest.param("article-4-option", "speaker: Gitanas Nauseda", "speaker: GITANAS NAUSEDA"),
    pytest.param(
        "article-4-option", "speaker: Gitanas Nauseda", "speaker: President Gitanas Nausėda"
    ),
    pytest.param("funds-use", "speaker: Ursula von der Leyen", "speaker: von der Leyen"),
    pytest.param("funds-use", "speaker: Ursula von der Leyen", "speaker: Von der Leyen"),
    pytest.param("funds-use", "speaker: Ursula von der Leyen", "speaker: Ursula Von Der Leyen"),
    pytest.param("de-escalation-plea", "speaker: Jens Stoltenberg", "speaker: Stoltenberg"),
    pytest.param(
        "de-escalation-plea",
        "speaker: Jens Stoltenberg",
        "speaker: NATO Secretary General Jens Stoltenberg",
    ),
    pytest.param("ministers-meeting-blinken", "Antony Blinken]", "Blinken]"),
    pytest.param("ministers-meeting-blinken", "[NATO, Antony", "[nato, Antony"),
    pytest.param("belarus-accused", "entities: [European Union]", "entities: [European Union, EU]"),
    pytest.param("vilnius-press-conference", "places: [Vilnius]", "places: [Vilnius, the Baltic]"),
    pytest.param(
        "vilnius-press-conference",
        "entities: [Jens Stoltenberg]",
        "entities: [Jens Stoltenberg, European Commission]",
    ),
]


@pytest.mark.parametrize(("fact", "old", "new"), QUIET_ENTRIES)
def test_fs401_quiet_on_correct_names(
    project: Project, runner: CliRunner, fact: str, old: str, new: str
) -> None:
    text = mutate(fact, old, new)
    project.facts("baltic.yaml", text)
    assert run_json(runner, "--select", "FS4", "--strict") == (0, [])


QUIET_STATEMENTS = [
    "Lithuanian President Gitanas Nausėda said NATO's Article 4 could be invoked.",
    "Nausėda said negotiations under Article 4 were not excluded.",
    "Von der Leyen said the EU would buy drones.",
    "von der Leyen and Stoltenberg visited Vilnius.",
    "Ursula Von Der Leyen spoke in Vilnius.",
    "European Commission President von der Leyen spoke in Vilnius.",
    "US Secretary of State Antony Blinken will attend the NATO conference.",
    "Secretary of State Blinken will attend.",
    "The EU's and NATO's leaders met in Lithuania and Latvia.",
    "Thousands of migrants from the Middle East tried to cross the Belarus border.",
    "On Sunday, 28 November, NATO and EU leaders visited Lithuania.",
    "In November 2021 leaders met; on Tuesday ministers meet in Latvia.",
    "Meanwhile, Russia massed troops near Ukraine.",
    "Officials said Russian troops massed near the Ukrainian border.",
    "Reportedly, Belarusian authorities engineered the crisis.",
    "Following the visit, Polish and Lithuanian officials met.",
    "According to Stoltenberg, Russia's build-up is worrying.",
    "Under Article 4, any NATO member can call a meeting.",
    "Both Stoltenberg and von der Leyen accused Belarus.",
    "Despite this, Latvia, Lithuania and Poland asked for help.",
    "A hybrid threat combines military and non-military methods.",
    "It is critical, the Commission President said, that the EU and NATO work together.",
    "Asked about Russia, the NATO Secretary General urged de-escalation.",
    "The Baltic visit came ahead of the NATO foreign ministers' conference.",
    "EU-NATO cooperation on hybrid threats in the Baltic was discussed.",
    "Prime Minister and Foreign Minister visits were not reported.",
    "Jens Stoltenberg, NATO's Secretary General, spoke on Monday in May.",
    "He said: “We discussed how we could scale up our efforts.”",
    "Stoltenberg called the Russian build-up “extraordinary”.",
]


@pytest.mark.parametrize("statement", QUIET_STATEMENTS)
def test_fs402_quiet_on_correct_statements(
    project: Project, runner: CliRunner, statement: str
) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim(
            "fact",
            json.dumps(statement, ensure_ascii=False),
            "On trips to Lithuania and Latvia on Sunday",
        ),
    )
    assert run_json(runner, "--select", "FS4", "--strict") == (0, [])


def test_rules_doc_example_estonia_in_a_statement(project: Project, runner: CliRunner) -> None:
    # RULES.md: `Estonia` in a statement about the seed is FS402.
    project.facts(
        "m.yaml",
        HEAD
        + claim(
            "visit",
            "EU and NATO leaders visited Lithuania, Latvia and Estonia.",
            "On trips to Lithuania and Latvia on Sunday",
        ),
    )
    code, diagnostics = run_json(runner, "--select", "FS4")
    assert code == 0
    assert [(d["code"], d["line"], d["column"], d["fact"]) for d in diagnostics] == [
        ("FS402", 5, 16 + len("EU and NATO leaders visited Lithuania, Latvia and "), "visit")
    ]
    assert '"Estonia"' in diagnostics[0]["message"]


def test_names_rules_are_documented() -> None:
    from factsheet.rules import names

    assert [r.code for r in names.RULES] == ["FS401", "FS402"]
    for r in names.RULES:
        assert r.missing_sections() == []


# The phrase and word look-ups behind FS401/FS402, directly


def _source_names(text: str, title: str = "") -> Any:
    from factsheet.text.name_phrases import fold, fold_keep_length
    from factsheet.text.proper_nouns import SourceNames

    return SourceNames(fold_keep_length(text), fold(title), text)


def test_extract_phrases_and_their_tokens() -> None:
    from factsheet.text.name_phrases import extract, tokens

    text = (
        "Talks with Ursula von der Leyen, the Bank of England, with de la Fuente. "
        "Officials of the EU met in Riga;  Following talks, NATO's chief spoke."
    )
    phrases = extract(text)
    assert [p.text for p in phrases] == [
        "Talks",
        "Ursula von der Leyen",
        "Bank of England",
        "de la Fuente",
        "Officials of the EU",
        "Riga",
        "Following",
        "NATO's",
    ]
    # the lazily made tokens are exactly the text's tokens, with their offsets
    by_start = {t.start: t for t in tokens(text)}
    for phrase in phrases:
        assert text[phrase.start : phrase.end] == phrase.text
        assert list(phrase.tokens) == [by_start[t.start] for t in phrase.tokens]
        assert " ".join(t.text for t in phrase.tokens) == phrase.text
    initial = [p.text for p in phrases if p.tokens[0].initial]
    assert initial == ["Talks", "Officials of the EU", "Following"]
    assert [p.significant() for p in phrases[-3:]] == [["Riga"], [], ["NATO"]]


def test_has_word_agrees_with_the_word_set() -> None:
    text = "NATO's chief met Jean-Luc and o'neill in the country's capital, x'-y."
    names = _source_names(text, "Talks in Rīga")
    queries = ["nato", "nato's", "jean-luc", "jean", "luc", "o'neill", "neill", "country",
               "capital", "apit", "riga", "talks", "x", "y", "s", "", "chief's"]  # fmt: skip
    answers = [names.has_word(q) for q in queries]  # before the set is built
    assert answers == [q in names.words for q in queries]
    assert answers[:6] == [True, False, True, False, False, True]
    assert names.has_word("riga")  # from the title, now by the set


def test_candidates_when_folding_makes_a_space() -> None:
    # U+037A folds to a space: the sub-phrases are then split one by one
    names = _source_names("Met Ana\u037a Bob Smith here.")
    assert list(names.candidates.items())[:4] == [
        ("met", 0),
        ("met ana", 0),
        ("met ana bob", 0),
        ("met ana bob smith", 0),
    ]
    assert names.candidates["bob smith"] == 9
    assert [names.find("bob smith"), names.find("bob smith")] == [9, 9]  # the second memoised
    assert names.find("smith jones") is None


def _reference_extract(text: str) -> list[tuple[str, int, bool]]:
    """extract() as it was written before the one-regex version: run by run, word by word."""
    import re

    from factsheet.text.name_phrases import _CONNECTORS, _SENTENCE_BREAK
    from factsheet.text.person_names import PARTICLES

    out: list[tuple[str, int, bool]] = []
    previous_end = -1
    for run in re.finditer(r"\w+(?:['\- ]\w+)*", text):
        run_start, run_end = run.span()
        if previous_end < 0:
            initial = True
        else:
            gap = text[previous_end:run_start]
            initial = gap != " " and _SENTENCE_BREAK.search(gap) is not None
        previous_end = run_end
        words = run.group().split(" ")
        capital = [word[:1].isupper() for word in words]
        n, i = len(words), 0
        while True in capital[i:]:
            first = capital.index(True, i)
            begin = first
            while begin > i and words[begin - 1].lower() in PARTICLES:
                begin -= 1
            end = first + 1
            while end < n:
                if capital[end]:
                    end += 1
                    continue
                k = end
                while k < n and (words[k] in _CONNECTORS or words[k].lower() in PARTICLES):
                    k += 1
                if k > end and k < n and capital[k]:
                    end = k + 1
                    continue
                break
            offset = run_start + (len(" ".join(words[:begin])) + 1 if begin else 0)
            out.append((" ".join(words[begin:end]), offset, initial and begin == 0))
            i = end
    return out


def test_extract_agrees_with_the_word_by_word_reference() -> None:
    # extract() is one regex over an ASCII shape of the text: it must find what the
    # word-by-word rules find, with particles, connectors, joiners, case and non-ASCII
    import random

    from factsheet.text.name_phrases import extract

    # with the Kelvin sign, the long s, a right quotation mark and an en dash
    words = ["von", "Von", "vON", "de", "De", "la", "della", "of", "Of", "the", "The", "and",
             "for", "x", "Y", "Bank", "NATO's", "o'Neill", "O'neill", "jean-Luc", "3M", "É",
             "é", "Élan", "ǅx", "İs", "\u212a", "\u017f", "Σx", "ibn", "_A", "zu"]  # fmt: skip
    gaps = [" ", "  ", ", ", ". ", "'", "-", " '", "' ", "(", "\n", "\u00a0", "--", " - ",
            "; ", '"', "[", ".", "\u2019", "\u2013"]  # fmt: skip
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(
            rng.choice(words) + (rng.choice(gaps) if rng.random() < 0.4 else " ")
            for _ in range(rng.randint(1, 8))
        )
        if rng.random() < 0.3:
            text = rng.choice(gaps) + text
        found = [(p.text, p.start, p.initial) for p in extract(text)]
        assert found == _reference_extract(text), text
        assert all(p.words == p.text.split(" ") for p in extract(text))
