"""The number reader: values, units, multipliers, years, ranges and vague amounts."""

from __future__ import annotations

import time

import pytest

from factsheet.source.normalize import normalize
from factsheet.text.amounts import Quantity, currency_code, same_value
from factsheet.text.quantities import read_quantities, units_mentioned
from helpers import SEED

TIMES = "\u00d7"


def read_normalized(text: str) -> list[Quantity]:
    """Quantities of a curator's text, read after the matching normalisation."""
    return read_quantities(normalize(text).text)


def read(text: str) -> list[tuple[str, float, str | None, str]]:
    """(kind, value, unit, words) of every quantity in ``text``."""
    return [(q.kind, q.value, q.unit, q.text) for q in read_normalized(text)]


def one(text: str) -> Quantity:
    (quantity,) = read_normalized(text)
    return quantity


# Money: symbol, word and ISO code all read the same value


@pytest.mark.parametrize(
    "text",
    [
        "€200 million",
        "€200m",
        "€ 200 million",
        "200 million euros",
        "200m euros",
        "EUR 200 million",
        "EUR 200m",
        "200 million EUR",
        "200,000,000 EUR",
        "€200,000,000",
        "€0.2bn",
        "€0.2 billion",
        "two hundred million euros",
    ],
)
def test_two_hundred_million_euros_in_every_spelling(text: str) -> None:
    q = one(text)
    assert (q.kind, q.unit) == ("money", "EUR")
    assert same_value(q.value, 200_000_000)
    assert q.text == text


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("$226 million", "USD", 226e6),
        ("US$226m", "USD", 226e6),
        ("226 million dollars", "USD", 226e6),
        ("226 million US dollars", "USD", 226e6),
        ("USD 226 million", "USD", 226e6),
        ("£3.5 billion", "GBP", 3.5e9),
        ("3.5bn pounds", "GBP", 3.5e9),
        ("¥1,000", "JPY", 1000),
        ("PLN 40m", "PLN", 40e6),
        ("a million euros", "EUR", 1e6),
        ("$5bn", "USD", 5e9),
        ("500k euros", "EUR", 500e3),
    ],
)
def test_currencies_by_symbol_word_and_code(text: str, unit: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.unit, q.text) == ("money", unit, text)
    assert same_value(q.value, value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Indian papers stack the two scales: a lakh crore is 10^5 x 10^7.
        ("Rs 1.5 lakh crore", [("money", 1.5e12, "INR", "Rs 1.5 lakh crore")]),
        ("\u20b91 lakh crores", [("money", 1e12, "INR", "\u20b91 lakh crores")]),
        (
            "Rs 2-3 lakh crore",
            [("money", 2e12, "INR", "Rs 2"), ("money", 3e12, "INR", "3 lakh crore")],
        ),
        ("Rs 1.5 lakh, crore", [("money", 150_000, "INR", "Rs 1.5 lakh")]),
    ],
)
def test_lakh_crore_multiplies_both_scales(
    text: str, expected: list[tuple[str, float, str | None, str]]
) -> None:
    assert read(text) == expected


def test_dollar_sign_in_parentheses_is_usd() -> None:
    assert read("to 200 million euros ($226 million) for") == [
        ("money", 200e6, "EUR", "200 million euros"),
        ("money", 226e6, "USD", "$226 million"),
    ]


def test_iso_codes_are_case_sensitive() -> None:
    # `try` and `eur` in lower case are not currency codes.
    assert read("we will 3 try") == [("number", 3, None, "3")]
    assert one("5 EUR").unit == "EUR"


# Digits, scales, percentages


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,000", 2000),
        ("1,000,000", 1e6),
        ("1.5", 1.5),
        ("0.25", 0.25),
        ("1.5bn", 1.5e9),
        ("1.5 bn", 1.5e9),
        ("1.5 billion", 1.5e9),
        ("5k", 5000),
        ("3 mln", 3e6),
        ("2 trillion", 2e12),
        ("40 thousand", 40e3),
    ],
)
def test_digits_with_separators_decimals_and_scales(text: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.unit, q.text) == ("number", None, text)
    assert same_value(q.value, value)


@pytest.mark.parametrize(
    "text", ["5%", "5 %", "5 percent", "5 per cent", "five percent", "five per cent", "5 pct"]
)
def test_percentages_in_every_spelling(text: str) -> None:
    q = one(text)
    assert (q.kind, q.value, q.unit, q.text) == ("percent", 5, "percent", text)


def test_percentage_points_are_their_own_unit() -> None:
    assert read("a rise of 2 percentage points") == [
        ("percent", 2, "percentage point", "2 percentage points")
    ]


