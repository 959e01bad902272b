"""One line per finding: ``path:line:column: CODE message``."""

from __future__ import annotations

from factsheet.engine.result import CheckResult, ReportedFile
from factsheet.outputs.report.summary import summary_line
from factsheet.outputs.terminal import one_line


def render(
    result: CheckResult[ReportedFile],
    color: bool = False,
    quiet: bool = False,
    width: int | None = None,
) -> str:
    lines = (
        []
        if quiet
        else [
            f"{one_line(d.file)}:{d.line}:{d.column}: {d.code} {one_line(d.message)}"
            for d in result.diagnostics
        ]
    )
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
