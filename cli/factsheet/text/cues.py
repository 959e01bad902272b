"""Speech cues: a speech verb and who the sentence says speaks (offsets into the text).

Read over a sentence's tokens (:mod:`factsheet.text.sentences`): ``Stoltenberg said``,
``said GMB organiser Dana Price``, ``he said``, ``according to the ministry``,
``The association's director general, Sigrid Lund, wrote``, ``the minister said`` (a
speaker named by role), ``China's commerce ministry said``. :mod:`factsheet.text.speakers`
resolves them to speakers.
"""

from __future__ import annotations

import bisect
import functools
from typing import Literal, NamedTuple

from factsheet.text.lexicon import ORG_ROLES, PERSON_ROLES, SPEECH_VERBS, TITLES, words
from factsheet.text.sentences import (
    POSSESSIVE_ENDINGS,
    STOP_WORDS,
    CapitalRun,
    SentenceTokens,
    fold_token,
    token_kind,
)

_NO_INVERSION = words(
    """
    tell tells told telling call calls called calling
    """
)
_BETWEEN = words(
    """
    also later then again previously earlier further once has had have was is were would
    will had also has already recently often repeatedly reportedly just still then too
    subsequently herself himself
    """
)
_PRONOUNS = frozenset({"he", "she"})
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
_ORG_WORDS = words(
    """
    union commission council ministry parliament government party organization
    organisation agency bank court committee department office east west north south sea
    ocean river republic kingdom states nations federation alliance army navy forces
    force university institute company group times post news press conference treaty
    article summit house palace street square airport day week cup league association
    fund foundation corporation inc ltd club centre center church school hospital police
    service guard assembly congress senate agreement accord pact border region province
    county city island islands gulf bay fire fires storm hurricane typhoon cyclone flood
    floods quake earthquake wildfire blaze road avenue ave lane drive boulevard bridge
    park lake mountain mountains hill hills valley station hall college exchange market
    plc llc corp authority municipality grid water railway railways metro line mill
    crown district borough legislative board tribunal trust services bureau community
    """
)
_ROLE_WORDS = PERSON_ROLES | frozenset(ORG_ROLES)
_STOP_NOT_ARTICLE = STOP_WORDS - {"the", "a", "an"}
_DETERMINERS = words("a an the his her its their our my your this these those")
# Speech verbs that are also nouns (`his budget reply`): past forms never are.
_SPEECH_NOUNS = words(
    """
    reply replies comment comments remark remarks note notes call calls claim claims tweet
    tweets promise promises warning warnings vow vows joke jokes response
    """
)

CueKind = Literal["name", "pronoun", "participle", "role", "unresolved"]


class Cue(NamedTuple):
    """A speech verb and its speaker as the sentence prints them (offsets into Source.text)."""

    start: int
    end: int
    text: str  # "Stoltenberg said", "he said", "according to Stoltenberg", "officials said"
    kind: CueKind
    name: str | None = None  # the name as printed, without titles ("Stoltenberg")
    name_start: int | None = None  # where that name (or the pronoun) is printed


def org_like(tokens: SentenceTokens, run: CapitalRun) -> bool:
    """A run whose words make it an organisation or a thing ("Meridian Bank", "Harbor
    Fire"): a speech verb after it does not make it a person."""
    return any(fold_token(word) in _ORG_WORDS for word in tokens.texts[run.first : run.stop])


def descriptors(tokens: SentenceTokens, run: CapitalRun, before: int) -> frozenset[str]:
    """The words of a run and beside it that say what it names: its titles and words
    ("Finance Minister", "Bank of Northland"), the words before it ("GMB organiser Dana
    Price", "The council's chief executive, Andrew Stone") and a word after it
    ("Emfuleni municipality", "Greenfield Foods plc")."""
    lows, texts = tokens.lows, tokens.texts
    found = set(lows[run.first : run.stop])
    k = run.first - 1
    if k >= 0 and texts[k] == ",":
        k -= 1
    taken = 0
    while k >= 0 and taken < before and token_kind(texts[k]) == "w" and lows[k] not in STOP_WORDS:
        found.add(lows[k].removesuffix("'s").removesuffix("\u2019s"))
        k -= 1
        taken += 1
    if (
        run.stop < len(lows)
        and token_kind(texts[run.stop]) == "w"
        and texts[run.stop][:1].islower()
    ):
        found.add(lows[run.stop])
    return frozenset(found)


def is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=1 << 14)
def full_name_like(words: tuple[str, ...]) -> bool:
    """Do a name's words look like a person's full name? (Memoised: names recur.)"""
    caps = [word for word in words if word[:1].isupper()]
    if len(caps) < 2 or len(words) > 5:
        return False
    return not any(is_acronym(word) or fold_token(word) in _ORG_WORDS for word in words)


