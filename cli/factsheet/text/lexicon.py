"""Word lists shared by the readers of text/: defined once, imported everywhere.

Every set holds folded (lower-case, diacritic-free) words. With them, what the
readers share in how they scan: where a sentence goes on past a full stop, the
letters case-insensitive matching equates with ASCII ones, and a pattern's
search tried only where a match can start.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``, as a set."""
    return frozenset(text.split())


# Particles of surnames: "von der Leyen", "de Gaulle", "bin Salman".
PARTICLES = words(
    """
    von van der den de del della di da du la le al el bin ibn ben dos das do ter ten zu
    """
)

# Titles a person's name may follow ("Prime Minister Kaja Kallas", "Dr Price"): the
# tool drops them when it compares or prints a person's name.
TITLES = words(
    """
    mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister ministers
    ministry chancellor secretary general state foreign defence defense interior finance
    economy commissioner spokesman spokeswoman spokesperson chief head leader ambassador
    senator governor mayor king queen prince princess pope sheikh emir premier deputy
    director chairman chairwoman chair ceo envoy representative rep sen gov gen col judge
    justice commander admiral colonel captain lieutenant lt major sergeant
    general-secretary secretary-general high affairs attorney speaker pastor rabbi imam
    archbishop bishop cardinal father rev reverend saint st congressman congresswoman mp
    mep professor officer premier emperor ayatollah elect acting former late incumbent
    cllr councillor prosecutor executive organiser organizer superintendent inspector
    detective constable sheriff coroner magistrate mec mla mp mep treasurer
    """
)

# Roles a speaker may be named by after the article has named them (`the minister
# said`): a person's roles, and the words that stand for them.
PERSON_ROLES = words(
    """
    minister commissioner judge prosecutor chief governor mayor president secretary
    spokesman spokeswoman spokesperson premier chancellor director chairman chairwoman
    chair organiser organizer leader coroner magistrate ambassador senator officer
    executive ceo economist treasurer councillor superintendent inspector detective
    sheriff commander general envoy
    """
)
ROLE_SYNONYMS = {
    "chief": frozenset({"chief", "governor", "head", "director", "president", "executive", "ceo"}),
    "executive": frozenset({"executive", "ceo", "chief"}),
    "ceo": frozenset({"executive", "ceo", "chief"}),
    "spokesman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokeswoman": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "spokesperson": frozenset({"spokesman", "spokeswoman", "spokesperson"}),
    "organizer": frozenset({"organiser", "organizer"}),
    "organiser": frozenset({"organiser", "organizer"}),
}
# Organisations named by what they are (`the bank said`, `the company said`), and the
# words of a name, or beside it, that make it one.
ORG_ROLES = {
    "bank": frozenset({"bank"}),
    "lender": frozenset({"bank", "lender"}),
    "company": frozenset({"company", "plc", "ltd", "inc", "llc", "corp", "group", "firm"}),
    "firm": frozenset({"company", "plc", "ltd", "inc", "llc", "corp", "group", "firm"}),
    "group": frozenset({"group"}),
    "utility": frozenset({"utility"}),
    "council": frozenset({"council"}),
    "municipality": frozenset({"municipality"}),
    "ministry": frozenset({"ministry"}),
    "department": frozenset({"department"}),
    "union": frozenset({"union"}),
    "association": frozenset({"association"}),
    "agency": frozenset({"agency"}),
    "authority": frozenset({"authority"}),
    "regulator": frozenset({"regulator"}),
}

# Month names and their abbreviations, with their numbers.
MONTH_NUMBERS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTHS = frozenset(MONTH_NUMBERS)
FULL_MONTHS = frozenset(m for m, _ in zip(MONTH_NUMBERS, range(12), strict=False))

WEEKDAY_NUMBERS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAYS = frozenset(WEEKDAY_NUMBERS) | words("mon tue tues wed thu thur thurs fri sat sun")

