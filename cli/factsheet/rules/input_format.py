"""FS0 — input: the fact file cannot be read or does not follow the format.

These findings come from the loader (loader.py) and from resolving the source
(sources.py); this module holds their documentation for ``factsheet rules``.
"""

from __future__ import annotations

from factsheet.model import Severity
from factsheet.rules.base import Rule, rule

E = Severity.ERROR

FS001 = rule(
    "FS001",
    "yaml-syntax",
    E,
    "The fact file is not valid YAML.",
    what="Reports a file the YAML parser rejects, at the parser's line and column; "
    "also invalid UTF-8, control characters and a second YAML document.",
    why="A file that cannot be parsed yields no facts: nothing in it is checked.",
    example="facts:\n  - id: a\n    statement: [unclosed",
    instead='facts:\n  - id: a\n    statement: "[unclosed"',
)
FS002 = rule(
    "FS002",
    "duplicate-key",
    E,
    "A mapping repeats a key.",
    what="Reports the second occurrence of a key in one mapping, naming the first.",
    why="YAML keeps only one of the values silently; the curator's intent is lost.",
    example="- id: a\n  statement: One.\n  statement: Two.",
    instead="- id: a\n  statement: One.",
)
FS003 = rule(
    "FS003",
    "unknown-key",
    E,
    "A key the format does not have.",
    what="Reports a key that is not part of the format (or not for this fact's kind) "
    "and suggests the nearest valid key.",
    why="A misspelt key (`statment`) is otherwise ignored, and its content never checked.",
    example="- id: a\n  kind: claim\n  statment: The EU acted.",
    instead="- id: a\n  kind: claim\n  statement: The EU acted.",
)
FS004 = rule(
    "FS004",
    "missing-key",
    E,
    "A required key is absent.",
    what="Reports a fact file without `source` or `facts`, or a fact without a key its "
    "kind requires (`id`, `kind`, `statement` and `evidence`, `quote` and `speaker`, "
    "`term`, `figures`).",
    why="A fact without evidence cannot be verified; a quote without a speaker "
    "cannot be attributed.",
    example="- id: a\n  kind: claim\n  statement: The EU acted.",
    instead="- id: a\n  kind: claim\n  statement: The EU acted.\n  evidence: the EU had decided",
)
FS005 = rule(
    "FS005",
    "invalid-value",
    E,
    "A value has the wrong type or form.",
    what="Reports a bad slug, unknown kind, bad date, empty text, a number not in digits, "
    "an unknown rule code, a term missing from its evidence, or a scalar YAML would "
    "type as something else (`no` → false, `1e3` → a number, `12:30` → 750): quote it.",
    why="Values are typed by the format, not by YAML's guesses; `speaker: no` would "
    "otherwise become the boolean false.",
    example="- id: 1e3\n  kind: claim",
    instead='- id: "1e3"\n  kind: claim',
)
FS006 = rule(
    "FS006",
    "duplicate-id",
    E,
    "An id is used twice.",
    what="Reports a fact id already used by another fact in any file checked together, "
    "naming both places.",
    why="Briefs, tables and suppressions refer to facts by id; two facts with one id "
    "make those references ambiguous.",
    example="- id: border-funding\n  ...\n- id: border-funding",
    instead="- id: border-funding\n  ...\n- id: border-funding-usd",
)
FS007 = rule(
    "FS007",
    "source-unavailable",
    E,
    "The source cannot be read.",
    what="Reports a `source` that is missing, outside the seeds directory (`..`, an "
    "absolute path, a symlink pointing out), not a regular file, not UTF-8, or too large.",
    why="Facts can only be verified against the text they came from.",
    example="source: ../../etc/passwd",
    instead="source: 000_1833ecb2ef3ce3e0.txt",
)
FS008 = rule(
    "FS008",
    "source-changed",
    Severity.WARNING,
    "The source differs from its pinned hash.",
    what="Reports a `sha256` that differs from the SHA-256 of the source file's bytes.",
    why="The source was edited after the facts were curated; they may no longer match "
    "what the curator read.",
    example="sha256: 0000000000000000000000000000000000000000000000000000000000000000",
    instead="sha256: <the output of `sha256sum seeds/<source>`>, after re-reading the facts",
)
FS009 = rule(
    "FS009",
    "unsafe-yaml",
    E,
    "The YAML uses unsafe or unbounded features.",
    what="Reports custom tags (`!!python/object`), alias expansion past one million "
    "nodes, nesting deeper than 64 levels, or a fact file larger than 16 MiB.",
    why="Such files can run code, exhaust memory or crash a YAML library; they are "
    "never constructed.",
    example="statement: !!python/object/apply:os.system [echo hi]",
    instead='statement: "The EU acted."',
)

RULES: tuple[Rule, ...] = (FS001, FS002, FS003, FS004, FS005, FS006, FS007, FS008, FS009)
