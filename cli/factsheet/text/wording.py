"""Words of a statement or an evidence sentence for FS7 (meaning): tokens, lemmas, clauses.

A token keeps its offsets into the text it was read from, so a finding can point at
a statement's word. Function words (articles, pronouns, auxiliaries, prepositions,
conjunctions) carry no content of their own; everything else alphabetic is a content
word, whose lemmas come from WordNet (text.wordnet_lexicon).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from factsheet.text.lexicon import FULL_MONTHS, WEEKDAY_NUMBERS
from factsheet.text.wordnet_lexicon import lemmas

_TOKEN = re.compile(
    r"[A-Za-z]+(?=n['\u2019]t\b)|n['\u2019]t\b|[A-Za-z]+(?:-[A-Za-z]+)*(?:['\u2019]s\b)?"
    r"|\d[\d,.]*\d|\d|[^\w\s]"
)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Particles inside a name (`von der Leyen`): function words, and they join the words
# of one noun phrase (rules.meaning_checks); a few of lexicon.PARTICLES.
NAME_PARTICLES = _set("von der van den de la al")
AUXILIARIES = _set(
    "be is are was were been being am 's have has had having do does did will shall would "
    "can could may might must should need ought wo ca"
)
FUNCTION = (
    AUXILIARIES
    | NAME_PARTICLES
    | _set(
        "a an the this that these those it its it's they them their theirs he him his she her "
        "hers we us our you your i me my who whom whose which what where when why how there "
        "here and or but nor so yet also too as than then of to in on at by for from with "
        "into onto over under about after before between through during against among "
        "amid upon within across along around behind beyond off out up down via per "
        "such both either neither each every all any some one ones other another own same "
        "very just even only more most much many less least few several not no n't never "
        "if unless whether because since while although though however thus therefore "
        "further furthermore moreover again already still now today s"
    )
)
# Words a statement adds to say whose content it is (FS6 checks that part).
REPORTING = _set(
    "say said says saying tell told state stated states add added adds note noted notes "
    "according announce announced announces explain explained"
)
MONTHS_AND_DAYS = (
    FULL_MONTHS | frozenset(WEEKDAY_NUMBERS) | _set("week weeks year years month months day days")
)
# Where a clause ends (for the scope of a negation or a hedge).
CLAUSE_END = frozenset(',;:.!?()"')


class Token(NamedTuple):
    text: str
    low: str
    start: int
    end: int
    position: int
    lemmas: tuple[int, ...]  # WordNet ids (empty for function words, names, numbers)
    name: bool  # capitalised inside the text, or a known name at its start
    content: bool


def _bare(low: str) -> str:
    return low[:-2] if low.endswith(("'s", "\u2019s")) else low


# Per word as written, and whether it opens a text (or a sentence): what its token
# holds besides its place (lower-case form, lemmas, name, content). Bounded.
_Shape = tuple[str, tuple[int, ...], bool, bool]
_SHAPES: tuple[dict[str, _Shape], dict[str, _Shape]] = ({}, {})
_OPENS = frozenset("\"'(.!?:")
_new_token = tuple.__new__


def _shape(raw: str, first: bool) -> _Shape:
    low = _bare(raw.lower().replace("\u2019", "'"))
    alpha = raw[0].isalpha()
    function = low in FUNCTION
    capital = alpha and raw[0].isupper()
    # at a text's start, a capitalised word WordNet does not know is a name (`Russia urged`)
    name = capital and not function and (not first or not lemmas(low))
    content = alpha and not name and not function and len(low) > 1
    found = (low, lemmas(low) if content else (), name, content)
    shapes = _SHAPES[first]
    if len(shapes) < 100_000:
        shapes[raw] = found
    return found


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    first = True
    later, opening = _SHAPES[False], _SHAPES[True]
    for i, m in enumerate(_TOKEN.finditer(text)):
        raw = m.group()
        low, ids, name, content = (opening if first else later).get(raw) or _shape(raw, first)
        start, end = m.span()
        out.append(_new_token(Token, (raw, low, start, end, i, ids, name, content)))
        first = raw in _OPENS
    return tuple(out)


def clause_bounds(tokens: tuple[Token, ...], i: int) -> tuple[int, int]:
    """The token range [start, end) of the clause that holds token i."""
    start = i
    while start > 0 and tokens[start - 1].text not in CLAUSE_END:
        start -= 1
    end = i
    while end < len(tokens) and tokens[end].text not in CLAUSE_END:
        end += 1
    return start, end
