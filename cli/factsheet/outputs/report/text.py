"""The human format: findings grouped by file, with the lines at fault.

Everything from a fact file or source goes through ``Text.append`` (never
markup) after ``terminal.safe``, so `[sic]` or an escape sequence prints
literally.
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from factsheet.engine.result import CheckResult, ReportedFile
from factsheet.factfile.yaml_reader import LINE_BREAKS
from factsheet.model import Diagnostic, Severity
from factsheet.outputs.report.summary import summary_line
from factsheet.outputs.terminal import one_line, safe

WINDOW = 100  # characters of a long line shown around the column (at most)
GUTTER = 9  # "  NNNN │ " before a quoted line
HANGING = 8  # the indent of a wrapped message's later lines
HELP = "       = help: "  # before a suggestion, whose wrapped lines are indented as far (15)
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold blue"}


def excerpt(line: str, column: int, window: int = WINDOW) -> tuple[str, int]:
    """A window of a long line around ``column``, and the column within it (1-based).

    A tab shows as `→`: YAML forbids tabs in indentation, and a blank would hide one.
    """
    line = line.replace("\t", "→")
    if len(line) <= window:
        return line, column
    start = max(0, min(column - 1 - window // 4, len(line) - window))
    shown = line[start : start + window]
    prefix = "…" if start else ""
    suffix = "…" if start + window < len(line) else ""
    return prefix + shown + suffix, column - start + len(prefix)


def _snippet(out: Text, number: int, line: str, column: int, window: int) -> None:
    shown, col = excerpt(line, column, window)
    gutter = f"{number:>6} │ "
    out.append(gutter, "blue")
    out.append(safe(shown))
    out.append("\n")
    out.append(" " * (len(gutter) - 2) + "│ ", "blue")
    # Escapes and wide characters before the column move the caret along with them.
    out.append(" " * cell_len(safe(shown[: col - 1])) + "^\n", "bold")


MIN_WRAP = 20  # the narrowest a line is wrapped to, however narrow the terminal


class _Writer:
    """Appends lines to the report, wrapping long ones at word boundaries when a width
    is given (a terminal); later lines of a wrapped one are indented under the first."""

    def __init__(self, out: Text, console: Console, width: int | None) -> None:
        self.out, self.console, self.width = out, console, width
        # The window leaves room for the ellipses either side of it.
        self.window = WINDOW if width is None else max(20, min(WINDOW, width - GUTTER - 2))

    def line(self, line: Text, indent: int = HANGING) -> None:
        if self.width is not None:
            width = max(MIN_WRAP, self.width)
            while line.cell_len > width:
                first = line.wrap(self.console, width)[0]
                first.rstrip()
                self.out.append_text(first)
                rest = line[len(first.plain) :]
                line = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
                self.out.append("\n" + " " * indent)
                width = max(MIN_WRAP, self.width - indent)  # a narrow terminal overflows
        self.out.append_text(line)
        self.out.append("\n")


def _diagnostic(
    w: _Writer, d: Diagnostic, lines: list[str], result: CheckResult[ReportedFile]
) -> None:
    head = Text()
    head.append(f"  {d.line}:{d.column}", "bold")
    head.append(f" {d.code}", _STYLE[d.severity])
    head.append(f" {d.severity.value}", _STYLE[d.severity])
    head.append(" ")
    head.append(one_line(d.message))
    if d.fact:
        head.append(f"  [{one_line(d.fact)}]", "dim")
    w.line(head)
    if 0 < d.line <= len(lines):
        _snippet(w.out, d.line, lines[d.line - 1], d.column, w.window)
    if d.source is not None:
        source = result.sources.get(d.source.file)
        where = f"{one_line(d.source.file)}:{d.source.line}:{d.source.column}"
        w.line(Text(f"       = source {where}", "blue"), indent=16)
        if source is not None:
            line_text = source.line_text(d.source.line)
            _snippet(w.out, d.source.line, line_text, d.source.column, w.window)
    if d.suggestion:
        help_line = Text(HELP, "green")
        help_line.append(one_line(d.suggestion))
        w.line(help_line, indent=len(HELP))


def render(
    result: CheckResult[ReportedFile],
    color: bool = False,
    quiet: bool = False,
    width: int | None = None,
) -> str:
    out = Text()
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
    w = _Writer(out, console, width)
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
                # At the breaks YAML counts: line N here is the loader's line N.
                lines = LINE_BREAKS.split(quoted.text if quoted is not None else "")
            _diagnostic(w, d, lines, result)
        if result.diagnostics:
            out.append("\n")
    summary_style = (
        "bold red"
        if result.summary.errors
        else ("bold yellow" if result.summary.warnings else "bold green")
    )
    out.append(summary_line(result), summary_style)
    console.print(out)
    return buffer.getvalue()
