"""Quotations in a source, and who the source says spoke them.

Pure functions of a :class:`~factsheet.sources.Source`, shared by ``check``
(FS302/FS303), ``suggest`` and ``coverage``:

* :func:`find_quotations` finds every top-level quotation: curly, straight,
  low and angle double marks; single marks used as quotation marks (told apart
  from apostrophes such as ``Russia's`` or ``ministers'``); punctuation inside
  the closing mark; several sentences inside one pair of marks; a quotation
  split by its attribution (``“A,” he said, “B.”`` gives two quotations, the
  second ``continues`` the first); a quotation left open at the end of its
  paragraph (the convention for a quotation that runs on into the next one).
* :func:`attribute` applies the attribution rule of RULES.md (FS3): a speech
  verb with a name (full name or surname, titles allowed) or a pronoun, in the
  quotation's sentence, else its paragraph; a pronoun resolves to the nearest
  person named before it, looking back into earlier paragraphs. A person merely
  named in the sentence (``said at a press conference with Stoltenberg``) is
  not the speaker. The speaker is given by the fullest form of the name the
  article prints (``Stoltenberg said`` → ``Jens Stoltenberg``), without titles.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Literal

from factsheet.names import PARTICLES, fold, same_person
from factsheet.sources import Paragraph, Source

# Quotation marks -------------------------------------------------------------

# Each double opening mark and the marks that may close it.
_DOUBLE_CLOSERS = {
    "\u201c": "\u201d\u201c",  # “ … ” (or a mistyped “ … “)
    "\u201e": "\u201c\u201d",  # „ … “ / „ … ”
    "\u201f": "\u201d",  # ‟ … ”
    "\u201d": "\u201d",  # ” … ” (Swedish, Finnish)
    "\u00ab": "\u00bb",  # « … »
    "\u00bb": "\u00ab",  # » … « (German, Danish)
    '"': '"',
    "\u301d": "\u301e\u301f",
    "\uff02": "\uff02",
}
_SINGLE_CLOSERS = {
    "\u2018": "\u2019'",  # left and right single marks
    "'": "'\u2019",
    "\u201a": "\u2018\u2019",  # low single mark (German)
    "\u2039": "\u203a",  # single angle marks
    "\u203a": "\u2039",  # reversed single angle marks
}
_DOUBLE_MARKS = frozenset("".join(_DOUBLE_CLOSERS) + "".join(_DOUBLE_CLOSERS.values()))
_SINGLE_MARKS = frozenset("".join(_SINGLE_CLOSERS) + "".join(_SINGLE_CLOSERS.values()))
_MARKS = _DOUBLE_MARKS | _SINGLE_MARKS
_OPEN_PUNCT = frozenset("([{\u2014\u2013-/:")
_TERMINAL = ".!?\u2026"


@dataclass(frozen=True)
class Quotation:
    """Words a source prints inside quotation marks (offsets into ``Source.text``)."""

    start: int  # the first quoted character, after the opening mark
    end: int  # after the last quoted character, before the closing mark
    open: int  # the opening mark
    close: int | None  # the closing mark; None when the paragraph ends first
    paragraph: Paragraph
    text: str  # source.text[start:end]
    continues: bool = False  # the second half of a quotation split by its attribution

    @property
    def outer_end(self) -> int:
        """After the closing mark (or the end of the words, when unclosed)."""
        return self.close + 1 if self.close is not None else self.end

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def find_quotations(source: Source) -> list[Quotation]:
    """Every top-level quotation of the source body, in order."""
    return list(_analysis(source).quotations)


def quotation_at(source: Source, start: int, end: int) -> Quotation | None:
    """The quotation whose words contain source.text[start:end], if one does."""
    for quotation in _analysis(source).quotations:
        if quotation.covers(start, end):
            return quotation
    return None


def _flanking(text: str, i: int, lo: int, hi: int) -> tuple[bool, bool]:
    prev = text[i - 1] if i > lo else ""
    nxt = text[i + 1] if i + 1 < hi else ""
    can_open = (
        bool(nxt)
        and not nxt.isspace()
        and (not prev or prev.isspace() or prev in _OPEN_PUNCT or prev in _MARKS)
    )
    can_close = bool(prev) and not prev.isspace() and (not nxt or not nxt.isalnum())
    return can_open, can_close


def _later_single_close(text: str, i: int, hi: int) -> bool:
    for j in range(i + 1, hi):
        if text[j] in "\u2019'":
            prev, nxt = text[j - 1], text[j + 1] if j + 1 < hi else ""
            if not prev.isspace() and not nxt.isalnum() and not (prev.isalnum() and nxt.isalnum()):
                return True
    return False


def _pairs(text: str, para: Paragraph) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None) of every quotation in a paragraph."""
    lo, hi = para.start, para.end
    stack: list[tuple[int, str, bool]] = []  # (offset, mark, is_double)
    pairs: list[tuple[int, int | None]] = []
    for i in range(lo, hi):
        c = text[i]
        if c not in _MARKS:
            continue
        can_open, can_close = _flanking(text, i, lo, hi)
        prev = text[i - 1] if i > lo else ""
        nxt = text[i + 1] if i + 1 < hi else ""
        if c in _SINGLE_MARKS and c not in _DOUBLE_MARKS:
            if prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe inside a word: Russia's, don't
            if stack and not stack[-1][2] and c in _SINGLE_CLOSERS[stack[-1][1]] and can_close:
                plural_possessive = (
                    prev in "sS"
                    and re.match(r"\s+[a-z]", text[i + 1 : hi]) is not None
                    and _later_single_close(text, i, hi)
                )
                if not plural_possessive:
                    pairs.append((stack.pop()[0], i))
                    continue
            if re.match(r"\d\d?s?\b", text[i + 1 : hi]):
                continue  # an elision: '90s, '21
            if c in _SINGLE_CLOSERS and can_open and not prev.isalnum():
                stack.append((i, c, False))
            continue
        doubles = [k for k, entry in enumerate(stack) if entry[2]]
        if doubles and can_close and c in _DOUBLE_CLOSERS[stack[doubles[-1]][1]]:
            k = doubles[-1]
            pairs.append((stack[k][0], i))
            del stack[k:]  # single marks left open inside were apostrophes
        elif c in _DOUBLE_CLOSERS and can_open:
            stack.append((i, c, True))
    unclosed = [entry for entry in stack if entry[2]]
    if unclosed:
        pairs.append((unclosed[0][0], None))
    return pairs


