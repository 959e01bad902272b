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
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from factsheet.source.reader import Paragraph, Source
from factsheet.text.cues import (
    Cue,
    descriptors,
    find_cues,
    full_name_like,
    is_acronym,
    org_like,
)
from factsheet.text.lexicon import ORG_ROLES, PERSON_ROLES, ROLE_SYNONYMS, TITLES, words
from factsheet.text.person_names import same_person
from factsheet.text.quotations import Quotation, found, masked
from factsheet.text.sentences import (
    POSSESSIVE_ENDINGS,
    CapitalRun,
    LowercaseWords,
    SentenceTokens,
    capitalised_runs,
    split_sentences,
)

_CALLS = re.compile(r"\bcall(?:s|ed|ing)?\b", re.IGNORECASE)
_CORPORATE_SUFFIXES = words("plc ltd inc llc corp co ag sa gmbh nv bv pty")
# Subjects of a speech verb that name no one the article introduced (`they said`).
_UNRESOLVED_SUBJECTS = frozenset({"they", "it", "we", "i", "you", "them", "us"})


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
    sentences: tuple[_Sentence, ...]
    persons: tuple[tuple[int, str], ...]  # (offset, name as printed), in order
    # For bisect: the start of each sentence and person.
    sentence_starts: tuple[int, ...]
    person_starts: tuple[int, ...]
    # The run of each person, in the order of persons, and the runs that name no person
    # (organisations, places, things), in order; with the tokens they index. Read only
    # for a speaker named by role ("the minister said"), which few sentences hold.
    person_runs: tuple[CapitalRun, ...]
    thing_runs: tuple[CapitalRun, ...]
    tokens: SentenceTokens = field(compare=False, repr=False)
    # full_name's persons with the same name as a name, as they are asked for.
    same: dict[str, list[tuple[int, str]]] = field(default_factory=dict, compare=False, repr=False)


def _analysis(source: Source) -> _Analysis:
    return source.memo("speakers:analysis", _Analysis, _analyse)


def _analyse(source: Source) -> _Analysis:
    text = source.text
    paragraphs = source.paragraphs
    body = (paragraphs[0].start, paragraphs[-1].end) if paragraphs else (0, 0)
    quoted = found(source)
    by_paragraph, quotations = quoted.by_paragraph, quoted.quotations
    masked_text = masked(text, quotations) if quotations else text
    lowercase_words = LowercaseWords(masked_text)

    sentence_spans: list[tuple[int, int, int]] = []
    for index, (para, in_para) in enumerate(zip(source.paragraphs, by_paragraph, strict=True)):
        for start, end in split_sentences(masked_text, para, in_para):
            sentence_spans.append((start, end, index))

    tokens = SentenceTokens(masked_text, *body)
    ranges = [tokens.between(start, end) for start, end, _ in sentence_spans]
    for lo, hi in ranges:
        tokens.open_sentence(lo, hi, lowercase_words)
    runs_by_sentence = [capitalised_runs(tokens, lo, hi) for lo, hi in ranges]
    all_runs = [run for runs in runs_by_sentence for run in runs]
    for run in all_runs:
        _after_portfolio(tokens, run)

    # Persons: a name after a title, a full name that is not an organisation or place,
    # then any surname of those.
    known: dict[str, None] = {}  # each name once, as the same names recur
    # Companies: names the article prints with a corporate suffix ("Greenfield Foods plc").
    corporate = (
        set()
        if _CORPORATE_SUFFIXES.isdisjoint(tokens.lows)
        else {
            text[run.name_start : run.name_end]
            for run in all_runs
            if run.name_start is not None
            and run.name_end is not None
            and run.stop < len(tokens.lows)
            and tokens.lows[run.stop] in _CORPORATE_SUFFIXES
        }
    )
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        if text[run.name_start : run.name_end] in corporate:
            run.person = False
            continue
        if run.titled or full_name_like(tuple(tokens.texts[run.name_first : run.stop])):
            run.person = True
            known[text[run.name_start : run.name_end]] = None

    sentences: list[_Sentence] = []
    for (start, end, index), (lo, hi), runs in zip(
        sentence_spans, ranges, runs_by_sentence, strict=True
    ):
        cues = find_cues(tokens, lo, hi, runs, text)
        for cue in cues:
            if cue.kind == "name" and cue.name is not None:
                for run in runs:
                    if (
                        run.name_start == cue.name_start
                        and not is_acronym(cue.name)
                        and not org_like(tokens, run)
                        and text[run.name_start : run.name_end] not in corporate
                    ):
                        run.person = True
        sentences.append(_Sentence(start, end, index, tuple(cues)))

    persons: list[tuple[int, str]] = []
    person_runs: list[CapitalRun] = []
    thing_runs: list[CapitalRun] = []
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
        tuple(sentences),
        tuple(persons),
        tuple(s.start for s in sentences),
        tuple(p[0] for p in persons),
        tuple(person_runs),
        tuple(thing_runs),
        tokens,
    )


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
    index = sentence.paragraph
    cue = _nearest(_paragraph_cues(analysis, index), quotation)
    if cue is not None or index == 0:
        return cue
    para = source.paragraphs[index]
    if source.text[para.start : quotation.open].strip():
        return None
    before = source.paragraphs[index - 1]
    by_paragraph = found(source).by_paragraph
    previous_quotes = by_paragraph[index - 1]
    if previous_quotes and previous_quotes[-1].close is None:
        return attribution_cue(source, previous_quotes[-1])  # the quotation runs on
    if previous_quotes and _all_quoted(source, para, by_paragraph[index]):
        # A paragraph that is all quotation, after a paragraph that quotes someone, goes
        # on in that voice (a long quotation whose paragraphs each close their marks).
        cue = attribution_cue(source, previous_quotes[-1])
        in_before = _paragraph_cues(analysis, index - 1)
        if cue is not None and (not in_before or in_before[-1] == cue):
            return cue
        return None
    if not source.text[before.start : before.end].rstrip().endswith(":"):
        return None
    earlier = _paragraph_cues(analysis, index - 1)
    return earlier[-1] if earlier else None


