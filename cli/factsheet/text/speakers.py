"""Who a source says spoke its quotations (the attribution rule of RULES.md, FS3).

:func:`attribute` applies the rule: a speech verb with a name (full name or
surname, titles allowed) or a pronoun, in the quotation's sentence, else its
paragraph; a pronoun resolves to the nearest person named before it, looking
back into earlier paragraphs. A person merely named in the sentence (``said at
a press conference with Stoltenberg``) is not the speaker. The speaker is given
by the fullest form of the name the article prints (``Stoltenberg said`` →
``Jens Stoltenberg``), without titles.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from factsheet.source.reader import Paragraph, Source
from factsheet.text.lexicon import SPEECH_VERBS, TITLES, words
from factsheet.text.person_names import same_person
from factsheet.text.quotations import Quotation, found, masked
from factsheet.text.sentences import (
    _STOP,
    _fold_token,
    _kind,
    _LowercaseWords,
    _Run,
    _runs,
    _sentence_spans,
    _Tokens,
)

_NO_INVERSION = words(
    """
    tell tells told telling call calls called calling
    """
)
_BETWEEN = words(
    """
    also later then again previously earlier further once has had have was is were would
    will had also has already recently often repeatedly reportedly just still then too
    subsequently herself himself
    """
)
_PRONOUNS = frozenset({"he", "she"})
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
_UNRESOLVED_SUBJECTS = frozenset({"they", "it", "we", "i", "you", "them", "us"})
_ORG_WORDS = words(
    """
    union commission council ministry parliament government party organization
    organisation agency bank court committee department office east west north south sea
    ocean river republic kingdom states nations federation alliance army navy forces
    force university institute company group times post news press conference treaty
    article summit house palace street square airport day week cup league association
    fund foundation corporation inc ltd club centre center church school hospital police
    service guard assembly congress senate agreement accord pact border region province
    county city island islands gulf bay fire fires storm hurricane typhoon cyclone flood
    floods quake earthquake wildfire blaze road avenue ave lane drive boulevard bridge
    park lake mountain mountains hill hills valley station hall college exchange market
    plc llc corp authority municipality grid water railway railways metro line mill
    crown district borough legislative board tribunal trust services bureau community
    """
)
# Roles a speaker may be named by after the article has named them (`the minister
# said`): a person's roles, and the words that stand for them.
_PERSON_ROLES = words(
    """
    minister commissioner judge prosecutor chief governor mayor president secretary
    spokesman spokeswoman spokesperson premier chancellor director chairman chairwoman
    chair organiser organizer leader coroner magistrate ambassador senator officer
    executive ceo economist treasurer councillor superintendent inspector detective
    sheriff commander general envoy
    """
)
_ROLE_SYNONYMS = {
    "chief": frozenset({"chief", "governor", "head", "director", "president", "executive", "ceo"}),
    "executive": frozenset({"executive", "ceo", "chief"}),
    "ceo": frozenset({"executive", "ceo", "chief"}),
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "organizer": frozenset({"organiser", "organizer"}),
    "organiser": frozenset({"organiser", "organizer"}),
}
# Organisations named by what they are (`the bank said`, `the company said`), and the
# words of a name, or beside it, that make it one.
_ORG_ROLES = {
    "bank": frozenset({"bank"}),
    "lender": frozenset({"bank", "lender"}),
    "company": frozenset({"company", "plc", "ltd", "inc", "llc", "corp", "group", "firm"}),
    "firm": frozenset({"company", "plc", "ltd", "inc", "llc", "corp", "group", "firm"}),
    "group": frozenset({"group"}),
    "utility": frozenset({"utility"}),
    "council": frozenset({"council"}),
    "municipality": frozenset({"municipality"}),
    "ministry": frozenset({"ministry"}),
    "department": frozenset({"department"}),
    "union": frozenset({"union"}),
    "association": frozenset({"association"}),
    "agency": frozenset({"agency"}),
    "authority": frozenset({"authority"}),
    "regulator": frozenset({"regulator"}),
}
_ROLE_WORDS = _PERSON_ROLES | frozenset(_ORG_ROLES)
_STOP_NOT_ARTICLE = _STOP - {"the", "a", "an"}
_POSSESSIVES = ("'s", "\u2019s")
_CALLS = re.compile(r"\bcall(?:s|ed|ing)?\b", re.IGNORECASE)
_CORPORATE = words("plc ltd inc llc corp co ag sa gmbh nv bv pty")
_DETERMINERS = words("a an the his her its their our my your this these those")

CueKind = Literal["name", "pronoun", "participle", "role", "unresolved"]


class Cue(NamedTuple):
    """A speech verb and its speaker as the sentence prints them (offsets into Source.text)."""

    start: int
    end: int
    text: str  # "Stoltenberg said", "he said", "according to Stoltenberg", "officials said"
    kind: CueKind
    name: str | None = None  # the name as printed, without titles ("Stoltenberg")
    name_start: int | None = None  # where that name (or the pronoun) is printed


class Speaker(NamedTuple):
    """Who the source says spoke a quotation."""

    name: str  # the fullest form the article prints: "Jens Stoltenberg"
    cue: Cue  # the attribution: "Stoltenberg said", "he said"
    named: str  # the name that identifies the speaker as printed ("Stoltenberg")
    named_at: int  # where that name is printed (a pronoun's antecedent, for pronouns)


@dataclass(slots=True)  # not frozen: that makes each instance three times as slow to make
class _Sentence:
    start: int
    end: int
    paragraph: int  # index into source.paragraphs
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class _Analysis:
    quotations: tuple[Quotation, ...]
    sentences: tuple[_Sentence, ...]
    persons: tuple[tuple[int, str], ...]  # (offset, name as printed), in order
    # For bisect: the start of each quotation, sentence and person.
    starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    person_starts: tuple[int, ...]
    # The run of each person, in the order of persons, and the runs that name no person
    # (organisations, places, things), in order; with the tokens they index. Read only
    # for a speaker named by role ("the minister said"), which few sentences hold.
    person_runs: tuple[_Run, ...] = ()
    thing_runs: tuple[_Run, ...] = ()
    tokens: _Tokens | None = field(default=None, compare=False, repr=False)
    # full_name's persons with the same name as a name, as they are asked for.
    same: dict[str, list[tuple[int, str]]] = field(default_factory=dict, compare=False, repr=False)


def _analysis(source: Source) -> _Analysis:
    cached = source.cache.get("speakers:analysis")
    if isinstance(cached, _Analysis):
        return cached
    result = _analyse(source)
    source.cache["speakers:analysis"] = result
    return result


def _analyse(source: Source) -> _Analysis:
    text = source.text
    paragraphs = source.paragraphs
    body = (paragraphs[0].start, paragraphs[-1].end) if paragraphs else (0, 0)
    quoted = found(source)
    by_paragraph, quotations = quoted.by_paragraph, quoted.quotations
    masked_text = masked(text, quotations) if quotations else text
    lowercase_words = _LowercaseWords(masked_text)

    sentence_spans: list[tuple[int, int, int]] = []
    for index, (para, in_para) in enumerate(zip(source.paragraphs, by_paragraph, strict=True)):
        for start, end in _sentence_spans(masked_text, para, in_para):
            sentence_spans.append((start, end, index))

    tokens = _Tokens(masked_text, *body)
    ranges = [tokens.between(start, end) for start, end, _ in sentence_spans]
    for lo, hi in ranges:
        tokens.open_sentence(lo, hi, lowercase_words)
    runs_by_sentence = [_runs(tokens, lo, hi) for lo, hi in ranges]

    # Persons: a name after a title, a full name that is not an organisation or place,
    # then any surname of those.
    all_runs = [run for runs in runs_by_sentence for run in runs]
    known: dict[str, None] = {}  # each name once, as the same names recur
    # Companies: names the article prints with a corporate suffix ("Greenfield Foods plc").
    corporate = {
        text[run.name_start : run.name_end]
        for run in all_runs
        if run.name_start is not None
        and run.name_end is not None
        and run.stop < len(tokens.lows)
        and tokens.lows[run.stop] in _CORPORATE
    }
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        if text[run.name_start : run.name_end] in corporate:
            run.person = False
            continue
        if run.titled or _full_name_like(tuple(tokens.texts[run.name_first : run.stop])):
            run.person = True
            known[text[run.name_start : run.name_end]] = None

    sentences: list[_Sentence] = []
    for (start, end, index), (lo, hi), runs in zip(
        sentence_spans, ranges, runs_by_sentence, strict=True
    ):
        cues = _cues(tokens, lo, hi, runs, text)
        for cue in cues:
            if cue.kind == "name" and cue.name is not None:
                for run in runs:
                    if (
                        run.name_start == cue.name_start
                        and not _is_acronym(cue.name)
                        and not _org_like(tokens, run)
                        and text[run.name_start : run.name_end or run.end] not in corporate
                    ):
                        run.person = True
        sentences.append(_Sentence(start, end, index, tuple(cues)))

    persons: list[tuple[int, str]] = []
    person_runs: list[_Run] = []
    thing_runs: list[_Run] = []
    names_known: dict[str, bool] = {}  # the same names recur: compare each once
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        name = text[run.name_start : run.name_end]
        if not run.person and name not in names_known:
            names_known[name] = any(map(same_person, itertools.repeat(name), known))
        if run.person or names_known[name]:
            persons.append((run.name_start, name))
            person_runs.append(run)
        else:
            thing_runs.append(run)
    return _Analysis(
        tuple(quotations),
        tuple(sentences),
        tuple(persons),
        tuple(q.start for q in quotations),
        tuple(s.start for s in sentences),
        tuple(p[0] for p in persons),
        tuple(person_runs),
        tuple(thing_runs),
        tokens,
    )


def _org_like(tokens: _Tokens, run: _Run) -> bool:
    """A run whose words make it an organisation or a thing ("Meridian Bank", "Harbor
    Fire"): a speech verb after it does not make it a person."""
    return any(_fold_token(word) in _ORG_WORDS for word in tokens.texts[run.first : run.stop])


def _descriptors(tokens: _Tokens, run: _Run, before: int) -> frozenset[str]:
    """The words of a run and beside it that say what it names: its titles and words
    ("Finance Minister", "Bank of Northland"), the words before it ("GMB organiser Dana
    Price", "The council's chief executive, Andrew Stone") and a word after it
    ("Emfuleni municipality", "Greenfield Foods plc")."""
    lows, texts = tokens.lows, tokens.texts
    found = set(lows[run.first : run.stop])
    k = run.first - 1
    if k >= 0 and texts[k] == ",":
        k -= 1
    taken = 0
    while k >= 0 and taken < before and _kind(texts[k]) == "w" and lows[k] not in _STOP:
        found.add(lows[k].removesuffix("'s").removesuffix("\u2019s"))
        k -= 1
        taken += 1
    if run.stop < len(lows) and _kind(texts[run.stop]) == "w" and texts[run.stop][:1].islower():
        found.add(lows[run.stop])
    return frozenset(found)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=1 << 14)
