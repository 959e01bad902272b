"""The date reader (factsheet.text.date_expressions): every format, read against the seed's date."""

from __future__ import annotations

import datetime

import pytest

from factsheet.text.date_expressions import read_dates, reference_date, supports
from factsheet.text.date_values import MAX_DAY, MIN_DAY, DateMention, DateRange

SUNDAY = datetime.date(2021, 11, 28)  # the seed article's date


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def readings(text: str, reference: datetime.date | None = SUNDAY) -> list[tuple[str, list[str]]]:
    """Each mention's words and its readings, as the messages print them."""
    return [(m.text, [str(c) for c in m.candidates]) for m in read_dates(text, reference)]


# Explicit dates


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("It happened on 28 November 2021.", "on 28 November 2021", "2021-11-28"),
        ("It happened on November 28, 2021.", "on November 28, 2021", "2021-11-28"),
        ("It happened on Nov. 28.", "on Nov. 28", "2021-11-28"),
        ("It happened on 28 Nov last.", "on 28 Nov", "2021-11-28"),
        ("It happened on 2021-11-28.", "on 2021-11-28", "2021-11-28"),
        ("It happened on 28 November.", "on 28 November", "2021-11-28"),
        ("It happened on the 28th of November.", "on the 28th of November", "2021-11-28"),
        ("It happened on November 28th.", "on November 28th", "2021-11-28"),
        ("It happened on Sunday, November 28, 2021.", "on Sunday, November 28, 2021", "2021-11-28"),
        ("It happened on Sunday 28 November.", "on Sunday 28 November", "2021-11-28"),
        ("It happened on 28 Nov. 2021.", "on 28 Nov. 2021", "2021-11-28"),
        ("It happened on 28/11/2021.", "on 28/11/2021", "2021-11-28"),
        ("It happened on 28.11.2021.", "on 28.11.2021", "2021-11-28"),
        ("It happened on 3 May 2020.", "on 3 May 2020", "2020-05-03"),
    ],
)
def test_explicit_dates(text: str, words: str, day: str) -> None:
    assert readings(text) == [(words, [day])]


def test_a_day_month_takes_the_year_of_the_source_date() -> None:
    assert readings("on 2 March", datetime.date(2019, 6, 1)) == [("on 2 March", ["2019-03-02"])]


def test_a_day_month_near_new_year_may_be_the_nearer_year() -> None:
    # An article of 2 January 2022 about "30 December": 2021 is nearer; both readings count.
    assert readings("on 30 December", d("2022-01-02")) == [
        ("on 30 December", ["2021-12-30", "2022-12-30"])
    ]


def test_numeric_dates_with_slashes_read_both_ways_when_they_can() -> None:
    assert readings("on 03/04/2021") == [("on 03/04/2021", ["2021-03-04", "2021-04-03"])]
    assert readings("on 11/28/2021") == [("on 11/28/2021", ["2021-11-28"])]


def test_impossible_dates_are_not_dates() -> None:
    assert readings("on 2021-02-30 or 31/02/2021") == []


def test_the_mention_knows_its_offsets_and_single_day() -> None:
    text = "Leaders met on 28 November 2021 in Vilnius."
    (mention,) = read_dates(text, None)
    assert text[mention.start : mention.end] == mention.text == "on 28 November 2021"
    assert mention.day == d("2021-11-28")
    assert mention.kind == "date"
    assert mention.resolved


# Months and years


@pytest.mark.parametrize(
    ("text", "words", "reading"),
    [
        ("It began in November 2021.", "in November 2021", "2021-11"),
        ("It began in Nov. 2021.", "in Nov. 2021", "2021-11"),
        ("It began in November.", "in November", "2021-11"),
        ("It began in 2021.", "in 2021", "2021"),
        ("It began in mid-2021.", "2021", "2021"),
        ("It ran in 2021-22.", "in 2021-22", "2021-2022"),
        ("It ran in 2021\u20132022.", "in 2021\u20132022", "2021-2022"),
        ("It began last year.", "last year", "2020"),
        ("It began this month.", "this month", "2021-11"),
        ("It begins next month.", "next month", "2021-12"),
    ],
)
def test_months_and_years_are_periods(text: str, words: str, reading: str) -> None:
    assert readings(text) == [(words, [reading])]


