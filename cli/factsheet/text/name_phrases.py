"""Proper names in free text: runs of capitalised words (with connectors such as `of`
and particles such as `von der`), minus words capitalised for other reasons (a common
word opening a sentence, months, weekdays, titles). Names compare case- and
diacritic-insensitively (`fold`). Whether a source names them is proper_nouns.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from factsheet.source.normalize import normalize
from factsheet.text.lexicon import MONTHS, PARTICLES, TITLES, WEEKDAYS


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that start sentences (and so are capitalised) without being names.
COMMON = _set(
    """
    a an the this that these those there here it its he she they we you i me him us them
    his her hers their theirs our ours my mine your yours who whom whose which what whatever
    whoever when whenever where wherever why how if unless although though because as and
    but or nor so yet also both either neither each every all any some many much more most
    few fewer less least several no not none one two three four five six seven eight nine
    ten eleven twelve twenty thirty forty fifty hundred thousand million billion dozens
    dozen hundreds thousands millions billions tens scores half on in at by for from with
    without under over after before during since until till while into onto about above
    below against along across around behind beyond through throughout toward towards
    within upon per via than then thus therefore however meanwhile moreover furthermore
    instead still even only just already again later earlier now today yesterday tomorrow
    tonight last next first second third fourth fifth finally once twice such other
    another same new old according despite amid amidst among amongst between near nearly
    almost roughly approximately outside inside together unlike like besides beside
    overall altogether nevertheless nonetheless otherwise indeed perhaps maybe whether
    whereas is are was were be been being am will would shall should can could may might
    must do does did done has have had having let please yes up down out off away back
    non pre post anti pro ex self co sub multi cross mid semi some somebody someone
    something everyone everybody everything nobody nothing anyone anything few many
    people leaders officials authorities troops forces government governments members
    countries nations experts analysts critics observers residents citizens police
    protesters reports sources talks plans funds money migrants refugees soldiers workers
    voters politicians diplomats lawmakers ministers minister president presidents
    security military economic political social public private national international
    global local regional european federal western eastern northern southern central
    early late recent recently currently previously initially ultimately eventually
    under whose why given based faced asked speaking writing
    """
)
# Endings of words that start a sentence without being names (Reportedly, Following,
# Officials, Leaders, Migrants, Residents, Critics ...).
_COMMON_ENDINGS = (
    "ly", "ing", "ed", "tion", "tions", "ment", "ments", "ness", "ity", "ities",
    "als", "ers", "ists", "ants", "ents", "ics",
)  # fmt: skip
_CONNECTORS = frozenset({"of", "the", "for", "and"})
# Place names whose adjective or demonym does not share the place's stem.
IRREGULAR_PLACES = {
    "polish": "poland", "poles": "poland", "pole": "poland", "swedish": "sweden",
    "swede": "sweden", "swedes": "sweden", "danish": "denmark", "dane": "denmark",
    "danes": "denmark", "finnish": "finland", "finn": "finland", "finns": "finland",
    "french": "france", "dutch": "netherlands", "british": "britain", "briton": "britain",
    "britons": "britain", "welsh": "wales", "irish": "ireland", "greek": "greece",
    "greeks": "greece", "turkish": "turkey", "turk": "turkey", "turks": "turkey",
    "spanish": "spain", "spaniard": "spain", "spaniards": "spain", "swiss": "switzerland",
    "portuguese": "portugal", "scottish": "scotland", "scots": "scotland",
    "english": "england", "icelandic": "iceland", "flemish": "flanders",
    "filipino": "philippines", "filipinos": "philippines", "peruvian": "peru",
    "norwegian": "norway", "norwegians": "norway", "moroccan": "morocco",
    "slovak": "slovakia", "slovene": "slovenia", "czech": "czechia", "croat": "croatia",
    "serb": "serbia", "serbs": "serbia", "thai": "thailand", "uzbek": "uzbekistan",
    "kazakh": "kazakhstan", "afghan": "afghanistan", "afghans": "afghanistan",
    "kyrgyz": "kyrgyzstan", "tajik": "tajikistan", "lebanese": "lebanon",
    "sudanese": "sudan", "welshman": "wales", "american": "us", "americans": "us",
    "soviet": "ussr",
}  # fmt: skip
PLACE_ENDINGS = frozenset({"", "a", "e", "y", "ia", "o"})
ADJ_ENDINGS = _set("n an ian ean ese ish i ic ns ans ians eans is ics er ers s") | {""}

WORD_PATTERN = re.compile(r"\w+(?:['-]\w+)*")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"'(\[]")


def _fold_char(c: str) -> str:
    """One character lowercased and without diacritics, still one character."""
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    low = (base or c).lower()
    return low if len(low) == 1 else c


class _FoldTable(dict[int, str]):
    """_fold_char by code point, computed once per character (for str.translate)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_keep_length(text: str) -> str:
    """Lowercase, without diacritics, one character for each character of ``text``."""
    if text.isascii():  # ASCII has no diacritics, and lowercases one for one
        return text.lower()
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """A name folded for comparison: normalised, lowercase, without diacritics.

    Memoised: the same names and words are folded for fact after fact."""
    return " ".join(fold_keep_length(normalize(text).text).split())


