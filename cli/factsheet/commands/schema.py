"""``factsheet schema``: the JSON Schema of fact files, for editors and check-jsonschema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from factsheet.commands.common import emit, guarded, output_opt
from factsheet.factfile.schema import render_schema


@guarded
def schema(output: Annotated[Path | None, output_opt("the schema")] = None) -> None:
    """Print the JSON Schema (draft 2020-12) of fact files.

    Point editors at it with a first line '# yaml-language-server:
    $schema=../factsheet.schema.json', or validate with 'check-jsonschema
    --schemafile factsheet.schema.json facts/*.yaml'.

    Examples:

    \b
      factsheet schema --output factsheet.schema.json
    """
    emit(render_schema(), output)
