"""Comparing names: case- and diacritic-insensitive, a person also by surname alone.

`Nausėda` = `Nauseda`; `von der Leyen` names `Ursula von der Leyen`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from factsheet.source.normalize import normalize
from factsheet.text.lexicon import PARTICLES, TITLES

__all__ = ["PARTICLES", "TITLES", "appears_in", "fold", "same_person", "surname"]


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lowercase, without diacritics, normalised as for matching; possessives dropped."""
    plain = normalize(text).text
    decomposed = unicodedata.normalize("NFKD", plain)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = re.sub(r"(?<=\w)'s\b", "", stripped.casefold())
    return " ".join(stripped.split())


# Particles that are also given names: "Ben Cho", "Al Gore" (but "ben Gurion").
_GIVEN_PARTICLES = frozenset({"ben", "al"})


def _given_name(name: str, words: list[str]) -> bool:
    """Whether a name's first word, a particle, is a capitalised given name ("Ben Cho")."""
    first = name.split()[0] if name.split() else ""
    return words[0] in _GIVEN_PARTICLES and first[:1].isupper() and len(words) == 2


@lru_cache(maxsize=8192)
def surname(name: str) -> str:
    """The surname of a person's name as folded words: particles stay with it."""
    words = [w for w in fold(name).split() if w.strip(".") not in TITLES] or fold(name).split()
    if len(words) <= 1 or (words[0] in PARTICLES and not _given_name(name, words)):
        return " ".join(words)
    for i, word in enumerate(words[1:], 1):
        if word in PARTICLES:
            return " ".join(words[i:])
    return words[-1]


def _contains(haystack: str, needle: str) -> bool:
    if not needle:
        return False
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def appears_in(name: str, folded_text: str) -> bool:
    """Does ``name`` (or, for a person, the surname) appear in already-folded text?"""
    full = fold(name)
    return _contains(folded_text, full) or (" " in full and _contains(folded_text, surname(name)))


@lru_cache(maxsize=8192)
def same_person(a: str, b: str) -> bool:
    """Do two names name the same person? Full names must agree; a bare surname matches.

    Leading titles do not count: `President Nauseda` is `Gitanas Nauseda`.
    """
    fa, fb = _untitled(fold(a)), _untitled(fold(b))
    if fa == fb:
        return True
    sa, sb = surname(a), surname(b)
    if sa != sb or not sa:
        return False
    return fa == sa or fb == sa or fa.endswith(" " + fb) or fb.endswith(" " + fa)


@lru_cache(maxsize=8192)
def _untitled(folded: str) -> str:
    """A folded name without its leading titles: `president nauseda` → `nauseda`."""
    words = folded.split()
    k = 0
    while k < len(words) - 1 and words[k].strip(".") in TITLES:
        k += 1
    return " ".join(words[k:])
