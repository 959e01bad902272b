"""FS2 — numbers: every number in a statement and every figure must be in the evidence.

Numbers are compared by value (`€200 million` = `200 million euros`), with their
unit; multipliers compare with multipliers (`tripled` is not `quadruple`) and
vague amounts (`thousands`) compare as words, never as a value. The evidence is
read as written: the fact's `evidence` excerpts (and, for a quote, its `quote`),
without editorial insertions (`[words]`) and with each omission (`...`) ending
a passage.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from factsheet.model import Fact, Figure, Severity, Text
from factsheet.rules.base import Finding, Rule, rule
from factsheet.source.normalize import Normalized, normalize
from factsheet.source.reader import Source
from factsheet.text.amounts import (
    PERCENT,
    POINTS,
    Quantity,
    currency_code,
    describe_value,
    format_value,
    same_unit,
    same_value,
)
from factsheet.text.quantities import read_quantities, units_mentioned

FS201 = rule(
    "FS201",
    "number-unsupported",
    Severity.ERROR,
    "A number in the statement has no equal value in the evidence, figures or date.",
    what="Reads every quantity in `statement` (digits, scale words and abbreviations, "
    "currencies, percentages, spelled-out numbers, multipliers such as `tripled`, years, "
    "ranges) and looks for an equal value in the evidence excerpts (and a quote fact's "
    "`quote`), the fact's `figures` and the numbers of its `date`. `€200 million` is "
    "supported by `200 million euros`; a multiplier only by a multiplier (`tripled` is not "
    "supported by `quadruple`); a vague amount such as `thousands` only by the same words.",
    why="A wrong number in a brief is the error readers notice and repeat; the statement "
    "must not say more, or other, than the excerpts it cites.",
    example="statement: The EU will triple border-control spending to €200 million.\n"
    'evidence: "the EU had decided to quadruple its spending for border control in Latvia, '
    'Lithuania, and Poland to 200 million euros"',
    instead="statement: The EU will quadruple border-control spending to €200 million.\n"
    'evidence: "the EU had decided to quadruple its spending for border control in Latvia, '
    'Lithuania, and Poland to 200 million euros"',
)
FS202 = rule(
    "FS202",
    "figure-unsupported",
    Severity.ERROR,
    "A `figures` value does not occur in the evidence.",
    what="Looks for each `figures` value among the quantities of the evidence excerpts "
    "(and a quote fact's `quote`), read by value: `200000000` is found in `200 million "
    "euros`, `€200m` or `200,000,000`.",
    why="Figures feed tables and charts directly; a figure the evidence does not give "
    "is a number nobody can trace back to the source.",
    example="figures:\n  - {value: 300000000, unit: EUR}\n"
    'evidence: "to 200 million euros ($226 million)"',
    instead="figures:\n  - {value: 200000000, unit: EUR}\n"
    'evidence: "to 200 million euros ($226 million)"',
)
FS203 = rule(
    "FS203",
    "unit-mismatch",
    Severity.ERROR,
    "The evidence gives the value in another unit or currency.",
    what="Reports a `figures` entry, or a number in `statement`, whose value the evidence "
    "gives but in another currency, or as a percentage rather than an amount (or the "
    "reverse). A figure whose unit is a plain word (`migrants`) or absent matches a "
    "bare number.",
    why="The same number in the wrong currency is a different amount: 200 million euros "
    "are not 200 million dollars.",
    example="figures:\n  - {value: 200000000, unit: USD}\n"
    'evidence: "to 200 million euros ($226 million)"',
    instead="figures:\n  - {value: 200000000, unit: EUR}\n"
    'evidence: "to 200 million euros ($226 million)"',
)

RULES: tuple[Rule, ...] = (FS201, FS202, FS203)

# Units a figure may give for a multiplier (`{value: 4, unit: times}` for `quadruple`).
_MULTIPLIER_UNITS = frozenset({"times", "x", "\u00d7", "fold", "multiplier", "factor"})
# Editorial insertions are the curator's words; an omission ends a passage.
_NOT_EVIDENCE = re.compile(r"\[[^\]]*\]|\.\.\.")


@dataclass(frozen=True)
class _Evidence:
    quantities: tuple[Quantity, ...]
    passages: tuple[str, ...]

    def names(self, unit: str | None) -> bool:
        """Whether the evidence names ``unit`` (a currency or percent) anywhere.

        Asked only for a figure that matches a bare number, so most passages are never
        read for units.
        """
        return any(unit in units_mentioned(passage) for passage in self.passages)


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    statement = fact.statement
    norm = None if statement is None else normalize(statement.value)
    said = [] if norm is None else read_quantities(norm.text)
    if not said and not fact.figures:
        return  # nothing to look for: most facts, whose evidence need not be read
    evidence = _read_evidence(fact)
    if statement is not None and norm is not None:
        yield from _statement_findings(fact, statement, norm, said, evidence)
    for figure in fact.figures:
        finding = _figure_finding(figure, evidence)
        if finding is not None:
            yield finding


def _read_evidence(fact: Fact) -> _Evidence:
    texts = [*([fact.quote] if fact.quote else []), *fact.evidence]
    quantities: list[Quantity] = []
    passages: list[str] = []
    for text in texts:
        for passage in _NOT_EVIDENCE.split(normalize(text.value).text):
            quantities.extend(read_quantities(passage))
            passages.append(passage)
    return _Evidence(tuple(quantities), tuple(passages))


# Statements (FS201, FS203)


def _statement_findings(
    fact: Fact, statement: Text, norm: Normalized, said: list[Quantity], evidence: _Evidence
) -> Iterator[Finding]:
    """FS201 and FS203, each at the words at fault (`45 percent`) as the statement has them."""
    if not said:
        return
    dated = _date_numbers(fact)
    unmatched: list[Quantity] | None = None  # made only to name a nearest quantity
    for q in said:
        if any(_supports(e, q) for e in evidence.quantities):
            continue
        if any(_figure_supports(f, q) for f in fact.figures):
            continue
        if q.kind in ("number", "year") and q.unit is None and any(q.equals(d) for d in dated):
            continue
        offset = norm.original_span(q.start, q.end)[0]
        other_unit = _in_other_unit(q, evidence.quantities)
        if other_unit is not None:
            yield FS203.at_char(
                statement,
                offset,
                f"statement says {q.describe()}; evidence says {other_unit.describe()}",
                suggestion=f'write the evidence\'s currency or unit: "{other_unit.text}"',
            )
            continue
        if unmatched is None:
            unmatched = [e for e in evidence.quantities if not any(_supports(e, s) for s in said)]
        near = _nearest(q, unmatched or evidence.quantities)
        if near is None:
            yield FS201.at_char(
                statement,
                offset,
                f"statement says {q.describe()}; the evidence, figures and date do not give it",
                suggestion=f'remove "{q.text}" from the statement, or cite evidence that gives it',
            )
        else:
            yield FS201.at_char(
                statement,
                offset,
                f"statement says {q.describe()}; evidence says {near.describe()}",
                suggestion=f'use the evidence\'s "{near.text}", or cite evidence that gives '
                f'"{q.text}"',
            )


def _supports(evidence: Quantity, said: Quantity) -> bool:
    """Whether an evidence quantity gives the statement's quantity."""
    if said.kind == "vague" or evidence.kind == "vague":
        return said.kind == evidence.kind and (
            evidence.text == said.text or evidence.text.endswith(" " + said.text)
        )
    if (said.kind == "multiplier") != (evidence.kind == "multiplier"):
        return False
    if not evidence.equals(said.value) and (said.alt is None or not evidence.equals(said.alt)):
        return False  # `said.values`, spelt out: this runs for every pair of quantities
    return said.unit is None or evidence.unit is None or same_unit(said, evidence.unit)


