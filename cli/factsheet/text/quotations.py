"""Quotations in a source, and who the source says spoke them.

Pure functions of a :class:`~factsheet.source.reader.Source`, shared by ``check``
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
import functools
import itertools
import operator
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from factsheet.source.reader import Paragraph, Source
from factsheet.text.person_names import PARTICLES, fold, same_person

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
_SINGLE_ONLY = _SINGLE_MARKS - _DOUBLE_MARKS
# Searched with pos/endpos instead of on slices: a slice copies the rest of the paragraph.
# A single mark between two letters or digits is an apostrophe (Russia's, don't), which
# _pairs would skip: the search skips it in C. The pattern starts with the set of all
# marks so that the search can skip to the next mark. (The lookbehind may see the
# character before a paragraph's start, but that is white space, as no neighbour is.)
_MARK = re.compile(
    "[{all}](?:(?<=[{double}])|(?<![^\\W_][{single}])|(?![^\\W_]))".format(
        all=re.escape("".join(sorted(_MARKS))),
        double=re.escape("".join(sorted(_DOUBLE_MARKS))),
        single=re.escape("".join(sorted(_SINGLE_MARKS))),
    )
)
_SPACE_LOWER = re.compile(r"\s+[a-z]")
_ELISION = re.compile(r"\d\d?s?\b")
_OPEN_PUNCT = frozenset("([{\u2014\u2013-/:")
_TERMINAL = ".!?\u2026"
_ALNUM = re.compile(r"[^\W_]")  # str.isalnum: a word character other than the underscore


class Quotation(NamedTuple):
    """Words a source prints inside quotation marks (offsets into ``Source.text``).

    A named tuple: a source has many, and a frozen dataclass is several times slower to make.
    """

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
    analysis = _analysis(source)
    # Quotations do not overlap: only the last one to start at or before ``start`` can.
    k = bisect.bisect_right(analysis.starts, start) - 1
    if k >= 0 and analysis.quotations[k].covers(start, end):
        return analysis.quotations[k]
    return None


def _later_single_close(text: str, i: int, hi: int) -> bool:
    for j in range(i + 1, hi):
        if text[j] in "\u2019'":
            prev, nxt = text[j - 1], text[j + 1] if j + 1 < hi else ""
            if not prev.isspace() and not nxt.isalnum() and not (prev.isalnum() and nxt.isalnum()):
                return True
    return False


def _pairs(text: str, para: Paragraph, marks: list[int]) -> list[tuple[int, int | None]]:
    """(opening mark, closing mark or None) of every quotation in a paragraph.

    ``marks``: where _MARK finds a mark in the paragraph, in order.
    """
    lo, hi = para.start, para.end
    stack: list[tuple[int, str, bool]] = []  # (offset, mark, is_double)
    pairs: list[tuple[int, int | None]] = []
    for i in marks:
        c = text[i]
        # Can the mark open a quotation (it starts a word), or close one (it ends a word)?
        # (Each worked out only where it is asked: most marks are asked one of the two.)
        prev = text[i - 1] if i > lo else ""
        nxt = text[i + 1] if i + 1 < hi else ""
        if c in _SINGLE_ONLY:
            # (An apostrophe inside a word, Russia's or don't, is never found: see _MARK.)
            if (
                stack
                and not stack[-1][2]
                and c in _SINGLE_CLOSERS[stack[-1][1]]
                and _can_close(prev, nxt)
            ):
                plural_possessive = (
                    prev in "sS"
                    and _SPACE_LOWER.match(text, i + 1, hi) is not None
                    and _later_single_close(text, i, hi)
                )
                if not plural_possessive:
                    pairs.append((stack.pop()[0], i))
                    continue
            if _ELISION.match(text, i + 1, hi):
                continue  # an elision: '90s, '21
            if c in _SINGLE_CLOSERS and _can_open(prev, nxt) and not prev.isalnum():
                stack.append((i, c, False))
            continue
        k = len(stack) - 1  # the last double mark left open
        while k >= 0 and not stack[k][2]:
            k -= 1
        if k >= 0 and _can_close(prev, nxt) and c in _DOUBLE_CLOSERS[stack[k][1]]:
            pairs.append((stack[k][0], i))
            del stack[k:]  # single marks left open inside were apostrophes
        elif c in _DOUBLE_CLOSERS and _can_open(prev, nxt):
            stack.append((i, c, True))
    unclosed = [entry for entry in stack if entry[2]]
    if unclosed:
        pairs.append((unclosed[0][0], None))
    return pairs


def _can_open(prev: str, nxt: str) -> bool:
    """A mark before a word, after white space, an opening bracket or dash, or a mark."""
    return (
        bool(nxt)
        and not nxt.isspace()
        and (not prev or prev.isspace() or prev in _OPEN_PUNCT or prev in _MARKS)
    )


def _can_close(prev: str, nxt: str) -> bool:
    """A mark after a word, not followed by a letter or digit."""
    return bool(prev) and not prev.isspace() and (not nxt or not nxt.isalnum())


def _scan_paragraph(text: str, para: Paragraph, marks: list[int]) -> list[Quotation]:
    pairs = _pairs(text, para, marks)
    if not pairs:
        return []
    spans = []
    for open_, close in pairs:
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
        if _ALNUM.search(words) is None:
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
_CUE_WORDS = SPEECH_VERBS | {"according"}
_STOP_NOT_ARTICLE = _STOP - {"the", "a", "an"}
_STOP_OR_PARTICLE = _STOP | PARTICLES
_WORD_START = re.compile(r"\w")
_PUNCTUATION = ",;:()[]\u2013\u2014"  # the punctuation tokens of _TOKEN
# A masked quotation, a word, or punctuation. No group for each kind: _kind tells a
# token's kind from its first character, and three groups made the scan twice as slow.
_TOKEN = re.compile(r"\x00+|\w+(?:[\u2019'\-.]\w+)*|[,;:()\[\]\u2013\u2014]")
# _TOKEN with a group, which makes split give the text between tokens too. Written to
# start with the set of every token's first character (so that the search skips the
# text between tokens in C), the rest chosen by what that character was; possessive
# repeats, as nothing after them could make them give back.
_TOKEN_SPLIT = re.compile(
    r"([\w\x00,;:()\[\]\u2013\u2014](?:(?<=\w)\w*+(?:[\u2019'\-.]\w++)*+|(?<=\x00)\x00*+|))"
)
_WORD = re.compile(r"\w+(?:[\u2019'\-]\w+)*")
_JOINERS = "\u2019'-"  # what joins the parts of a _WORD
_POSSESSIVE = ("\u2019s", "'s")  # the endings of a possessive word
_MASK = "\x00"

CueKind = Literal["name", "pronoun", "participle", "unresolved"]


class Cue(NamedTuple):
    """A speech verb and its speaker as the sentence prints them (offsets into Source.text)."""

    start: int
    end: int
    text: str  # "Stoltenberg said", "he said", "according to Stoltenberg", "officials said"
    kind: CueKind
    name: str | None = None  # the name as printed, without titles ("Stoltenberg")
    name_start: int | None = None  # where that name (or the pronoun) is printed


class Speaker(NamedTuple):
    """Who the source says spoke a quotation."""

    name: str  # the fullest form the article prints: "Jens Stoltenberg"
    cue: Cue  # the attribution: "Stoltenberg said", "he said"
    named: str  # the name that identifies the speaker as printed ("Stoltenberg")
    named_at: int  # where that name is printed (a pronoun's antecedent, for pronouns)


@functools.lru_cache(maxsize=1 << 16)
def _fold_token(token: str) -> str:
    """A word token folded (names.fold); punctuation and masks as printed.

    names.fold is memoised too, but on a bounded cache that every rule family
    shares, which the words of a run of sources outnumber.
    """
    if _kind(token) != "w":
        return token
    if token.isascii() and "'" not in token:
        # ASCII letters, digits and "_-." only: all fold does is lower the case.
        return token.lower()
    return fold(token)


class _Tokens:
    """The tokens of a source's masked body, as parallel lists; a sentence is a range of them.

    A source has thousands of tokens; an object for each would cost more than
    the rest of the analysis, and so would a scan per sentence (no token spans
    the white space that ends a sentence or a paragraph, so one scan of the body
    gives what a scan of each sentence would). A token's kind ("q" a masked
    quotation, "w" a word, "p" punctuation) is not kept: _kind tells it from the
    token. Its low is the word folded (names.fold); punctuation and masks as printed.
    """

    __slots__ = ("classes", "cue_starts", "ends", "lows", "starts", "texts")

    def __init__(self, masked: str, start: int, end: int) -> None:
        # Split into the text between tokens and the tokens, alternately; the offsets
        # add up from the pieces' lengths. No match object (which the garbage collector
        # tracks) for each token.
        pieces = _TOKEN_SPLIT.split(masked[start:end])
        offsets = list(itertools.accumulate(map(len, pieces), initial=start))
        self.texts: list[str] = pieces[1::2]
        self.starts: list[int] = offsets[1:-1:2]
        self.ends: list[int] = offsets[2::2]
        self.lows: list[str] = list(map(_fold_token, self.texts))
        texts, lows = self.texts, self.lows
        # Each token's class for _runs (see _RUN), one byte each. Only a word starts with
        # an upper-case letter, and only a word's low is a word (a particle, "of", a speech
        # verb). map and compress loop in C.
        classes = self.classes = bytearray(b"x") * len(texts)
        capitalised = itertools.compress(
            itertools.count(), map(str.isupper, map(operator.itemgetter(0), texts))
        )
        for k in capitalised:
            # A capitalised word that is neither particle nor stop word: a name's word,
            # or a title (but see open_sentence about the first word of a sentence).
            if lows[k] not in _STOP_OR_PARTICLE:
                classes[k] = _PLAIN_S if texts[k].endswith(_POSSESSIVE) else _PLAIN
                # The particles and "of" that lead to it. Only those can be part of a
                # run, so only those are looked for (rather than at every token).
                j = k - 1
                while j >= 0 and (lows[j] in PARTICLES or lows[j] == "of"):
                    linker = _PARTICLE if lows[j] in PARTICLES else _OF
                    classes[j] = (
                        _POSSESSIVE_CLASS[linker] if texts[j].endswith(_POSSESSIVE) else linker
                    )
                    j -= 1
        # Where a cue may start (a lowercase speech verb or "according"): the rest are skipped.
        cue_words = itertools.compress(itertools.count(), map(_CUE_WORDS.__contains__, lows))
        self.cue_starts: list[int] = [k for k in cue_words if texts[k][:1].islower()]

    def open_sentence(self, lo: int, hi: int, lowercase_words: _LowercaseWords) -> None:
        """A sentence's first word is capitalised anyway: a common word there is no name."""
        classes = self.classes
        if lo < hi and classes[lo] in _PLAINS and self.texts[lo].lower() in lowercase_words:
            classes[lo] = _OTHER

    def between(self, start: int, end: int) -> tuple[int, int]:
        """The range of tokens inside source.text[start:end]."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)


def _kind(token: str) -> str:
    """A token's kind, which its first character tells (see _TOKEN)."""
    first = token[0]
    if first == _MASK:
        return "q"
    return "p" if first in _PUNCTUATION else "w"


