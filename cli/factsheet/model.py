"""The data the core hands around: positions, facts, sources and findings.

Everything here is immutable so that checks can run in any order (or in other
processes) and return plain data that the CLI alone turns into output.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, NamedTuple


class Location(NamedTuple):
    """A 1-based ``line:column`` position; columns count characters.

    A named tuple, not a dataclass: fact files make hundreds of thousands of
    them, and a tuple is built several times faster (ordering is the same).
    """

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class SourceRef:
    """A position in a source text, named by its display path."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    fact: str | None = None
    source: SourceRef | None = None
    suggestion: str | None = None
    off_by_default: bool = False  # its rule reports only when selected (stamped by the engine)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)


Kind = Literal["claim", "figure", "quote", "event", "definition"]
KINDS: tuple[Kind, ...] = ("claim", "figure", "quote", "event", "definition")


class Text(NamedTuple):
    """A string value from a fact file with the position of its YAML scalar.

    Named tuples, like Location: a fact file makes a hundred or more of them,
    and a frozen dataclass is built twice as slowly.
    """

    value: str
    at: Location


@dataclass(frozen=True)
class Figure:
    value: float | int
    unit: str | None
    label: str | None
    at: Location
    value_at: Location


@dataclass(frozen=True)
class DateValue:
    """A ``YYYY-MM-DD`` date or an inclusive ``start/end`` range (ISO strings)."""

    start: str
    end: str
    at: Location

    def __str__(self) -> str:
        return self.start if self.start == self.end else f"{self.start}/{self.end}"


class Fact(NamedTuple):
    """One validated fact. Optional keys absent from the file are empty/None.

    A named tuple: a frozen dataclass of this many fields is built three times
    as slowly, and a check builds one per fact.
    """

    id: str
    kind: Kind
    at: Location
    keys: dict[str, Location]  # where each present key's value starts
    statement: Text | None = None
    evidence: tuple[Text, ...] = ()
    quote: Text | None = None
    speakers: tuple[Text, ...] = ()
    term: Text | None = None
    figures: tuple[Figure, ...] = ()
    date: DateValue | None = None
    places: tuple[Text, ...] = ()
    entities: tuple[Text, ...] = ()
    disputed_by: Text | None = None
    tags: tuple[Text, ...] = ()
    ignore: tuple[str, ...] = ()
    note: str | None = None


class Outline(NamedTuple):
    """Each fact's id and positions, column by column: what reports and tallies need.

    The cached ``check`` run reads tens of thousands of facts back; one Python
    object per fact would cost more than the rest of a warm run.
    """

    ids: Sequence[str]
    kinds: Sequence[str]
    lines: Sequence[int]  # where each fact starts
    columns: Sequence[int]
    id_lines: Sequence[int]  # where each fact's id is
    id_columns: Sequence[int]
    ignore: Mapping[str, Sequence[str]]  # by id, only facts with an ``ignore`` list


@dataclass(frozen=True)
class FactFile:
    """A loaded fact file: what could be read, and what was wrong with it."""

    path: str
    text: str
    source: Text | None = None
    sha256: Text | None = None
    title: Text | None = None
    facts: tuple[Fact, ...] = ()
    fact_count: int = 0
    diagnostics: tuple[Diagnostic, ...] = field(default=())

    @cached_property
    def outline(self) -> Outline:
        """Each fact's id, positions and ``ignore`` list, read off the facts once."""
        facts = self.facts
        ignore = {f.id: f.ignore for f in facts}  # a repeated id keeps its last list, as ever
        return Outline(
            ids=[f.id for f in facts],
            kinds=[f.kind for f in facts],
            lines=[f.at.line for f in facts],
            columns=[f.at.column for f in facts],
            id_lines=[f.keys["id"].line for f in facts],
            id_columns=[f.keys["id"].column for f in facts],
            ignore={fid: listed for fid, listed in ignore.items() if listed},
        )


@dataclass(frozen=True)
class CheckedFile:
    """A fact file as the reporting run (``factsheet check``) keeps it: no facts.

    Built from a cache entry as often as from a fresh check, so it holds only
    what reports show: the file's bytes (decoded only when a report quotes a
    line), its ``source:`` value, how many facts it has and their outline.
    """

    path: str
    data: bytes
    source: Text | None
    fact_count: int
    outline: Outline

    @cached_property
    def text(self) -> str:
        """The text as the loader reads it ("" when it cannot be read)."""
        from factsheet.factfile import yaml_reader

        if len(self.data) > yaml_reader.MAX_BYTES:
            return ""
        try:
            return yaml_reader.decode(self.data)
        except yaml_reader.YamlProblem:
            return ""
