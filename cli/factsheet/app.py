"""The Typer application: wiring only. Each command lives in commands/."""

from __future__ import annotations

import os
import signal
import sys
from typing import Annotated

import typer

from factsheet import __version__, interrupts
from factsheet.commands.add import add
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
# In workflow order, each with a description that fits one line of `factsheet --help`.
COMMANDS = (
    (init, "Start a project: facts/, seeds/, configuration, an example."),
    (add, "Bring an article (web page, saved page, text) into seeds/."),
    (suggest, "Draft a fact file from a source, for a curator to edit."),
    (check, "Verify facts against their sources, like a linter."),
    (table, "Tables of the facts and their verification status."),
    (brief, "Write a Markdown brief of the verified facts, with citations."),
    (coverage, "How much of each source the facts cover, and what they miss."),
    (review, "Write an HTML page for curators: sources, facts, findings."),
    (rules, "List the rules, or show one rule's documentation."),
    (schema, "Print the JSON Schema of fact files, for editors."),
)
for command, summary in COMMANDS:
    app.command(short_help=summary, no_args_is_help=False)(command)


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
