"""Which evidence words stand for each statement word (FS7): same lemma, close or flipped.

A statement's content word is *aligned* with an evidence word that has one of its
lemmas, a derived form or a synonym (``close``), or that is more specific than it
(`vehicles` for `trucks`); *flipped* with one that is its base or negation by prefix
(`unlawful`, `lawful`).

How two content words relate depends on their lower-case forms only (a content
word's lemmas are those of its form), so the relation is memoised per pair of
forms, and each evidence sentence is indexed once by form: aligning a statement
asks one memoised question per statement word and distinct evidence word.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from factsheet.text.polarity import prefix_bases
from factsheet.text.wording import Token, tokenize
from factsheet.text.wordnet_lexicon import close_words, lemmas, names, narrower_words


class Link(NamedTuple):
    context: int  # which evidence sentence
    token: int  # token position in it
    how: str  # "same", "close" or "flip"


def same(a: Token, b: Token) -> bool:
    return a.low == b.low or bool(set(a.lemmas) & set(b.lemmas))


def close(a: Token, b: Token) -> bool:
    """Whether evidence word ``b`` supports statement word ``a`` in another form."""
    return _close(a.lemmas, b.lemmas)


@lru_cache(maxsize=1 << 17)
def _close(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    for i in a:
        near = close_words(i)
        for j in b:
            if j in near or i in narrower_words(j):
                return True
    return False


@lru_cache(maxsize=1 << 15)
def _bases(low: str, ids: tuple[int, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """A word's names (its form and lemmas) and the bases they negate by prefix."""
    own = names(low, ids)
    bases: set[str] = set()
    for x in own:
        bases |= prefix_bases(x)
    return own, frozenset(bases)


def _flipped(a_low: str, a: tuple[int, ...], b_low: str, b: tuple[int, ...]) -> bool:
    names_a, bases_a = _bases(a_low, a)
    names_b, bases_b = _bases(b_low, b)
    return not (bases_a.isdisjoint(names_b) and bases_b.isdisjoint(names_a))


_SAME, _CLOSE, _FLIP, _NONE = 0, 1, 2, 3
_HOW = ("same", "close", "flip")


@lru_cache(maxsize=1 << 18)
def _relation(a: str, b: str) -> int:
    """How content word ``b`` (evidence) relates to content word ``a`` (statement)."""
    if a == b:
        return _SAME
    la, lb = lemmas(a), lemmas(b)
    if not la or not lb:
        return _NONE
    if not set(la).isdisjoint(lb):
        return _SAME
    if _close(la, lb):
        return _CLOSE
    if _flipped(a, la, b, lb):
        return _FLIP
    return _NONE


Words = tuple[tuple[str, tuple[int, ...]], ...]


class Index(NamedTuple):
    """An evidence sentence's content words: each form with its token positions, and
    the positions by form and by lemma (what finds a statement word's own at once)."""

    words: Words
    by_low: dict[str, tuple[int, ...]]
    by_lemma: dict[int, tuple[int, ...]]


@lru_cache(maxsize=4096)
def index(text: str) -> Index:
    """The index of an evidence sentence (read-only: shared by every fact citing it)."""
    by_low: dict[str, list[int]] = {}
    by_lemma: dict[int, list[int]] = {}
    for e in tokenize(text):
        if e.content:
            by_low.setdefault(e.low, []).append(e.position)
            for i in e.lemmas:
                by_lemma.setdefault(i, []).append(e.position)
    return Index(
        tuple((low, tuple(at)) for low, at in by_low.items()),
        {low: tuple(at) for low, at in by_low.items()},
        {i: tuple(at) for i, at in by_lemma.items()},
    )


def same_positions(word: str, ids: tuple[int, ...], found: Index) -> list[int]:
    """The positions of the content words of an indexed sentence that are ``word``'s
    own (the same form or a shared lemma), in order."""
    at = found.by_low.get(word, ())
    more = [found.by_lemma[i] for i in ids if i in found.by_lemma]
    if not more:
        return list(at)
    return sorted({*at, *(p for group in more for p in group)})


def align(statement: tuple[Token, ...], indexes: tuple[Index, ...]) -> dict[int, list[Link]]:
    """For each statement content word, its links, the best kind only (same > close > flip).

    ``indexes``: the evidence sentences' indexes (``index`` of each text). The same
    words are looked up; only a word without one is compared with every distinct
    evidence word (memoised per pair of forms).
    """
    out: dict[int, list[Link]] = {}
    for s in statement:
        if not s.content:
            continue
        low = s.low
        same_links = [
            Link(c, p, "same")
            for c, found in enumerate(indexes)
            for p in same_positions(low, s.lemmas, found)
        ]
        if same_links:
            out[s.position] = same_links
            continue
        if not s.lemmas:
            continue
        best = _NONE
        pairs: list[tuple[int, int]] = []
        for c, found in enumerate(indexes):
            for e_low, at in found.words:
                how = _relation(low, e_low)
                if how == best:
                    if how != _NONE:
                        pairs.extend((c, p) for p in at)
                elif how < best:
                    best = how
                    pairs = [(c, p) for p in at]
        if best != _NONE:
            pairs.sort()
            name = _HOW[best]
            out[s.position] = [Link(c, p, name) for c, p in pairs]
    return out
