"""``factsheet init [DIR]``: a new project with an example that checks clean."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factsheet.commands.common import guarded
from factsheet.errors import UsageError
from factsheet.factfile.schema import SCHEMA_NAME, render_schema

CONFIG = """\
# factsheet configuration (command-line options override it).
facts = "facts"      # the fact files, *.yaml
seeds = "seeds"      # the source texts, kept byte-identical
select = ["FS"]      # rule codes or prefixes to report
ignore = []          # rule codes or prefixes to leave out
strict = false       # true: warnings fail the check too

[brief]
# output = "briefs"  # a folder for one brief per fact file; default: standard output
"""

EXAMPLE_SOURCE = """\
date 2024-03-04 Riverside gets a new footbridge
The town council of Riverside approved a new footbridge over the Elm river on Monday.

"This bridge will finally join the two halves of our town," Mayor Anna Berg said after the vote.

The bridge will cost 4 million euros and take two years to build.
"""

EXAMPLE_FACTS = f"""\
# yaml-language-server: $schema=../{SCHEMA_NAME}
# An example fact file: every fact quotes its evidence verbatim from the source.
# Run 'factsheet check', then 'factsheet rules' to see what each code means.
source: example.txt
facts:
  - id: footbridge-approved
    kind: event
    statement: Riverside's town council approved a footbridge over the Elm river.
    evidence: "The town council of Riverside approved a new footbridge over the Elm river"
    date: 2024-03-04
    places: [Riverside]

  - id: join-the-town
    kind: quote
    quote: This bridge will finally join the two halves of our town
    speaker: Anna Berg

  - id: bridge-cost
    kind: figure
    statement: The footbridge will cost €4 million.
    evidence: "The bridge will cost 4 million euros"
    figures:
      - {{value: 4000000, unit: EUR, label: building cost}}
"""

FILES: dict[str, str] = {
    "factsheet.toml": CONFIG,
    SCHEMA_NAME: "",  # generated at run time
    "seeds/example.txt": EXAMPLE_SOURCE,
    "facts/example.yaml": EXAMPLE_FACTS,
}


@guarded
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder for the new project (created if missing). Default: here.",
            show_default=False,
        ),
    ] = Path("."),
) -> None:
    """Create a new project: facts/, seeds/, factsheet.toml, the schema and an example.

    Never overwrites: if any of those already exists, nothing is written and
    the exit status is 2.

    Examples:

    \b
      factsheet init news
      factsheet init            # here, in an empty folder
    """
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory} exists and is not a folder")
    targets = [directory / "facts", directory / "seeds", *(directory / name for name in FILES)]
    taken = [p for p in targets if p.exists() or p.is_symlink()]
    if taken:
        names = ", ".join(p.as_posix() for p in taken)
        raise UsageError(f"refusing to overwrite existing {names}; choose an empty folder")
    contents = {**FILES, SCHEMA_NAME: render_schema()}
    try:
        for folder in ("facts", "seeds"):
            (directory / folder).mkdir(parents=True)
        for name, text in contents.items():
            with (directory / name).open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except OSError as exc:
        raise UsageError(f"cannot create the project in {directory}: {exc.strerror}") from None
    here = directory == Path(".")
    where = "" if here else f" in {directory.as_posix()}"
    step = "factsheet check" if here else f"cd {directory.as_posix()} && factsheet check"
    sys.stdout.write(
        f"Created a factsheet project{where}: facts/, seeds/, {', '.join(contents)}.\n"
        f"Next: {step}\n"
    )
