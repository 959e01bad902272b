"""Reading dates in English prose, resolved against a reference (the source's) date.

A pure module: no I/O, no knowledge of facts or sources. ``read_dates`` finds
the date expressions of a text and gives each one the date ranges it can mean:

* explicit dates: ``28 November 2021``, ``November 28, 2021``, ``Nov. 28``,
  ``28 Nov``, ``Sunday, 28 November``, ``2021-11-28``, ``28/11/2021``;
  without a year the year comes from the reference date (and, near a new year,
  the nearer occurrence in the year before or after is a second reading);
* months and years: ``in November 2021``, ``in November``, ``in 2021``,
  ``the years 2021 and 2022``, ``2021-22``: the whole month or year;
* weekday names: the one within six days before and the one within six days
  after the reference date (the same day when the weekday is the reference's).
  ``last``/``next`` pick one; so does the tense of the sentence when it is
  unmistakable (``begins on Tuesday``, ``will meet on Tuesday`` look ahead;
  ``was``/``met``/``began`` look back); mixed or no cues keep both readings;
* ``today``/``tonight``/``this morning``, ``yesterday``, ``tomorrow``;
  ``this week`` (six days either side), ``last``/``next week``, ``this``/
  ``last``/``next month`` and ``year``;
* ranges: ``from 28 to 30 November``, ``28-30 November``, ``November 28-30``,
  ``between Sunday and Tuesday``, ``from 28 November to 2 December 2021``,
  ``2021-11-28/2021-11-30``; ``on 28 and 30 November`` is two days;
* open ranges: ``since``/``after``/``from`` X (X or later), ``until``/``till``/
  ``by``/``before`` X (X or earlier).

Without a reference date, expressions that need one (weekdays, ``today``,
dates without a year) are still reported, with no candidates.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factsheet.text.date_patterns import (
    BARE_YEAR,
    CONNECTOR,
    DAY_RANGE_DMY,
    DAY_RANGE_MDY,
    DIGIT,
    DMY,
    ENDS_SENTENCE_OR_QUOTE,
    ISO,
    JOINING,
    LAST_WORD,
    LEAD,
    MAY_CUE,
    MDY,
    MONTH_ABBREVIATION,
    MONTH_CUE,
    MONTH_ONLY,
    MY,
    NUMERIC,
    OPEN_END,
    OPEN_START,
    RECURRING,
    RELATIVE,
    RELATIVE_WORDS,
    SOURCE_DATE,
    WEEKDAY_LEADS,
    WEEKDAY_NAME,
    WEEKDAY_RE,
    WEEKDAY_RELS,
    YEAR_CUE,
    YEAR_RANGE,
)
from factsheet.text.date_values import (
    MAX_DAY,
    MIN_DAY,
    DateMention,
    DateRange,
    Day,
    day_number,
    month_number,
    month_range,
    one_day,
    shifted,
    valid_day,
    year_range,
)
from factsheet.text.lexicon import WEEKDAY_NUMBERS, finditer_at, has_lookalikes
from factsheet.text.tense import clause_tense

# Six days either side of the reference date, as RULES.md FS501 says.
WEEKDAY_WINDOW = 6


# Internal: an expression before ranges and leading words are settled.


@dataclass
class _Atom:
    start: int
    end: int
    kind: str
    candidates: list[DateRange]
    lead: str | None = None
    # For a day or month without a year: fill in a year given by a later date.
    month: int | None = None
    day: int | None = None
    has_year: bool = True


def _years_near(reference: Day | None, month: int, day: int) -> list[int]:
    """Years for a day-month without one: the reference's, or a nearer one across New Year."""
    if reference is None:
        return []
    years = [reference.year]
    here = valid_day(reference.year, month, min(day, 28) if month == 2 else day)
    if here is None:
        return years
    for other in (reference.year - 1, reference.year + 1):
        there = valid_day(other, month, min(day, 28) if month == 2 else day)
        if there is not None and abs((there - reference).days) < abs((here - reference).days):
            years.append(other)
    return years


def _day_month(reference: Day | None, month: int, day: int, year: str | None) -> _Atom | None:
    if year is not None:
        found = valid_day(int(year), month, day)
        if found is None:
            return None
        return _Atom(0, 0, "date", [one_day(found)], month=month, day=day)
    if valid_day(2000, month, day) is None:  # not a day of that month in any year
        return None
    days = [d for y in _years_near(reference, month, day) if (d := valid_day(y, month, day))]
    return _Atom(0, 0, "date", [one_day(d) for d in days], month=month, day=day, has_year=False)


