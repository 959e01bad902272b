"""``factsheet check``: verify facts and report findings like a linter."""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated

import typer

from factsheet.checker import UsageError, run_check
from factsheet.commands.common import OutputOpt, PathsArg, emit, guarded, project, wants_color
from factsheet.report import REPORTERS
from factsheet.selection import validate_codes

PROGRESS_MIN_FILES = 50


class Format(enum.StrEnum):
    text = "text"
    concise = "concise"
    json = "json"


CodesOpt = list[str] | None


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("checking", total=None)

        def advance(done: int, total: int) -> None:
            if total >= PROGRESS_MIN_FILES:
                bar.update(task, completed=done, total=total)

        yield advance


@guarded
def check(
    paths: PathsArg = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Report format: text, concise or json. Default: text.",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    select: Annotated[
        CodesOpt,
        typer.Option(
            metavar="CODES",
            help="Only these codes or prefixes (FS1,FS301); repeatable.",
            show_default=False,
        ),
    ] = None,
    ignore: Annotated[
        CodesOpt,
        typer.Option(
            metavar="CODES",
            help="Leave out these codes or prefixes; repeatable.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool | None,
        typer.Option("--strict/--no-strict", help="Fail on warnings too.", show_default=False),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the summary line.")
    ] = False,
    no_progress: Annotated[
        bool, typer.Option("--no-progress", help="Never show a progress bar.")
    ] = False,
) -> None:
    """Load, validate and verify facts against their sources.

    Exit status: 0 no errors (and no warnings with --strict), 1 findings that
    fail the check, 2 usage or configuration error.
    """
    config = project()
    try:
        chosen_select = None if select is None else validate_codes(select)
        chosen_ignore = None if ignore is None else validate_codes(ignore)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    with _progress(not no_progress) as on_file:
        result = run_check(
            paths or [], config, select=chosen_select, ignore=chosen_ignore, on_file=on_file
        )
    reporter = REPORTERS[(format or Format.text).value]
    emit(reporter(result, wants_color(output), quiet), output)
    failing = result.summary.errors or (
        result.summary.warnings and (config.strict if strict is None else strict)
    )
    raise typer.Exit(1 if failing else 0)