def test_m_without_a_currency_reads_both_ways() -> None:
    q = one("a 100m budget")
    assert q.text == "100m"
    assert q.equals(100e6)
    assert q.equals(100)
    assert not q.equals(100e3)
    assert one("€100m").values == (100e6,)


def test_m_after_a_space_without_currency_is_not_a_scale() -> None:
    assert read("a 5 m wall") == [("number", 5, None, "5")]


# Spelled-out numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("one", 1),
        ("seven", 7),
        ("nineteen", 19),
        ("twenty", 20),
        ("twenty-one", 21),
        ("ninety-nine", 99),
        ("a hundred", 100),
        ("two hundred", 200),
        ("two hundred and fifty", 250),
        ("a dozen", 12),
        ("two dozen", 24),
        ("three thousand", 3000),
        ("two hundred thousand", 200e3),
        ("a million", 1e6),
        ("half a million", 500e3),
        ("Twelve", 12),
    ],
)
def test_spelled_out_numbers(text: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.text) == ("number", text)
    assert same_value(q.value, value)


def test_spelled_number_in_a_sentence() -> None:
    assert read("Five members called a meeting about two issues.") == [
        ("number", 5, None, "Five"),
        ("number", 2, None, "two"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "one of the members",
        "One of them",
        "no one knows",
        "any one member",
        "each one",
        "one another",
        "a one-off payment",
        "on the one hand",
        "someone",
        "a visit",
        "an allegation",
        "a third",
        "Both leaders",
        "several reasons",
        "a few",
        "many",
        "often",
        "alone",
        "done",
        "network",
        "tentative",
    ],
)
def test_words_that_are_not_numbers(text: str) -> None:
    assert read(text) == []


def test_one_with_a_scale_is_a_number_even_after_the() -> None:
    assert read("the one billion euros") == [("money", 1e9, "EUR", "one billion euros")]


# Multipliers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("double", 2),
        ("doubled", 2),
        ("doubling", 2),
        ("twice", 2),
        ("twofold", 2),
        ("two times", 2),
        ("triple", 3),
        ("tripled", 3),
        ("tripling", 3),
        ("trebled", 3),
        ("threefold", 3),
        ("three-fold", 3),
        ("three times", 3),
        ("quadruple", 4),
        ("quadrupled", 4),
        ("quadruples", 4),
        ("fourfold", 4),
        ("4 times", 4),
        ("10-fold", 10),
        ("tenfold", 10),
        ("half", 0.5),
        ("halved", 0.5),
    ],
)
def test_multipliers_and_their_verb_forms(text: str, value: float) -> None:
    q = one(text)
    assert (q.kind, q.unit, q.text) == ("multiplier", None, text)
    assert same_value(q.value, value)


def test_multiplier_description_names_the_factor() -> None:
    assert one("tripled").describe() == f'"tripled" (3{TIMES})'
    assert one("quadruple").describe() == f'"quadruple" (4{TIMES})'


def test_multiplier_is_not_a_number() -> None:
    q = one("quadruple")
    assert q.kind == "multiplier"
    assert one("4").kind == "number"


@pytest.mark.parametrize("text", ["double standards", "a half-hearted effort", "halfway"])
def test_words_that_are_not_multipliers(text: str) -> None:
    assert read(text) == []


# Years and ranges


def test_years() -> None:
    assert read("in 2021") == [("year", 2021, None, "2021")]
    assert read("since 1991.") == [("year", 1991, None, "1991")]
    assert one("2021").describe() == '"2021" (2021)'


@pytest.mark.parametrize(
    "text",
    ["2021-2022", "2021\u20132022", "2021 \u2013 2022", "2021 and 2022", "2021\u201322", "2021-22"],
)
def test_year_ranges_read_both_years(text: str) -> None:
    assert [(q.kind, q.value) for q in read_normalized(text)] == [("year", 2021), ("year", 2022)]


def test_a_number_with_a_separator_is_not_a_year() -> None:
    assert one("2,021").kind == "number"
    assert one("2021 euros").kind == "money"


def test_decade_is_vague() -> None:
    assert read("in the 1990s") == [("vague", 0, None, "1990s")]


