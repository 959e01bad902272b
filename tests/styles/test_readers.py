"""The readers on the shapes of issue #17, one shape a test (the corpus tests them together)."""

from __future__ import annotations

import datetime

import pytest

from factsheet.model import Figure, Location
from factsheet.outputs.brief_model import _figure_rows
from factsheet.outputs.coverage_report import numbers
from factsheet.source.reader import Source, parse_source
from factsheet.text.date_expressions import read_dates
from factsheet.text.lexicon import keeps_sentence
from factsheet.text.quantities import read_quantities
from factsheet.text.quotations import find_quotations
from factsheet.text.speakers import anonymous_source, attribute, sentence_spans


def article(body: str, date: str = "2024-10-08") -> Source:
    text = f"---\ntitle: T\ndate: {date}\n---\n\n{body}"
    return parse_source("a.txt", text.encode("utf-8"), "a.txt")


def speakers(source: Source) -> list[str | None]:
    out = []
    for quotation in find_quotations(source):
        speaker = attribute(source, quotation)
        out.append(speaker.name if speaker else None)
    return out


# 1. Quotations over several paragraphs.


@pytest.mark.parametrize(
    ("open_", "close"), [("\u2018", "\u2019"), ("\u201c", "\u201d"), ("'", "'")]
)
def test_a_quotation_over_several_paragraphs_is_its_first_speakers(open_: str, close: str) -> None:
    source = article(
        f"{open_}We were pushed to the limit,{close} said GMB organiser Dana Price.\n\n"
        f"{open_}They had one pay rise in four years.\n\n"
        f"{open_}Nobody wants this.{close}\n"
    )
    assert speakers(source) == ["Dana Price"] * 3


# 2. A title or organisation before the name.


@pytest.mark.parametrize(
    "cue",
    [
        "said GMB organiser Dana Price",
        "said Transport Secretary Dana Price",
        "said RMT general secretary Dana Price",
        "said Ms Price",
    ],
)
def test_the_person_after_a_title_or_organisation_speaks(cue: str) -> None:
    source = article(f"Dana Price leads the union.\n\n\u201cWe will strike,\u201d {cue}.\n")
    assert speakers(source) == ["Dana Price"]


# 3. Speakers named by role.


@pytest.mark.parametrize(
    ("named", "cue", "speaker"),
    [
        ("Finance Minister Karl Berg presented the budget.", "the minister said", "Karl Berg"),
        ("Judge Ann Webb sentenced him.", "the judge said", "Ann Webb"),
        ("Governor Elena Marsh spoke.", "the central bank chief said", "Elena Marsh"),
        ("The Bank of Northland held rates.", "the bank said", "Bank of Northland"),
        ("Greenfield Foods plc opened a plant.", "the company said", "Greenfield Foods"),
    ],
)
def test_a_role_resolves_to_whom_the_article_named_with_it(
    named: str, cue: str, speaker: str
) -> None:
    source = article(f"{named}\n\n\u201cThis is the right decision,\u201d {cue}.\n")
    assert speakers(source) == [speaker]


def test_a_role_no_one_was_named_with_is_unattributed() -> None:
    source = article("Prices rose.\n\n\u201cThis is the right decision,\u201d the minister said.\n")
    assert speakers(source) == [None]


# 4. Pronouns resolve to persons only.


def test_a_pronoun_never_resolves_to_a_fire_a_road_or_a_company() -> None:
    source = article(
        "Mayor Tom Reilly declared an emergency.\n\n"
        "The Harbor Fire burned near Ridge Road, and Pacific Grid said it cut power.\n\n"
        "\u201cWe evacuate early now,\u201d he said.\n"
    )
    assert speakers(source) == ["Tom Reilly"]


def test_a_pronoun_after_a_reported_sentence_is_its_speakers() -> None:
    source = article(
        "Prosecutor Ruth Adeyemi told the court that Graham Pike had lied.\n\n"
        "\u201cHe spent it on holidays,\u201d she said.\n"
    )
    assert speakers(source) == ["Ruth Adeyemi"]


# 5. Numbers as printed around the world.


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("75 000 households", 75_000, None),
        ("3\u2009200 metres", 3_200, None),
        ("R2-million", 2_000_000, "ZAR"),
        ("$12-billion", 12_000_000_000, "USD"),
        ("Rs 45,000 crore", 450_000_000_000, "INR"),
        ("Rs. 12,500 crore", 125_000_000_000, "INR"),
        ("\u20b928,000 crore", 280_000_000_000, "INR"),
        ("INR 6,000 crore", 60_000_000_000, "INR"),
        ("2.5 lakh families", 250_000, None),
        ("the ninth consecutive meeting", 9, None),
        ("\u00a38.2m", 8_200_000, "GBP"),
    ],
)
def test_numbers_as_printed_around_the_world(text: str, value: float, unit: str | None) -> None:
    (quantity,) = read_quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    "text", ["at 3 a.m. Monday", "at 6 p.m.", "at 16:30", "half a day", "first-half profit"]
)
def test_clock_times_and_half_a_day_are_no_figures(text: str) -> None:
    assert read_quantities(text) == []


# 6. Abbreviations do not end sentences.


