"""SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDEs).

One ``rule`` per code used (id, name, the rule's summary and its documentation
as help), one ``result`` per finding. Regions are 1-based and never below
line 1, column 1. URIs are relative to the project root, where the check ran.
"""

from __future__ import annotations

from typing import Any

from factsheet import __version__
from factsheet.engine.result import CheckResult, ReportedFile
from factsheet.model import Diagnostic, Severity
from factsheet.outputs.report.json_format import safe_dumps
from factsheet.rules.base import Rule
from factsheet.rules.registry import RULES_BY_CODE

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_help(r: Rule) -> tuple[str, str]:
    """The rule documentation as plain text and as Markdown."""
    text, markdown = [r.summary], [r.summary]
    for section, body in r.docs.items():
        text += ["", f"{section}:", body]
        fenced = section in ("Example", "Use instead")
        markdown += ["", f"**{section}**", "", f"```yaml\n{body}\n```" if fenced else body]
    return "\n".join(text), "\n".join(markdown)


def _descriptor(code: str) -> dict[str, Any]:
    r = RULES_BY_CODE.get(code)
    if r is None:  # a code without a registered rule: still valid SARIF
        return {"id": code, "name": code}
    text, markdown = rule_help(r)
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.docs.get("What it does", r.summary)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[r.severity]},
    }


def _location(uri: str, line: int, column: int) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {"startLine": max(1, line), "startColumn": max(1, column)},
        }
    }


def _result(d: Diagnostic, index: int) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [_location(d.file, d.line, d.column)],
    }
    if d.source is not None:
        related = _location(d.source.file, d.source.line, d.source.column)
        related["id"] = 1
        related["message"] = {"text": "source passage"}
        out["relatedLocations"] = [related]
    out["properties"] = {"fact": d.fact, "suggestion": d.suggestion}
    return out


def as_data(result: CheckResult[ReportedFile]) -> dict[str, Any]:
    codes = sorted({d.code for d in result.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factsheet",
                        "version": __version__,
                        "rules": [_descriptor(code) for code in codes],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index[d.code]) for d in result.diagnostics],
            }
        ],
    }


def render(
    result: CheckResult[ReportedFile],
    color: bool = False,
    quiet: bool = False,
    width: int | None = None,
) -> str:
    return safe_dumps(as_data(result))
