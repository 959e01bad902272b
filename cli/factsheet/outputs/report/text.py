"""The human format: findings grouped by file, with the lines at fault.

Everything from a fact file or source goes through ``Text.append`` (never
markup) after ``terminal.safe``, so `[sic]` or an escape sequence prints
literally.
"""

from __future__ import annotations

import io
import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from factsheet.engine.result import CheckResult, ReportedFile
from factsheet.model import Diagnostic, Severity
from factsheet.outputs.report.summary import summary_line
from factsheet.outputs.terminal import one_line, safe

WINDOW = 100  # characters of a long line shown around the column
# The line breaks YAML counts (so line N here is the loader's line N); `str.splitlines`
# would also split on form feeds and other controls that are not breaks for YAML.
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def excerpt(line: str, column: int) -> tuple[str, int]:
    """A window of a long line around ``column``, and the column within it (1-based)."""
    line = line.replace("\t", " ")
    if len(line) <= WINDOW:
        return line, column
    start = max(0, min(column - 1 - WINDOW // 4, len(line) - WINDOW))
    shown = line[start : start + WINDOW]
    prefix = "…" if start else ""
    suffix = "…" if start + WINDOW < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def _snippet(out: Text, number: int, line: str, column: int) -> None:
    shown, col = excerpt(line, column)
    gutter = f"{number:>6} │ "
    out.append(gutter, "blue")
    out.append(safe(shown))
    out.append("\n")
    out.append(" " * (len(gutter) - 2) + "│ ", "blue")
    # Escapes and wide characters before the column move the caret along with them.
    out.append(" " * cell_len(safe(shown[: col - 1])) + "^\n", "bold")


def _diagnostic(
    out: Text, d: Diagnostic, lines: list[str], result: CheckResult[ReportedFile]
) -> None:
    out.append(f"  {d.line}:{d.column}", "bold")
    out.append(f" {d.code}", _STYLE[d.severity])
    out.append(f" {d.severity.value}", _STYLE[d.severity])
    out.append(" ")
    out.append(one_line(d.message))
    if d.fact:
        out.append(f"  [{one_line(d.fact)}]", "dim")
    out.append("\n")
    if 0 < d.line <= len(lines):
        _snippet(out, d.line, lines[d.line - 1], d.column)
    if d.source is not None:
        source = result.sources.get(d.source.file)
        where = f"{one_line(d.source.file)}:{d.source.line}:{d.source.column}"
        out.append(f"       = source {where}\n", "blue")
        if source is not None:
            _snippet(out, d.source.line, source.line_text(d.source.line), d.source.column)
    if d.suggestion:
        out.append("       = help: ", "green")
        out.append(one_line(d.suggestion) + "\n")


def render(result: CheckResult[ReportedFile], color: bool = False, quiet: bool = False) -> str:
    out = Text()
    if not quiet:
        files = {f.path: f for f in result.files}  # a file's text is read only when quoted
        current = None
        lines: list[str] = []
        for d in result.diagnostics:
            if d.file != current:  # diagnostics come sorted by file: split each once
                if current is not None:
                    out.append("\n")
                out.append(one_line(d.file) + "\n", "bold underline")
                current = d.file
                quoted = files.get(d.file)
                lines = _BREAKS.split(quoted.text if quoted is not None else "")
            _diagnostic(out, d, lines, result)
        if result.diagnostics:
            out.append("\n")
    summary_style = (
        "bold red"
        if result.summary.errors
        else ("bold yellow" if result.summary.warnings else "bold green")
    )
    out.append(summary_line(result), summary_style)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
        width=10_000,
        soft_wrap=True,
    )
    console.print(out)
    return buffer.getvalue()