# A token's class for _runs, a byte: a capitalised word that is no particle or stop
# word (plain), a particle, "of", each also when possessive; or another token.
_PLAIN, _PARTICLE, _OF, _OTHER, _PLAIN_S = b"CpoxD"
_POSSESSIVE_CLASS = dict(zip(b"Cpo", b"Dqf", strict=True))
_PLAINS = frozenset(b"CD")
# A run of capitalised words, over the classes of a sentence's tokens. A plain word, or
# a particle that leads to one (past particles and "of"), starts it; it goes on over
# plain words, and particles and "of" that lead to one; a possessive word ends it. The
# pattern starts with a set, so that the search skips the other tokens in C.
_LEADS = rb"(?=[pqof]*[CD])"
_RUN = re.compile(
    rb"[CDpq](?:(?<=[CD])|"
    + _LEADS
    + rb")"  # the first word
    + rb"(?:(?<=[Cp])(?:C|[po]"
    + _LEADS
    + rb")*(?:D|[qf]"
    + _LEADS
    + rb")?)?"
)


@dataclass(slots=True)
class _Run:
    """A run of capitalised words: titles, then (perhaps) a name."""

    first: int  # its first token, an index into the source's _Tokens
    stop: int  # after its last token
    start: int  # offsets into Source.text
    end: int
    possessive: bool
    name_first: int  # the name's first token (stop when the run holds no name)
    name_start: int | None = None
    name_end: int | None = None
    titled: bool = False
    person: bool = False