def _figure_supports(figure: Figure, said: Quantity) -> bool:
    unit = _figure_unit(figure)
    if said.kind == "vague" or not said.equals(float(figure.value)):
        return False
    if said.kind == "multiplier":
        return unit is None or unit in _MULTIPLIER_UNITS
    return said.unit is None or not _is_unit(unit) or same_unit(said, unit)


def _in_other_unit(said: Quantity, quantities: Iterable[Quantity]) -> Quantity | None:
    """An evidence quantity with the statement's value in another currency or unit."""
    if said.unit is None or said.kind in ("multiplier", "vague"):
        return None
    for e in quantities:
        if e.kind in ("multiplier", "vague") or e.unit is None or same_unit(e, said.unit):
            continue
        if any(e.equals(v) for v in said.values):
            return e
    return None


def _date_numbers(fact: Fact) -> list[float]:
    if fact.date is None:
        return []
    numbers: list[float] = []
    for iso in (fact.date.start, fact.date.end):
        numbers.extend(float(part) for part in iso.split("-"))
    return numbers


# Figures (FS202, FS203)


def _figure_finding(figure: Figure, evidence: _Evidence) -> Finding | None:
    value = float(figure.value)
    unit = _figure_unit(figure)
    shown = describe_value(value, unit if _is_unit(unit) else figure.unit)
    amounts = [q for q in evidence.quantities if q.kind not in ("multiplier", "vague")]
    equal = [q for q in amounts if q.equals(value)]
    if _is_unit(unit):
        if any(same_unit(q, unit) for q in equal):
            return None
        bare = [q for q in equal if q.unit is None]
        if bare and evidence.names(unit):
            return None  # `200 million, all of it in euros`
        if equal:
            other = equal[0]
            given = "with no currency" if unit != PERCENT else "not as a percentage"
            lacking = f" {given}" if other.unit is None else ""
            return FS203.at(
                figure.value_at,
                f"figure says {shown}; evidence says {other.describe()}{lacking}",
                suggestion=f"set unit: {other.unit}"
                if other.unit
                else "cite evidence that "
                f"gives the {'currency' if unit != PERCENT else 'percentage'}",
            )
    else:
        if any(q.unit is None for q in equal):
            return None
        if unit is None and equal:
            return None  # a figure without a unit: `200000000` for `200 million euros`
        multiples = [q for q in evidence.quantities if q.kind == "multiplier" and q.equals(value)]
        if multiples and (unit is None or unit in _MULTIPLIER_UNITS):
            return None
        if equal:
            other = equal[0]
            return FS203.at(
                figure.value_at,
                f"figure says {shown}; evidence says {other.describe()}",
                suggestion=f"set unit: {other.unit}",
            )
    near = _nearest_value(value, unit, amounts)
    says = f"; evidence says {near.describe()}" if near else "; the evidence gives no numbers"
    return FS202.at(
        figure.value_at,
        f"figure {shown} is not in the evidence{says}",
        suggestion=f"use the evidence's value {_plain(near)}, or cite evidence that gives "
        f"{format_value(value)}"
        if near
        else f"cite evidence that gives {format_value(value)}",
    )


