"""Hedges for FS7 (meaning): words that make a content possible, planned or conditional.

`may`, `might`, `could`, `would` beside a condition; `expected to`, `plans to`, `intends to`,
`threatened to`, `considering`; `reportedly`, `allegedly`, `likely`, `possibly`;
`signalled`, `indicated`, `suggested`; `not exclude`, `not rule out`; and conditions
(`if`, `unless`, `whether`, `provided`). A modal or a verb cue hedges the rest of its
clause; an adverb its whole clause; a sentence that opens with `If` or `Unless` is
conditional throughout, and a condition later in a sentence hedges its own clause.
"""

from __future__ import annotations

from factsheet.text.polarity import negations
from factsheet.text.wording import Token, clause_bounds
from factsheet.text.wordnet_lexicon import names

MODALS = frozenset(["may", "might", "could"])
# `would` hedges only beside a condition (`would … if`): after `said that` it is the
# future of reported speech (`stated that the funds would be used`).
CONDITIONAL_MODALS = frozenset(["would"])
CONDITIONS = frozenset(["if", "unless", "whether", "provided", "pending"])
ADVERBS = frozenset(
    [
        "reportedly",
        "allegedly",
        "likely",
        "unlikely",
        "possibly",
        "possible",
        "perhaps",
        "probably",
        "potentially",
        "potential",
        "presumably",
        "apparently",
        "supposedly",
        "maybe",
        "conceivably",
    ]
)
# Verb lemmas that hedge what follows them, with `to` (`plans to buy`) or without.
_WITH_TO = frozenset(
    [
        "expect",
        "plan",
        "intend",
        "aim",
        "hope",
        "threaten",
        "propose",
        "seek",
        "try",
        "want",
        "wish",
        "pledge",
        "promise",
        "vow",
        "offer",
        "set",
        "prepare",
        "ready",
        "willing",
        "scheduled",
    ]
)
_ALONE = frozenset(
    [
        "consider",
        "contemplate",
        "weigh",
        "mull",
        "signal",
        "indicate",
        "suggest",
        "hint",
        "envisage",
        "envision",
        "anticipate",
        "predict",
        "forecast",
        "project",
        "estimate",
    ]
)
_NOT_EXCLUDED = frozenset(["exclude", "rule"])


def hedges(tokens: tuple[Token, ...]) -> dict[int, int]:
    """For each hedged token, the index of the first cue that hedges it."""
    out: dict[int, int] = {}
    n = len(tokens)
    negated = None
    sentence_start = True
    sentence_cue: int | None = None
    for c, tok in enumerate(tokens):
        if tok.text in ".!?":
            sentence_start, sentence_cue = True, None
            continue
        if sentence_cue is not None:
            out[c] = sentence_cue  # a conditional sentence: its `If` is the cue throughout
            continue
        low = tok.low
        starts = sentence_start
        if tok.text[:1].isalnum():
            sentence_start = False
        if tok.name:
            continue
        scope: str | None = None
        if low in CONDITIONS:
            if starts:
                sentence_cue = c
                out[c] = c
                continue
            scope = "rest"
        elif low in MODALS or (low in CONDITIONAL_MODALS and _conditional(tokens, c)):
            scope = "rest"
        elif low in ADVERBS:
            scope = "clause"
        elif tok.content:
            words = names(tok.low, tok.lemmas)
            following_to = c + 1 < n and tokens[c + 1].low == "to"
            if (words & _WITH_TO and following_to) or words & _ALONE:
                scope = "rest"
            elif words & _NOT_EXCLUDED:
                if negated is None:
                    negated = negations(tokens)
                if c in negated:
                    scope = "rest"
        if scope is None:
            continue
        start, end = clause_bounds(tokens, c)
        for t in range(start if scope == "clause" else c + 1, end):
            if t != c:  # the cue itself is not hedged (`pledged` in `pledged to act`)
                out.setdefault(t, c)
    return out


def _conditional(tokens: tuple[Token, ...], c: int) -> bool:
    """Whether the sentence of token c holds a condition (`if`, `unless` …)."""
    start = c
    while start > 0 and tokens[start - 1].text not in ".!?":
        start -= 1
    end = c
    while end < len(tokens) and tokens[end].text not in ".!?":
        end += 1
    return any(tokens[k].low in CONDITIONS for k in range(start, end))


def has_hedge(tokens: tuple[Token, ...]) -> bool:
    """Whether the text holds a hedge cue (even one that covers no word after it)."""
    if any(t.low in _WORD_CUES for t in tokens if not t.name):
        return True
    # Without those words, only a hedging verb can hedge (`plans to`, `considering`).
    negated: set[int] | None = None
    for c, tok in enumerate(tokens):
        if not tok.content or tok.name:
            continue
        words = names(tok.low, tok.lemmas)
        if words & _ALONE:  # `…, the Commission estimates.` hedges what came before it
            return True
        after = tokens[c + 1].low if c + 1 < len(tokens) else "."
        # `plans to buy`, `expects that …`, or a trailing `…, the company expects.`
        if words & _WITH_TO and (after in ("to", "that") or not after[:1].isalnum()):
            return True
        if words & _NOT_EXCLUDED:
            negated = set(negations(tokens)) if negated is None else negated
            if c in negated:
                return True
    return False


_WORD_CUES = MODALS | CONDITIONS | ADVERBS | CONDITIONAL_MODALS
