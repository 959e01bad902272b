"""A draft fact file for a source: the data, and the YAML text a curator starts from.

Pure functions of a :class:`~factsheet.source.reader.Source`; the ``suggest`` command
does the reading and writing. Everything in the draft is the source's own
words, read with the same code ``check`` uses:

* every quotation becomes a ``quote`` fact with the speaker the source gives it
  (:func:`~factsheet.text.speakers.attribute`: names, pronouns, ``said Name``,
  ``according to``, split and continued quotations), by the fullest form of
  the name the article prints. A quotation the article attributes to no one
  (scare quotes, ``officials said``) is left out and listed in a closing
  comment, since a quote fact needs a speaker;
* every sentence with figures (:func:`~factsheet.text.quantities.read_quantities`:
  amounts, currencies, percentages, multipliers; not years, dates or
  identifiers such as ``Article 4``) becomes a ``figure`` fact, the sentence as
  evidence and statement, its date when it has one;
* every other sentence with a date that reads as one day (or one span of
  days) against the source date becomes an ``event`` fact with that date;
* a claim, figure or event whose sentence reports someone's statement
  (``Von der Leyen also stated that ...``) names that speaker, so it is not FS601.

Before the text is returned, the draft is checked with the rules of ``check``:
a fact that would still have an error is left out (and named in the closing
comment), so the draft always checks clean as it stands.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import replace

from factsheet.factfile.loader import load_fact_file
from factsheet.model import Severity
from factsheet.outputs.draft_ids import MAX_ID_WORDS, STOP, Ids, content_words, key_words
from factsheet.outputs.draft_model import Draft, DraftFact, DraftFigure, LeftOut, NothingToSuggest
from factsheet.outputs.draft_yaml import clipped, render
from factsheet.rules.dates import paragraph_dates
from factsheet.rules.evidence import FS102
from factsheet.rules.registry import CODES, FACT_CHECKS, RULES_BY_CODE
from factsheet.source.matching import find, unique_context
from factsheet.source.normalize import Normalized, normalize
from factsheet.source.reader import Source
from factsheet.text.amounts import Quantity, bare_dollar
from factsheet.text.date_values import DateMention, DateRange
from factsheet.text.name_phrases import extract
from factsheet.text.person_names import surname
from factsheet.text.quantities import read_quantities
from factsheet.text.quotations import Quotation, find_quotations
from factsheet.text.speakers import (
    anonymous_source,
    cue_speakers,
    sentence_spans,
    sentence_speakers,
    speaking_cue,
)

# A word after a bare number that is no unit: `5 of them`, `10 more`.
_NOT_UNITS = STOP | frozenset(
    [
        "percent",
        "times",
        "fold",
        "new",
        "old",
        "more",
        "less",
        "other",
        "further",
        "additional",
        "extra",
        "consecutive",
        "straight",
        "successive",
        "separate",
        "different",
        "major",
        "minor",
        "key",
        "top",
        "big",
        "small",
        "large",
    ]
)
_BASIS_POINTS = re.compile(r"\s+basis\s+points?\b")
_ORDINAL = re.compile(r"[A-Za-z]+th|second|third|\d+(?:st|nd|rd|th)", re.IGNORECASE)
# `Article 4`, `No. 5`, `Boeing 737`: a number that names a thing, not a figure.
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*\.?|#)\s?$")
_UNIT_AFTER = re.compile(r"\s+([a-z][a-z-]*[a-z])\b")
# Up to two describing words, then a plural noun: `two diesel ferries`, `3 new electric
# buses`; the noun is what the number counts.
_COUNTED_AFTER = re.compile(r"(?:\s+[a-z][a-z-]*[a-z]){0,2}?\s+([a-z][a-z-]*[a-z](?<!s)s)\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+([^,;:.!?\u201c\u201d\"]+)", re.IGNORECASE)


# Building the draft -------------------------------------------------------------


def build_draft(source: Source, name: str, taken: Collection[str] = ()) -> Draft:
    """The draft for ``source`` (``name`` relative to the seeds folder).

    ``taken`` holds ids already used by other fact files, which the draft avoids.
    """
    ids = Ids(taken)
    facts: list[DraftFact] = []
    left_out: list[LeftOut] = []
    facts.extend(_quote_facts(source, ids, left_out))
    sentence_facts = list(_sentence_facts(source, ids))
    facts.extend(sentence_facts)
    if not facts:
        first = _first_claim(source, ids)
        if first is None:
            raise NothingToSuggest(f"{name} has no body text to suggest facts from")
        facts.append(first)
    facts.sort(key=lambda f: (f.at, f.kind != "quote"))
    draft = Draft(name, source.sha256, tuple(facts), tuple(left_out))
    return _verified(draft, source)


def _quote_facts(source: Source, ids: Ids, left_out: list[LeftOut]) -> Iterable[DraftFact]:
    for quotation in find_quotations(source):
        words = _quote_words(quotation.text)
        speakers = _speakers(source, quotation)
        line = source.locate(quotation.start).line
        if not words:
            continue
        if not speakers:
            left_out.append(LeftOut(line, clipped(words), "the article attributes it to no one"))
            continue
        found = len(find(source, words))
        ignore: tuple[str, ...] = ()
        note = None
        if found > 1:
            ignore = (FS102.code,)
            note = (
                f"these words occur {found} times in the source; this quotation is the one "
                f"on line {line}"
            )
        base = [*surname(speakers[0]).split(), *content_words(words)][: MAX_ID_WORDS + 2]
        yield DraftFact(
            ids.new(base, "quote"),
            "quote",
            quotation.start,
            quote=words,
            speakers=speakers,
            ignore=ignore,
            note=note,
        )


def _speakers(source: Source, quotation: Quotation) -> tuple[str, ...]:
    cue = speaking_cue(source, quotation)
    return () if cue is None else cue_speakers(source, cue)


def _quote_words(text: str) -> str:
    """The quoted words without the punctuation that only ends the quotation (`critical,`)."""
    return " ".join(text.split()).rstrip(" ,;:\u2013\u2014-")


def _sentence_facts(source: Source, ids: Ids) -> Iterable[DraftFact]:
    for start, end in sentence_spans(source):
        raw = source.text[start:end]
        evidence = " ".join(raw.split())
        if not evidence or not any(c.isalnum() for c in evidence):
            continue
        mentions = _date_mentions(source, start, end)
        norm = normalize(raw)
        quantities = _quantities(norm, start, mentions)
        figures = _figures(quantities, norm.text)
        date = _date(mentions)
        if not figures and date is None:
            continue
        sentence = evidence
        evidence, ignore, note = _unique(source, sentence, start)
        if any(bare_dollar(q) for q in quantities):
            note = "; ".join(n for n in (note, _DOLLAR_NOTE) if n)
        speakers = _credited(source, start, evidence)
        if figures:
            base = key_words(evidence) or content_words(
                " ".join(_figure_words(quantities, norm.text))
            )
            kind = "figure"
        else:
            base = content_words(evidence)
            kind = "event"
        yield DraftFact(
            ids.new(base, kind),
            kind,
            start,
            statement=sentence,
            evidence=evidence,
            speakers=speakers,
            figures=tuple(figures),
            date=date,
            ignore=ignore,
            note=note,
        )


# What a curator is told of a figure in bare dollars, which the draft gives as USD.
_DOLLAR_NOTE = (
    "a bare $ is read as US dollars (USD): if the paper means its own, give its code "
    "(AUD, CAD, NZD, ...)"
)


def _first_claim(source: Source, ids: Ids) -> DraftFact | None:
    for start, end in sentence_spans(source):
        evidence = " ".join(source.text[start:end].split())
        if any(c.isalnum() for c in evidence):
            sentence = evidence
            evidence, ignore, note = _unique(source, sentence, start)
            return DraftFact(
                ids.new(content_words(sentence), "claim"),
                "claim",
                start,
                statement=sentence,
                evidence=evidence,
                speakers=_credited(source, start, evidence),
                ignore=ignore,
                note=note,
            )
    return None


def _credited(source: Source, start: int, evidence: str) -> tuple[str, ...]:
    """Whom the sentence at ``start`` credits: the speakers its speech verbs name, the
    body `according to` names, or an anonymous source in its own words (`the council
    said`: speaker `the council`), so that the draft carries the attribution (FS601)."""
    named = sentence_speakers(source, start) or _according_to(evidence)
    if named:
        return named
    anonymous = anonymous_source(source, start)
    return (anonymous,) if anonymous else ()


def _according_to(sentence: str) -> tuple[str, ...]:
    """The body a sentence credits (`according to figures from the European Environment
    Agency`), when no speech cue names a person: the first name in that clause."""
    credited = _ACCORDING_TO.search(sentence)
    if credited is None:
        return ()
    for phrase in extract(credited.group(1)):
        if phrase.significant():
            return (phrase.text.removeprefix("The ").removesuffix("'s").removesuffix("\u2019s"),)
    return ()


def _unique(source: Source, evidence: str, start: int) -> tuple[str, tuple[str, ...], str | None]:
    """The evidence, widened to a passage that occurs once when a few words do it."""
    matches = find(source, evidence)
    if len(matches) <= 1:
        return evidence, (), None
    here = min(matches, key=lambda m: abs(m.start - start))
    wider = unique_context(source, here, evidence, max_words=40)
    if wider is not None:
        return wider, (), None
    line = source.locate(start).line
    note = (
        f"this sentence occurs {len(matches)} times in the source; this is the one on line {line}"
    )
    return evidence, (FS102.code,), note


def _date_mentions(source: Source, start: int, end: int) -> list[DateMention]:
    paragraph = source.paragraph_at(start)
    return [m for m in paragraph_dates(source, paragraph) if start <= m.start and m.end <= end]


def _date(mentions: list[DateMention]) -> str | None:
    """The day (or span of days) the sentence's date expressions read as, if one."""
    readings: list[DateRange] = []
    for mention in mentions:
        if len(mention.candidates) != 1:
            continue
        reading = mention.candidates[0]
        if reading.is_day or (reading.bounded and mention.kind in ("range", "days")):
            readings.append(reading)
    if not readings:
        return None
    return DateRange(min(r.start for r in readings), max(r.end for r in readings)).iso()