def _month_atom(reference: Day | None, month: int, year: str | None) -> _Atom:
    if year is not None:
        return _Atom(0, 0, "month", [month_range(int(year), month)], month=month)
    years = _years_near(reference, month, 15)
    return _Atom(0, 0, "month", [month_range(y, month) for y in years], month=month, has_year=False)


def _placed(atom: _Atom | None, match: re.Match[str]) -> _Atom | None:
    if atom is not None:
        atom.start, atom.end = match.start(), match.end()
    return atom


def _explicit_atoms(text: str, reference: Day | None) -> Iterable[_Atom]:
    """Explicit dates, months and years: the passes the gates allow, in a fixed order.

    Of two equal expressions the first found wins (see _non_overlapping).
    """
    digit = DIGIT.search(text) is not None
    month = MONTH_ABBREVIATION.search(text) is not None
    if digit:
        yield from _numeric_atoms(text)
    if digit and month:
        yield from _day_month_atoms(text, reference)
    if month:
        yield from _month_atoms(text, reference)
    if digit:
        yield from _year_atoms(text)


def _numeric_atoms(text: str) -> Iterable[_Atom]:
    for m in ISO.finditer(text):
        found = valid_day(int(m[1]), int(m[2]), int(m[3]))
        if found is not None:
            yield _Atom(m.start(), m.end(), "date", [one_day(found)])
    for m in NUMERIC.finditer(text):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        # Day first (28/11/2021) or, with slashes, month first (11/28/2021).
        readings = {valid_day(year, b, a)} | ({valid_day(year, a, b)} if m[2] == "/" else set())
        days = sorted(d for d in readings if d is not None)
        if days:
            yield _Atom(m.start(), m.end(), "date", [one_day(d) for d in days])


def _day_month_atoms(text: str, reference: Day | None) -> Iterable[_Atom]:
    for m in DAY_RANGE_DMY.finditer(text):
        yield from _day_range(m, reference, m[2], m[4], m[5], m[6], m[1], m[3])
    for m in DAY_RANGE_MDY.finditer(text):
        yield from _day_range(m, reference, m[3], m[5], m[2], m[6], m[1], m[4])
    for m in DMY.finditer(text):
        atom = _day_month(reference, month_number(m[2]), day_number(m[1]), m[3])
        if (placed := _placed(atom, m)) is not None:
            yield placed
    for m in MDY.finditer(text):
        atom = _day_month(reference, month_number(m[1]), day_number(m[2]), m[3])
        if (placed := _placed(atom, m)) is not None:
            yield placed
    for m in MY.finditer(text):
        yield _Atom(m.start(), m.end(), "month", [month_range(int(m[2]), month_number(m[1]))])


def _month_atoms(text: str, reference: Day | None) -> Iterable[_Atom]:
    for m in MONTH_ONLY.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        cue = MAY_CUE if m[1] == "May" else MONTH_CUE
        if cue.search(before):
            month = month_number(m[1])
            atom = _month_atom(reference, month, None)
            looks = clause_tense(text, m.start()) if reference is not None else None
            if reference is not None and looks is not None:
                # A month without a year, read by tense against the source date: the last
                # such month for a past event, the next one for a future one.
                ranges = [
                    month_range(y, month) for y in range(reference.year - 1, reference.year + 2)
                ]
                if looks == "past":
                    atom.candidates = [[r for r in ranges if r.start <= reference][-1]]
                else:
                    atom.candidates = [next(r for r in ranges if r.end >= reference)]
            atom.start, atom.end = m.start(), m.end()
            yield atom


def _year_atoms(text: str) -> Iterable[_Atom]:
    for m in YEAR_RANGE.finditer(text):
        first, second = int(m[1]), m[2]
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if first < last <= first + 10:
            yield _Atom(m.start(), m.end(), "year", [year_range(first, last)])
    for m in BARE_YEAR.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()]
        if YEAR_CUE.search(before):
            yield _Atom(m.start(), m.end(), "year", [year_range(int(m[1]))])


def _day_range(
    m: re.Match[str],
    reference: Day | None,
    first: str,
    second: str,
    month_word: str,
    year: str | None,
    lead: str | None,
    connector: str,
) -> Iterable[_Atom]:
    month = month_number(month_word)
    a, b = day_number(first), day_number(second)
    if a >= b or valid_day(2000, month, b) is None:
        return
    years = [int(year)] if year else _years_near(reference, month, b)
    candidates: list[DateRange] = []
    for y in years:
        start, end = valid_day(y, month, a), valid_day(y, month, b)
        if start is None or end is None:
            continue
        if connector.lower() == "and" and (lead or "").lower() != "between":
            candidates += [one_day(start), one_day(end)]  # "on 28 and 30 November": two days
        else:
            candidates.append(DateRange(start, end))
    kind = "days" if connector.lower() == "and" and (lead or "").lower() != "between" else "range"
    yield _Atom(m.start(), m.end(), kind, candidates, lead=lead.lower() if lead else None)


