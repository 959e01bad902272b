"""WordNet's words and relations (FS7), read once per process, on first use.

The data is compiled from Debian's ``wordnet-base`` by scripts/build_wordnet.py into
``data/wordnet_relations.bin.gz`` (licence: ``data/WORDNET-LICENSE``). Inflected
forms are brought to their lemma by simplemma's English dictionary, compiled into the
same file (a look-up, where simplemma itself would take 0.3 s to load), and by
WordNet-style suffix rules; every answer is memoised per word. Nothing is downloaded:
the data ships inside the package.
"""

from __future__ import annotations

import gzip
import json
import sys
from array import array
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import NamedTuple


class Rows:
    """Rows of ids stored as one array (compressed sparse rows): ``rows[i]`` is row i."""

    __slots__ = ("_flat", "_offsets")

    def __init__(self, data: memoryview, start: int, count: int) -> None:
        n = data[start]
        self._offsets = data[start + 1 : start + 2 + n]
        self._flat = data[start + 2 + n : start + count]

    def __getitem__(self, i: int) -> Sequence[int]:
        offsets = self._offsets
        return self._flat[offsets[i] : offsets[i + 1]]

    def get(self, i: int, default: Sequence[int] = ()) -> Sequence[int]:
        return self[i] if 0 <= i < len(self._offsets) - 1 else default


class Lexicon(NamedTuple):
    ids: dict[str, int]  # word -> id
    words: list[str]
    pos: list[str]  # per word: its parts of speech, letters of "anrv"
    synsets_of: Rows  # per word: its synsets
    members: Rows  # per synset: its words
    antonyms: Rows  # per word
    derived: Rows  # per word
    broader: Rows  # synset -> hypernyms (and similar adjectives)
    irregular: dict[str, str]  # inflected form -> its bases, space-separated
    forms: dict[str, int]  # inflected form -> simplemma's lemma (NO_LEMMA: none kept)
    outside: frozenset[int]  # kept words simplemma's dictionary does not know


NO_LEMMA = 0xFFFFFFFF
_CSR = ("synsets_of", "members", "antonyms", "derived", "broader")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled relations: read on first use, then shared (forked workers inherit it).

    The numbers are one array of uint32 read as it is (no parsing), the strings a
    small JSON header: reading takes a few hundredths of a second.
    """
    blob = resources.files("factsheet.text").joinpath("data/wordnet_relations.bin.gz")
    data = gzip.decompress(blob.read_bytes())
    size = int.from_bytes(data[:4], "little")
    header = json.loads(data[4 : 4 + size])
    numbers = array("I")
    assert numbers.itemsize == 4
    numbers.frombytes(data[4 + size :])
    if sys.byteorder != "little":
        numbers.byteswap()
    view = memoryview(numbers)
    arrays: dict[str, tuple[int, int]] = header["arrays"]
    rows = {name: Rows(view, *arrays[name]) for name in _CSR}

    def flat(name: str) -> memoryview:
        at, count = arrays[name]
        return view[at : at + count]

    words: list[str] = header["words"].split("\n")
    return Lexicon(
        ids=dict(zip(words, range(len(words)), strict=True)),
        words=words,
        pos=header["pos"].split("\n"),
        synsets_of=rows["synsets_of"],
        members=rows["members"],
        antonyms=rows["antonyms"],
        derived=rows["derived"],
        broader=rows["broader"],
        irregular=header["irregular"],
        forms=dict(zip(header["forms"].split("\n"), flat("form_lemmas"), strict=True)),
        outside=frozenset(flat("outside")),
    )


def _dictionary_lemma(lex: Lexicon, word: str) -> int | None:
    """The id of a lower-case word's lemma as simplemma gives it, when that is a kept word
    other than the word: a form its dictionary knows, or a hyphenated word it does not
    know whose letters joined up are one it knows (`non-military` -> `nonmilitary`)."""
    found = lex.forms.get(word)
    if found is None and "-" in word:
        known = word in lex.ids and lex.ids[word] not in lex.outside
        if not known:
            joined = word.replace("-", "")
            found = lex.forms.get(joined)
            if found is None and joined in lex.ids and lex.ids[joined] not in lex.outside:
                found = lex.ids[joined]
    return None if found == NO_LEMMA else found


def preload() -> None:
    """Read WordNet now (before forking workers)."""
    lexicon()


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
    lemma = _dictionary_lemma(lex, word)
    if lemma is not None and lemma not in found:
        found.append(lemma)
    for suffix, ending in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            add(stem + ending)
            if ending == "" and len(stem) >= 4 and stem[-1] == stem[-2]:
                add(stem[:-1])  # `planned` -> `plan`
    return tuple(found)


@lru_cache(maxsize=1 << 16)
def names(low: str, ids: tuple[int, ...]) -> frozenset[str]:
    """A word's names: its lower-case form and the words of its lemmas ``ids`` (what a
    list of base forms is checked against: `met` is `meet`)."""
    words = lexicon().words
    return frozenset({words[i] for i in ids} | {low})


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


def sense_words(word_id: int) -> frozenset[int]:
    """The word, its synonyms (of any sense) and their direct hypernyms."""
    own, broader = _senses(word_id)
    return own | broader


@lru_cache(maxsize=65536)
def _senses(word_id: int) -> tuple[frozenset[int], frozenset[int]]:
    """The word with its synonyms (of any sense); the words of their direct hypernyms."""
    lex = lexicon()
    own = {word_id}
    broader: set[int] = set()
    for s in lex.synsets_of[word_id]:
        own.update(lex.members[s])
        for up in lex.broader.get(s, ()):
            broader.update(lex.members[up])
    return frozenset(own), frozenset(broader - own)


@lru_cache(maxsize=65536)
def opposite_words(word_id: int) -> frozenset[int]:
    """The antonyms of the word's sense words (`cut` -> `decrease` -> `increase`)."""
    lex = lexicon()
    out: set[int] = set()
    for w in sense_words(word_id):
        out.update(lex.antonyms.get(w, ()))
    return frozenset(out)


# An antonym pair reached through a hypernym must be specific: `take`/`give` (44 and
# 45 senses) would make `use` (via `take`) the opposite of `combine` (via `give`).
HUB_SENSES = 12


def opposite(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether some lemma of ``a`` and some lemma of ``b`` are opposites: an antonym of
    one's sense words is among the other's (`cut`/`raise` meet at `decrease`/`increase`).
    A pair met through a hypernym on either side counts only when neither of the two
    antonyms has more than HUB_SENSES senses."""
    return any(_opposite(i, j) for i in a for j in b)


@lru_cache(maxsize=65536)
def _opposite(i: int, j: int) -> bool:
    if opposite_words(i).isdisjoint(sense_words(j)):
        return False
    lex = lexicon()
    own_i, broader_i = _senses(i)
    own_j, broader_j = _senses(j)
    for x in own_i | broader_i:
        for y in lex.antonyms.get(x, ()):
            if y in own_j and x in own_i:
                return True  # antonyms among the two words' own synonyms
            specific = len(lex.synsets_of[x]) <= HUB_SENSES >= len(lex.synsets_of[y])
            if specific and (y in own_j or y in broader_j):
                return True
    return False


def direct_antonyms(word_id: int) -> frozenset[int]:
    return frozenset(lexicon().antonyms.get(word_id, ()))


def word(word_id: int) -> str:
    return lexicon().words[word_id]
