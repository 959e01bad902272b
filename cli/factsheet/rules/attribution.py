"""FS6 — attribution: a claim the source reports as someone's must say whose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from factsheet.model import Fact, Severity, Text
from factsheet.rules.base import Finding, Rule, rule
from factsheet.source.matching import find
from factsheet.source.normalize import normalize
from factsheet.source.reader import Source
from factsheet.text.excerpt_sentence import excerpt_sentence
from factsheet.text.speakers import anonymous_source, sentence_speakers

FS601 = rule(
    "FS601",
    "unattributed-claim",
    Severity.WARNING,
    "A claim, figure or event the source reports as someone's statement has no `speaker`.",
    what="Reads the evidence of `claim`, `figure` and `event` facts, and the rest of the "
    "source sentence each excerpt stands in, for words that present the content as "
    "someone's statement or allegation: `accused`, `alleged`, `allegation`, `claimed`, "
    "`stated`, `said`, `according to`, `disputed`, and speech verbs such as `told`, "
    "`warned`, `reiterated`, `insisted`, `urged`, `denied that`. When the fact has no "
    "`speaker`, it reports the first evidence excerpt concerned, naming the word. "
    "`according to` a clause, treaty, law or rules is not a person's statement. A "
    "statement that itself names whose claim it is, with a reporting verb (`The council "
    "has indicated that it may appeal.`), is attributed: it fires only when the statement "
    "drops the attribution its evidence carries.",
    why="A brief that states an allegation as fact takes sides; whose claim it is belongs with it.",
    example="kind: claim\n"
    "evidence: Both Stoltenberg and von der Leyen accused Belarus of engineering the "
    "migrant problem  # no speaker",
    instead="kind: claim\n"
    "evidence: Both Stoltenberg and von der Leyen accused Belarus of engineering the "
    "migrant problem\nspeaker: [Jens Stoltenberg, Ursula von der Leyen]",
)

RULES: tuple[Rule, ...] = (FS601,)

KINDS = frozenset({"claim", "figure", "event"})

_DETERMINER = r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )"
_DOCUMENTS = (
    r"(?:a|an|the|its|their|this|that)?\s*(?:\w+\s+){0,2}?"
    r"(?:clause|clauses|treaty|treaties|article|articles|law|laws|rule|rules|charter|"
    r"constitution|agreement|statute|regulation|regulations|provision|provisions|"
    r"schedule|timetable|map|maps|dictionary|definition)\b"
)
_PATTERNS = (
    r"\baccus(?:e|es|ed|ing|ation|ations)\b",
    r"\balleg(?:e|es|ed|edly|ing|ation|ations)\b",
    r"\bclaimed\b",
    r"\bclaiming\b",
    _DETERMINER + r"\bstated\b",
    r"\bsaid\b",
    r"\bsays\b",
    r"\bsaying\b",
    r"\baccording to\b(?!\s+" + _DOCUMENTS + ")",
    _DETERMINER + r"\bdisputed\b",
    r"\btold\b",
    r"\badded\b(?=\s+that\b|\s*[.,;\"']|\s*$)",
    r"\badding\s+that\b",
    r"\bwarn(?:ed|s)\b",
    r"\bwarning\s+(?:of|that|against)\b",
    r"\breiterat(?:ed|es|ing)\b",
    r"\binsist(?:ed|s)\b",
    r"\bargu(?:ed|es)\b",
    r"\basserted\b",
    r"\bden(?:ied|ies)\s+that\b",
    r"\burg(?:ed|es)\b",
    r"\bplea\b",
    r"\bpleaded\b",
    r"\b(?:indicated|suggested|noted|acknowledged|admitted|conceded|maintained)\s+that\b",
)
# Every pattern starts a word on one of these letters: tested first, so that the
# alternatives (and their look-behinds) are tried only at such word starts.
_FIRST_LETTERS = "acdimnprstuw"
_ATTRIBUTION = re.compile(
    rf"(?=\b[{_FIRST_LETTERS}])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + ")",
    re.IGNORECASE,
)
# What each of _PATTERNS starts with: a text that holds none of these (in lower case)
# cannot match, and most sentences hold none, so the pattern is not run on them.
_STEMS = (
    "accus",
    "alleg",
    "claimed",
    "claiming",
    "stated",
    "said",
    "says",
    "saying",
    "according",
    "disputed",
    "told",
    "added",
    "adding",
    "warned",
    "warns",
    "warning",
    "reiterat",
    "insisted",
    "insists",
    "argued",
    "argues",
    "asserted",
    "denied",
    "denies",
    "urged",
    "urges",
    "plea",
    "indicated",
    "suggested",
    "noted",
    "acknowledged",
    "admitted",
    "conceded",
    "maintained",
)


@dataclass(frozen=True)
class Attribution:
    text: Text  # the evidence excerpt concerned
    word: str  # the attribution word as printed
    in_excerpt: bool  # in the excerpt itself, or elsewhere in its source sentence
    sentence: str  # the sentence that holds it (normalised)


def _attribution(text: str) -> re.Match[str] | None:
    """``_ATTRIBUTION.search(text)``, skipped when no pattern can match.

    Only ASCII text is skipped: there, matching without case is finding the
    lowercased words; elsewhere it is not quite (the long s, U+017F, matches ``s``).
    """
    if text.isascii():
        low = text.lower()
        for stem in _STEMS:  # a loop: a generator in any() costs more than the searches
            if stem in low:
                break
        else:
            return None
    return _ATTRIBUTION.search(text)


def find_attribution(fact: Fact, source: Source) -> Attribution | None:
    """The first evidence excerpt that presents its content as someone's statement."""
    context: Attribution | None = None
    for text in fact.evidence:
        hit = _attribution(normalize(text.value).text)
        if hit is not None:
            return Attribution(text, hit.group(), True, normalize(text.value).text)
        if context is None:
            sentence = excerpt_sentence(source, text.value)
            if sentence is not None:
                hit = _attribution(sentence)
                if hit is not None and _other_clause(sentence, normalize(text.value).text, hit):
                    hit = None
                if hit is not None:
                    context = Attribution(text, hit.group(), False, sentence)
    return context


