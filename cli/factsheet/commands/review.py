"""``factsheet review``: the self-contained HTML page for curators."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from factsheet.commands.common import (
    QuietWrites,
    all_hold,
    digest,
    guarded,
    jobs,
    paths_arg,
    project,
    write_atomic,
    write_changed,
    wrote,
)
from factsheet.config import Config
from factsheet.engine.discovery import display_path
from factsheet.engine.run import ProductRun, run_products
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
    from factsheet.outputs.review_index import REVIEW, parts_of

    config = project()
    index = f"../{output.name}"
    memo = json.dumps(["review", str(output.absolute())])

    def as_written(replay: Any) -> bool:
        """Whether the index and every page are as the last run in this state wrote them
        (digests by path relative to the index's folder)."""
        return all_hold(output.parent, replay)

    run = run_products(paths or [], config, REVIEW, memo=memo, accept=as_written, jobs=jobs())
    status = 1 if run.result.summary.errors else 0
    if len(run.by_source()) + run.sources.count(None) <= 1:
        _write_page(output, run, config, quiet)  # one source (or one fact file): one page
    elif run.replay is not None:  # said as a run that wrote nothing would say it
        _say(_folder(output), len(run.replay) - 1, 0, config, quiet)  # pages, and the index
    else:
        _write_pages(output, run, parts_of(run, index), config, quiet)
    raise typer.Exit(status)


def _write_page(output: Path, run: ProductRun, config: Config, quiet: bool) -> None:
    from factsheet.outputs.coverage_report import measure
    from factsheet.outputs.review_index import page_alone
    from factsheet.outputs.review_page import render

    page: str | bytes | None = page_alone(run)  # made with the check; else here
    if page is None:
        result = run.loaded({f.path for f in run.result.files})
        page = render(result, measure(result))
    write_atomic(output, page)
    wrote(output, config, quiet)


def _folder(output: Path) -> Path:
    return output.parent / f"{output.stem}_files"


def _say(folder: Path, pages: int, written: int, config: Config, quiet: bool) -> None:
    if not quiet:
        shown = one_line(display_path(folder.absolute(), config.root))
        sys.stderr.write(
            f"{shown}/: {pages} page{'' if pages == 1 else 's'}, "
            f"{written} written, {pages - written} unchanged\n"
        )


def _write_pages(
    output: Path, run: ProductRun, parts: list[Part], config: Config, quiet: bool
) -> None:
    """The index at ``output``, one page per part in <stem>_files/ beside it.

    A page whose file already holds it is left as it was; a page an earlier
    review left there (of a source no longer reviewed) is removed.
    """
    from factsheet.outputs.review_index import PAGE_NAME, page_name, render_index

    folder = _folder(output)
    names = [page_name(number, part.path) for number, part in enumerate(parts, 1)]
    files = {folder / name: part.page for name, part in zip(names, parts, strict=True)}
    index = render_index(run.result.summary, parts, [f"{folder.name}/{name}" for name in names])
    files[output] = index
    changed = write_changed(folder, files)  # the index beside the folder, written with it
    with contextlib.suppress(OSError):
        for stale in set(os.listdir(folder)) - set(names):
            if PAGE_NAME.fullmatch(stale):
                (folder / stale).unlink()
    if output in changed:
        wrote(output, config, quiet)
    _say(folder, len(parts), len(changed) - (output in changed), config, quiet)
    digests = {
        f"{folder.name}/{n}": digest(part.page) for n, part in zip(names, parts, strict=True)
    }
    run.remember({**digests, output.name: digest(index)})