def _scan_paragraph(text: str, para: Paragraph) -> list[Quotation]:
    spans = []
    for open_, close in _pairs(text, para):
        outer = close if close is not None else para.end
        spans.append((open_, outer, close))
    spans.sort()
    top: list[tuple[int, int, int | None]] = []
    for span in spans:
        if top and span[0] < top[-1][1]:
            continue  # nested inside the previous top-level quotation
        top.append(span)
    out: list[Quotation] = []
    for open_, outer, close in top:
        start, end = open_ + 1, outer
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        words = text[start:end]
        if not any(ch.isalnum() for ch in words):
            continue
        continues = False
        before = out[-1] if out else None
        if before is not None and before.close is not None:
            gap = text[before.close + 1 : open_]
            continues = (
                before.text.rstrip()[-1:] not in _TERMINAL
                and gap.strip()[-1:] in (",", ":")
                and len(gap.split()) <= 12
                and any(fold(w) in SPEECH_VERBS for w in _WORD.findall(gap))
            )
        out.append(Quotation(start, end, open_, close, para, words, continues))
    return out


# Attribution -----------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_VERBS = _words(
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
_NO_INVERSION = _words(
    """
    tell tells told telling call calls called calling
    """
)
_BETWEEN = _words(
    """
    also later then again previously earlier further once has had have was is were would
    will had also has already recently often repeatedly reportedly just still then too
    subsequently herself himself
    """
)
_PRONOUNS = frozenset({"he", "she"})
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}
_UNRESOLVED_SUBJECTS = frozenset({"they", "it", "we", "i", "you", "them", "us"})
_STOP = _words(
    """
    the a an and but or nor so yet both either neither on in at by for with from to into
    of off over under after before during since until as about against between through
    it its this that these those there here he she they we i you his her hers their our
    my your him them us me any some all each every no not if when while where which who
    whom whose what why how also however meanwhile then thus although though because
    according despite instead many most more much several such other another one two
    three four five six seven eight nine ten last next first second third speaking asked
    meanwhile yesterday today tomorrow monday tuesday wednesday thursday friday saturday
    sunday january february april july september october november december
    """
)
TITLE_WORDS = _words(
    """
    mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister ministers
    chancellor secretary general state foreign defence defense interior finance economy
    commissioner spokesman spokeswoman spokesperson chief head leader ambassador senator
    governor mayor king queen prince princess pope sheikh emir premier deputy director
    chairman chairwoman chair ceo envoy representative rep sen gov gen col judge justice
    commander admiral colonel captain lieutenant major sergeant general-secretary
    secretary-general high affairs attorney speaker pastor rabbi imam archbishop bishop
    father
    """
)
_ORG_WORDS = _words(
    """
    union commission council ministry parliament government party organization
    organisation agency bank court committee department office east west north south sea
    ocean river republic kingdom states nations federation alliance army navy forces
    force university institute company group times post news press conference treaty
    article summit house palace street square airport day week cup league association
    fund foundation corporation inc ltd club centre center church school hospital police
    service guard assembly congress senate agreement accord pact border region province
    county city island islands gulf bay
    """
)
_ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof st gen col sen rep gov lt sgt capt jr sr inc ltd co corp vs no jan
    feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e etc
    """
)
_TOKEN = re.compile(r"(?P<q>\x00+)|(?P<w>\w+(?:[\u2019'\-.]\w+)*)|(?P<p>[,;:()\[\]\u2013\u2014])")
_WORD = re.compile(r"\w+(?:[\u2019'\-]\w+)*")
_POSSESSIVE = re.compile(r"[\u2019']s$")
_MASK = "\x00"

CueKind = Literal["name", "pronoun", "participle", "unresolved"]


@dataclass(frozen=True)
class Cue:
    """A speech verb and its speaker as the sentence prints them (offsets into Source.text)."""

    start: int
    end: int
    text: str  # "Stoltenberg said", "he said", "according to Stoltenberg", "officials said"
    kind: CueKind
    name: str | None = None  # the name as printed, without titles ("Stoltenberg")
    name_start: int | None = None  # where that name (or the pronoun) is printed


@dataclass(frozen=True)
class Speaker:
    """Who the source says spoke a quotation."""

    name: str  # the fullest form the article prints: "Jens Stoltenberg"
    cue: Cue  # the attribution: "Stoltenberg said", "he said"
    named: str  # the name that identifies the speaker as printed ("Stoltenberg")
    named_at: int  # where that name is printed (a pronoun's antecedent, for pronouns)


@dataclass(frozen=True)
class _Token:
    kind: str  # "q" (masked quotation), "w" (word), "p" (punctuation)
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return fold(self.text) if self.kind == "w" else self.text


@dataclass
class _Run:
    """A run of capitalised words: titles, then (perhaps) a name."""

    tokens: list[_Token]
    possessive: bool
    name_start: int | None = None
    name_end: int | None = None
    titled: bool = False
    person: bool = False

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    paragraph: int  # index into source.paragraphs
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class _Analysis:
    quotations: tuple[Quotation, ...]
    sentences: tuple[_Sentence, ...]
    persons: tuple[tuple[int, str], ...]  # (offset, name as printed), in order


def _analysis(source: Source) -> _Analysis:
    cached = source.cache.get("quotations:analysis")
    if isinstance(cached, _Analysis):
        return cached
    result = _analyse(source)
    source.cache["quotations:analysis"] = result
    return result


def _analyse(source: Source) -> _Analysis:
    text = source.text
    quotations: list[Quotation] = []
    for para in source.paragraphs:
        quotations.extend(_scan_paragraph(text, para))
    masked = list(text)
    for q in quotations:
        for i in range(q.open, q.outer_end):
            masked[i] = _MASK
    masked_text = "".join(masked)
    lowercase_words = {w for w in _WORD.findall(masked_text) if w[:1].islower()}

    sentence_spans: list[tuple[int, int, int]] = []
    for index, para in enumerate(source.paragraphs):
        in_para = [q for q in quotations if q.paragraph == para]
        for start, end in _sentence_spans(masked_text, para, in_para):
            sentence_spans.append((start, end, index))

    runs_by_sentence: list[list[_Run]] = []
    tokens_by_sentence: list[list[_Token]] = []
    for start, end, _ in sentence_spans:
        tokens = [
            _Token(m.lastgroup or "w", m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(masked_text, start, end)
        ]
        tokens_by_sentence.append(tokens)
        runs_by_sentence.append(_runs(tokens, text, lowercase_words))

    # Persons: a name after a title, a full name that is not an organisation or place,
    # then any surname of those.
    all_runs = [run for runs in runs_by_sentence for run in runs]
    known: list[str] = []
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        words = [t for t in run.tokens if t.start >= run.name_start]
        if run.titled or _looks_like_full_name(words):
            run.person = True
            known.append(text[run.name_start : run.name_end])

    sentences: list[_Sentence] = []
    for (start, end, index), tokens, runs in zip(
        sentence_spans, tokens_by_sentence, runs_by_sentence, strict=True
    ):
        cues = _cues(tokens, runs, text)
        for cue in cues:
            if cue.kind == "name" and cue.name is not None:
                for run in runs:
                    if run.name_start == cue.name_start and not _is_acronym(cue.name):
                        run.person = True
        sentences.append(_Sentence(start, end, index, tuple(cues)))

    persons: list[tuple[int, str]] = []
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        name = text[run.name_start : run.name_end]
        if run.person or any(same_person(name, k) for k in known):
            persons.append((run.name_start, name))
    return _Analysis(tuple(quotations), tuple(sentences), tuple(persons))


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _looks_like_full_name(words: list[_Token]) -> bool:
    caps = [t for t in words if t.text[:1].isupper()]
    if len(caps) < 2 or len(words) > 5:
        return False
    return not any(_is_acronym(t.text) or t.low in _ORG_WORDS for t in words)


def _sentence_spans(
    masked: str, para: Paragraph, quotations: list[Quotation]
) -> list[tuple[int, int]]:
    ends_of_quotes = {
        q.close: q.text.rstrip()[-1:] in _TERMINAL for q in quotations if q.close is not None
    }
    cuts = [para.start]
    for i in range(para.start, para.end):
        c = masked[i]
        terminal = c in _TERMINAL or (c == _MASK and ends_of_quotes.get(i, False))
        if not terminal:
            continue
        if c == _MASK and i + 1 < para.end and masked[i + 1] == _MASK:
            continue
        j = i + 1
        while j < para.end and masked[j] in ")]":
            j += 1
        if j >= para.end or not masked[j].isspace():
            continue
        while j < para.end and masked[j].isspace():
            j += 1
        if j >= para.end:
            continue
        nxt = masked[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt == _MASK):
            continue
        if c == ".":
            word = re.search(r"([\w.]+)\.$", masked[para.start : i + 1])
            if word and (
                fold(word.group(1)) in _ABBREVIATIONS
                or (len(word.group(1)) == 1 and word.group(1).isupper())
            ):
                continue
        cuts.append(j)
    cuts.append(para.end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


def _runs(tokens: list[_Token], text: str, lowercase_words: set[str]) -> list[_Run]:
    """Runs of capitalised words (with particles and ``of``) in a sentence's tokens."""

    def cap(k: int) -> bool:
        t = tokens[k]
        if t.kind != "w" or not t.text[:1].isupper():
            return False
        if t.low in _STOP:
            return False
        # A sentence's first word is capitalised anyway; a common word is no name.
        return not (k == 0 and t.text.lower() in lowercase_words and t.low not in PARTICLES)

    def particle(k: int) -> bool:
        return tokens[k].kind == "w" and tokens[k].low in PARTICLES

    def leads_to_cap(k: int) -> bool:
        while k < len(tokens) and (particle(k) or (tokens[k].low == "of" and k > 0)):
            k += 1
        return k < len(tokens) and cap(k) and not particle(k)

    runs: list[_Run] = []
    k = 0
    while k < len(tokens):
        if not ((cap(k) and not particle(k)) or (particle(k) and leads_to_cap(k))):
            k += 1
            continue
        members = [tokens[k]]
        possessive = _POSSESSIVE.search(tokens[k].text) is not None
        k += 1
        while k < len(tokens) and not possessive:
            plain = cap(k) and not particle(k)
            if plain or ((particle(k) or tokens[k].low == "of") and leads_to_cap(k)):
                members.append(tokens[k])
            else:
                break
            possessive = _POSSESSIVE.search(tokens[k].text) is not None
            k += 1
        run = _Run(members, possessive)
        last_title = max(
            (n for n, t in enumerate(members) if t.low.strip(".") in TITLE_WORDS), default=-1
        )
        rest = members[last_title + 1 :]
        while rest and rest[0].low in ("of", "the"):
            rest = rest[1:]
        run.titled = last_title >= 0 and bool(rest)
        if rest:
            run.name_start = rest[0].start
            end = rest[-1].end
            if possessive:
                end -= 2
            run.name_end = end
        runs.append(run)
    return runs