@pytest.mark.parametrize(
    "text",
    [
        "The fire broke out at 3 a.m. Monday near the ridge.",
        "Mr. Reilly said the U.S. Forest Service would help.",
        "Mayor Thomas J. Reilly asked Gov. Maria Santos for help.",
        "The vote is set for Jan. 6 at No. 10 St. Paul Ave.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    assert len(sentence_spans(article(text))) == 1


def test_a_clock_time_at_the_end_of_a_sentence_ends_it() -> None:
    text = "The fire started at 3 a.m. Crews arrived soon after."
    assert not keeps_sentence(text, text.index("a.m.") + 3)


# 7. Dates in US and British styles.

TUESDAY = datetime.date(2024, 10, 8)


def _read(text: str) -> list[list[str]]:
    return [[c.iso() for c in m.candidates] for m in read_dates(text, TUESDAY)]


def test_said_tuesday_is_the_day_of_the_saying() -> None:
    assert _read("Delgado said Tuesday that crews held the line.") == [["2024-10-08"]]


def test_a_month_without_a_year_is_read_by_tense() -> None:
    assert _read("The plant opened in March.") == [["2024-03-01/2024-03-31"]]
    assert _read("The union will ballot again in March.") == [["2025-03-01/2025-03-31"]]


def test_two_events_in_one_sentence_keep_their_own_tense() -> None:
    found = _read("Fire crews arrived Monday; rain is forecast Thursday.")
    # The second event is still read both ways (a known limitation: quiet, not a false finding).
    assert found == [["2024-10-07"], ["2024-10-03", "2024-10-10"]]


def test_a_reporting_verb_after_a_future_date_is_not_its_tense() -> None:
    assert _read("Talks will resume on Monday, officials said.") == [["2024-10-14"]]


# 9. An anonymous source is credited in its own words.


def test_an_anonymous_source_is_credited_in_its_own_words() -> None:
    source = article("The vote passed with 17 votes, officials said.\n")
    assert anonymous_source(source, source.text.index("The vote")) == "officials"


# 10. Briefs and coverage.


def _figure(value: float, unit: str | None) -> Figure:
    at = Location(1, 1)
    return Figure(value, unit, None, at, at)


def test_a_brief_lists_unlabelled_figures_and_brackets_only_a_conversion() -> None:
    (row,) = _figure_rows([_figure(5, "percent"), _figure(3, "percent")])
    assert row.value == "5%, 3%"
    (row,) = _figure_rows([_figure(200_000_000, "EUR"), _figure(226_000_000, "USD")])
    assert row.value == r"€200 million (\$226 million)"  # the conversion bracketed, `$` escaped


def test_the_parts_of_a_date_are_no_uncovered_numbers() -> None:
    source = article("The plant opened on 1 March 2021 and hired 300 people by June 4.\n")
    found = [source.text[a:b] for a, b in numbers(source)]
    assert found == ["300"]


def test_a_role_two_people_share_in_one_paragraph_is_unattributed() -> None:
    source = article(
        "Finance Minister Karl Berg met Foreign Minister Ana Ruiz.\n\n"
        "\u201cThis is the right decision,\u201d the minister said.\n"
    )
    assert speakers(source) == [None]


# Found by the articles written last.


def test_a_bare_dollar_sign_is_any_dollar_currency() -> None:
    from factsheet.text.amounts import same_unit

    (bare,) = read_quantities("$12-billion")
    (us,) = read_quantities("US$12 billion")
    assert same_unit(bare, "CAD")
    assert same_unit(bare, "AUD")
    assert not same_unit(bare, "EUR")
    assert not same_unit(us, "CAD")


def test_ben_and_al_are_given_names() -> None:
    from factsheet.text.person_names import same_person

    assert same_person("Cho", "Ben Cho")
    assert same_person("Gore", "Al Gore")


def test_one_in_five_is_a_ratio() -> None:
    assert [q.value for q in read_quantities("that one in five patients")] == [1, 5]


def test_a_title_with_its_portfolio_is_no_part_of_the_name() -> None:
    source = article(
        "Minister for Health Siobh\u00e1n Keane spoke.\n\n"
        "\u201cWe are heading in the right direction,\u201d Ms Keane said.\n"
    )
    assert speakers(source) == ["Siobh\u00e1n Keane"]


def test_should_looks_ahead() -> None:
    assert _read("The company said the rest should be reconnected by Sunday.") == [
        ["0001-01-01/2024-10-06", "0001-01-01/2024-10-13"]
    ]


def test_a_speech_noun_after_its_modifier_is_no_cue() -> None:
    source = article(
        "\u201cYou cannot spend your way out,\u201d Mr Lang said in his budget reply. "
        "\u201cThe Treasurer knows it.\u201d\n"
    )
    assert speakers(source) == ["Lang", "Lang"]


def test_the_capitalised_role_is_a_role() -> None:
    source = article(
        "Treasurer Karen Dunn spoke.\n\n\u201cRelief is coming,\u201d the Treasurer said.\n"
    )
    assert speakers(source) == ["Karen Dunn"]


@pytest.mark.parametrize(
    ("cue", "speaker"),
    [
        ("said council leader Ana Ruiz", "Ana Ruiz"),
        ("said the party's housing spokesman Tom Berg", "Tom Berg"),
    ],
)
def test_said_before_a_role_and_the_name(cue: str, speaker: str) -> None:
    source = article(f"\u201cThis is a turning point,\u201d {cue}.\n")
    assert speakers(source) == [speaker]


def test_no_inversion_past_a_verb() -> None:
    source = article(
        "Kobus Venter spoke.\n\n\u201cPay up,\u201d Venter said the municipality owed Rand Water.\n"
    )
    assert speakers(source) == ["Kobus Venter"]
