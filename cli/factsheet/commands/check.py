"""``factsheet check``: verify facts and report findings like a linter."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from factsheet.commands.common import (
    emit,
    guarded,
    jobs,
    output_opt,
    paths_arg,
    project,
    wants_color,
    wrap_width,
)
from factsheet.engine.discovery import fact_files_for
from factsheet.engine.result import CheckResult, Summary
from factsheet.engine.run import run_check
from factsheet.errors import UsageError
from factsheet.model import CheckedFile
from factsheet.outputs.report import REPORTERS
from factsheet.selection import validate_codes

PROGRESS_MIN_FILES = 50


class Format(enum.StrEnum):
    text = "text"
    concise = "concise"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"


def auto_format() -> Format:
    """GitHub annotations (plus the summary line) under GitHub Actions, text otherwise."""
    return Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text


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
    paths: Annotated[list[Path] | None, paths_arg("to check")] = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="Report format: text, concise, json, github, junit or sarif. "
            "Default: github annotations plus the summary when GITHUB_ACTIONS=true, "
            "text otherwise.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[Path | None, output_opt("the report")] = None,
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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Check every file afresh: neither read nor write .factsheet_cache/.",
        ),
    ] = False,
) -> None:
    """Load, validate and verify facts against their sources.

    Examples:

    \b
      factsheet check
      factsheet check facts/rail-strike.yaml --format concise
      factsheet check --select FS3 --strict

    Exit status: 0 no errors (and no warnings with --strict), 1 findings that
    fail the check, 2 usage or configuration error.
    """
    config = project()
    try:
        chosen_select = None if select is None else validate_codes(select)
        chosen_ignore = None if ignore is None else validate_codes(ignore)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    targets, only_sources = fact_files_for(paths or [], config)
    if only_sources and not targets:  # sources that no fact file uses: nothing to check
        result: CheckResult[CheckedFile] = CheckResult([], [], Summary(0, 0, 0, 0, 0))
    else:
        with _progress(not no_progress) as on_file:
            result = run_check(
                targets,
                config,
                select=chosen_select,
                ignore=chosen_ignore,
                on_file=on_file,
                cache=not no_cache,
                jobs=jobs(),
            )
    reporter = REPORTERS[(format or auto_format()).value]
    emit(reporter(result, wants_color(output), quiet, wrap_width(output)), output)
    failing = result.summary.errors or (
        result.summary.warnings and (config.strict if strict is None else strict)
    )
    raise typer.Exit(1 if failing else 0)
