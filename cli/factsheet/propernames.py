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

from factsheet.names import PARTICLES
from factsheet.names import TITLES as _NAME_TITLES
from factsheet.names import surname as _surname
from factsheet.normalize import normalize
from factsheet.sources import Source


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


MONTHS = _set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = _set(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun"
)
TITLES = _NAME_TITLES | _set(
    "vice ministers ministry foreign defence defense interior finance state chief "
    "commissioner ambassador spokesman spokeswoman spokesperson mayor governor senator "
    "representative congressman congresswoman mp mep professor head director chairman "
    "chairwoman chair leader deputy high envoy commander colonel admiral lieutenant lt "
    "major captain sergeant officer judge justice attorney premier emperor ayatollah "
    "archbishop bishop cardinal rev reverend father saint st elect acting former late "
    "incumbent"
)
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


def fold(text: str) -> str:
    """A name folded for comparison: normalised, lowercase, without diacritics."""
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
    if not needle:
        return None
    size = len(needle)
    at = haystack.find(needle, start)
    while at != -1:
        if (at == 0 or _WORD_CHAR.match(haystack, at - 1) is None) and _WORD_CHAR.match(
            haystack, at + size
        ) is None:
            return _Hit(at, at + size)
        at = haystack.find(needle, at + 1)
    return None


@dataclass(frozen=True)
class SourceNames:
    """A source folded for name look-ups; ``body`` is 1:1 with ``source.norm.text``."""

    body: str
    title: str
    words: frozenset[str]
    original: str  # source.norm.text: the case-preserving body
    candidates: dict[str, int] = field(default_factory=dict)  # folded name -> norm offset

    def find(self, folded: str) -> int | None:
        """Where ``folded`` first occurs as whole words in the body (norm offset), or -1
        when it occurs in the title only, or None."""
        hit = _search(self.body, folded)
        if hit is not None:
            return hit.start()
        return -1 if _search(self.title, folded) is not None else None

    def has(self, folded: str) -> bool:
        return self.find(folded) is not None


def source_names(source: Source) -> SourceNames:
    cached = source.cache.get("propernames")
    if isinstance(cached, SourceNames):
        return cached
    body = fold_keep_length(source.norm.text)
    title = fold(source.title)
    words = frozenset([_bare(word) for word in _WORD.findall(f"{body}\n{title}")])
    candidates: dict[str, int] = {}
    for phrase in extract(source.norm.text):
        tokens = phrase.tokens
        for i in range(len(tokens)):
            for j in range(i + 1, min(len(tokens), i + 5) + 1):
                start, end = tokens[i].start, tokens[j - 1].end
                key = " ".join(body[start:end].split())
                candidates.setdefault(_bare(key), start)
    result = SourceNames(body, title, words, source.norm.text, candidates)
    source.cache["propernames"] = result
    return result


# Names in free text


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    initial: bool  # starts a sentence (or a quotation)

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Phrase:
    """A run of capitalised words (with connectors and particles) in a text."""

    tokens: tuple[Token, ...]
    text: str

    def significant(self) -> list[str]:
        """The words of the phrase that must each be found: not titles, months, weekdays,
        stop words, connectors or particles, and not a common word starting a sentence."""
        out: list[str] = []
        for token in self.tokens:
            for part in token.text.split("-"):
                word = _bare(fold(part))
                if not part[:1].isupper() or len(word) < 2 or not word.isalpha():
                    continue
                acronym = part.isupper()
                if word in TITLES or word in MONTHS or word in WEEKDAYS:
                    continue
                if word in COMMON and not acronym:
                    continue
                first = part == token.text.split("-")[0]
                if token.initial and first and not acronym and _looks_common(word):
                    continue
                out.append(part.removesuffix("'s").rstrip("'"))
        return out


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
    """Capitalised phrases of ``text`` (already normalised or not)."""
    toks = tokens(text)
    phrases: list[Phrase] = []
    i = 0
    while i < len(toks):
        j = i
        # particles opening a name: "von der Leyen"
        while j < len(toks) and toks[j].text.lower() in PARTICLES and not toks[j].capitalised:
            if not _joined(text, toks[j], toks[j + 1] if j + 1 < len(toks) else None):
                break
            j += 1
        if j >= len(toks) or not toks[j].capitalised:
            i += 1
            continue
        end = j + 1
        while end < len(toks):
            nxt = toks[end]
            if not _joined(text, toks[end - 1], nxt) or nxt.initial:
                break
            if nxt.capitalised:
                end += 1
                continue
            # connectors and particles continue a name only before another capital
            k = end
            while k < len(toks) and (
                toks[k].text in _CONNECTORS or toks[k].text.lower() in PARTICLES
            ):
                if not _joined(text, toks[k - 1], toks[k]):
                    break
                k += 1
            if (
                k > end
                and k < len(toks)
                and toks[k].capitalised
                and _joined(text, toks[k - 1], toks[k])
                and not toks[k].initial
            ):
                end = k + 1
                continue
            break
        chosen = tuple(toks[i:end])
        phrases.append(Phrase(chosen, text[chosen[0].start : chosen[-1].end]))
        i = end
    return phrases