def _cue_text(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    if len(words) > 60:
        first, last = words.split()[0], words.split()[-1]
        words = f"{first} … {last}"
    return words


def _cue(
    text: str,
    start: int,
    end: int,
    kind: CueKind,
    name: str | None = None,
    name_start: int | None = None,
) -> Cue:
    """The cue printed at text[start:end]."""
    return Cue(start, end, _cue_text(text, start, end), kind, name, name_start)


def _named_cue(
    run: CapitalRun,
    start: int,
    end: int,
    text: str,
    tokens: SentenceTokens,
    lo: int,
    run_ending: dict[int, CapitalRun],
) -> Cue:
    """A cue whose subject is a run of capitalised words (unresolved when it holds no name)."""
    if run.name_start is None or run.name_end is None:
        return _cue(text, start, end, "unresolved")
    first = run.first
    # "Stoltenberg and von der Leyen said": more than one speaker.
    plural = (
        first >= lo + 2
        and tokens.lows[first - 1] in ("and", "&")
        and tokens.ends[first - 2] in run_ending
    )
    kind: CueKind = "unresolved" if plural else "name"
    return _cue(text, start, end, kind, text[run.name_start : run.name_end], run.name_start)


def find_cues(
    tokens: SentenceTokens, lo: int, hi: int, runs: list[CapitalRun], text: str
) -> list[Cue]:
    """The speech cues of a sentence's tokens (lo to hi).

    Plain loops and module functions rather than closures: this runs for every
    sentence, and most hold one cue or none.
    """
    cue_starts = tokens.cue_starts
    first_candidate = bisect.bisect_left(cue_starts, lo)
    stop_candidate = bisect.bisect_left(cue_starts, hi, first_candidate)
    if first_candidate == stop_candidate:
        return []
    texts, lows, starts, ends = tokens.texts, tokens.lows, tokens.starts, tokens.ends
    run_ending = {run.end: run for run in runs}
    run_starting = {run.start: run for run in runs}
    cues: list[Cue] = []
    for k in cue_starts[first_candidate:stop_candidate]:
        verb = lows[k]
        if verb == "according" and k + 1 < hi and lows[k + 1] == "to":
            nxt = k + 2
            if nxt < hi and lows[nxt] in _OBJECT_PRONOUNS:
                pronoun = _OBJECT_PRONOUNS[lows[nxt]]
                cues.append(_cue(text, starts[k], ends[nxt], "pronoun", pronoun, starts[nxt]))
            elif nxt < hi and starts[nxt] in run_starting:
                run = run_starting[starts[nxt]]
                cues.append(
                    _named_cue(
                        run, starts[k], run.name_end or run.end, text, tokens, lo, run_ending
                    )
                )
            else:
                end = ends[nxt] if nxt < hi else ends[k + 1]
                cues.append(_cue(text, starts[k], end, "unresolved"))
            continue
        if verb not in SPEECH_VERBS:
            continue
        if k > lo and lows[k - 1] in _DETERMINERS:
            continue  # a noun: "in a note to staff", "his remarks", "the call"
        if (
            verb in _SPEECH_NOUNS
            and k > lo + 1
            and lows[k - 2] in _DETERMINERS
            and texts[k - 1][:1].islower()
        ):
            continue  # "in his budget reply", "a brief note"
        # The subject before the verb, past adverbs and auxiliaries.
        j = k - 1
        while (
            j >= lo
            and j >= k - 3
            and token_kind(texts[j]) == "w"
            and (lows[j] in _BETWEEN or lows[j].endswith("ly"))
            and texts[j][:1].islower()
        ):
            j -= 1
        if j >= lo and token_kind(texts[j]) == "p" and texts[j] == ",":
            # An apposition: "Stoltenberg, who chairs the alliance, said".
            m = j - 1
            while m >= lo and m >= j - 15 and texts[m] != "," and token_kind(texts[m]) != "q":
                m -= 1
            if m >= lo + 1 and texts[m] == "," and ends[m - 1] in run_ending:
                run = run_ending[ends[m - 1]]
                if not run.possessive:
                    cues.append(
                        _named_cue(
                            run, run.name_start or run.start, ends[k], text, tokens, lo, run_ending
                        )
                    )
                    continue
            between = run_starting.get(starts[m + 1]) if lo < m < j - 1 else None
            if (
                between is not None
                and texts[m] == ","
                and between.end == ends[j - 1]
                and between.name_start is not None
                and not between.possessive
                and (
                    between.titled
                    or lows[m - 1] in PERSON_ROLES
                    or full_name_like(tuple(texts[between.name_first : between.stop]))
                )
            ):
                # A name set off by commas after its role: "The association's director
                # general, Sigrid Lund, wrote".
                cues.append(
                    _named_cue(between, between.name_start, ends[k], text, tokens, lo, run_ending)
                )
                continue
        elif j >= lo and token_kind(texts[j]) == "w":
            if lows[j] in _PRONOUNS:
                cues.append(_cue(text, starts[j], ends[k], "pronoun", lows[j], starts[j]))
                continue
            if ends[j] in run_ending and not run_ending[ends[j]].possessive:
                run = run_ending[ends[j]]
                if (
                    run.name_start is None
                    and lows[j].strip(".") in _ROLE_WORDS
                    and run.first > lo
                    and lows[run.first - 1] == "the"
                ):
                    # "the Treasurer said": a role, capitalised as a title.
                    role = lows[j].strip(".")
                    cues.append(_cue(text, starts[j], ends[k], "role", role, starts[j]))
                    continue
                cues.append(
                    _named_cue(
                        run, run.name_start or run.start, ends[k], text, tokens, lo, run_ending
                    )
                )
                continue
            owner = _owner(tokens, lo, j) if lows[j] in ORG_ROLES else None
            if owner is not None:
                # "China's commerce ministry said": a body named by its owner and role.
                phrase = text[starts[owner] : ends[j]]
                cues.append(_cue(text, starts[owner], ends[k], "role", phrase, starts[owner]))
                continue
            if lows[j] in _ROLE_WORDS and _after_article(tokens, lo, j):
                # "the minister said", "The central bank chief said": a speaker named by a
                # role, resolved to whom the article named with that role before.
                cues.append(_cue(text, starts[j], ends[k], "role", lows[j], starts[j]))
                continue
            if texts[j][:1].islower() and lows[j] not in ("that", "to"):
                # "officials said", "they said": a speaker the sentence does not name.
                cues.append(_cue(text, starts[j], ends[k], "unresolved"))
                continue
        # Inversion: "said Stoltenberg", "said NATO chief Jens Stoltenberg", "said he".
        if verb not in _NO_INVERSION:
            m = k + 1
            if m < hi and lows[m] in _PRONOUNS:
                cues.append(_cue(text, starts[k], ends[m], "pronoun", lows[m], starts[m]))
                continue
            found = None
            while m < hi and m <= k + 7:
                if starts[m] in run_starting:
                    found = run_starting[starts[m]]
                    break
                if (
                    token_kind(texts[m]) == "q"
                    or lows[m] in _STOP_NOT_ARTICLE
                    or texts[m] in ";:()"
                ):
                    break
                if texts[m] == "," and not (m + 1 < hi and starts[m + 1] in run_starting):
                    break
                m += 1
            if found is not None and found.first > k + 1 and not _titled_by(tokens, found.first):
                found = None  # "said the municipality owed Rand Water": no inversion
            if found is not None:
                found = _past_descriptors(tokens, found, hi, run_starting)
            if found is not None and not found.possessive and found.name_start is not None:
                cues.append(
                    _named_cue(
                        found, starts[k], found.name_end or found.end, text, tokens, lo, run_ending
                    )
                )
                continue
        if verb.endswith("ing"):
            cues.append(Cue(starts[k], ends[k], texts[k], "participle"))
        else:
            cues.append(Cue(starts[k], ends[k], texts[k], "unresolved"))
    return cues


def _owner(tokens: SentenceTokens, lo: int, j: int) -> int | None:
    """The token of a capitalised possessive before the role word at j, past up to two
    lowercase words ("China's commerce ministry"), if there is one."""
    k = j - 1
    while k >= lo and k >= j - 3:
        text = tokens.texts[k]
        if token_kind(text) != "w":
            return None
        if text[:1].isupper():
            return (
                k
                if (text.endswith(POSSESSIVE_ENDINGS) and k - 1 < lo)
                or (
                    (k - 1 >= lo and tokens.lows[k - 1] not in ("the", "a", "an"))
                    and text.endswith(POSSESSIVE_ENDINGS)
                )
                else None
            )
        if tokens.lows[k] in STOP_WORDS:
            return None
        k -= 1
    return None


def _titled_by(tokens: SentenceTokens, first: int) -> bool:
    """Whether the word before a run introduces it after a speech verb: an article, a
    title or role ("said council leader Ana Ruiz"), a possessive or punctuation."""
    before, low = tokens.texts[first - 1], tokens.lows[first - 1]
    return (
        token_kind(before) != "w"
        or before[:1].isupper()
        or low in ("the", "a", "an")
        or low.strip(".") in TITLES
        or low in PERSON_ROLES
        or before.endswith(POSSESSIVE_ENDINGS)
    )


def _after_article(tokens: SentenceTokens, lo: int, j: int) -> bool:
    """Whether the role word at token j follows "the" (past up to two lowercase words)."""
    k = j - 1
    while k >= lo and k >= j - 3:
        if tokens.lows[k] == "the":
            return True
        if token_kind(tokens.texts[k]) != "w" or tokens.lows[k] in STOP_WORDS:
            return False
        k -= 1
    return False


def _past_descriptors(
    tokens: SentenceTokens, run: CapitalRun, hi: int, run_starting: dict[int, CapitalRun]
) -> CapitalRun:
    """The person a run of capitalised words introduces: "said GMB organiser Dana Price",
    "said Nordbank chief economist Henrik Aalto" name Dana Price and Henrik Aalto."""
    m = run.stop
    skipped = 0
    while m < hi and skipped < 3 and token_kind(tokens.texts[m]) == "w":
        if tokens.texts[m][:1].isupper():
            break
        if tokens.lows[m] in STOP_WORDS:
            return run
        m += 1
        skipped += 1
    if skipped and m < hi and tokens.starts[m] in run_starting:
        later = run_starting[tokens.starts[m]]
        if later.name_start is not None and (
            later.titled or full_name_like(tuple(tokens.texts[later.name_first : later.stop]))
        ):
            return later
    return run