def _weekday_matches(text: str) -> list[re.Match[str]]:
    """``WEEKDAY_RE.finditer(text)``, tried only where a match can start.

    A match starts on a weekday name or on the word of WEEKDAY_RELS that ends where
    the whitespace before the name begins. As finditer does, each match is the
    leftmost at or after the end of the last one (its word boundary sees the text
    before it).
    """
    starts: list[int] = []
    for name in WEEKDAY_NAME.finditer(text):
        at = gap = name.start()
        while gap > 0 and text[gap - 1].isspace():  # \s+: the same characters
            gap -= 1
        if gap < at:
            starts += [gap - len(rel) for rel in WEEKDAY_RELS if text.endswith(rel, 0, gap)]
        starts.append(at)
    return finditer_at(WEEKDAY_RE, text, starts)


def _weekday_atoms(text: str, reference: Day | None) -> Iterable[_Atom]:
    if "day" not in text:
        return
    for m in _weekday_matches(text):
        rel = (m[1] or "").lower()
        start = m.start() if rel else m.start(2)
        before = text[max(0, start - 20) : start]
        if RECURRING.search(before):
            continue
        prev = LAST_WORD.search(before)
        # "Black Friday", "Bloody Sunday": a name, not a date. After a sentence's
        # end ("... said. Sunday's talks") it is still a date.
        named = prev is not None and prev[1][:1].isupper() and prev[1] not in WEEKDAY_LEADS
        if not rel and named and prev and not ENDS_SENTENCE_OR_QUOTE.search(prev[1]):
            continue
        if reference is None:
            yield _Atom(start, m.end(), "weekday", [])
            continue
        weekday = WEEKDAY_NUMBERS[m[2].lower()]
        back = (reference.weekday() - weekday) % 7
        ahead = (weekday - reference.weekday()) % 7
        past, coming = shifted(reference, -back), shifted(reference, ahead)
        if rel == "last" or rel == "past":
            days = [d for d in [shifted(reference, -(back or 7))] if d]
        elif rel == "next":
            days = [d for d in [shifted(reference, ahead or 7)] if d]
        elif rel in ("coming", "this coming"):
            days = [d for d in [coming] if d]
        else:
            days = [d for d in _tense_readings(text, start, past, coming) if d]
        yield _Atom(start, m.end(), "weekday", [one_day(d) for d in sorted(set(days))])


def _tense_readings(text: str, at: int, past: Day | None, coming: Day | None) -> list[Day | None]:
    """Both readings of a weekday unless its clause (or sentence) looks only ahead or back."""
    if past == coming:
        return [past]
    looks = clause_tense(text, at)
    if looks == "future":
        return [coming]
    if looks == "past":
        return [past]
    return [past, coming]


