"""``factsheet coverage``: how much of each source the facts cover, and what they miss."""

from __future__ import annotations

import enum
import json
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
    jobs,
    output_opt,
    paths_arg,
    project,
    terminal_width,
    wants_color,
)
from factsheet.engine.run import ProductRun, run_products
from factsheet.outputs.coverage_report import (
    CATEGORIES,
    COVERAGE,
    Coverage,
    Share,
    coverage_of,
    format_percent,
    total,
)
from factsheet.outputs.terminal import safe


class Format(enum.StrEnum):  # the names `table --format` uses for the same things
    rich = "rich"
    json = "json"


def render_table(
    coverages: Sequence[Coverage], color: bool, width: int = 80, quiet: bool = False
) -> str:
    """One small table per source (what, covered, total, share), then what is uncovered.

    ``quiet``: the summary line only.
    """
    console, buffer = capture_console(color, width)
    for index, c in enumerate([] if quiet else coverages):
        if index:
            console.print()
        files = ", ".join(c.fact_files)
        heading = Text(safe(f"{c.path} (facts: {files})"), style="bold" if color else "")
        console.print(heading, soft_wrap=True)
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            header_style="bold" if color else "",
        )
        table.add_column("", no_wrap=True)
        table.add_column("covered", justify="right", no_wrap=True)
        table.add_column("of", justify="right", no_wrap=True)
        table.add_column("share", justify="right", no_wrap=True)
        for name, share in [*((k, c.share(k)) for k in CATEGORIES), ("total", c.total)]:
            table.add_row(
                name,
                str(share.covered),
                str(share.total),
                Text(format_percent(share.percent), style=_style(share, color)),
            )
        console.print(table)
        for item in c.uncovered:
            line = f"{c.path}:{item.line}:{item.column}: {item.code} {item.message}"
            console.print(Text(safe(line)), soft_wrap=True)
    overall = total(coverages)
    count = len(coverages)
    if coverages and not quiet:
        console.print()
    console.print(
        Text(
            f"coverage {format_percent(overall.percent)} ({overall.covered}/{overall.total} "
            f"items) in {count} source{'' if count == 1 else 's'}",
            style="bold" if color else "",
        )
    )
    return buffer.getvalue()


def _style(share: Share, color: bool) -> str:
    if not color:
        return ""
    return "green" if share.covered == share.total else "yellow"


def render_json(coverages: Sequence[Coverage]) -> str:
    def share(s: Share) -> dict[str, object]:
        return {"covered": s.covered, "total": s.total, "percent": round(s.percent, 2)}

    overall = total(coverages)
    data = {
        "version": 1,
        "summary": share(overall),
        "sources": [
            {
                "source": c.path,
                "fact_files": list(c.fact_files),
                **{k: share(c.share(k)) for k in CATEGORIES},
                "total": share(c.total),
                "uncovered": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "kind": i.kind,
                        "line": i.line,
                        "column": i.column,
                        "text": i.text,
                        "message": i.message,
                    }
                    for i in c.uncovered
                ],
            }
            for c in coverages
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@guarded
def coverage(
    paths: Annotated[list[Path] | None, paths_arg("whose sources to measure")] = None,
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="rich (a terminal table) or json. Default: rich.",
            show_default=False,
        ),
    ] = None,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            metavar="PERCENT",
            min=0,
            max=100,
            help="Exit 1 when the total coverage (paragraphs, quotations and numbers of "
            "every source together) is below PERCENT.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[Path | None, output_opt("the report")] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="Print only the summary line (rich; json is unchanged)."
        ),
    ] = False,
) -> None:
    """Per source: the share of body paragraphs, quotations and numbers that facts cover.

    Each uncovered one is listed with its line (FS901 quotation, FS902 number,
    FS903 paragraph). A fact covers what its quote and evidence match.

    Examples:

    \b
      factsheet coverage
      factsheet coverage --fail-under 80
      factsheet coverage --quiet --fail-under 80

    Exit status: 0 done, 1 total coverage under --fail-under, 2 usage error.
    """
    config = project()
    fmt = format or Format.rich
    color = wants_color(output) if fmt is Format.rich else False
    width = terminal_width() if fmt is Format.rich else 0
    # What the output depends on besides the files: a run in the same state prints it again.
    memo = json.dumps(["coverage", fmt.value, color, width, quiet, fail_under])
    run = run_products(paths or [], config, COVERAGE, memo=memo, jobs=jobs())
    notes, text, under = run.answer(lambda: _measured(run, fmt, color, width, quiet, fail_under))
    sys.stderr.write(notes)
    emit(text, output)
    if under:
        sys.stderr.write(under)
        raise typer.Exit(1)


def _measured(
    run: ProductRun, fmt: Format, color: bool, width: int, quiet: bool, fail_under: float | None
) -> tuple[str, str, str]:
    """What goes to stderr first, the report, and why the run fails ("" when it does not)."""
    coverages = coverage_of(run)
    notes = "".join(
        f"factsheet: {safe(fact_file.path)}: source unavailable, not measured "
        "(run factsheet check)\n"
        for fact_file, source in zip(run.result.files, run.sources, strict=True)
        if source is None
    )
    if fmt is Format.json:
        text = render_json(coverages)
    else:
        text = render_table(coverages, color, width, quiet)
    overall = total(coverages)
    if fail_under is not None and overall.percent < fail_under:
        under = (
            f"factsheet: coverage {format_percent(overall.percent)} is under "
            f"--fail-under {fail_under:g}%\n"
        )
        return notes, text, under
    return notes, text, ""
