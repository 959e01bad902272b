"""Sources (header, front matter, paragraphs, positions) and finding excerpts in them."""

from __future__ import annotations

import itertools
import re

import pytest

from factsheet.model import Location
from factsheet.source.matching import (
    MIN_SIMILARITY,
    closest,
    compile_excerpt,
    differences,
    find,
    unique_context,
)
from factsheet.source.reader import Source, parse_source
from helpers import SEED, SEED_NAME

SEED_SOURCE = parse_source(f"seeds/{SEED_NAME}", SEED.read_bytes(), SEED_NAME)


def source(text: str, name: str = "article.txt") -> Source:
    return parse_source(f"seeds/{name}", text.encode("utf-8"), name)


def where(src: Source, excerpt: str) -> list[tuple[str, str]]:
    """Each match as (start, end) ``line:column`` in the original file."""
    return [(str(src.locate(m.start)), str(src.locate(m.end))) for m in find(src, excerpt)]


def matched(src: Source, excerpt: str) -> list[str]:
    """The original text of each match."""
    return [src.text[m.start : m.end] for m in find(src, excerpt)]


# Header, front matter, title and date


def test_seed_header_gives_date_and_title_and_is_not_body() -> None:
    assert SEED_SOURCE.date == "2021-11-28"
    assert SEED_SOURCE.title == (
        "During a visit to the Baltic, the EU and NATO pledged to take action against "
        "hybrid threats."
    )
    assert SEED_SOURCE.locate(SEED_SOURCE.paragraphs[0].start) == Location(3, 1)
    assert len(SEED_SOURCE.paragraphs) == 16
    assert find(SEED_SOURCE, "pledged to take action against hybrid threats") == ()


def test_header_after_blank_lines_with_crlf() -> None:
    src = source("\r\n  \r\n date 2024-02-29   A title  \r\n\r\nBody text.\r\n")
    assert (src.date, src.title) == ("2024-02-29", "A title")
    assert [src.text[p.start : p.end] for p in src.paragraphs] == ["Body text."]
    assert src.locate(src.paragraphs[0].start) == Location(5, 1)


def test_a_line_that_only_mentions_a_date_is_body() -> None:
    src = source("Updated date 2021-11-28 by the desk.\n\nMore.\n", "plain.txt")
    assert (src.title, src.date) == ("plain.txt", None)
    assert where(src, "Updated date") == [("1:1", "1:13")]


def test_front_matter_gives_title_date_url() -> None:
    text = (
        "---\n"
        "title: Leaders pledge action\n"
        "date: 2021-11-28\n"
        "url: https://example.org/baltic\n"
        "publisher: Example Wire\n"
        "---\n"
        "First paragraph.\n"
        "\n"
        "Second paragraph.\n"
    )
    src = source(text, "wire.md")
    assert src.title == "Leaders pledge action"
    assert src.date == "2021-11-28"
    assert src.meta["url"] == "https://example.org/baltic"
    assert src.meta["publisher"] == "Example Wire"
    assert where(src, "Second paragraph.") == [("9:1", "9:18")]
    assert find(src, "Leaders pledge action") == ()


def test_without_header_or_front_matter_the_title_is_the_file_name() -> None:
    src = source("Just a paragraph.\n\nAnother one.\n", "notes.txt")
    assert (src.title, src.date) == ("notes.txt", None)
    assert [src.text[p.start : p.end] for p in src.paragraphs] == [
        "Just a paragraph.",
        "Another one.",
    ]


# Paragraphs and positions


def test_paragraphs_are_split_by_blank_lines_only() -> None:
    src = source("one line\ncontinues here\n\n  \t\nnext paragraph\n\n\n\nlast\n")
    assert [src.text[p.start : p.end] for p in src.paragraphs] == [
        "one line\ncontinues here",
        "next paragraph",
        "last",
    ]
    assert where(src, "line continues") == [("1:5", "2:10")]


def test_bom_is_ignored_for_positions() -> None:
    src = source("\ufeffFirst words here.\n\nSecond.\n")
    assert src.text.startswith("First")
    assert where(src, "words") == [("1:7", "1:12")]


