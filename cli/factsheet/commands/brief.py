"""``factsheet brief``: a Markdown brief per fact file, from verified facts only."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

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
from factsheet.engine.discovery import discover, display_path
from factsheet.engine.run import load_checked, run_products
from factsheet.errors import UsageError
from factsheet.outputs.report.summary import plural
from factsheet.outputs.terminal import one_line


def _is_folder(path: Path, configured: bool) -> bool:
    if path.is_dir() and not path.is_symlink():
        return True
    return configured and not path.exists() and path.suffix.lower() != ".md"


def _inputs(
    files: list[str], sources: list[str], config: Config, template: Path | None
) -> set[tuple[int, int]]:
    """The files no brief may overwrite, as (device, inode): fact files, sources, template."""
    paths = [config.root / f for f in files]
    paths += [config.root / s for s in sources]
    if template is not None:
        paths.append(template)
    found: set[tuple[int, int]] = set()
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        found.add((stat.st_dev, stat.st_ino))
    return found


def _refuse_inputs(target: Path, inputs: set[tuple[int, int]], config: Config) -> None:
    """Never write over a fact file, a source or the template, nor through a symlink."""
    if target.is_symlink():
        shown = display_path(target.absolute(), config.root)
        raise UsageError(f"refusing to write through the symlink {shown}")
    try:
        stat = os.stat(target)
    except OSError:
        return  # not there (yet): nothing to overwrite
    if (stat.st_dev, stat.st_ino) in inputs:
        shown = display_path(target.absolute(), config.root)
        raise UsageError(f"refusing to write the brief over {shown}: it is an input")


def _refuse_seeds(target: Path, config: Config) -> None:
    """Never write a brief into the seeds folder (asked once per folder written)."""
    seeds = config.seeds.resolve()
    folder = target.parent.resolve()
    if folder == seeds or seeds in folder.parents:
        shown = display_path(target.absolute(), config.root)
        raise UsageError(f"refusing to write the brief into the seeds folder: {shown}")


@guarded
def brief(
    paths: Annotated[list[Path] | None, paths_arg("to write briefs of")] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE|DIR",
            help="Write the brief to FILE, or one <fact-file-stem>.md per fact file into DIR "
            "(an existing folder, a path ending in /, or any new path when there are several "
            "fact files). Default: standard output, or [brief] output from the "
            "configuration; '-' is standard output.",
            show_default=False,
        ),
    ] = None,
    allow_unverified: Annotated[
        bool,
        typer.Option(
            "--allow-unverified",
            help="Include facts with errors, marked 'Unverified'. Default: leave them out.",
        ),
    ] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            metavar="FILE",
            help="A Jinja2 template replacing the built-in brief (data model: see README).",
            show_default=False,
        ),
    ] = None,
    quiet: QuietWrites = False,
) -> None:
    """Write a Markdown brief per fact file: key points, figures, quotes, timeline,
    definitions and disputed claims, each sentence cited to its source line.

    Examples:

    \b
      factsheet brief facts/rail-strike.yaml
      factsheet brief --output briefs/

    Exit status: 0 done, 1 facts with errors were left out, 2 usage error.
    """
    # Jinja2 is imported only when a brief is written, not on every command's start.
    from factsheet.outputs.brief_model import (
        Rendered,
        TemplateProblem,
        brief_product,
        compiled,
        render_one,
        statuses_by_file,
        template_source,
    )

    config = project()
    if template is None and config.brief_template:
        template = config.root / config.brief_template
    try:
        chosen = template_source(template)
        compiled(*chosen)  # a syntax error is a usage error before anything is checked
    except TemplateProblem as exc:
        raise UsageError(str(exc)) from None
    found = discover(paths or [], config)  # once: the runs below take the list
    count = len(found)

    configured = output is None
    target: Path | None
    if output is None:
        target = config.root / config.brief_output if config.brief_output else None
    else:
        target = None if output == "-" else Path(output)
    slash = output is not None and output.endswith(("/", os.sep))
    folder = target is not None and (slash or _is_folder(target, configured))
    if target is not None and not folder and count > 1:
        # Several briefs never go into one file: a name that is not a file yet is a folder.
        if target.exists() or target.suffix.lower() == ".md":
            shown = display_path(target.absolute(), config.root)
            raise UsageError(
                f"--output {shown} names a file, but there are {count} fact "
                "files: give a folder (one <fact-file-stem>.md each), or one fact file"
            )
        folder = True

    product = brief_product(chosen, allow_unverified)
    run = None
    if folder or count == 1:
        # Each brief rendered where its file is checked, and cached: numbered from 1.
        # Into a folder, a run in the same state whose briefs are all there as written
        # answers from what the last one stored.
        memo = json.dumps(["brief", str(target.absolute())]) if target and folder else None

        def as_written(replay: Any) -> bool:  # every brief still as the last run wrote it
            return target is not None and all_hold(target, replay[1])

        run = run_products(
            paths or [], config, product, memo=memo, accept=as_written, files=found, jobs=jobs()
        )
        if run.replay is not None:
            told, digests = run.replay
            sys.stderr.write(told)
            _say_unchanged(len(digests), quiet)
            raise typer.Exit(1 if told else 0)  # a note is told for each error
        files, sources = [f.path for f in run.result.files], run.sources
        briefs = [Rendered(*made) for made in run.products]
    else:
        # Several briefs in one stream: footnotes numbered on from one brief to the next.
        result = load_checked(paths or [], config, files=found, jobs=jobs())
        files, sources = [f.path for f in result.files], list(result.sources)
        briefs, note = [], 1
        statuses = statuses_by_file(result)
        for fact_file in result.files:
            made = render_one(
                result, fact_file, statuses.get(fact_file.path, {}), chosen, allow_unverified, note
            )
            briefs.append(made)
            note += made.notes
    problem = next((b.problem for b in briefs if b.problem is not None), None)
    if problem is not None:
        raise UsageError(problem)

    notes: list[str] = []
    rendered: list[tuple[str, str]] = []  # (fact file stem, Markdown)
    for path, made in zip(files, briefs, strict=True):
        notes += [
            f"factsheet: {one_line(path)}:{at}: left out '{fid}': "
            "it has errors (see 'factsheet check'; --allow-unverified includes it)\n"
            for fid, at in made.omitted
        ]
        if made.text is None:
            notes.append(
                f"factsheet: {one_line(path)}: no brief: the fact file has errors "
                f"(run 'factsheet check {one_line(path)}')\n"
            )
            continue
        rendered.append((Path(path).stem, made.text))
    sys.stderr.write("".join(notes))
    status = 1 if notes else 0

    inputs = _inputs(files, [s for s in sources if s is not None], config, template)
    written, unchanged = _write(rendered, target, folder, inputs, config)
    for written_path in written:
        wrote(written_path, config, quiet)
    _say_unchanged(unchanged, quiet)
    if run is not None and folder:
        digests = {f"{stem}.md": digest(text) for stem, text in rendered}
        run.remember(["".join(notes), digests])
    raise typer.Exit(status)


def _say_unchanged(count: int, quiet: bool) -> None:
    if count and not quiet:
        sys.stderr.write(f"{plural(count, 'brief')} unchanged\n")


def _write(
    rendered: list[tuple[str, str]],
    target: Path | None,
    folder: bool,
    inputs: set[tuple[int, int]],
    config: Config,
) -> tuple[list[Path], int]:
    """Print or write the briefs; the files written, and how many were left as they were.

    Into a folder, a brief whose file already holds it is not written again.
    """
    if target is None:
        sys.stdout.write("\n".join(text for _, text in rendered))
        sys.stdout.flush()
        return [], 0
    if not folder:
        _refuse_inputs(target, inputs, config)
        _refuse_seeds(target, config)
        write_atomic(target, "\n".join(text for _, text in rendered))
        return [target], 0
    files: dict[Path, str] = {}
    for stem, text in rendered:
        path = target / f"{stem}.md"
        if path in files:
            raise UsageError(
                f"two fact files named '{stem}' would both be written to "
                f"{display_path(path.absolute(), config.root)}"
            )
        _refuse_inputs(path, inputs, config)
        if not files:
            _refuse_seeds(path, config)  # every brief goes into the same folder
        files[path] = text
    written = write_changed(target, files)
    return written, len(files) - len(written)
