"""Quotations in a source, and who the source says spoke them.

Pure functions of a :class:`~factsheet.source.reader.Source`, shared by ``check``
(FS302/FS303), ``suggest`` and ``coverage``. This module finds quotations;
:mod:`factsheet.text.speakers` says who spoke them:

* :func:`find_quotations` finds every top-level quotation: curly, straight,
  low and angle double marks; single marks used as quotation marks (told apart
  from apostrophes such as ``Russia's`` or ``ministers'``); punctuation inside
  the closing mark; several sentences inside one pair of marks; a quotation
  split by its attribution (``“A,” he said, “B.”`` gives two quotations, the
  second ``continues`` the first); a quotation left open at the end of its
  paragraph (the convention for a quotation that runs on into the next one).
* :func:`attribute` applies the attribution rule of RULES.md (FS3): a speech
  verb with a name (full name or surname, titles allowed) or a pronoun, in the
  quotation's sentence, else its paragraph; a pronoun resolves to the nearest
  person named before it, looking back into earlier paragraphs. A person merely
  named in the sentence (``said at a press conference with Stoltenberg``) is
  not the speaker. The speaker is given by the fullest form of the name the
  article prints (``Stoltenberg said`` → ``Jens Stoltenberg``), without titles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from factsheet.source.reader import Paragraph, Source
from factsheet.text.lexicon import SPEECH_VERBS
from factsheet.text.person_names import fold

# Quotation marks -------------------------------------------------------------

# Each double opening mark and the marks that may close it.
_DOUBLE_CLOSERS = {
    "\u201c": "\u201d\u201c",  # “ … ” (or a mistyped “ … “)
    "\u201e": "\u201c\u201d",  # „ … “ / „ … ”
    "\u201f": "\u201d",  # ‟ … ”
    "\u201d": "\u201d",  # ” … ” (Swedish, Finnish)
    "\u00ab": "\u00bb",  # « … »
    "\u00bb": "\u00ab",  # » … « (German, Danish)
    '"': '"',
    "\u301d": "\u301e\u301f",
    "\uff02": "\uff02",
}
_SINGLE_CLOSERS = {
    "\u2018": "\u2019'",  # left and right single marks
    "'": "'\u2019",
    "\u201a": "\u2018\u2019",  # low single mark (German)
    "\u2039": "\u203a",  # single angle marks
    "\u203a": "\u2039",  # reversed single angle marks
}
_DOUBLE_MARKS = frozenset("".join(_DOUBLE_CLOSERS) + "".join(_DOUBLE_CLOSERS.values()))
_SINGLE_MARKS = frozenset("".join(_SINGLE_CLOSERS) + "".join(_SINGLE_CLOSERS.values()))
_MARKS = _DOUBLE_MARKS | _SINGLE_MARKS
_SINGLE_ONLY = _SINGLE_MARKS - _DOUBLE_MARKS
# Searched with pos/endpos instead of on slices: a slice copies the rest of the paragraph.
# A single mark between two letters or digits is an apostrophe (Russia's, don't), which
# _pairs would skip: the search skips it in C. The pattern starts with the set of all
# marks so that the search can skip to the next mark. (The lookbehind may see the
# character before a paragraph's start, but that is white space, as no neighbour is.)
_MARK = re.compile(
    "[{all}](?:(?<=[{double}])|(?<![^\\W_][{single}])|(?![^\\W_]))".format(
        all=re.escape("".join(sorted(_MARKS))),
        double=re.escape("".join(sorted(_DOUBLE_MARKS))),
        single=re.escape("".join(sorted(_SINGLE_MARKS))),
    )
)
_SPACE_LOWER = re.compile(r"\s+[a-z]")
_ELISION = re.compile(r"\d\d?s?\b")
_OPEN_PUNCT = frozenset("([{\u2014\u2013-/:")
TERMINAL_PUNCTUATION = ".!?\u2026"
_ALNUM = re.compile(r"[^\W_]")  # str.isalnum: a word character other than the underscore


class Quotation(NamedTuple):
    """Words a source prints inside quotation marks (offsets into ``Source.text``).

    A named tuple: a source has many, and a frozen dataclass is several times slower to make.
    """

    start: int  # the first quoted character, after the opening mark
    end: int  # after the last quoted character, before the closing mark
    open: int  # the opening mark
    close: int | None  # the closing mark; None when the paragraph ends first
    paragraph: Paragraph
    text: str  # source.text[start:end]
    continues: bool = False  # the second half of a quotation split by its attribution

    @property
    def outer_end(self) -> int:
        """After the closing mark (or the end of the words, when unclosed)."""
        return self.close + 1 if self.close is not None else self.end

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


class Found(NamedTuple):
    """The quotations of a source: by paragraph, all in order, and where each starts."""

    by_paragraph: tuple[tuple[Quotation, ...], ...]
    quotations: tuple[Quotation, ...]
    starts: tuple[int, ...]


def found(source: Source) -> Found:
    """The quotations of the source body (computed once per source)."""
    return source.memo("quotations:found", Found, _find)


def _find(source: Source) -> Found:
    text = source.text
    paragraphs = source.paragraphs
    body = (paragraphs[0].start, paragraphs[-1].end) if paragraphs else (0, 0)
    # The marks of every paragraph, found in one search of the body: what lies between
    # paragraphs is white space, which holds no mark and is what _MARK sees (before and
    # after) at a paragraph's edges. Most paragraphs hold none, and are not scanned.
    marks = [found.start() for found in _MARK.finditer(text, *body)]
    by_paragraph: list[tuple[Quotation, ...]] = []
    for para in paragraphs:
        first = bisect.bisect_left(marks, para.start)
        stop = bisect.bisect_left(marks, para.end, first)
        by_paragraph.append(
            tuple(_scan_paragraph(text, para, marks[first:stop])) if first < stop else ()
        )
    quotations = tuple(q for in_para in by_paragraph for q in in_para)
    return Found(tuple(by_paragraph), quotations, tuple(q.start for q in quotations))


def find_quotations(source: Source) -> list[Quotation]:
    """Every top-level quotation of the source body, in order."""
    return list(found(source).quotations)


def quotation_at(source: Source, start: int, end: int) -> Quotation | None:
    """The quotation whose words contain source.text[start:end], if one does."""
    result = found(source)
    # Quotations do not overlap: only the last one to start at or before ``start`` can.
    k = bisect.bisect_right(result.starts, start) - 1
    if k >= 0 and result.quotations[k].covers(start, end):
        return result.quotations[k]
    return None


def _later_single_close(text: str, i: int, hi: int) -> bool:
    for j in range(i + 1, hi):
        if text[j] in "\u2019'":
            prev, nxt = text[j - 1], text[j + 1] if j + 1 < hi else ""
            if not prev.isspace() and not nxt.isalnum() and not (prev.isalnum() and nxt.isalnum()):
                return True
    return False


def _pairs(text: str, para: Paragraph, marks: list[int]) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None) of every quotation in a paragraph.

    ``marks``: where _MARK finds a mark in the paragraph, in order.
    """
    lo, hi = para.start, para.end
    stack: list[tuple[int, str, bool]] = []  # (offset, mark, is_double)
    pairs: list[tuple[int, int | None]] = []
    for i in marks:
        c = text[i]
        # Can the mark open a quotation (it starts a word), or close one (it ends a word)?
        # (Each worked out only where it is asked: most marks are asked one of the two.)
        prev = text[i - 1] if i > lo else ""
        nxt = text[i + 1] if i + 1 < hi else ""
        if c in _SINGLE_ONLY:
            # (An apostrophe inside a word, Russia's or don't, is never found: see _MARK.)
            if (
                stack
                and not stack[-1][2]
                and c in _SINGLE_CLOSERS[stack[-1][1]]
                and _can_close(prev, nxt)
            ):
                plural_possessive = (
                    prev in "sS"
                    and _SPACE_LOWER.match(text, i + 1, hi) is not None
                    and _later_single_close(text, i, hi)
                )
                if not plural_possessive:
                    pairs.append((stack.pop()[0], i))
                    continue
            if _ELISION.match(text, i + 1, hi):
                continue  # an elision: '90s, '21
            if c in _SINGLE_CLOSERS and _can_open(prev, nxt) and not prev.isalnum():
                stack.append((i, c, False))
            continue
        k = len(stack) - 1  # the last double mark left open
        while k >= 0 and not stack[k][2]:
            k -= 1
        if k >= 0 and _can_close(prev, nxt) and c in _DOUBLE_CLOSERS[stack[k][1]]:
            pairs.append((stack[k][0], i))
            del stack[k:]  # single marks left open inside were apostrophes
        elif c in _DOUBLE_CLOSERS and _can_open(prev, nxt):
            stack.append((i, c, True))
    unclosed = [entry for entry in stack if entry[2]]
    if unclosed:
        pairs.append((unclosed[0][0], None))
    elif stack and stack[0][0] == lo:
        # A paragraph that opens with a single mark never closed: a quotation that runs
        # on into the next paragraph, in the British style ('Our members ... (no close).
        pairs.append((lo, None))
    return pairs


