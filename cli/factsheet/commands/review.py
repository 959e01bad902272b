"""``factsheet review``: the self-contained HTML page for curators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factsheet.commands.common import (
    QuietWrites,
    guarded,
    holds,
    jobs,
    paths_arg,
    project,
    write_all_atomic,
    write_atomic,
    wrote,
)
from factsheet.config import Config
from factsheet.engine.discovery import display_path
from factsheet.engine.result import CheckResult
from factsheet.engine.run import load_checked
from factsheet.errors import UsageError
from factsheet.model import FactFile
from factsheet.outputs.terminal import one_line

if TYPE_CHECKING:
    from factsheet.outputs.review_index import Part


@guarded
def review(
    paths: Annotated[list[Path] | None, paths_arg("to review")] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.html",
            help="Where to write the page, or the index with several sources (written atomically).",
            show_default=False,
        ),
    ] = ...,  # type: ignore[assignment]
    quiet: QuietWrites = False,
) -> None:
    """Write self-contained HTML pages for curators.

    Each source's text with every fact's quote and evidence highlighted where
    it matches, coloured by status; the facts beside it with their findings
    (click one to show its passage, point at a passage to see its facts); the
    uncovered quotations, numbers and paragraphs marked. No external requests.
    With several sources, FILE.html is an index (each source with its status
    counts) linking to one page per source in FILE_files/; a page that has not
    changed is not written again.

    Examples:

    \b
      factsheet review --output review.html

    Exit status: 0 written, 1 written but some facts have errors, 2 usage error.
    """
    from factsheet.outputs.coverage_report import measure
    from factsheet.outputs.review_index import split
    from factsheet.outputs.review_page import render

    config = project()
    result = load_checked(paths or [], config, jobs=jobs())
    coverages = measure(result)
    parts = split(result, coverages)
    if len(parts) <= 1:
        write_atomic(output, render(result, coverages))
        wrote(output, config, quiet)
    else:
        _write_pages(output, result, parts, config, quiet)
    raise typer.Exit(1 if result.summary.errors else 0)


def _write_pages(
    output: Path, result: CheckResult[FactFile], parts: list[Part], config: Config, quiet: bool
) -> None:
    """The index at ``output``, one page per part in <stem>_files/ beside it.

    A page whose file already holds it is left as it was.
    """
    from factsheet.outputs.review_index import page_name, render_index
    from factsheet.outputs.review_page import render

    folder = output.parent / f"{output.stem}_files"
    names = [page_name(number, part) for number, part in enumerate(parts, 1)]
    files = {
        folder / name: render(part.result, part.coverages, index=f"../{output.name}")
        for name, part in zip(names, parts, strict=True)
    }
    files[output] = render_index(result, parts, [f"{folder.name}/{name}" for name in names])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder {folder}: {exc.strerror}") from None
    changed = {path: text for path, text in files.items() if not holds(path, text)}
    write_all_atomic(changed)  # all old or all new, even when interrupted
    if output in changed:
        wrote(output, config, quiet)
    if not quiet:
        shown = one_line(display_path(folder.absolute(), config.root))
        pages = len(parts)
        written = len(changed) - (output in changed)
        sys.stderr.write(
            f"{shown}/: {pages} page{'' if pages == 1 else 's'}, "
            f"{written} written, {pages - written} unchanged\n"
        )
