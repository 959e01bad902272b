"""Coverage: how much of each source the facts cover (FS901-FS903).

Pure: data in (a :class:`~factsheet.engine.result.CheckResult`), data out. The
passages a fact covers are where its ``quote`` and ``evidence`` excerpts match
the source (:func:`factsheet.source.matching.find`; an excerpt with omissions covers
only its quoted parts, not the words it leaves out). Against those passages:

* a quotation (:func:`factsheet.text.quotations.find_quotations`) is covered when a
  passage overlaps its words;
* a number (:func:`factsheet.text.quantities.read_quantities`, read in the normalised
  body and mapped back) is covered when a passage contains all of it;
* a body paragraph is covered when a passage touches it.

A category without items is 100% covered. ``review`` draws the same passages.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from factsheet.engine.products import Product
from factsheet.engine.result import CheckResult
from factsheet.engine.run import ProductRun
from factsheet.model import Fact, FactFile
from factsheet.outputs.markdown_escape import shorten
from factsheet.outputs.terminal import one_line
from factsheet.rules.coverage import FS901, FS902, FS903
from factsheet.source.reader import Source

ItemKind = Literal["quotation", "number", "paragraph"]
CATEGORIES = ("paragraphs", "quotations", "numbers")
CODES: dict[str, tuple[str, str]] = {
    kind: (rule.code, rule.name)
    for kind, rule in (("quotation", FS901), ("number", FS902), ("paragraph", FS903))
}


@dataclass(frozen=True)
class Passage:
    """Where one of a fact's excerpts matches the source (offsets into ``Source.text``)."""

    file: str  # the fact file
    fact: str  # the fact's id
    role: Literal["quote", "evidence"]
    start: int
    end: int


@dataclass(frozen=True)
class Item:
    """A paragraph, quotation or number of a source, and the facts that cover it."""

    kind: ItemKind
    start: int
    end: int
    line: int
    column: int
    text: str
    facts: tuple[str, ...]  # ids of the covering facts, in order, without repeats
    # Facts meant to cover it whose excerpt is not in the source (their closest passage
    # is here): a fact with errors, which `check` reports.
    near: tuple[str, ...] = ()

    @property
    def covered(self) -> bool:
        return bool(self.facts)

    @property
    def code(self) -> str:
        return CODES[self.kind][0]

    @property
    def name(self) -> str:
        return CODES[self.kind][1]

    @property
    def message(self) -> str:
        words = one_line(shorten(self.text, 60))
        if self.near:
            names = ", ".join(f"'{one_line(f)}'" for f in self.near)
            plural = "s" if len(self.near) > 1 else ""
            return (
                f'{self.kind} "{words}" is meant by fact{plural} {names}, which '
                f"{'have' if plural else 'has'} errors: fix {'them' if plural else 'it'} "
                "(see 'factsheet check') to cover it"
            )
        if self.kind == "quotation":
            return f'quotation "{words}" is in no fact\'s quote or evidence; add a quote fact'
        if self.kind == "number":
            return f'number "{words}" is in no fact\'s evidence; add a figure or cite it'
        return f'paragraph "{words}" is touched by no fact\'s evidence'


@dataclass(frozen=True)
class Share:
    covered: int
    total: int

    @property
    def percent(self) -> float:
        return percent(self.covered, self.total)


@dataclass(frozen=True)
class Coverage:
    """What the coverage report shows of one source: its items, covered or not."""

    path: str  # the source's display path
    fact_files: tuple[str, ...]
    paragraphs: tuple[Item, ...]
    quotations: tuple[Item, ...]
    numbers: tuple[Item, ...]

    def share(self, kind: str) -> Share:
        items: tuple[Item, ...] = getattr(self, kind)
        return Share(sum(1 for i in items if i.covered), len(items))

    @property
    def total(self) -> Share:
        shares = [self.share(k) for k in CATEGORIES]
        return Share(sum(s.covered for s in shares), sum(s.total for s in shares))

    @property
    def uncovered(self) -> list[Item]:
        items = [*self.paragraphs, *self.quotations, *self.numbers]
        order = {"paragraph": 0, "quotation": 1, "number": 2}
        return sorted(
            (i for i in items if not i.covered), key=lambda i: (i.start, order[i.kind], i.end)
        )


