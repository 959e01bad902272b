"""Finding excerpts in a source: exact (with elision and insertions) or, failing that, close.

Only an exact match verifies anything; the closest passage is a suggestion
for the message.
"""

from __future__ import annotations

import difflib
import functools
import re
import sys
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from factsheet.source.normalize import normalize_excerpt
from factsheet.source.reader import Source

MAX_INSERTED_WORDS = 12
MIN_SIMILARITY = 60.0
_INSERTION = re.compile(r"(\s*\[[^\]\n]*\]\s*)")
_WORD = re.compile(r"\w")
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class Match:
    start: int  # original offsets in Source.text
    end: int


@dataclass(frozen=True)
class Closest:
    start: int  # original offsets in Source.text
    end: int
    similarity: float
    differences: str
    passage: str


def _insertion(piece: str) -> str:
    left, right = piece[:1].isspace(), piece[-1:].isspace()
    word = r"[^ \n]+"
    if left and right:
        return rf"(?: {word}){{0,{MAX_INSERTED_WORDS}}} "
    if left:
        return rf"(?: {word}){{0,{MAX_INSERTED_WORDS}}}"
    if right:
        return rf"(?:{word} ){{0,{MAX_INSERTED_WORDS}}}"
    return rf"(?:{word}(?: {word}){{0,{MAX_INSERTED_WORDS - 1}}})?"


def _part_pattern(part: str, first: bool, last: bool) -> str:
    pieces = _INSERTION.split(part)
    head = tail = None
    # An insertion at the very start or end of the excerpt may stand for no words
    # at all, so it constrains nothing but the word boundary. Matching words for
    # it would report one passage once per possible start ("[The EU] had decided"
    # found nine times) or stretch the span over twelve words that are not quoted.
    while first and len(pieces) > 2 and not pieces[0]:
        head = r"(?<![^ \n])" if pieces[1][-1:].isspace() else ""
        pieces = pieces[2:]
    while last and len(pieces) > 2 and not pieces[-1]:
        tail = r"(?![^ \n])" if pieces[-2][:1].isspace() else ""
        pieces = pieces[:-2]
    body = "".join(
        _insertion(piece) if i % 2 else re.escape(piece) for i, piece in enumerate(pieces)
    )
    start, end = pieces[0], pieces[-1]
    if head is None:
        head = r"(?<!\w)" if start[:1] and _WORD.match(start[0]) else ""
        head = head or (r"(?<![^ \n])" if not start and len(pieces) > 1 else "")
    if tail is None:
        tail = r"(?!\w)" if end[-1:] and _WORD.match(end[-1]) else ""
        tail = tail or (r"(?![^ \n])" if not end and len(pieces) > 1 else "")
    return head + body + tail


_BRACKETED_OMISSION = re.compile(r"\[\s*\.\.\.\s*\]")


def parts(excerpt: str) -> list[str]:
    """The normalised pieces an excerpt's omissions ('...', '…', '[...]') separate.

    A piece that holds nothing but insertions (``[words]``) quotes nothing and
    is left out.
    """
    return list(_parts(excerpt))


def _has_insertion(piece: str) -> bool:
    return "[" in piece and _INSERTION.search(piece) is not None  # "in" is the quick test


@functools.lru_cache(maxsize=8192)
def _parts(excerpt: str) -> tuple[str, ...]:
    """parts(), memoised: several rule families split each excerpt, once per match."""
    text = normalize_excerpt(excerpt)
    if "[" not in text and "..." not in text:
        return (text,) if text else ()  # one piece, already stripped (most excerpts)
    text = _BRACKETED_OMISSION.sub("...", text)
    pieces = (p.strip() for p in text.split("..."))
    return tuple(p for p in pieces if _INSERTION.sub("", p).strip())


class Found(Protocol):
    """Where an excerpt pattern matched: what callers use of ``re.Match``."""

    def start(self) -> int: ...

    def end(self) -> int: ...

    def span(self) -> tuple[int, int]: ...


class ExcerptPattern(Protocol):
    """What compile_excerpt gives: ``re.Pattern.search`` with its meaning of pos/endpos."""

    def search(self, string: str, pos: int = ..., endpos: int = ..., /) -> Found | None: ...


class _Span(NamedTuple):
    first: int
    stop: int

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.stop

    def span(self) -> tuple[int, int]:
        return self.first, self.stop


class _Literal:
    """A plain excerpt (no omissions or insertions) found as its pattern would find it.

    Its pattern is ``(?<!\\w)words(?!\\w)``, the boundary checks applying
    only where the words begin or end with a word character. Compiling that
    costs time per character (the regex parser is Python), far more than the
    search, so str.find stands in for it: the boundary before a match may look
    before ``pos``, the one after it sees ``endpos`` as the end of the text.
    """

    __slots__ = ("head", "needle", "tail")

    def __init__(self, needle: str) -> None:
        self.needle = needle
        self.head = _WORD.match(needle[0]) is not None
        self.tail = _WORD.match(needle[-1]) is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize, /) -> _Span | None:
        # Clamped as re clamps them (str.find would count negative ones from the end).
        size = len(string)
        pos, endpos = min(max(pos, 0), size), min(max(endpos, 0), size)
        needle, width = self.needle, len(self.needle)
        at = string.find(needle, pos, endpos)
        while at != -1:
            stop = at + width
            if (not self.head or at == 0 or _WORD.match(string, at - 1) is None) and (
                not self.tail or stop == endpos or _WORD.match(string, stop) is None
            ):
                return _Span(at, stop)
            at = string.find(needle, at + 1, endpos)
        return None