def test_crlf_positions_are_original_line_and_column() -> None:
    crlf = SEED.read_bytes().replace(b"\n", b"\r\n")
    src = parse_source("seeds/crlf.txt", crlf, "crlf.txt")
    assert src.date == "2021-11-28"
    assert where(src, "the EU had decided to quadruple") == [("17:32", "17:63")]
    assert where(src, "scale up") == [("15:28", "15:36")]


def test_crlf_inside_a_paragraph_is_one_space() -> None:
    src = source("The EU had decided\r\nto quadruple its spending.\r\n\r\nNext.\r\n")
    assert where(src, "decided to quadruple") == [("1:12", "2:13")]
    assert matched(src, "decided to quadruple") == ["decided\r\nto quadruple"]


def test_columns_count_characters_not_bytes() -> None:
    src = source("\u201cNausėda\u201d — Šiauliai, €200 million.\n")
    assert where(src, "Šiauliai") == [("1:13", "1:21")]
    assert where(src, "€200 million") == [("1:23", "1:35")]


def test_no_break_space_and_line_break_match_a_plain_space() -> None:
    src = source("to 200\u00a0million\neuros in all\n")
    assert where(src, "200 million euros") == [("1:4", "2:6")]


# Exact matching


def test_exact_excerpt_in_the_seed() -> None:
    excerpt = (
        "the EU had decided to quadruple its spending for border control in Latvia, "
        "Lithuania, and Poland to 200 million euros ($226 million) for the years 2021 and 2022"
    )
    assert where(SEED_SOURCE, excerpt) == [("17:32", "17:192")]


@pytest.mark.parametrize(
    "excerpt",
    [
        "We discussed how we could scale up our collaborative efforts between NATO and the EU",
        "\u201cWe discussed how",
        '"We discussed how',
        "the EU,\u201d Stoltenberg said",
        'the EU," Stoltenberg said',
        "the EU,\u201f Stoltenberg said",
    ],
)
def test_curly_and_straight_quotes_match_alike(excerpt: str) -> None:
    assert len(find(SEED_SOURCE, excerpt)) == 1
    assert SEED_SOURCE.locate(find(SEED_SOURCE, excerpt)[0].start).line == 15


def test_curly_apostrophe_and_dashes_match_straight_ones() -> None:
    assert where(SEED_SOURCE, "NATO's Article 4") == [("23:90", "23:106")]
    assert where(SEED_SOURCE, "NATO\u2019s Article 4") == [("23:90", "23:106")]
    assert where(SEED_SOURCE, "combat\u2013ready men") == [("31:76", "31:92")]


def test_matching_is_case_sensitive() -> None:
    assert find(SEED_SOURCE, "the eu had decided") == ()
    assert find(SEED_SOURCE, "THE EU HAD DECIDED") == ()


def test_whole_words_only() -> None:
    assert find(SEED_SOURCE, "EU had decided") != ()
    assert find(SEED_SOURCE, "U had decided") == ()
    assert find(SEED_SOURCE, "the EU had decide") == ()
    assert find(SEED_SOURCE, "quadruple its spend") == ()


def test_a_match_starts_at_a_curly_quote_and_ends_after_one() -> None:
    assert matched(SEED_SOURCE, '"de-escalate"') == ["\u201cde-escalate\u201d"]
    assert where(SEED_SOURCE, '"de-escalate"') == [("5:80", "5:93")]


def test_every_occurrence_is_found() -> None:
    assert where(SEED_SOURCE, "Latvia, Lithuania, and Poland") == [
        ("17:99", "17:128"),
        ("21:148", "21:177"),
    ]
    assert len(find(SEED_SOURCE, "NATO")) == 9
    assert len(find(SEED_SOURCE, "NATO", limit=3)) == 3


@pytest.mark.parametrize("needle", ["a", "ab", "a b", ",", '"a', "b,", "\u00e9"])
def test_plain_words_are_found_as_their_pattern_finds_them(needle: str) -> None:
    # compile_excerpt gives str.find in place of a regex for plain words: every
    # short text, and every pos and endpos, as re.Pattern.search treats them.
    head = r"(?<!\w)" if re.match(r"\w", needle[0]) else ""
    tail = r"(?!\w)" if re.match(r"\w", needle[-1]) else ""
    regex = re.compile(head + re.escape(needle) + tail)
    literal = compile_excerpt(needle)
    assert literal is not None
    assert not isinstance(literal, re.Pattern)
    for size in range(5):
        for letters in itertools.product("ab ,\u00e9", repeat=size):
            text = "".join(letters)
            for pos in range(-2, size + 2):
                for endpos in range(-2, size + 2):
                    expected = regex.search(text, pos, endpos)
                    found = literal.search(text, pos, endpos)
                    assert found is None or found.span() == (found.start(), found.end())
                    assert (found and found.span()) == (expected and expected.span()), (
                        text,
                        pos,
                        endpos,
                    )


