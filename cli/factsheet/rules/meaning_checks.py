"""The seven FS7 (meaning) detectors, over a statement and its evidence sentences.

Each detector yields a Problem: a code, the message quoting both sides, and the offset
of the statement's word. A statement word gets at most one problem, the first code
in order; the results for a statement and its evidence sentences are memoised.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from factsheet.text.alignment import Link, align, close, same, same_positions
from factsheet.text.alignment import index as word_index
from factsheet.text.hedges import has_hedge, hedges
from factsheet.text.polarity import negations
from factsheet.text.wording import (
    AUXILIARIES,
    CLAUSE_END,
    MONTHS_AND_DAYS,
    NAME_PARTICLES,
    REPORTING,
    Token,
    tokenize,
)
from factsheet.text.wordnet_lexicon import names, opposite, opposite_words


class Problem(NamedTuple):
    kind: str  # one of KIND_ORDER; rules/meaning.py names its rule
    message: str
    offset: int  # into the statement
    suggestion: str | None = None


Tokens = tuple[Token, ...]
# The kinds of distortion, in the order of their codes (FS701 ...).
KIND_ORDER = (
    "negation",
    "certainty",
    "quantity",
    "opposite",
    "roles",
    "alternative",
    "unsupported",
)

UNIVERSAL = frozenset(
    [
        "all",
        "every",
        "each",
        "only",
        "none",
        "always",
        "never",
        "entire",
        "entirely",
        "whole",
        "solely",
        "exclusively",
    ]
)
PARTIAL = frozenset(
    [
        "some",
        "many",
        "most",
        "mainly",
        "several",
        "hundreds",
        "thousands",
        "dozens",
        "any",
        "few",
        "including",
        "include",
        "includes",
        "among",
        "partly",
        "partially",
        "largely",
        "chiefly",
        "mostly",
        "primarily",
        "majority",
        "various",
        "sometimes",
        "often",
        "certain",
    ]
)
# Verbs whose two sides play one role (`met`, `negotiates with`): base forms, each
# verb matched by its form and its lemmas (wordnet_lexicon.names).
_SYMMETRIC = frozenset(
    [
        "meet",
        "talk",
        "speak",
        "negotiate",
        "agree",
        "marry",
        "join",
        "partner",
        "cooperate",
        "collaborate",
        "work",
        "compete",
    ]
)
_NOT_ALTERNATIVE = frozenset(["so", "more", "less", "not", "fewer", "else"])


def _span(tokens: Tokens, first: int, last: int, text: str) -> str:
    return text[tokens[first].start : tokens[last].end]


def _phrase(tokens: Tokens, text: str, cue: int, word: int) -> str:
    lo, hi = min(cue, word), max(cue, word)
    if hi - lo <= 5:
        return _span(tokens, lo, hi, text)
    return f"{_span(tokens, lo, lo, text)} \u2026 {_span(tokens, hi, hi, text)}"


@lru_cache(maxsize=4096)
def problems(statement: str, contexts: tuple[str, ...]) -> tuple[Problem, ...]:
    said = tokenize(statement)
    evidence = tuple(tokenize(c) for c in contexts)
    links = align(said, tuple(word_index(c) for c in contexts))
    found: list[Problem] = []
    taken: set[int] = set()
    for detector in (_negation, _certainty, _quantity, _opposite, _roles, _alternative):
        for index, problem in detector(said, statement, evidence, contexts, links):
            if index not in taken:
                taken.add(index)
                found.append(problem)
    if not found:
        found.extend(_unsupported(said, links))
    return tuple(sorted(found, key=lambda p: (p.offset, KIND_ORDER.index(p.kind))))


Found = Iterator[tuple[int, Problem]]


@lru_cache(maxsize=4096)
def _negations_of(context: str) -> dict[int, list[int]]:
    """An evidence sentence's negations (read-only: shared by every fact citing it)."""
    return negations(tokenize(context))


@lru_cache(maxsize=4096)
def _hedges_of(context: str) -> dict[int, int]:
    """An evidence sentence's hedges (read-only: shared by every fact citing it)."""
    return hedges(tokenize(context))


# negation (FS701)


