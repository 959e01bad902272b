"""``factsheet schema``: generated from fields.py, shipped current, and in agreement with
the loader on every fixture (validated with the real check-jsonschema tool)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from factsheet.commands.init import EXAMPLE_FACTS
from factsheet.factfile import fields
from factsheet.factfile.loader import load_fact_file
from factsheet.factfile.schema import SCHEMA_NAME, build_schema, render_schema
from factsheet.model import KINDS
from factsheet.rules.registry import CODES
from helpers import FIXTURES, REPO, SEED_NAME, SHIPPED_FACTS, invoke, tool

SHIPPED_SCHEMA = REPO / SCHEMA_NAME

HEAD = f"source: {SEED_NAME}\nfacts:\n"
QUOTE = "  - id: q\n    kind: quote\n    quote: We discussed\n    speaker: Jens Stoltenberg\n"
CLAIM = "  - id: c\n    kind: claim\n    statement: They met.\n    evidence: They met\n"

# name -> fact file; the loader and the schema must agree on each (valid or not).
CASES: dict[str, str] = {
    "good-quote": HEAD + QUOTE,
    "good-claim-all-keys": HEAD
    + CLAIM
    + "    speaker: [A, B]\n    date: 2021-11-28/2021-11-29\n    places: [Riga]\n"
    "    entities: [NATO]\n    disputed_by: Russia\n    tags: [visit, eu]\n"
    "    ignore: [FS402, fs6]\n    note:\n"
    "    figures:\n      - {value: 1.5, unit: percent, label: growth}\n",
    "good-definition": HEAD
    + "  - id: d\n    kind: definition\n    term: hybrid threat\n    statement: S.\n"
    "    evidence: [A hybrid threat is, a type]\n",
    "good-figure": HEAD + "  - id: f\n    kind: figure\n    statement: S.\n    evidence: E\n"
    "    figures:\n      - value: 200000000\n        unit: EUR\n",
    "good-top-level": "title: T\nsha256: " + "a" * 64 + "\n" + HEAD + QUOTE,
    "good-quoted-date-like": HEAD + CLAIM.replace("They met.", '"2021"'),
    "unknown-top-key": "sorce: x.txt\n" + HEAD + QUOTE,
    "unknown-fact-key": HEAD + CLAIM + "    statment: x\n",
    "unknown-figure-key": HEAD + CLAIM + "    figures:\n      - {value: 1, units: EUR}\n",
    "quote-key-on-claim": HEAD + CLAIM + "    quote: They met\n",
    "term-on-claim": HEAD + CLAIM + "    term: met\n",
    "missing-source": "facts:\n" + QUOTE,
    "missing-facts": f"source: {SEED_NAME}\n",
    "empty-facts": f"source: {SEED_NAME}\nfacts: []\n",
    "missing-id": HEAD + QUOTE.replace("id: q\n    ", ""),
    "missing-kind": HEAD + QUOTE.replace("kind: quote\n    ", ""),
    "quote-without-speaker": HEAD + QUOTE.replace("    speaker: Jens Stoltenberg\n", ""),
    "claim-without-evidence": HEAD + CLAIM.replace("    evidence: They met\n", ""),
    "definition-without-term": HEAD
    + "  - id: d\n    kind: definition\n    statement: S.\n    evidence: E\n",
    "figure-without-figures": HEAD + CLAIM.replace("claim", "figure"),
    "figure-without-value": HEAD + CLAIM + "    figures:\n      - {unit: EUR}\n",
    "id-number": HEAD + QUOTE.replace("id: q", "id: 1e3"),
    "id-not-slug": HEAD + QUOTE.replace("id: q", "id: Bad_Slug"),
    "kind-unknown": HEAD + QUOTE.replace("kind: quote", "kind: quotation"),
    "speaker-boolean": HEAD + QUOTE.replace("Jens Stoltenberg", "no"),
    "speaker-number": HEAD + QUOTE.replace("Jens Stoltenberg", "42"),
    "statement-mapping": HEAD + CLAIM.replace("They met.", "{a: b}"),
    "statement-empty": HEAD + CLAIM.replace("They met.", '""'),
    "statement-null": HEAD + CLAIM.replace("They met.", ""),
    "evidence-empty-list": HEAD + CLAIM.replace("evidence: They met", "evidence: []"),
    "figures-not-list": HEAD + CLAIM + "    figures: 12\n",
    "figure-value-quoted": HEAD + CLAIM + '    figures:\n      - {value: "200"}\n',
    "date-bad": HEAD + CLAIM + "    date: 28 November 2021\n",
    "date-number": HEAD + CLAIM + "    date: 2021\n",
    "tags-not-slugs": HEAD + CLAIM + "    tags: [Visit EU]\n",
    "tags-not-list": HEAD + CLAIM + "    tags: visit\n",
    "ignore-unknown-code": HEAD + CLAIM + "    ignore: [FS999]\n",
    "ignore-not-code": HEAD + CLAIM + "    ignore: [E501]\n",
    "sha256-short": "sha256: abc\n" + HEAD + QUOTE,
    "top-level-list": "- source: x\n",
    "fact-not-mapping": HEAD + "  - just text\n",
}


def loader_accepts(text: str) -> bool:
    return not load_fact_file("f.yaml", text.encode(), known_codes=CODES).diagnostics


def walk(node: Any, path: str = "#") -> list[tuple[str, dict[str, Any]]]:
    """Every schema object with its JSON pointer."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        found.append((path, node))
        for key, value in node.items():
            found += walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += walk(value, f"{path}/{i}")
    return found


