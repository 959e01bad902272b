"""The matching normalisation of FORMAT.md and its exact map back to the original text."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factsheet.source.normalize import (
    Normalized,
    _normalize_general,
    joined,
    normalize,
    normalize_excerpt,
    normalize_slices,
)

# Characters the normalisation treats specially, mixed into arbitrary Unicode.
SPECIAL = (
    "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a\u2032\u2033"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026"
    "\u00a0\u2009\u202f\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u0301\u0308\u0327\u00a8\u00b4\ufb01\u2460\u00b2\uff21\u1100\u1161\u11a8"
    " \t\r\n\r\n\"'-.abcAZ09"
)
CHARS = st.one_of(
    st.sampled_from(SPECIAL),
    st.characters(exclude_categories=["Cs"]),
)
TEXTS = st.text(CHARS, max_size=40)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def aligned(norm: Normalized, a: int, b: int) -> bool:
    """Whether normalised [a, b) starts and ends between whole original characters."""
    start_ok = a == 0 or norm.ends[a - 1] <= norm.starts[a]
    end_ok = b == len(norm.text) or norm.ends[b - 1] <= norm.starts[b]
    return start_ok and end_ok


# Properties over arbitrary text


@FAST
@given(TEXTS)
def test_offset_map_is_monotonic_and_in_bounds(text: str) -> None:
    norm = normalize(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    for i in range(len(norm.text)):
        assert 0 <= norm.starts[i] < norm.ends[i] <= len(text)
        if i:
            assert norm.starts[i - 1] <= norm.starts[i]
            assert norm.ends[i - 1] <= norm.ends[i]


@FAST
@given(TEXTS, st.data())
def test_every_match_maps_back_to_original_characters(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    if not norm.text:
        return
    a = data.draw(st.integers(0, len(norm.text) - 1), label="start")
    b = data.draw(st.integers(a + 1, len(norm.text)), label="end")
    found = norm.text.find(norm.text[a:b])  # a match, as a search would find it
    start, end = found, found + (b - a)
    o_start, o_end = norm.original_span(start, end)
    assert 0 <= o_start < o_end <= len(text)
    again = normalize(text[o_start:o_end]).text
    # The original characters hold the matched text; cut on whole characters they
    # normalise to exactly the matched text.
    assert norm.text[start:end] in again
    if aligned(norm, start, end):
        assert again == norm.text[start:end]


@FAST
@given(TEXTS)
def test_every_whole_character_slice_normalises_back(text: str) -> None:
    norm = normalize(text)
    size = len(norm.text)
    for a in range(size):
        for b in range(a + 1, min(size, a + 6) + 1):
            if aligned(norm, a, b):
                o_start, o_end = norm.original_span(a, b)
                assert normalize(text[o_start:o_end]).text == norm.text[a:b]


@FAST
@given(TEXTS)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@FAST
@given(TEXTS)
def test_result_has_no_characters_the_rules_replace(text: str) -> None:
    out = normalize(text).text
    assert not set(out) & set("\u201c\u201d\u2018\u2019\u2013\u2014\u2212\u2026\u00a0\u200b\ufeff")
    assert "  " not in out
    assert all(ch == " " or not ch.isspace() for ch in out)


@FAST
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40))
def test_plain_ascii_without_double_spaces_is_unchanged(text: str) -> None:
    while "  " in text:
        text = text.replace("  ", " ")
    norm = normalize(text)
    assert norm.text == text
    assert norm.starts == tuple(range(len(text)))
    assert norm.ends == tuple(range(1, len(text) + 1))


# Characters that fold to one character each (the fast path), whitespace among them.
ONE_TO_ONE = st.text(
    st.sampled_from(
        " \t\r\n\x0b\x0c\x1c\x00\x7f\x85\u00a0\u2009\u3000\u2028"
        "\u201c\u201d\u2019\u2013\u2212\uff21\u00e9\u0117\u20ac\"'-.abZ9"
    ),
    max_size=40,
)


def per_character_span(norm: Normalized, start: int, end: int) -> tuple[int, int]:
    """original_span as the per-character map gives it (the map the segments stand for)."""
    if end <= start:
        at = norm.starts[start] if start < len(norm.starts) else (norm.ends[-1] if norm.ends else 0)
        return at, at
    return norm.starts[start], norm.ends[end - 1]


def outcome(function: Callable[..., object], *args: object) -> object:
    """What a call returns, or the kind of exception it raises (out-of-range spans)."""
    try:
        return function(*args)
    except IndexError:
        return IndexError


@pytest.mark.parametrize(
    "text", ["a\ud800b", "\udc00\ud800 \u201c\u00e9\u201d", "x\ud83d\ude00\t\x1fy\r\n\u2028z"]
)
def test_fast_path_with_lone_surrogates_and_odd_spaces(text: str) -> None:
    # The fast path finds non-ASCII characters through the UTF-8 (surrogatepass).
    assert normalize(text) == _normalize_general(text)


@FAST
@given(st.one_of(TEXTS, ONE_TO_ONE))
def test_fast_path_gives_what_the_reference_algorithm_gives(text: str) -> None:
    fast, reference = normalize(text), _normalize_general(text)
    assert (fast.text, fast.starts, fast.ends) == (reference.text, reference.starts, reference.ends)
    assert fast == reference  # the same (maximal) segments
    size = len(fast.text)
    for a in range(-size - 1, size + 2):
        for b in range(a - 2, size + 2):
            assert outcome(fast.original_span, a, b) == outcome(per_character_span, fast, a, b)


@FAST
@given(st.one_of(TEXTS, ONE_TO_ONE), st.integers(-2, 60))
def test_index_at_is_bisect_left_over_the_starts(text: str, offset: int) -> None:
    import bisect

    norm = normalize(text)
    assert norm.index_at(offset) == bisect.bisect_left(norm.starts, offset)


@FAST
@given(
    st.lists(
        st.tuples(
            st.one_of(TEXTS, ONE_TO_ONE, st.sampled_from(["", "#", "\n\n"])),
            st.one_of(TEXTS, ONE_TO_ONE),
        ),
        max_size=6,
    )
)
def test_slices_normalised_at_once_as_one_by_one(pieces: list[tuple[str, str]]) -> None:
    # normalize_slices folds the whole stretch at once, and builds the map directly when
    # no slice holds a run of spaces: the same as each slice by itself, whatever lies
    # between the slices (gaps of 0 and 1 characters too).
    text, spans = "", []
    for gap, piece in pieces:
        text += gap
        spans.append((len(text), len(text) + len(piece)))
        text += piece
    expected = joined((a, b, normalize(text[a:b])) for a, b in spans)
    assert normalize_slices(text, spans) == expected


@FAST
@given(st.lists(st.tuples(st.integers(0, 3), st.one_of(TEXTS, ONE_TO_ONE)), max_size=5))
def test_joined_slices_map_as_their_own_maps_do(gaps: list[tuple[int, str]]) -> None:
    # Gaps of 0 and 1 too: there a newline's segment, or a slice's first one, may
    # continue the segment before it, and joined() must merge them.
    original, pieces = "", []
    for gap, text in gaps:
        original += "#" * gap
        pieces.append((len(original), len(original) + len(text), normalize(text)))
        original += text
    norm = joined(pieces)
    text, starts, ends = "", [], []
    for i, (start, _, piece) in enumerate(pieces):
        if i:
            text += "\n"
            starts.append(pieces[i - 1][1])
            ends.append(start)
        text += piece.text
        starts.extend(s + start for s in piece.starts)
        ends.extend(e + start for e in piece.ends)
    assert (norm.text, norm.starts, norm.ends) == (text, tuple(starts), tuple(ends))
    assert norm == Normalized.from_offsets(text, starts, ends)
    for a in range(len(text)):
        for b in range(a + 1, len(text) + 1):
            assert norm.original_span(a, b) == (starts[a], ends[b - 1])


# FORMAT.md, "Normalisation for matching", by example


@pytest.mark.parametrize(
    ("original", "normalised"),
    [
        ("\u201chybrid threats,\u201d", '"hybrid threats,"'),
        ("\u201elow\u201c and \u00abangle\u00bb", '"low" and "angle"'),
        ("\u2039single\u203a", "'single'"),
        ("Russia\u2019s \u2018plea\u2019", "Russia's 'plea'"),
        ("5\u2032 3\u2033", "5' 3\""),
        ("de\u2010escalate", "de-escalate"),
        ("2021\u20132022", "2021-2022"),
        ("yes\u2014no", "yes-no"),
        ("\u22125 degrees", "-5 degrees"),
        ("non\u2011military", "non-military"),
        ("wait\u2026 what", "wait... what"),
        ("200\u00a0million", "200 million"),
        ("a \t\u00a0\u2009\u3000 b", "a b"),
        ("line one\r\nline two\nline\rthree", "line one line two line three"),
        ("zero\u200bwidth\u200c\u200d\u2060\ufeffgone", "zerowidthgone"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\ufb01nance", "finance"),
        ("\u2460 x\u00b2 \u00bd", "1 x2 1\u20442"),
        ("\uff26\uff55\uff4c\uff4c", "Full"),
        ("Nause\u0307da e\u0301", "Naus\u0117da \u00e9"),
        ("NATO Nato nato", "NATO Nato nato"),
        ("", ""),
    ],
)
def test_format_md_examples(original: str, normalised: str) -> None:
    assert normalize(original).text == normalised


def test_composition_survives_a_zero_width_character_in_between() -> None:
    # Dropping the zero-width space leaves "a" and the accent side by side;
    # they must compose now, or normalising again would change the text.
    assert normalize("a\u200b\u0301").text == "\u00e1"
    assert normalize("a\u00ad\u0301b").text == "\u00e1b"


def test_conjoining_jamo_compose_as_nfkc_does() -> None:
    assert normalize("\u1100\u1161\u11a8").text == "\uac01"


def test_ellipsis_maps_each_dot_to_the_one_original_character() -> None:
    norm = normalize("a \u2026 b")
    assert norm.text == "a ... b"
    assert norm.original_span(2, 5) == (2, 3)
    assert norm.original_span(3, 4) == (2, 3)
    assert norm.original_span(6, 7) == (4, 5)


def test_whitespace_run_maps_to_the_whole_run() -> None:
    text = "said\r\n\u00a0 \tnext"
    norm = normalize(text)
    assert norm.text == "said next"
    assert norm.original_span(4, 5) == (4, 9)
    assert norm.original_span(5, 9) == (9, 13)
    assert norm.original_span(0, 9) == (0, len(text))


def test_curly_quotes_map_to_their_own_position() -> None:
    text = "to \u201cde-escalate\u201d its"
    norm = normalize(text)
    assert norm.text == 'to "de-escalate" its'
    start = norm.text.index('"de')
    assert norm.original_span(start, start + 13) == (3, 16)
    assert text[3:16] == "\u201cde-escalate\u201d"


def test_combining_marks_stay_with_their_letter() -> None:
    text = "Iq\u0301bal said"
    norm = normalize(text)
    # NFKC has no precomposed q with acute: the mark stays, mapped with its letter.
    assert norm.text == text
    assert norm.original_span(1, 2) == (1, 3)
    assert norm.original_span(2, 3) == (1, 3)
    assert norm.original_span(3, 4) == (3, 4)


def test_empty_span_maps_to_a_point() -> None:
    norm = normalize("ab")
    assert norm.original_span(1, 1) == (1, 1)
    assert norm.original_span(2, 2) == (2, 2)
    assert normalize("").original_span(0, 0) == (0, 0)


def test_excerpt_is_stripped_of_outer_whitespace() -> None:
    assert normalize_excerpt("\u00a0 \u201cWe discussed\u201d\r\n ") == '"We discussed"'
