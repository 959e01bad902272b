"""The Typer application: wiring only. Each command lives in commands/."""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

from factsheet import __version__, interrupts
from factsheet.commands.brief import brief
from factsheet.commands.check import check
from factsheet.commands.coverage import coverage
from factsheet.commands.init import init
from factsheet.commands.review import review
from factsheet.commands.rules import rules
from factsheet.commands.schema import schema
from factsheet.commands.suggest import suggest
from factsheet.commands.table import table
from factsheet.engine.pool import tune_gc
from factsheet.outputs.terminal import one_line

app = typer.Typer(
    name="factsheet",
    help="Check hand-curated YAML facts about an article against its source text.",
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
)
app.command(no_args_is_help=False)(check)
app.command()(rules)
app.command()(schema)
app.command()(init)
app.command()(brief)
app.command()(table)
app.command()(suggest)
app.command()(coverage)
app.command()(review)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"factsheet {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check hand-curated YAML facts about an article against its source text."""


EXIT_WITHIN = 5.0  # seconds: a stopped run's exit never waits longer than this


def main() -> None:
    """The console script: run a command; a signal stops it cleanly (see interrupts)."""
    interrupts.install()
    try:
        status = _run()
        sys.stdout.flush()
        interrupts.finish()
    except interrupts.Interrupted as exc:
        status = interrupts.report(exc.signum)
        interrupts.finish()
        interrupts.leave_within(EXIT_WITHIN, status)
    except BrokenPipeError:
        # The reader went away while the last output was flushed: stop quietly.
        _quiet_stdout()
        status = 1
        interrupts.finish()
    first = interrupts.received()
    if first is not None and status != 128 + first:
        # The signal's exception was swallowed on its way (in a finalizer, say).
        status = interrupts.report(first)
        interrupts.leave_within(EXIT_WITHIN, status)
    sys.exit(status)


def _run() -> int:
    """The command's exit status; every failure is one line on stderr."""
    tune_gc()
    try:
        app()
    except SystemExit as exc:
        return _status(exc.code)
    except KeyboardInterrupt:
        return interrupts.report(signal.SIGINT)
    except BrokenPipeError:
        # The reader went away (`factsheet check | head`): stop quietly.
        _quiet_stdout()
        return 1
    except Exception as exc:
        interrupts.check()  # a failure caused by the signal that stops the run
        sys.stderr.write(
            f"factsheet: error: internal error: {one_line(f'{type(exc).__name__}: {exc}')}\n"
        )
        return 2
    return 0


def _status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1


def _quiet_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
