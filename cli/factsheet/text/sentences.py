"""Sentences and their tokens, as attribution reads them.

A source's body, with its quotations masked out, is cut into sentences (a
quotation never splits its sentence; abbreviations such as ``Mr.``, ``a.m.``,
``U.S.`` or initials do not end one) and into tokens: words, punctuation and
masked quotations. Runs of capitalised words (titles, then perhaps a name) are
found over the tokens' classes. :mod:`factsheet.text.speakers` builds on them.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.source.reader import Paragraph
from factsheet.text.lexicon import PARTICLES, SPEECH_VERBS, TITLES, keeps_sentence, words
from factsheet.text.person_names import fold
from factsheet.text.quotations import MASK, TERMINAL_PUNCTUATION, Quotation

_MASK = MASK
STOP_WORDS: frozenset[str] = words(
    """
    the a an and but or nor so yet both either neither on in at by for with from to into
    of off over under after before during since until as about against between through
    it its this that these those there here he she they we i you his her hers their our
    my your him them us me any some all each every no not if when while where which who
    whom whose what why how also however meanwhile then thus although though because
    according despite instead many most more much several such other another one two
    three four five six seven eight nine ten last next first second third speaking asked
    meanwhile yesterday today tomorrow monday tuesday wednesday thursday friday saturday
    sunday january february april july september october november december
    """
)
_CUE_WORDS = SPEECH_VERBS | {"according"}
_STOP_OR_PARTICLE = STOP_WORDS | PARTICLES
_WORD_START = re.compile(r"\w")
_PUNCTUATION = ",;:()[]\u2013\u2014"  # the punctuation tokens of _TOKEN
# A masked quotation, a word, or punctuation. No group for each kind: token_kind tells a
# token's kind from its first character, and three groups made the scan twice as slow.
_TOKEN = re.compile(r"\x00+|\w+(?:[\u2019'\-.]\w+)*|[,;:()\[\]\u2013\u2014]")
# _TOKEN with a group, which makes split give the text between tokens too. Written to
# start with the set of every token's first character (so that the search skips the
# text between tokens in C), the rest chosen by what that character was; possessive
# repeats, as nothing after them could make them give back.
_TOKEN_SPLIT = re.compile(
    r"([\w\x00,;:()\[\]\u2013\u2014](?:(?<=\w)\w*+(?:[\u2019'\-.]\w++)*+|(?<=\x00)\x00*+|))"
)
_WORD = re.compile(r"\w+(?:[\u2019'\-]\w+)*")
_JOINERS = "\u2019'-"  # what joins the parts of a _WORD
POSSESSIVE_ENDINGS = ("\u2019s", "'s")  # the endings of a possessive word


@functools.lru_cache(maxsize=1 << 16)
def fold_token(token: str) -> str:
    """A word token folded (names.fold); punctuation and masks as printed.

    names.fold is memoised too, but on a bounded cache that every rule family
    shares, which the words of a run of sources outnumber.
    """
    if token_kind(token) != "w":
        return token
    if token.isascii() and "'" not in token:
        # ASCII letters, digits and "_-." only: all fold does is lower the case.
        return token.lower()
    return fold(token)


class SentenceTokens:
    """The tokens of a source's masked body, as parallel lists; a sentence is a range of them.

    A source has thousands of tokens; an object for each would cost more than
    the rest of the analysis, and so would a scan per sentence (no token spans
    the white space that ends a sentence or a paragraph, so one scan of the body
    gives what a scan of each sentence would). A token's kind ("q" a masked
    quotation, "w" a word, "p" punctuation) is not kept: token_kind tells it from the
    token. Its low is the word folded (names.fold); punctuation and masks as printed.
    """

    __slots__ = ("classes", "cue_starts", "ends", "lows", "starts", "texts")

    def __init__(self, masked: str, start: int, end: int) -> None:
        # Split into the text between tokens and the tokens, alternately; the offsets
        # add up from the pieces' lengths. No match object (which the garbage collector
        # tracks) for each token.
        pieces = _TOKEN_SPLIT.split(masked[start:end])
        offsets = list(itertools.accumulate(map(len, pieces), initial=start))
        self.texts: list[str] = pieces[1::2]
        self.starts: list[int] = offsets[1:-1:2]
        self.ends: list[int] = offsets[2::2]
        self.lows: list[str] = list(map(fold_token, self.texts))
        texts, lows = self.texts, self.lows
        # Each token's class for capitalised_runs (see _RUN), one byte each. Only a word starts with
        # an upper-case letter, and only a word's low is a word (a particle, "of", a speech
        # verb). map and compress loop in C.
        classes = self.classes = bytearray(b"x") * len(texts)
        capitalised = itertools.compress(
            itertools.count(), map(str.isupper, map(operator.itemgetter(0), texts))
        )
        for k in capitalised:
            # A capitalised word that is neither particle nor stop word: a name's word,
            # or a title (but see open_sentence about the first word of a sentence).
            if lows[k] not in _STOP_OR_PARTICLE:
                classes[k] = _PLAIN_S if texts[k].endswith(POSSESSIVE_ENDINGS) else _PLAIN
                # The particles and "of" that lead to it. Only those can be part of a
                # run, so only those are looked for (rather than at every token).
                j = k - 1
                while j >= 0 and (lows[j] in PARTICLES or lows[j] == "of"):
                    linker = _PARTICLE if lows[j] in PARTICLES else _OF
                    classes[j] = (
                        _POSSESSIVE_CLASS[linker]
                        if texts[j].endswith(POSSESSIVE_ENDINGS)
                        else linker
                    )
                    j -= 1
        # Where a cue may start (a lowercase speech verb or "according"): the rest are skipped.
        cue_words = itertools.compress(itertools.count(), map(_CUE_WORDS.__contains__, lows))
        self.cue_starts: list[int] = [k for k in cue_words if texts[k][:1].islower()]

    def open_sentence(self, lo: int, hi: int, lowercase_words: LowercaseWords) -> None:
        """A sentence's first word is capitalised anyway: a common word there is no name."""
        classes = self.classes
        if lo < hi and classes[lo] in _PLAINS and self.texts[lo].lower() in lowercase_words:
            classes[lo] = _OTHER

    def between(self, start: int, end: int) -> tuple[int, int]:
        """The range of tokens inside source.text[start:end]."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)


def token_kind(token: str) -> str:
    """A token's kind, which its first character tells (see _TOKEN)."""
    first = token[0]
    if first == _MASK:
        return "q"
    return "p" if first in _PUNCTUATION else "w"