def bare_word(word: str) -> str:
    """A folded word without a possessive ending (``nato's`` -> ``nato``)."""
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


# Names in free text


class Token(NamedTuple):
    """A word of a text (a NamedTuple: many are made, and a dataclass costs more)."""

    text: str
    start: int
    end: int
    initial: bool  # starts a sentence (or a quotation)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


class Phrase:
    """A run of capitalised words (with connectors and particles) in a text.

    The words are kept as strings (the text joins them by single spaces); Tokens are
    made only when ``tokens`` is asked for, as the name checks need the words alone.
    """

    __slots__ = ("_tokens", "initial", "start", "text", "words")

    def __init__(self, text: str, start: int, words: list[str], initial: bool) -> None:
        self.text = text
        self.start = start  # offset of the phrase in the text it was extracted from
        self.words = words
        self.initial = initial  # the first word starts a sentence (or a quotation)
        self._tokens: tuple[Token, ...] | None = None

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def tokens(self) -> tuple[Token, ...]:
        if self._tokens is None:
            out: list[Token] = []
            at = self.start
            for word in self.words:
                out.append(Token(word, at, at + len(word), self.initial and at == self.start))
                at += len(word) + 1
            self._tokens = tuple(out)
        return self._tokens

    def significant(self) -> list[str]:
        """The words of the phrase that must each be found: not titles, months, weekdays,
        stop words, connectors or particles, and not a common word starting a sentence."""
        out = list(significant_parts(self.words[0], self.initial))
        for word in self.words[1:]:
            out.extend(significant_parts(word, False))
        return out


@lru_cache(maxsize=16384)
def significant_parts(word: str, initial: bool) -> tuple[str, ...]:
    """The parts of a (hyphenated) word that Phrase.significant keeps; memoised, as
    statements repeat the same names."""
    parts = word.split("-")
    out: list[str] = []
    for part in parts:
        kept = _significant_part(part, initial and part == parts[0])
        if kept is not None:
            out.append(kept)
    return tuple(out)


def _significant_part(part: str, opens_sentence: bool) -> str | None:
    """``part`` of a hyphenated word as Phrase.significant keeps it, or None."""
    word = folded_word(part)
    if not part[:1].isupper() or len(word) < 2 or not word.isalpha():
        return None
    acronym = part.isupper()
    if word in TITLES or word in MONTHS or word in WEEKDAYS:
        return None
    if word in COMMON and not acronym:
        return None
    if opens_sentence and not acronym and looks_common(word):
        return None
    return part.removesuffix("'s").rstrip("'")


@lru_cache(maxsize=16384)
def folded_word(word: str) -> str:
    """``bare_word(fold(word))``, memoised: statements repeat the same few names."""
    return bare_word(fold(word))


def looks_common(word: str) -> bool:
    return word.endswith(_COMMON_ENDINGS) and len(word) > 4


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    previous_end = 0
    for m in WORD_PATTERN.finditer(text):
        start, end = m.span()
        gap = text[previous_end:start]
        initial = not out or (gap != " " and _SENTENCE_BREAK.search(gap) is not None)
        out.append(Token(m.group(), start, end, initial))
        previous_end = end
    return out


def extract(text: str) -> list[Phrase]:
    """Capitalised phrases of ``text`` (already normalised or not); see phrases()."""
    return [
        Phrase(found, start, found.split(" "), initial) for found, start, initial in phrases(text)
    ]