@pytest.mark.parametrize("needle", ["a", "ab", "a b", ",", "b,", ", a"])
def test_find_for_plain_words_is_the_pattern_search(needle: str) -> None:
    # find() searches plain words by str.find, inlined: every start the pattern
    # finds, resuming one past each start, up to the limit.
    head = r"(?<!\w)" if re.match(r"\w", needle[0]) else ""
    tail = r"(?!\w)" if re.match(r"\w", needle[-1]) else ""
    regex = re.compile(head + re.escape(needle) + tail)
    for size in range(1, 6):
        for letters in itertools.product("ab ,", repeat=size):
            src = source("a,b\n\n" + "".join(letters) + "\n\nb a")
            for limit in (1, 2, 20):
                expected: list[tuple[int, int]] = []
                pos = 0
                while len(expected) < limit and (m := regex.search(src.norm.text, pos)):
                    expected.append(src.norm.original_span(m.start(), m.end()))
                    pos = m.start() + 1
                found = find(src, needle, limit)
                assert [(m.start, m.end) for m in found] == expected, (src.text, limit)


# Omissions: "..." and "…"


@pytest.mark.parametrize("dots", ["...", "\u2026", " ... ", " \u2026 ", "[...]", " [\u2026] "])
def test_elision_within_a_paragraph(dots: str) -> None:
    excerpt = f"the EU had decided to quadruple its spending{dots}for the years 2021 and 2022"
    assert where(SEED_SOURCE, excerpt) == [("17:32", "17:192")]


def test_elision_keeps_order() -> None:
    assert find(SEED_SOURCE, "for the years 2021 and 2022 ... the EU had decided") == ()


def test_elision_never_spans_paragraphs() -> None:
    assert find(SEED_SOURCE, "Stoltenberg said. ... Von der Leyen also stated") == ()
    assert find(SEED_SOURCE, "including drones ... Thousands of migrants") == ()


def test_several_elisions() -> None:
    excerpt = (
        "The \u201cextraordinary\u201d build-up \u2026 "
        "according to Stoltenberg, \u2026 unexplained."
    )
    assert where(SEED_SOURCE, excerpt) == [("31:1", "31:223")]


def test_elided_parts_are_whole_words() -> None:
    assert find(SEED_SOURCE, "the EU had decid... 2022") == ()


# Insertions: [words]


def test_insertion_for_one_word() -> None:
    assert where(SEED_SOURCE, "the EU had decided [to] quadruple") == [("17:32", "17:63")]


def test_insertion_standing_for_no_words() -> None:
    assert where(SEED_SOURCE, "the EU had decided [] to quadruple") == [("17:32", "17:63")]
    assert where(SEED_SOURCE, "the EU had decided [then] to quadruple") == [("17:32", "17:63")]


def test_insertion_for_several_words_with_different_wording() -> None:
    excerpt = "Von der Leyen [said that the European Union] had decided to quadruple"
    assert where(SEED_SOURCE, excerpt) == [("17:1", "17:63")]


def test_insertion_stands_for_at_most_twelve_words() -> None:
    # "also stated that the EU had decided to quadruple its spending for" is 12 words.
    assert where(SEED_SOURCE, "Von der Leyen [x] border control") == [("17:1", "17:95")]
    assert find(SEED_SOURCE, "Von der Leyen [x] control") == ()
    assert find(SEED_SOURCE, "Von der Leyen [x] control in Latvia") == ()


def test_twelve_word_limit_counts_source_words_not_inserted_ones() -> None:
    many = "[" + " ".join(["word"] * 20) + "]"
    assert where(SEED_SOURCE, f"the EU {many} quadruple its") == [("17:32", "17:67")]
    assert find(SEED_SOURCE, f"Von der Leyen {many} control") == ()