# A token's class for capitalised_runs, a byte: a capitalised word that is no particle or stop
# word (plain), a particle, "of", each also when possessive; or another token.
_PLAIN, _PARTICLE, _OF, _OTHER, _PLAIN_S = b"CpoxD"
_POSSESSIVE_CLASS = dict(zip(b"Cpo", b"Dqf", strict=True))
_PLAINS = frozenset(b"CD")
# A run of capitalised words, over the classes of a sentence's tokens. A plain word, or
# a particle that leads to one (past particles and "of"), starts it; it goes on over
# plain words, and particles and "of" that lead to one; a possessive word ends it. The
# pattern starts with a set, so that the search skips the other tokens in C.
_LEADS = rb"(?=[pqof]*[CD])"
_RUN = re.compile(
    rb"[CDpq](?:(?<=[CD])|"
    + _LEADS
    + rb")"  # the first word
    + rb"(?:(?<=[Cp])(?:C|[po]"
    + _LEADS
    + rb")*(?:D|[qf]"
    + _LEADS
    + rb")?)?"
)


@dataclass(slots=True)
class CapitalRun:
    """A run of capitalised words: titles, then (perhaps) a name."""

    first: int  # its first token, an index into the source's SentenceTokens
    stop: int  # after its last token
    start: int  # offsets into Source.text
    end: int
    possessive: bool
    name_first: int  # the name's first token (stop when the run holds no name)
    name_start: int | None = None
    name_end: int | None = None
    titled: bool = False
    person: bool = False