# Abbreviations whose full stop does not end a sentence ("Mr. Price", "3 a.m. Tuesday").
ABBREVIATIONS = words(
    """
    mr mrs ms dr prof st gen col sen rep gov lt sgt capt jr sr inc ltd co corp vs no jan
    feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e etc rs
    mt ft supt insp det cpl pvt rev hon messrs mmes approx est dept univ ave blvd
    """
)

# Verbs that report speech ("said", "told", "wrote"), in every form.
SPEECH_VERBS = words(
    """
    say says said saying tell tells told telling add adds added adding state states
    stated stating warn warns warned warning ask asks asked asking explain explains
    explained explaining note notes noted noting insist insists insisted insisting
    declare declares declared declaring announce announces announced announcing remark
    remarks remarked reply replies replied replying respond responds responded
    responding stress stresses stressed stressing emphasise emphasises emphasised
    emphasize emphasizes emphasized emphasising emphasizing argue argues argued arguing
    claim claims claimed claiming write writes wrote writing tweet tweets tweeted
    tweeting continue continues continued continuing conclude concludes concluded
    concluding acknowledge acknowledges acknowledged admit admits admitted comment
    comments commented commenting observe observes observed reiterate reiterates
    reiterated reiterating urge urges urged urging vow vows vowed promise promises
    promised recall recalls recalled suggest suggests suggested affirm affirms affirmed
    underline underlines underlined underlining caution cautions cautioned predict
    predicts predicted complain complains complained accuse accuses accused accusing
    mention mentions mentioned mentioning recount recounts recounted quip quips quipped
    joke jokes joked exclaim exclaims exclaimed shout shouts shouted whisper whispers
    whispered repeat repeats repeated maintain maintains maintained assert asserts
    asserted assure assures assured concede concedes conceded describe describes
    described describing call calls called calling spoke speaking
    """
)

# Words after `a.m.` or `p.m.` that go on with the sentence ("3 a.m. Monday").
_AFTER_CLOCK = (
    WEEKDAYS
    | MONTHS
    | words("today tomorrow yesterday tonight local gmt bst utc et est edt pt pst pdt ct cst")
    | words("cdt mt mst ist sast cet cest aest")
)
_DOTTED_WORD = re.compile(r"[\w.]+\Z")
_NEXT_WORD = re.compile(r"[\s\"'\u201c\u2018(]*([\w.]+)")


def keeps_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at ``text[stop]`` ends no sentence: it ends an abbreviation
    (``Mr.``, ``Dr.``, ``U.S.``, ``Jan.``, ``No.``, ``St.``), an initial (``Thomas J.
    Reilly``), or a clock time the sentence goes on after (``3 a.m. Monday``)."""
    if text[stop] != ".":
        return False
    word = _DOTTED_WORD.search(text, max(0, stop - 12), stop)
    if word is None:
        return False
    low = word.group().lower()
    if low in ABBREVIATIONS or (len(low) == 1 and word.group().isupper()):
        return True
    if low in ("a.m", "p.m"):
        following = _NEXT_WORD.match(text, stop + 1)
        return following is not None and following.group(1).lower().strip(".") in _AFTER_CLOCK
    return False


# Letters that case-insensitive matching equates with ASCII ones (the long s with `s`), and
# the ASCII letter each stands for: a text holding one needs the full case-insensitive search.
LOOKALIKE_LETTERS = {"\u0131": "i", "\u0130": "I", "\u017f": "s", "\u212a": "K"}
_LOOKALIKES = re.compile(f"[{''.join(LOOKALIKE_LETTERS)}]")


def has_lookalikes(text: str) -> bool:
    """Whether ``text`` holds a look-alike letter (most text, even non-ASCII, holds none)."""
    return not text.isascii() and _LOOKALIKES.search(text) is not None


def finditer_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, tried only at ``starts`` (all the places a match can start).

    Each match is the leftmost at or after the end of the last one, as finditer finds it:
    a match at a position (its lookbehinds and word boundaries see the text before it) is
    what a search reaching that position finds, and no match starts anywhere else.
    """
    found: list[re.Match[str]] = []
    end = 0
    for at in sorted(set(starts)):
        if at >= end and (m := pattern.match(text, at)) is not None:
            found.append(m)
            end = m.end()
    return found