def _cue_text(text: str, start: int, end: int) -> str:
    words = " ".join(text[start:end].split())
    if len(words) > 60:
        first, last = words.split()[0], words.split()[-1]
        words = f"{first} … {last}"
    return words


def _cues(tokens: list[_Token], runs: list[_Run], text: str) -> list[Cue]:
    run_ending = {run.end: run for run in runs}
    run_starting = {run.start: run for run in runs}
    cues: list[Cue] = []

    def named(run: _Run, start: int, end: int) -> Cue:
        if run.name_start is None or run.name_end is None:
            return Cue(start, end, _cue_text(text, start, end), "unresolved")
        name = text[run.name_start : run.name_end]
        plural = False
        first = tokens.index(run.tokens[0])
        if (
            first >= 2
            and tokens[first - 1].low in ("and", "&")
            and tokens[first - 2].end in (run_ending)
        ):
            plural = True  # "Stoltenberg and von der Leyen said": more than one speaker
        kind: CueKind = "unresolved" if plural else "name"
        return Cue(start, end, _cue_text(text, start, end), kind, name, run.name_start)

    for k, tok in enumerate(tokens):
        if tok.kind != "w" or not tok.text[:1].islower():
            continue
        if tok.low == "according" and k + 1 < len(tokens) and tokens[k + 1].low == "to":
            nxt = tokens[k + 2] if k + 2 < len(tokens) else None
            if nxt is not None and nxt.low in _OBJECT_PRONOUNS:
                cues.append(
                    Cue(
                        tok.start,
                        nxt.end,
                        _cue_text(text, tok.start, nxt.end),
                        "pronoun",
                        _OBJECT_PRONOUNS[nxt.low],
                        nxt.start,
                    )
                )
            elif nxt is not None and nxt.start in run_starting:
                run = run_starting[nxt.start]
                cues.append(named(run, tok.start, run.name_end or run.end))
            else:
                end = nxt.end if nxt is not None else tokens[k + 1].end
                cues.append(Cue(tok.start, end, _cue_text(text, tok.start, end), "unresolved"))
            continue
        if tok.low not in SPEECH_VERBS:
            continue
        # The subject before the verb, past adverbs and auxiliaries.
        j = k - 1
        while (
            j >= 0
            and j >= k - 3
            and tokens[j].kind == "w"
            and (tokens[j].low in _BETWEEN or tokens[j].low.endswith("ly"))
            and tokens[j].text[:1].islower()
        ):
            j -= 1
        subject = tokens[j] if j >= 0 else None
        if subject is not None and subject.kind == "p" and subject.text == ",":
            # An apposition: "Stoltenberg, who chairs the alliance, said".
            m = j - 1
            while m >= 0 and m >= j - 15 and tokens[m].text != "," and tokens[m].kind != "q":
                m -= 1
            if m >= 1 and tokens[m].text == "," and tokens[m - 1].end in run_ending:
                run = run_ending[tokens[m - 1].end]
                if not run.possessive:
                    cues.append(named(run, run.name_start or run.start, tok.end))
                    continue
        elif subject is not None and subject.kind == "w":
            if subject.low in _PRONOUNS:
                cues.append(
                    Cue(
                        subject.start,
                        tok.end,
                        _cue_text(text, subject.start, tok.end),
                        "pronoun",
                        subject.low,
                        subject.start,
                    )
                )
                continue
            if subject.end in run_ending and not run_ending[subject.end].possessive:
                run = run_ending[subject.end]
                cues.append(named(run, run.name_start or run.start, tok.end))
                continue
            if subject.text[:1].islower() and subject.low not in ("that", "to"):
                # "officials said", "the minister said", "they said": a speaker the
                # sentence does not name.
                end = tok.end
                cues.append(
                    Cue(subject.start, end, _cue_text(text, subject.start, end), "unresolved")
                )
                continue
        # Inversion: "said Stoltenberg", "said NATO chief Jens Stoltenberg", "said he".
        if tok.low not in _NO_INVERSION:
            m = k + 1
            if m < len(tokens) and tokens[m].low in _PRONOUNS:
                cues.append(
                    Cue(
                        tok.start,
                        tokens[m].end,
                        _cue_text(text, tok.start, tokens[m].end),
                        "pronoun",
                        tokens[m].low,
                        tokens[m].start,
                    )
                )
                continue
            found = None
            while m < len(tokens) and m <= k + 7:
                t = tokens[m]
                if t.start in run_starting:
                    found = run_starting[t.start]
                    break
                if t.kind == "q" or t.low in _STOP - {"the", "a", "an"} or t.text in ";:()":
                    break
                if t.text == "," and not (
                    m + 1 < len(tokens) and tokens[m + 1].start in (run_starting)
                ):
                    break
                m += 1
            if found is not None and not found.possessive and found.name_start is not None:
                cues.append(named(found, tok.start, found.name_end or found.end))
                continue
        if tok.low.endswith("ing"):
            cues.append(Cue(tok.start, tok.end, tok.text, "participle"))
        else:
            cues.append(Cue(tok.start, tok.end, tok.text, "unresolved"))
    return cues


