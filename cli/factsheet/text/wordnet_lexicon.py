"""WordNet's words and relations (FS7), read once per process, on first use.

The data is compiled from Debian's ``wordnet-base`` by scripts/build_wordnet.py into
``data/wordnet_relations.json.gz`` (licence: ``data/WORDNET-LICENSE``). Inflected
forms are brought to their lemma by simplemma (its English dictionary, also read on
first use) and by WordNet-style suffix rules; every answer is memoised per word.
Nothing is downloaded: the data ships inside the package.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


class Lexicon(NamedTuple):
    ids: dict[str, int]  # word -> id
    words: list[str]
    pos: list[str]  # per word: its parts of speech, letters of "anrv"
    synsets_of: list[tuple[int, ...]]  # per word: its synsets
    members: list[list[int]]  # per synset: its words
    antonyms: dict[int, set[int]]
    derived: dict[int, set[int]]
    broader: dict[int, set[int]]  # synset -> hypernyms (and similar adjectives)
    irregular: dict[str, str]  # inflected form -> its bases, space-separated


def _pairs(flat: list[int]) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for i in range(0, len(flat), 2):
        a, b = flat[i], flat[i + 1]
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled relations: read on first use, then shared (forked workers inherit it)."""
    blob = resources.files("factsheet.text").joinpath("data/wordnet_relations.json.gz")
    data = json.loads(gzip.decompress(blob.read_bytes()))
    words: list[str] = data["words"].split("\n")
    members: list[list[int]] = data["synsets"]
    synsets_of: list[list[int]] = [[] for _ in words]
    for s, ids in enumerate(members):
        for w in ids:
            synsets_of[w].append(s)
    broader: dict[int, set[int]] = {}
    flat = data["broader"]
    for i in range(0, len(flat), 2):
        broader.setdefault(flat[i], set()).add(flat[i + 1])
    return Lexicon(
        ids={w: i for i, w in enumerate(words)},
        words=words,
        pos=data["pos"],
        synsets_of=[tuple(s) for s in synsets_of],
        members=members,
        antonyms=_pairs(data["antonyms"]),
        derived=_pairs(data["derived"]),
        broader=broader,
        irregular=data["irregular"],
    )


_simplemma_lemma: dict[str, str] = {}


def _simplemma(word: str) -> str:
    found = _simplemma_lemma.get(word)
    if found is None:
        import simplemma  # imported on first use: its dictionary costs start-up time

        found = simplemma.lemmatize(word, lang="en").lower()
        _simplemma_lemma[word] = found
    return found


def preload() -> None:
    """Read WordNet and the lemmatiser's dictionary now (before forking workers)."""
    lexicon()
    _simplemma("preloading")


# WordNet's own detachment rules (morphy), tried after the lemmatiser.
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("es", "e"),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("est", ""),
    ("er", "e"),
    ("est", "e"),
)


@lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[int, ...]:
    """The WordNet ids of a lower-case word's possible lemmas (empty when none is known)."""
    lex = lexicon()
    index = lex.ids
    found: list[int] = []

    def add(candidate: str) -> None:
        i = index.get(candidate)
        if i is not None and i not in found:
            found.append(i)

    add(word)
    for base in lex.irregular.get(word, "").split():
        add(base)
    add(_simplemma(word))
    for suffix, ending in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            add(stem + ending)
            if ending == "" and len(stem) >= 4 and stem[-1] == stem[-2]:
                add(stem[:-1])  # `planned` -> `plan`
    return tuple(found)


def lemma_key(word: str) -> str:
    """A word's lemma as a string (the word itself when WordNet does not know it)."""
    ids = lemmas(word)
    return lexicon().words[ids[0]] if ids else _simplemma(word)


def pos_of(word: str) -> str:
    lex = lexicon()
    return "".join(sorted({p for i in lemmas(word) for p in lex.pos[i]}))


@lru_cache(maxsize=65536)
def close_words(word_id: int) -> frozenset[int]:
    """A lemma with its derived forms and synonyms (of any sense): what supports it."""
    lex = lexicon()
    out = {word_id, *lex.derived.get(word_id, ())}
    for base in list(out):
        for s in lex.synsets_of[base]:
            out.update(lex.members[s])
    return frozenset(out)


@lru_cache(maxsize=65536)
def narrower_words(word_id: int) -> frozenset[int]:
    """Words whose meaning a word covers: those of synsets two hyponym levels down are
    not listed; asked the other way round, a word supports its direct hypernyms."""
    lex = lexicon()
    out: set[int] = set()
    for s in lex.synsets_of[word_id]:
        for up in lex.broader.get(s, ()):
            out.update(lex.members[up])
            for up2 in lex.broader.get(up, ()):
                out.update(lex.members[up2])
    return frozenset(out)


@lru_cache(maxsize=65536)
def sense_words(word_id: int) -> frozenset[int]:
    """The word, its synonyms (of any sense) and their direct hypernyms."""
    lex = lexicon()
    out = {word_id}
    for s in lex.synsets_of[word_id]:
        out.update(lex.members[s])
        for up in lex.broader.get(s, ()):
            out.update(lex.members[up])
    return frozenset(out)


@lru_cache(maxsize=65536)
def opposite_words(word_id: int) -> frozenset[int]:
    """The antonyms of the word's sense words (`cut` -> `decrease` -> `increase`)."""
    lex = lexicon()
    out: set[int] = set()
    for w in sense_words(word_id):
        out.update(lex.antonyms.get(w, ()))
    return frozenset(out)


def opposite(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether some lemma of ``a`` and some lemma of ``b`` are opposites: an antonym of
    one's sense words is among the other's (`cut`/`raise` meet at `decrease`/`increase`)."""
    return any(opposite_words(i) & sense_words(j) for i in a for j in b)


def direct_antonyms(word_id: int) -> frozenset[int]:
    return frozenset(lexicon().antonyms.get(word_id, ()))


def word(word_id: int) -> str:
    return lexicon().words[word_id]


def known(word: str) -> bool:
    return bool(lemmas(word))
