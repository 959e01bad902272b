"""The matching normalisation of FORMAT.md, with an exact map back to the original.

Evidence and sources are compared after the same normalisation. Every
normalised character remembers the original characters it came from, so a
match found in normalised text is reported at exact original positions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_QUOTES = {
    **dict.fromkeys(
        "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u3003\u301d\u301e\u301f\uff02", '"'
    ),
    **dict.fromkeys(
        "\u2018\u2019\u201a\u201b\u2039\u203a\u2032\u02bc\u02bb\uff07\u0060\u00b4", "'"
    ),
}
_DASHES = dict.fromkeys(
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d\u2e3a\u2e3b\u058a\u05be\u30fc",
    "-",
)
_MAP = {**_QUOTES, **_DASHES, "\u2026": "..."}
_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f")
_SIMPLE = re.compile(r"[\x20-\x7e]*")
# Characters of combining class 0 that still belong with what precedes them: they
# compose with it (vowel signs, length marks, Hangul medial and final jamo) or
# decompose to a combining mark. Splitting before them would make the result
# depend on where the text was cut, and normalising twice would change it.
_JOINERS = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf"
    "\u0ddf\u0f73\u0f75\u0f81\u0fb5\u0fb7\u102e\u1b35\uff9e\uff9f"
    "\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af\U00011930"
    + "".join(map(chr, range(0x1161, 0x1176)))
    + "".join(map(chr, range(0x11A8, 0x11C3)))
)


@dataclass(frozen=True)
class Normalized:
    """Normalised text; ``starts[i]``/``ends[i]`` bound the original of character i."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised slice [start, end) to the original slice it came from."""
        if end <= start:
            at = (
                self.starts[start]
                if start < len(self.starts)
                else (self.ends[-1] if self.ends else 0)
            )
            return at, at
        return self.starts[start], self.ends[end - 1]


def _joins(ch: str) -> bool:
    return bool(unicodedata.combining(ch)) or ch in _DROP or ch in _JOINERS


def _chunks(text: str) -> list[tuple[int, int]]:
    """Split into a base character plus its combining marks, so NFKC sees whole clusters.

    Dropped (zero-width) characters stay with the cluster before them, so that
    ``a``, zero-width space, combining acute composes to ``á`` as it will when
    the normalised text is normalised again.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and _joins(text[j]):
            j += 1
        spans.append((i, j))
        i = j
    return spans


def _fold(chunk: str) -> str:
    mapped = "".join(_MAP.get(c, c) for c in chunk if c not in _DROP)
    if not _SIMPLE.fullmatch(mapped):
        mapped = unicodedata.normalize("NFKC", mapped)
        mapped = "".join(_MAP.get(c, c) for c in mapped)
    return mapped


def normalize(text: str) -> Normalized:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    in_space = False
    simple = _SIMPLE.fullmatch(text)
    chunks = [(i, i + 1) for i in range(len(text))] if simple else _chunks(text)
    for i, j in chunks:
        chunk = text[i:j]
        folded = chunk if chunk.isascii() and chunk.isprintable() else _fold(chunk)
        for ch in folded:
            if ch in _DROP:
                continue
            if ch.isspace():
                if in_space:
                    ends[-1] = j
                    continue
                ch = " "
                in_space = True
            else:
                in_space = False
            out.append(ch)
            starts.append(i)
            ends.append(j)
    return Normalized("".join(out), tuple(starts), tuple(ends))


def normalize_excerpt(text: str) -> str:
    """An excerpt as it is searched for: normalised, without outer whitespace."""
    return normalize(text).text.strip()