def _nearest(cues: tuple[Cue, ...], quotation: Quotation) -> Cue | None:
    def distance(cue: Cue) -> tuple[int, int]:
        if cue.start >= quotation.outer_end:
            return (cue.start - quotation.outer_end, 0)
        if cue.end <= quotation.open:
            return (quotation.open - cue.end, 1)
        return (0, 0)

    return min(cues, key=distance, default=None)


def attribution_cue(source: Source, quotation: Quotation) -> Cue | None:
    """The speech cue the source attributes a quotation with, resolved or not.

    The nearest cue in the quotation's sentence, else in its paragraph, else
    (for a paragraph that opens with a quotation and holds no cue) the last cue
    of the paragraph before, when that one ends in a colon or an open quotation.
    """
    analysis = _analysis(source)
    sentence = _sentence_of(analysis, quotation.open)
    if sentence is None:
        return None
    cue = _nearest(sentence.cues, quotation)
    if cue is not None:
        return cue
    in_para = tuple(
        c for s in analysis.sentences if s.paragraph == sentence.paragraph for c in s.cues
    )
    cue = _nearest(in_para, quotation)
    if cue is not None or sentence.paragraph == 0:
        return cue
    para = source.paragraphs[sentence.paragraph]
    if source.text[para.start : quotation.open].strip():
        return None
    before = source.paragraphs[sentence.paragraph - 1]
    previous_quotes = [q for q in analysis.quotations if q.paragraph == before]
    if previous_quotes and previous_quotes[-1].close is None:
        return attribution_cue(source, previous_quotes[-1])  # the quotation runs on
    if not source.text[before.start : before.end].rstrip().endswith(":"):
        return None
    earlier = [
        c for s in analysis.sentences if s.paragraph == sentence.paragraph - 1 for c in s.cues
    ]
    return earlier[-1] if earlier else None