def _quantities(norm: Normalized, start: int, mentions: list[DateMention]) -> list[Quantity]:
    """The figures of a sentence (``norm``: it normalised; ``start``: where it starts in the
    source), read as ``check`` reads its evidence."""
    out: list[Quantity] = []
    for q in read_quantities(norm.text):
        if q.kind in ("vague", "year"):
            continue
        o_start, o_end = norm.original_span(q.start, q.end)
        o_start, o_end = o_start + start, o_end + start
        if any(m.start < o_end and o_start < m.end for m in mentions):
            continue  # a day of a date: `28 November`
        if q.kind == "number" and _IDENTIFIER_BEFORE.search(norm.text, 0, q.start):
            continue  # `Article 4`
        out.append(q)
    return out


def _figures(quantities: list[Quantity], norm: str) -> list[DraftFigure]:
    figures: list[DraftFigure] = []
    for q in quantities:
        figure = _figure(q, norm)
        if figure not in figures:
            figures.append(figure)
    return figures


def _figure_words(quantities: list[Quantity], norm: str) -> list[str]:
    """The words naming the sentence's first figures, for its id: `2,000 containers`."""
    words: list[str] = []
    for q in quantities[:2]:
        unit = _figure(q, norm).unit
        plain = unit is not None and unit.islower() and unit not in ("percent", "times")
        words.append(f"{q.text} {unit}" if plain else q.text)
    return words


