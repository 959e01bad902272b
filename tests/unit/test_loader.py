"""FS001-FS009: the loader reports every input problem at its exact line:column.

Each case runs on both YAML backends (libyaml and the pure-Python parser) and
both must give the same (code, line, column) list.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factsheet.config import load_config
from factsheet.engine.run import load_checked
from factsheet.factfile.loader import load_fact_file
from factsheet.factfile.yaml_reader import HAVE_LIBYAML, MAX_BYTES
from factsheet.model import KINDS, FactFile, Text
from factsheet.rules.registry import CODES
from helpers import SEED, SEED_NAME, Project, invoke

BACKENDS = [
    pytest.param(
        True,
        id="libyaml",
        marks=pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML was built without libyaml"),
    ),
    pytest.param(False, id="pure"),
]

Found = list[tuple[str, int, int]]

HEAD = "source: a.txt\nfacts:\n"
CLAIM = "  - id: a\n    kind: claim\n    statement: x\n    evidence: e\n"


def load(text: str | bytes, fast: bool) -> FactFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_fact_file("facts/x.yaml", data, known_codes=CODES, fast=fast)


def found(fact_file: FactFile) -> Found:
    return [(d.code, d.line, d.column) for d in fact_file.diagnostics]


def messages(fact_file: FactFile) -> str:
    return "\n".join(d.message for d in fact_file.diagnostics)


def laughs(levels: int) -> str:
    lines = ["source: a.txt", "l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels):
        refs = ", ".join([f"*l{i - 1}"] * 10)
        lines.append(f"l{i}: &l{i} [{refs}]")
    return "\n".join(lines) + "\n"


# (name, file text, expected (code, line, column) list, words every message set must hold)
CASES: list[tuple[str, str | bytes, Found, tuple[str, ...]]] = [
    ("valid", HEAD + CLAIM, [], ()),
    (
        "yaml-syntax",
        HEAD + "  - id: a\n    statement: [unclosed\n",
        [("FS001", 5, 1)],
        ("invalid YAML",),
    ),
    (
        "bad-indentation",
        HEAD + "  - id: a\n   kind: claim\n",
        [("FS001", 4, 4)],
        ("invalid YAML",),
    ),
    (
        "invalid-utf8",
        HEAD.encode() + b"  - id: a\n    statement: caf\xe9 au lait\n",
        [("FS001", 4, 19)],
        ("invalid UTF-8 byte 0xe9",),
    ),
    (
        "control-char-esc",
        HEAD + "  - id: a\n    statement: ab\x1b[31mc\n",
        [("FS001", 4, 18)],
        ("U+001B",),
    ),
    ("nul-byte", HEAD + CLAIM + "    note: a\x00b\n", [("FS001", 7, 12)], ("U+0000",)),
    ("empty-file", "", [("FS005", 1, 1)], ("empty",)),
    ("only-comments", "# nothing yet\n\n", [("FS005", 1, 1)], ("empty",)),
    ("top-level-list", "\n- source: a.txt\n- facts: []\n", [("FS005", 2, 1)], ("not a list",)),
    ("top-level-scalar", "just words\n", [("FS005", 1, 1)], ("not a single value",)),
    (
        "two-documents",
        HEAD + CLAIM + "---\nsource: b.txt\n",
        [("FS001", 7, 1)],
        ("one YAML document",),
    ),
    (
        "duplicate-key",
        HEAD + CLAIM + "    statement: y\n",
        [("FS002", 7, 5)],
        ("duplicate key 'statement'", "first at 5:5"),
    ),
    (
        "duplicate-top-key",
        HEAD + CLAIM + "source: b.txt\n",
        [("FS002", 7, 1)],
        ("duplicate key 'source'", "first at 1:1"),
    ),
    (
        "unknown-key-top",
        "source: a.txt\nsorce: b.txt\nfacts:\n" + CLAIM,
        [("FS003", 2, 1)],
        ("'sorce'", "did you mean 'source'"),
    ),
    (
        "unknown-key-fact",  # the typo of the missing key: FS003 alone, not FS004 too
        HEAD + "  - id: a\n    kind: claim\n    statment: x\n    evidence: e\n",
        [("FS003", 5, 5)],
        ("'statment'", "did you mean 'statement'"),
    ),
    (
        "typo-does-not-excuse-the-next-fact",  # fact b lacks the key fact a misspelt
        HEAD
        + "  - id: a\n    kind: claim\n    statment: x\n    evidence: e\n"
        + "  - id: b\n    kind: claim\n    evidence: e\n",
        [("FS003", 5, 5), ("FS004", 7, 5)],
        ("'statment'", "missing required key 'statement' in claim fact"),
    ),
    (
        "unknown-key-and-another-missing",
        HEAD + "  - id: a\n    kind: quote\n    quote: q\n    notes: x\n",
        [("FS003", 6, 5), ("FS004", 3, 5)],
        ("'notes'", "did you mean 'note'", "missing required key 'speaker'"),
    ),
    (
        "speaker-typo-in-quote",
        HEAD + "  - id: a\n    kind: quote\n    quote: q\n    speakr: X\n",
        [("FS003", 6, 5)],
        ("'speakr'", "did you mean 'speaker'"),
    ),
    (
        "figure-value-typo",
        HEAD + CLAIM + "    figures:\n      - {valu: 3}\n",
        [("FS003", 8, 10)],
        ("'valu'", "did you mean 'value'"),
    ),
    (
        "unknown-key-figure",
        HEAD
        + "  - id: a\n    kind: figure\n    statement: x\n    evidence: e\n"
        + "    figures:\n      - {value: 200, unti: EUR}\n",
        [("FS003", 8, 22)],
        ("'unti'", "did you mean 'unit'"),
    ),
    (
        "key-not-for-kind",
        HEAD + CLAIM + "    term: hybrid threat\n",
        [("FS003", 7, 5)],
        ("'term' is only for definition facts, not claim",),
    ),
    (
        "quote-key-on-claim",
        HEAD + CLAIM + "    quote: words\n",
        [("FS003", 7, 5)],
        ("'quote' is only for quote facts",),
    ),
    (
        "missing-top-keys",
        "title: A title\n",
        [("FS004", 1, 1), ("FS004", 1, 1)],
        ("missing required key 'source'", "missing required key 'facts'"),
    ),
    (
        "missing-id-and-kind",
        HEAD + "  - statement: x\n    evidence: e\n",
        [("FS004", 3, 5), ("FS004", 3, 5)],
        ("missing required key 'id'", "missing required key 'kind'"),
    ),
    (
        "missing-quote-and-speaker",
        HEAD + "  - id: a\n    kind: quote\n",
        [("FS004", 3, 5), ("FS004", 3, 5)],
        ("missing required key 'quote' in quote fact", "missing required key 'speaker'"),
    ),
    (
        "missing-term",
        HEAD + "  - id: a\n    kind: definition\n    statement: x\n    evidence: e\n",
        [("FS004", 3, 5)],
        ("missing required key 'term' in definition fact",),
    ),
    (
        "missing-figures",
        HEAD + "  - id: a\n    kind: figure\n    statement: x\n    evidence: e\n",
        [("FS004", 3, 5)],
        ("missing required key 'figures' in figure fact",),
    ),
    (
        "missing-statement-and-evidence",
        HEAD + "  - id: a\n    kind: event\n",
        [("FS004", 3, 5), ("FS004", 3, 5)],
        ("missing required key 'statement' in event fact", "'evidence' in event fact"),
    ),
    (
        "quote-needs-no-statement",
        HEAD + "  - id: a\n    kind: quote\n    quote: words\n    speaker: Jens Stoltenberg\n",
        [],
        (),
    ),
    (
        "missing-figure-value",
        HEAD
        + "  - id: a\n    kind: figure\n    statement: x\n    evidence: e\n"
        + "    figures:\n      - unit: EUR\n",
        [("FS004", 8, 9)],
        ("missing required key 'value' in figure",),
    ),
    (
        "bad-slug",
        HEAD + "  - id: Border_Funding\n    kind: claim\n    statement: x\n    evidence: e\n",
        [("FS005", 3, 9)],
        ("'id: Border_Funding' is not a slug",),
    ),
    (
        "bad-tag-slug",
        HEAD + CLAIM + "    tags: [ok, Not-OK]\n",
        [("FS005", 7, 16)],
        ("'tags: Not-OK' is not a slug",),
    ),
    (
        "unknown-kind",
        HEAD + "  - id: a\n    kind: claimm\n    statement: x\n    evidence: e\n",
        [("FS005", 4, 11)],
        ("unknown kind 'claimm'", "did you mean 'claim'"),
    ),
    (
        "impossible-date",
        HEAD + CLAIM + "    date: 2021-02-30\n",
        [("FS005", 7, 11)],
        ("'date: 2021-02-30' is not a calendar date",),
    ),
    (
        "reversed-range",
        HEAD + CLAIM + "    date: 2021-11-28/2021-11-01\n",
        [("FS005", 7, 11)],
        ("ends before it starts",),
    ),
    (
        "not-a-date",
        HEAD + CLAIM + "    date: next Tuesday\n",
        [("FS005", 7, 11)],
        ("YYYY-MM-DD",),
    ),
    ("unquoted-date", HEAD + CLAIM + "    date: 2021-11-28\n", [], ()),
    ("quoted-range", HEAD + CLAIM + '    date: "2021-11-28/2021-11-30"\n', [], ()),
    (
        "empty-text",
        HEAD + '  - id: a\n    kind: claim\n    statement: "  "\n    evidence:\n',
        [("FS005", 5, 16), ("FS005", 6, 14)],
        ("'statement' is empty", "'evidence' is empty"),
    ),
    (
        "list-for-string",
        HEAD + "  - id: a\n    kind: claim\n    statement: [a, b]\n    evidence: e\n",
        [("FS005", 5, 16)],
        ("'statement' must be text, not a list",),
    ),
    (
        "mapping-for-string",
        HEAD + "  - id: a\n    kind: claim\n    statement: x\n    evidence: {a: b}\n",
        [("FS005", 6, 15)],
        ("'evidence' must be text, not a mapping",),
    ),
    ("evidence-list", HEAD + CLAIM.replace("evidence: e", "evidence: [e, f]"), [], ()),
    (
        "speaker-no",
        HEAD + "  - id: a\n    kind: quote\n    quote: words\n    speaker: no\n",
        [("FS005", 6, 14)],
        ("a boolean", 'quote it: speaker: "no"'),
    ),
    (
        "id-1e3",
        HEAD + "  - id: 1e3\n    kind: claim\n    statement: x\n    evidence: e\n",
        [("FS005", 3, 9)],
        ("a number", 'quote it: id: "1e3"'),
    ),
    (
        "statement-12-30",
        HEAD + "  - id: a\n    kind: claim\n    statement: 12:30\n    evidence: e\n",
        [("FS005", 5, 16)],
        ('quote it: statement: "12:30"',),
    ),
    (
        "quoted-scalars-are-text",
        HEAD + '  - id: "1e3"\n    kind: claim\n    statement: \'12:30\'\n    evidence: "no"\n',
        [],
        (),
    ),
    ("yaml-indicators-as-text", HEAD + CLAIM.replace("statement: x", "statement: ="), [], ()),
    (
        "figure-value-quoted",
        HEAD
        + "  - id: a\n    kind: figure\n    statement: x\n    evidence: e\n"
        + '    figures:\n      - {value: "200", unit: EUR}\n',
        [("FS005", 8, 17)],
        ("'value: 200' is not a number",),
    ),
    (
        "figure-value-words",
        HEAD
        + "  - id: a\n    kind: figure\n    statement: x\n    evidence: e\n"
        + "    figures:\n      - value: two hundred\n",
        [("FS005", 8, 16)],
        ("'value: two hundred' is not a number",),
    ),
    (
        "figures-empty",
        HEAD + "  - id: a\n    kind: figure\n    statement: x\n    evidence: e\n    figures: []\n",
        [("FS005", 7, 14)],
        ("'figures' must be a non-empty list",),
    ),
    (
        "facts-empty",
        "source: a.txt\nfacts: []\n",
        [("FS005", 2, 8)],
        ("'facts' must be a non-empty list",),
    ),
    (
        "fact-not-a-mapping",
        HEAD + "  - just words\n",
        [("FS005", 3, 5)],
        ("a fact is a mapping",),
    ),
    (
        "unknown-ignore-code",
        HEAD + CLAIM + "    ignore: [FS101, FS999]\n",
        [("FS005", 7, 21)],
        ("'FS999' is not a rule code",),
    ),
    (
        "sha256-not-hex",
        "source: a.txt\nsha256: abc123\nfacts:\n" + CLAIM,
        [("FS005", 2, 9)],
        ("not a SHA-256",),
    ),
    ("sha256-all-digits", "source: a.txt\nsha256: " + "1" * 64 + "\nfacts:\n" + CLAIM, [], ()),
    (
        "term-not-in-evidence",
        HEAD
        + "  - id: a\n    kind: definition\n    term: cyber threat\n    statement: x\n"
        + "    evidence: A hybrid threat is a type of security threat\n",
        [("FS005", 5, 11)],
        ("term 'cyber threat' does not occur in the evidence",),
    ),
    (
        "term-in-evidence",
        HEAD
        + "  - id: a\n    kind: definition\n    term: Hybrid Threat\n    statement: x\n"
        + "    evidence: A hybrid threat is a type of security threat\n",
        [],
        (),
    ),
    (
        "python-tag",
        HEAD + "  - id: !!python/object/apply:os.system [touch PWNED]\n",
        [("FS009", 3, 9)],
        ("custom YAML tag !!python/object/apply:os.system",),
    ),
    ("local-tag", HEAD + CLAIM + "    note: !secret x\n", [("FS009", 7, 11)], ("!secret",)),
    ("billion-laughs", laughs(9), [("FS009", 7, 45)], ("alias expansion",)),
    ("small-aliases", laughs(3) + "facts:\n" + CLAIM, [("FS003", 2, 1)], ()),
    (
        "nesting-65",
        "source: a.txt\nfacts: " + "[" * 70 + "]" * 70 + "\n",
        [("FS009", 2, 71)],
        ("nesting deeper than 64",),
    ),
    (
        "nesting-deep-flow",
        "source: a.txt\nfacts: " + "[" * 30_000 + "\n",
        [("FS009", 2, 71)],
        ("nesting deeper than 64",),
    ),
    (
        "nesting-deep-block",
        "".join(f"{'  ' * i}k{i}:\n" for i in range(200)),
        [("FS009", 65, 129)],
        ("nesting deeper than 64",),
    ),
    (
        "tab-inside-plain-text",
        HEAD + CLAIM.replace("statement: x", "statement: x\ty") + "    note: n\t# comment\n",
        [],
        (),
    ),
    (
        "tab-indenting-a-fact",
        HEAD + "\t- id: a\n    kind: claim\n",
        [("FS001", 3, 1)],
        ("a tab (→) in the indentation; YAML indents with spaces only",),
    ),
    (
        "tab-after-spaces",
        HEAD + "  - id: a\n  \tkind: claim\n",
        [("FS001", 4, 3)],
        ("a tab (→) in the indentation; YAML indents with spaces only",),
    ),
    (
        "tab-indenting-a-fact-cr-only",  # lines end in CR alone, as YAML allows
        (HEAD + "\t- id: a\n    kind: claim\n").replace("\n", "\r"),
        [("FS001", 3, 1)],
        ("invalid YAML: a tab (→) in the indentation; YAML indents with spaces only",),
    ),
    (
        "tab-after-spaces-cr-only",
        (HEAD + "  - id: a\n  \tkind: claim\n").replace("\n", "\r"),
        [("FS001", 4, 3)],
        ("invalid YAML: a tab (→) in the indentation; YAML indents with spaces only",),
    ),
    (
        "tab-after-spaces-other-breaks",  # NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, CR LF
        "source: a.txt\x85facts:\u2028  - id: a\u2029  \tkind: claim\r\n",
        [("FS001", 4, 3)],
        ("invalid YAML: a tab (→) in the indentation; YAML indents with spaces only",),
    ),
    ("question-mark-in-flow", HEAD + CLAIM + "    places: [Vilnius?, Riga]\n", [], ()),
    (
        "tag-then-comma-in-flow",
        HEAD + CLAIM + "    places: [!x, Riga]\n",
        [("FS009", 7, 14)],
        ("custom YAML tag !x",),
    ),
    (
        "bad-escape",
        HEAD + CLAIM + '    note: "a\\qb"\n',
        [("FS001", 7, 13)],
        ("invalid YAML",),
    ),
]

# "small-aliases" has l0..l2 as unknown top-level keys: one FS003 each.
CASES = [
    (
        (name, text, [("FS003", 2, 1), ("FS003", 3, 1), ("FS003", 4, 1)], ("l0",))
        if name == "small-aliases"
        else (name, text, want, words)
    )
    for name, text, want, words in CASES
]


@pytest.mark.parametrize("fast", BACKENDS)
@pytest.mark.parametrize(
    ("text", "want", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_fs0_code_and_location(
    text: str | bytes, want: Found, words: tuple[str, ...], fast: bool
) -> None:
    fact_file = load(text, fast)
    assert found(fact_file) == want, messages(fact_file)
    for word in words:
        assert word in messages(fact_file)


@pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML was built without libyaml")
@pytest.mark.parametrize(
    ("text", "want", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_backends_agree(text: str | bytes, want: Found, words: tuple[str, ...]) -> None:
    fast, pure = load(text, True), load(text, False)
    assert found(fast) == found(pure)
    assert [(f.id, f.kind, f.statement) for f in fast.facts] == [
        (f.id, f.kind, f.statement) for f in pure.facts
    ]


@pytest.mark.parametrize("fast", BACKENDS)
def test_fatal_problems_yield_no_facts(fast: bool) -> None:
    for text in (HEAD + CLAIM + "---\n", HEAD + CLAIM + "    note: !x y\n", laughs(9)):
        assert load(text, fast).facts == ()


@pytest.mark.parametrize("fast", BACKENDS)
def test_custom_tag_is_never_constructed(fast: bool, tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    text = f"source: !!python/object/apply:os.system ['touch {marker}']\nfacts: []\n"
    assert found(load(text, fast)) == [("FS009", 1, 9)]
    assert not marker.exists()


@pytest.mark.parametrize("fast", BACKENDS)
def test_file_over_the_size_limit(fast: bool) -> None:
    data = (HEAD + CLAIM).encode() + b"#" * MAX_BYTES
    fact_file = load(data, fast)
    assert found(fact_file) == [("FS009", 1, 1)]
    assert "limit" in messages(fact_file)
    assert fact_file.facts == ()


@pytest.mark.parametrize("fast", BACKENDS)
def test_bad_fact_leaves_the_others_loaded(fast: bool) -> None:
    text = (
        HEAD
        + "  - id: first\n    kind: claim\n    statement: x\n    evidence: e\n"
        + "  - id: Bad\n    kind: claim\n    statement: x\n    evidence: e\n"
        + "  - id: third\n    kind: quote\n    quote: q\n    speaker: [no, Jens]\n"
        + "  - id: last\n    kind: event\n    statement: x\n    evidence: e\n    date: 2021-11-30\n"
    )
    fact_file = load(text, fast)
    assert found(fact_file) == [("FS005", 7, 9), ("FS005", 14, 15)]
    assert [f.id for f in fact_file.facts] == ["first", "third", "last"]
    assert fact_file.fact_count == 4
    last = fact_file.facts[-1]
    assert last.date is not None
    assert (last.date.start, last.date.end, last.date.at.line, last.date.at.column) == (
        "2021-11-30",
        "2021-11-30",
        19,
        11,
    )


@pytest.mark.parametrize("fast", BACKENDS)
def test_positions_of_values(fast: bool) -> None:
    text = (
        "source: a.txt\nfacts:\n  - id: border-funding\n    kind: figure\n"
        "    statement: It costs €200 million.\n    evidence: [one, 'two']\n"
        "    figures:\n      - {value: 200000000, unit: EUR}\n"
    )
    fact_file = load(text, fast)
    assert found(fact_file) == []
    (fact,) = fact_file.facts
    assert fact_file.source is not None
    assert (fact_file.source.value, fact_file.source.at.line, fact_file.source.at.column) == (
        "a.txt",
        1,
        9,
    )
    assert (fact.at.line, fact.at.column) == (3, 5)
    assert (fact.keys["id"].line, fact.keys["id"].column) == (3, 9)
    assert [(e.value, e.at.line, e.at.column) for e in fact.evidence] == [
        ("one", 6, 16),
        ("two", 6, 21),
    ]
    (figure,) = fact.figures
    assert (figure.value, figure.unit, figure.value_at.line, figure.value_at.column) == (
        200000000,
        "EUR",
        8,
        17,
    )


@pytest.mark.parametrize("fast", BACKENDS)
def test_crlf_and_bom_keep_positions(fast: bool) -> None:
    text = HEAD + CLAIM + "    statement: again\n"
    plain = found(load(text, fast))
    assert plain == [("FS002", 7, 5)]
    crlf = text.replace("\n", "\r\n").encode()
    assert found(load(crlf, fast)) == plain
    assert found(load(b"\xef\xbb\xbf" + crlf, fast)) == plain
    bad = b"\xef\xbb\xbf" + (HEAD + "  - id: a\x1b\n").replace("\n", "\r\n").encode()
    assert found(load(bad, fast)) == [("FS001", 3, 10)]


@pytest.mark.parametrize("fast", BACKENDS)
def test_columns_count_characters(fast: bool) -> None:
    text = (
        HEAD + "  - id: a\n    kind: claim\n    statement: \u2018Ü\u2019 😀 x: y\n    evidence: e\n"
    )
    assert found(load(text, fast)) == [("FS001", 5, 23)]


# FS006, FS007, FS008 need the whole run.


def write_claim(project: Project, name: str, fact_id: str, source: str = SEED_NAME) -> None:
    project.facts(
        name,
        f"source: {source}\nfacts:\n  - id: {fact_id}\n    kind: claim\n"
        "    statement: A hybrid threat combines military and non-military methods.\n"
        "    evidence: A hybrid threat is a type of security threat\n",
    )


def test_duplicate_id_across_files(project: Project) -> None:
    write_claim(project, "a.yaml", "hybrid")
    write_claim(project, "b.yaml", "hybrid")
    result = load_checked([], load_config(project.root))
    dups = [d for d in result.diagnostics if d.code == "FS006"]
    assert [(d.file, d.line, d.column) for d in dups] == [("facts/b.yaml", 3, 9)]
    assert "facts/a.yaml:3:9" in dups[0].message


def test_duplicate_id_in_one_file(project: Project, runner: CliRunner) -> None:
    project.facts(
        "x.yaml",
        f"source: {SEED_NAME}\nfacts:\n"
        "  - id: visit\n    kind: claim\n    statement: x\n"
        "    evidence: A hybrid threat is a type of security threat\n"
        "  - kind: claim\n    id: visit\n    statement: y\n"
        "    evidence: A hybrid threat is a type of security threat\n",
    )
    code, out, _ = invoke(runner, "check", "--format", "concise", "--select", "FS0")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "facts/x.yaml:8:9: FS006 id 'visit' is already used at facts/x.yaml:3:9"
    )


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("../outside.txt", "leaves the seeds folder"),
        ("/etc/hostname", "absolute path"),
        ("000_1833ecb2ef3ce3e0.tx", "did you mean '000_1833ecb2ef3ce3e0.txt'"),
    ],
)
def test_source_unavailable_at_the_source_line(
    project: Project, runner: CliRunner, source: str, words: str
) -> None:
    (project.root / "outside.txt").write_text("x\n", encoding="utf-8")
    write_claim(project, "x.yaml", "hybrid", source)
    code, out, _ = invoke(runner, "check", "--format", "concise")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("facts/x.yaml:1:9: FS007 ")
    assert words in first


@pytest.mark.parametrize(("strict", "status"), [((), 0), (("--strict",), 1)])
def test_sha256_mismatch_is_a_warning(
    project: Project, runner: CliRunner, strict: tuple[str, ...], status: int
) -> None:
    project.facts(
        "x.yaml",
        f"source: {SEED_NAME}\nsha256: {'ab' * 32}\nfacts:\n  - id: hybrid\n    kind: claim\n"
        "    statement: x\n    evidence: A hybrid threat is a type of security threat\n",
    )
    code, out, _ = invoke(runner, "check", "--format", "concise", "--select", "FS0", *strict)
    assert code == status
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    assert out.splitlines()[0].startswith(
        f"facts/x.yaml:2:9: FS008 source '{SEED_NAME}' changed since it was pinned"
    )
    assert digest[:12] in out
    result = load_checked([], load_config(project.root))
    (warning,) = [d for d in result.diagnostics if d.code == "FS008"]
    assert warning.suggestion == f"sha256: {digest}"


def test_matching_sha256_is_silent(project: Project) -> None:
    digest = hashlib.sha256(SEED.read_bytes()).hexdigest()
    project.facts(
        "x.yaml",
        f"source: {SEED_NAME}\nsha256: {digest.upper()}\nfacts:\n  - id: hybrid\n"
        "    kind: claim\n    statement: x\n"
        "    evidence: A hybrid threat is a type of security threat\n",
    )
    result = load_checked([], load_config(project.root), select=("FS0",))
    assert result.diagnostics == []


def _resolved_type(value: str) -> str:
    """yaml_type's answer for a plain scalar, always asking PyYAML's resolver."""
    from yaml.nodes import ScalarNode

    from factsheet.factfile.scalars import _RESOLVER, _YAML12_NON_STRING, TYPE_NAMES

    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    kind = tag.rsplit(":", 1)[-1]
    if kind not in TYPE_NAMES:
        kind = "str"
    if kind == "str" and _YAML12_NON_STRING.match(value):
        return "float" if any(c in value for c in ".eE") else "int"
    return kind


@given(st.text(max_size=12) | st.sampled_from(["", "~", "no", "On", "1e3", "12:30", ".inf", "<<"]))
def test_plain_scalars_skip_the_resolver_only_when_it_would_say_text(value: str) -> None:
    from factsheet.factfile.scalars import yaml_type
    from factsheet.factfile.yaml_reader import Scalar
    from factsheet.model import Location

    assert yaml_type(Scalar(Location(1, 1), value, True)) == _resolved_type(value)


_VALUES = st.text(max_size=8) | st.sampled_from(
    ["", " ", "\u3000", "~", "null", "no", "On", "1e3", "2021-11-28", "x", "a-b", "A_b", *KINDS]
)
_TAGS = st.sampled_from([None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"])


def _outcome(read: Any, node: Any) -> tuple[object, list[tuple[str, str, int, int]]]:
    """What a reader returns (or 'invalid') and what it reports, for comparing two readers."""
    from factsheet.factfile.values import Context, Invalid

    ctx = Context("x.yaml", CODES, fact_id="f")
    try:
        result: object = read(ctx, node, "name")
    except Invalid:
        result = "invalid"
    return result, [(d.code, d.message, d.line, d.column) for d in ctx.diagnostics]


@given(st.lists(st.tuples(_VALUES, st.booleans(), _TAGS), min_size=1, max_size=4))
def test_fast_text_readers_match_the_checked_reader(scalars: list[tuple[str, bool, Any]]) -> None:
    """text_value, _texts, _slugs and _kind skip _checked_text for plain strings: same outcome."""
    from factsheet.factfile import values
    from factsheet.factfile.yaml_reader import Scalar, Sequence
    from factsheet.model import Location

    nodes = [Scalar(Location(1, i + 1), v, plain, tag) for i, (v, plain, tag) in enumerate(scalars)]
    for node in nodes:
        assert _outcome(values.text_value, node) == _outcome(values._checked_text, node)
        text, reports = _outcome(values._checked_text, node)
        kind = text.value if isinstance(text, Text) and text.value in KINDS else "invalid"
        assert _outcome(values._kind, node)[0] == kind
        if kind != "invalid":
            assert reports == []
    checked = [_outcome(values._checked_text, node) for node in nodes]
    texts = tuple(result for result, _ in checked)
    expected = "invalid" if "invalid" in texts else texts
    reports = [report for _, found in checked for report in found]
    assert _outcome(values._texts, Sequence(Location(1, 1), list(nodes))) == (expected, reports)
    slugs = [_outcome(values._slug, node) for node in nodes]
    expected_slugs = tuple(result for result, _ in slugs if result != "invalid")
    slug_reports = [report for _, found in slugs for report in found]
    assert _outcome(values._slugs, Sequence(Location(1, 1), list(nodes))) == (
        expected_slugs,
        slug_reports,
    )


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("quote", "    quote: words\n    speaker: [Jens Stoltenberg]\n"),
        (
            "definition",
            "    term: threat\n    statement: x\n    figures: [{value: 1}]\n    speaker: Someone\n",
        ),
    ],
)
def test_every_key_fills_its_fact_field(kind: str, extra: str) -> None:
    """_read_fact passes the keys read to Fact by name: each must reach its field."""
    text = (
        HEAD
        + f"  - id: a\n    kind: {kind}\n{extra}    evidence: the threat\n    date: 2021-11-28\n"
        "    places: [Riga]\n    entities: [NATO]\n    disputed_by: them\n    tags: [t]\n"
        "    ignore: [FS1]\n    note: n\n"
    )
    loaded = load(text, HAVE_LIBYAML)
    assert found(loaded) == []
    (fact,) = loaded.facts
    for name in fact.keys:
        attribute = "speakers" if name == "speaker" else name
        assert getattr(fact, attribute) not in (None, (), ""), name
