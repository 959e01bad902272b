"""FS3 — quotes: the quoted words must be in the source, as a quotation, by the speaker."""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.model import Fact, Severity, Text
from factsheet.rules.base import Finding, Rule, rule
from factsheet.rules.evidence import excerpt_findings
from factsheet.source.matching import Match, compile_excerpt, find, parts
from factsheet.source.reader import Source
from factsheet.text.person_names import appears_in, fold, same_person
from factsheet.text.quotations import Quotation, find_quotations, quotation_at
from factsheet.text.speakers import Speaker, resolve_cue, speaking_cue

FS301 = rule(
    "FS301",
    "quote-not-found",
    Severity.ERROR,
    "A quote does not occur in the source.",
    what="Looks for a quote fact's `quote` in the source after normalisation, as FS101 "
    "does for evidence, and names the closest passage when one is at least 60% similar.",
    why="A quotation with one word changed puts words in someone's mouth.",
    example="quote: We discussed how we could step up our collaborative efforts",
    instead="quote: We discussed how we could scale up our collaborative efforts",
)
FS302 = rule(
    "FS302",
    "not-a-quotation",
    Severity.ERROR,
    "A quote's words occur in the source, but not inside quotation marks.",
    what="Finds every quotation in the source (curly, straight, low and angle double "
    "marks; single marks used as quotation marks, not apostrophes; quotations of several "
    "sentences or split by their attribution) and reports a `quote` whose words, or some "
    "of them, stand outside the marks. Punctuation next to a closing mark does not count; "
    "the parts of a quote with an omission (`...`) may lie in two halves of a split "
    "quotation.",
    why="Words outside quotation marks are the reporter's paraphrase. Printing them as "
    "the speaker's own words misquotes the speaker.",
    example="kind: quote\nquote: the EU had decided to quadruple its spending\n"
    "speaker: Ursula von der Leyen",
    instead="kind: claim\nstatement: The EU will quadruple its border-control spending.\n"
    'evidence: "the EU had decided to quadruple its spending"\n'
    "speaker: Ursula von der Leyen",
)
FS303 = rule(
    "FS303",
    "misattributed-quote",
    Severity.ERROR,
    "The source attributes a quotation to someone else, or to nobody the fact names.",
    what="Reads who the source says spoke the quotation: a speech verb (`said`, `stated`, "
    "`told`, `added`, `adding`, `warned`, `according to`, ...) with a name (full name or "
    "surname, titles allowed) or a pronoun, in the quotation's sentence, else its "
    "paragraph. A pronoun stands for the nearest person named before it, looking back "
    "into earlier paragraphs. A person merely named in the sentence (`said at a press "
    "conference with Stoltenberg`) is not the speaker. Reports a quote whose `speaker` "
    "names none of them (names compare without case or diacritics, by full name or "
    "surname), and a quote the source gives to nobody (scare quotes, with no speech verb "
    "in the paragraph) when no `speaker` is named in that paragraph. A speech verb whose "
    "speaker cannot be read (`officials said`, `they said`, `Stoltenberg and von der Leyen "
    "said`) is never reported.",
    why="A real quotation given to the wrong person is worse than no quotation: it is "
    "the error readers and the people quoted notice first.",
    example="kind: quote\n"
    "quote: The message to Russia is to de-escalate, reduce tensions, and be transparent\n"
    "speaker: Ursula von der Leyen",
    instead="kind: quote\n"
    "quote: The message to Russia is to de-escalate, reduce tensions, and be transparent\n"
    "speaker: Jens Stoltenberg",
)

RULES: tuple[Rule, ...] = (FS301, FS302, FS303)

_MAX_WORDS_SHOWN = 70


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    if fact.quote is None:
        return
    yield from excerpt_findings(source, fact.quote, "quote", FS301)
    matches = find(source, fact.quote.value)
    if not matches:
        return
    quotations = find_quotations(source)
    placed: list[tuple[Match, list[tuple[int, int]], list[Quotation]]] = []
    for match in matches:
        spans = _part_spans(source, fact.quote.value, match)
        inside = [quotation_at(source, s, e) for s, e in spans]
        found = [q for q in inside if q is not None]
        if spans and len(found) == len(spans):
            placed.append((match, spans, found))
    if not placed:
        yield _not_a_quotation(source, fact.quote, matches[0], quotations)
        return
    if fact.kind != "quote" or not fact.speakers:
        return
    yield from _misattributed(source, fact, [found for _, _, found in placed])