def _can_open(prev: str, nxt: str) -> bool:
    """A mark before a word, after white space, an opening bracket or dash, or a mark."""
    return (
        bool(nxt)
        and not nxt.isspace()
        and (not prev or prev.isspace() or prev in _OPEN_PUNCT or prev in _MARKS)
    )


def _can_close(prev: str, nxt: str) -> bool:
    """A mark after a word, not followed by a letter or digit."""
    return bool(prev) and not prev.isspace() and (not nxt or not nxt.isalnum())


def _scan_paragraph(text: str, para: Paragraph, marks: list[int]) -> list[Quotation]:
    pairs = _pairs(text, para, marks)
    if not pairs:
        return []
    spans = []
    for open_, close in pairs:
        outer = close if close is not None else para.end
        spans.append((open_, outer, close))
    spans.sort()
    top: list[tuple[int, int, int | None]] = []
    for span in spans:
        if top and span[0] < top[-1][1]:
            continue  # nested inside the previous top-level quotation
        top.append(span)
    out: list[Quotation] = []
    for open_, outer, close in top:
        start, end = open_ + 1, outer
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        words = text[start:end]
        if _ALNUM.search(words) is None:
            continue
        continues = False
        before = out[-1] if out else None
        if before is not None and before.close is not None:
            gap = text[before.close + 1 : open_]
            continues = (
                before.text.rstrip()[-1:] not in TERMINAL_PUNCTUATION
                and gap.strip()[-1:] in (",", ":")
                and len(gap.split()) <= 12
                and any(fold(w) in SPEECH_VERBS for w in _WORD.findall(gap))
            )
        out.append(Quotation(start, end, open_, close, para, words, continues))
    return out


_WORD = re.compile(r"\w+(?:[\u2019'\-]\w+)*")
MASK = "\x00"


def masked(text: str, quotations: Sequence[Quotation]) -> str:
    """The text with every quotation, marks included, masked out (same length)."""
    pieces: list[str] = []
    pos = 0
    for q in quotations:  # in order of their opening marks
        start, end = max(q.open, pos), q.outer_end
        if end > start:
            pieces.append(text[pos:start])
            pieces.append(MASK * (end - start))
            pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
