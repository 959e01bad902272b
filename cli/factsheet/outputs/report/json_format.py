"""The machine-readable report of CLI.md (``"version": 1``)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from factsheet.engine.result import CheckResult, ReportedFile


def as_data(result: CheckResult[ReportedFile]) -> dict[str, Any]:
    return {
        "version": 1,
        "summary": asdict(result.summary),
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "fact": d.fact,
                "source": asdict(d.source) if d.source else None,
                "suggestion": d.suggestion,
            }
            for d in result.diagnostics
        ],
    }


# Inside JSON strings these are legal raw, but a terminal would act on them.
_UNSAFE = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def safe_dumps(data: object) -> str:
    """Indented JSON, with the characters a terminal would act on escaped."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def render(
    result: CheckResult[ReportedFile],
    color: bool = False,
    quiet: bool = False,
    width: int | None = None,
) -> str:
    return safe_dumps(as_data(result))