def _part_spans(source: Source, quote: str, match: Match) -> list[tuple[int, int]]:
    """Where each part of a quote (split at its omissions) lies within one match."""
    norm = source.norm
    pos = norm.index_at(match.start)
    stop = norm.index_at(match.end)
    pieces = parts(quote)
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        pattern = compile_excerpt(piece)
        hit = pattern.search(norm.text, pos, stop) if pattern is not None else None
        if hit is None:
            return [(match.start, match.end)]
        spans.append(_trim(source.text, *norm.original_span(hit.start(), hit.end())))
        pos = hit.end()
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the punctuation and marks at either edge: only words count."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _shown(words: str) -> str:
    words = " ".join(words.split())
    if len(words) > _MAX_WORDS_SHOWN:
        words = words[: _MAX_WORDS_SHOWN - 1].rsplit(" ", 1)[0] + " …"
    return words


def _not_a_quotation(
    source: Source, quote: Text, match: Match, quotations: list[Quotation]
) -> Finding:
    start, end = _trim(source.text, match.start, match.end)
    overlapping = [q for q in quotations if q.start < end and start < q.end]
    line = source.locate(start).line
    if not overlapping:
        words = _shown(source.text[start:end])
        return FS302.at(
            quote.at,
            f'quote is not inside quotation marks in the source (line {line}): "{words}" '
            "are the reporter's words, not the speaker's",
            start,
            f'make it a claim with evidence: "{words}"',
        )
    outside: list[str] = []
    pos = start
    for q in overlapping:
        if pos < q.open:
            outside.append(source.text[pos : min(q.open, end)])
        pos = max(pos, q.outer_end)
    if pos < end:
        outside.append(source.text[pos:end])
    stray = _shown(" … ".join(w for w in (_strip(o) for o in outside) if w))
    inner = max(overlapping, key=lambda q: min(q.end, end) - max(q.start, start))
    kept = _shown(source.text[max(inner.start, start) : min(inner.end, end)])
    return FS302.at(
        quote.at,
        f'quote runs outside the quotation marks in the source (line {line}): "{stray}" '
        "are the reporter's words, not the speaker's",
        start,
        f'quote only the words inside the marks: "{_strip(kept)}"',
    )


def _strip(words: str) -> str:
    return " ".join(words.split()).strip(" ,;:\"'\u201c\u201d\u2018\u2019")


def _misattributed(
    source: Source, fact: Fact, candidates: list[list[Quotation]]
) -> Iterator[Finding]:
    names = [s.value for s in fact.speakers]
    first: tuple[Quotation, Speaker | None] | None = None
    for found in candidates:
        for quotation in found:
            cue = speaking_cue(source, quotation)
            speaker = None if cue is None else resolve_cue(source, cue)
            if speaker is not None and any(_names_speaker(speaker, n) for n in names):
                return
            if speaker is None and cue is not None:
                return  # a speech verb whose speaker cannot be read: cannot decide
            if speaker is None:
                paragraph = source.text[quotation.paragraph.start : quotation.paragraph.end]
                if any(appears_in(n, fold(paragraph)) for n in names):
                    return  # the fact's speaker is named beside it: cannot decide
            if first is None:
                first = (quotation, speaker)
    if first is None:
        return
    quotation, speaker = first
    wanted = " or ".join(names)
    if speaker is None:
        line = source.locate(quotation.start).line
        yield FS303.at(
            fact.speakers[0].at,
            f"quote is attributed to nobody in the source (no speech verb names a speaker in "
            f"its sentence or paragraph, line {line}), not to {wanted}",
            quotation.start,
            f"quote words the source attributes to {names[0]}, or make this a claim with evidence",
        )
        return
    cue_line = source.locate(speaker.cue.start).line
    via = ""
    if speaker.cue.kind == "pronoun" and speaker.cue.name is not None:
        named_line = source.locate(speaker.named_at).line
        via = f'; "{speaker.cue.name}" is {speaker.named}, line {named_line}'
    yield FS303.at(
        fact.speakers[0].at,
        f'quote is attributed to {speaker.name} ("{speaker.cue.text}", line {cue_line}{via}), '
        f"not to {wanted}",
        quotation.start,
        f"speaker: {speaker.name}",
    )


def _names_speaker(speaker: Speaker, name: str) -> bool:
    return (
        same_person(speaker.name, name)
        or same_person(speaker.named, name)
        or _acronym(speaker.named, name)
        or _acronym(name, speaker.named)
    )


def _acronym(short: str, long: str) -> bool:
    """NATO for North Atlantic Treaty Organization."""
    letters = short.replace(".", "")
    if not (letters.isalpha() and letters.isupper() and len(letters) > 1):
        return False
    initials = "".join(w[0] for w in long.split() if w[:1].isupper())
    return initials == letters
