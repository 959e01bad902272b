"""``factsheet schema``: the JSON Schema of fact files, for editors and check-jsonschema."""

from __future__ import annotations

from factsheet.commands.common import OutputOpt, emit, guarded
from factsheet.factfile.schema import render_schema


@guarded
def schema(output: OutputOpt = None) -> None:
    """Print the JSON Schema (draft 2020-12) of fact files.

    Point editors at it with a first line '# yaml-language-server:
    $schema=../factsheet.schema.json', or validate with 'check-jsonschema
    --schemafile factsheet.schema.json facts/*.yaml'.
    """
    emit(render_schema(), output)
