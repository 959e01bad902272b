"""The JSON Schema (draft 2020-12) of fact files, generated from fields.py.

fields.py is the one definition of the format: the loader reads values by each
field's ``type`` and this module turns the same fields into a schema, so the two
cannot drift. The schema is for editors (yaml-language-server) and for
check-jsonschema; the loader stays the authority (it sees YAML quoting, which
a schema cannot: the schema rejects ``speaker: no`` even when quoted).
"""

from __future__ import annotations

import json
from typing import Any

from factsheet.factfile import fields
from factsheet.model import KINDS

SCHEMA_NAME = "factsheet.schema.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Plain scalars that YAML 1.1 (PyYAML, the loader) reads as booleans, nulls or
# sexagesimal numbers, while YAML 1.2 tools (check-jsonschema) read them as text.
YAML11_NON_STRING = (
    r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|~|null|Null|NULL|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$"
)
_HINT = ' Quote values YAML reads as something else ("no", "2021").'


def _code_pattern() -> str:
    """Rule codes or prefixes the loader accepts, case-insensitively (FS, FS1, FS101)."""
    from factsheet.rules.registry import (
        CODES,  # here: ``init`` needs the schema's name, not the rules
    )

    digits = sorted({code[2:end] for code in CODES for end in range(2, len(code) + 1)})
    return r"^\s*[Ff][Ss](?:" + "|".join(digits) + r")\s*$"


TEXT = {
    "type": "string",
    "pattern": r"\S",
    "not": {"pattern": YAML11_NON_STRING},
    "description": "Non-blank text; quote it when YAML would read it as a boolean or null.",
}


def _text(description: str) -> dict[str, Any]:
    return {"$ref": "#/$defs/text", "description": description}


def _one_or_more(description: str) -> dict[str, Any]:
    item = _text(description)
    return {
        "anyOf": [item, {"type": "array", "minItems": 1, "items": item}],
        "description": description,
    }


def _code(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": _code_pattern(), "description": description}


def _property(field: fields.Field) -> dict[str, Any]:
    """The schema of one field, by the same ``type`` name the loader dispatches on."""
    d = field.description
    match field.type:
        case "text" | "path":
            return _text(d)
        case "texts" | "names":
            return _one_or_more(d)
        case "note":
            return {"type": ["string", "null"], "description": d}
        case "slug":
            return {"type": "string", "pattern": fields.SLUG, "description": d}
        case "slugs":
            return {
                "type": "array",
                "items": {"type": "string", "pattern": fields.SLUG, "description": "A tag slug."},
                "description": d,
            }
        case "sha256":
            return {"type": "string", "pattern": fields.SHA256, "description": d}
        case "kind":
            return {"enum": list(KINDS), "description": d}
        case "date":
            return {"type": "string", "pattern": fields.DATE, "description": d}
        case "number":
            return {"type": "number", "description": d}
        case "codes":
            item = _code("A rule code or prefix (FS402, FS4).")
            return {"anyOf": [item, {"type": "array", "items": item}], "description": d}
        case "figures":
            return {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/figure"},
                "description": d,
            }
        case "facts":
            return {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/fact"},
                "description": d,
            }
    raise ValueError(f"field '{field.name}' has unknown type '{field.type}'")


def _object(
    specs: tuple[fields.Field, ...], required: list[str], description: str
) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {f.name: _property(f) for f in specs},
        "required": required,
        "additionalProperties": False,
    }


def _by_kind() -> list[dict[str, Any]]:
    """One if/then per kind: the keys it requires, and the keys it may not have."""
    rules = []
    for kind in KINDS:
        then: dict[str, Any] = {
            "required": [f.name for f in fields.FACT if kind in f.required],
        }
        forbidden = {f.name: False for f in fields.FACT if kind not in f.allowed}
        if forbidden:
            then["properties"] = forbidden
        rules.append(
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": then,
            }
        )
    return rules


def build_schema() -> dict[str, Any]:
    fact = _object(
        fields.FACT,
        [f.name for f in fields.FACT if f.required == fields.ALL],
        "One fact: its id, kind and the keys its kind requires." + _HINT,
    )
    fact["allOf"] = _by_kind()
    figure = _object(fields.FIGURE, ["value"], "A number the fact states, with its unit and label.")
    top = _object(fields.TOP_LEVEL, list(fields.TOP_REQUIRED), "A factsheet fact file (format v1).")
    return {
        "$schema": DRAFT,
        "$id": "https://factsheet.invalid/schema/v1/fact-file.json",
        "title": "factsheet fact file",
        **top,
        "$defs": {"fact": fact, "figure": figure, "text": TEXT},
    }


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
