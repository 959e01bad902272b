"""The source sentence around a span, or around an excerpt found once (FS6 and FS7 read
an excerpt with the rest of its sentence).

A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) before white
space and a capital or a digit, unless the stop ends no sentence (an abbreviation or an
initial: ``lexicon.keeps_sentence``).
"""

from __future__ import annotations

import bisect
import re

from factsheet.source.matching import find
from factsheet.source.normalize import Normalized, normalize
from factsheet.source.reader import Paragraph, Source
from factsheet.text.lexicon import keeps_sentence

_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def excerpt_sentence(source: Source, excerpt: str) -> str | None:
    """The normalised source sentence(s) around the excerpt, or None unless the source
    holds it exactly once."""
    matches = find(source, excerpt)
    if len(matches) != 1:
        return None
    return sentence_around(source, matches[0].start, matches[0].end)


def sentence_around(source: Source, start: int, end: int) -> str:
    """The normalised source sentence(s) that hold the original span [start, end)."""
    para = source.paragraph_at(start)
    if not para.start <= start <= end <= para.end:
        return _sentence_around_slowly(source, para, start, end)
    norm, starts, ends = _sentence_stops(source, para)
    # How long the normalised text before ``start`` (and up to ``end``) is. Normalising
    # the paragraph's text up to a place where a normalised character's original starts
    # or ends (as a match's ends do) gives the first characters of the paragraph's
    # normalisation that come from before that place: what index_at counts.
    before = norm.index_at(start - para.start)
    upto = norm.index_at(end - para.start)
    k = bisect.bisect_right(ends, before)  # the last sentence end at or before ``before``
    s_start = ends[k - 1] if k else 0
    # From the excerpt's last character: an excerpt ending in its own full stop ends its
    # sentence there. (A search from there finds the first end that starts there or later:
    # one end's characters after its stop are no stop, so no end starts inside another.)
    j = bisect.bisect_left(starts, max(upto - 1, 0))
    s_end = starts[j] + 1 if j < len(starts) else len(norm.text)
    return norm.text[s_start:s_end]


def _sentence_stops(source: Source, para: Paragraph) -> tuple[Normalized, list[int], list[int]]:
    """A paragraph's normalisation, and where its sentence ends start and end (memoised)."""

    def build(source: Source) -> tuple[Normalized, list[int], list[int]]:
        norm = normalize(source.text[para.start : para.end])
        spans = [
            m.span()
            for m in _SENTENCE_END.finditer(norm.text)
            if not keeps_sentence(norm.text, m.start())
        ]
        return (norm, [a for a, _ in spans], [b for _, b in spans])

    key = f"sentence_around:{para.start}"
    return source.memo(key, tuple, build)


def _sentence_around_slowly(source: Source, para: Paragraph, start: int, end: int) -> str:
    """sentence_around for a span that is not inside its paragraph: normalising each part."""
    text = normalize(source.text[para.start : para.end]).text
    before = normalize(source.text[para.start : start]).text
    upto = normalize(source.text[para.start : end]).text
    s_start = 0
    for m in _SENTENCE_END.finditer(text):
        if keeps_sentence(text, m.start()):
            continue
        if m.end() <= len(before):
            s_start = m.end()
    s_end = len(text)
    for m in _SENTENCE_END.finditer(text, max(len(upto) - 1, 0)):
        if keeps_sentence(text, m.start()):
            continue
        s_end = m.start() + 1
        break
    return text[s_start:s_end]