def _relative_atoms(text: str, reference: Day | None) -> Iterable[_Atom]:
    if not has_lookalikes(text):
        lowered = text.lower()
        if not any(word in lowered for word in RELATIVE_WORDS):
            return
    for m in RELATIVE.finditer(text):
        day_word, part_of_day, which, unit = m[1], m[2], m[3], m[4]
        if reference is None:
            yield _Atom(m.start(), m.end(), "relative", [])
            continue
        ref = reference
        candidates: list[DateRange] = []
        if day_word or part_of_day:
            offset = {"yesterday": -1, "tomorrow": 1}.get((day_word or "").lower(), 0)
            found = shifted(ref, offset)
            candidates = [one_day(found)] if found else []
        else:
            step = {"last": -1, "next": 1}.get(which.lower(), 0)
            unit = unit.lower()
            if unit == "week":
                # Loose on purpose: where a week starts, and whether a Sunday
                # article's "this week" is the one ending or the one beginning.
                lo, hi = {-1: (-13, -1), 0: (-WEEKDAY_WINDOW, WEEKDAY_WINDOW), 1: (1, 13)}[step]
                start, end = shifted(ref, lo), shifted(ref, hi)
                if start and end:
                    candidates = [DateRange(start, end)]
            elif unit == "month":
                index = ref.year * 12 + ref.month - 1 + step
                if 1 <= index // 12 <= 9999:
                    candidates = [month_range(index // 12, index % 12 + 1)]
            elif 1 <= ref.year + step <= 9999:
                candidates = [year_range(ref.year + step)]
        yield _Atom(m.start(), m.end(), "relative", candidates)


def _non_overlapping(atoms: Iterable[_Atom]) -> list[_Atom]:
    """The longest expressions win; of equal ones, the first found."""
    chosen: list[_Atom] = []
    for atom in sorted(atoms, key=lambda a: (-(a.end - a.start), a.start)):
        if all(atom.end <= c.start or atom.start >= c.end for c in chosen):
            chosen.append(atom)
    return sorted(chosen, key=lambda a: a.start)


def _with_year(atom: _Atom, year_of: Day) -> None:
    """Give a yearless day-month (or month) the year of a date that follows it."""
    if atom.has_year or atom.month is None:
        return
    for year in (year_of.year, year_of.year - 1):
        if year < 1:
            continue
        if atom.day is not None:
            found = valid_day(year, atom.month, atom.day)
            if found is not None and found <= year_of:
                atom.candidates = [one_day(found)]
                return
        else:
            month = month_range(year, atom.month)
            if month.start <= year_of:
                atom.candidates = [month]
                return


def _combine(text: str, atoms: list[_Atom]) -> list[_Atom]:
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = CONNECTOR.fullmatch(text, atom.end, nxt.start) if nxt else None
        if nxt is None or gap is None or nxt.lead is not None:
            out.append(atom)
            i += 1
            continue
        word = gap[1].lower()
        if nxt.has_year and nxt.candidates and atom.kind in ("date", "month"):
            _with_year(atom, nxt.candidates[0].end)
        if word == "and" and atom.lead != "between":
            out.append(atom)  # "on Sunday and Tuesday": two mentions
            i += 1
            continue
        spans = sorted(
            {
                DateRange(a.start, b.end)
                for a in atom.candidates
                for b in nxt.candidates
                if a.start <= b.end and a.bounded and b.bounded
            }
        )
        if atom.candidates and nxt.candidates and not spans:
            out.append(atom)  # "2022 to 2021": not a range
            i += 1
            continue
        out.append(_Atom(atom.start, nxt.end, "range", spans, lead=atom.lead))
        i += 2
    return out


def _attach_leads(text: str, atoms: list[_Atom]) -> None:
    taken = 0
    for atom in atoms:
        if atom.lead is None:
            m = LEAD.search(text, max(taken, atom.start - 12), atom.start)
            joins = m is not None and not text[taken : m.start()].strip() and taken > 0
            if m is not None and joins and m[1].lower() in JOINING:
                pass  # "Sunday until Tuesday": the word joins a range
            elif m is not None and m.end() == atom.start:
                atom.lead = m[1].lower()
                atom.start = m.start()
        taken = atom.end


def _open_ended(atom: _Atom) -> list[DateRange]:
    if atom.kind == "range" and atom.lead in ("from", "between"):
        return atom.candidates
    if atom.lead in OPEN_END:
        return sorted({DateRange(c.start, MAX_DAY) for c in atom.candidates})
    if atom.lead in OPEN_START:
        return sorted({DateRange(MIN_DAY, c.end) for c in atom.candidates})
    return atom.candidates


def read_dates(text: str, reference: Day | None, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text``, in order, with the ranges it can mean.

    ``reference`` is the date the text was written (the source date); without
    it, expressions that need it have no candidates. ``offset`` is added to every
    mention's start and end: where ``text`` begins in a longer one.
    """
    atoms = _non_overlapping(
        [
            *_explicit_atoms(text, reference),
            *_weekday_atoms(text, reference),
            *_relative_atoms(text, reference),
        ]
    )
    _attach_leads(text, atoms)
    # A leading word like "from" belongs to the range a later pass may build.
    atoms = _combine(text, atoms)
    return [
        DateMention(
            text[a.start : a.end],
            a.start + offset,
            a.end + offset,
            a.kind,
            tuple(sorted(set(_open_ended(a)))),
        )
        for a in atoms
    ]


@functools.lru_cache(maxsize=256)
def reference_date(value: str | None) -> Day | None:
    """A source's date string (``2021-11-28``, or front matter's ``2021-11-28T10:00``).

    Memoised: asked for every paragraph read, and sources share few dates.
    """
    if value is None:
        return None
    m = SOURCE_DATE.match(value)
    return valid_day(int(m[1]), int(m[2]), int(m[3])) if m else None


def supports(mentions: Sequence[DateMention], start: Day, end: Day) -> bool:
    """Whether the mentions say the period ``start``-``end`` (a day when equal).

    A day is supported by a reading that contains it (``Nov. 28``, ``in November``,
    ``in 2021``, ``from 28 to 30 November``); a range, when its start and its end
    each fall within a reading (the same one, or two: ``on Sunday`` ...
    ``on Tuesday``).
    """
    readings = [c for m in mentions for c in m.candidates]
    return any(a.contains(start) for a in readings) and any(
        b.contains(end) and b.end >= start for b in readings
    )