def _negation(said: Tokens, text: str, evidence: tuple[Tokens, ...], contexts: tuple[str, ...],
              links: dict[int, list[Link]]) -> Found:  # fmt: skip
    mine = negations(said)
    theirs = [_negations_of(c) for c in contexts]
    for s, its in links.items():
        mine_neg = len(mine.get(s, ())) % 2
        sides = set()
        for link in its:
            neg = len(theirs[link.context].get(link.token, ())) % 2
            sides.add(neg ^ (link.how == "flip"))
        if len(sides) != 1 or mine_neg in sides:
            continue
        link = its[0]
        tokens = evidence[link.context]
        cues = mine.get(s)
        first = cues[0] if cues else s
        if cues and first > 0 and said[first - 1].low in AUXILIARIES:
            first -= 1  # `need not work`, `did not agree`
        said_text = _phrase(said, text, first, s)
        their_cues = theirs[link.context].get(link.token)
        their_text = (
            _phrase(tokens, contexts[link.context], their_cues[0], link.token)
            if their_cues
            else tokens[link.token].text
        )
        yield (
            s,
            Problem(
                "negation",
                f'statement says "{said_text}"; evidence says "{their_text}"',
                said[first].start,
                f'say "{their_text}" as the evidence does',
            ),
        )


# certainty (FS702)


def _certainty(said: Tokens, text: str, evidence: tuple[Tokens, ...], contexts: tuple[str, ...],
               links: dict[int, list[Link]]) -> Found:  # fmt: skip
    if has_hedge(said):
        return
    theirs = [_hedges_of(c) for c in contexts]
    if not any(theirs):
        return
    for s, its in links.items():
        if said[s].low in REPORTING or any(link.token not in theirs[link.context] for link in its):
            continue
        link = its[0]
        tokens = evidence[link.context]
        cue = theirs[link.context][link.token]
        first = s
        while first > 0 and s - first < 2 and said[first - 1].low in AUXILIARIES:
            first -= 1
        if first == s and s >= 2 and said[s - 1].content and said[s - 2].low in AUXILIARIES:
            first = s - 2  # `will seek negotiations`
        their_text = _phrase(tokens, contexts[link.context], cue, link.token)
        yield (
            s,
            Problem(
                "certainty",
                f'statement says "{_span(said, first, s, text)}"; evidence says "{their_text}"',
                said[first].start,
                f'keep the evidence\'s hedge: "{_span(tokens, cue, cue, contexts[link.context])}"',
            ),
        )
        return


# quantity (FS703)


def _quantity(said: Tokens, text: str, evidence: tuple[Tokens, ...], contexts: tuple[str, ...],
              links: dict[int, list[Link]]) -> Found:  # fmt: skip
    universal = [
        t
        for t in said
        if t.low in UNIVERSAL
        or (t.low == "no" and t.position + 1 < len(said) and said[t.position + 1].low == "one")
    ]
    if not universal or any(t.low in PARTIAL for t in said):
        return
    for t in universal:
        if any(e.low in UNIVERSAL and e.low == t.low for tokens in evidence for e in tokens):
            continue
        for tokens in evidence:
            partial = next((e for e in tokens if e.low in PARTIAL and not e.name), None)
            if partial is not None:
                yield (
                    t.position,
                    Problem(
                        "quantity",
                        f'statement says "{t.text}"; evidence says "{partial.text}"',
                        t.start,
                        f'use the evidence\'s "{partial.text}"',
                    ),
                )
                return


# opposite (FS704)


def _near_shared(said: Tokens, s: int, e: int, links: dict[int, list[Link]],
                 context: int) -> bool:  # fmt: skip
    """Whether a word the two sides share stands next to both words (within 3 tokens):
    the same word (or lemma), not a synonym, and not a reporting verb (`said`)."""
    for k, its in links.items():
        if k != s and abs(k - s) <= 3 and said[k].low not in REPORTING:
            for link in its:
                if link.how != "same":
                    break
                if link.context == context and link.token != e and abs(link.token - e) <= 3:
                    return True
    return False


def _opposite(said: Tokens, text: str, evidence: tuple[Tokens, ...], contexts: tuple[str, ...],
              links: dict[int, list[Link]]) -> Found:  # fmt: skip
    for s in said:
        if not s.content or s.position in links or not s.lemmas:
            continue
        if not any(opposite_words(i) for i in s.lemmas):
            continue
        e = _opposite_in(said, s, evidence, links)
        if e is not None:
            yield (
                s.position,
                Problem(
                    "opposite",
                    f'statement says "{s.text}"; evidence says "{e.text}"',
                    s.start,
                    f'use the evidence\'s "{e.text}"',
                ),
            )


