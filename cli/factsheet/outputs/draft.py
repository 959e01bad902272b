"""A draft fact file for a source: the data, and the YAML text a curator starts from.

Pure functions of a :class:`~factsheet.source.reader.Source`; the ``suggest`` command
does the reading and writing. Everything in the draft is the source's own
words, read with the same code ``check`` uses:

* every quotation becomes a ``quote`` fact with the speaker the source gives it
  (:func:`~factsheet.text.quotations.attribute`: names, pronouns, ``said Name``,
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
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from factsheet.factfile.loader import load_fact_file
from factsheet.model import Severity
from factsheet.rules.dates import paragraph_dates
from factsheet.rules.evidence import FS102
from factsheet.rules.registry import CODES, FACT_CHECKS, RULES_BY_CODE
from factsheet.source.matching import find, unique_context
from factsheet.source.normalize import normalize
from factsheet.source.reader import Source
from factsheet.text.date_expressions import DateMention, DateRange
from factsheet.text.person_names import surname
from factsheet.text.proper_nouns import extract
from factsheet.text.quantities import Quantity, read_quantities
from factsheet.text.quotations import Quotation, find_quotations
from factsheet.text.speakers import (
    attribution_cue,
    cue_speakers,
    sentence_spans,
    sentence_speakers,
)

MAX_ID_WORDS = 5
MAX_ID_LENGTH = 60
_STOP = frozenset(
    re.findall(
        r"\w+",
        """
    a an the and or but nor of to in on at by for with from into onto as is are was were be
    been being it its this that these those there their they them he she his her we our you
    your i my me us not no so if than then also has have had do does did will would can could
    may might shall should must which who whom whose what when where while how about over
    after before during since until up down out off very just only more most such both each
    all any some other another per said says stated
    """,
    )
)
# A word after a bare number that is no unit: `5 of them`, `10 more`.
_NOT_UNITS = _STOP | frozenset(
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
_SYMBOL_WORDS = {"€": " eur ", "$": " usd ", "£": " gbp ", "¥": " jpy ", "%": " percent "}
# `Article 4`, `No. 5`, `Boeing 737`: a number that names a thing, not a figure.
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z][\w-]*\.?|#)\s?$")
_UNIT_AFTER = re.compile(r"\s+([a-z][a-z-]*[a-z])\b")
_ACCORDING_TO = re.compile(r"\baccording to\s+([^,;:.!?\u201c\u201d\"]+)", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]")


@dataclass(frozen=True)
class DraftFigure:
    value: float
    unit: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class DraftFact:
    id: str
    kind: str  # quote, figure, event or claim
    at: int  # where in Source.text the fact's words start (for ordering)
    statement: str | None = None
    evidence: str | None = None
    quote: str | None = None
    speakers: tuple[str, ...] = ()
    figures: tuple[DraftFigure, ...] = ()
    date: str | None = None
    ignore: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class LeftOut:
    """Something in the source the draft does not hold, and why."""

    line: int
    words: str
    reason: str


@dataclass(frozen=True)
class Draft:
    source: str  # the name relative to the seeds folder, as the fact file gives it
    sha256: str
    facts: tuple[DraftFact, ...]
    left_out: tuple[LeftOut, ...] = field(default=())


class NothingToSuggest(Exception):
    """The source has no body text to draw facts from."""


# Building the draft -------------------------------------------------------------


def build_draft(source: Source, name: str, taken: Collection[str] = ()) -> Draft:
    """The draft for ``source`` (``name`` relative to the seeds folder).

    ``taken`` holds ids already used by other fact files, which the draft avoids.
    """
    ids = _Ids(taken)
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


def _quote_facts(source: Source, ids: _Ids, left_out: list[LeftOut]) -> Iterable[DraftFact]:
    previous: tuple[str, ...] = ()
    before: Quotation | None = None
    for quotation in find_quotations(source):
        words = _quote_words(quotation.text)
        speakers = _speakers(source, quotation)
        if not speakers and quotation.continues and before is not None:
            speakers = previous  # “A,” she said, “B.”: the second half is hers too
        before, previous = quotation, speakers
        line = source.locate(quotation.start).line
        if not words:
            continue
        if not speakers:
            left_out.append(LeftOut(line, _one_line(words), "the article attributes it to no one"))
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
        base = [*surname(speakers[0]).split(), *_content_words(words)][: MAX_ID_WORDS + 2]
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
    cue = attribution_cue(source, quotation)
    return () if cue is None else cue_speakers(source, cue)


def _quote_words(text: str) -> str:
    """The quoted words without the punctuation that only ends the quotation (`critical,`)."""
    return " ".join(text.split()).rstrip(" ,;:\u2013\u2014-")


def _sentence_facts(source: Source, ids: _Ids) -> Iterable[DraftFact]:
    for start, end in sentence_spans(source):
        raw = source.text[start:end]
        evidence = " ".join(raw.split())
        if not evidence or not any(c.isalnum() for c in evidence):
            continue
        mentions = _date_mentions(source, start, end)
        figures = _figures(raw, start, mentions)
        date = _date(mentions)
        if not figures and date is None:
            continue
        sentence = evidence
        evidence, ignore, note = _unique(source, sentence, start)
        speakers = sentence_speakers(source, start) or _according_to(evidence)
        if figures:
            base = _content_words(" ".join(_figure_words(raw, start, mentions)))
            kind = "figure"
        else:
            base = _content_words(evidence)
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


def _first_claim(source: Source, ids: _Ids) -> DraftFact | None:
    for start, end in sentence_spans(source):
        evidence = " ".join(source.text[start:end].split())
        if any(c.isalnum() for c in evidence):
            sentence = evidence
            evidence, ignore, note = _unique(source, sentence, start)
            return DraftFact(
                ids.new(_content_words(sentence), "claim"),
                "claim",
                start,
                statement=sentence,
                evidence=evidence,
                speakers=sentence_speakers(source, start) or _according_to(evidence),
                ignore=ignore,
                note=note,
            )
    return None


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


def _quantities(raw: str, start: int, mentions: list[DateMention]) -> list[Quantity]:
    """The figures of a sentence, read as ``check`` reads its evidence."""
    norm = normalize(raw)
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


def _figures(raw: str, start: int, mentions: list[DateMention]) -> list[DraftFigure]:
    norm = normalize(raw).text
    figures: list[DraftFigure] = []
    for q in _quantities(raw, start, mentions):
        figure = _figure(q, norm)
        if figure not in figures:
            figures.append(figure)
    return figures


def _figure_words(raw: str, start: int, mentions: list[DateMention]) -> list[str]:
    """The words naming the sentence's first figures, for its id: `2,000 containers`."""
    norm = normalize(raw).text
    words: list[str] = []
    for q in _quantities(raw, start, mentions)[:2]:
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
            _one_line(f.quote or f.evidence or ""),
            f"its {f.kind} fact would not check: {bad[f.id][0]}",
        )
        for f in draft.facts
        if f.id in bad
    )
    left_out = tuple(sorted((*draft.left_out, *dropped), key=lambda x: x.line))
    if not kept:
        raise NothingToSuggest(f"{draft.source}: no fact drawn from it checks clean")
    return replace(draft, facts=kept, left_out=left_out)


