"""Dates as values: a DateRange of days, a DateMention in a text, and the calendar
arithmetic the date reader needs (month ends, day shifts within the calendar)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from factsheet.text.date_patterns import NOT_DIGITS
from factsheet.text.lexicon import MONTH_NUMBERS

Day = datetime.date
MIN_DAY = datetime.date.min
MAX_DAY = datetime.date.max


@dataclass(frozen=True, order=True)
class DateRange:
    """An inclusive range of days; ``MIN_DAY``/``MAX_DAY`` stand for an open end."""

    start: Day
    end: Day

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    @property
    def bounded(self) -> bool:
        return self.start != MIN_DAY and self.end != MAX_DAY

    def contains(self, day: Day) -> bool:
        return self.start <= day <= self.end

    def iso(self) -> str:
        """The fact-file form: ``YYYY-MM-DD`` or ``YYYY-MM-DD/YYYY-MM-DD``."""
        if self.is_day:
            return self.start.isoformat()
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def __str__(self) -> str:
        start, end = self.start, self.end
        if start == MIN_DAY:
            return f"{end.isoformat()} or earlier"
        if end == MAX_DAY:
            return f"{start.isoformat()} or later"
        if start.day == 1 and end == month_end(start.year, start.month):
            return f"{start.year:04d}-{start.month:02d}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            if start.year == end.year:
                return f"{start.year:04d}"
            return f"{start.year:04d}-{end.year:04d}"
        return self.iso()


@dataclass(frozen=True)
class DateMention:
    """A date expression: its words, offsets into the text read, and what it can mean.

    ``candidates`` holds every reading (several for an ambiguous weekday or a
    day-month near a new year); it is empty when the expression needs a
    reference date that was not given.
    """

    text: str
    start: int
    end: int
    kind: str  # date, days, month, year, weekday, relative, range
    candidates: tuple[DateRange, ...]

    @property
    def resolved(self) -> bool:
        return bool(self.candidates)

    @property
    def day(self) -> Day | None:
        """The one day the expression means, when it means exactly one."""
        if len(self.candidates) == 1 and self.candidates[0].is_day:
            return self.candidates[0].start
        return None

    def describe(self) -> str:
        """``"on Sunday" (2021-11-28)``; readings joined by "or"."""
        if not self.candidates:
            return f'"{self.text}" (no source date to read it against)'
        return f'"{self.text}" ({" or ".join(str(c) for c in self.candidates)})'


def month_end(year: int, month: int) -> Day:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def month_range(year: int, month: int) -> DateRange:
    return DateRange(datetime.date(year, month, 1), month_end(year, month))


def year_range(year: int, last: int | None = None) -> DateRange:
    return DateRange(datetime.date(year, 1, 1), datetime.date(last or year, 12, 31))


def valid_day(year: int, month: int, day: int) -> Day | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def one_day(day: Day) -> DateRange:
    return DateRange(day, day)


def shifted(day: Day, days: int) -> Day | None:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def month_number(word: str) -> int:
    return MONTH_NUMBERS[word.rstrip(".").lower()]


def day_number(word: str) -> int:
    return int(NOT_DIGITS.sub("", word))
