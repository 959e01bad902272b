"""``factsheet table``: the facts and their verification status, as tables."""

from __future__ import annotations

import enum
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from factsheet.commands.common import (
    capture_console,
    emit,
    guarded,
    output_opt,
    paths_arg,
    project,
    terminal_width,
    wants_color,
)
from factsheet.engine.run import load_checked
from factsheet.model import KINDS
from factsheet.outputs.fact_table import (
    By,
    Group,
    Row,
    group,
    heading,
    rows,
    select,
    to_csv,
    to_json,
    to_markdown,
)
from factsheet.outputs.terminal import safe


class Format(enum.StrEnum):
    rich = "rich"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ByChoice(enum.StrEnum):
    kind = "kind"
    speaker = "speaker"
    tag = "tag"
    source = "source"
    date = "date"


class KindChoice(enum.StrEnum):
    claim = "claim"
    figure = "figure"
    quote = "quote"
    event = "event"
    definition = "definition"


assert tuple(KindChoice) == KINDS

STATUS_STYLE = {"verified": "green", "warnings": "yellow", "errors": "bold red"}


WIDE = 120  # from this width on, every field has its own column


def _status(row: Row, color: bool) -> Text:
    return Text(row.status, style=STATUS_STYLE.get(row.status, "") if color else "")


def _wide(table: Table, g: Group, by: By | None, color: bool) -> None:
    table.add_column("id", overflow="fold", max_width=30)
    if by != "kind":
        table.add_column("kind", no_wrap=True)
    table.add_column("statement or quote", overflow="fold", ratio=1)
    if by != "speaker":
        table.add_column("speaker", overflow="fold", max_width=24)
    if by != "date":
        table.add_column("date", overflow="fold")
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for row in g.rows:
        shown = [Text(safe(row.id))]
        if by != "kind":
            shown.append(Text(row.kind))
        shown.append(Text(safe(row.text)))
        if by != "speaker":
            shown.append(Text(safe("; ".join(row.speakers))))
        if by != "date":
            shown.append(Text(row.date))
        shown += [Text("" if row.line is None else str(row.line)), _status(row, color)]
        table.add_row(*shown)


def _narrow(table: Table, g: Group, by: By | None, color: bool) -> None:
    """Kind and date under the id, the speaker under the text: readable at 80 columns."""
    table.add_column("fact", overflow="fold", max_width=26)
    table.add_column("statement or quote · speaker", overflow="fold", ratio=1)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for row in g.rows:
        under = [row.kind] if by != "kind" else []
        under += [row.date] if row.date and by != "date" else []
        fact = Text(safe(row.id))
        if under:
            fact.append("\n" + " · ".join(under), style="dim" if color else "")
        text = Text(safe(row.text))
        if row.speakers and by != "speaker":
            text.append("\n— " + safe("; ".join(row.speakers)), style="italic" if color else "")
        line = Text("" if row.line is None else str(row.line))
        table.add_row(fact, text, line, _status(row, color))


def render_rich(groups: Sequence[Group], by: By | None, color: bool, width: int) -> str:
    """Rich tables at ``width`` columns; text wraps, nothing is cut."""
    console, buffer = capture_console(color, width)
    for index, g in enumerate(groups):
        table = Table(
            box=box.SIMPLE_HEAD,
            title=Text(safe(heading(by, g))) if by else None,
            title_justify="left",
            show_edge=False,
            pad_edge=False,
            header_style="bold" if color else "",
            title_style="bold" if color else "",
            expand=width >= WIDE,
        )
        (_wide if width >= WIDE else _narrow)(table, g, by, color)
        if index:
            console.print()
        console.print(table)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


@guarded
def table(
    paths: Annotated[list[Path] | None, paths_arg("to tabulate")] = None,
    by: Annotated[
        ByChoice | None,
        typer.Option(
            "--by",
            metavar="FIELD",
            help="One table per kind, speaker, tag, source or date, with counts.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[KindChoice] | None,
        typer.Option("--kind", metavar="KIND", help="Only facts of this kind; repeatable."),
    ] = None,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            "--speaker",
            metavar="NAME",
            help="Only facts by this speaker (surname, case and accents ignored); repeatable.",
        ),
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Only facts with this tag; repeatable."),
    ] = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="rich (a terminal table), markdown, csv or json. Default: rich.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[Path | None, output_opt("the table")] = None,
) -> None:
    """Summary tables of the facts with their verification status.

    Examples:

    \b
      factsheet table
      factsheet table --by speaker
      factsheet table --speaker berg --format csv -o berg.csv

    Exit status: 0 the facts have no errors, 1 some have errors, 2 usage error.
    """
    config = project()
    result = load_checked(paths or [], config)
    chosen = select(
        rows(result),
        kinds=[k.value for k in kind or []],
        speakers=speaker or [],
        tags=tag or [],
    )
    grouping: By | None = by.value if by else None
    groups = group(chosen, grouping)
    fmt = format or Format.rich
    if fmt is Format.rich:
        text = render_rich(groups, grouping, wants_color(output), terminal_width())
    elif fmt is Format.markdown:
        text = to_markdown(groups, grouping)
    elif fmt is Format.csv:
        text = to_csv(groups, grouping)
    else:
        text = to_json(groups, grouping)
    emit(text, output)
    if not chosen and fmt is Format.rich:
        sys.stderr.write("factsheet: no facts match\n")
    raise typer.Exit(1 if result.summary.errors else 0)
