"""FS3 — quotes: the quoted words must be in the source, as a quotation."""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.checks.evidence import excerpt_findings
from factsheet.model import Fact, Severity
from factsheet.rules import Finding, Rule, rule
from factsheet.sources import Source

RULES: tuple[Rule, ...] = (
    rule(
        "FS301",
        "quote-not-found",
        Severity.ERROR,
        "A quote does not occur in the source.",
        what="Looks for a quote fact's `quote` in the source after normalisation, as FS101 "
        "does for evidence, and names the closest passage when one is at least 60% similar.",
        why="A quotation with one word changed puts words in someone's mouth.",
        example="quote: We discussed how we could step up our collaborative efforts",
        instead="quote: We discussed how we could scale up our collaborative efforts",
    ),
)


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    if fact.quote is not None:
        yield from excerpt_findings(source, fact.quote, "quote", "FS301")