def _figure_unit(figure: Figure) -> str | None:
    """ISO code, `percent`, a plain word in lower case, or None."""
    if figure.unit is None or not figure.unit.strip():
        return None
    return currency_code(figure.unit) or " ".join(figure.unit.lower().split())


def _is_unit(unit: str | None) -> bool:
    """Whether a figure unit is a currency or percent (not a plain word)."""
    return unit is not None and (unit in (PERCENT, POINTS) or unit.isupper())


def _plain(q: Quantity) -> str:
    value = q.value
    return str(int(value)) if value == int(value) else repr(value)


# Naming the nearest quantity in a message


def _nearest(said: Quantity, quantities: Iterable[Quantity]) -> Quantity | None:
    candidates = list(quantities)
    if said.kind in ("multiplier", "vague"):
        same = [q for q in candidates if q.kind == said.kind]
        if same or said.kind == "multiplier":
            return same[0] if same else None
        return candidates[0] if candidates else None  # `thousands` against `1,000`
    amounts = [q for q in candidates if q.kind not in ("multiplier", "vague")]
    if amounts:
        return _nearest_value(said.value, said.unit, amounts)
    vague = [q for q in candidates if q.kind == "vague"]
    return vague[0] if vague else None


def _nearest_value(value: float, unit: str | None, amounts: list[Quantity]) -> Quantity | None:
    """The closest value, preferring the same unit; ties go to the first."""
    if not amounts:
        return None

    def distance(q: Quantity) -> tuple[int, float]:
        same_unit = 0 if (q.unit == unit or (unit is None and q.kind in ("number", "year"))) else 1
        gap = min(_log_gap(value, v) for v in q.values)
        return same_unit, gap

    return min(amounts, key=distance)


def _log_gap(a: float, b: float) -> float:
    if same_value(a, b):
        return 0.0
    if a <= 0 or b <= 0:
        return math.inf if a != b else 0.0
    return abs(math.log(a) - math.log(b))
