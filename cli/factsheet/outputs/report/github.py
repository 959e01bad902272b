"""GitHub Actions workflow commands: one annotation per finding, then the summary line.

``::error file=PATH,line=L,col=C,title=CODE::message``. Every value is escaped by
the workflow-command rules (``%``, CR and LF in the message; also ``:`` and
``,`` in properties), so no text from a fact or source can end the command
early or start another one.
"""

from __future__ import annotations

from factsheet.engine.result import CheckResult, ReportedFile
from factsheet.model import Diagnostic, Severity
from factsheet.outputs.report.summary import summary_line
from factsheet.outputs.terminal import safe

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded, other controls shown as escapes."""
    return safe(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", d.file),
            ("line", str(max(1, d.line))),
            ("col", str(max(1, d.column))),
            ("title", d.code),
        )
    )
    message = d.message
    if d.fact:
        message += f" [{d.fact}]"
    if d.source is not None:
        message += f"\nsource: {d.source.file}:{d.source.line}:{d.source.column}"
    if d.suggestion:
        message += f"\nhelp: {d.suggestion}"
    return f"::{COMMAND[d.severity]} {props}::{escape_data(message)}"


def render(
    result: CheckResult[ReportedFile],
    color: bool = False,
    quiet: bool = False,
    width: int | None = None,
) -> str:
    lines = [] if quiet else [annotation(d) for d in result.diagnostics]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"