@dataclass(slots=True)  # not frozen: that makes each instance three times as slow to make
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
    # For bisect: the start of each quotation, sentence and person.
    starts: tuple[int, ...]
    sentence_starts: tuple[int, ...]
    person_starts: tuple[int, ...]
    # full_name's persons with the same name as a name, as they are asked for.
    same: dict[str, list[tuple[int, str]]] = field(default_factory=dict, compare=False, repr=False)


def _analysis(source: Source) -> _Analysis:
    cached = source.cache.get("quotations:analysis")
    if isinstance(cached, _Analysis):
        return cached
    result = _analyse(source)
    source.cache["quotations:analysis"] = result
    return result


def _masked(text: str, quotations: list[Quotation]) -> str:
    """The text with every quotation, marks included, masked out (same length)."""
    pieces: list[str] = []
    pos = 0
    for q in quotations:  # in order of their opening marks
        start, end = max(q.open, pos), q.outer_end
        if end > start:
            pieces.append(text[pos:start])
            pieces.append(_MASK * (end - start))
            pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _analyse(source: Source) -> _Analysis:
    text = source.text
    paragraphs = source.paragraphs
    body = (paragraphs[0].start, paragraphs[-1].end) if paragraphs else (0, 0)
    # The marks of every paragraph, found in one search of the body: what lies between
    # paragraphs is white space, which holds no mark and is what _MARK sees (before and
    # after) at a paragraph's edges. Most paragraphs hold none, and are not scanned.
    marks = [found.start() for found in _MARK.finditer(text, *body)]
    by_paragraph: list[list[Quotation]] = []
    for para in paragraphs:
        first = bisect.bisect_left(marks, para.start)
        stop = bisect.bisect_left(marks, para.end, first)
        by_paragraph.append(_scan_paragraph(text, para, marks[first:stop]) if first < stop else [])
    quotations = [q for in_para in by_paragraph for q in in_para]
    masked_text = _masked(text, quotations) if quotations else text
    lowercase_words = _LowercaseWords(masked_text)

    sentence_spans: list[tuple[int, int, int]] = []
    for index, (para, in_para) in enumerate(zip(source.paragraphs, by_paragraph, strict=True)):
        for start, end in _sentence_spans(masked_text, para, in_para):
            sentence_spans.append((start, end, index))

    tokens = _Tokens(masked_text, *body)
    ranges = [tokens.between(start, end) for start, end, _ in sentence_spans]
    for lo, hi in ranges:
        tokens.open_sentence(lo, hi, lowercase_words)
    runs_by_sentence = [_runs(tokens, lo, hi) for lo, hi in ranges]

    # Persons: a name after a title, a full name that is not an organisation or place,
    # then any surname of those.
    all_runs = [run for runs in runs_by_sentence for run in runs]
    known: dict[str, None] = {}  # each name once, as the same names recur
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        if run.titled or _full_name_like(tuple(tokens.texts[run.name_first : run.stop])):
            run.person = True
            known[text[run.name_start : run.name_end]] = None

    sentences: list[_Sentence] = []
    for (start, end, index), (lo, hi), runs in zip(
        sentence_spans, ranges, runs_by_sentence, strict=True
    ):
        cues = _cues(tokens, lo, hi, runs, text)
        for cue in cues:
            if cue.kind == "name" and cue.name is not None:
                for run in runs:
                    if run.name_start == cue.name_start and not _is_acronym(cue.name):
                        run.person = True
        sentences.append(_Sentence(start, end, index, tuple(cues)))

    persons: list[tuple[int, str]] = []
    names_known: dict[str, bool] = {}  # the same names recur: compare each once
    for run in all_runs:
        if run.name_start is None or run.name_end is None:
            continue
        name = text[run.name_start : run.name_end]
        if not run.person and name not in names_known:
            names_known[name] = any(map(same_person, itertools.repeat(name), known))
        if run.person or names_known[name]:
            persons.append((run.name_start, name))
    return _Analysis(
        tuple(quotations),
        tuple(sentences),
        tuple(persons),
        tuple(q.start for q in quotations),
        tuple(s.start for s in sentences),
        tuple(p[0] for p in persons),
    )


