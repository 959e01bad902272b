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

from factsheet.text.amounts import (
    AMBIGUOUS_SCALES,
    CURRENCY_WORDS,
    FOLDS,
    ISO_CODES,
    LETTER_SYMBOL_PATTERN,
    LETTER_SYMBOLS,
    MULTIPLIERS,
    ONES,
    PERCENT,
    POINTS,
    SCALES,
    SPELLED_SCALES,
    SYMBOLS,
    TENS,
    VAGUE,
    VAGUE_BEFORE_OF,
    Kind,
    Quantity,
    currency_code,
)
from factsheet.text.lexicon import LOOKALIKE_LETTERS, finditer_at, has_lookalikes


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
    rf"|{_words(ONES)}|{_words(SPELLED_SCALES)})"
)
_SPELLED_START = (
    rf"(?:(?:{_words(TENS)})(?:-(?:{_words(k for k, v in ONES.items() if 0 < v < 10)}))?"
    rf"|{_words(ONES)}|an?(?=\s(?:{_words(SPELLED_SCALES)})\b))"
)
_AFTER_SCALE = "|".join(f"(?<={w})" for w in SPELLED_SCALES if w != "dozen")
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
        {w[0] for words in (ONES, TENS, FOLDS, MULTIPLIERS, VAGUE, VAGUE_BEFORE_OF) for w in words}
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
  | (?P<vague>\b(?:{_spaced(VAGUE)})\b|\b(?:{_words(VAGUE_BEFORE_OF)})(?=\sof\b))
  | (?P<mult>\b(?:{_words(FOLDS)}|{_words(MULTIPLIERS)})\b(?!-\w))
  | (?:(?P<sym>{_words(SYMBOLS)}|{LETTER_SYMBOL_PATTERN})\s?|\b(?P<iso>{_ISO})\s)?
    (?:
        (?(sym)|(?<![\w.,:/])(?<![A-Za-z]-))(?P<digits>{_DIGITS})(?![.,:/]?\d)
      | \b(?P<spelled>{_SPELLED})\b
    )
    (?:(?P<abbrsp>\s)?(?P<abbr>bn|mn|mln|trn|tn|k|m|b)(?![\w])
      |[\s-](?P<scale>thousand|million|billion|trillion|lakhs?(?:\scrores?)?|crores?)\b)?
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
    [*ONES, *TENS, *SPELLED_SCALES, *FOLDS, *MULTIPLIERS, *VAGUE, *VAGUE_BEFORE_OF]
)
_SCALE_WORDS = tuple(SPELLED_SCALES)
_UNIT_WORD = _first_words([*CURRENCY_WORDS, "per", "percent", "pct"])
_DIGIT_RUN = re.compile(r"\d\d*")  # not `\d+`: an opening set lets the engine skip ahead
_CURRENCY_SYMBOL = re.compile(r"[$€£¥₹]")
_UNIT_SIGN = re.compile(r"[$€£¥₹%]")
# Starts with its letter (no lookbehind first), so that the engine skips to each R at once.
_LETTER_SYMBOL_START = re.compile(r"R(?<![\w.]R)s?\.?\s?\d")
_ISO_CODE = re.compile(_words(ISO_CODES))
# Case-insensitive matching equates these (LOOKALIKE_LETTERS) with ASCII letters
# (`tr\u0131pled` matches `tripled`), but their lower case is no key of our word tables, the
# start scans below (on lowered text) would miss them, and str.lower lengthens the dotted
# capital I. Each becomes its ASCII letter, one character for one, so offsets hold and words
# read as such.
_TO_ASCII = str.maketrans(LOOKALIKE_LETTERS)


def _ascii(text: str) -> str:
    """``text`` as the readers take it: look-alike letters made ASCII (see _TO_ASCII).

    Most text holds none (translating it would cost several µs: curly quotes make
    much of it non-ASCII), so a search looks first.
    """
    return text.translate(_TO_ASCII) if has_lookalikes(text) else text


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


def units_mentioned(text: str) -> frozenset[str]:
    """Currencies (ISO codes) and ``"percent"`` that ``text`` names anywhere."""
    found: set[str] = set()
    text = _ascii(text)
    for m in finditer_at(_CURRENCY_MENTION, text, _unit_starts(text)):
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
    for m in finditer_at(_PATTERN, text, starts):
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
        value = 0.5 * SPELLED_SCALES[halfscale.lower()]
        return Quantity(value, None, "number", m.group(), start, end), True
    if vague:
        return Quantity(0, None, "vague", " ".join(vague.lower().split()), start, end), False
    if mult:
        word = mult.lower()
        if word == "double" and _NOT_A_DOUBLING.match(text, end):
            return None
        if word == "half" and (_HALF_A.match(text, end) or text[start - 1 : start] == "-"):
            return None  # `half a day`, `first-half profit`: no multiplier
        value = MULTIPLIERS.get(word) or FOLDS[word]
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
        if scale in AMBIGUOUS_SCALES and unit is None:
            if abbrsp or pct or pp:
                # `5 m` is five metres; `5 m%` is nonsense: read the number alone.
                cut = m.start("abbr") - (1 if abbrsp else 0)
                return Quantity(value, None, "number", text[start:cut].strip(), start, cut), False
            alt = value
        # Rounded to 12 significant digits: `8.2m` is 8,200,000, not 8,199,999.999999999.
        factor = math.prod(SCALES[word] for word in scale.split())  # `lakh crore`: 1e12
        value = float(f"{value * factor:.12g}")
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
            current = (current or 1) * SPELLED_SCALES[part]
        elif part in SPELLED_SCALES:
            total += (current or 1) * SPELLED_SCALES[part]
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