class LowercaseWords:
    """The words (as _WORD finds them) of a masked text that start in lower case.

    Asked only about a few sentence openers per source, so each is looked up
    with str.find rather than by collecting every word of the text.
    """

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.memo: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.memo.get(word)
        if found is None:
            found = self.memo[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        if not word[:1].islower() or _WORD.fullmatch(word) is None:
            return False
        text, size = self.masked, len(word)
        at = text.find(word)
        while at != -1:
            # A word _WORD.findall gives: it starts no later (after a word character,
            # or after a joiner that follows one) and runs on no further.
            end = at + size
            starts = at == 0 or not (
                _WORD_START.match(text, at - 1)
                or (text[at - 1] in _JOINERS and at >= 2 and _WORD_START.match(text, at - 2))
            )
            ends = end == len(text) or not (
                _WORD_START.match(text, end)
                or (text[end] in _JOINERS and _WORD_START.match(text, end + 1))
            )
            if starts and ends:
                return True
            at = text.find(word, at + 1)
        return False


# A sentence may end at a terminal mark, or at the last mask of a quotation. As
# [.!?…]|\x00+, but a pattern that starts with a set lets the search skip to the next
# member in C, three times as fast as trying each branch at each character.
_STOP_MARK = re.compile(f"[{TERMINAL_PUNCTUATION}{_MASK}](?:(?<={_MASK}){_MASK}*)?")
# What must follow the end of a sentence: closing brackets, then white space.
_AFTER_STOP = re.compile(r"[)\]]*\s+")


def split_sentences(
    masked: str, para: Paragraph, quotations: Sequence[Quotation]
) -> list[tuple[int, int]]:
    ends_of_quotes = (
        {
            q.close: q.text.rstrip()[-1:] in TERMINAL_PUNCTUATION
            for q in quotations
            if q.close is not None
        }
        if quotations
        else {}
    )
    cuts = [para.start]
    for stop in _STOP_MARK.finditer(masked, para.start, para.end):
        i = stop.end() - 1  # a masked quotation ends its sentence at its last mask
        c = masked[i]
        if c == _MASK and not ends_of_quotes.get(i, False):
            continue
        after = _AFTER_STOP.match(masked, i + 1, para.end)
        if after is None or after.end() >= para.end:
            continue
        j = after.end()
        nxt = masked[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt == _MASK):
            continue
        if c == "." and keeps_sentence(masked, i):
            continue  # Mr., U.S., an initial, 3 a.m. Monday
        cuts.append(j)
    cuts.append(para.end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


def capitalised_runs(tokens: SentenceTokens, lo: int, hi: int) -> list[CapitalRun]:
    """Runs of capitalised words (with particles and ``of``) in a sentence's tokens (lo to hi).

    Found by _RUN over the tokens' classes (see open_sentence for its first word).
    """
    runs: list[CapitalRun] = []
    texts, lows, starts, ends = tokens.texts, tokens.lows, tokens.starts, tokens.ends
    for found in _RUN.finditer(tokens.classes, lo, hi):
        first, k = found.span()
        possessive = texts[k - 1].endswith(POSSESSIVE_ENDINGS)
        # Titles, then the name: the words after the last title, less "of" and "the".
        name = first
        for i in range(first, k):
            if lows[i].strip(".") in TITLES:
                name = i + 1
        titled = name > first
        while name < k and lows[name] in ("of", "the"):
            name += 1
        end = ends[k - 1]
        if name < k:
            name_end = end - 2 if possessive else end
            runs.append(
                CapitalRun(
                    first, k, starts[first], end, possessive, name, starts[name], name_end, titled
                )
            )
        else:
            runs.append(CapitalRun(first, k, starts[first], end, possessive, name))
    return runs