@dataclass(frozen=True)
class SourceCoverage(Coverage):
    """A source's coverage with the source and the facts' passages (what `review` draws)."""

    source: Source
    passages: tuple[Passage, ...]


def percent(covered: int, total: int) -> float:
    """The covered share in percent; 100 when there is nothing to cover."""
    return 100.0 if total == 0 else 100.0 * covered / total


def format_percent(value: float) -> str:
    """One decimal, always (`100.0%` beside `75.0%`), rounded down so that 99.96 never
    shows as 100.0."""
    return f"{min(100.0, math.floor(value * 10) / 10):.1f}%"


def total(coverages: Iterable[Coverage]) -> Share:
    shares = [c.total for c in coverages]
    return Share(sum(s.covered for s in shares), sum(s.total for s in shares))


def excerpt_spans(source: Source, excerpt: str) -> list[tuple[int, int]]:
    """Original spans the excerpt's quoted words occupy, at every place it matches.

    An excerpt with omissions (``A ... B``) gives one span per part, so the
    words it leaves out are not counted as cited.
    """
    # The readers are imported where used: the CLI imports this module for every
    # command, and a cached ``check`` should not pay for loading them.
    from factsheet.source.matching import find, parts

    spans: list[tuple[int, int]] = []
    pieces = parts(excerpt)
    for match in find(source, excerpt):
        if len(pieces) < 2:
            spans.append((match.start, match.end))
            continue
        spans.extend(_part_spans(source, pieces, match.start, match.end))
    return spans


def _part_spans(source: Source, pieces: list[str], start: int, end: int) -> list[tuple[int, int]]:
    from factsheet.source.matching import compile_excerpt

    norm = source.norm
    pos = norm.index_at(start)
    stop = norm.index_at(end)
    out: list[tuple[int, int]] = []
    for piece in pieces:
        pattern = compile_excerpt(piece)
        found = pattern.search(norm.text, pos, stop) if pattern is not None else None
        if found is None:
            return [(start, end)]
        out.append(norm.original_span(found.start(), found.end()))
        pos = found.end()
    return out


def _excerpts(fact: Fact) -> list[tuple[Literal["quote", "evidence"], str]]:
    """The fact's quote and evidence excerpts, each with its role."""
    found: list[tuple[Literal["quote", "evidence"], str]] = []
    if fact.quote is not None:
        found.append(("quote", fact.quote.value))
    found.extend(("evidence", e.value) for e in fact.evidence)
    return found


def fact_passages(fact: Fact, file: str, source: Source) -> list[Passage]:
    """Every passage of the source that the fact's quote and evidence match."""
    out: list[Passage] = []
    seen: set[tuple[str, int, int]] = set()
    for role, excerpt in _excerpts(fact):
        for start, end in excerpt_spans(source, excerpt):
            if (role, start, end) not in seen and end > start:
                seen.add((role, start, end))
                out.append(Passage(file, fact.id, role, start, end))
    return out


def _covering(
    passages: Sequence[Passage], start: int, end: int, rule: Literal["overlap", "contain"]
) -> tuple[str, ...]:
    ids: list[str] = []
    for p in passages:
        hit = (
            p.start < end and start < p.end
            if rule == "overlap"
            else p.start <= start and end <= p.end
        )
        if hit and p.fact not in ids:
            ids.append(p.fact)
    return tuple(ids)


def fact_near_misses(fact: Fact, file: str, source: Source) -> list[Passage]:
    """For each quote or evidence excerpt not in the source, its closest passage there."""
    from factsheet.source.matching import closest, find

    out: list[Passage] = []
    for role, excerpt in _excerpts(fact):
        if find(source, excerpt):
            continue
        near = closest(source, excerpt)
        if near is not None:
            out.append(Passage(file, fact.id, role, near.start, near.end))
    return out


def _item(
    source: Source,
    kind: ItemKind,
    start: int,
    end: int,
    passages: Sequence[Passage],
    rule: Literal["overlap", "contain"],
    near_misses: Sequence[Passage] = (),
) -> Item:
    at = source.locate(start)
    facts = _covering(passages, start, end, rule)
    near = () if facts else _covering(near_misses, start, end, "overlap")
    return Item(kind, start, end, at.line, at.column, source.text[start:end], facts, near)