@pytest.mark.parametrize(
    ("text", "first", "second", "unit"),
    [
        ("€10-20 million", 10e6, 20e6, "EUR"),
        ("10-20 million euros", 10e6, 20e6, "EUR"),
        ("between 10 and 20 million euros", 10e6, 20e6, "EUR"),
        ("from 10 to 20 million", 10e6, 20e6, None),
        ("5-10%", 5, 10, "percent"),
        ("5 to 10 percent", 5, 10, "percent"),
    ],
)
def test_ranges_share_scale_and_unit(
    text: str, first: float, second: float, unit: str | None
) -> None:
    a, b = read_normalized(text)
    assert (a.unit, b.unit) == (unit, unit)
    assert same_value(a.value, first)
    assert same_value(b.value, second)


def test_and_joins_a_range_only_after_between() -> None:
    assert read("5 and 20 million") == [
        ("number", 5, None, "5"),
        ("number", 20e6, None, "20 million"),
    ]


# Vague quantities


@pytest.mark.parametrize(
    "text",
    [
        "thousands",
        "Thousands",
        "hundreds",
        "dozens",
        "millions",
        "tens of thousands",
        "hundreds of thousands",
        "scores",
    ],
)
def test_vague_quantities_have_no_value(text: str) -> None:
    (q,) = read_normalized(f"{text} of migrants")
    assert (q.kind, q.text) == ("vague", text.lower())
    assert not q.equals(0)
    assert not q.equals(1000)
    assert q.describe() == f'"{text.lower()}" (vague)'


def test_thousands_is_never_equal_to_a_thousand() -> None:
    (vague,) = read_normalized("Thousands of migrants")
    (exact,) = read_normalized("1,000 migrants")
    assert vague.kind == "vague"
    assert not vague.equals(exact.value)
    assert not vague.equals(1000)


def test_scores_is_vague_only_before_of() -> None:
    assert read("test scores") == []


# Not numbers


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19",
        "G7",
        "the G20 summit",
        "F-16 jets",
        "Su-35",
        "MH17",
        "3D",
        "5G networks",
        "the 1st",
        "the 21st century",
        "at 10am",
        "one of",
    ],
)
def test_no_false_numbers(text: str) -> None:
    assert read(text) == []


def test_clock_times_and_fractions_are_not_numbers() -> None:
    assert read("at 10:30") == []
    assert read("24/7") == []


def test_article_numbers_are_numbers() -> None:
    assert read("NATO's Article 4") == [("number", 4, None, "4")]


# The seed article


def test_every_quantity_in_the_seed_article() -> None:
    text = SEED.read_text(encoding="utf-8")
    body = text[text.index("\n") :]
    assert read(body) == [
        ("multiplier", 4, None, "quadruple"),
        ("money", 200e6, "EUR", "200 million euros"),
        ("money", 226e6, "USD", "$226 million"),
        ("year", 2021, None, "2021"),
        ("year", 2022, None, "2022"),
        ("vague", 0, None, "thousands"),
        ("number", 4, None, "4"),
        ("vague", 0, None, "thousands"),
    ]


# Offsets, normalisation, helpers


def test_offsets_index_the_text() -> None:
    text = "spend €200 million by 2022"
    for q in read_quantities(text):
        assert text[q.start : q.end] == q.text


def test_normalisation_reads_no_break_spaces_and_dashes() -> None:
    assert read("€200\u00a0million") == [("money", 200e6, "EUR", "€200 million")]
    assert read("5\u00a0per\u00a0cent") == [("percent", 5, "percent", "5 per cent")]


def test_describe() -> None:
    assert one("€200 million").describe() == '"€200 million" (200,000,000 EUR)'
    assert one("5%").describe() == '"5%" (5%)'
    assert one("1.5").describe() == '"1.5" (1.5)'


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("EUR", "EUR"),
        ("eur", "EUR"),
        ("euros", "EUR"),
        ("$", "USD"),
        ("percent", "percent"),
        ("%", "percent"),
        ("migrants", None),
    ],
)
def test_currency_code(word: str, code: str | None) -> None:
    assert currency_code(word) == code


def test_units_mentioned() -> None:
    assert units_mentioned("200 million, all in euros, or 5%") == {"EUR", "percent"}
    assert units_mentioned("200 migrants") == frozenset()


# The patterns are tried only where a match can start (factsheet.text.lexicon.finditer_at):
# what they find must be what a search through every position finds.