def _joined(text: str, a: Token, b: Token | None) -> bool:
    return b is not None and text[a.end : b.start] == " "


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
    folded = _bare(fold(word))
    if folded in names.words:
        return True
    return any(related(folded, w) for w in names.words if w[:2] == folded[:2] or len(w) < 4)


@dataclass(frozen=True)
class Verdict:
    found: bool
    hint: str | None = None  # the source's own form of the name, when it has one
    offset: int | None = None  # norm offset of the hint in the source body


def _is_given_name(word: str, initial: bool) -> bool:
    """Could ``word`` (as printed) be a given name (or the first word of a name) before a
    surname? A common word that starts a sentence cannot; nor can a title or a possessive."""
    low = _bare(fold(word))
    if initial and (low in COMMON or _looks_common(low)):
        return False
    return (
        word[:1].isupper()
        and not word.isupper()
        and not word.endswith(("'s", "'"))
        and low.isalpha()
        and low not in TITLES | MONTHS | WEEKDAYS | PARTICLES
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
        if _bare(fold(prev.group(1))) == given:
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
        return Verdict(True)
    last = fold(_surname(name))
    words = [w for w in full.split() if w.strip(".") not in TITLES]
    given = words[: len(words) - len(last.split())]
    if not given and last and names.has(last):
        return Verdict(True)
    if given and words[len(given) :] == last.split() and names.has(last):
        conflict = _given_name_conflict(given[-1], last, names)
        return conflict if conflict is not None else Verdict(True)
    return _not_found(full, names)


def place_in_source(name: str, names: SourceNames) -> Verdict:
    """A place: the whole name (``Middle East`` is not supported by ``East`` alone)."""
    full = fold(name)
    if names.has(full):
        return Verdict(True)
    parts = [p.strip() for p in full.split(",") if p.strip()]
    if len(parts) > 1 and all(names.has(p) for p in parts):
        return Verdict(True)
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
    toks = phrase.tokens
    i = len(toks) - 1
    if not _is_given_name(toks[i].text, toks[i].initial):
        return None
    while i > 0 and toks[i - 1].text.lower() in PARTICLES:
        i -= 1
    if i == 0 or not _is_given_name(toks[i - 1].text, toks[i - 1].initial):
        return None
    last = " ".join(_bare(fold(t.text)) for t in toks[i:])
    return toks[i - 1].text, last, toks[-1].text


def phrase_supported(phrase: Phrase, names: SourceNames) -> tuple[list[str], Verdict | None]:
    """The words of a statement's name that the source does not support (and, for a
    person whose given name clashes with the source's, the source's own form)."""
    if names.has(_bare(fold(phrase.text))):
        return [], None
    significant = phrase.significant()
    missing = [w for w in significant if not word_supported(w, names)]
    person = _person_parts(phrase)
    if person is not None:
        given, last, final = person
        if final not in missing and names.has(last):
            folded_given = _bare(fold(given))
            conflict = _given_name_conflict(folded_given, last, names)
            if conflict is not None and not names.has(f"{folded_given} {last}"):
                return [w for w in significant if w in missing or w == given], conflict
            # a person the source names by surname alone
            missing = [w for w in missing if w != given]
    return missing, None
