"""The CI formats of ``factsheet check``: github, junit and sarif, and the auto format.

Each round-trips the same findings as ``json``. Regenerate the golden files with
``python -m pytest tests/test_formats.py --update-golden`` and read the diff.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from factsheet.app import app
from factsheet.outputs.report.github import escape_data, escape_property
from factsheet.rules.registry import RULES_BY_CODE
from helpers import GOLDEN_FACTS, ONE_QUOTE, SEED_NAME, SHARED, Project, assert_golden, invoke

SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"
CI_FORMATS = ["github", "junit", "sarif"]


# A key and an id that try to end the workflow command and start others.
INJECTION = f"""\
source: {SEED_NAME}
facts:
  - id: "x::error file=evil::pwned"
    kind: quote
    quote: We discussed how we could scale up our collaborative efforts between NATO and the EU
    speaker: Jens Stoltenberg
    "a\\r\\n::set-env name=X::1\\n%0A::add-mask::y,z": 1
"""


def run(runner: CliRunner, fmt: str) -> tuple[int, str]:
    code, out, err = invoke(runner, "check", "--format", fmt)
    assert err == ""
    return code, out


Finding = tuple[str, str, str, int, int, str | None, str]  # code, severity, file, line, col


def from_json(out: str) -> list[Finding]:
    return [
        (d["code"], d["severity"], d["file"], d["line"], d["column"], d["fact"], d["message"])
        for d in json.loads(out)["diagnostics"]
    ]


def unescape(text: str) -> str:
    return (
        text.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def from_github(out: str) -> list[Finding]:
    found = []
    for line in out.splitlines():
        match = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", line)
        if match is None:
            continue
        props = dict(p.split("=", 1) for p in match.group(2).split(","))
        parts = re.fullmatch(
            r"(?s)(.*?)(?: \[([^\[\]]*)\])?(?:\nsource: \S+:\d+:\d+)?(?:\nhelp: .*)?",
            unescape(match.group(3)),
        )
        assert parts is not None
        severity = {"notice": "info"}.get(match.group(1), match.group(1))
        found.append(
            (
                props["title"],
                severity,
                unescape(props["file"]),
                int(props["line"]),
                int(props["col"]),
                parts.group(2),
                parts.group(1),
            )
        )
    return found


def from_sarif(out: str) -> list[Finding]:
    run = json.loads(out)["runs"][0]
    level = {"error": "error", "warning": "warning", "note": "info"}
    found = []
    for r in run["results"]:
        where = r["locations"][0]["physicalLocation"]
        found.append(
            (
                r["ruleId"],
                level[r["level"]],
                where["artifactLocation"]["uri"],
                where["region"]["startLine"],
                where["region"]["startColumn"],
                r["properties"]["fact"],
                r["message"]["text"],
            )
        )
    return found


def from_junit(out: str) -> list[Finding]:
    """Errors from each failure (its message attribute is exact), warnings from system-out."""
    found = []
    for suite in ET.fromstring(out).iter("testsuite"):
        for case in suite.iter("testcase"):
            fact = None if case.get("name") == suite.get("name") else case.get("name")
            blocks = [(f.text or "", f.get("message", "")) for f in case.iter("failure")]
            for system_out in case.iter("system-out"):
                blocks += [
                    (b, "") for b in re.split(r"\n(?=\S+:\d+:\d+: FS)", system_out.text or "")
                ]
            for text, attribute in blocks:
                m = re.match(r"(.+):(\d+):(\d+): (FS\d+) (\w+): (.*)", text)
                assert m is not None, text
                message = attribute.removeprefix(f"{m[4]} ") if attribute else m[6]
                found.append((m[4], m[5], m[1], int(m[2]), int(m[3]), fact, message))
    return found


PARSERS = {"github": from_github, "sarif": from_sarif, "junit": from_junit}


# --- golden files and round trips ----------------------------------------------------------


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_golden(project: Project, runner: CliRunner, update_golden: bool, fmt: str) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    code, out = run(runner, fmt)
    assert code == 1
    assert_golden(f"check.{fmt}", out, update_golden)


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_round_trips_the_json_findings(project: Project, runner: CliRunner, fmt: str) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    project.facts("other.yaml", INJECTION)
    expected = from_json(run(runner, "json")[1])
    assert len(expected) >= 8
    got = PARSERS[fmt](run(runner, fmt)[1])
    assert sorted(got) == sorted(expected)
    if fmt != "junit":  # junit groups by fact; the others keep the json order
        assert got == expected


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_byte_identical_between_runs(project: Project, runner: CliRunner, fmt: str) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    assert run(runner, fmt) == run(runner, fmt)


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_clean_facts_exit_0(project: Project, runner: CliRunner, fmt: str) -> None:
    project.facts("clean.yaml", ONE_QUOTE)
    code, out = run(runner, fmt)
    assert code == 0
    assert PARSERS[fmt](out) == []


# --- github --------------------------------------------------------------------------------


def test_github_escapes_per_workflow_command_rules() -> None:
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert escape_data("\x1b[31m") == "\\x1b[31m"


def test_github_nothing_from_a_fact_starts_a_command(project: Project, runner: CliRunner) -> None:
    project.facts("a,b:c.yaml", INJECTION)
    code, out = run(runner, "github")
    assert code == 1
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(from_json(run(runner, "json")[1])) >= 1
    assert lines[-1].startswith("1 fact in 1 file")
    for line in commands:
        assert re.fullmatch(
            r"::(error|warning|notice) file=[^:,]+,line=\d+,col=\d+,title=FS\d+::.+", line
        )
        assert "\r" not in line
    assert "file=facts/a%2Cb%3Ac.yaml," in out


def test_github_quiet_prints_only_the_summary(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    code, out, _ = invoke(runner, "check", "-f", "github", "--quiet")
    assert (code, out) == (1, "8 facts in 1 file: 4 verified, 5 errors, 2 warnings\n")


# --- auto format ---------------------------------------------------------------------------


@pytest.mark.parametrize(("env", "fmt"), [("true", "github"), ("false", "text"), ("", "text")])
def test_auto_format(project: Project, runner: CliRunner, env: str, fmt: str) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    result = runner.invoke(app, ["check"], env={"NO_COLOR": "1", "GITHUB_ACTIONS": env})
    assert (result.exit_code, result.stdout) == run(runner, fmt)


def test_explicit_format_beats_github_actions(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    result = runner.invoke(
        app, ["check", "-f", "concise"], env={"NO_COLOR": "1", "GITHUB_ACTIONS": "true"}
    )
    assert result.stdout == run(runner, "concise")[1]


# --- junit ---------------------------------------------------------------------------------


def test_junit_one_case_per_fact_and_a_failure_per_error(
    project: Project, runner: CliRunner
) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    project.facts("clean.yaml", ONE_QUOTE.replace("scale-up", "scale-up-again"))
    data: dict[str, Any] = json.loads(run(runner, "json")[1])
    root = ET.fromstring(run(runner, "junit")[1])
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["facts/baltic.yaml", "facts/clean.yaml"]
    names = [c.get("name") for c in suites["facts/baltic.yaml"].iter("testcase")]
    assert names == [
        "border-funding", "scale-up-cooperation", "hybrid-threat", "Bad_Slug",
        "tripled-spending", "eastern-members", "deescalate-message", "critical-cooperation",
        "facts/baltic.yaml",
    ]  # fmt: skip
    assert [c.get("name") for c in suites["facts/clean.yaml"].iter("testcase")] == [
        "scale-up-again-cooperation"
    ]
    failures = list(root.iter("failure"))
    assert len(failures) == data["summary"]["errors"] == int(root.get("failures", "-1"))
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in suites.values())
    for suite in suites.values():
        cases = list(suite.iter("testcase"))
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(len(c.findall("failure")) for c in cases)
        for case in cases:
            assert case.get("classname") == suite.get("name")
    for failure in failures:
        assert failure.get("type") in RULES_BY_CODE
        assert (failure.get("message") or "").startswith(failure.get("type", "?"))


def test_junit_is_well_formed_with_control_characters(project: Project, runner: CliRunner) -> None:
    project.facts("x.yaml", INJECTION.replace("::pwned", "\\x1b[2J\\x00 & <b>"))
    code, out = run(runner, "junit")
    assert code == 1
    ET.fromstring(out)  # raises on anything XML 1.0 cannot hold
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')


# --- sarif ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"the SARIF schema is not here ({SARIF_SCHEMA}): ../shared is absent")
    schema: dict[str, Any] = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return schema


@pytest.mark.parametrize("facts", [GOLDEN_FACTS, ONE_QUOTE, INJECTION])
def test_sarif_is_valid_against_the_schema(
    project: Project, runner: CliRunner, sarif_schema: dict[str, Any], facts: str
) -> None:
    project.facts("f.yaml", facts)
    data = json.loads(run(runner, "sarif")[1])
    jsonschema.validate(data, sarif_schema)
    assert data["version"] == "2.1.0"


def test_sarif_has_one_rule_per_code_with_its_docs(project: Project, runner: CliRunner) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    run_ = json.loads(run(runner, "sarif")[1])["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    codes = sorted({r["ruleId"] for r in run_["results"]})
    assert [r["id"] for r in rules] == codes
    for r in rules:
        rule = RULES_BY_CODE[r["id"]]
        assert r["name"] == rule.name
        assert r["shortDescription"]["text"] == rule.summary
        for body in rule.docs.values():
            assert body in r["help"]["text"]
            assert body in r["help"]["markdown"]
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        for where in result["locations"] + result.get("relatedLocations", []):
            region = where["physicalLocation"]["region"]
            assert region["startLine"] >= 1
            assert region["startColumn"] >= 1


def test_sarif_regions_never_below_1(project: Project, runner: CliRunner) -> None:
    project.facts("empty.yaml", "")  # FS005 at 1:1
    project.facts("bad.yaml", "facts: [\n")  # a syntax error at the end of the file
    run_ = json.loads(run(runner, "sarif")[1])["runs"][0]
    assert run_["results"]
    for result in run_["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert region["startColumn"] >= 1


# --- sources as arguments (the pre-commit hook passes changed sources) ---------------------


def test_a_source_argument_checks_the_facts_that_use_it(
    project: Project, runner: CliRunner
) -> None:
    project.facts("baltic.yaml", GOLDEN_FACTS)
    project.facts("clean.yaml", ONE_QUOTE.replace("scale-up", "scale-up-again"))
    (project.root / "seeds" / "other.txt").write_text("Nothing.\n", encoding="utf-8")
    everything = invoke(runner, "check", "-f", "concise")
    assert invoke(runner, "check", "-f", "concise", f"seeds/{SEED_NAME}") == everything
    both = invoke(runner, "check", "-f", "concise", f"seeds/{SEED_NAME}", "facts/clean.yaml")
    assert both == everything


def test_a_source_no_fact_uses_is_nothing_to_check(project: Project, runner: CliRunner) -> None:
    project.facts("clean.yaml", ONE_QUOTE)
    (project.root / "seeds" / "other.txt").write_text("Nothing.\n", encoding="utf-8")
    assert invoke(runner, "check", "seeds/other.txt") == (
        0,
        "0 facts in 0 files: 0 verified, 0 errors, 0 warnings\n",
        "",
    )
