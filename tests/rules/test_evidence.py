"""FS101, FS102 and FS301 through the CLI, on the seed article.

Mutation tests take a correct fact from the shipped fact file, change one word,
number, name or date in its excerpt, and assert the exact finding.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from helpers import SEED_NAME, SHIPPED_FACTS, Project, invoke, run_json

SEED_PATH = f"seeds/{SEED_NAME}"
HEAD = f"source: {SEED_NAME}\nfacts:\n"


def claim(fact_id: str, evidence: str, extra: str = "") -> str:
    """A claim whose evidence value starts at column 15 of its fourth line."""
    value = json.dumps(evidence, ensure_ascii=False)
    return f"  - id: {fact_id}\n    kind: claim\n    statement: x\n    evidence: {value}\n{extra}"


def quote(fact_id: str, words: str, speaker: str = "Jens Stoltenberg") -> str:
    """A quote fact whose quote value starts at column 12 of its third line."""
    value = json.dumps(words, ensure_ascii=False)
    return f"  - id: {fact_id}\n    kind: quote\n    quote: {value}\n    speaker: {speaker}\n"


def run_concise(runner: CliRunner, *args: str) -> tuple[int, list[str]]:
    code, out, _ = invoke(runner, "check", "--format", "concise", *args)
    return code, out.splitlines()


# Mutations of the shipped, correct facts


MUTATIONS = [
    pytest.param(
        "border-funding",
        "to quadruple its spending for border control",
        "to tripled its spending for border control",
        "FS101",
        (17, 32),
        '"tripled" ≠ source "quadruple"',
        id="word-quadruple-tripled",
    ),
    pytest.param(
        "border-funding",
        "Poland to 200 million euros",
        "Poland to 300 million euros",
        "FS101",
        (17, 32),
        '"300" ≠ source "200"',
        id="number-200-300",
    ),
    pytest.param(
        "belarus-accused",
        "Both Stoltenberg and von der Leyen accused",
        "Both Stoltenberg and Blinken accused",
        "FS101",
        (9, 1),
        '"Blinken" ≠ source "von der Leyen"',
        id="name-von-der-leyen-blinken",
    ),
    pytest.param(
        "ministers-meeting",
        "which begins on Tuesday in Latvia",
        "which begins on Monday in Latvia",
        "FS101",
        (29, 1),
        '"Monday" ≠ source "Tuesday"',
        id="date-tuesday-monday",
    ),
    pytest.param(
        "scale-up-cooperation",
        "quote: We discussed how we could scale up",
        "quote: We discussed how we could step up",
        "FS301",
        (15, 2),
        '"step" ≠ source "scale"',
        id="quote-scale-step",
    ),
    pytest.param(
        "article-4-option",
        "quote: If the security situation grows further worse",
        "quote: If the security situation grows even worse",
        "FS301",
        (23, 2),
        '"even" ≠ source "further"',
        id="quote-further-even",
    ),
]


@pytest.mark.parametrize(
    ("fact", "old", "new", "code", "source_at", "difference"),
    MUTATIONS,
)
def test_one_changed_word_in_a_correct_fact_fires(
    project: Project,
    runner: CliRunner,
    fact: str,
    old: str,
    new: str,
    code: str,
    source_at: tuple[int, int],
    difference: str,
) -> None:
    correct = SHIPPED_FACTS.read_text(encoding="utf-8")
    assert correct.count(old) == 1
    mutated = correct.replace(old, new)
    project.facts("baltic.yaml", mutated)
    # The finding points at the start of the YAML scalar: the opening quotation
    # mark of the double-quoted evidence (column 15), the first word of the plain
    # quote (column 12).
    line = mutated[: mutated.index(new)].count("\n") + 1
    column = 15 if code == "FS101" else 12
    assert mutated.splitlines()[line - 1][: column - 1] in ("    evidence: ", "    quote: ")

    code_run, diagnostics = run_json(runner)

    assert code_run == 1
    assert {d["fact"] for d in diagnostics} == {fact}
    (found,) = [d for d in diagnostics if d["code"] == code]
    assert (found["file"], found["line"], found["column"]) == ("facts/baltic.yaml", line, column)
    assert found["severity"] == "error"
    assert found["source"] == {"file": SEED_PATH, "line": source_at[0], "column": source_at[1]}
    what = "evidence" if code == "FS101" else "quote"
    assert found["message"].startswith(
        f"{what} not found in the source; closest passage at "
        f"{SEED_PATH}:{source_at[0]}:{source_at[1]} ("
    )
    assert found["message"].endswith(f"% similar): {difference}")
    assert found["suggestion"].startswith("use the source's words: ")


def test_the_unmutated_shipped_facts_are_clean(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", SHIPPED_FACTS.read_text(encoding="utf-8"))
    code, lines = run_concise(runner, "--strict", "--select", "FS1,FS3")
    assert (code, lines) == (0, ["20 facts in 1 file: 20 verified, 0 errors, 0 warnings"])


# FS101: message, position, suggestion


def test_fs101_concise_line_names_closest_passage(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim("funding", "the EU had decided to tripled its spending")
        + claim("funds", "She stated that the funds would be used to buy patrol vehicles"),
    )
    code, lines = run_concise(runner, "--select", "FS1")
    assert code == 1
    assert lines == [
        "facts/m.yaml:6:15: FS101 evidence not found in the source; closest passage at "
        f'{SEED_PATH}:17:32 (88% similar): "tripled" ≠ source "quadruple"',
        "facts/m.yaml:10:15: FS101 evidence not found in the source; closest passage at "
        f'{SEED_PATH}:19:1 (89% similar): "buy" ≠ source "purchase"',
        "2 facts in 1 file: 0 verified, 2 errors, 0 warnings",
    ]


def test_fs101_json_gives_source_position_and_the_source_words(
    project: Project, runner: CliRunner
) -> None:
    project.facts("m.yaml", HEAD + claim("funding", "the EU had decided to tripled its spending"))
    code, diagnostics = run_json(runner, "--select", "FS1")
    assert code == 1
    assert diagnostics == [
        {
            "code": "FS101",
            "severity": "error",
            "message": "evidence not found in the source; closest passage at "
            f'{SEED_PATH}:17:32 (88% similar): "tripled" ≠ source "quadruple"',
            "file": "facts/m.yaml",
            "line": 6,
            "column": 15,
            "fact": "funding",
            "source": {"file": SEED_PATH, "line": 17, "column": 32},
            "suggestion": 'use the source\'s words: "the EU had decided to quadruple its spending"',
        }
    ]


def test_fs101_without_a_close_passage_says_only_not_found(
    project: Project, runner: CliRunner
) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + "  - id: garden\n    kind: claim\n    statement: x\n    evidence:\n"
        + '      - "the EU had decided to quadruple its spending"\n'
        + '      - "Gardeners planted tomatoes early this spring"\n',
    )
    code, diagnostics = run_json(runner, "--select", "FS1")
    assert code == 1
    assert [
        (d["code"], d["line"], d["column"], d["message"], d["source"], d["suggestion"])
        for d in diagnostics
    ] == [("FS101", 8, 9, "evidence not found in the source", None, None)]


def test_a_fuzzy_match_never_passes(project: Project, runner: CliRunner) -> None:
    # One character off: 99% similar, still an error, and the fact is not verified.
    project.facts(
        "m.yaml",
        HEAD
        + quote(
            "article-4",
            "If the security situation grows further worse, we do not exclude out "
            "negotiations under NATO's Article 5",
            "Gitanas Nauseda",
        ),
    )
    code, lines = run_concise(runner, "--select", "FS1,FS3")
    assert code == 1
    assert lines == [
        "facts/m.yaml:5:12: FS301 quote not found in the source; closest passage at "
        f'{SEED_PATH}:23:2 (99% similar): "5" ≠ source "4"',
        "1 fact in 1 file: 0 verified, 1 error, 0 warnings",
    ]


def test_a_quote_not_found_is_fs301_not_fs101(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + quote("scale", "We discussed how we could step up our collaborative efforts")
        + '    evidence: "we could step up our collaborative efforts"\n',
    )
    code, diagnostics = run_json(runner, "--select", "FS1,FS3")
    assert code == 1
    assert [(d["code"], d["line"], d["column"], d["source"]) for d in diagnostics] == [
        ("FS301", 5, 12, {"file": SEED_PATH, "line": 15, "column": 2}),
        ("FS101", 7, 15, {"file": SEED_PATH, "line": 15, "column": 19}),
    ]


# Correct evidence stays quiet


QUIET = [
    pytest.param("We discussed how we could scale up", id="plain"),
    pytest.param("\u201cWe discussed how we could scale up", id="curly-open-quote"),
    pytest.param('"We discussed how we could scale up', id="straight-open-quote"),
    pytest.param("NATO's Article 4", id="straight-apostrophe"),
    pytest.param("NATO\u2019s Article 4", id="curly-apostrophe"),
    pytest.param("Ukraine\u2019s border, warning of \u201cconsequences\u201d", id="curly-all"),
    pytest.param('Ukraine\'s border, warning of "consequences"', id="straight-all"),
    pytest.param("build\u2014up of tanks", id="em-dash-for-hyphen"),
    pytest.param("the EU had decided ... for the years 2021 and 2022", id="elision-dots"),
    pytest.param("the EU had decided \u2026 for the years 2021 and 2022", id="elision-char"),
    pytest.param("the EU had decided [\u2026] for the years 2021 and 2022", id="elision-bracket"),
    pytest.param("[The Commission] had decided to quadruple its spending", id="insertion-lead"),
    pytest.param("the EU had decided [] to quadruple its spending", id="insertion-empty"),
    pytest.param("Von der Leyen [said that the Union] had decided to quadruple", id="insert-words"),
    pytest.param("[She] stated that the funds ... including drones.", id="insert-and-elide"),
    pytest.param("200\u00a0million euros\u00a0($226\u00a0million)", id="no-break-spaces"),
    pytest.param("\u00a0 the EU had decided  to\tquadruple \u200b", id="whitespace-zero-width"),
]


@pytest.mark.parametrize("evidence", QUIET)
def test_correct_evidence_is_quiet(project: Project, runner: CliRunner, evidence: str) -> None:
    project.facts("m.yaml", HEAD + claim("fine", evidence))
    code, lines = run_concise(runner, "--strict", "--select", "FS1")
    assert (code, lines) == (0, ["1 fact in 1 file: 1 verified, 0 errors, 0 warnings"])


@pytest.mark.parametrize(
    "words",
    [
        "We discussed how we could scale up our collaborative efforts between NATO and the EU",
        "We discussed how we could scale up [...] between NATO and the EU",
        "If the security situation grows further worse, we do not exclude out negotiations "
        "under NATO's Article 4",
        "The message to Russia is to de\u2010escalate, reduce tensions, and be transparent",
    ],
)
def test_correct_quote_is_quiet(project: Project, runner: CliRunner, words: str) -> None:
    project.facts("m.yaml", HEAD + quote("fine", words))
    code, lines = run_concise(runner, "--strict", "--select", "FS1,FS301")
    assert (code, lines) == (0, ["1 fact in 1 file: 1 verified, 0 errors, 0 warnings"])


def test_crlf_fact_file_quiet_when_correct_and_exact_when_not(
    project: Project, runner: CliRunner
) -> None:
    text = HEAD + claim("fine", "the EU had decided … for the years 2021 and 2022")
    text += claim("wrong", "the EU had decided to tripled its spending")
    (project.root / "facts" / "crlf.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    code, lines = run_concise(runner, "--select", "FS1")
    assert code == 1
    assert lines == [
        "facts/crlf.yaml:10:15: FS101 evidence not found in the source; closest passage at "
        f'{SEED_PATH}:17:32 (88% similar): "tripled" ≠ source "quadruple"',
        "2 facts in 1 file: 1 verified, 1 error, 0 warnings",
    ]


def test_crlf_source_with_bom_reports_original_positions(
    project: Project, runner: CliRunner
) -> None:
    seed = project.root / "seeds" / SEED_NAME
    seed.write_bytes(b"\xef\xbb\xbf" + seed.read_bytes().replace(b"\n", b"\r\n"))
    project.facts(
        "m.yaml",
        HEAD
        + claim("fine", "\u201cWe discussed how we could scale up")
        + claim("wrong", "the EU had decided to tripled its spending"),
    )
    code, diagnostics = run_json(runner, "--select", "FS1")
    assert code == 1
    assert [(d["fact"], d["code"], d["source"]) for d in diagnostics] == [
        ("wrong", "FS101", {"file": SEED_PATH, "line": 17, "column": 32}),
    ]


# FS102: ambiguous excerpts


def test_fs102_ambiguous_excerpt_suggests_unique_context(
    project: Project, runner: CliRunner
) -> None:
    project.facts("m.yaml", HEAD + claim("countries", "Latvia, Lithuania, and Poland"))
    code, diagnostics = run_json(runner, "--select", "FS1")
    assert code == 0  # a warning
    assert diagnostics == [
        {
            "code": "FS102",
            "severity": "warning",
            "message": "evidence occurs 2 times in the source (lines 17, 21); quote more context",
            "file": "facts/m.yaml",
            "line": 6,
            "column": 15,
            "fact": "countries",
            "source": {"file": SEED_PATH, "line": 17, "column": 99},
            "suggestion": 'quote more context, e.g. "Latvia, Lithuania, and Poland to"',
        }
    ]
    strict, _ = run_json(runner, "--select", "FS1", "--strict")
    assert strict == 1


@pytest.mark.parametrize(
    ("excerpt", "lines", "context"),
    [
        ("Latvia, Lithuania, and Poland", "lines 17, 21", "Latvia, Lithuania, and Poland to"),
        ("de-escalate", "lines 5, 33", "de-escalate\u201d its"),
        ("hybrid", "lines 3, 9, 11", "hybrid threats,\u201d"),
        ("drones", "lines 19, 31", "including drones"),
        ("Stoltenberg", "lines 5, 7, 9, 13, 15, 31", "Stoltenberg also"),
    ],
)
def test_fs102_suggested_context_is_itself_unique(
    project: Project, runner: CliRunner, excerpt: str, lines: str, context: str
) -> None:
    project.facts("m.yaml", HEAD + claim("ambiguous", excerpt))
    _, diagnostics = run_json(runner, "--select", "FS1")
    (found,) = diagnostics
    assert found["code"] == "FS102"
    assert f"in the source ({lines}); quote more context" in found["message"]
    assert found["suggestion"] == f'quote more context, e.g. "{context}"'

    project.facts("m.yaml", HEAD + claim("unique", context))
    code, out = run_concise(runner, "--strict", "--select", "FS1")
    assert (code, out) == (0, ["1 fact in 1 file: 1 verified, 0 errors, 0 warnings"])


def test_fs102_for_an_ambiguous_quote(project: Project, runner: CliRunner) -> None:
    project.facts("m.yaml", HEAD + quote("consequences", "consequences"))
    code, lines = run_concise(runner, "--select", "FS1,FS301")
    assert code == 0
    assert lines == [
        "facts/m.yaml:5:12: FS102 quote occurs 2 times in the source (lines 5, 33); "
        "quote more context",
        "1 fact in 1 file: 1 verified, 0 errors, 1 warning",
    ]


def test_fact_ignore_silences_fs102_for_that_fact_only(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim("silenced", "Latvia, Lithuania, and Poland", "    ignore: [FS102]\n")
        + claim("loud", "Latvia, Lithuania, and Poland"),
    )
    code, lines = run_concise(runner, "--strict", "--select", "FS1")
    assert code == 1
    assert lines == [
        "facts/m.yaml:11:15: FS102 evidence occurs 2 times in the source (lines 17, 21); "
        "quote more context",
        "2 facts in 1 file: 2 verified, 0 errors, 1 warning",
    ]


def test_fact_ignore_of_fs102_does_not_silence_fs101(project: Project, runner: CliRunner) -> None:
    project.facts(
        "m.yaml",
        HEAD
        + claim("wrong", "the EU had decided to tripled its spending", "    ignore: [FS102]\n"),
    )
    code, lines = run_concise(runner, "--select", "FS1")
    assert code == 1
    assert lines[0].startswith("facts/m.yaml:6:15: FS101 evidence not found in the source;")
