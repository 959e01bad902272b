"""``factsheet suggest``: a draft fact file for a source in the seeds folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from factsheet.commands.common import QuietWrites, fail, guarded, project, write_atomic, wrote
from factsheet.config import Config
from factsheet.engine.discovery import discover, display_path, missing_folder, read_fact_bytes
from factsheet.errors import UsageError
from factsheet.source.reader import SourceUnavailable, parse_source, read_bytes, resolve


def seeds_name(config: Config, given: str) -> str:
    """SOURCE as a name relative to the seeds folder, whether given so or as a path."""
    seeds = config.seeds
    shown_seeds = display_path(seeds.absolute(), config.root)
    if not seeds.is_dir():
        raise UsageError(missing_folder("seeds", config))
    as_name = Path(given)
    if not as_name.is_absolute() and ((seeds / as_name).exists() or (seeds / as_name).is_symlink()):
        return as_name.as_posix()
    as_path = as_name if as_name.is_absolute() else Path.cwd() / as_name
    if not (as_path.exists() or as_path.is_symlink()):
        return as_name.as_posix()  # resolve() says it is not there, naming a near match
    for norm in (os.path.abspath, os.path.realpath):
        inside, folder = norm(as_path.parent), norm(seeds)
        if os.path.commonpath([inside, folder]) == folder:
            relative = os.path.relpath(os.path.join(inside, as_path.name), folder)
            return Path(relative).as_posix()
    raise UsageError(
        f"source '{given}' is not inside the seeds folder ({shown_seeds}); "
        "copy it there first, or give its name relative to that folder"
    )


def _taken_ids(config: Config, output: Path | None) -> set[str]:
    """Ids the project's fact files already use (the draft avoids them)."""
    from factsheet.factfile.loader import load_fact_file
    from factsheet.rules.registry import CODES

    try:
        files = discover([config.facts], config) if config.facts.is_dir() else []
    except UsageError:
        return set()
    replaced = output.resolve() if output is not None and output.exists() else None
    taken: set[str] = set()
    for path in files:
        if replaced is not None and path.resolve() == replaced:
            continue
        try:
            loaded = load_fact_file(
                display_path(path, config.root), read_fact_bytes(path), known_codes=CODES
            )
        except UsageError:
            continue
        taken.update(fact.id for fact in loaded.facts)
    return taken


@guarded
def suggest(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="A file in the seeds folder: its path, or its name relative to that folder.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the draft to FILE instead of standard output.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace FILE when it already exists.")
    ] = False,
    quiet: QuietWrites = False,
) -> None:
    """Print a draft fact file for SOURCE that passes check as it stands.

    Every attributed quotation becomes a quote fact with its speaker, every
    sentence with figures a figure fact, every other dated sentence an event
    fact; statements start as the evidence sentence, for the curator to rewrite.

    Examples:

    \b
      factsheet suggest 2024-03-06-rail-strike.txt -o facts/rail-strike.yaml
      factsheet suggest seeds/article.txt
    """
    from factsheet.outputs.draft import suggest as draft_text
    from factsheet.outputs.draft_model import NothingToSuggest

    config = project()
    try:
        name = seeds_name(config, source)
        path = resolve(config.seeds, name)
        parsed = parse_source(display_path(path, config.root), read_bytes(path), path.name)
    except SourceUnavailable as exc:
        raise fail(str(exc)) from None
    if output is not None:
        shown = display_path(output.absolute(), config.root)
        if output.exists() and os.path.samefile(output, path):
            raise fail(f"refusing to write the draft over its own source {shown}")
        if (output.exists() or output.is_symlink()) and not force:
            raise fail(f"{shown} already exists; use --force to replace it")
    try:
        text = draft_text(parsed, name, _taken_ids(config, output))
    except NothingToSuggest as exc:
        raise fail(str(exc)) from None
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
        wrote(output, config, quiet)