def speaking_cue(source: Source, quotation: Quotation) -> Cue | None:
    """The cue a quotation is spoken under: its :func:`attribution_cue`, or, for the
    second half of a quotation split by its attribution (`"A," Ruiz said, "B," they
    added`) whose own cue names no one, the first half's."""
    cue = attribution_cue(source, quotation)
    if not quotation.continues or (cue is not None and cue_speakers(source, cue)):
        return cue
    quoted = found(source)
    at = bisect.bisect_left(quoted.starts, quotation.start)
    if at == 0:  # pragma: no cover - a continuation follows the quotation it continues
        return cue
    earlier = speaking_cue(source, quoted.quotations[at - 1])
    return cue if earlier is None else earlier


def _paragraph_cues(analysis: _Analysis, paragraph: int) -> tuple[Cue, ...]:
    """The cues of the sentences of a paragraph (an index into source.paragraphs), in order."""
    return tuple(c for s in analysis.sentences if s.paragraph == paragraph for c in s.cues)


def _all_quoted(source: Source, para: Paragraph, in_para: tuple[Quotation, ...]) -> bool:
    """Whether the paragraph holds nothing but quotations (and punctuation).

    ``in_para``: the paragraph's quotations, in order.
    """
    pos = para.start
    for q in in_para:
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
    cue = speaking_cue(source, quotation)
    if cue is None:
        return None
    return resolve_cue(source, cue)


def resolve_cue(source: Source, cue: Cue) -> Speaker | None:
    """Who a speech cue names as speaking, or None when it resolves to no speaker."""
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
            return resolve_cue(source, earlier[-1])
        named = [p for p in analysis.persons if sentence.start <= p[0] < cue.start]
        if named:
            offset, name = named[0]
            return Speaker(full_name(source, name, offset), cue, name, offset)
    return None


def _by_role(source: Source, analysis: _Analysis, cue: Cue) -> Speaker | None:
    """Whom the article named before with the role a cue names ("the minister said")."""
    role, at = cue.name or "", cue.name_start or 0
    if role.endswith(tuple(ORG_ROLES)) and any(p in role for p in POSSESSIVE_ENDINGS):
        return Speaker(role, cue, role, at)  # "China's commerce ministry"
    tokens = analysis.tokens
    if role in PERSON_ROLES:
        wanted = ROLE_SYNONYMS.get(role, frozenset({role}))
        k = bisect.bisect_left(analysis.person_starts, at)
        found: Speaker | None = None
        for i in range(k - 1, -1, -1):
            if descriptors(tokens, analysis.person_runs[i], 4) & wanted:
                offset, name = analysis.persons[i]
                speaker = Speaker(full_name(source, name, offset), cue, name, offset)
                if found is None:
                    found = speaker
                    near = source.paragraph_at(offset).start
                elif offset < near:
                    break
                elif not same_person(speaker.name, found.name):
                    return None  # two ministers named together: the article does not say
        return found
    marks = ORG_ROLES.get(role)
    if marks is None:
        return None
    text = source.text
    for run in reversed(analysis.thing_runs):
        end = run.name_end
        if run.start >= at or end is None or any(c.isdigit() for c in text[run.start : end]):
            continue
        if not descriptors(tokens, run, 1) & marks:
            continue
        if run.stop < len(tokens.lows) and tokens.lows[run.stop] in ORG_ROLES:
            end = tokens.ends[run.stop]  # "Emfuleni municipality"
        name = text[run.start : end]
        if not _is_acronym_only(name):
            return Speaker(name, cue, name, run.start)
    return None


def _after_portfolio(tokens: SentenceTokens, run: CapitalRun) -> None:
    """A name after a title and its portfolio ("Minister for Health Siobhán Keane",
    "Secretary of State for Health Wes Streeting"): the portfolio is a title too, and the
    name is the last two words of the run."""
    first, stop = run.first, run.stop
    if (
        first >= 2
        and stop - first >= 3
        and tokens.lows[first - 1] == "for"
        and tokens.lows[first - 2].strip(".") in TITLES
        and run.name_start is not None
        and not run.possessive
    ):
        run.name_first = stop - 2
        run.name_start = tokens.starts[stop - 2]
        run.titled = True


def _is_acronym_only(name: str) -> bool:
    return len(name.split()) == 1 and is_acronym(name)


def _subject_before(source: Source, analysis: _Analysis, offset: int, name: str) -> Speaker | None:
    """The speaker of a sentence that names a person after its speech verb's subject
    ("Ruth Adeyemi told the court that Pike had ...": a "she said" after it is hers)."""
    sentence = _sentence_of(analysis, offset)
    if sentence is None:
        return None
    for cue in sentence.cues:
        if cue.kind == "name" and cue.name_start is not None and cue.name_start < offset:
            speaker = resolve_cue(source, cue)
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
    speaker = resolve_cue(source, cue)
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