def _sentence_of(analysis: _Analysis, offset: int) -> _Sentence | None:
    starts = [s.start for s in analysis.sentences]
    k = bisect.bisect_right(starts, offset) - 1
    if k < 0:
        return None
    return analysis.sentences[k]


def attribute(source: Source, quotation: Quotation) -> Speaker | None:
    """Who the source says spoke the quotation, or None when it does not say."""
    cue = attribution_cue(source, quotation)
    if cue is None:
        return None
    return _resolve(source, cue)


def _resolve(source: Source, cue: Cue) -> Speaker | None:
    analysis = _analysis(source)
    if cue.kind == "name" and cue.name is not None and cue.name_start is not None:
        return Speaker(full_name(source, cue.name, cue.name_start), cue, cue.name, cue.name_start)
    if cue.kind == "pronoun" and cue.name_start is not None:
        antecedent = _antecedent(analysis, cue.name_start)
        if antecedent is None:
            return None
        offset, name = antecedent
        return Speaker(full_name(source, name, offset), cue, name, offset)
    if cue.kind == "participle":
        # "..., adding that": the subject of the sentence's other speech verb, else the
        # person named before it in the sentence.
        sentence = _sentence_of(analysis, cue.start)
        if sentence is None:
            return None
        earlier = [c for c in sentence.cues if c.end <= cue.start and c.kind != "participle"]
        if earlier:
            return _resolve(source, earlier[-1])
        named = [p for p in analysis.persons if sentence.start <= p[0] < cue.start]
        if named:
            offset, name = named[0]
            return Speaker(full_name(source, name, offset), cue, name, offset)
    return None


