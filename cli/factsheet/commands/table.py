"""``factsheet table``: the facts and their verification status, as tables."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Annotated

import typer
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from factsheet.commands.common import (
    capture_console,
    emit,
    guarded,
    jobs,
    output_opt,
    paths_arg,
    project,
    terminal_width,
    wants_color,
)
from factsheet.engine.run import ProductRun, run_products
from factsheet.model import KINDS
from factsheet.outputs.fact_table import (
    TABLE_ROWS,
    By,
    Group,
    Row,
    group,
    heading,
    rows_of,
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


def _where(row: Row, several: bool) -> Text:
    """The fact's source line; with several sources, which source too."""
    line = "" if row.line is None else str(row.line)
    if several and row.source:
        name = PurePosixPath(row.source).name
        return Text(f"{name}:{line}" if line else name)
    return Text(line)


def _id_column(table: Table, header: str) -> None:
    """Ids are never broken (the stacked layout takes over where they would not fit)."""
    table.add_column(header, no_wrap=True)


def _wide(table: Table, g: Group, by: By | None, color: bool, several: bool) -> None:
    _id_column(table, "id")
    if by != "kind":
        table.add_column("kind", no_wrap=True)
    table.add_column("statement or quote", overflow="fold", ratio=1)
    if by != "speaker":
        table.add_column("speaker", overflow="fold", max_width=24)
    if by != "date":
        table.add_column("date", overflow="fold")
    table.add_column("source:line" if several else "line", justify="right", no_wrap=True)
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
        shown += [_where(row, several), _status(row, color)]
        table.add_row(*shown)


def _narrow(table: Table, g: Group, by: By | None, color: bool, several: bool) -> None:
    """Kind and date under the id, the speaker under the text: readable at 80 columns."""
    _id_column(table, "fact")
    table.add_column("statement or quote · speaker", overflow="fold", ratio=1)
    table.add_column("source:line" if several else "line", justify="right", no_wrap=True)
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
        table.add_row(fact, text, _where(row, several), _status(row, color))


MIN_TEXT = 30  # less room than this for the statement: one block per fact instead


def _room_for_text(groups: Sequence[Group], by: By | None, width: int, several: bool) -> int:
    """The width a table would leave the statement, its other columns never wrapping."""
    rows = [r for g in groups for r in g.rows]

    def widest(values: Iterable[str], floor: int) -> int:
        return max([floor, *(cell_len(v) for v in values)]) + 3  # with the gap

    used = widest((safe(r.id) for r in rows), 4) + widest([], 8)  # ids, status
    used += widest((_where(r, several).plain for r in rows), 4)
    if width >= WIDE:
        used += widest((r.kind for r in rows), 4) if by != "kind" else 0
        used += min(24, widest((safe("; ".join(r.speakers)) for r in rows), 7))
        used += widest((r.date for r in rows), 4) if by != "date" else 0
    return width - used


def _stacked(console: Console, g: Group, by: By | None, color: bool, several: bool) -> None:
    """One block per fact, its id alone on the first line: no id is ever broken, however
    narrow the terminal, and the text below wraps at word boundaries."""
    for row in g.rows:
        head = Text(safe(row.id), style="bold" if color else "")
        details = [row.kind] if by != "kind" else []
        details += [row.date] if row.date and by != "date" else []
        where = _where(row, several).plain
        details += [f"line {where}" if where.isdigit() else where] if where else []
        line = Text(" · ".join([*details, ""]))
        line.append_text(_status(row, color))
        text = Text(safe(row.text))
        if row.speakers and by != "speaker":
            text.append(" — " + safe("; ".join(row.speakers)), style="italic" if color else "")
        console.print(head)
        console.print(Padding(line, (0, 0, 0, 2)))
        console.print(Padding(text, (0, 0, 0, 2)))


def render_rich(groups: Sequence[Group], by: By | None, color: bool, width: int) -> str:
    """Rich tables at ``width`` columns; text wraps, nothing is cut. Where the ids would
    take too much of the width, one block per fact instead of a table."""
    console, buffer = capture_console(color, width)
    several = len({r.source for g in groups for r in g.rows}) > 1
    stacked = _room_for_text(groups, by, width, several) < MIN_TEXT
    for index, g in enumerate(groups):
        if stacked:
            if index:
                console.print()
            if by:
                console.print(Text(safe(heading(by, g)), style="bold" if color else ""))
            _stacked(console, g, by, color, several)
            continue
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
        (_wide if width >= WIDE else _narrow)(table, g, by, color, several)
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
    fmt = format or Format.rich
    kinds = [k.value for k in kind or []]
    grouping: By | None = by.value if by else None
    color = wants_color(output) if fmt is Format.rich else False
    width = terminal_width() if fmt is Format.rich else 0
    # What the output depends on besides the files: a run in the same state prints it again.
    memo = json.dumps(["table", grouping, kinds, speaker, tag, fmt.value, color, width])
    run = run_products(paths or [], config, TABLE_ROWS, memo=memo, jobs=jobs())
    nothing = f"No facts match {_filters(kind, speaker, tag)}.\n"
    text, status = run.answer(
        lambda: _tabulate(
            run, kinds, speaker or [], tag or [], grouping, fmt, color, width, nothing
        )
    )
    emit(text, output)
    raise typer.Exit(status)


def _tabulate(
    run: ProductRun,
    kinds: list[str],
    speakers: list[str],
    tags: list[str],
    grouping: By | None,
    fmt: Format,
    color: bool,
    width: int,
    nothing: str,
) -> tuple[str, int]:
    """The table's text (``nothing`` when no fact matches, in rich or markdown) and exit
    status."""
    chosen = select(rows_of(run), kinds=kinds, speakers=speakers, tags=tags)
    groups = group(chosen, grouping)
    filtered = bool(kinds or speakers or tags)
    if not chosen and fmt in (Format.rich, Format.markdown):
        return nothing, 0
    if fmt is Format.rich:
        text = render_rich(groups, grouping, color, width)
    elif fmt is Format.markdown:
        text = to_markdown(groups, grouping)
    elif fmt is Format.csv:
        text = to_csv(groups, grouping)
    else:
        text = to_json(groups, grouping)
    # The status is that of the rows shown: a filter hides the other facts' errors.
    failing = any(r.status == "errors" for r in chosen) if filtered else run.result.summary.errors
    return text, 1 if failing else 0


def _filters(
    kind: list[KindChoice] | None, speaker: list[str] | None, tag: list[str] | None
) -> str:
    """The filters given, as typed: `--kind quote --speaker berg`."""
    given = [f"--kind {k.value}" for k in kind or []]
    given += [f"--speaker {safe(s)}" for s in speaker or []]
    given += [f"--tag {safe(t)}" for t in tag or []]
    return " ".join(given) or "(no filter)"