def test_shipped_schema_is_current() -> None:
    assert SHIPPED_SCHEMA.read_text(encoding="utf-8") == render_schema(), (
        f"{SCHEMA_NAME} is stale: run 'factsheet schema --output {SCHEMA_NAME}'"
    )


def test_schema_command_prints_it(runner: CliRunner) -> None:
    assert invoke(runner, "schema") == (0, render_schema(), "")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = build_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_every_property_has_a_description() -> None:
    for path, node in walk(build_schema()):
        if "/allOf/" in path:  # the per-kind conditions name keys defined above
            continue
        for name, prop in node.get("properties", {}).items():
            assert prop.get("description"), f"{path}/properties/{name} has no description"


def test_properties_are_the_fields() -> None:
    schema = build_schema()
    assert list(schema["properties"]) == [f.name for f in fields.TOP_LEVEL]
    assert list(schema["$defs"]["fact"]["properties"]) == [f.name for f in fields.FACT]
    assert list(schema["$defs"]["figure"]["properties"]) == [f.name for f in fields.FIGURE]
    assert schema["required"] == list(fields.TOP_REQUIRED)


def test_each_kind_requires_its_keys() -> None:
    rules = build_schema()["$defs"]["fact"]["allOf"]
    by_kind = {r["if"]["properties"]["kind"]["const"]: r["then"] for r in rules}
    assert list(by_kind) == list(KINDS)
    for kind, then in by_kind.items():
        assert then["required"] == [f.name for f in fields.FACT if kind in f.required]
        forbidden = {name for name, value in then.get("properties", {}).items() if value is False}
        assert forbidden == {f.name for f in fields.FACT if kind not in f.allowed}
    assert by_kind["quote"]["required"] == ["id", "kind", "quote", "speaker"]


def test_cases_cover_valid_and_invalid() -> None:
    accepted = {name for name, text in CASES.items() if loader_accepts(text)}
    assert accepted == {name for name in CASES if name.startswith("good-")}


# --- with the real check-jsonschema ---------------------------------------------------------


def check_jsonschema(*files: Path) -> dict[str, bool]:
    """Run check-jsonschema once over the files; return file name -> valid."""
    exe = tool("check-jsonschema")
    if exe is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    proc = subprocess.run(
        [exe, "--schemafile", str(SHIPPED_SCHEMA), "--output-format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    failed = {Path(e["filename"]).name for e in report.get("errors", [])}
    failed |= {Path(e["filename"]).name for e in report.get("parse_errors", [])}
    return {f.name: f.name not in failed for f in files}


def test_check_jsonschema_accepts_the_shipped_facts_and_the_init_example(tmp_path: Path) -> None:
    example = tmp_path / "example.yaml"
    example.write_text(EXAMPLE_FACTS, encoding="utf-8")
    assert check_jsonschema(SHIPPED_FACTS, example) == {
        SHIPPED_FACTS.name: True,
        "example.yaml": True,
    }


def test_check_jsonschema_agrees_with_the_loader(tmp_path: Path) -> None:
    files = []
    for name, text in CASES.items():
        path = tmp_path / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    fixtures = [*sorted(FIXTURES.glob("*.yaml")), SHIPPED_FACTS]
    valid = check_jsonschema(*files, *fixtures)
    loader = {f.name: loader_accepts(f.read_text(encoding="utf-8")) for f in files + fixtures}
    disagree = {name: (valid[name], loader[name]) for name in valid if valid[name] != loader[name]}
    assert disagree == {}, "schema vs loader (valid?) disagree"
    assert not all(valid.values())
    assert any(valid.values())
