"""Reading quantities from prose: values, units, multipliers, years and vague amounts.

`€200 million`, `200 million euros`, `EUR 200m` and `200,000,000 EUR` all read as
200,000,000 EUR; `quadruple`, `quadrupled`, `four times` and `fourfold` read as
the multiplier 4; `thousands` is vague and compares only as a word, never as a
value that could match 1,000. Ranges share their scale and unit (`€10-20 million`
is 10,000,000 EUR and 20,000,000 EUR) and `2021-22` reads as 2021 and 2022.

Every pattern is compiled once, at import.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

from factsheet.source.normalize import normalize

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
_LETTER_SYMBOL = r"(?-i:\b(?:Rs\.?\s?(?=\d)|R(?=\d)))"
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
_AMBIGUOUS_SCALES = frozenset({"m", "b"})
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
_SPELLED_SCALES = {"hundred": 100, "dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9}
MULTIPLIERS = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "thrice": 3,
    "treble": 3, "trebled": 3, "trebles": 3, "trebling": 3,
    "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4,
    "quintuple": 5, "quintupled": 5, "quintuples": 5, "quintupling": 5,
    "half": 0.5, "halved": 0.5, "halves": 0.5, "halving": 0.5,
}  # fmt: skip
# `twofold`, `two-fold`, `tenfold`, `hundredfold`.
_FOLDS = {
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
_VAGUE_BEFORE_OF = ("scores", "tens")


def _words(options: object) -> str:
    """Alternatives that prefer the longest word, as a trie: `d(?:ouble(?:d|s|)|...)`.

    A trie tries the words that match at a position longest first, as a list sorted
    by length would, but the engine rejects a non-matching first letter once instead
    of once for every word (the patterns are case-insensitive, so it cannot skip them).
    """
    words: list[str] = list(options)  # type: ignore[call-overload]
    return _trie(sorted(set(words)))


def _trie(words: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(first) + _trie(rests) for first, rests in groups.items()]
    if "" in words:
        return f"(?:{'|'.join(branches)}|)" if branches else ""
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def _spaced(options: object) -> str:
    """Alternatives whose inner spaces match any one whitespace character."""
    return _words(options).replace(r"\ ", r"\s")


_SPELLED_WORD = (
    rf"(?:(?:{_words(TENS)})(?:-(?:{_words(k for k, v in ONES.items() if 0 < v < 10)}))?"
    rf"|{_words(ONES)}|{_words(_SPELLED_SCALES)})"
)
_SPELLED_START = (
    rf"(?:(?:{_words(TENS)})(?:-(?:{_words(k for k, v in ONES.items() if 0 < v < 10)}))?"
    rf"|{_words(ONES)}|an?(?=\s(?:{_words(_SPELLED_SCALES)})\b))"
)
_AFTER_SCALE = "|".join(f"(?<={w})" for w in _SPELLED_SCALES if w != "dozen")
_SPELLED = rf"{_SPELLED_START}(?:(?:\s|-|(?:{_AFTER_SCALE})\sand\s)(?:{_SPELLED_WORD})(?![\w]))*"
# Thousands separated by commas, or by a (thin or no-break) space as in much of the
# world (`75 000`: normalisation makes every such space a plain one).
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
)
_ISO = rf"(?-i:{_words(ISO_CODES)})"

# Where a quantity can start, tested first so that the engine skips every other
# position at once (the alternatives below are tried, case-insensitively, only there):
# a currency symbol (which may follow a letter), or a word start on a digit, on an
# ISO code's capital, or on the first letter of a word that can open a quantity.
_FIRST_LETTERS = "".join(
    sorted(
        {
            w[0]
            for words in (ONES, TENS, _FOLDS, MULTIPLIERS, VAGUE, _VAGUE_BEFORE_OF)
            for w in words
        }
        | {"a", "h"}  # `a hundred`, `half a million`
    )
)
_ISO_FIRST = "".join(sorted({code[0] for code in ISO_CODES}))
_SYMBOL_START = _words(SYMBOLS)  # a symbol needs no word start: `US$`, `€`
_QUANTITY_START = rf"(?={_SYMBOL_START}|\b(?:[\d{_FIRST_LETTERS}]|(?-i:[{_ISO_FIRST}])))"

_PATTERN = re.compile(
    rf"""
    {_QUANTITY_START}
    (?:
    (?P<halfa>\bhalf\sa\s(?P<halfscale>dozen|hundred|thousand|million|billion)\b)
  | (?P<vague>\b(?:{_spaced(VAGUE)})\b|\b(?:{_words(_VAGUE_BEFORE_OF)})(?=\sof\b))
  | (?P<mult>\b(?:{_words(_FOLDS)}|{_words(MULTIPLIERS)})\b(?!-\w))
  | (?:(?P<sym>{_words(SYMBOLS)}|{_LETTER_SYMBOL})\s?|\b(?P<iso>{_ISO})\s)?
    (?:
        (?(sym)|(?<![\w.,:/])(?<![A-Za-z]-))(?P<digits>{_DIGITS})(?![.,:/]?\d)
      | \b(?P<spelled>{_SPELLED})\b
    )
    (?:(?P<abbrsp>\s)?(?P<abbr>bn|mn|mln|trn|tn|k|m|b)(?![\w])
      |[\s-](?P<scale>thousand|million|billion|trillion|lakhs?|crores?)\b)?
    (?:\s?(?P<pct>%|percent\b|per\scent\b|pct\b)
      |\s(?P<pp>percentage\spoints?)\b
      |\s(?P<cword>{_spaced(CURRENCY_WORDS)})\b
      |\s(?P<isoafter>{_ISO})\b
      |\s(?P<times>times)\b
      |-?(?P<fold>fold)\b)?
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ONE_NOT_A_NUMBER_BEFORE = re.compile(
    r"\b(?:no|any|every|each|the|this|that|which|some|any|the\sonly)\s$", re.IGNORECASE
)
_ONE_NOT_A_NUMBER_AFTER = re.compile(
    r"(?:\s(?:of|another|day|way|side|hand|by|or\sanother|or\sthe\sother)\b|-[A-Za-z])",
    re.IGNORECASE,
)
_NOT_A_DOUBLING = re.compile(
    r"\s(?:standards?|agents?|digits?|taxation|life|lives|role|roles|game|check)\b", re.I
)
_ONE_IN = re.compile(r"\s+in\s+(?:\d|[a-z]+\b)", re.IGNORECASE)  # `one in five`: a ratio
_CLOCK = re.compile(r"\s?[ap]\.?m\b\.?|:\d\d", re.IGNORECASE)
_HALF_A = re.compile(r"\san?\s", re.IGNORECASE)
_DECADE = re.compile(r"(?:1[5-9]|20)\d0s\b")
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_RANGE_JOINT = re.compile(r"\s?-\s?|\s(?:to|and)\s")
_BETWEEN = re.compile(r"\b(?:between|from)\s$", re.IGNORECASE)
_CURRENCY_FIRST = "".join(sorted({w[0] for w in CURRENCY_WORDS}))
_CURRENCY_MENTION = re.compile(
    rf"(?={_SYMBOL_START}|%|\b(?:[{_CURRENCY_FIRST}p]|(?-i:[{_ISO_FIRST}])))"  # as above
    rf"(?:(?P<sym>{_words(SYMBOLS)})|\b(?P<iso>{_ISO})\b|\b(?P<word>{_spaced(CURRENCY_WORDS)})\b"
    r"|(?P<pct>%|\bper\s?cent\b|\bpct\b))",
    re.IGNORECASE,
)


# The patterns above cost ~0.5 µs a character: case-insensitive and opening with a
# lookahead, they cannot skip ahead to a likely start, so the engine tries every position.
# They are tried only where a match can start: on a digit run, a currency symbol (or the
# `US`, `C`, `A` of `US$`), `%`, an ISO code, or a word that can open a match. Every
# branch of the big patterns opens at a word boundary or on such a sign, so a word that
# opens a match is a whole run of ASCII letters, found in the lower-cased text. Each
# finder opens with a plain set of characters, which lets the engine skip ahead to them.
def _first_words(words: Iterable[str]) -> re.Pattern[str]:
    """The first words of ``words``, each a whole word of the lower-cased text.

    The finder opens on the character before the word (any but a lower-case ASCII
    letter), a set the engine skips to at once; see _word_starts.
    """
    firsts = {re.findall("[a-z]+", word)[0] for word in words}
    return re.compile(rf"[^a-z]({_words(firsts)})(?![a-z])")


def _word_starts(finder: re.Pattern[str], lowered: str) -> list[int]:
    """Where ``finder``'s words start in ``lowered``: after a non-letter, or at 0.

    A match takes the character before its word, never a letter of another word, so
    no word the finder seeks hides inside a match.
    """
    starts = [m.start(1) for m in finder.finditer(lowered)]
    if lowered[:1].isalpha() and finder.match(" " + lowered):
        starts.append(0)
    return starts


_QUANTITY_WORD = _first_words(
    [*ONES, *TENS, *_SPELLED_SCALES, *_FOLDS, *MULTIPLIERS, *VAGUE, *_VAGUE_BEFORE_OF]
)
_SCALE_WORDS = tuple(_SPELLED_SCALES)
_UNIT_WORD = _first_words([*CURRENCY_WORDS, "per", "percent", "pct"])
_DIGIT_RUN = re.compile(r"\d\d*")  # not `\d+`: an opening set lets the engine skip ahead
_CURRENCY_SYMBOL = re.compile(r"[$€£¥₹]")
_UNIT_SIGN = re.compile(r"[$€£¥₹%]")
# Starts with its letter (no lookbehind first), so that the engine skips to each R at once.
_LETTER_SYMBOL_START = re.compile(r"R(?<![\w.]R)s?\.?\s?\d")
_ISO_CODE = re.compile(_words(ISO_CODES))
# Case-insensitive matching equates these with ASCII letters (`tr\u0131pled` matches
# `tripled`), but their lower case is no key of our word tables, the start scans below
# (on lowered text) would miss them, and str.lower lengthens the dotted capital I. Each
# becomes its ASCII letter, one character for one, so offsets hold and words read as such.
_TO_ASCII = str.maketrans({"\u0131": "i", "\u0130": "I", "\u017f": "s", "\u212a": "K"})
_LOOKALIKE = re.compile("[\u0131\u0130\u017f\u212a]")


def _ascii(text: str) -> str:
    """``text`` as the readers take it: look-alike letters made ASCII (see _TO_ASCII).

    Most text holds none (translating it would cost several µs: curly quotes make
    much of it non-ASCII), so a search looks first.
    """
    if text.isascii() or _LOOKALIKE.search(text) is None:
        return text
    return text.translate(_TO_ASCII)


def _quantity_starts(text: str) -> list[int]:
    """Where a quantity can start in an _ascii() text."""
    lowered = text.lower()
    starts = _word_starts(_QUANTITY_WORD, lowered)
    # `a hundred`, `an hundred` start before a scale word, which is among the words found.
    for at in [at for at in starts if lowered.startswith(_SCALE_WORDS, at)]:
        if at >= 2 and lowered[at - 2] == "a":
            starts.append(at - 2)
        elif at >= 3 and lowered[at - 3 : at - 1] == "an":
            starts.append(at - 3)
    # \d matches digits of any script; in ASCII text, substring tests (in C) are cheaper.
    if not text.isascii() or any(digit in text for digit in "0123456789"):
        starts += [m.start() for m in _DIGIT_RUN.finditer(text)]
    if starts:  # a currency symbol or an ISO code opens a quantity only before a number
        starts += [m.start() for m in _ISO_CODE.finditer(text)]
        starts += _symbol_starts(text, _CURRENCY_SYMBOL)
        if "R" in text:
            starts += [m.start() for m in _LETTER_SYMBOL_START.finditer(text)]
    return starts


def _unit_starts(text: str) -> list[int]:
    """Where a currency or percent mention can start in an _ascii() text."""
    starts = _word_starts(_UNIT_WORD, text.lower())
    starts += [m.start() for m in _ISO_CODE.finditer(text)]
    return starts + _symbol_starts(text, _UNIT_SIGN)


def _symbol_starts(text: str, symbols: re.Pattern[str]) -> list[int]:
    starts: list[int] = []
    for m in symbols.finditer(text):
        at = m.start()
        if text[at] == "$":  # `US$`, `C$`, `A$` (any case)
            if text[at - 2 : at].lower() == "us":
                starts.append(at - 2)
            elif text[at - 1 : at].lower() in ("c", "a"):
                starts.append(at - 1)
        starts.append(at)
    return starts


def _finditer(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, tried only at ``starts`` (all the places a match can start).

    Each match is the leftmost at or after the end of the last one, as finditer finds it:
    a match at a position (its lookbehinds and word boundaries see the text before it) is
    what a search reaching that position finds, and no match starts anywhere else.
    """
    found: list[re.Match[str]] = []
    end = 0
    for at in sorted(set(starts)):
        if at >= end and (m := pattern.match(text, at)) is not None:
            found.append(m)
            end = m.end()
    return found


ORDINALS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
# An ordinal counts only where it counts something (`the ninth consecutive meeting`, `for
# the 12th time`), not where it ranks (`the second reading`).
_ORDINAL = re.compile(
    rf"\b(?:(?P<word>{_words(ORDINALS)})|(?P<digits>\d{{1,3}})(?:st|nd|rd|th))"
    r"(?=\s(?:consecutive|straight|successive|time|year\sin\sa\srow|month\sin\sa\srow)\b)",
    re.IGNORECASE,
)


_COUNTED = re.compile(
    r"(?<=\s)(?:consecutive|straight|successive|time|year\sin\sa\srow|month\sin\sa\srow)\b",
    re.IGNORECASE,
)
_ORDINAL_BACK = re.compile(r"\w*\s?\Z")  # the word before a counted word


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


def same_unit(q: Quantity, unit: str | None) -> bool:
    """Whether a quantity is in ``unit``: a bare `$` is any dollar currency."""
    if q.unit == unit:
        return True
    return q.unit == "USD" and unit in DOLLARS and q.text.startswith("$")


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


def units_mentioned(text: str) -> frozenset[str]:
    """Currencies (ISO codes) and ``"percent"`` that ``text`` names anywhere."""
    found: set[str] = set()
    text = _ascii(text)
    for m in _finditer(_CURRENCY_MENTION, text, _unit_starts(text)):
        code = currency_code(m.group())
        if code is not None:
            found.add(code)
    return frozenset(found)


def read_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text`` (offsets into ``text``), in order."""
    return list(_read_quantities(text))


@functools.lru_cache(maxsize=4096)
def _read_quantities(text: str) -> tuple[Quantity, ...]:
    """Memoised (quantities are immutable): fact files repeat statements and excerpts."""
    text = _ascii(text)  # one character for one: offsets hold for the text given
    starts = _quantity_starts(text)
    # An ordinal counts only before one of these words (see _ORDINAL): most texts hold none.
    ordinals = _ordinals(text)
    if not starts and not ordinals:
        return ()  # most statements: no digit and no number word
    read: list[Quantity] = []
    scaled: list[bool] = []
    for m in _finditer(_PATTERN, text, starts):
        quantity = _quantity(m, text)
        if quantity is not None:
            read.append(quantity[0])
            scaled.append(quantity[1])
    if ordinals:
        taken = [(q.start, q.end) for q in read]
        for ordinal in ordinals:
            if not any(a < ordinal.end and ordinal.start < b for a, b in taken):
                read.append(ordinal)
                scaled.append(False)
        order = sorted(range(len(read)), key=lambda i: read[i].start)
        read, scaled = [read[i] for i in order], [scaled[i] for i in order]
    return tuple(_ranges(read, scaled, text))


def _ordinals(text: str) -> list[Quantity]:
    """Ordinals that count (`ninth consecutive`, `12th time`), as numbers.

    As ``_ORDINAL.finditer(text)``, but found from the counted word back (which the
    engine skips to at once) rather than by trying the ordinals at every word.
    """
    found = []
    for after in _COUNTED.finditer(text):
        back = _ORDINAL_BACK.search(text, max(0, after.start() - 16), after.start())
        m = _ORDINAL.match(text, back.start()) if back is not None else None
        if m is None or m.end() + 1 != after.start():
            continue
        value = ORDINALS[m["word"].lower()] if m["word"] else int(m["digits"])
        found.append(Quantity(float(value), None, "number", m.group(), m.start(), m.end()))
    return found


def read_normalized(text: str) -> list[Quantity]:
    """Quantities of a curator's text, read after the matching normalisation."""
    return read_quantities(normalize(text).text)


# The named groups of _PATTERN in their order, as Match.groups() gives them: unpacking
# that tuple costs a fraction of groupdict() (tests/test_numbers.py checks the order).
_GROUPS = (
    "halfa", "halfscale", "vague", "mult", "sym", "iso", "digits", "spelled", "abbrsp",
    "abbr", "scale", "pct", "pp", "cword", "isoafter", "times", "fold",
)  # fmt: skip


def _quantity(m: re.Match[str], text: str) -> tuple[Quantity, bool] | None:
    """The quantity of one match and whether it carries its own scale; None if none."""
    (
        halfa, halfscale, vague, mult, sym, iso, digits, spelled, abbrsp,
        abbr, scale_word, pct, pp, cword, isoafter, times, fold,
    ) = m.groups()  # fmt: skip
    start, end = m.span()
    if halfa:
        value = 0.5 * _SPELLED_SCALES[halfscale.lower()]
        return Quantity(value, None, "number", m.group(), start, end), True
    if vague:
        return Quantity(0, None, "vague", " ".join(vague.lower().split()), start, end), False
    if mult:
        word = mult.lower()
        if word == "double" and _NOT_A_DOUBLING.match(text, end):
            return None
        if word == "half" and (_HALF_A.match(text, end) or text[start - 1 : start] == "-"):
            return None  # `half a day`, `first-half profit`: no multiplier
        value = MULTIPLIERS.get(word) or _FOLDS[word]
        return Quantity(value, None, "multiplier", mult, start, end), False
    if digits is not None:
        value = float(
            digits.replace(",", "")
            .replace(" ", "")
            .replace("\u2009", "")
            .replace("\u202f", "")
            .replace("\u00a0", "")
        )
        after = m.end("digits")
        if not (sym or iso) and _CLOCK.match(text, after):
            return None  # a time of day: `3 a.m.`, `6 p.m.`
        if after < len(text) and text[after].isalpha() and not _attached(m, after):
            decade = _DECADE.match(text, m.start("digits"))
            if decade and not sym and not iso:
                words = decade.group()
                return Quantity(0, None, "vague", words, decade.start(), decade.end()), False
            return None  # `3D`, `1st`, `5G`, `10am`
    else:
        if (
            spelled.lower() == "one"
            and end == m.end("spelled")
            and not _ONE_IN.match(text, end)
            and (
                _ONE_NOT_A_NUMBER_BEFORE.search(
                    text, _before(m.start("spelled"), len("the only ")), m.start("spelled")
                )
                or _ONE_NOT_A_NUMBER_AFTER.match(text, end)
            )
        ):
            return None
        value = _spelled_value(spelled)
    if times or fold:
        return Quantity(value, None, "multiplier", m.group(), start, end), False
    unit = None
    if sym:
        letters = sym.strip()
        unit = LETTER_SYMBOLS[letters] if letters in LETTER_SYMBOLS else SYMBOLS[sym.upper()]
    elif iso:
        unit = iso
    if cword:
        unit = CURRENCY_WORDS[" ".join(cword.lower().split())]
    elif isoafter:
        unit = isoafter
    scale = (scale_word or abbr or "").lower()
    alt = None
    if scale:
        if scale in _AMBIGUOUS_SCALES and unit is None:
            if abbrsp or pct or pp:
                # `5 m` is five metres; `5 m%` is nonsense: read the number alone.
                cut = m.start("abbr") - (1 if abbrsp else 0)
                return Quantity(value, None, "number", text[start:cut].strip(), start, cut), False
            alt = value
        # Rounded to 12 significant digits: `8.2m` is 8,200,000, not 8,199,999.999999999.
        value = float(f"{value * SCALES[scale]:.12g}")
    own_scale = bool(scale) or (spelled is not None and _spelled_scaled(spelled))
    if pct:
        return Quantity(value, PERCENT, "percent", m.group().strip(), start, end), own_scale
    if pp:
        return Quantity(value, POINTS, "percent", m.group(), start, end), own_scale
    if unit is not None:
        return Quantity(value, unit, "money", m.group().strip(), start, end), own_scale
    kind: Kind = "year" if digits and _YEAR.fullmatch(digits) and not scale else "number"
    return Quantity(value, None, kind, m.group().strip(), start, end, alt), own_scale


def _before(at: int, longest: int) -> int:
    """Where a search for words ending at ``at`` (at most ``longest`` characters, and a
    newline that ``$`` may stand before) can begin: searching from 0 costs the whole text.
    """
    return max(0, at - longest - 1)


def _attached(m: re.Match[str], at: int) -> bool:
    """Whether a scale, percent or `fold` starts right after the digits."""
    return any(m.group(name) and m.start(name) == at for name in ("abbr", "pct", "fold"))


def _spelled_value(words: str) -> float:
    total = 0.0
    current = 0.0
    for part in re.split(r"[\s-]+", words.lower()):
        if part in ("a", "an"):
            current = max(current, 1)
        elif part in ONES:
            current += ONES[part]
        elif part in TENS:
            current += TENS[part]
        elif part in ("hundred", "dozen"):
            current = (current or 1) * _SPELLED_SCALES[part]
        elif part in _SPELLED_SCALES:
            total += (current or 1) * _SPELLED_SCALES[part]
            current = 0
    return total + current


def _spelled_scaled(words: str) -> bool:
    return any(w in ("thousand", "million", "billion") for w in re.split(r"[\s-]+", words.lower()))


def _ranges(out: list[Quantity], scaled: list[bool], text: str) -> list[Quantity]:
    """Let the two ends of a range share scale and unit; read `2021-22` as two years.

    ``scaled[i]``: whether ``out[i]`` carries its own scale. Changes ``out`` in place.
    """
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if second.start - first.end > 5:
            continue  # longer than any _RANGE_JOINT
        first_scaled, second_scaled = scaled[i], scaled[i + 1]
        joint = text[first.end : second.start]
        if not _RANGE_JOINT.fullmatch(joint):
            continue
        if first.kind in ("multiplier", "vague") or second.kind in ("multiplier", "vague"):
            continue
        if joint.strip() == "and" and not _BETWEEN.search(
            text, _before(first.start, len("between ")), first.start
        ):
            continue
        if first.kind == "year" and joint == "-" and re.fullmatch(r"\d\d", second.text):
            year = float(int(first.value) // 100 * 100 + int(second.value))
            if year > first.value:
                out[i + 1] = second._replace(value=year, kind="year")
            continue
        if second.kind == "year" or (second.unit is None and not second_scaled):
            continue
        if second_scaled and not first_scaled:
            value = first.value * second.value / _unscaled(second)
            first = first._replace(value=value, alt=None)
        if first.unit is None:
            first = first._replace(unit=second.unit, kind=second.kind, alt=None)
        elif second.unit is None:
            second = second._replace(unit=first.unit, kind=first.kind, alt=None)
        if first.kind == "year":
            first = first._replace(kind="number")
        out[i], out[i + 1] = first, second
    return out


def _unscaled(q: Quantity) -> float:
    """The number a scaled quantity was written with (`20` of `20 million`)."""
    m = re.match(r"\D*?([\d,]+(?:\.\d+)?)", q.text)
    if m:
        return float(m.group(1).replace(",", ""))
    words = re.match(rf"(?i)\W*((?:{_SPELLED_START})(?:[\s-]+(?:{_SPELLED_WORD}))*)", q.text)
    if words:
        head = re.split(r"\s(?:thousand|million|billion)\b", words.group(1), flags=re.I)[0]
        return _spelled_value(head) or 1.0
    return 1.0