def _opposite_in(said: Tokens, s: Token, evidence: tuple[Tokens, ...],
                 links: dict[int, list[Link]]) -> Token | None:  # fmt: skip
    """The first evidence word opposite to statement word ``s`` near a word the two
    sides share, that the statement does not have itself."""
    for c, tokens in enumerate(evidence):
        for e in tokens:
            if not e.content or not e.lemmas or not opposite(s.lemmas, e.lemmas):
                continue
            if any(same(t, e) or close(t, e) for t in said if t.content):
                continue  # the evidence's word is in the statement too
            if _near_shared(said, s.position, e.position, links, c):
                return e
    return None


# roles (FS705)


def _argument(tokens: Tokens, i: int, step: int) -> int | None:
    """The nearest name or content word from token i in one direction, within its clause."""
    k = i + step
    skipped = False
    while 0 <= k < len(tokens) and abs(k - i) <= 4:
        t = tokens[k]
        if t.text == "," and step < 0 and not skipped:
            # `The ministry, which had warned of strikes, sued`: over one aside.
            back = k - 1
            while back >= 0 and tokens[back].text != "," and k - back <= 12:
                back -= 1
            if back < 0 or tokens[back].text != ",":
                return None
            skipped, k, i = True, back - 1, back
            continue
        if t.text in CLAUSE_END or t.low in ("and", "or", "that", "which", "who"):
            return None
        if t.name or (t.content and t.low not in AUXILIARIES):
            return k
        k += step
    return None


def _roles_of(tokens: Tokens, v: int) -> tuple[int, int] | None:
    """(agent, object) token indexes around verb v, reading `was V-ed by` as passive."""
    before, after = _argument(tokens, v, -1), None
    k = v + 1
    if k < len(tokens) and tokens[k].low == "by":
        after = _argument(tokens, k, 1)
        if before is None or after is None:
            return None
        if not any(tokens[j].low in AUXILIARIES for j in range(max(0, v - 3), v)):
            return None
        return after, before  # passive: `X was sued by Y`
    after = _argument(tokens, v, 1)
    if before is None or after is None:
        return None
    return before, after


def _same_arg(a: Token, b: Token) -> bool:
    return a.low == b.low or (a.content and b.content and same(a, b))


def _roles(said: Tokens, text: str, evidence: tuple[Tokens, ...], contexts: tuple[str, ...],
           links: dict[int, list[Link]]) -> Found:  # fmt: skip
    for v in said:
        if not v.content or "v" not in _pos(v) or v.low in REPORTING:
            continue
        if not _SYMMETRIC.isdisjoint(names(v.low, v.lemmas)):
            continue  # `Lavrov meets Stoltenberg`: either order says the same
        roles = _roles_of(said, v.position)
        if roles is None:
            continue
        agent, obj = said[roles[0]], said[roles[1]]
        for c, tokens in enumerate(evidence):
            for e in same_positions(v.low, v.lemmas, word_index(contexts[c])):
                theirs = _roles_of(tokens, e)
                if theirs is None:
                    continue
                if _same_arg(agent, tokens[theirs[1]]) and _same_arg(obj, tokens[theirs[0]]):
                    yield roles[0], _swapped(said, text, roles, tokens, contexts[c], theirs)
                    return
                if _phrases_swapped(said, v.position, roles, tokens, e, theirs):
                    yield roles[0], _swapped(said, text, roles, tokens, contexts[c], theirs)
                    return
        if agent.name and obj.name:
            for c, tokens in enumerate(evidence):
                hit = _names_swapped(tokens, agent, obj)
                if hit is not None:
                    yield roles[0], _swapped(said, text, roles, tokens, contexts[c], hit)
                    return


# Words that join the words of one noun phrase: a possessive's apostrophe, `and`
# between names, and name particles (`von der Leyen`).
_JOINERS = frozenset(["'", "\u2019", "and"]) | NAME_PARTICLES


def _noun_phrase(tokens: Tokens, k: int, verb: int) -> list[Token]:
    """The content words and names of the noun phrase around token k (not the verb):
    `the pilots' union`, `Stoltenberg and von der Leyen`."""

    def inside(t: Token) -> bool:
        return t.position != verb and (t.content or t.name)

    lo = k
    while lo > 0 and (inside(tokens[lo - 1]) or tokens[lo - 1].low in _JOINERS):
        lo -= 1
    hi = k
    while hi + 1 < len(tokens) and (inside(tokens[hi + 1]) or tokens[hi + 1].low in _JOINERS):
        hi += 1
    return [t for t in tokens[lo : hi + 1] if inside(t)]


