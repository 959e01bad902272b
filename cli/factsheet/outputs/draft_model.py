"""What a draft fact file holds, as data: its facts and what it left out."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DraftFigure:
    value: float
    unit: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class DraftFact:
    id: str
    kind: str  # quote, figure, event or claim
    at: int  # where in Source.text the fact's words start (for ordering)
    statement: str | None = None
    evidence: str | None = None
    quote: str | None = None
    speakers: tuple[str, ...] = ()
    figures: tuple[DraftFigure, ...] = ()
    date: str | None = None
    ignore: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class LeftOut:
    """Something in the source the draft does not hold, and why."""

    line: int
    words: str
    reason: str


@dataclass(frozen=True)
class Draft:
    source: str  # the name relative to the seeds folder, as the fact file gives it
    sha256: str
    facts: tuple[DraftFact, ...]
    left_out: tuple[LeftOut, ...] = field(default=())


class NothingToSuggest(Exception):
    """The source has no body text to draw facts from."""
