"""FS7 — meaning: a statement must not say what its evidence does not.

Compares each `claim`, `figure`, `event` and `definition` statement with its evidence:
each excerpt with the rest of its source sentence. The text analysis lives in
factsheet.text: wording (tokens), wordnet_lexicon (lemmas and WordNet relations),
alignment (which evidence word stands for each statement word), polarity (negation)
and hedges. Precision comes first: when a case is unclear, no finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from factsheet.model import Fact, Severity, Text
from factsheet.rules.base import Finding, Rule, rule
from factsheet.rules.meaning_checks import KIND_ORDER, Problem, problems
from factsheet.source.normalize import normalize
from factsheet.source.reader import Source
from factsheet.text.excerpt_sentence import excerpt_sentence

_FAITHFUL = "A faithful paraphrase (passive voice, synonyms, reordering, shortening) is quiet."

FS701 = rule(
    "FS701",
    "negation-mismatch",
    Severity.ERROR,
    "The statement negates what the evidence affirms, or affirms what it negates.",
    what="Lines up each content word of `statement` with the same word (or a derived "
    "form or synonym) in the evidence and its sentence, and compares whether each side "
    "negates it: `not`, `n't`, `never`, `no`, `none`, `nobody`, `nothing`, `neither`/"
    "`nor`, `without`, `fail to`, `refuse to`, `deny`, `lack`, and negating prefixes "
    "(`unlawful`/`lawful`, `non-binding`/`binding`, `disagreed`/`agreed`, `de-`, "
    "`in-`/`im-`/`il-`/`ir-` where WordNet gives the base word as its antonym). A word "
    "negated twice is affirmed; the same predicate negated on both sides in other words "
    f"(`do not exclude`, `does not rule out`) is not reported. {_FAITHFUL}",
    why="Dropping or adding a `not` reverses a fact while every name, number and quotation "
    "still checks: the error a fact-checker fears most.",
    example="statement: Von der Leyen said the EU and NATO need not work together.\n"
    'evidence: "It is critical that the European Union and NATO work together"',
    instead="statement: Von der Leyen said the EU and NATO must work together.\n"
    'evidence: "It is critical that the European Union and NATO work together"',
)
FS702 = rule(
    "FS702",
    "certainty-raised",
    Severity.ERROR,
    "The evidence is hedged, planned, expected or conditional; the statement is not.",
    what="Finds the hedges of the evidence sentence (`may`, `might`, `could`, `would` "
    "beside a condition, an `if`/`unless` clause, `expected to`, `plans to`, `intends to`, "
    "`threatened to`, `considering`, `reportedly`, `allegedly`, `likely`, `indicated`, "
    "`signalled`, `do not exclude`) and the words they cover. When the statement holds "
    "no hedge at all and one of its words stands for a covered word, it states as "
    "certain or done what the evidence does not. Keeping the hedge in other words "
    "(`may` as `might`, `is expected to`, `signalled it could`) is not reported, nor is "
    "a statement less certain than its evidence.",
    why="A plan reported as done, or a threat reported as a decision, is a false fact "
    "built from true words.",
    example="statement: The ministers' conference addressed Russia's buildup.\n"
    'evidence: "is expected to address Russia\'s military buildup near Ukraine"',
    instead="statement: The ministers' conference is expected to address Russia's "
    "buildup.\n"
    'evidence: "is expected to address Russia\'s military buildup near Ukraine"',
)
FS703 = rule(
    "FS703",
    "quantity-changed",
    Severity.ERROR,
    "The statement says `all`, `only`, `every` … where the evidence says part.",
    what="Reports a universal or exclusive word of the statement (`all`, `every`, `each`, "
    "`only`, `none`, `always`, `never`, `entire`, `whole`, `no one`, `solely`, "
    "`exclusively`) that the evidence does not have, when the evidence has a partial "
    "one instead (`some`, `many`, `most`, `mainly`, `several`, `hundreds`, `any`, `few`, "
    "`including`, `among`, `partly`, `largely`).",
    why="`Some` made `all`, or `including drones` made `only drones`, overstates the "
    "source while keeping its words.",
    example="statement: The funds will be used only for drones.\n"
    'evidence: "to purchase patrol vehicles and electronic surveillance equipment, '
    'including drones"',
    instead="statement: The funds will buy patrol vehicles and surveillance equipment, "
    "including drones.",
)
FS704 = rule(
    "FS704",
    "opposite-word",
    Severity.ERROR,
    "A statement word's opposite stands in the evidence where the word should be.",
    what="For each content word of the statement that the evidence does not have (nor a "
    "derived form or synonym of it), looks in the evidence for an opposite near the "
    "words the two sides share: WordNet's antonyms of the word, of its synonyms and of "
    "its direct hypernyms (`cut`/`raise`, `close`/`open`, `lose`/`win`, `reject`/"
    "`approve`, `fall`/`rise`, `far`/`near`). The evidence's word must not be in the "
    "statement.",
    why="An antonym swapped in keeps the sentence fluent and every name right, and says "
    "the opposite of the source.",
    example="statement: Russia's military build-up far from Ukraine.\n"
    'evidence: "Russia\'s military build-up near Ukraine"',
    instead="statement: Russia's military build-up near Ukraine.",
)
FS705 = rule(
    "FS705",
    "roles-swapped",
    Severity.ERROR,
    "Who does what to whom is reversed between statement and evidence.",
    what="Reads the statement's agent and object around its verb (`The union sued the "
    "ministry`; in the passive, the agent after `by`) and looks in the evidence "
    "sentence for the same verb with the roles reversed (each role a word or a noun "
    "phrase: `the pilots' union`, `Stoltenberg and von der Leyen`), or, for two names, "
    "the object "
    "named first in one clause with a verb between and no `by`. The passive voice that "
    "keeps the roles (`The union was sued by the ministry`) and symmetric verbs (`met`, "
    "`talked with`) are not reported.",
    why="A reversed accusation or plea names the right people and the right act, and "
    "blames the wrong one.",
    example="statement: Russia urged Stoltenberg to de-escalate.\n"
    'evidence: "Stoltenberg also reiterated his plea for Russia to de-escalate"',
    instead="statement: Stoltenberg urged Russia to de-escalate.",
)
FS706 = rule(
    "FS706",
    "alternative-dropped",
    Severity.WARNING,
    "The evidence says `A or B`; the statement keeps only `A`.",
    what="Finds `A or B` in the evidence sentence (not `or so`, `or more`, `whether or "
    "not`) and reports a statement that has `A` but neither `B` nor any `or`.",
    why="An alternative dropped turns one possibility among two into the only one.",
    example='statement: The EU will send troops.\nevidence: "the EU will send troops or money"',
    instead="statement: The EU will send troops or money.",
)
FS707 = rule(
    "FS707",
    "unsupported-word",
    Severity.WARNING,
    "A content word of the statement that nothing in the evidence supports (off by default).",
    off_by_default=True,
    what="Reports each noun, verb or adjective of the statement (after lemmatisation) "
    "that the evidence sentence does not support by the same word, a derived form, a "
    "synonym or a more specific word (WordNet). Names, numbers, dates, reporting verbs "
    "(`said`) and function words are never reported. Paraphrase replaces words all the "
    "time, so this rule is off by default: enable it with `--select FS707`.",
    why="A word the source does not say (`tanks` for `trucks and radar equipment`) adds "
    "to the source; the other checks cannot see it when it is neither a name nor a "
    "number.",
    example="statement: Russia moved tanks to the border.\n"
    'evidence: "Russia moved trucks and radar equipment to the border"',
    instead="statement: Russia moved trucks and radar equipment to the border.",
)

RULES: tuple[Rule, ...] = (FS701, FS702, FS703, FS704, FS705, FS706, FS707)

KINDS = frozenset({"claim", "figure", "event", "definition"})


def preload() -> None:
    """Read what the checks need on first use now: before forking workers, once for all."""
    from factsheet.text.wordnet_lexicon import preload as read_lexicon

    read_lexicon()


def _context(source: Source, excerpt: str) -> str:
    """The excerpt's source sentence (normalised), or the excerpt when not found once."""

    def build(source: Source) -> str:
        sentence = excerpt_sentence(source, excerpt)
        return normalize(excerpt).text if sentence is None else sentence

    return source.memo(f"meaning:context:{excerpt}", str, build)


def check(fact: Fact, source: Source) -> Iterator[Finding]:
    statement = fact.statement
    if fact.kind not in KINDS or statement is None or not fact.evidence:
        return
    contexts = tuple(_context(source, t.value) for t in fact.evidence)
    for p in problems(statement.value, contexts):
        yield _finding(statement, p)


_RULE_BY_KIND = dict(zip(KIND_ORDER, RULES, strict=True))


def _finding(statement: Text, p: Problem) -> Finding:
    return _RULE_BY_KIND[p.kind].at_char(statement, p.offset, p.message, None, p.suggestion)