def _antecedent(analysis: _Analysis, offset: int) -> tuple[int, str] | None:
    k = bisect.bisect_left([p[0] for p in analysis.persons], offset)
    return analysis.persons[k - 1] if k > 0 else None


def full_name(source: Source, name: str, offset: int) -> str:
    """The fullest form of ``name`` the article prints (earlier ones first), titles dropped."""
    persons = _analysis(source).persons
    same = [p for p in persons if same_person(name, p[1])]
    before = [p for p in same if p[0] <= offset] or same
    if not before:
        return name
    best = max(before, key=lambda p: (len(p[1].split()), -p[0]))
    return best[1] if len(best[1].split()) >= len(name.split()) else name


# Sentences and speakers (for suggest) ------------------------------------------


def sentence_spans(source: Source) -> list[tuple[int, int]]:
    """(start, end) offsets into ``Source.text`` of every body sentence, in order.

    The sentences attribution reads: a quotation never splits its sentence.
    """
    return [(s.start, s.end) for s in _analysis(source).sentences]


def cue_speakers(source: Source, cue: Cue) -> tuple[str, ...]:
    """Who a speech cue names as speaking, by the fullest names the article prints.

    One speaker for a cue that resolves (a name, a pronoun, a participle); for a
    cue with several subjects (``Both Stoltenberg and von der Leyen accused``),
    each person named in its sentence before the verb. Empty when it names no one.
    """
    speaker = _resolve(source, cue)
    if speaker is not None:
        return (speaker.name,)
    if cue.kind != "unresolved" or cue.name is None:
        return ()
    analysis = _analysis(source)
    sentence = _sentence_of(analysis, cue.start)
    if sentence is None:
        return ()
    names: list[str] = []
    for at, name in analysis.persons:
        if sentence.start <= at < cue.end:
            full = full_name(source, name, at)
            if not any(same_person(full, n) for n in names):
                names.append(full)
    return tuple(names) if len(names) > 1 else ()


def sentence_speakers(source: Source, offset: int) -> tuple[str, ...]:
    """Whose statement the sentence holding ``offset`` reports: its first cue's speakers."""
    sentence = _sentence_of(_analysis(source), offset)
    if sentence is None or offset >= sentence.end:
        return ()
    for cue in sentence.cues:
        names = cue_speakers(source, cue)
        if names:
            return names
    return ()
