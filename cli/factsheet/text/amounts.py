"""What a quantity is: the words, symbols and scales that write amounts, and how two
values or units compare. The reader that finds quantities in prose is quantities.py."""

from __future__ import annotations

import math
from typing import Literal, NamedTuple

Kind = Literal["number", "percent", "money", "multiplier", "year", "vague"]

TIMES = "\u00d7"
PERCENT = "percent"
POINTS = "percentage point"
SYMBOLS = {
    "US$": "USD", "C$": "CAD", "A$": "AUD", "€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY",
    "₹": "INR",
}  # fmt: skip
# Symbols made of letters, read only before digits and case-sensitively: `R2-million`
# (rand), `Rs 45,000 crore`, `Rs. 12,500` (rupees).
LETTER_SYMBOLS = {"R": "ZAR", "Rs": "INR", "Rs.": "INR"}
LETTER_SYMBOL_PATTERN = r"(?-i:\b(?:Rs\.?\s?(?=\d)|R(?=\d)))"
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "us dollar": "USD",
    "us dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "swiss francs": "CHF",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "zloty": "PLN",
    "zlotys": "PLN",
    "zlotych": "PLN",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnas": "UAH",
    "rupee": "INR",
    "rupees": "INR",
}
ISO_CODES = frozenset(
    [
        "EUR", "USD", "GBP", "JPY", "CNY", "CHF", "RUB", "UAH", "PLN", "SEK", "NOK", "DKK",
        "CAD", "AUD", "NZD", "INR", "BRL", "ZAR", "TRY", "KRW", "MXN", "CZK", "HUF", "RON",
        "BGN", "ILS", "SGD", "HKD", "BYN", "ISK", "TWD", "SAR", "AED", "EGP", "NGN", "KZT",
    ]
)  # fmt: skip
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "tn": 1e12,
    "trn": 1e12,
    # Indian numbering: `2.5 lakh` is 250,000, `45,000 crore` is 450,000,000,000.
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
# `100m` without a currency may be 100 metres: it reads as 100,000,000 or 100.
AMBIGUOUS_SCALES = frozenset({"m", "b"})
ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SPELLED_SCALES = {"hundred": 100, "dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9}
MULTIPLIERS = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "thrice": 3,
    "treble": 3, "trebled": 3, "trebles": 3, "trebling": 3,
    "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
    "quintuple": 5, "quintupled": 5, "quintuples": 5, "quintupling": 5,
    "half": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5,
}  # fmt: skip
# `twofold`, `two-fold`, `tenfold`, `hundredfold`.
FOLDS = {
    f"{word}{joint}fold": float(value)
    for word, value in {**ONES, **TENS, "hundred": 100}.items()
    if value >= 2
    for joint in ("", "-")
}
VAGUE = (
    "tens of thousands",
    "hundreds of thousands",
    "tens of millions",
    "hundreds of millions",
    "tens of billions",
    "hundreds of billions",
    "thousands of millions",
    "thousands",
    "millions",
    "billions",
    "trillions",
    "hundreds",
    "dozens",
)
# `scores` and `tens` are vague only before `of` (`scores of migrants`, not `test scores`).
VAGUE_BEFORE_OF = ("scores", "tens")


class Quantity(NamedTuple):
    """One quantity read from a text: ``text[start:end]`` is its wording.

    ``unit`` is an ISO 4217 code (money), ``"percent"``, ``"percentage point"``
    or None. ``alt`` is a second reading of an ambiguous wording (`100m` without
    a currency: 100,000,000 or 100). Vague quantities have value 0 and compare
    only by their words. A named tuple, immutable like the frozen dataclass it was,
    but made three times faster: a text's quantities are made afresh for each text.
    """

    value: float
    unit: str | None
    kind: Kind
    text: str
    start: int
    end: int
    alt: float | None = None

    @property
    def values(self) -> tuple[float, ...]:
        return (self.value,) if self.alt is None else (self.value, self.alt)

    def equals(self, value: float) -> bool:
        """Whether any reading of this quantity is ``value``."""
        if self.kind == "vague":
            return False
        # `values` spelt out: asked for every pair of statement and evidence quantities
        return same_value(self.value, value) or (
            self.alt is not None and same_value(self.alt, value)
        )

    def describe(self) -> str:
        if self.kind == "vague":
            return f'"{self.text}" (vague)'
        if self.kind == "multiplier":
            return f'"{self.text}" ({format_value(self.value)}{TIMES})'
        return f'"{self.text}" ({describe_value(self.value, self.unit, self.kind)})'


def format_value(value: float, kind: str = "number") -> str:
    if kind == "year" or (value == int(value) and 1000 <= value < 10000 and kind == "date"):
        return str(int(value))
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def describe_value(value: float, unit: str | None, kind: str = "number") -> str:
    if unit == PERCENT:
        return f"{format_value(value)}%"
    return format_value(value, kind) + (f" {unit}" if unit else "")


def same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# Currencies a bare `$` may stand for: papers in Canada, Australia, New Zealand, Hong
# Kong or Singapore print their own dollars so. (`US$`, `C$`, `A$` say which.)
DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD", "JMD", "TTD", "BSD"})


def bare_dollar(q: Quantity) -> bool:
    """Whether a quantity is in dollars that the text does not say are US ones (`$4.2
    billion`): read as USD, it may be any of DOLLARS."""
    return q.unit == "USD" and q.text.startswith("$")


def same_unit(q: Quantity, unit: str | None) -> bool:
    """Whether a quantity is in ``unit``: a bare `$` is any dollar currency."""
    return q.unit == unit or (unit in DOLLARS and bare_dollar(q))


def currency_code(word: str) -> str | None:
    """The ISO code, or ``"percent"``, that a unit word names (`euros`, `€`, `%`)."""
    stripped = " ".join(word.split())
    if stripped.upper() in ISO_CODES:
        return stripped.upper()
    if stripped in SYMBOLS:
        return SYMBOLS[stripped]
    if stripped in LETTER_SYMBOLS:
        return LETTER_SYMBOLS[stripped]
    if stripped.lower() in CURRENCY_WORDS:
        return CURRENCY_WORDS[stripped.lower()]
    if stripped.lower() in ("%", "percent", "per cent", "pct", "percentage"):
        return PERCENT
    return None