def _figure(q: Quantity, text: str) -> DraftFigure:
    if q.kind == "multiplier":
        return DraftFigure(q.value, "times")
    if q.unit == "percentage point":
        # check reads `percentage points` as their own unit, so the figure names it in a label.
        return DraftFigure(q.value, None, "percentage points")
    if q.unit is not None:
        return DraftFigure(q.value, q.unit)
    if _BASIS_POINTS.match(text, q.end):
        return DraftFigure(q.value, "basis points")
    if _ORDINAL.fullmatch(q.text):
        return DraftFigure(q.value)  # `the ninth consecutive meeting`: a count, no unit
    counted = _COUNTED_AFTER.match(text, q.end)
    if counted is not None:
        between = text[q.end : counted.start(1)].split()
        if _is_unit(counted.group(1)) and all(_is_unit(w) for w in between):
            return DraftFigure(q.value, counted.group(1))  # `two diesel ferries`: ferries
    after = _UNIT_AFTER.match(text, q.end)
    if after is not None and _is_unit(after.group(1)):
        return DraftFigure(q.value, after.group(1))  # `2,000 migrants`
    return DraftFigure(q.value)


def _is_unit(word: str) -> bool:
    """A word after a number that names what it counts (`migrants`), not an adjective
    (`new`, `more`) or a verb (`three voted`)."""
    return word not in _NOT_UNITS and not (word.endswith("ed") and not word.endswith("eed"))


# Checking the draft with check's own rules ---------------------------------------


def _verified(draft: Draft, source: Source) -> Draft:
    """The draft without facts that ``check`` would give an error."""
    loaded = load_fact_file("draft.yaml", render(draft).encode("utf-8"), known_codes=CODES)
    bad: dict[str, list[str]] = {}
    for fact in loaded.facts:
        for check in FACT_CHECKS:
            for finding in check(fact, source):
                if RULES_BY_CODE[finding.code].severity is Severity.ERROR:
                    bad.setdefault(fact.id, []).append(f"{finding.code} {finding.message}")
    if loaded.diagnostics or not bad:
        return draft  # an unreadable draft is a bug that the tests catch, never hidden
    kept = tuple(f for f in draft.facts if f.id not in bad)
    dropped = tuple(
        LeftOut(
            source.locate(f.at).line,
            clipped(f.quote or f.evidence or ""),
            f"its {f.kind} fact would not check: {bad[f.id][0]}",
        )
        for f in draft.facts
        if f.id in bad
    )
    left_out = tuple(sorted((*draft.left_out, *dropped), key=lambda x: x.line))
    if not kept:
        raise NothingToSuggest(f"{draft.source}: no fact drawn from it checks clean")
    return replace(draft, facts=kept, left_out=left_out)


def suggest(source: Source, name: str, taken: Collection[str] = ()) -> str:
    """The draft fact file for ``source`` as YAML text."""
    return render(build_draft(source, name, taken))