# Ids ----------------------------------------------------------------------------


def _ascii(text: str) -> str:
    for symbol, word in _SYMBOL_WORDS.items():
        text = text.replace(symbol, word)
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 2,000 → 2000
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _content_words(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", _ascii(text))
    content = [w for w in words if w not in _STOP and (len(w) > 1 or w.isdigit())]
    return (content or words)[:MAX_ID_WORDS]


class _Ids:
    """Readable slugs from the content, unique within the draft and beside ``taken``."""

    def __init__(self, taken: Collection[str]) -> None:
        self.used = set(taken)

    def new(self, words: list[str], kind: str) -> str:
        slug = ""
        for word in (w for text in words for w in re.findall(r"[a-z0-9]+", _ascii(text))):
            longer = f"{slug}-{word}" if slug else word
            if len(longer) > MAX_ID_LENGTH and slug:
                break
            slug = longer[:MAX_ID_LENGTH].strip("-")
        slug = slug or kind
        candidate, n = slug, 2
        while candidate in self.used:
            candidate, n = f"{slug}-{n}", n + 1
        self.used.add(candidate)
        return candidate


# Rendering ----------------------------------------------------------------------

_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\x85": "\\N",
    "\u00a0": "\\_",
    "\u2028": "\\L",
    "\u2029": "\\P",
    "\ufeff": "\\uFEFF",
}


def scalar(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            out.append(f"\\u{ord(ch):04X}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return repr(float(value))


def _one_line(text: str, limit: int = 100) -> str:
    words = " ".join(_LINE_BREAKS.sub(" ", text).split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + " …"


def render(draft: Draft) -> str:
    """The draft as a fact file: YAML in the format, every text a quoted scalar."""
    lines = [
        "# Draft facts suggested by `factsheet suggest`: every text is the source's own words.",
        "# Rewrite each statement in your own words, keep the facts that matter, delete the",
        "# rest, then run `factsheet check`.",
        f"source: {scalar(draft.source)}",
        f"sha256: {scalar(draft.sha256)}",
        "facts:",
    ]
    for fact in draft.facts:
        lines.append(f"  - id: {scalar(fact.id)}")
        lines.append(f"    kind: {fact.kind}")
        if fact.statement is not None:
            lines.append(f"    statement: {scalar(fact.statement)}")
        if fact.evidence is not None:
            lines.append(f"    evidence: {scalar(fact.evidence)}")
        if fact.quote is not None:
            lines.append(f"    quote: {scalar(fact.quote)}")
        if len(fact.speakers) == 1:
            lines.append(f"    speaker: {scalar(fact.speakers[0])}")
        elif fact.speakers:
            lines.append(f"    speaker: [{', '.join(scalar(s) for s in fact.speakers)}]")
        if fact.figures:
            lines.append("    figures:")
            for figure in fact.figures:
                parts = [f"value: {_number(figure.value)}"]
                if figure.unit is not None:
                    parts.append(f"unit: {scalar(figure.unit)}")
                if figure.label is not None:
                    parts.append(f"label: {scalar(figure.label)}")
                lines.append(f"      - {{{', '.join(parts)}}}")
        if fact.date is not None:
            lines.append(f"    date: {scalar(fact.date)}")
        if fact.ignore:
            lines.append(f"    ignore: [{', '.join(fact.ignore)}]")
        if fact.note is not None:
            lines.append(f"    note: {scalar(fact.note)}")
    if draft.left_out:
        lines.append("# Left out of this draft:")
        for item in draft.left_out:
            words = _one_line(item.words)
            lines.append(f"#   line {item.line}: \u201c{words}\u201d ({item.reason})")
    return "\n".join(_comment_safe(line) for line in lines) + "\n"


def _comment_safe(line: str) -> str:
    return _LINE_BREAKS.sub(" ", line) if line.startswith("#") else line


def suggest(source: Source, name: str, taken: Collection[str] = ()) -> str:
    """The draft fact file for ``source`` as YAML text."""
    return render(build_draft(source, name, taken))
