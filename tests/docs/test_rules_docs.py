"""`factsheet rules`: every rule documented from its own module, with all four sections."""

from __future__ import annotations

import ast
import re

import pytest
from typer.testing import CliRunner

from factsheet.rules.base import SECTIONS
from factsheet.rules.registry import COVERAGE_RULES, FAMILIES, RULES, RULES_BY_CODE
from helpers import REPO, invoke

# Every code of RULES.md that `check` reports (FS9 belongs to `coverage`).
SPEC_NAMES = {
    "FS001": "yaml-syntax",
    "FS002": "duplicate-key",
    "FS003": "unknown-key",
    "FS004": "missing-key",
    "FS005": "invalid-value",
    "FS006": "duplicate-id",
    "FS007": "source-unavailable",
    "FS008": "source-changed",
    "FS009": "unsafe-yaml",
    "FS101": "evidence-not-found",
    "FS102": "evidence-ambiguous",
    "FS201": "number-unsupported",
    "FS202": "figure-unsupported",
    "FS203": "unit-mismatch",
    "FS301": "quote-not-found",
    "FS302": "not-a-quotation",
    "FS303": "misattributed-quote",
    "FS401": "name-not-in-source",
    "FS402": "statement-name-unsupported",
    "FS501": "date-unsupported",
    "FS601": "unattributed-claim",
    "FS701": "negation-mismatch",
    "FS702": "certainty-raised",
    "FS703": "quantity-changed",
    "FS704": "opposite-word",
    "FS705": "roles-swapped",
    "FS706": "alternative-dropped",
    "FS707": "unsupported-word",
}
SPEC_CODES = list(SPEC_NAMES)
WARNINGS = {"FS008", "FS102", "FS402", "FS601", "FS706", "FS707"}


def test_registry_has_every_spec_code_once_in_order() -> None:
    codes = [r.code for r in RULES]
    assert codes == SPEC_CODES
    assert {r.code: r.name for r in RULES} == SPEC_NAMES
    assert {r.code for r in RULES if r.severity.value == "warning"} == WARNINGS


def test_each_family_owns_one_code_prefix() -> None:
    for family in FAMILIES:
        prefixes = {r.code[:3] for r in family.RULES}
        assert len(prefixes) == 1, family.__name__


@pytest.mark.parametrize("code", SPEC_CODES)
def test_every_rule_has_every_section(code: str) -> None:
    assert RULES_BY_CODE[code].missing_sections() == []


def test_rule_list_names_every_rule_any_command_reports(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "rules")
    assert code == 0
    listed = [line.split()[:3] for line in out.splitlines()]
    assert listed == [[r.code, r.name, r.severity.value] for r in (*RULES, *COVERAGE_RULES)]
    assert listed[-3:] == [
        ["FS901", "uncovered-quotation", "info"],
        ["FS902", "uncovered-number", "info"],
        ["FS903", "uncovered-paragraph", "info"],
    ]


@pytest.mark.parametrize("asked", ["FS902", "fs902", "uncovered-number", " Uncovered-Number "])
def test_a_rule_is_found_by_code_or_by_name(runner: CliRunner, asked: str) -> None:
    status, out, _ = invoke(runner, "rules", asked)
    assert (status, out.splitlines()[0]) == (0, "FS902 uncovered-number (info)")


@pytest.mark.parametrize("code", SPEC_CODES)
def test_rule_doc_prints_each_section(runner: CliRunner, code: str) -> None:
    status, out, _ = invoke(runner, "rules", code.lower())
    rule = RULES_BY_CODE[code]
    assert status == 0
    assert out.startswith(f"{code} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n")
    assert re.findall(r"^## (.+)$", out, re.M) == list(SECTIONS)
    for section in SECTIONS:
        first_line = rule.docs[section].splitlines()[0]
        assert first_line in out


def test_unknown_rule_code_is_a_usage_error(runner: CliRunner) -> None:
    status, out, err = invoke(runner, "rules", "FS999")
    assert (status, out) == (2, "")
    assert err == (
        "factsheet: error: unknown rule code or name 'FS999' (run 'factsheet rules' for the list)\n"
    )


def test_coverage_rules_are_documented_with_every_section() -> None:
    assert [(r.code, r.name) for r in COVERAGE_RULES] == [
        ("FS901", "uncovered-quotation"),
        ("FS902", "uncovered-number"),
        ("FS903", "uncovered-paragraph"),
    ]
    assert [r.missing_sections() for r in COVERAGE_RULES] == [[], [], []]


PACKAGE = REPO / "cli" / "factsheet"


def _code_literals_outside_declarations(tree: ast.AST) -> list[int]:
    """Lines of "FSnnn" string literals that are not the first argument of rule(...)."""
    declared = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "rule"
        and node.args
    }
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"FS\d{3}", node.value)
        and id(node) not in declared
    ]


def test_a_code_is_written_only_where_its_rule_is_declared() -> None:
    """Findings are made from rule objects (FS201.at(...)), never from a code literal."""
    stray = {
        path.relative_to(PACKAGE).as_posix(): lines
        for path in sorted(PACKAGE.rglob("*.py"))
        if (lines := _code_literals_outside_declarations(ast.parse(path.read_text("utf-8"))))
    }
    assert stray == {}


def test_the_literal_guard_sees_a_stray_code() -> None:
    tree = ast.parse('X = rule("FS101", "n")\nFinding("FS101", "m", at)\nok = "FS1"\n')
    assert _code_literals_outside_declarations(tree) == [2]
