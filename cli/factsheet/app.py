"""The Typer application: wiring only. Each command lives in commands/."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from factsheet import __version__
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
app.command(no_args_is_help=False)(check)
app.command()(rules)
app.command()(schema)
app.command()(init)
app.command()(add)
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


def main() -> None:
    tune_gc()
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("factsheet: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (`factsheet check | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as exc:
        sys.stderr.write(
            f"factsheet: error: internal error: {one_line(f'{type(exc).__name__}: {exc}')}\n"
        )
        sys.exit(2)
