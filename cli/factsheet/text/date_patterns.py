"""The patterns of date expressions: month and weekday names, day, year and range
wordings, the cues before a bare year or month, and the cheap gates tried first.
Compiled once, at import; date_expressions.py reads dates with them."""

from __future__ import annotations

import re

_FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_SPAN_WORD = r"(?:-|\u2013|\u2014|to|until|till|through|thru|and)"
_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\s*(?:%|per\s?cent|million|billion|thousand|bn\b|m\b))"

ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-]|T\d)")
NUMERIC = re.compile(r"(?<![\d/])(?<!\d\.)(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?![\d/]|\.\d)")
DAY_RANGE_DMY = re.compile(
    rf"\b(?:(from|between)\s+)?(?:the\s+)?({_DAY})\s*({_SPAN_WORD})\s*(?:the\s+)?({_DAY})"
    rf"(?:\s+of)?\s+({_MONTH})(?:,?\s+({_YEAR}))?\b"
)
DAY_RANGE_MDY = re.compile(
    rf"\b(?:(from|between)\s+)?({_MONTH})\s+({_DAY})\s*({_SPAN_WORD})\s*({_DAY})"
    rf"(?:,?\s+({_YEAR}))?\b{_NOT_NUMBER_AFTER}"
)
DMY = re.compile(
    rf"\b{_WD_PREFIX}({_DAY})(?:\s+of)?\s+({_MONTH})(?:,?\s+({_YEAR}))?(?!\w)"
    rf"{_NOT_NUMBER_AFTER}"
)
MDY = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?({_MONTH})\s+(?:the\s+)?({_DAY})(?:,?\s+({_YEAR}))?\b"
    rf"{_NOT_NUMBER_AFTER}(?!:\d)"
)
MY = re.compile(rf"\b({_MONTH}),?\s+({_YEAR})\b{_NOT_NUMBER_AFTER}")
MONTH_ONLY = re.compile(rf"\b({_FULL_MONTH})\b(?!-)")
# The words that may stand before a weekday name: group 1 of WEEKDAY_RE (none holds a
# character special to a pattern).
WEEKDAY_RELS = (
    "last", "next", "this coming", "this", "coming", "past",
    "Last", "Next", "This coming", "This", "Coming",
)  # fmt: skip
WEEKDAY_RE = re.compile(rf"\b(?:({'|'.join(WEEKDAY_RELS)})\s+)?({_WEEKDAY})\b(?!s\b)")
RELATIVE = re.compile(
    r"\b(?:(today|tonight|yesterday|tomorrow)|(this\s+(?:morning|afternoon|evening))"
    r"|(this|last|next)\s+(week|month|year))\b(?!-)",
    re.I,
)
YEAR_RANGE = re.compile(rf"(?<![\d.,$€£-])({_YEAR})\s*[-\u2013/]\s*(\d{{4}}|\d\d)(?![\d%-]|[.,]\d)")
BARE_YEAR = re.compile(
    rf"(?<![\d.,$€£/])(?<!\d-)({_YEAR})(?![\d%]|[-,.]\d|'?s\b){_NOT_NUMBER_AFTER}"
)

# Words that make a following four-digit number a year.
YEAR_CUE = re.compile(
    r"\b(?:in|during|since|by|until|till|through|throughout|from|before|after|of|for|year|years"
    r"|early|late|mid|spring|summer|autumn|fall|winter|fiscal|calendar|and|or|to|between)"
    r"[\s-]+$",
    re.I,
)
# Words before a lone month name that make it a date (``May`` needs a stronger one).
MONTH_CUE = re.compile(
    r"\b(?:in|during|since|until|till|through|throughout|early|late|mid|last|next|this|before"
    r"|after|from|by|of|and|or|to|between)[\s-]+$",
    re.I,
)
MAY_CUE = re.compile(
    r"\b(?:in|during|since|until|till|throughout|early|late|mid|last|next|this)[\s-]+$", re.I
)
LEAD = re.compile(
    r"\b(on|in|from|since|until|till|by|before|after|between|during|for|through|throughout"
    r"|as of)\s+$",
    re.I,
)
OPEN_END = frozenset({"since", "after", "from", "as of"})
OPEN_START = frozenset({"until", "till", "by", "before"})
JOINING = frozenset({"until", "till", "through"})
CONNECTOR = re.compile(r"\s*(-|\u2013|\u2014|/|to|until|till|through|thru|and)\s*", re.I)
RECURRING = re.compile(r"\b(?:every|each)\s+$", re.I)
# Capitalised words that may stand right before a weekday that is a date.
WEEKDAY_LEADS = frozenset(
    {
        "On",
        "Last",
        "Next",
        "This",
        "Coming",
        "Since",
        "Until",
        "Till",
        "From",
        "By",
        "Before",
        "After",
        "Between",
        "And",
        "Or",
        "To",
        "Through",
        "Early",
        "Late",
        "Late-night",
        "During",
    }
)

# Gates. Each pattern above costs 50-100 ns a character (none can skip ahead to a likely
# start), and a paragraph holds a match of few of them; these tests are far cheaper. Every
# explicit date has a digit or a month name (case-sensitive, and each full name holds its
# abbreviation), every weekday name ends in `day`, and every relative expression holds one
# of RELATIVE_WORDS (in a text without characters that case-insensitive matching equates
# with an ASCII letter).
DIGIT = re.compile(r"\d")
MONTH_ABBREVIATION = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
RELATIVE_WORDS = ("today", "tonight", "yesterday", "tomorrow", "this", "last", "next")
LAST_WORD = re.compile(r"(\S+)\s$")
# Weekday names open on a set of capitals, which the engine skips ahead to (WEEKDAY_RE
# opens on a word boundary and an optional word, so it tries every position).
WEEKDAY_NAME = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
NOT_DIGITS = re.compile(r"\D")
SOURCE_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")
ENDS_SENTENCE_OR_QUOTE = re.compile(r"[.!?:;\"\u201c\u201d]$")
