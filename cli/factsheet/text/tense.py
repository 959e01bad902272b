"""Whether a clause looks back or ahead: the tense a weekday or a month without a year
is read by (`said Tuesday` is past, `meets on Tuesday` to come).

One sentence reader with the rest of text/: an abbreviation (`Mr.`, `U.S.`, `3 a.m.
Monday`) ends no sentence.
"""

from __future__ import annotations

import itertools
import re

from factsheet.text.lexicon import has_lookalikes, keeps_sentence

_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+(?=[\"\u201c\u2018'(\[]?[A-Z])|\n\s*\n")
_FUTURE_CUES = re.compile(
    r"\b(?:will|shall|won't|would|should|could|might|expects?\s+to|begins?|starts|opens|resumes?|convenes?|upcoming|ahead"
    r"|plans?\s+to|intends?\s+to"
    r"|(?:is|are)\s+(?:due|expected|scheduled|set|slated|planned|going)\s+to|to\s+be\s+held)\b"
    r"|'ll\b",
    re.I,
)
_PAST_CUE_WORDS = (
    "was", "were", "had", "did", "began", "started", "opened", "ended", "closed", "met",
    r"took\s+place", "arrived", "visited", "announced", "signed", "agreed", "ago", "earlier",
    "said", "told", "stated", "added", "warned", "noted", "claimed", "accused", "pledged",
    "reported", "broke", "fell", "rose", "held", "won", "lost", "left", "came", "went", "gave",
    "made", "took", "hit", "spent", "paid", "sold", "bought", "fought", "burned", "burnt",
    "killed", "destroyed", "declared", "voted", "kept", "ran", "struck", "admitted",
    "unveiled", "presented", "approved", "rejected", "launched", "reached", "passed",
)  # fmt: skip
_PAST_CUES = re.compile(rf"\b(?:{'|'.join(_PAST_CUE_WORDS)})\b", re.I)
# Each cue's first word. A sentence whose lower case holds none of them (as substrings,
# tested in C) has no cue; the search costs ~0.1 µs a character (see Gates below).
_PAST_CUE_FIRSTS = tuple(sorted({re.findall("[a-z]+", w)[0] for w in _PAST_CUE_WORDS}))


_PLAIN_FUTURE = re.compile(r"\b(?:will|shall|won't)\b|'ll\b", re.I)
_REPORTING = re.compile(r"\b(?:said|told|stated|added|warned|noted|claimed|reported)\b", re.I)

# Where one clause of a sentence ends and the next begins: each may have its own tense
# ("The fire broke out Monday, and crews expect to contain it by Thursday").
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\s|\s(?:and|but)\s")


def clause_tense(text: str, at: int) -> str | None:
    """ "past" or "future" when the clause of ``at`` (else its sentence) looks only back
    or only ahead; None when it looks both ways or neither."""
    start, end = sentence_bounds(text, at)
    sentence = text[start:end]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence)]
    if not breaks:
        return _looks(sentence, at - start)
    clauses = [0, *breaks, len(sentence) + 1]
    for a, b in itertools.pairwise(clauses):
        if a <= at - start < b:
            return _looks(sentence[a:b], at - start - a)  # another clause's tense is not this one's
    return None


def _looks(words: str, at: int) -> str | None:
    future = bool(_FUTURE_CUES.search(words))
    before = has_past_cue(words)
    if (
        future
        and before
        and not _PAST_CUES.search(words[:at] + _REPORTING.sub("", words[at:]))
        and _PLAIN_FUTURE.search(words)
    ):
        # "Talks will resume on Monday, officials said": the verb that reports the
        # sentence after its date is not the tense of the talks.
        return "future"
    if future and not before:
        return "future"
    if before and not future:
        return "past"
    return None


def has_past_cue(sentence: str) -> bool:
    """``_PAST_CUES.search(sentence)``, skipped when no cue's first word is in the sentence.

    Without look-alike letters (see Gates), a case-insensitive match is a match in
    the lower case. (The future cues need no such test: `is` and `to` are everywhere.)
    """
    if not has_lookalikes(sentence):
        lowered = sentence.lower()
        if not any(word in lowered for word in _PAST_CUE_FIRSTS):
            return False
    return _PAST_CUES.search(sentence) is not None


def sentence_bounds(text: str, at: int) -> tuple[int, int]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if keeps_sentence(text, m.start()):
            continue  # Mr., U.S., 3 a.m. Monday: the sentence goes on
        if m.end() <= at:
            start = m.end()
        else:
            return start, m.start() + 1
    return start, len(text)
