"""The matching normalisation of FORMAT.md, with an exact map back to the original.

Evidence and sources are compared after the same normalisation. Every
normalised character remembers the original characters it came from, so a
match found in normalised text is reported at exact original positions.
"""

from __future__ import annotations

import functools
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


_PLAIN = re.compile(r"[\x21-\x7e]+")  # ASCII graphic characters: each stands for itself


@functools.lru_cache(maxsize=4096)
def _fold_one(c: str) -> str:
    """What a single-character cluster becomes (as in _normalize_general)."""
    return c if c.isascii() and c.isprintable() else _fold(c)


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> Normalized:
    """Normalise ``text`` (see FORMAT.md), remembering where each character came from.

    Memoised (the result is immutable): a fact's excerpts and statement are
    normalised by several rule families. Text in which every character is its
    own cluster (no combining marks, zero-width or joining characters: nearly
    all text) takes a fast path that handles runs of ASCII graphic characters
    at once; it gives exactly what the reference algorithm gives.
    """
    if not text.isascii() and any(_joins(c) for c in set(text) if not c.isascii()):
        return _normalize_general(text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    n = len(text)
    for m in _PLAIN.finditer(text):
        a, b = m.span()
        if a > pos:
            _special(text, pos, a, out, starts, ends)
        out.append(m.group())
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))
        pos = b
    if pos < n:
        _special(text, pos, n, out, starts, ends)
    return Normalized("".join(out), tuple(starts), tuple(ends))


def _special(text: str, a: int, b: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    """Characters a..b (none ASCII graphic), each its own cluster, after a graphic one."""
    if b == a + 1 and text[a] == " ":
        out.append(" ")
        starts.append(a)
        ends.append(b)
        return
    in_space = False  # what precedes is ASCII graphic text, or nothing
    for i in range(a, b):
        in_space = _emit(_fold_one(text[i]), i, i + 1, in_space, out, starts, ends)


def _normalize_general(text: str) -> Normalized:
    """The reference algorithm, cluster by cluster (any text)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    in_space = False
    simple = _SIMPLE.fullmatch(text)
    chunks = [(i, i + 1) for i in range(len(text))] if simple else _chunks(text)
    for i, j in chunks:
        chunk = text[i:j]
        folded = chunk if chunk.isascii() and chunk.isprintable() else _fold(chunk)
        in_space = _emit(folded, i, j, in_space, out, starts, ends)
    return Normalized("".join(out), tuple(starts), tuple(ends))


def _emit(
    folded: str,
    i: int,
    j: int,
    in_space: bool,
    out: list[str],
    starts: list[int],
    ends: list[int],
) -> bool:
    """Append the folded form of original characters i..j; return whether it ended in space.

    Zero-width characters are dropped; a run of whitespace becomes one space
    whose original span grows to cover the whole run.
    """
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
    return in_space


def normalize_excerpt(text: str) -> str:
    """An excerpt as it is searched for: normalised, without outer whitespace."""
    return normalize(text).text.strip()
