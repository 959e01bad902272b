"""The quotation finder and attribution (text.quotations), on the seed and small articles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.source.reader import Source, parse_source
from factsheet.text.person_names import same_person
from factsheet.text.quotations import Quotation, find_quotations, quotation_at
from factsheet.text.sentences import LowercaseWords, SentenceTokens
from factsheet.text.speakers import attribute, attribution_cue, speaking_cue
from helpers import SEED, SEED_NAME


def article(text: str) -> Source:
    return parse_source("a.txt", text.encode("utf-8"), "a")


def seed() -> Source:
    return parse_source(f"seeds/{SEED_NAME}", SEED.read_bytes(), SEED_NAME)


def quoted(source: Source) -> list[str]:
    return [q.text for q in find_quotations(source)]


def speakers(source: Source) -> list[str | None]:
    out = []
    for q in find_quotations(source):
        speaker = attribute(source, q)
        out.append(speaker.name if speaker else None)
    return out


def the(source: Source, words: str) -> Quotation:
    found = find_quotations(source)
    exact = [q for q in found if q.text.rstrip(",.") == words]
    (one,) = exact or [q for q in found if q.text.startswith(words)]
    return one


# The seed article


SEED_QUOTATIONS = [
    ((3, 84), "hybrid threats,", None),
    ((5, 81), "de-escalate", "Jens Stoltenberg"),
    ((5, 151), "consequences", "Jens Stoltenberg"),
    ((9, 107), "hybrid", None),  # "Both Stoltenberg and von der Leyen accused": two speakers
    ((13, 2), "It is critical that the European Union", "Ursula von der Leyen"),
    ((15, 2), "We discussed how we could scale up", "Jens Stoltenberg"),
    ((23, 2), "If the security situation grows further worse", "Gitanas Nauseda"),
    ((31, 6), "extraordinary", "Jens Stoltenberg"),
    ((31, 124), "extremely worrying for several reasons,", "Jens Stoltenberg"),
    ((31, 196), "unprovoked and unexplained.", "Jens Stoltenberg"),
    ((33, 2), "The message to Russia is to de-escalate", "Jens Stoltenberg"),
    ((33, 103), "if they choose to use force", "Jens Stoltenberg"),
]


def test_seed_quotations_are_all_found_at_their_words() -> None:
    source = seed()
    found = find_quotations(source)
    assert len(found) == len(SEED_QUOTATIONS)
    for q, (at, words, _) in zip(found, SEED_QUOTATIONS, strict=True):
        where = source.locate(q.start)
        assert (where.line, where.column) == at
        assert q.text.startswith(words)
        assert source.text[q.start : q.end] == q.text
        assert source.text[q.open] == "\u201c"
        assert q.close is not None
        assert source.text[q.close] == "\u201d"
        assert source.paragraph_at(q.start) == q.paragraph


def test_punctuation_inside_the_closing_mark_is_part_of_the_words() -> None:
    source = seed()
    assert the(source, "if they choose").text.endswith("be consequences.")
    assert the(source, "We discussed").text.endswith("NATO and the EU,")


@pytest.mark.parametrize(("words", "speaker"), [(w, s) for _, w, s in SEED_QUOTATIONS])
def test_seed_attribution(words: str, speaker: str | None) -> None:
    source = seed()
    found = attribute(source, the(source, words))
    assert (found.name if found else None) == speaker


def test_rules_md_example_surname_said() -> None:
    source = seed()
    speaker = attribute(source, the(source, "We discussed how"))
    assert speaker is not None
    assert speaker.name == "Jens Stoltenberg"
    assert speaker.cue.text == "Stoltenberg said"
    assert speaker.named == "Stoltenberg"
    assert source.locate(speaker.cue.start).line == 15


def test_rules_md_example_pronoun_resolves_to_the_paragraph_before() -> None:
    source = seed()
    speaker = attribute(source, the(source, "The message to Russia"))
    assert speaker is not None
    assert speaker.name == "Jens Stoltenberg"
    assert speaker.cue.text == "he said"
    assert speaker.cue.kind == "pronoun"
    assert source.locate(speaker.named_at).line == 31  # "according to Stoltenberg"


def test_a_person_merely_named_in_the_sentence_is_not_the_speaker() -> None:
    source = seed()
    speaker = attribute(source, the(source, "It is critical"))
    assert speaker is not None
    assert speaker.name == "Ursula von der Leyen"
    assert speaker.cue.text == "von der Leyen said"


def test_titles_are_not_part_of_the_name() -> None:
    source = seed()
    speaker = attribute(source, the(source, "If the security"))
    assert speaker is not None
    assert speaker.name == "Gitanas Nauseda"
    assert speaker.cue.text == "Gitanas Nauseda stated"


def test_adding_that_belongs_to_the_speaker_of_the_sentence() -> None:
    source = seed()
    speaker = attribute(source, the(source, "if they choose"))
    assert speaker is not None
    assert (speaker.name, speaker.cue.text) == ("Jens Stoltenberg", "he said")


SPLIT = (
    "Mayor Ana Ruiz visited the harbour on Monday.\n\n"
    "\u201cWe will rebuild,\u201d Ruiz said, \u201cand we will do it fast,\u201d they added.\n"
)


def test_the_second_half_of_a_split_quotation_whose_cue_names_no_one_is_the_first_halfs() -> None:
    source = article(SPLIT)
    first, second = find_quotations(source)
    assert (first.continues, second.continues) == (False, True)
    own = attribution_cue(source, second)
    assert own is not None
    assert (own.text, own.kind) == ("they added", "unresolved")
    assert speaking_cue(source, second) == attribution_cue(source, first)
    assert speakers(source) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_second_half_with_a_cue_of_its_own_keeps_it() -> None:
    source = article(SPLIT.replace("they added", "Mark Chen added"))
    second = find_quotations(source)[1]
    assert speaking_cue(source, second) == attribution_cue(source, second)
    assert speakers(source) == ["Ana Ruiz", "Mark Chen"]


def test_a_quotation_that_continues_nothing_keeps_its_unresolved_cue() -> None:
    source = article("\u201cWe will rebuild,\u201d they said.\n")
    (only,) = find_quotations(source)
    cue = speaking_cue(source, only)
    assert cue is not None
    assert (cue.text, attribute(source, only)) == ("they said", None)


def test_scare_quotes_have_no_speaker_and_no_cue() -> None:
    source = seed()
    scare = the(source, "hybrid threats")
    assert attribute(source, scare) is None
    assert attribution_cue(source, scare) is None


def test_quotation_at() -> None:
    source = seed()
    q = the(source, "We discussed")
    assert quotation_at(source, q.start + 3, q.end - 5) == q
    start = source.text.index("the EU had decided")
    assert quotation_at(source, start, start + 20) is None


def test_the_finder_caches_per_source_and_returns_a_fresh_list() -> None:
    source = seed()
    first = find_quotations(source)
    first.clear()
    assert len(find_quotations(source)) == len(SEED_QUOTATIONS)


# Marks


def test_straight_double_quotes() -> None:
    source = article('"We are ready," Kowalska said. "We will act," she added.')
    assert quoted(source) == ["We are ready,", "We will act,"]
    assert speakers(source) == ["Kowalska", "Kowalska"]


def test_single_quotes_are_told_from_apostrophes() -> None:
    source = article(
        "Russia\u2019s troops and NATO\u2019s plans were discussed. "
        "\u2018It\u2019s NATO\u2019s job to deter Russia\u2019s army,\u2019 Kowalska said."
    )
    assert quoted(source) == ["It\u2019s NATO\u2019s job to deter Russia\u2019s army,"]
    assert speakers(source) == ["Kowalska"]


def test_straight_single_quotes_and_plural_possessives() -> None:
    source = article(
        "The ministers' meeting ran late. 'The ministers' views differ,' Kowalska said."
    )
    assert quoted(source) == ["The ministers' views differ,"]


def test_elisions_are_not_quotation_marks() -> None:
    source = article(
        "In the \u201990s and the '90s, rock \u2019n\u2019 roll won. Nobody said a word."
    )
    assert quoted(source) == []


def test_inches_are_not_quotation_marks() -> None:
    source = article('He measured 12" of pipe. "Fine," Kowalska said.')
    assert quoted(source) == ["Fine,"]


def test_low_and_angle_marks() -> None:
    source = article("Juncker warned of „danger“. Others spoke of «red lines» and »limits«.")
    assert quoted(source) == ["danger", "red lines", "limits"]


def test_nested_quotations_are_inside_the_outer_one() -> None:
    source = article("“They called it \u2018a hybrid attack\u2019 on Europe,” Kowalska said.")
    assert quoted(source) == ["They called it \u2018a hybrid attack\u2019 on Europe,"]


def test_a_quotation_of_several_sentences() -> None:
    source = article(
        "Anna Kowalska spoke first. “We are ready. We will act! Will they?” Kowalska said."
    )
    assert quoted(source) == ["We are ready. We will act! Will they?"]
    assert speakers(source) == ["Anna Kowalska"]


def test_a_quotation_split_by_its_attribution() -> None:
    source = article("Jens Stoltenberg arrived. “We are ready,” he said, “and we will act.”")
    first, second = find_quotations(source)
    assert (first.text, second.text) == ("We are ready,", "and we will act.")
    assert (first.continues, second.continues) == (False, True)
    assert speakers(source) == ["Jens Stoltenberg", "Jens Stoltenberg"]


def test_a_quotation_running_on_into_the_next_paragraph() -> None:
    source = article("Kowalska said:\n\n“We are ready.\n\n“We will act.”")
    first, second = find_quotations(source)
    assert first.close is None
    assert (first.text, second.text) == ("We are ready.", "We will act.")
    assert speakers(source) == ["Kowalska", "Kowalska"]


# Attribution


def test_attribution_before_the_quotation() -> None:
    source = article("Stoltenberg told reporters: “We are ready.”")
    speaker = attribute(source, find_quotations(source)[0])
    assert speaker is not None
    assert (speaker.name, speaker.cue.text) == ("Stoltenberg", "Stoltenberg told")


def test_said_name_who_chairs() -> None:
    source = article('"We are ready," said Anna Kowalska, who chairs the committee.')
    speaker = attribute(source, find_quotations(source)[0])
    assert speaker is not None
    assert (speaker.name, speaker.cue.text) == ("Anna Kowalska", "said Anna Kowalska")


def test_name_who_chairs_said() -> None:
    source = article("Anna Kowalska, who chairs the committee, said: “We are ready.”")
    assert speakers(source) == ["Anna Kowalska"]


def test_inverted_with_a_title() -> None:
    source = article("“We are ready,” said NATO Secretary General Jens Stoltenberg.")
    assert speakers(source) == ["Jens Stoltenberg"]


def test_two_speakers_in_one_sentence() -> None:
    source = article("Anna Kowalska said “yes” and Piotr Nowak said “no.”")
    assert speakers(source) == ["Anna Kowalska", "Piotr Nowak"]


def test_pronoun_across_paragraphs_to_the_nearest_person_before() -> None:
    source = article(
        "Minister Anna Kowalska met Piotr Nowak in Vilnius.\n\n"
        "The talks lasted hours.\n\n“We agree,” he said."
    )
    speaker = attribute(source, find_quotations(source)[0])
    assert speaker is not None
    assert speaker.name == "Piotr Nowak"
    assert source.locate(speaker.named_at).line == 1


def test_pronoun_with_nobody_named_before_has_no_speaker() -> None:
    source = article("“It is NATO\u2019s job,” she said.\n\nAnna Kowalska spoke first.")
    q = find_quotations(source)[0]
    assert attribute(source, q) is None
    cue = attribution_cue(source, q)
    assert cue is not None
    assert cue.text == "she said"


def test_a_surname_resolves_to_the_fullest_earlier_form() -> None:
    source = article(
        "European Commission President Ursula von der Leyen arrived.\n\n"
        "“We act,” Von der Leyen said at a press conference with Stoltenberg."
    )
    speaker = attribute(source, find_quotations(source)[0])
    assert speaker is not None
    assert speaker.name == "Ursula von der Leyen"
    assert speaker.named == "Von der Leyen"


def test_diacritics_are_kept_as_printed_and_compare_without_them() -> None:
    source = article("Gitanas Nausėda met Jens Stoltenberg.\n\n“We are ready,” Nausėda said.")
    speaker = attribute(source, find_quotations(source)[0])
    assert speaker is not None
    assert speaker.name == "Gitanas Nausėda"
    assert same_person(speaker.name, "Gitanas Nauseda")
    assert same_person(speaker.name, "NAUSEDA")


@pytest.mark.parametrize(
    "text",
    [
        "“We are ready,” a spokesman said.",
        "“We are ready,” officials said.",
        "Jens Stoltenberg arrived. “We are ready,” they said.",
        "Stoltenberg and Nowak arrived. Stoltenberg and Nowak said “we are ready.”",
    ],
)
def test_speakers_the_sentence_does_not_name_are_unknown_but_cued(text: str) -> None:
    source = article(text)
    q = find_quotations(source)[-1]
    assert attribute(source, q) is None
    assert attribution_cue(source, q) is not None


def test_the_first_word_of_a_sentence_is_no_name() -> None:
    source = article("Jens Stoltenberg arrived. Yesterday he said “we are ready.”")
    assert speakers(source) == ["Jens Stoltenberg"]


def test_names_compare_with_titles_surnames_and_diacritics() -> None:
    assert same_person("President Nauseda", "Gitanas Nausėda")
    assert same_person("Mr. Stoltenberg", "Jens Stoltenberg")
    assert same_person("von der Leyen", "Ursula von der Leyen")
    assert not same_person("Jens Stoltenberg", "Ursula von der Leyen")
    assert not same_person("Bill Clinton", "Hillary Clinton")


# Shortcuts of the analysis that must give what the plain computation gives


def test_lowercase_words_are_the_words_the_text_prints_in_lower_case() -> None:
    from factsheet.text.quotations import _WORD
    from factsheet.text.sentences import LowercaseWords

    text = (
        "Said the x-ray: don't say 'said'; co-operation, so-called \u2019said Bill\u2019s"
        " x\x00said said_"
    )
    found = LowercaseWords(text)
    listed = {w for w in _WORD.findall(text) if w[:1].islower()}
    asked = listed | {"ray", "operation", "called", "t", "s", "Said", "bill", "said_"}
    assert {w for w in asked if w in found} == listed


def test_tokens_fold_as_names_fold() -> None:
    from factsheet.text.person_names import fold
    from factsheet.text.sentences import _TOKEN, fold_token, token_kind

    text = "Russia's U.S. co-op x_y 1.5 Nausėda Stoltenberg\u2019s ÉTAT said ministers' — ,"
    for token in _TOKEN.findall(text):
        assert fold_token(token) == (fold(token) if token_kind(token) == "w" else token)


def test_one_scan_of_the_body_gives_the_tokens_of_each_sentence() -> None:
    from factsheet.text.sentences import _TOKEN, SentenceTokens

    text = (
        "  \x00\x00 Mr. O\u2019Neil said, \u2014 co-op (U.S.) x_y.\n\n"
        "Von der Leyen\u2019s \x00 end. "
    )
    tokens = SentenceTokens(text, 2, len(text) - 1)
    found = list(_TOKEN.finditer(text, 2, len(text) - 1))
    assert tokens.texts == [m.group() for m in found]
    assert tokens.starts == [m.start() for m in found]
    assert tokens.ends == [m.end() for m in found]
    lo, hi = tokens.between(text.index("Von"), len(text))
    assert tokens.texts[lo:hi] == _TOKEN.findall(text, text.index("Von"), len(text) - 1)


def test_marks_skip_apostrophes_inside_words_only() -> None:
    from factsheet.text.quotations import _MARK

    text = (
        "\u201cRussia\u2019s\u201d 'don't' ministers' \u2018x\u2019 a\u2019 \u2019b \u00abc\u00bb"
    )
    kept = [m.start() for m in _MARK.finditer(text)]
    inside = {
        i
        for i, c in enumerate(text)
        if c in "\u2019'" and text[i - 1].isalnum() and i + 1 < len(text) and text[i + 1].isalnum()
    }
    marks = "\u201c\u201d\u2018\u2019'\u00ab\u00bb"
    assert kept == [i for i, c in enumerate(text) if c in marks and i not in inside]


def test_the_token_split_is_a_split_at_the_tokens() -> None:
    import re

    from factsheet.text.sentences import _TOKEN, _TOKEN_SPLIT

    texts = [
        "a.b.c a..b U.S. x_y \x00\x00\u2019s co-op\u2019s-x a'-b \u2014,; 9.5 a\u2019 \u2019a _a_",
        "\x00a\x00 a.\x00 \u00e9.b a-\u0301b (NATO) [sic] \u2013 x-\x00 Mr. O\u2019Neil's, 1,000",
    ]
    plain = re.compile(f"({_TOKEN.pattern})")
    for text in texts:
        assert _TOKEN_SPLIT.split(text) == plain.split(text)


def _runs_one_by_one(
    tokens: SentenceTokens, lo: int, hi: int, opener_is_common: bool
) -> list[tuple[int, int, bool, int]]:
    """The runs of capitalised words, token by token (what _RUN over the classes finds)."""
    from factsheet.text.lexicon import TITLES as TITLE_WORDS
    from factsheet.text.person_names import PARTICLES
    from factsheet.text.sentences import _STOP_OR_PARTICLE, POSSESSIVE_ENDINGS

    texts, lows = tokens.texts, tokens.lows

    def plain(k: int) -> bool:
        capitalised = texts[k][:1].isupper() and lows[k] not in _STOP_OR_PARTICLE
        return capitalised and not (k == lo and opener_is_common)

    def linker(k: int) -> bool:
        return lows[k] in PARTICLES or lows[k] == "of"

    def leads_to_cap(k: int) -> bool:
        while k < hi and linker(k):
            k += 1
        return k < hi and plain(k)

    runs = []
    k = lo
    while k < hi:
        if not (plain(k) or (lows[k] in PARTICLES and leads_to_cap(k))):
            k += 1
            continue
        first = k
        possessive = texts[k].endswith(POSSESSIVE_ENDINGS)
        k += 1
        while k < hi and not possessive and (plain(k) or (linker(k) and leads_to_cap(k))):
            possessive = texts[k].endswith(POSSESSIVE_ENDINGS)
            k += 1
        name = first
        for i in range(first, k):
            if lows[i].strip(".") in TITLE_WORDS:
                name = i + 1
        while name < k and lows[name] in ("of", "the"):
            name += 1
        runs.append((first, k, possessive, name))
    return runs


@pytest.mark.parametrize(
    "text",
    [
        "Secretary of State Antony Blinken met von der Leyen and Van der Berg's aide.",
        "The President of the European Commission, Ursula von der Leyen\u2019s deputy, said.",
        "Von der Leyen said. And de la Cruz of Spain, of Of NATO, van of x. Jens Stoltenberg",
        "Officials said \x00\x00\x00, Prime Minister Ingrida \u0160imonyt\u0117 told de Gaulle.",
        "of Of de De la La del Del Bin bin Al-Assad al Assad\u2019s Ibn Saud's Ten ten Zu zu",
    ],
)
def test_runs_over_token_classes_are_the_runs_token_by_token(text: str) -> None:
    n = len(SentenceTokens(text, 0, len(text)).texts)
    for lo, hi in [(0, n), (1, n), (2, n - 1), (0, n // 2), (n // 2, n)]:
        # As printed (few openers are common words), and all in lower case (all are).
        for common in (LowercaseWords(text), LowercaseWords(text.lower())):
            _assert_runs_as_one_by_one(text, lo, hi, common)


def _assert_runs_as_one_by_one(text: str, lo: int, hi: int, common: LowercaseWords) -> None:
    """capitalised_runs over the token classes of tokens lo to hi finds the runs found one
    by one."""
    from factsheet.text.sentences import _STOP_OR_PARTICLE, capitalised_runs

    tokens = SentenceTokens(text, 0, len(text))
    tokens.open_sentence(lo, hi, common)
    opener = tokens.texts[lo] if lo < hi else ""
    opener_is_common = (
        opener[:1].isupper()
        and tokens.lows[lo] not in _STOP_OR_PARTICLE
        and opener.lower() in common
    )
    found = [
        (r.first, r.stop, r.possessive, r.name_first) for r in capitalised_runs(tokens, lo, hi)
    ]
    assert found == _runs_one_by_one(tokens, lo, hi, opener_is_common), (lo, hi)


@given(
    st.lists(
        st.sampled_from(
            [
                "of",
                "Of",
                "von",
                "Von",
                "de",
                "la",
                "La",
                "van's",
                "of's",
                "Jens",
                "Leyen\u2019s",
                "NATO",
                "the",
                "The",
                "said",
                ",",
                "x",
                "Minister",
                "Ibn",
            ]
        ),
        max_size=14,
    ),
    st.integers(0, 14),
)
@settings(max_examples=300, deadline=None)
def test_runs_over_token_classes_are_the_runs_token_by_token_on_any_words(
    words: list[str], cut: int
) -> None:
    # Particles and "of" that lead to a name's word or not, possessive or not, first
    # words of a sentence common or not: the runs are those found token by token.
    text = " ".join(words)
    n = len(SentenceTokens(text, 0, len(text)).texts)
    for lo, hi in [(0, n), (min(cut, n), n), (0, min(cut, n))]:
        _assert_runs_as_one_by_one(text, lo, hi, LowercaseWords(text.lower()))


@given(
    st.lists(
        st.sampled_from(
            ["\u201c", "\u201d", "'", "\u2019", "\u00ab", '"', "a", "s", "1", " ", "\n", "\n\n"]
        ),
        max_size=30,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_one_search_of_the_body_finds_the_marks_of_each_paragraph(text: str) -> None:
    from factsheet.text.quotations import _MARK

    source = article(text)
    paragraphs = source.paragraphs
    if not paragraphs:
        return
    each = [
        found.start()
        for para in paragraphs
        for found in _MARK.finditer(source.text, para.start, para.end)
    ]
    body = _MARK.finditer(source.text, paragraphs[0].start, paragraphs[-1].end)
    assert [found.start() for found in body] == each
