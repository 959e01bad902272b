"""FS5 — dates: a fact's `date` must be what its evidence says, read against the source date.

The date expressions come from the source passages the evidence matches (and
the quote, for a quote fact), read in their paragraph so that tense and a
following year count; when those passages hold none, from the paragraphs
around them. A fact date is supported when any reading of any of those
expressions contains it (a range: its start and its end each fall within
one); see ``factsheet.text.date_expressions``. No date expression, or none that can be read
(weekdays in a source without a date), means no finding: a false FS501 is
worse than a missed one.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from factsheet.model import Fact, Severity
from factsheet.rules.base import Finding, Rule, rule
from factsheet.source.matching import find
from factsheet.source.reader import Paragraph, Source
from factsheet.text.date_expressions import read_dates, reference_date, supports
from factsheet.text.date_values import DateMention

MAX_NAMED = 3

FS501 = rule(
    "FS501",
    "date-unsupported",
    Severity.ERROR,
    "The fact's date is not what its evidence says.",
    what="Reads the date expressions in the fact's evidence (or, when the evidence has "
    "none, in its paragraph) against the source date: explicit dates (`28 November "
    "2021`, `Nov. 28`, `2021-11-28`), months and years (`in November 2021`, `in 2021`), "
    "weekday names within six days either side of the source date (`begins on Tuesday` "
    "looks ahead, `last Tuesday` back; without a cue both count), `today`, `yesterday`, "
    "`tomorrow`, and ranges (`from 28 to 30 November`, `between Sunday and Tuesday`). "
    "Reports a `date` that none of them allows; a range `date` needs its start and end "
    "each allowed. A fact whose evidence and paragraph hold no date expression is not "
    "checked.",
    why="A wrong day turns a true statement into a false one, and briefs and timelines "
    "sort by it. Weekdays relative to the publication date are the easiest to get wrong.",
    example="# source dated 2021-11-28, a Sunday\n"
    'evidence: "On trips to Lithuania and Latvia on Sunday, EU and NATO leaders pledged"\n'
    "date: 2021-11-29",
    instead='evidence: "On trips to Lithuania and Latvia on Sunday, EU and NATO leaders '
    'pledged"\ndate: 2021-11-28',
)

RULES: tuple[Rule, ...] = (FS501,)


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def paragraph_dates(source: Source, paragraph: Paragraph) -> list[DateMention]:
    """The date expressions of one paragraph, offsets into ``source.text`` (cached)."""

    def build(source: Source) -> list[DateMention]:
        text = source.text[paragraph.start : paragraph.end]
        return read_dates(text, reference_date(source.date), paragraph.start)

    return source.memo(f"dates:{paragraph.start}", list, build)


def relevant_dates(fact: Fact, source: Source) -> tuple[str, list[DateMention]]:
    """The expressions that speak to the fact's date: the evidence's, else its paragraphs'."""
    excerpts = [*([fact.quote] if fact.quote else []), *fact.evidence]
    in_evidence: list[DateMention] = []
    in_paragraphs: list[DateMention] = []
    seen: set[Paragraph] = set()
    for excerpt in excerpts:
        for match in find(source, excerpt.value):
            paragraph = source.paragraph_at(match.start)
            mentions = paragraph_dates(source, paragraph)
            for mention in mentions:
                inside = mention.start < match.end and mention.end > match.start
                if inside and mention not in in_evidence:
                    in_evidence.append(mention)
            if paragraph not in seen:
                seen.add(paragraph)
                in_paragraphs.extend(mentions)
    if in_evidence:
        return "the evidence says", in_evidence
    return "the evidence's paragraph says", in_paragraphs


def _suggestion(mentions: list[DateMention]) -> str | None:
    readings = sorted({c for m in mentions for c in m.candidates})
    bounded = [r for r in readings if r.bounded]
    if len(readings) == 1 and bounded:
        return f"date: {bounded[0].iso()}"
    days = [r for r in bounded if r.is_day]
    if days and len(days) == len(readings):
        return "date: " + " or ".join(d.iso() for d in days)
    if readings:
        return "use a date within " + " or ".join(str(r) for r in readings)
    return None


def _describe(mentions: list[DateMention]) -> str:
    named = [m.describe() for m in mentions[:MAX_NAMED]]
    more = len(mentions) - MAX_NAMED
    if more > 0:
        named.append(f"{more} more")
    if len(named) == 1:
        return named[0]
    return ", ".join(named[:-1]) + " and " + named[-1]


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    if fact.date is None:
        return
    start, end = _day(fact.date.start), _day(fact.date.end)
    if start is None or end is None or end < start:
        return  # FS005's business
    where, mentions = relevant_dates(fact, source)
    readable = [m for m in mentions if m.resolved]
    if not readable or supports(readable, start, end):
        return
    yield FS501.at(
        fact.date.at,
        f"date {fact.date} is not supported: {where} {_describe(readable)}",
        readable[0].start,
        _suggestion(readable),
    )