def test_the_years_2021_and_2022_are_two_years() -> None:
    text = "for the years 2021 and 2022"
    assert readings(text) == [("2021", ["2021"]), ("2022", ["2022"])]


@pytest.mark.parametrize(
    "text",
    [
        "deployed 2000 troops",
        "200 million euros ($226 million)",
        "a 2021 percent rise",  # no cue word before the number
        "in the 1990s",
        "Theresa May said",
        "They may march.",
        "NATO's Article 4",
        "invested 2,021 euros",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert readings(text) == []


def test_may_needs_a_clear_cue_but_other_months_less_so() -> None:
    assert readings("in May") == [("in May", ["2021-05", "2022-05"])]
    assert readings("by May") == []
    assert readings("by June") == [("by June", ["2021-06-30 or earlier"])]


# Weekdays within six days of the source date


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("On trips to Lithuania and Latvia on Sunday, leaders pledged", ["2021-11-28"]),
        ("The conference, which begins on Tuesday in Latvia, is expected", ["2021-11-30"]),
        ("The ministers will meet on Tuesday.", ["2021-11-30"]),
        ("The talks begin on Tuesday.", ["2021-11-30"]),
        ("The ministers met on Tuesday.", ["2021-11-23"]),
        ("The talks were held on Friday.", ["2021-11-26"]),
        ("Stoltenberg said on Tuesday.", ["2021-11-23"]),
        ("The summit is on Tuesday.", ["2021-11-23", "2021-11-30"]),  # no cue: both
        ("He said he would fly on Tuesday.", ["2021-11-23", "2021-11-30"]),
        ("He said on Friday that talks will resume.", ["2021-11-26", "2021-12-03"]),  # mixed
        ("It happened last Tuesday.", ["2021-11-23"]),
        ("It happens next Tuesday.", ["2021-11-30"]),
        ("It happens this coming Friday.", ["2021-12-03"]),
        ("It happened last Sunday.", ["2021-11-21"]),
        ("It happens next Sunday.", ["2021-12-05"]),
        ("Saturday's talks ended.", ["2021-11-27"]),
    ],
)
def test_weekdays(text: str, days: list[str]) -> None:
    (mention,) = read_dates(text, SUNDAY)
    assert [str(c) for c in mention.candidates] == days
    assert mention.kind == "weekday"


def test_a_weekday_is_never_more_than_six_days_away_without_last_or_next() -> None:
    for offset in range(7):
        reference = SUNDAY + datetime.timedelta(days=offset)
        for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
            (mention,) = read_dates(f"on {name}", reference)
            for reading in mention.candidates:
                assert reading.is_day
                assert abs((reading.start - reference).days) <= 6
                assert reading.start.strftime("%A") == name


@pytest.mark.parametrize(
    "text",
    ["Black Friday sales", "Bloody Sunday", "Super Tuesday", "every Tuesday", "on Tuesdays"],
)
def test_weekdays_that_are_names_or_recurring_are_not_dates(text: str) -> None:
    assert readings(text) == []


# today / yesterday / tomorrow and weeks


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("today", "2021-11-28"),
        ("Today", "2021-11-28"),
        ("tonight", "2021-11-28"),
        ("this morning", "2021-11-28"),
        ("yesterday", "2021-11-27"),
        ("tomorrow", "2021-11-29"),
        ("this week", "2021-11-22/2021-12-04"),
        ("last week", "2021-11-15/2021-11-27"),
        ("next week", "2021-11-29/2021-12-11"),
    ],
)
def test_relative_days_and_weeks(text: str, reading: str) -> None:
    assert readings(text) == [(text, [reading])]


# Ranges