STARTS_TEXTS = [
    "no quantity here, only words such as someone, often and attend",
    "US$5, C$6, A$7, us$8, xUS$9 and abcC$10",
    "$ 5 and € 6 and £7 and ¥8 and $$9",
    "EUR 200 million, USD two million, EURO 5, xEUR 6",
    "a hundred, an hundred, half a million, A Thousand, data\u00a0hundred",
    "One of them; no one; twenty-one; Twofold; two-fold; TRIPLED; thrice",
    "tens of thousands, scores of migrants, test scores, hundreds",
    "10%, 5 per cent, 7 percent, 3 pct, 2 percentage points",
    "2021-22, 1990s, 3D, 5G, 10am, 20th, 1,000,000.5, ٣٤ units",
    "\u0131 d\u0131gits: tr\u0131pled, \u017fix, \u212aelvin, \u0130STANBUL 5",
    "200 million euros, 5 pounds sterling, 3 swiss francs, 1 us dollar",
    "hundreds at the start, then 5one, x5, .5, 5% of fifty and 7\u00a0million",
    "AN HUNDRED and An Thousand, a\thundred, aa hundred, banana million, a hundredfold",
    "US$ 5, Us$5 and uS$6; (C$7) [A$8]; $9",
    "R2-million, R1.4-billion and Rs 45,000 crore, Rs. 12,500 crore, \u20b928,000, INR 6,000 crore",
    "75 000 households, 3 200 metres, years 2021 300, R2-D2, Rs, rs 5, ARs 5, 9R5",
    "the ninth consecutive meeting at 3 a.m. and 16:30, half a day, first-half, 2.5 lakh",
    "Rs 1.5 lakh crore, \u20b92-3 lakh crores and 4 lakh-crore",
]


@pytest.mark.parametrize("text", STARTS_TEXTS)
def test_tried_starts_find_what_a_full_search_finds(text: str) -> None:
    from factsheet.text import quantities as numbers
    from factsheet.text.lexicon import finditer_at

    text = numbers._ascii(text)  # as read_quantities and units_mentioned hand it on
    for pattern, starts in (
        (numbers._PATTERN, numbers._quantity_starts(text)),
        (numbers._CURRENCY_MENTION, numbers._unit_starts(text)),
    ):
        tried = finditer_at(pattern, text, starts)
        everywhere = list(pattern.finditer(text))
        assert [(m.span(), m.groupdict()) for m in tried] == [
            (m.span(), m.groupdict()) for m in everywhere
        ]


def test_quantity_unpacks_the_pattern_groups_in_their_order() -> None:
    from factsheet.text import quantities as numbers

    # _quantity unpacks Match.groups() by position: an added or moved group must show here.
    assert tuple(numbers._PATTERN.groupindex) == numbers._GROUPS
    assert numbers._PATTERN.groups == len(numbers._GROUPS)


def test_ascii_lookalikes_become_their_letters_one_for_one() -> None:
    from factsheet.text import quantities as numbers

    assert numbers._ascii("\u0130\u0131 \u017fix \u212aelvin") == "Ii six Kelvin"
    assert [q.value for q in read_quantities("\u0131 5 million")] == [5e6]
    assert units_mentioned("5 sw\u0131ss francs, 7 \u017fterling") == {"CHF", "GBP"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("spending tr\u0131pled", [(3, "multiplier", 9, 16)]),  # dotless i
        ("5 m\u0131ll\u0131on euros", [(5e6, "money", 0, 15)]),
        ("\u0130N 2021 it doubled", [(2021, "year", 3, 7), (2, "multiplier", 11, 18)]),
        ("\u017fix hundred", [(600, "number", 0, 11)]),  # long s
    ],
)
def test_lookalike_letters_read_as_their_ascii_words_at_the_same_offsets(
    text: str, expected: list[tuple[float, str, int, int]]
) -> None:
    # Case-insensitive matching accepts them; before, their words were no table key (KeyError).
    assert [(q.value, q.kind, q.start, q.end) for q in read_quantities(text)] == expected


def test_read_quantities_returns_a_fresh_list() -> None:
    first = read_quantities("5 million euros")
    first.clear()
    assert len(read_quantities("5 million euros")) == 1


def test_same_value_tolerates_float_noise_only() -> None:
    assert same_value(0.1 + 0.2, 0.3)
    assert not same_value(200e6, 200e6 + 1)


def test_reading_is_fast_on_long_text() -> None:
    text = SEED.read_text(encoding="utf-8") * 50
    started = time.perf_counter()
    read_normalized(text)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    "text",
    [
        "the ninth consecutive meeting, for the 12th time, the second reading, Ninth Consecutive",
        "at the time of the third straight loss and a 21st successive year in a row",
        "time consecutive 5th  time tenth\ntime",
    ],
)
def test_ordinals_found_from_the_counted_word_are_those_a_full_search_finds(text: str) -> None:
    from factsheet.text import quantities as numbers

    assert [(q.start, q.end) for q in numbers._ordinals(text)] == [
        m.span() for m in numbers._ORDINAL.finditer(text)
    ]