def _alternatives(words: list[str]) -> str:
    """A regex matching exactly ``words``, as a trie (``d(?:e(?:l(?:la)?|n|r)?|i)``): re
    tries alternatives one by one, and a trie rejects most words at their first letter."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(word[1:])
    out: list[str] = []
    for first, rests in by_first.items():
        longer = [rest for rest in rests if rest]
        if not longer:
            out.append(re.escape(first))
        elif len(rests) == 1:  # one word: no group
            out.append(re.escape(first) + _alternatives(longer))
        else:
            optional = "?" if "" in rests else ""
            out.append(f"{re.escape(first)}(?:{_alternatives(longer)}){optional}")
    return "|".join(out)


# extract() works on an ASCII "shape" of the text (see _Shape), with these regexes.
_CAPITAL = r"[A-Z]\w*+(?:['-]\w+)*+"  # a word that starts with a capital letter
_JOINER = _alternatives(sorted(_CONNECTORS)) + f"|(?i:{_alternatives(sorted(PARTICLES))})"
# A run of capitalised words, and words joining them: each match starts where a word
# starts (not inside "o'Neill" or "3M"). The regex starts with a character set, so re
# skips in C to the next capital letter: the lowercase words cost no Python at all.
_NAME_RUN = re.compile(
    r"[A-Z](?<!\w\w)(?<!\w['-]\w)\w*+(?:['-]\w+)*+"
    # more capitalised words; connectors and particles only when another capital follows
    # them (all of them, possessively: a capitalised particle among them is one of them)
    + rf"(?: {_CAPITAL}|(?: (?:{_JOINER})(?!\w|['-]\w))++ {_CAPITAL})*+",
    re.ASCII,
)
# A particle (lowercase, so not part of the name's run of capitals) and a space, at the
# end of the searched part of the text; _PARTICLE_ENDS tells when it may be worth a look.
_PARTICLE_BEFORE = re.compile(
    r"(?<!\w)(?<!\w['-])"
    + "(?:"
    + "|".join(re.escape(p[0]) + f"(?i:{re.escape(p[1:])})" for p in sorted(PARTICLES))
    + r") \Z",
    re.ASCII,
)
_PARTICLE_ENDS = frozenset(p[-2:] for p in PARTICLES)


class _Shape(dict[int, str]):
    """A str.translate table making text ASCII, one character for one, that keeps what
    extract() looks at: an uppercase letter becomes ``X``, another word character ``x``,
    anything else ``#``. No particle or connector has a non-ASCII letter (or an x), and
    none is the lowercase of one, so words are particles in the shape when they were."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        shaped = c if code < 128 else "X" if c.isupper() else "x" if c.isalnum() else "#"
        self[code] = shaped
        return shaped


_SHAPE = _Shape()


def _opens_sentence(shape: str, start: int) -> bool:
    """Does the word at ``start`` open a sentence: the text's first word, or the first of
    a run of words joined by single spaces after a gap with a sentence break?"""
    if start > 1 and shape[start - 1] == " " and _is_word_char(shape[start - 2]):
        return False  # one space between two words: inside a run
    at = start - 1  # the last word character before the word, if any
    while at >= 0 and not _is_word_char(shape[at]):
        at -= 1
    return at < 0 or _SENTENCE_BREAK.search(shape, at + 1, start) is not None


def _is_word_char(c: str) -> bool:
    """``\\w`` for a character of a shape (ASCII)."""
    return c.isalnum() or c == "_"


def phrases(text: str) -> list[tuple[str, int, bool]]:
    """The phrases of extract() as (text, start, initial), for the names check: it needs
    a Phrase only for the few phrases it has not seen in the source yet.

    A phrase is a run of capitalised words joined by single spaces (words as WORD_PATTERN
    splits them), and by connectors or particles before another capital (``Bank of
    England``), opened by lowercase particles (``von der Leyen``). It is initial when
    its first word opens a sentence (see _opens_sentence).
    """
    shape = text if text.isascii() else text.translate(_SHAPE)
    out: list[tuple[str, int, bool]] = []
    floor = 0  # where the previous phrase ends: particles open a name after it
    for m in _NAME_RUN.finditer(shape):
        start, end = m.span()
        if start > 1 and shape[start - 1] == " " and _is_word_char(shape[start - 2]):
            initial = False  # after another word of its run
            if shape[start - 3 : start - 1].lower() in _PARTICLE_ENDS:
                opened = start
                while (
                    particle := _PARTICLE_BEFORE.search(shape, max(floor, opened - 7), opened)
                ) is not None:
                    opened = particle.start()
                if opened != start:
                    start, initial = opened, _opens_sentence(shape, opened)
        else:
            initial = _opens_sentence(shape, start)
        out.append((text[start:end], start, initial))
        floor = end
    return out
