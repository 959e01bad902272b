"""FS4 — names: who and where a fact names must be in its source."""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.model import Fact, Severity, Text
from factsheet.rules.base import Finding, Rule, rule
from factsheet.source.normalize import normalize
from factsheet.source.reader import Source
from factsheet.text.name_phrases import phrases
from factsheet.text.proper_nouns import (
    SourceNames,
    Verdict,
    person_in_source,
    place_in_source,
    source_names,
    supported,
)

FS401 = rule(
    "FS401",
    "name-not-in-source",
    Severity.ERROR,
    "A `speaker`, `entities` or `places` entry does not appear in the source.",
    what="Looks for every `speaker`, `entities` and `places` entry in the source, "
    "case- and diacritic-insensitively (`Nausėda` = `Nauseda`). A person or "
    "organisation also matches by surname alone (`von der Leyen`), unless the source "
    "gives that surname only with another given name (`Anthony Blinken` against the "
    "source's `Antony Blinken`); a place must appear whole. When the source has a "
    "similar name, the message names it and where it is.",
    why="A misspelt or invented name cannot be traced to the source, and a brief that "
    "credits the wrong person is worse than one that credits nobody.",
    example="speaker: Jens Stoltenbrg\nplaces: [Latvia, Estonia]",
    instead="speaker: Jens Stoltenberg\nplaces: [Latvia]",
)
FS402 = rule(
    "FS402",
    "statement-name-unsupported",
    Severity.WARNING,
    "A proper name in `statement` does not appear in the source.",
    what="Finds the proper names of a `statement` (runs of capitalised words such as "
    "`Middle East`, `US Secretary of State Antony Blinken`, `von der Leyen`) and looks "
    "for each in the source, case- and diacritic-insensitively. Common words that start "
    "a sentence, months, weekdays and titles are not names; possessives (`NATO's`) and "
    "adjectives of a place the source names (`Russian` for `Russia`) are accepted; a "
    "person may be named by surname alone.",
    why="A statement is the curator's own wording and is not matched verbatim; a name "
    "that slipped into it from memory or another article makes the brief say more than "
    "the source does.",
    example="statement: The EU will fund border control in Latvia, Lithuania and Estonia.",
    instead="statement: The EU will fund border control in Latvia, Lithuania and Poland.",
)

RULES: tuple[Rule, ...] = (FS401, FS402)


def _offset(source: Source, verdict: Verdict) -> int | None:
    """The original offset of the source's similar name, when it is in the body."""
    if verdict.offset is None or verdict.offset < 0:
        return None
    return source.norm.original_span(verdict.offset, verdict.offset + 1)[0]


def _entry_finding(key: str, text: Text, verdict: Verdict, source: Source) -> Finding:
    name = text.value
    if verdict.hint is None:
        return FS401.at(
            text.at,
            f'{key} "{name}" does not appear in the source; name only who and what the '
            "source names, spelt as it spells them",
        )
    where = source.locate(_offset(source, verdict) or 0)
    return FS401.at(
        text.at,
        f'{key} "{name}" does not appear in the source; the source has "{verdict.hint}" '
        f"at {source.path}:{where}",
        _offset(source, verdict),
        f"{key}: {verdict.hint}" if key == "speaker" else f'use "{verdict.hint}"',
    )


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    names = source_names(source)
    verdicts = names.entry_verdicts  # per source: facts name the same people and places
    for key, entries in (
        ("speaker", fact.speakers),
        ("entities", fact.entities),
        ("places", fact.places),
    ):
        for text in entries:
            value = text.value
            place = key == "places"
            verdict = verdicts.get((place, value))
            if verdict is None:
                if not value.strip():
                    continue
                verdict = place_in_source(value, names) if place else person_in_source(value, names)
                verdicts[place, value] = verdict
            if not verdict.found:
                yield _entry_finding(key, text, verdict, source)
    if fact.statement is not None:
        finding = _statement_finding(fact.statement, names)
        if finding is not None:
            yield finding


def _statement_finding(statement: Text, names: SourceNames) -> Finding | None:
    unsupported: list[str] = []
    hints: list[str] = []
    first: int | None = None  # where the first unsupported name starts
    verdicts = names.phrase_verdicts  # per source: statements repeat the same names
    norm = normalize(statement.value)
    for text, start, initial in phrases(norm.text):
        found = verdicts.get((text, initial))
        if found is None:  # a verdict depends on the phrase's words and initial alone
            found = verdicts[text, initial] = supported(text, start, initial, names)
        missing, conflict = found
        if not missing:
            continue
        if first is None:  # at the first missing word (`Estonia` in `Latvia and Estonia`)
            at = start + max(0, text.find(missing[0]))
            first = norm.original_span(at, at + 1)[0]
        unsupported.extend(w for w in missing if w not in unsupported)
        if conflict is not None and conflict.hint is not None:
            hints.append(conflict.hint)
    if not unsupported:
        return None
    quoted = ", ".join(f'"{w}"' for w in unsupported)
    plural = "s" if len(unsupported) > 1 else ""
    these = "them" if len(unsupported) > 1 else "it"
    message = f"statement names {quoted}, which the source does not mention"
    if hints:
        message += " (the source has " + ", ".join(f'"{h}"' for h in hints) + ")"
    return FS402.at_char(
        statement,
        first or 0,
        f"{message}; use the source's name{plural} or drop {these}",
    )