@pytest.mark.parametrize(
    ("text", "words", "reading"),
    [
        ("from 28 to 30 November", "from 28 to 30 November", "2021-11-28/2021-11-30"),
        ("between 28 and 30 November", "between 28 and 30 November", "2021-11-28/2021-11-30"),
        ("on 28-30 November 2021", "on 28-30 November 2021", "2021-11-28/2021-11-30"),
        ("on November 28\u201330", "on November 28\u201330", "2021-11-28/2021-11-30"),
        ("between Sunday and Tuesday", "between Sunday and Tuesday", "2021-11-28/2021-11-30"),
        ("from Sunday to Tuesday", "from Sunday to Tuesday", "2021-11-28/2021-11-30"),
        ("from Sunday until Tuesday", "from Sunday until Tuesday", "2021-11-28/2021-11-30"),
        (
            "from 28 November to 2 December 2021",
            "from 28 November to 2 December 2021",
            "2021-11-28/2021-12-02",
        ),
        (
            "from 30 December to 2 January 2022",
            "from 30 December to 2 January 2022",
            "2021-12-30/2022-01-02",
        ),
        ("2021-11-28/2021-11-30", "2021-11-28/2021-11-30", "2021-11-28/2021-11-30"),
    ],
)
def test_ranges(text: str, words: str, reading: str) -> None:
    assert readings(text) == [(words, [reading])]


def test_two_days_joined_by_and_are_two_days_not_a_range() -> None:
    assert readings("on 28 and 30 November") == [
        ("on 28 and 30 November", ["2021-11-28", "2021-11-30"])
    ]
    assert readings("on Sunday and Tuesday") == [
        ("on Sunday", ["2021-11-28"]),
        ("Tuesday", ["2021-11-23", "2021-11-30"]),
    ]


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("since 2020", "2020-01-01 or later"),
        ("after 28 November", "2021-11-28 or later"),
        ("from Sunday", "2021-11-28 or later"),
        ("until 30 November", "2021-11-30 or earlier"),
        ("before 2022", "2022-12-31 or earlier"),
    ],
)
def test_open_ranges(text: str, reading: str) -> None:
    assert readings(text) == [(text, [reading])]


# Without a source date


def test_without_a_reference_only_dates_with_years_resolve() -> None:
    mentions = read_dates(
        "On Sunday, 28 November, leaders met; on 30 November 2021 and in 2022 they will "
        "meet again, today or tomorrow.",
        None,
    )
    assert [(m.text, m.resolved) for m in mentions] == [
        ("On Sunday, 28 November", False),
        ("on 30 November 2021", True),
        ("in 2022", True),
        ("today", False),
        ("tomorrow", False),
    ]


def test_without_a_reference_a_later_year_completes_a_range() -> None:
    assert readings("from 28 November to 2 December 2021", None) == [
        ("from 28 November to 2 December 2021", ["2021-11-28/2021-12-02"])
    ]


# The seed article


def test_the_seed_article_paragraphs() -> None:
    text = (
        "The NATO foreign ministers\u2019 conference, which begins on Tuesday in Latvia, "
        "is expected to address Russia\u2019s military buildup near Ukraine."
    )
    assert readings(text) == [("on Tuesday", ["2021-11-30"])]
    text = "On trips to Lithuania and Latvia on Sunday, EU and NATO leaders pledged to combat"
    assert readings(text) == [("on Sunday", ["2021-11-28"])]


# supports()


def mention(*readings: DateRange) -> DateMention:
    return DateMention("x", 0, 1, "date", readings)


def day(text: str) -> DateRange:
    return DateRange(d(text), d(text))


def test_supports_a_day_inside_a_reading() -> None:
    sunday = [mention(day("2021-11-28"))]
    assert supports(sunday, d("2021-11-28"), d("2021-11-28"))
    assert not supports(sunday, d("2021-11-29"), d("2021-11-29"))
    november = [mention(DateRange(d("2021-11-01"), d("2021-11-30")))]
    assert supports(november, d("2021-11-29"), d("2021-11-29"))
    assert not supports(november, d("2021-12-01"), d("2021-12-01"))