def test_insertion_attached_to_a_word() -> None:
    assert matched(SEED_SOURCE, "[T]he EU had decided") == ["he EU had decided"]
    assert len(find(SEED_SOURCE, "[T]he EU had decided")) == 1


def test_leading_insertion_is_one_match_at_the_quoted_words() -> None:
    assert where(SEED_SOURCE, "[The Union] had decided to quadruple") == [("17:39", "17:63")]


def test_trailing_insertion_does_not_stretch_the_match() -> None:
    assert where(SEED_SOURCE, "had decided to quadruple [the budget]") == [("17:39", "17:63")]


def test_excerpt_of_insertions_only_matches_nothing() -> None:
    assert find(SEED_SOURCE, "[the EU]") == ()
    assert find(SEED_SOURCE, "... [x] ...") == ()


def test_insertion_with_elision() -> None:
    excerpt = "[She] stated that the funds would be used ... including drones."
    assert where(SEED_SOURCE, excerpt) == [("19:5", "19:125")]


# Closest passage and differences


def test_closest_names_passage_similarity_and_words() -> None:
    near = closest(SEED_SOURCE, "the EU had decided to tripled its spending")
    assert near is not None
    assert SEED_SOURCE.locate(near.start) == Location(17, 32)
    assert near.passage == "the EU had decided to quadruple its spending"
    assert SEED_SOURCE.text[near.start : near.end] == near.passage
    assert near.differences == '"tripled" ≠ source "quadruple"'
    assert MIN_SIMILARITY <= near.similarity < 100


def test_closest_for_a_changed_number() -> None:
    near = closest(SEED_SOURCE, "to 300 million euros ($226 million)")
    assert near is not None
    assert SEED_SOURCE.locate(near.start) == Location(17, 129)
    assert near.differences == '"300" ≠ source "200"'


def test_closest_for_a_quote_in_curly_quotes() -> None:
    near = closest(SEED_SOURCE, "We discussed how we could step up our collaborative efforts")
    assert near is not None
    assert SEED_SOURCE.locate(near.start) == Location(15, 2)
    assert near.differences == '"step" ≠ source "scale"'


def test_closest_ignores_insertions_and_joins_elided_parts() -> None:
    near = closest(SEED_SOURCE, "the EU had decided [then] to triple its spending")
    assert near is not None
    assert SEED_SOURCE.locate(near.start).line == 17
    assert '"triple" ≠ source "quadruple"' in near.differences


def test_nothing_close_enough() -> None:
    assert closest(SEED_SOURCE, "Gardeners planted tomatoes early this spring") is None
    assert closest(SEED_SOURCE, "[only an insertion]") is None


def test_differences_wording() -> None:
    assert differences("to triple its", "to quadruple its") == '"triple" ≠ source "quadruple"'
    assert differences("the EU decided", "the EU had decided") == 'source has "had" here'
    assert differences("the big EU had", "the EU had") == '"big" is not in the source'
    assert differences("a, b", "a b") == ""


# Extra context for an ambiguous excerpt


def test_unique_context_extends_to_a_unique_excerpt() -> None:
    first, second = find(SEED_SOURCE, "Latvia, Lithuania, and Poland")
    for match in (first, second):
        context = unique_context(SEED_SOURCE, match, "Latvia, Lithuania, and Poland")
        assert context is not None
        assert "Latvia, Lithuania, and Poland" in context
        (found,) = find(SEED_SOURCE, context)
        assert found.start <= match.start
        assert match.end <= found.end


def test_unique_context_keeps_punctuation_that_touches_the_excerpt() -> None:
    first, second = find(SEED_SOURCE, "de-escalate")
    assert unique_context(SEED_SOURCE, first, "de-escalate") == "de-escalate\u201d its"
    assert unique_context(SEED_SOURCE, second, "de-escalate") == "de-escalate, reduce"
    assert len(find(SEED_SOURCE, "de-escalate\u201d its")) == 1


def test_a_leading_markdown_rule_is_not_front_matter() -> None:
    text = "---\nA hybrid threat: a *type* of [threat\n---\n\nBody text.\n"
    source = parse_source("seeds/rule.md", text.encode(), "rule.md")
    assert (source.title, source.date) == ("rule.md", None)
    assert [source.text[p.start : p.end] for p in source.paragraphs][-1] == "Body text."
