"""Ids for a draft's facts: readable slugs from what a sentence is about.

`harbour-town-council`, `new-ferries-cost`, `ruiz-turning-point-harbour`: a curator
reads and keeps them, so they name the subject, never the amounts.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_ID_WORDS = 5
MAX_ID_LENGTH = 60
# Words that carry no meaning in an id (also: no unit after a number).
STOP = frozenset(
    re.findall(
        r"\w+",
        """
    a an the and or but nor of to in on at by for with from into onto as is are was were be
    been being it its this that these those there their they them he she his her we our you
    your i my me us not no so if than then also has have had do does did will would can could
    may might shall should must which who whom whose what when where while how about over
    after before during since until up down out off very just only more most such both each
    all any some other another per said says stated
    """,
    )
)
_SYMBOL_WORDS = {"€": " eur ", "$": " usd ", "£": " gbp ", "¥": " jpy ", "%": " percent "}
# Words of reporting and time that say nothing of a figure (`added`, `still`).
_REPORTING = frozenset(
    [
        "added",
        "adding",
        "told",
        "tells",
        "say",
        "saying",
        "says",
        "announced",
        "noted",
        "still",
        "now",
        "yet",
        "already",
    ]
)
# Words of amounts that make poor ids (`18-5-million-euros-40`).
_AMOUNT_WORDS = frozenset(
    [
        "million",
        "billion",
        "trillion",
        "thousand",
        "hundred",
        "percent",
        "per",
        "cent",
        "eur",
        "usd",
        "gbp",
        "jpy",
        "euros",
        "euro",
        "dollars",
        "dollar",
        "pounds",
        "pound",
        "crore",
        "lakh",
        "rs",
        "bn",
    ]
)


def _ascii(text: str) -> str:
    for symbol, word in _SYMBOL_WORDS.items():
        text = text.replace(symbol, word)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 2,000 → 2000
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def key_words(text: str) -> list[str]:
    """A figure's id words: what the sentence is about, not its amounts (`harbour-town-
    council`, `new-ferries-cost`), so that an id reads as a name."""
    words = re.findall(r"[a-z0-9]+", _ascii(text))
    return [
        w
        for w in words
        if w not in STOP
        and w not in _AMOUNT_WORDS
        and w not in _REPORTING
        and len(w) > 1
        and not w[0].isdigit()
    ][:3]


def content_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", _ascii(text))
    content = [w for w in words if w not in STOP and (len(w) > 1 or w.isdigit())]
    return (content or words)[:MAX_ID_WORDS]


class Ids:
    """Readable slugs from the content, unique within the draft and beside ``taken``."""

    def __init__(self, taken: Collection[str]) -> None:
        self.used = set(taken)

    def new(self, words: list[str], kind: str) -> str:
        slug = ""
        for word in (w for text in words for w in re.findall(r"[a-z0-9]+", _ascii(text))):
            longer = f"{slug}-{word}" if slug else word
            if len(longer) > MAX_ID_LENGTH and slug:
                break
            slug = longer[:MAX_ID_LENGTH].strip("-")
        slug = slug or kind
        candidate, n = slug, 2
        while candidate in self.used:
            candidate, n = f"{slug}-{n}", n + 1
        self.used.add(candidate)
        return candidate
