"""The one-line summary every human-readable format ends with."""

from __future__ import annotations

from factsheet.engine.result import CheckResult, ReportedFile, Summary


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(result: CheckResult[ReportedFile]) -> str:
    return summary_text(result.summary)


def summary_text(s: Summary) -> str:
    """`20 facts in 1 file: 20 verified, 0 errors, 0 warnings`: in reports and pages."""
    return (
        f"{plural(s.facts, 'fact')} in {plural(s.files, 'file')}: {s.verified} verified, "
        f"{plural(s.errors, 'error')}, {plural(s.warnings, 'warning')}"
    )
