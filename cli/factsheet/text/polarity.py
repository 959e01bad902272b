"""Negation for FS7 (meaning): which word each negation cue negates, and negating prefixes.

A cue (`not`, `n't`, `never`, `no`, `without`, `fail to`, `deny` …) negates the first
content word after it in its clause; a word negated twice is affirmed. A negating
prefix (`unlawful`, `non-binding`, `disagreed`, `de-escalate`) flips a word against its
base when WordNet lists the two as antonyms, or when the prefix is hyphenated.
"""

from __future__ import annotations

from functools import lru_cache

from factsheet.text.wording import CLAUSE_END, Token
from factsheet.text.wordnet_lexicon import direct_antonyms, lexicon, names

NEGATORS = frozenset(
    [
        "not",
        "n't",
        "never",
        "no",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "nowhere",
        "cannot",
    ]
)
# Verbs that negate what follows them (`failed to act`, `denied funding`).
_NEGATING_VERBS = frozenset(["fail", "refuse", "decline", "deny", "lack"])
_NEEDS_TO = frozenset(["fail", "refuse", "decline"])
# `not only`, `not just`: no negation.
_NOT_NEGATING_NEXT = frozenset(["only", "just", "merely", "simply"])
_PREFIXES = ("non-", "de-", "un-", "anti-", "dis", "un", "in", "im", "il", "ir", "non")


def negations(tokens: tuple[Token, ...]) -> dict[int, list[int]]:
    """For each negated token, the indexes of the cues that negate it."""
    out: dict[int, list[int]] = {}
    n = len(tokens)
    for c, tok in enumerate(tokens):
        low = tok.low
        if (low == "than" and c > 0 and tokens[c - 1].low == "rather") or (
            low == "instead" and c + 1 < n and tokens[c + 1].low == "of"
        ):
            pass  # `a start rather than a solution`: what follows is denied
        elif low in NEGATORS and not tok.name:
            if c + 1 < n and tokens[c + 1].low in _NOT_NEGATING_NEXT:
                continue
        else:
            verbs = names(low, tok.lemmas) & _NEGATING_VERBS if tok.content else None
            if not verbs:
                continue
            if verbs <= _NEEDS_TO and not (c + 1 < n and tokens[c + 1].low == "to"):
                continue
        for t in range(c + 1, n):
            if tokens[t].text in CLAUSE_END:
                break
            if tokens[t].content:
                out.setdefault(t, []).append(c)
                break
    return out


def prefixed(word: str, base: str) -> bool:
    """Whether ``word`` is ``base`` with a negating prefix (`unlawful`, `lawful`)."""
    for p in _PREFIXES:
        if word.startswith(p) and word[len(p) :] == base and len(base) >= 3:
            if p.endswith("-"):
                return True
            index = lexicon().ids
            a, b = index.get(word), index.get(base)
            return a is not None and b is not None and b in direct_antonyms(a)
    return False


@lru_cache(maxsize=1 << 16)
def prefix_bases(word: str) -> frozenset[str]:
    """The bases ``word`` negates by a prefix: each ``base`` with ``prefixed(word, base)``."""
    out = set()
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 3 and prefixed(word, word[len(p) :]):
            out.add(word[len(p) :])
    return frozenset(out)