# Where one clause of a sentence ends and another begins: a speech verb beyond one
# reports the other clause, not the excerpt ("The fire broke out on Monday; officials
# said it was contained").
_CLAUSE_BREAK = re.compile(r"[;\u2014]|\s-\s|,\s(?:and|but|while|whereas|though|although)\s")


def _other_clause(sentence: str, excerpt: str, hit: re.Match[str]) -> bool:
    """Whether the speech verb ``hit`` belongs to another clause than the excerpt's."""
    at = sentence.find(excerpt)
    if at < 0 or sentence.find(excerpt, at + 1) >= 0:
        return False
    if hit.start() >= at + len(excerpt):
        between = sentence[at + len(excerpt) : hit.start()]
    elif hit.end() <= at:
        between = sentence[hit.end() : at]
    else:
        return False
    return _CLAUSE_BREAK.search(between) is not None


def _credited(source: Source, found: Attribution) -> str:
    """Whom the source credits with the sentence, as a hint: the speakers its speech
    verbs name (persons and bodies, never places or things), or the source's own words
    for an anonymous source (``officials said``: ``speaker: officials``)."""
    matches = find(source, found.text.value)
    if not matches:
        return ""
    speakers = sentence_speakers(source, matches[0].start)
    if speakers:
        return f" (the source credits {', '.join(speakers)})"
    anonymous = anonymous_source(source, matches[0].start)
    if anonymous:
        return f" (the source credits {anonymous}: speaker: {anonymous})"
    return ""


# Before a reporting verb, words that leave whose statement it is unsaid: the passive
# (`it was alleged`, `Belarus was accused`) or an empty subject (`it is claimed`).
_NO_AGENT = frozenset(
    ["was", "were", "is", "are", "be", "been", "being", "it", "there", "reportedly"]
)
_AUXILIARIES = frozenset(["has", "have", "had", "also", "again", "repeatedly", "publicly"])


def names_whose_statement(statement: str) -> bool:
    """Whether a statement carries its own attribution: a reporting verb with its agent
    (`The council has indicated that it may appeal.`, `According to Berg, …`)."""
    text = normalize(statement).text
    hit = _attribution(text)
    if hit is None:
        return False
    if hit.group().lower().startswith("according to"):
        return True
    before = [w.lower() for w in text[: hit.start()].split()]
    while before and before[-1] in _AUXILIARIES:
        before.pop()
    return bool(before) and before[-1] not in _NO_AGENT


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    if fact.kind not in KINDS or fact.speakers or not fact.evidence:
        return
    if fact.statement is not None and names_whose_statement(fact.statement.value):
        return  # the statement keeps the attribution its evidence carries
    found = find_attribution(fact, source)
    if found is None:
        return
    where = "evidence" if found.in_excerpt else "the source sentence of this evidence"
    hint = _credited(source, found)
    yield FS601.at(
        found.text.at,
        f'{where} presents this {fact.kind} as someone\'s statement ("{found.word}"), but '
        f"the fact has no speaker; add speaker: naming whose {fact.kind} it is{hint}",
        None,
        "add speaker: with the person or body the source credits",
    )