@functools.lru_cache(maxsize=4096)
def compile_excerpt(excerpt: str) -> ExcerptPattern | None:
    """What finds ``excerpt``: a regex, or str.find for plain words; memoised.

    Memoised because compiling costs more than searching, and several rule
    families search for each excerpt.
    """
    pieces = _parts(excerpt)
    if not pieces:
        return None
    if len(pieces) == 1 and not _has_insertion(pieces[0]):
        return _Literal(pieces[0])
    last = len(pieces) - 1
    return re.compile(
        r"[^\n]*?".join(_part_pattern(p, i == 0, i == last) for i, p in enumerate(pieces))
    )


def find(source: Source, excerpt: str, limit: int = 20) -> tuple[Match, ...]:
    """Every place (by distinct start) the excerpt occurs, up to ``limit``."""
    key = f"find:{limit}:{excerpt}"
    cached = source.cache.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: list[Match] = []
    norm = source.norm
    text = norm.text
    pieces = _parts(excerpt)
    if len(pieces) == 1 and not _has_insertion(pieces[0]):
        # A plain excerpt: what ``(?<!\w)needle(?!\w)`` would find (the boundary tests
        # only where the needle begins or ends with a word character), by str.find,
        # resuming one past each start as the pattern search below does. Inlined, and
        # without compile_excerpt: find() runs once per excerpt and source, mostly for
        # excerpts met once, where another memoised layer costs more than it saves.
        needle = pieces[0]
        width = len(needle)
        head = _WORD.match(needle) is not None
        tail = _WORD.match(needle, width - 1) is not None
        at = text.find(needle)
        while at != -1 and len(found) < limit:
            stop = at + width
            if (not head or at == 0 or _WORD.match(text, at - 1) is None) and (
                not tail or _WORD.match(text, stop) is None
            ):
                found.append(Match(*norm.original_span(at, stop)))
            at = text.find(needle, at + 1)
        result = tuple(found)
        source.cache[key] = result
        return result
    pattern = compile_excerpt(excerpt)
    pos = 0
    while pattern is not None and len(found) < limit:
        m = pattern.search(text, pos)
        if m is None:
            break
        found.append(Match(*norm.original_span(m.start(), m.end())))
        pos = m.start() + 1
    result = tuple(found)
    source.cache[key] = result
    return result


def closest(source: Source, excerpt: str) -> Closest | None:
    """The passage most like the excerpt, when at least MIN_SIMILARITY % alike.

    Memoised on the source: FS101 asks it, then coverage and the review page ask again
    for each excerpt not found, and each asking compares with every paragraph.
    """
    found = source.memo(f"closest:{excerpt}", tuple, lambda s: (_closest(s, excerpt),))
    return found[0]  # type: ignore[no-any-return]


def _closest(source: Source, excerpt: str) -> Closest | None:
    from rapidfuzz import fuzz  # imported late: only failing excerpts need it

    needle = " ".join(_INSERTION.sub(" ", " ".join(_parts(excerpt))).split())
    if not needle:
        return None
    text = source.norm.text
    best: tuple[float, int, int] | None = None
    offset = 0
    for para in text.split("\n"):
        found = fuzz.partial_ratio_alignment(needle, para, score_cutoff=MIN_SIMILARITY)
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, offset + found.dest_start, offset + found.dest_end)
        offset += len(para) + 1
    if best is None:
        return None
    score, start, end = best
    start, end = _widen(text, start, end, needle)
    passage = text[start:end]
    o_start, o_end = source.norm.original_span(start, end)
    return Closest(o_start, o_end, score, differences(needle, passage), passage)


def _widen(text: str, start: int, end: int, needle: str) -> tuple[int, int]:
    """Extend a span to whole words, and trim punctuation the needle does not have."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    if needle[:1].isalnum():
        while start < end and not text[start].isalnum():
            start += 1
    if needle[-1:].isalnum():
        while end > start and not text[end - 1].isalnum():
            end -= 1
    return start, end


def _bare(word: str) -> str:
    return word.strip(".,;:!?\"'()[]")


def differences(excerpt: str, passage: str) -> str:
    """The words at fault: `"tripled" ≠ source "quadruple"`."""
    a, b = excerpt.split(), passage.split()
    matcher = difflib.SequenceMatcher(
        None, [_bare(w) for w in a], [_bare(w) for w in b], autojunk=False
    )
    out = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        mine, theirs = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "replace":
            out.append(f'"{mine}" ≠ source "{theirs}"')
        elif op == "delete":
            out.append(f'"{mine}" is not in the source')
        elif op == "insert" and 0 < i1 < len(a):
            out.append(f'source has "{theirs}" here')
    return "; ".join(out)


def unique_context(source: Source, match: Match, excerpt: str, max_words: int = 8) -> str | None:
    """A longer excerpt around ``match`` that occurs only once, if a few words suffice.

    The candidates are cut from the source itself, so punctuation that touches
    the excerpt (``“de-escalate”``) stays attached as the source prints it.
    """
    text = source.text
    para = source.paragraph_at(match.start)
    tokens = [m.span() for m in _TOKEN.finditer(text, para.start, para.end)]
    before: list[int] = []
    edge = match.start
    for start, _ in reversed(tokens):
        if start < edge and _WORD.search(text, start, edge):
            before.append(start)
            edge = start
    after: list[int] = []
    edge = match.end
    for _, end in tokens:
        if end > edge and _WORD.search(text, edge, end):
            after.append(end)
            edge = end
    for extra in range(max_words):
        spans = [
            (match.start, after[extra]) if extra < len(after) else None,
            (before[extra], match.end) if extra < len(before) else None,
        ]
        for span in spans:
            if span is None:
                continue
            candidate = " ".join(text[span[0] : span[1]].split())
            if len(find(source, candidate, limit=2)) == 1:
                return candidate
    return None