def _full_name_like(words: tuple[str, ...]) -> bool:
    """Do a name's words look like a person's full name? (Memoised: names recur.)"""
    caps = [word for word in words if word[:1].isupper()]
    if len(caps) < 2 or len(words) > 5:
        return False
    return not any(_is_acronym(word) or _fold_token(word) in _ORG_WORDS for word in words)


def _cue_text(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    if len(words) > 60:
        first, last = words.split()[0], words.split()[-1]
        words = f"{first} … {last}"
    return words


def _cue(
    text: str,
    start: int,
    end: int,
    kind: CueKind,
    name: str | None = None,
    name_start: int | None = None,
) -> Cue:
    """The cue printed at text[start:end]."""
    return Cue(start, end, _cue_text(text, start, end), kind, name, name_start)


def _named_cue(
    run: _Run,
    start: int,
    end: int,
    text: str,
    tokens: _Tokens,
    lo: int,
    run_ending: dict[int, _Run],
) -> Cue:
    """A cue whose subject is a run of capitalised words (unresolved when it holds no name)."""
    if run.name_start is None or run.name_end is None:
        return _cue(text, start, end, "unresolved")
    first = run.first
    # "Stoltenberg and von der Leyen said": more than one speaker.
    plural = (
        first >= lo + 2
        and tokens.lows[first - 1] in ("and", "&")
        and tokens.ends[first - 2] in run_ending
    )
    kind: CueKind = "unresolved" if plural else "name"
    return _cue(text, start, end, kind, text[run.name_start : run.name_end], run.name_start)


def _cues(tokens: _Tokens, lo: int, hi: int, runs: list[_Run], text: str) -> list[Cue]:
    """The speech cues of a sentence's tokens (lo to hi).

    Plain loops and module functions rather than closures: this runs for every
    sentence, and most hold one cue or none.
    """
    cue_starts = tokens.cue_starts
    first_candidate = bisect.bisect_left(cue_starts, lo)
    stop_candidate = bisect.bisect_left(cue_starts, hi, first_candidate)
    if first_candidate == stop_candidate:
        return []
    texts, lows, starts, ends = tokens.texts, tokens.lows, tokens.starts, tokens.ends
    run_ending = {run.end: run for run in runs}
    run_starting = {run.start: run for run in runs}
    cues: list[Cue] = []
    for k in cue_starts[first_candidate:stop_candidate]:
        verb = lows[k]
        if verb == "according" and k + 1 < hi and lows[k + 1] == "to":
            nxt = k + 2
            if nxt < hi and lows[nxt] in _OBJECT_PRONOUNS:
                pronoun = _OBJECT_PRONOUNS[lows[nxt]]
                cues.append(_cue(text, starts[k], ends[nxt], "pronoun", pronoun, starts[nxt]))
            elif nxt < hi and starts[nxt] in run_starting:
                run = run_starting[starts[nxt]]
                cues.append(
                    _named_cue(
                        run, starts[k], run.name_end or run.end, text, tokens, lo, run_ending
                    )
                )
            else:
                end = ends[nxt] if nxt < hi else ends[k + 1]
                cues.append(_cue(text, starts[k], end, "unresolved"))
            continue
        if verb not in SPEECH_VERBS:
            continue
        if k > lo and lows[k - 1] in _DETERMINERS:
            continue  # a noun: "in a note to staff", "his remarks", "the call"
        # The subject before the verb, past adverbs and auxiliaries.
        j = k - 1
        while (
            j >= lo
            and j >= k - 3
            and _kind(texts[j]) == "w"
            and (lows[j] in _BETWEEN or lows[j].endswith("ly"))
            and texts[j][:1].islower()
        ):
            j -= 1
        if j >= lo and _kind(texts[j]) == "p" and texts[j] == ",":
            # An apposition: "Stoltenberg, who chairs the alliance, said".
            m = j - 1
            while m >= lo and m >= j - 15 and texts[m] != "," and _kind(texts[m]) != "q":
                m -= 1
            if m >= lo + 1 and texts[m] == "," and ends[m - 1] in run_ending:
                run = run_ending[ends[m - 1]]
                if not run.possessive:
                    cues.append(
                        _named_cue(
                            run, run.name_start or run.start, ends[k], text, tokens, lo, run_ending
                        )
                    )
                    continue
            between = run_starting.get(starts[m + 1]) if lo < m < j - 1 else None
            if (
                between is not None
                and texts[m] == ","
                and between.end == ends[j - 1]
                and between.name_start is not None
                and not between.possessive
                and (
                    between.titled
                    or lows[m - 1] in _PERSON_ROLES
                    or _full_name_like(tuple(texts[between.name_first : between.stop]))
                )
            ):
                # A name set off by commas after its role: "The association's director
                # general, Sigrid Lund, wrote".
                cues.append(
                    _named_cue(between, between.name_start, ends[k], text, tokens, lo, run_ending)
                )
                continue
        elif j >= lo and _kind(texts[j]) == "w":
            if lows[j] in _PRONOUNS:
                cues.append(_cue(text, starts[j], ends[k], "pronoun", lows[j], starts[j]))
                continue
            if ends[j] in run_ending and not run_ending[ends[j]].possessive:
                run = run_ending[ends[j]]
                cues.append(
                    _named_cue(
                        run, run.name_start or run.start, ends[k], text, tokens, lo, run_ending
                    )
                )
                continue
            owner = _owner(tokens, lo, j) if lows[j] in _ORG_ROLES else None
            if owner is not None:
                # "China's commerce ministry said": a body named by its owner and role.
                phrase = text[starts[owner] : ends[j]]
                cues.append(_cue(text, starts[owner], ends[k], "role", phrase, starts[owner]))
                continue
            if lows[j] in _ROLE_WORDS and _after_article(tokens, lo, j):
                # "the minister said", "The central bank chief said": a speaker named by a
                # role, resolved to whom the article named with that role before.
                cues.append(_cue(text, starts[j], ends[k], "role", lows[j], starts[j]))
                continue
            if texts[j][:1].islower() and lows[j] not in ("that", "to"):
                # "officials said", "they said": a speaker the sentence does not name.
                cues.append(_cue(text, starts[j], ends[k], "unresolved"))
                continue
        # Inversion: "said Stoltenberg", "said NATO chief Jens Stoltenberg", "said he".
        if verb not in _NO_INVERSION:
            m = k + 1
            if m < hi and lows[m] in _PRONOUNS:
                cues.append(_cue(text, starts[k], ends[m], "pronoun", lows[m], starts[m]))
                continue
            found = None
            while m < hi and m <= k + 7:
                if starts[m] in run_starting:
                    found = run_starting[starts[m]]
                    break
                if _kind(texts[m]) == "q" or lows[m] in _STOP_NOT_ARTICLE or texts[m] in ";:()":
                    break
                if (
                    _kind(texts[m]) == "w"
                    and texts[m][:1].islower()
                    and lows[m] not in ("the", "a", "an")
                    and lows[m] not in TITLES
                    and lows[m] not in _PERSON_ROLES
                    and not lows[m].endswith(("'s", "\u2019s"))
                ):
                    break  # "said the municipality owed Rand Water": no inversion
                if texts[m] == "," and not (m + 1 < hi and starts[m + 1] in run_starting):
                    break
                m += 1
            if found is not None:
                found = _past_descriptors(tokens, found, hi, run_starting)
            if found is not None and not found.possessive and found.name_start is not None:
                cues.append(
                    _named_cue(
                        found, starts[k], found.name_end or found.end, text, tokens, lo, run_ending
                    )
                )
                continue
        if verb.endswith("ing"):
            cues.append(Cue(starts[k], ends[k], texts[k], "participle"))
        else:
            cues.append(Cue(starts[k], ends[k], texts[k], "unresolved"))
    return cues


def _owner(tokens: _Tokens, lo: int, j: int) -> int | None:
    """The token of a capitalised possessive before the role word at j, past up to two
    lowercase words ("China's commerce ministry"), if there is one."""
    k = j - 1
    while k >= lo and k >= j - 3:
        text = tokens.texts[k]
        if _kind(text) != "w":
            return None
        if text[:1].isupper():
            return (
                k
                if (text.endswith(_POSSESSIVES) and k - 1 < lo)
                or (
                    (k - 1 >= lo and tokens.lows[k - 1] not in ("the", "a", "an"))
                    and text.endswith(_POSSESSIVES)
                )
                else None
            )
        if tokens.lows[k] in _STOP:
            return None
        k -= 1
    return None


def _after_article(tokens: _Tokens, lo: int, j: int) -> bool:
    """Whether the role word at token j follows "the" (past up to two lowercase words)."""
    k = j - 1
    while k >= lo and k >= j - 3:
        if tokens.lows[k] == "the":
            return True
        if _kind(tokens.texts[k]) != "w" or tokens.lows[k] in _STOP:
            return False
        k -= 1
    return False


def _past_descriptors(tokens: _Tokens, run: _Run, hi: int, run_starting: dict[int, _Run]) -> _Run:
    """The person a run of capitalised words introduces: "said GMB organiser Dana Price",
    "said Nordbank chief economist Henrik Aalto" name Dana Price and Henrik Aalto."""
    m = run.stop
    skipped = 0
    while m < hi and skipped < 3 and _kind(tokens.texts[m]) == "w":
        if tokens.texts[m][:1].isupper():
            break
        if tokens.lows[m] in _STOP:
            return run
        m += 1
        skipped += 1
    if skipped and m < hi and tokens.starts[m] in run_starting:
        later = run_starting[tokens.starts[m]]
        if later.name_start is not None and (
            later.titled or _full_name_like(tuple(tokens.texts[later.name_first : later.stop]))
        ):
            return later
    return run


def _nearest(cues: tuple[Cue, ...], quotation: Quotation) -> Cue | None:
    def distance(cue: Cue) -> tuple[int, int]:
        if cue.start >= quotation.outer_end:
            return (cue.start - quotation.outer_end, 0)
        if cue.end <= quotation.open:
            return (quotation.open - cue.end, 1)
        return (0, 0)

    return min(cues, key=distance, default=None)


def attribution_cue(source: Source, quotation: Quotation) -> Cue | None:
    """The speech cue the source attributes a quotation with, resolved or not.

    The nearest cue in the quotation's sentence, else in its paragraph, else
    (for a paragraph that opens with a quotation and holds no cue) the last cue
    of the paragraph before, when that one ends in a colon or an open quotation.
    """
    analysis = _analysis(source)
    sentence = _sentence_of(analysis, quotation.open)
    if sentence is None:
        return None
    cue = _nearest(sentence.cues, quotation)
    if cue is not None:
        return cue
    in_para = tuple(
        c for s in analysis.sentences if s.paragraph == sentence.paragraph for c in s.cues
    )
    cue = _nearest(in_para, quotation)
    if cue is not None or sentence.paragraph == 0:
        return cue
    para = source.paragraphs[sentence.paragraph]
    if source.text[para.start : quotation.open].strip():
        return None
    before = source.paragraphs[sentence.paragraph - 1]
    previous_quotes = [q for q in analysis.quotations if q.paragraph == before]
    if previous_quotes and previous_quotes[-1].close is None:
        return attribution_cue(source, previous_quotes[-1])  # the quotation runs on
    if previous_quotes and _all_quoted(source, para, analysis.quotations):
        # A paragraph that is all quotation, after a paragraph that quotes someone, goes
        # on in that voice (a long quotation whose paragraphs each close their marks).
        cue = attribution_cue(source, previous_quotes[-1])
        in_before = [
            c for s in analysis.sentences if s.paragraph == sentence.paragraph - 1 for c in s.cues
        ]
        if cue is not None and (not in_before or in_before[-1] == cue):
            return cue
        return None
    if not source.text[before.start : before.end].rstrip().endswith(":"):
        return None
    earlier = [
        c for s in analysis.sentences if s.paragraph == sentence.paragraph - 1 for c in s.cues
    ]
    return earlier[-1] if earlier else None


def _all_quoted(source: Source, para: Paragraph, quotations: tuple[Quotation, ...]) -> bool:
    """Whether the paragraph holds nothing but quotations (and punctuation)."""
    pos = para.start
    for q in quotations:
        if q.paragraph != para:
            continue
        if any(c.isalnum() for c in source.text[pos : q.open]):
            return False
        pos = q.outer_end
    return pos > para.start and not any(c.isalnum() for c in source.text[pos : para.end])


def _sentence_of(analysis: _Analysis, offset: int) -> _Sentence | None:
    k = bisect.bisect_right(analysis.sentence_starts, offset) - 1
    if k < 0:
        return None
    return analysis.sentences[k]


def attribute(source: Source, quotation: Quotation) -> Speaker | None:
    """Who the source says spoke the quotation, or None when it does not say."""
    cue = attribution_cue(source, quotation)
    if cue is None:
        return None
    return _resolve(source, cue)


def _resolve(source: Source, cue: Cue) -> Speaker | None:
    analysis = _analysis(source)
    if cue.kind == "name" and cue.name is not None and cue.name_start is not None:
        return Speaker(full_name(source, cue.name, cue.name_start), cue, cue.name, cue.name_start)
    if cue.kind == "pronoun" and cue.name_start is not None:
        antecedent = _antecedent(analysis, cue.name_start)
        if antecedent is None:
            return None
        offset, name = antecedent
        subject = _subject_before(source, analysis, offset, name)
        if subject is not None:
            return subject._replace(cue=cue)
        return Speaker(full_name(source, name, offset), cue, name, offset)
    if cue.kind == "role" and cue.name is not None and cue.name_start is not None:
        return _by_role(source, analysis, cue)
    if cue.kind == "participle":
        # "..., adding that": the subject of the sentence's other speech verb, else the
        # person named before it in the sentence.
        sentence = _sentence_of(analysis, cue.start)
        if sentence is None:
            return None
        earlier = [c for c in sentence.cues if c.end <= cue.start and c.kind != "participle"]
        if earlier:
            return _resolve(source, earlier[-1])
        named = [p for p in analysis.persons if sentence.start <= p[0] < cue.start]
        if named:
            offset, name = named[0]
            return Speaker(full_name(source, name, offset), cue, name, offset)
    return None


def _by_role(source: Source, analysis: _Analysis, cue: Cue) -> Speaker | None:
    """Whom the article named before with the role a cue names ("the minister said")."""
    role, at = cue.name or "", cue.name_start or 0
    if role.endswith(tuple(_ORG_ROLES)) and any(p in role for p in _POSSESSIVES):
        return Speaker(role, cue, role, at)  # "China's commerce ministry"
    tokens = analysis.tokens
    if tokens is None:
        return None
    if role in _PERSON_ROLES:
        wanted = _ROLE_SYNONYMS.get(role, frozenset({role}))
        k = bisect.bisect_left(analysis.person_starts, at)
        for i in range(k - 1, -1, -1):
            if _descriptors(tokens, analysis.person_runs[i], 4) & wanted:
                offset, name = analysis.persons[i]
                return Speaker(full_name(source, name, offset), cue, name, offset)
        return None
    marks = _ORG_ROLES.get(role)
    if marks is None:
        return None
    text = source.text
    for run in reversed(analysis.thing_runs):
        end = run.name_end
        if run.start >= at or end is None or any(c.isdigit() for c in text[run.start : end]):
            continue
        if not _descriptors(tokens, run, 1) & marks:
            continue
        if run.stop < len(tokens.lows) and tokens.lows[run.stop] in _ORG_ROLES:
            end = tokens.ends[run.stop]  # "Emfuleni municipality"
        name = text[run.start : end]
        if not _is_acronym_only(name):
            return Speaker(name, cue, name, run.start)
    return None


def _is_acronym_only(name: str) -> bool:
    return len(name.split()) == 1 and _is_acronym(name)


def _subject_before(source: Source, analysis: _Analysis, offset: int, name: str) -> Speaker | None:
    """The speaker of a sentence that names a person after its speech verb's subject
    ("Ruth Adeyemi told the court that Pike had ...": a "she said" after it is hers)."""
    sentence = _sentence_of(analysis, offset)
    if sentence is None:
        return None
    for cue in sentence.cues:
        if cue.kind == "name" and cue.name_start is not None and cue.name_start < offset:
            speaker = _resolve(source, cue)
            if speaker is not None and not same_person(speaker.named, name):
                k = bisect.bisect_left(analysis.person_starts, speaker.named_at)
                if k < len(analysis.persons) and analysis.persons[k][0] == speaker.named_at:
                    return speaker  # a person, not an organisation
    return None


def _antecedent(analysis: _Analysis, offset: int) -> tuple[int, str] | None:
    k = bisect.bisect_left(analysis.person_starts, offset)
    return analysis.persons[k - 1] if k > 0 else None


def full_name(source: Source, name: str, offset: int) -> str:
    """The fullest form of ``name`` the article prints (earlier ones first), titles dropped."""
    analysis = _analysis(source)
    same = analysis.same.get(name)
    if same is None:
        same = analysis.same[name] = [p for p in analysis.persons if same_person(name, p[1])]
    before = [p for p in same if p[0] <= offset] or same
    if not before:
        return name
    best = max(before, key=lambda p: (len(p[1].split()), -p[0]))
    return best[1] if len(best[1].split()) >= len(name.split()) else name


# Sentences and speakers (for suggest) ------------------------------------------


def sentence_spans(source: Source) -> list[tuple[int, int]]:
    """(start, end) offsets into ``Source.text`` of every body sentence, in order.

    The sentences attribution reads: a quotation never splits its sentence.
    """
    return [(s.start, s.end) for s in _analysis(source).sentences]


def cue_speakers(source: Source, cue: Cue) -> tuple[str, ...]:
    """Who a speech cue names as speaking, by the fullest names the article prints.

    One speaker for a cue that resolves (a name, a pronoun, a participle); for a
    cue with several subjects (``Both Stoltenberg and von der Leyen accused``),
    each person named in its sentence before the verb. Empty when it names no one.
    """
    speaker = _resolve(source, cue)
    if speaker is not None:
        return (speaker.name,)
    if cue.kind != "unresolved" or cue.name is None:
        return ()
    analysis = _analysis(source)
    sentence = _sentence_of(analysis, cue.start)
    if sentence is None:
        return ()
    names: list[str] = []
    for at, name in analysis.persons:
        if sentence.start <= at < cue.end:
            full = full_name(source, name, at)
            if not any(same_person(full, n) for n in names):
                names.append(full)
    return tuple(names) if len(names) > 1 else ()


def sentence_speakers(source: Source, offset: int) -> tuple[str, ...]:
    """Whose statement the sentence holding ``offset`` reports: its first cue's speakers."""
    sentence = _sentence_of(_analysis(source), offset)
    if sentence is None or offset >= sentence.end:
        return ()
    for cue in sentence.cues:
        if _CALLS.search(cue.text):
            continue  # "what Brussels calls unfair subsidies" names, it reports no statement
        names = cue_speakers(source, cue)
        if names:
            return names
    return ()


def anonymous_source(source: Source, offset: int) -> str | None:
    """The words of an anonymous source the sentence holding ``offset`` credits
    (``officials said``: "officials"), when its speech verbs name no one."""
    sentence = _sentence_of(_analysis(source), offset)
    if sentence is None or offset >= sentence.end:
        return None
    for cue in sentence.cues:
        if cue.kind != "unresolved" or cue.name is not None:
            continue
        words = cue.text.split()
        subject = " ".join(words[:-1])
        if (
            1 <= len(words) - 1 <= 3
            and subject[:1].islower()
            and subject.split()[0] not in _UNRESOLVED_SUBJECTS
            and words[0].lower() != "according"
        ):
            return subject
    return None
