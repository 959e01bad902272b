"""The matching normalisation of FORMAT.md, with an exact map back to the original.

Evidence and sources are compared after the same normalisation. Every
normalised character remembers the original characters it came from, so a
match found in normalised text is reported at exact original positions.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

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


class Normalized:
    """Normalised text; ``starts[i]``/``ends[i]`` bound the original of character i.

    The map is kept as segments rather than per character, because nearly all
    text maps one to one except where whitespace runs collapse: segment k
    begins at normalised index ``marks[k]``, and its character ``marks[k] + d``
    came from original ``[froms[k] + d, tos[k] + d)``. ``starts``/``ends``
    are built from it only when asked for.
    """

    __slots__ = ("_ends", "_starts", "froms", "marks", "text", "tos")

    def __init__(
        self, text: str, marks: tuple[int, ...], froms: tuple[int, ...], tos: tuple[int, ...]
    ) -> None:
        self.text = text
        self.marks = marks
        self.froms = froms
        self.tos = tos
        self._starts: tuple[int, ...] | None = None
        self._ends: tuple[int, ...] | None = None

    @classmethod
    def from_offsets(cls, text: str, starts: list[int], ends: list[int]) -> Normalized:
        """The segments of a per-character map (each as long as possible)."""
        marks: list[int] = []
        froms: list[int] = []
        tos: list[int] = []
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            _push(marks, froms, tos, i, start, end)
        return cls(text, tuple(marks), tuple(froms), tuple(tos))

    def _expand(self, bases: tuple[int, ...]) -> tuple[int, ...]:
        bounds = (*self.marks[1:], len(self.text)) if self.marks else ()
        return tuple(
            itertools.chain.from_iterable(
                range(base, base + stop - mark)
                for base, mark, stop in zip(bases, self.marks, bounds, strict=True)
            )
        )

    @property
    def starts(self) -> tuple[int, ...]:
        """Where each character's original begins (built on first use)."""
        if self._starts is None:
            self._starts = self._expand(self.froms)
        return self._starts

    @property
    def ends(self) -> tuple[int, ...]:
        """Where each character's original ends (built on first use)."""
        if self._ends is None:
            self._ends = self._expand(self.tos)
        return self._ends

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Normalized):
            return NotImplemented
        return (self.text, self.marks, self.froms, self.tos) == (
            other.text,
            other.marks,
            other.froms,
            other.tos,
        )

    def __hash__(self) -> int:
        return hash((self.text, self.marks, self.froms, self.tos))

    def __repr__(self) -> str:
        return f"Normalized({self.text!r}, starts={self.starts!r}, ends={self.ends!r})"

    def index_at(self, offset: int) -> int:
        """The first character whose original begins at or after ``offset``.

        What ``bisect_left(starts, offset)`` gives, from the segments: building
        ``starts`` costs a tuple as long as the text.
        """
        k = bisect.bisect_left(self.froms, offset)  # the first segment starting there or later
        if k:
            inside = offset - self.froms[k - 1]  # > 0: a place within the segment before?
            bound = self.marks[k] if k < len(self.marks) else len(self.text)
            if inside < bound - self.marks[k - 1]:
                return self.marks[k - 1] + inside
        return self.marks[k] if k < len(self.marks) else len(self.text)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised slice [start, end) to the original slice it came from."""
        size = len(self.text)
        if 0 <= start < end <= size:
            marks, last = self.marks, end - 1
            k = bisect.bisect_right(marks, start) - 1
            j = bisect.bisect_right(marks, last, k) - 1
            return self.froms[k] + start - marks[k], self.tos[j] + last - marks[j]
        if start < end:  # out of range: as indexing the map gives it
            return self.starts[start], self.ends[end - 1]
        # An empty slice: the point where it lies.
        if start < 0:
            at = self.starts[start]  # as indexing the map gives it
        elif start < size:
            k = bisect.bisect_right(self.marks, start) - 1
            at = self.froms[k] + start - self.marks[k]
        else:
            at = self.tos[-1] + size - 1 - self.marks[-1] if size else 0
        return at, at


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


_ASCII_BYTES = bytes(range(128))
_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"  # ASCII whitespace but the space
_SPACE_RUN = re.compile(r"  +")
_EMPTY = Normalized("", (), (), ())


@functools.lru_cache(maxsize=4096)
def _fold_single(c: str) -> str | None:
    """The one character a lone non-ASCII ``c`` becomes (any whitespace a space), or None.

    None when ``c`` joins what precedes it or folds to other than one
    character: text holding it takes the reference algorithm.
    """
    if _joins(c):
        return None
    folded = _fold(c)
    if len(folded) != 1 or folded in _DROP:
        return None
    return " " if folded.isspace() else folded


def _fold_each(text: str) -> str | None:
    """``text`` with every character replaced by the one it folds to, whitespace by a space.

    None when some character folds to more or fewer than one or joins its
    neighbour, so that the result would not line up with ``text``.
    """
    if not text.isascii():
        # The non-ASCII characters in text order, as a regex finds them, but three
        # times quicker on a source: the UTF-8 without its ASCII bytes (every byte of
        # a longer sequence is >= 0x80). surrogatepass: a str may hold lone surrogates.
        others = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        for c in set(others.decode("utf-8", "surrogatepass")):
            folded = _fold_single(c)
            if folded is None:
                return None
            if folded != c:
                text = text.replace(c, folded)
    # Every ASCII whitespace character but the space is unprintable: a quick test.
    if not text.isprintable():
        # One str.replace per character: each a scan in C, far quicker than re.sub.
        for space in _ASCII_SPACES:
            text = text.replace(space, " ")
    return text


@functools.lru_cache(maxsize=8192)
def normalize(text: str) -> Normalized:
    """Normalise ``text`` (see FORMAT.md), remembering where each character came from.

    Memoised (the result is immutable): a fact's excerpts and statement are
    normalised by several rule families. When every character folds to one
    character (nearly all text), folding is a few ``str.replace`` calls and
    only whitespace runs break the one-to-one map; this gives exactly what the
    reference algorithm gives. Other text takes the reference algorithm.
    """
    folded = _fold_each(text)
    if folded is None:
        return _normalize_general(text)
    return _collapse(folded)


def _collapse(folded: str) -> Normalized:
    """The normalisation of text that ``_fold_each`` folded to ``folded``."""
    if not folded:
        return _EMPTY
    if "  " not in folded:
        return Normalized(folded, (0,), (0,), (1,))
    # Each run of spaces becomes one space standing for the whole run; the
    # characters between runs keep their own places.
    marks: list[int] = []
    froms: list[int] = []
    tos: list[int] = []
    pos = size = 0  # next original (= folded) offset; normalised length so far
    for run in _SPACE_RUN.finditer(folded):
        a, b = run.span()
        if a > pos:
            marks.append(size)
            froms.append(pos)
            tos.append(pos + 1)
            size += a - pos
        marks.append(size)
        froms.append(a)
        tos.append(b)
        size += 1
        pos = b
    if pos < len(folded):
        marks.append(size)
        froms.append(pos)
        tos.append(pos + 1)
    return Normalized(_SPACE_RUN.sub(" ", folded), tuple(marks), tuple(froms), tuple(tos))


def joined(pieces: Iterable[tuple[int, int, Normalized]]) -> Normalized:
    """Normalised slices of one text, joined by newlines, mapped to that text.

    ``pieces`` gives each slice's original [start, end) and its normalisation;
    a newline stands for the gap from the end of one slice to the start of
    the next. Each normalisation's segments must be maximal, as normalize()
    gives them.
    """
    texts: list[str] = []
    marks: list[int] = []
    froms: list[int] = []
    tos: list[int] = []
    size = previous = 0
    for start, end, norm in pieces:
        if texts:
            _push(marks, froms, tos, size, previous, start)
            texts.append("\n")
            size += 1
        if norm.marks:
            # Only a piece's first segment can continue the last one: the segments
            # of one normalisation are maximal already, and shifting them all by
            # the same amounts keeps them so. (One segment is the common case.)
            _push(
                marks, froms, tos, size + norm.marks[0], start + norm.froms[0], start + norm.tos[0]
            )
            if len(norm.marks) > 1:
                marks.extend([size + mark for mark in norm.marks[1:]])
                froms.extend([start + origin for origin in norm.froms[1:]])
                tos.extend([start + stop for stop in norm.tos[1:]])
        texts.append(norm.text)
        size += len(norm.text)
        previous = end
    return Normalized("".join(texts), tuple(marks), tuple(froms), tuple(tos))


def normalize_slices(text: str, spans: Sequence[tuple[int, int]]) -> Normalized:
    """``joined`` of each ``text[start:end]`` normalised, for spans in order.

    Folding goes character by character when each folds to one (nearly all
    text), so the whole stretch is folded at once and cut into the slices:
    one pass over a source instead of one per paragraph. Otherwise each slice
    is normalised by itself.
    """
    if not spans:
        return _EMPTY
    low = spans[0][0]
    folded = _fold_each(text[low : spans[-1][1]])
    if folded is None:
        return joined((start, end, normalize(text[start:end])) for start, end in spans)
    pieces = [folded[start - low : end - low] for start, end in spans]
    # The common case built directly, without a Normalized per slice: each slice
    # maps one to one (no run of spaces, so one segment), and the newline between
    # two slices stands for a gap other than one character (a segment continues
    # the one before it only across a one-character gap), so no segments merge.
    marks: list[int] = []
    froms: list[int] = []
    tos: list[int] = []
    size = 0
    previous = low - 2  # no gap before the first slice
    for (start, end), piece in zip(spans, pieces, strict=True):
        if not piece or "  " in piece or start == previous + 1:
            break
        if marks:
            marks.append(size)
            froms.append(previous)
            tos.append(start)
            size += 1
        marks.append(size)
        froms.append(start)
        tos.append(start + 1)
        size += end - start
        previous = end
    else:
        return Normalized("\n".join(pieces), tuple(marks), tuple(froms), tuple(tos))
    slices = zip(spans, pieces, strict=True)
    return joined((start, end, _collapse(piece)) for (start, end), piece in slices)


def _push(
    marks: list[int], froms: list[int], tos: list[int], at: int, start: int, end: int
) -> None:
    """Add a segment unless it merely continues the last one (segments stay maximal)."""
    if not marks or not start - froms[-1] == end - tos[-1] == at - marks[-1]:
        marks.append(at)
        froms.append(start)
        tos.append(end)


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
    return Normalized.from_offsets("".join(out), starts, ends)


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