def _phrases_swapped(said: Tokens, v: int, roles: tuple[int, int], tokens: Tokens, e: int,
                     theirs: tuple[int, int]) -> bool:  # fmt: skip
    """Whether the statement's agent phrase shares a word with the evidence's object
    phrase and its object phrase with the evidence's agent phrase, and neither shares
    a word with the phrase in its own role (`The port authority sued the pilots' union`
    against `The pilots' union sued the port authority`)."""
    agent, obj = (_noun_phrase(said, k, v) for k in roles)
    their_agent, their_obj = (_noun_phrase(tokens, k, e) for k in theirs)

    def meet(a: list[Token], b: list[Token]) -> bool:
        return any(_same_arg(x, y) for x in a for y in b)

    return (
        meet(agent, their_obj)
        and meet(obj, their_agent)
        and not meet(agent, their_agent)
        and not meet(obj, their_obj)
    )


def _names_swapped(tokens: Tokens, agent: Token, obj: Token) -> tuple[int, int] | None:
    """The evidence's (agent, object) when it names ``obj`` first and ``agent`` after it,
    in one clause, with a verb between and no `by`."""
    for i, t in enumerate(tokens):
        if t.low != obj.low:
            continue
        for j in range(i + 1, min(len(tokens), i + 12)):
            u = tokens[j]
            if u.text in CLAUSE_END or u.low in ("by", "and", "or", "with"):
                break
            if u.low == agent.low:
                if any(tokens[k].content and "v" in _pos(tokens[k]) for k in range(i + 1, j)):
                    return i, j
                break
    return None


def _swapped(said: Tokens, text: str, roles: tuple[int, int], tokens: Tokens, context: str,
             theirs: tuple[int, int]) -> Problem:  # fmt: skip
    lo, hi = min(roles), max(roles)
    a, b = min(theirs), max(theirs)
    return Problem(
        "roles",
        f'statement says "{_span(said, lo, hi, text)}"; evidence says '
        f'"{_phrase(tokens, context, a, b)}"',
        said[lo].start,
        "keep who does what to whom as the evidence has it",
    )


def _pos(token: Token) -> str:
    return _pos_of(token.lemmas)


@lru_cache(maxsize=1 << 15)
def _pos_of(ids: tuple[int, ...]) -> str:
    from factsheet.text.wordnet_lexicon import lexicon

    pos = lexicon().pos
    return "".join(pos[i] for i in ids)


# alternative (FS706)


def _alternative(said: Tokens, text: str, evidence: tuple[Tokens, ...], contexts: tuple[str, ...],
                 links: dict[int, list[Link]]) -> Found:  # fmt: skip
    if any(t.low in ("or", "either", "nor") for t in said):
        return
    for tokens in evidence:
        for i, t in enumerate(tokens):
            if t.low != "or" or i + 1 >= len(tokens) or tokens[i + 1].low in _NOT_ALTERNATIVE:
                continue
            if i > 0 and tokens[i - 1].low == "whether":
                continue
            a = _argument(tokens, i, -1)
            b = _argument(tokens, i, 1)
            if a is None or b is None:
                continue
            kept = [s for s in said if _same_arg(s, tokens[a])]
            if kept and not any(_same_arg(s, tokens[b]) for s in said):
                k = kept[0]
                yield (
                    k.position,
                    Problem(
                        "alternative",
                        f'statement says "{k.text}"; evidence says "{tokens[a].text} or '
                        f'{tokens[b].text}"',
                        k.start,
                        f'keep the alternative: "{tokens[a].text} or {tokens[b].text}"',
                    ),
                )
                return


# unsupported (FS707)


def _unsupported(said: Tokens, links: dict[int, list[Link]]) -> list[Problem]:
    out = []
    for s in said:
        if not s.content or s.position in links or not s.lemmas:
            continue
        if s.low in REPORTING or s.low in MONTHS_AND_DAYS or not set(_pos(s)) & set("nva"):
            continue
        out.append(
            Problem(
                "unsupported",
                f'statement says "{s.text}"; nothing in the evidence supports it',
                s.start,
                "use the evidence's word, or cite evidence that says it",
            )
        )
    return out