class _LowercaseWords:
    """The words (as _WORD finds them) of a masked text that start in lower case.

    Asked only about a few sentence openers per source, so each is looked up
    with str.find rather than by collecting every word of the text.
    """

    def __init__(self, masked: str) -> None:
        self.masked = masked
        self.memo: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.memo.get(word)
        if found is None:
            found = self.memo[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        if not word[:1].islower() or _WORD.fullmatch(word) is None:
            return False
        text, size = self.masked, len(word)
        at = text.find(word)
        while at != -1:
            # A word _WORD.findall gives: it starts no later (after a word character,
            # or after a joiner that follows one) and runs on no further.
            end = at + size
            starts = at == 0 or not (
                _WORD_START.match(text, at - 1)
                or (text[at - 1] in _JOINERS and at >= 2 and _WORD_START.match(text, at - 2))
            )
            ends = end == len(text) or not (
                _WORD_START.match(text, end)
                or (text[end] in _JOINERS and _WORD_START.match(text, end + 1))
            )
            if starts and ends:
                return True
            at = text.find(word, at + 1)
        return False


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@functools.lru_cache(maxsize=1 << 14)
def _full_name_like(words: tuple[str, ...]) -> bool:
    """Do a name's words look like a person's full name? (Memoised: names recur.)"""
    caps = [word for word in words if word[:1].isupper()]
    if len(caps) < 2 or len(words) > 5:
        return False
    return not any(_is_acronym(word) or _fold_token(word) in _ORG_WORDS for word in words)


# A sentence may end at a terminal mark, or at the last mask of a quotation. As
# [.!?…]|\x00+, but a pattern that starts with a set lets the search skip to the next
# member in C, three times as fast as trying each branch at each character.
_STOP_MARK = re.compile(f"[{_TERMINAL}{_MASK}](?:(?<={_MASK}){_MASK}*)?")
# What must follow the end of a sentence: closing brackets, then white space.
_AFTER_STOP = re.compile(r"[)\]]*\s+")
_DOTTED = re.compile(r"[\w.]")


def _sentence_spans(
    masked: str, para: Paragraph, quotations: list[Quotation]
) -> list[tuple[int, int]]:
    ends_of_quotes = (
        {q.close: q.text.rstrip()[-1:] in _TERMINAL for q in quotations if q.close is not None}
        if quotations
        else {}
    )
    cuts = [para.start]
    for stop in _STOP_MARK.finditer(masked, para.start, para.end):
        i = stop.end() - 1  # a masked quotation ends its sentence at its last mask
        c = masked[i]
        if c == _MASK and not ends_of_quotes.get(i, False):
            continue
        after = _AFTER_STOP.match(masked, i + 1, para.end)
        if after is None or after.end() >= para.end:
            continue
        j = after.end()
        nxt = masked[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt == _MASK):
            continue
        if c == ".":
            # The word before the full stop, as ([\w.]+)\.$ would find it.
            k = i
            while k > para.start and _DOTTED.match(masked, k - 1):
                k -= 1
            word = masked[k:i]
            if word and (fold(word) in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
                continue
        cuts.append(j)
    cuts.append(para.end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if a < b]


def _runs(tokens: _Tokens, lo: int, hi: int) -> list[_Run]:
    """Runs of capitalised words (with particles and ``of``) in a sentence's tokens (lo to hi).

    Found by _RUN over the tokens' classes (see open_sentence for its first word).
    """
    runs: list[_Run] = []
    texts, lows, starts, ends = tokens.texts, tokens.lows, tokens.starts, tokens.ends
    for found in _RUN.finditer(tokens.classes, lo, hi):
        first, k = found.span()
        possessive = texts[k - 1].endswith(_POSSESSIVE)
        # Titles, then the name: the words after the last title, less "of" and "the".
        name = first
        for i in range(first, k):
            if lows[i].strip(".") in TITLE_WORDS:
                name = i + 1
        titled = name > first
        while name < k and lows[name] in ("of", "the"):
            name += 1
        end = ends[k - 1]
        if name < k:
            name_end = end - 2 if possessive else end
            runs.append(
                _Run(first, k, starts[first], end, possessive, name, starts[name], name_end, titled)
            )
        else:
            runs.append(_Run(first, k, starts[first], end, possessive, name))
    return runs


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
    run: _Run,
    start: int,
    end: int,
    text: str,
    tokens: _Tokens,
    lo: int,
    run_ending: dict[int, _Run],
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


def _cues(tokens: _Tokens, lo: int, hi: int, runs: list[_Run], text: str) -> list[Cue]:
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
        # The subject before the verb, past adverbs and auxiliaries.
        j = k - 1
        while (
            j >= lo
            and j >= k - 3
            and _kind(texts[j]) == "w"
            and (lows[j] in _BETWEEN or lows[j].endswith("ly"))
            and texts[j][:1].islower()
        ):
            j -= 1
        if j >= lo and _kind(texts[j]) == "p" and texts[j] == ",":
            # An apposition: "Stoltenberg, who chairs the alliance, said".
            m = j - 1
            while m >= lo and m >= j - 15 and texts[m] != "," and _kind(texts[m]) != "q":
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
        elif j >= lo and _kind(texts[j]) == "w":
            if lows[j] in _PRONOUNS:
                cues.append(_cue(text, starts[j], ends[k], "pronoun", lows[j], starts[j]))
                continue
            if ends[j] in run_ending and not run_ending[ends[j]].possessive:
                run = run_ending[ends[j]]
                cues.append(
                    _named_cue(
                        run, run.name_start or run.start, ends[k], text, tokens, lo, run_ending
                    )
                )
                continue
            if texts[j][:1].islower() and lows[j] not in ("that", "to"):
                # "officials said", "the minister said", "they said": a speaker the
                # sentence does not name.
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
                if _kind(texts[m]) == "q" or lows[m] in _STOP_NOT_ARTICLE or texts[m] in ";:()":
                    break
                if texts[m] == "," and not (m + 1 < hi and starts[m + 1] in run_starting):
                    break
                m += 1
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
    k = bisect.bisect_right(analysis.sentence_starts, offset) - 1
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
    k = bisect.bisect_left(analysis.person_starts, offset)
    return analysis.persons[k - 1] if k > 0 else None


def full_name(source: Source, name: str, offset: int) -> str:
    """The fullest form of ``name`` the article prints (earlier ones first), titles dropped."""
    analysis = _analysis(source)
    same = analysis.same.get(name)
    if same is None:
        same = analysis.same[name] = [p for p in analysis.persons if same_person(name, p[1])]
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
