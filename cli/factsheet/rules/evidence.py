"""FS1 — evidence: every excerpt must occur in the source, once."""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.model import Fact, Location, Severity, Text
from factsheet.rules.base import Finding, Rule, rule
from factsheet.source.matching import Closest, closest, find, unique_context
from factsheet.source.reader import Source

FS101 = rule(
    "FS101",
    "evidence-not-found",
    Severity.ERROR,
    "An evidence excerpt does not occur in the source.",
    what="Looks for each `evidence` excerpt in the source after normalisation (quotes, "
    "dashes, whitespace), honouring omissions (`...`) and insertions (`[words]`). When a "
    "passage is at least 60% similar, the message names its line:column, the similarity "
    "and the words that differ.",
    why="A quotation with one word changed is the most damaging error in a fact sheet; "
    "only verbatim evidence proves a statement.",
    example='evidence: "the EU had decided to triple its spending for border control"',
    instead='evidence: "the EU had decided to quadruple its spending for border control"',
)
FS102 = rule(
    "FS102",
    "evidence-ambiguous",
    Severity.WARNING,
    "An evidence excerpt occurs more than once.",
    what="Reports an excerpt found at several places in the source, and suggests the "
    "extra words that would make it unique.",
    why="Briefs cite the source line of each fact; an excerpt that occurs twice cannot "
    "say which passage supports the statement.",
    example='evidence: "Latvia, Lithuania, and Poland"',
    instead='evidence: "border control in Latvia, Lithuania, and Poland"',
)

RULES: tuple[Rule, ...] = (FS101, FS102)


def describe_closest(source: Source, near: Closest) -> str:
    where = source.locate(near.start)
    diff = f": {near.differences}" if near.differences else ""
    return f"closest passage at {source.path}:{where} ({near.similarity:.0f}% similar){diff}"


def excerpt_findings(source: Source, text: Text, what: str, not_found: Rule) -> Iterator[Finding]:
    """FS101-style (rule ``not_found``) and FS102 findings for one excerpt."""
    matches = find(source, text.value)
    if not matches:
        near = closest(source, text.value)
        if near is None:
            yield not_found.at(text.at, f"{what} not found in the source")
        else:
            yield not_found.at(
                text.at,
                f"{what} not found in the source; {describe_closest(source, near)}",
                near.start,
                f'use the source\'s words: "{near.passage}"',
            )
        return
    if len(matches) > 1:
        lines = sorted({source.locate(m.start).line for m in matches})
        where = ", ".join(str(n) for n in lines)
        times = f"{len(matches)}{'+' if len(matches) >= 20 else ''} times"
        context = unique_context(source, matches[0], text.value)
        yield FS102.at(
            text.at,
            f"{what} occurs {times} in the source (line{'s' if len(lines) > 1 else ''} "
            f"{where}); quote more context",
            matches[0].start,
            f'quote more context, e.g. "{context}"' if context else "quote more context",
        )


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    for text in fact.evidence:
        # Nearly every excerpt occurs once and yields nothing: that is told by find()
        # alone (memoised per source and excerpt) without a generator per excerpt.
        if len(find(source, text.value)) != 1:
            yield from excerpt_findings(source, text, "evidence", FS101)


def first_location(source: Source, fact: Fact) -> Location | None:
    """Where the fact's first found excerpt starts in the source (for citations)."""
    for text in (*([fact.quote] if fact.quote else []), *fact.evidence):
        matches = find(source, text.value)
        if matches:
            return source.locate(matches[0].start)
    return None
