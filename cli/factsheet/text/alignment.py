"""Which evidence words stand for each statement word (FS7): same lemma, close or flipped.

A statement's content word is *aligned* with an evidence word that has one of its
lemmas, a derived form or a synonym (``close``), or that is more specific than it
(`vehicles` for `trucks`); *flipped* with one that is its base or negation by prefix
(`unlawful`, `lawful`).
"""

from __future__ import annotations

from typing import NamedTuple

from factsheet.text.polarity import prefixed
from factsheet.text.wording import Token
from factsheet.text.wordnet_lexicon import close_words, narrower_words, word


class Link(NamedTuple):
    context: int  # which evidence sentence
    token: int  # token position in it
    how: str  # "same", "close" or "flip"


def _names(token: Token) -> set[str]:
    return {word(i) for i in token.lemmas} | {token.low}


def same(a: Token, b: Token) -> bool:
    return a.low == b.low or bool(set(a.lemmas) & set(b.lemmas))


def close(a: Token, b: Token) -> bool:
    """Whether evidence word ``b`` supports statement word ``a`` in another form."""
    for i in a.lemmas:
        near = close_words(i)
        for j in b.lemmas:
            if j in near or i in narrower_words(j):
                return True
    return False


def flipped(a: Token, b: Token) -> bool:
    names_a, names_b = _names(a), _names(b)
    return any(prefixed(x, y) or prefixed(y, x) for x in names_a for y in names_b)


def align(
    statement: tuple[Token, ...], contexts: tuple[tuple[Token, ...], ...]
) -> dict[int, list[Link]]:
    """For each statement content word, its links, the best kind only (same > close > flip)."""
    out: dict[int, list[Link]] = {}
    for s in statement:
        if not s.content:
            continue
        found: dict[str, list[Link]] = {}
        for c, tokens in enumerate(contexts):
            for e in tokens:
                if not e.content:
                    continue
                if same(s, e):
                    found.setdefault("same", []).append(Link(c, e.position, "same"))
                elif "same" not in found and s.lemmas and e.lemmas:
                    if close(s, e):
                        found.setdefault("close", []).append(Link(c, e.position, "close"))
                    elif flipped(s, e):
                        found.setdefault("flip", []).append(Link(c, e.position, "flip"))
        for how in ("same", "close", "flip"):
            if how in found:
                out[s.position] = found[how]
                break
    return out