def numbers(source: Source) -> list[tuple[int, int]]:
    """Original spans of every quantity in the body, read as ``check`` reads evidence.

    The parts of a date (`1 March 2021`, `June 4`) are no quantities: a date is covered,
    or not, as a date.
    """
    from factsheet.rules.dates import paragraph_dates
    from factsheet.text.quantities import read_quantities

    norm = source.norm
    spans = [norm.original_span(q.start, q.end) for q in read_quantities(norm.text)]
    if not spans:
        return spans
    dates = [
        (m.start, m.end)
        for paragraph in source.paragraphs
        if any(paragraph.start <= a < paragraph.end for a, _ in spans)  # dates matter there
        for m in paragraph_dates(source, paragraph)
        if m.kind in ("date", "days", "range")
    ]
    return [(a, b) for a, b in spans if not any(s <= a and b <= e for s, e in dates)]


def measure_source(
    source: Source,
    fact_files: Sequence[str],
    passages: Sequence[Passage],
    near_misses: Sequence[Passage] = (),
) -> SourceCoverage:
    from factsheet.text.quotations import find_quotations

    near = near_misses
    paragraphs = tuple(
        _item(source, "paragraph", p.start, p.end, passages, "overlap", near)
        for p in source.paragraphs
    )
    quotations = tuple(
        _item(source, "quotation", q.start, q.end, passages, "overlap", near)
        for q in find_quotations(source)
    )
    figures = tuple(
        _item(source, "number", start, end, passages, "contain", near)
        for start, end in numbers(source)
    )
    return SourceCoverage(
        path=source.path,
        fact_files=tuple(fact_files),
        paragraphs=paragraphs,
        quotations=quotations,
        numbers=figures,
        source=source,
        passages=tuple(passages),
    )


def measure(result: CheckResult[FactFile]) -> list[SourceCoverage]:
    """Coverage of every source the checked fact files name (and could read), by path."""
    files: dict[str, list[str]] = {}
    passages: dict[str, list[Passage]] = {}
    misses: dict[str, list[Passage]] = {}
    for fact_file in result.files:
        source = result.file_sources.get(fact_file.path)
        if source is None:
            continue
        files.setdefault(source.path, []).append(fact_file.path)
        found = passages.setdefault(source.path, [])
        for fact in fact_file.facts:
            found.extend(fact_passages(fact, fact_file.path, source))
            misses.setdefault(source.path, []).extend(
                fact_near_misses(fact, fact_file.path, source)
            )
    return [
        measure_source(result.sources[path], files[path], passages[path], misses.get(path, ()))
        for path in sorted(files)
    ]


def coverage_data(result: CheckResult[FactFile]) -> list[Any] | None:
    """What `coverage` makes of one fact file in the workers (and caches): its source's
    items, as covered by this file alone (None when its source could not be read).
    Only uncovered items keep their text (the report shows no other)."""
    found = measure(result)
    if not found:
        return None
    c = found[0]
    return [
        [i.kind, i.start, i.end, i.line, i.column, "" if i.covered else i.text, i.facts, i.near]
        for i in (*c.paragraphs, *c.quotations, *c.numbers)
    ]


COVERAGE = Product("coverage", coverage_data)


def coverage_of(run: ProductRun) -> list[Coverage]:
    """Every source's coverage, as :func:`measure` gives it, from a run that made
    :data:`COVERAGE`. A source that several fact files share is measured here."""
    files = [f.path for f in run.result.files]
    out: list[Coverage] = []
    for path, picked in run.by_source().items():
        data = run.products[picked[0]]
        if len(picked) > 1 or data is None:
            out.extend(c for c in measure(run.loaded({files[i] for i in picked})) if c.path == path)
            continue
        kinds: dict[str, list[Item]] = {"paragraph": [], "quotation": [], "number": []}
        for kind, start, end, line, column, text, facts, near in data:
            kinds[kind].append(
                Item(kind, start, end, line, column, text, tuple(facts), tuple(near))
            )
        out.append(
            Coverage(
                path,
                (files[picked[0]],),
                tuple(kinds["paragraph"]),
                tuple(kinds["quotation"]),
                tuple(kinds["number"]),
            )
        )
    return out