def test_supports_a_range_by_an_equal_range_or_its_two_ends() -> None:
    start, end = d("2021-11-28"), d("2021-11-30")
    assert supports([mention(DateRange(start, end))], start, end)
    assert supports([mention(day("2021-11-28")), mention(day("2021-11-30"))], start, end)
    assert not supports([mention(day("2021-11-28"))], start, end)
    assert not supports([mention(day("2021-11-30")), mention(day("2021-11-28"))], end, start)


def test_supports_open_ranges() -> None:
    since = [mention(DateRange(d("2020-01-01"), MAX_DAY))]
    assert supports(since, d("2021-11-28"), d("2021-11-28"))
    assert not supports(since, d("2019-12-31"), d("2019-12-31"))
    until = [mention(DateRange(MIN_DAY, d("2021-11-30")))]
    assert supports(until, d("2021-11-28"), d("2021-11-30"))


def test_range_rendering() -> None:
    assert DateRange(d("2021-11-28"), d("2021-11-30")).iso() == "2021-11-28/2021-11-30"
    assert day("2021-11-28").iso() == "2021-11-28"
    assert str(DateRange(d("2021-02-01"), d("2021-02-28"))) == "2021-02"
    assert str(DateRange(d("2021-01-01"), d("2021-12-31"))) == "2021"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-28", datetime.date(2021, 11, 28)),
        ("2021-11-28T10:00:00Z", datetime.date(2021, 11, 28)),
        ("2021-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_reference_date(value: str | None, expected: datetime.date | None) -> None:
    assert reference_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no dates at all, not even on a holiday", []),
        ("in November", [("in November", ["2021-11"])]),
        ("in 2021", [("in 2021", ["2021"])]),
        ("on 28 November", [("on 28 November", ["2021-11-28"])]),
        ("TODAY", [("TODAY", ["2021-11-28"])]),
        ("Yesterday", [("Yesterday", ["2021-11-27"])]),
        # Case-insensitive matching reads the dotless i as an i.
        ("th\u0131s week", [("th\u0131s week", ["2021-11-22/2021-12-04"])]),
    ],
)
def test_gates_skip_only_patterns_that_cannot_match(
    text: str, expected: list[tuple[str, list[str]]]
) -> None:
    assert readings(text) == expected


# Weekday names are found by a scan that skips ahead to capitals, and the full pattern is
# tried only there and at the word before them: it must find what a search through every
# position finds.

WEEKDAY_TEXTS = [
    "no weekday here, only a holiday and a dayday",
    "on Sunday, last Monday, next  Tuesday and this coming\nFriday",
    "This coming Saturday; Coming Sunday; xthis Monday; blast Friday; past\tWednesday",
    "Sundays, Mondayx, Black Friday, every Thursday, said. Tuesday's talks",
    "this  coming Monday, this comingMonday, last\u00a0Sunday, Last Last Sunday",
    "Monday Tuesday Wednesday",
]


@pytest.mark.parametrize("text", WEEKDAY_TEXTS)
def test_weekday_scan_finds_what_a_full_search_finds(text: str) -> None:
    from factsheet.text import date_expressions as dates
    from factsheet.text.date_patterns import WEEKDAY_RE

    found = dates._weekday_matches(text)
    everywhere = list(WEEKDAY_RE.finditer(text))
    assert [(m.span(), m.groups()) for m in found] == [(m.span(), m.groups()) for m in everywhere]


@pytest.mark.parametrize(
    "sentence",
    [
        "The conference begins on Tuesday.",
        "Leaders pledged on Sunday to act.",
        "It TOOK  PLACE on Monday.",
        "It wa\u017f held on Monday.",  # long s: a case-insensitive `was`
        "Washington metres agony on Friday",  # first words inside other words
        "",
    ],
)
def test_past_cue_gate_agrees_with_the_search(sentence: str) -> None:
    from factsheet.text import tense

    assert tense.has_past_cue(sentence) == bool(tense._PAST_CUES.search(sentence))
