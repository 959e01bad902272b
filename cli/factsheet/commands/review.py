"""``factsheet review``: the self-contained HTML page for curators."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factsheet.commands.common import (
    QuietWrites,
    guarded,
    jobs,
    paths_arg,
    project,
    write_atomic,
    wrote,
)
from factsheet.engine.run import load_checked


@guarded
def review(
    paths: Annotated[list[Path] | None, paths_arg("to review")] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.html",
            help="Where to write the page (written atomically).",
            show_default=False,
        ),
    ] = ...,  # type: ignore[assignment]
    quiet: QuietWrites = False,
) -> None:
    """Write one self-contained HTML page for curators.

    Each source's text with every fact's quote and evidence highlighted where
    it matches, coloured by status; the facts beside it with their findings
    (click one to show its passage, point at a passage to see its facts); the
    uncovered quotations, numbers and paragraphs marked. No external requests.

    Examples:

    \b
      factsheet review --output review.html

    Exit status: 0 written, 1 written but some facts have errors, 2 usage error.
    """
    from factsheet.outputs.coverage_report import measure
    from factsheet.outputs.review_page import render

    config = project()
    result = load_checked(paths or [], config, jobs=jobs())
    write_atomic(output, render(result, measure(result)))
    wrote(output, config, quiet)
    raise typer.Exit(1 if result.summary.errors else 0)
