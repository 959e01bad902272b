"""Whether a source names a person, place or proper name (FS401, FS402).

Names compare case- and diacritic-insensitively, as FORMAT.md says. The source
is folded once, character for character (so that a hit maps back to an exact
position in the original file), and memoised in ``Source.cache``. Finding the
names of a curator's statement is name_phrases.py.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from factsheet.source.reader import Source
from factsheet.text.lexicon import MONTHS, PARTICLES, TITLES, WEEKDAYS
from factsheet.text.name_phrases import (
    ADJ_ENDINGS,
    COMMON,
    IRREGULAR_PLACES,
    PLACE_ENDINGS,
    WORD_PATTERN,
    Phrase,
    bare_word,
    extract,
    fold,
    fold_keep_length,
    folded_word,
    looks_common,
    significant_parts,
)
from factsheet.text.person_names import surname as _surname


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
    """Is ``needle`` one whole token of ``text``, as ``WORD_PATTERN.findall`` splits it?"""
    size = len(needle)
    at = text.find(needle) if needle else -1
    while at != -1:
        # a token starts where no token goes on: after a non-word character that does
        # not join two words ("o'neill", "jean-luc"), and WORD_PATTERN from there is the needle
        if at == 0 or not (
            _WORD_CHAR.match(text, at - 1)
            or (text[at - 1] in "'-" and at > 1 and _WORD_CHAR.match(text, at - 2))
        ):
            token = WORD_PATTERN.match(text, at)
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
        # A WORD_PATTERN match ends in a word character, so bare_word only drops a final "'s".
        found = set(WORD_PATTERN.findall(f"{self.body}\n{self.title}"))
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
                    candidates.setdefault(bare_word(key), at)
        return candidates

    def has_word(self, word: str) -> bool:
        """``word in self.words``, by searching body and title while the set is not built
        (a few look-ups per source cost less than the set)."""
        if "words" in self.__dict__:  # the cached_property has been computed
            return word in self.words
        # a word is in the set when a token is the word, or the word + "'s" (bare_word)
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
    return source.memo("propernames", SourceNames, _names_of)


def _names_of(source: Source) -> SourceNames:
    return SourceNames(fold_keep_length(source.norm.text), fold(source.title), source.norm.text)


# Does the source support a name?


def related(a: str, b: str) -> bool:
    """``a`` and ``b`` (folded words) are a place and its adjective or demonym."""
    if a == b:
        return True
    if IRREGULAR_PLACES.get(a) == b or IRREGULAR_PLACES.get(b) == a:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    if n < 4:
        return False
    ra, rb = a[n:], b[n:]
    return (ra in PLACE_ENDINGS and rb in ADJ_ENDINGS) or (
        rb in PLACE_ENDINGS and ra in ADJ_ENDINGS
    )


def word_supported(word: str, names: SourceNames) -> bool:
    """A single word of a statement name: in the source, or its adjective/place form is."""
    folded = folded_word(word)
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
    low = folded_word(word)
    if initial and (low in COMMON or looks_common(low)):
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
        if folded_word(prev.group(1)) == given:
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
    last = " ".join(folded_word(word) for word in words[i:])
    return words[i - 1], last, words[-1]


def supported(
    text: str, start: int, initial: bool, names: SourceNames
) -> tuple[list[str], Verdict | None]:
    """phrase_supported() for a phrase as phrases() gives it: the Phrase is made only when
    the source does not have the whole phrase (rarely)."""
    if " " not in text and not significant_parts(text, initial):
        return [], None  # one word, and not one that must be found ("The", "On")
    if names.has(folded_word(text)):
        return [], None
    return phrase_supported(Phrase(text, start, text.split(" "), initial), names)


def phrase_supported(phrase: Phrase, names: SourceNames) -> tuple[list[str], Verdict | None]:
    """The words of a statement's name that the source does not support (and, for a
    person whose given name clashes with the source's, the source's own form)."""
    if names.has(folded_word(phrase.text)):
        return [], None
    significant = phrase.significant()
    missing = [w for w in significant if not word_supported(w, names)]
    person = _person_parts(phrase)
    if person is not None:
        given, last, final = person
        if final not in missing and names.has(last):
            folded_given = folded_word(given)
            conflict = _given_name_conflict(folded_given, last, names)
            if conflict is not None and not names.has(f"{folded_given} {last}"):
                return [w for w in significant if w in missing or w == given], conflict
            # a person the source names by surname alone
            missing = [w for w in missing if w != given]
    return missing, None
