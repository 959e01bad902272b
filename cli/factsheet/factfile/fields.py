"""The fact-file format as data: one definition that the loader (and the schema) read."""

from __future__ import annotations

from dataclasses import dataclass

from factsheet.model import KINDS, Kind

ALL: frozenset[Kind] = frozenset(KINDS)
NOT_QUOTE: frozenset[Kind] = ALL - {"quote"}

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SHA256 = r"^[0-9a-fA-F]{64}$"
DATE = r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$"
CODE = r"^FS\d{0,3}$"


@dataclass(frozen=True)
class Field:
    """One key of the format. ``type`` names the reader in loader.py."""

    name: str
    type: str
    description: str
    allowed: frozenset[Kind] = ALL
    required: frozenset[Kind] = frozenset()


TOP_LEVEL: tuple[Field, ...] = (
    Field("source", "path", "Path of the source file, relative to the seeds directory."),
    Field("sha256", "sha256", "Hex SHA-256 of the source file's bytes, pinned by the curator."),
    Field("title", "text", "Title for briefs; default: the source's title."),
    Field("facts", "facts", "Non-empty list of facts."),
)
TOP_REQUIRED = ("source", "facts")

FACT: tuple[Field, ...] = (
    Field("id", "slug", "Unique slug naming the fact across every fact file.", required=ALL),
    Field("kind", "kind", "claim, figure, quote, event or definition.", required=ALL),
    Field("statement", "text", "The curator's own wording, used in briefs.", required=NOT_QUOTE),
    Field(
        "evidence",
        "texts",
        "Verbatim excerpt(s) of the source that support the statement.",
        required=NOT_QUOTE,
    ),
    Field(
        "quote",
        "text",
        "The speaker's words exactly as printed inside quotation marks, without the marks.",
        allowed=frozenset({"quote"}),
        required=frozenset({"quote"}),
    ),
    Field(
        "speaker",
        "names",
        "Who said it, or whose claim it is (a name or list of names).",
        required=frozenset({"quote"}),
    ),
    Field(
        "term",
        "text",
        "The term defined; it must occur in the evidence.",
        allowed=frozenset({"definition"}),
        required=frozenset({"definition"}),
    ),
    Field(
        "figures",
        "figures",
        "Numbers the fact states: {value, unit, label}.",
        required=frozenset({"figure"}),
    ),
    Field("date", "date", "When it happened: YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD."),
    Field("places", "names", "Place names mentioned in the source."),
    Field("entities", "names", "People and organisations mentioned in the source."),
    Field("disputed_by", "text", "Who disputes the claim, as the source says."),
    Field("tags", "slugs", "Slugs to group facts by."),
    Field("ignore", "codes", "Rule codes (or prefixes) to suppress for this fact."),
    Field("note", "note", "Curator's note; not checked, not in briefs."),
)

FIGURE: tuple[Field, ...] = (
    Field("value", "number", "The number, written in digits (200000000, 1.5)."),
    Field("unit", "text", "ISO 4217 currency code (EUR, USD), percent, or a plain word."),
    Field("label", "text", "What the number counts."),
)

FACT_BY_NAME = {f.name: f for f in FACT}
TOP_BY_NAME = {f.name: f for f in TOP_LEVEL}
FIGURE_BY_NAME = {f.name: f for f in FIGURE}
