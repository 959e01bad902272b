"""Proper names in free text, and whether a source names them (FS401, FS402).

Names compare case- and diacritic-insensitively, as FORMAT.md says. The source
is folded once, character for character (so that a hit maps back to an exact
position in the original file), and memoised in ``Source.cache``.

A proper name in a curator's statement is a run of capitalised words (with
connectors such as ``of`` and particles such as ``von der``). Words that are
capitalised for other reasons are never names: the first word of a sentence
when it is a common word, months, weekdays, titles and a short stop list.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from factsheet.source.normalize import normalize
from factsheet.source.reader import Source
from factsheet.text.lexicon import MONTHS, PARTICLES, TITLES, WEEKDAYS
from factsheet.text.person_names import surname as _surname


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
_IRREGULAR = {
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
_PLACE_ENDINGS = frozenset({"", "a", "e", "y", "ia", "o"})
_ADJ_ENDINGS = _set("n an ian ean ese ish i ic ns ans ians eans is ics er ers s") | {""}

_WORD = re.compile(r"\w+(?:['-]\w+)*")
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


def _bare(word: str) -> str:
    """A folded word without a possessive ending (``nato's`` -> ``nato``)."""
    if word.endswith("'s"):
        return word[:-2]
    return word.rstrip("'")


class _Hit:
    """Where a whole-word search found its needle (the part of re.Match we use)."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start = start
        self._end = end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_WORD_CHAR = re.compile(r"\w")


def _search(haystack: str, needle: str, start: int = 0) -> _Hit | None:
    """The first ``(?<!\\w)needle(?!\\w)`` at or after ``start`` (str.find, no regex)."""
    at = _whole_word_at(haystack, needle, start)
    return None if at < 0 else _Hit(at, at + len(needle))


def _whole_word_at(haystack: str, needle: str, start: int = 0) -> int:
    """Where _search finds ``needle``, or -1 (no _Hit: most look-ups want a yes or no)."""
    if not needle:
        return -1
    size = len(needle)
    at = haystack.find(needle, start)
    while at != -1:
        # \w is str.isalnum() or "_" (as re defines it): a character test costs less
        # than a regex match
        before = haystack[at - 1] if at else ""
        after = haystack[at + size : at + size + 1]
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return at
        at = haystack.find(needle, at + 1)
    return -1


def _is_token(text: str, needle: str) -> bool:
    """Is ``needle`` one whole _WORD token of ``text`` (as ``_WORD.findall`` splits it)?"""
    size = len(needle)
    at = text.find(needle) if needle else -1
    while at != -1:
        # a token starts where no token goes on: after a non-word character that does
        # not join two words ("o'neill", "jean-luc"), and _WORD from there is the needle
        if at == 0 or not (
            _WORD_CHAR.match(text, at - 1)
            or (text[at - 1] in "'-" and at > 1 and _WORD_CHAR.match(text, at - 2))
        ):
            token = _WORD.match(text, at)
            if token is not None and token.end() == at + size:
                return True
        at = text.find(needle, at + 1)
    return False


@dataclass(frozen=True)
class SourceNames:
    """A source folded for name look-ups; ``body`` is 1:1 with ``source.norm.text``.

    ``words`` and ``candidates`` are computed on first use: many sources never need the
    similar-name candidates (only a missing name does), and they cost most.
    """

    body: str
    title: str
    original: str  # source.norm.text: the case-preserving body
    # find() by folded name: the same names are looked up for fact after fact
    _found: dict[str, int | None] = field(default_factory=dict, compare=False, repr=False)
    # The names check's verdicts, by entry (is a place?, name) and by statement phrase
    # (text, opens a sentence?): facts repeat the same names.
    entry_verdicts: dict[tuple[bool, str], Verdict] = field(
        default_factory=dict, compare=False, repr=False
    )
    phrase_verdicts: dict[tuple[str, bool], tuple[list[str], Verdict | None]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @cached_property
    def words(self) -> frozenset[str]:
        """The bare words of the body and title."""
        # A _WORD match ends in a word character, so _bare only drops a final "'s".
        found = set(_WORD.findall(f"{self.body}\n{self.title}"))
        possessive = {word for word in found if word.endswith("'s")}
        return frozenset((found - possessive) | {word[:-2] for word in possessive})

    @cached_property
    def candidates(self) -> dict[str, int]:
        """Folded sub-phrases (up to five words) of the body's phrases -> norm offset."""
        body = self.body
        candidates: dict[str, int] = {}
        for phrase in extract(self.original):
            start, end, parts = phrase.start, phrase.end, phrase.words
            offsets = [start]
            for part in parts[:-1]:
                offsets.append(offsets[-1] + len(part) + 1)
            folded = body[start:end].split()
            if len(folded) != len(parts) or " ".join(folded) != body[start:end]:
                folded = []  # folding made or removed a space: split each sub-phrase itself
            for i, at in enumerate(offsets):
                for j in range(i + 1, min(len(parts), i + 5) + 1):
                    if folded:
                        key = " ".join(folded[i:j])
                    else:
                        key = " ".join(body[at : offsets[j - 1] + len(parts[j - 1])].split())
                    candidates.setdefault(_bare(key), at)
        return candidates

    def has_word(self, word: str) -> bool:
        """``word in self.words``, by searching body and title while the set is not built
        (a few look-ups per source cost less than the set)."""
        if "words" in self.__dict__:  # the cached_property has been computed
            return word in self.words
        # a word is in the set when a token is the word, or the word + "'s" (_bare)
        tokens = (word + "'s",) if word.endswith("'s") else (word, word + "'s")
        return any(_is_token(self.body, t) or _is_token(self.title, t) for t in tokens)

    def find(self, folded: str) -> int | None:
        """Where ``folded`` first occurs as whole words in the body (norm offset), or -1
        when it occurs in the title only, or None."""
        if folded in self._found:
            return self._found[folded]
        found: int | None = _whole_word_at(self.body, folded)
        if found == -1 and _whole_word_at(self.title, folded) == -1:
            found = None
        self._found[folded] = found
        return found

    def has(self, folded: str) -> bool:
        found = self._found.get(folded, -2)  # -2: not looked up yet
        return (self.find(folded) if found == -2 else found) is not None


def source_names(source: Source) -> SourceNames:
    cached = source.cache.get("propernames")
    if isinstance(cached, SourceNames):
        return cached
    result = SourceNames(fold_keep_length(source.norm.text), fold(source.title), source.norm.text)
    source.cache["propernames"] = result
    return result


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
        out = list(_significant_parts(self.words[0], self.initial))
        for word in self.words[1:]:
            out.extend(_significant_parts(word, False))
        return out


@lru_cache(maxsize=16384)
def _significant_parts(word: str, initial: bool) -> tuple[str, ...]:
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
    word = _folded(part)
    if not part[:1].isupper() or len(word) < 2 or not word.isalpha():
        return None
    acronym = part.isupper()
    if word in TITLES or word in MONTHS or word in WEEKDAYS:
        return None
    if word in COMMON and not acronym:
        return None
    if opens_sentence and not acronym and _looks_common(word):
        return None
    return part.removesuffix("'s").rstrip("'")


@lru_cache(maxsize=16384)
def _folded(word: str) -> str:
    """``_bare(fold(word))``, memoised: statements repeat the same few names."""
    return _bare(fold(word))


def _looks_common(word: str) -> bool:
    return word.endswith(_COMMON_ENDINGS) and len(word) > 4


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    previous_end = 0
    for m in _WORD.finditer(text):
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

    A phrase is a run of capitalised words joined by single spaces (words as _WORD
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


# Does the source support a name?


def related(a: str, b: str) -> bool:
    """``a`` and ``b`` (folded words) are a place and its adjective or demonym."""
    if a == b:
        return True
    if _IRREGULAR.get(a) == b or _IRREGULAR.get(b) == a:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    if n < 4:
        return False
    ra, rb = a[n:], b[n:]
    return (ra in _PLACE_ENDINGS and rb in _ADJ_ENDINGS) or (
        rb in _PLACE_ENDINGS and ra in _ADJ_ENDINGS
    )


def word_supported(word: str, names: SourceNames) -> bool:
    """A single word of a statement name: in the source, or its adjective/place form is."""
    folded = _folded(word)
    if names.has_word(folded):
        return True
    return any(related(folded, w) for w in names.words if w[:2] == folded[:2] or len(w) < 4)


@dataclass(frozen=True)
class Verdict:
    found: bool
    hint: str | None = None  # the source's own form of the name, when it has one
    offset: int | None = None  # norm offset of the hint in the source body


_FOUND = Verdict(True)  # shared (a Verdict is immutable): most names are found


_NOT_GIVEN = TITLES | MONTHS | WEEKDAYS | PARTICLES


@lru_cache(maxsize=16384)
def _is_given_name(word: str, initial: bool) -> bool:
    """Could ``word`` (as printed) be a given name (or the first word of a name) before a
    surname? A common word that starts a sentence cannot; nor can a title or a possessive."""
    low = _folded(word)
    if initial and (low in COMMON or _looks_common(low)):
        return False
    return (
        word[:1].isupper()
        and not word.isupper()
        and not word.endswith(("'s", "'"))
        and low.isalpha()
        and low not in _NOT_GIVEN
    )


def _given_name_conflict(given: str, last: str, names: SourceNames) -> Verdict | None:
    """When the source gives the surname ``last`` only after other given names than
    ``given`` (folded words): a Verdict naming the source's form."""
    others: list[tuple[str, int]] = []
    start = 0
    while (hit := _search(names.body, last, start)) is not None:
        start = hit.start() + 1
        before = names.original[: hit.start()]
        prev = re.search(r"(\w+(?:['-]\w+)*) $", before)
        if prev is None:
            continue
        if _folded(prev.group(1)) == given:
            return None
        initial = re.search(r"(?:^|\n|[.!?:;\"'(\[]\s*)$", before[: prev.start()]) is not None
        if _is_given_name(prev.group(1), initial):
            form = f"{prev.group(1)} {names.original[hit.start() : hit.end()]}"
            others.append((form, prev.start()))
    if not others:
        return None
    form, offset = others[0]
    return Verdict(False, form, offset)


def person_in_source(name: str, names: SourceNames) -> Verdict:
    """A person or organisation: the full name, or the surname without a clash of given
    names (``Anthony Blinken`` is not the source's ``Antony Blinken``)."""
    full = fold(name)
    if names.has(full):
        return _FOUND
    last = fold(_surname(name))
    words = [w for w in full.split() if w.strip(".") not in TITLES]
    given = words[: len(words) - len(last.split())]
    if not given and last and names.has(last):
        return _FOUND
    if given and words[len(given) :] == last.split() and names.has(last):
        conflict = _given_name_conflict(given[-1], last, names)
        return conflict if conflict is not None else _FOUND
    return _not_found(full, names)


def place_in_source(name: str, names: SourceNames) -> Verdict:
    """A place: the whole name (``Middle East`` is not supported by ``East`` alone)."""
    full = fold(name)
    if names.has(full):
        return _FOUND
    parts = [p.strip() for p in full.split(",") if p.strip()]
    if len(parts) > 1 and all(names.has(p) for p in parts):
        return _FOUND
    return _not_found(full, names)


def _not_found(full: str, names: SourceNames) -> Verdict:
    near = difflib.get_close_matches(full, list(names.candidates), n=1, cutoff=0.75)
    if not near:
        return Verdict(False)
    offset = names.candidates[near[0]]
    end = offset + len(near[0])
    return Verdict(False, " ".join(names.original[offset:end].split()), offset)


def _person_parts(phrase: Phrase) -> tuple[str, str, str] | None:
    """(given name as printed, folded surname with particles, surname's last word)
    when a phrase ends in a given name and a surname."""
    words = phrase.words
    i = len(words) - 1
    if not _is_given_name(words[i], phrase.initial and i == 0):
        return None
    while i > 0 and words[i - 1].lower() in PARTICLES:
        i -= 1
    if i == 0 or not _is_given_name(words[i - 1], phrase.initial and i == 1):
        return None
    last = " ".join(_folded(word) for word in words[i:])
    return words[i - 1], last, words[-1]


def supported(
    text: str, start: int, initial: bool, names: SourceNames
) -> tuple[list[str], Verdict | None]:
    """phrase_supported() for a phrase as phrases() gives it: the Phrase is made only when
    the source does not have the whole phrase (rarely)."""
    if " " not in text and not _significant_parts(text, initial):
        return [], None  # one word, and not one that must be found ("The", "On")
    if names.has(_folded(text)):
        return [], None
    return phrase_supported(Phrase(text, start, text.split(" "), initial), names)


def phrase_supported(phrase: Phrase, names: SourceNames) -> tuple[list[str], Verdict | None]:
    """The words of a statement's name that the source does not support (and, for a
    person whose given name clashes with the source's, the source's own form)."""
    if names.has(_folded(phrase.text)):
        return [], None
    significant = phrase.significant()
    missing = [w for w in significant if not word_supported(w, names)]
    person = _person_parts(phrase)
    if person is not None:
        given, last, final = person
        if final not in missing and names.has(last):
            folded_given = _folded(given)
            conflict = _given_name_conflict(folded_given, last, names)
            if conflict is not None and not names.has(f"{folded_given} {last}"):
                return [w for w in significant if w in missing or w == given], conflict
            # a person the source names by surname alone
            missing = [w for w in missing if w != given]
    return missing, None
