"""The rule registry: every rule family, listed explicitly. Codes are never reused."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from factsheet.model import Fact
from factsheet.rules import (
    attribution,
    coverage,
    dates,
    evidence,
    input_format,
    meaning,
    names,
    numbers,
    quotes,
)
from factsheet.rules.base import Finding, Rule
from factsheet.source.reader import Source

FactCheck = Callable[[Fact, Source], Iterable[Finding]]

# Families in code order. FS0 findings come from the loader and source resolution.
FAMILIES = (input_format, evidence, numbers, quotes, names, dates, attribution, meaning)
RULES: tuple[Rule, ...] = tuple(r for family in FAMILIES for r in family.RULES)
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}
CODES: frozenset[str] = frozenset(RULES_BY_CODE)
# Reported by ``factsheet coverage`` only: not part of a check, nor of RULES.
COVERAGE_RULES: tuple[Rule, ...] = coverage.RULES
# Every code any command prints, for `factsheet rules` and docs/rules.md.
DOCUMENTED: tuple[Rule, ...] = RULES + COVERAGE_RULES


def lookup(code_or_name: str) -> Rule | None:
    """A documented rule by its code (any case) or its name (`quote-not-found`)."""
    wanted = code_or_name.strip()
    for r in DOCUMENTED:
        if r.code == wanted.upper() or r.name == wanted.lower():
            return r
    return None


FACT_CHECKS: tuple[FactCheck, ...] = (
    evidence.check,
    numbers.check,
    quotes.check,
    names.check,
    dates.check,
    attribution.check,
    meaning.check,
)
