"""``factsheet suggest``: a draft fact file that checks clean as it stands."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factsheet.outputs.draft import build_draft
from factsheet.outputs.draft_model import Draft, NothingToSuggest
from factsheet.outputs.draft_yaml import render, scalar
from factsheet.source.reader import parse_source
from helpers import FIXTURES, SEED_NAME, SHIPPED_FACTS, Project, invoke

ARTICLES = FIXTURES / "articles"
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _draft(runner: CliRunner, project: Project, name: str, target: str = "draft.yaml") -> Any:
    """Suggest for seeds/NAME into facts/TARGET; return the parsed YAML."""
    code, out, err = invoke(runner, "suggest", name, "--output", f"facts/{target}")
    assert code == 0, err
    assert out == ""
    return yaml.safe_load((project.root / "facts" / target).read_text(encoding="utf-8"))


def _checks_clean(runner: CliRunner) -> str:
    code, out, err = invoke(runner, "check", "--strict")
    assert code == 0, out + err
    assert ", 0 errors, 0 warnings" in out
    return out


def _add_article(project: Project, name: str) -> None:
    shutil.copy(ARTICLES / name, project.root / "seeds" / name)


def _quotes(data: Any) -> list[tuple[str, Any]]:
    return [(f["quote"], f["speaker"]) for f in data["facts"] if f["kind"] == "quote"]


def _speaker_of(data: Any, start: str) -> Any:
    found = [speaker for quote, speaker in _quotes(data) if quote.startswith(start)]
    assert len(found) == 1, (start, _quotes(data))
    return found[0]


def _figures(data: Any) -> list[tuple[float, str | None]]:
    return [
        (figure["value"], figure.get("unit"))
        for fact in data["facts"]
        for figure in fact.get("figures", [])
    ]


def _dated(data: Any) -> dict[str, str]:
    """Evidence → date of every dated fact."""
    return {f["evidence"]: str(f["date"]) for f in data["facts"] if "date" in f}


# The seed article --------------------------------------------------------------


def test_seed_draft_checks_clean(runner: CliRunner, project: Project) -> None:
    data = _draft(runner, project, SEED_NAME)
    out = _checks_clean(runner)
    assert f"{len(data['facts'])} facts in 1 file" in out
    assert data["source"] == SEED_NAME
    assert re.fullmatch(r"[0-9a-f]{64}", data["sha256"])
    ids = [f["id"] for f in data["facts"]]
    assert len(ids) == len(set(ids))
    assert all(SLUG.match(i) for i in ids)


def test_seed_full_sentence_quotations_and_speakers(runner: CliRunner, project: Project) -> None:
    data = _draft(runner, project, SEED_NAME)
    full = [
        (quote, speaker)
        for quote, speaker in _quotes(data)
        if quote[:1].isupper() and len(quote.split()) > 6
    ]
    assert [speaker for _, speaker in full] == [
        "Ursula von der Leyen",
        "Jens Stoltenberg",
        "Gitanas Nauseda",
        "Jens Stoltenberg",
    ]
    # The fifth runs on after "adding that": a Stoltenberg quotation in lower case.
    assert _speaker_of(data, "if they choose to use force") == "Jens Stoltenberg"
    assert _speaker_of(data, "It is critical that the European Union") == "Ursula von der Leyen"
    assert _speaker_of(data, "The message to Russia is to de-escalate") == "Jens Stoltenberg"
    # Quoted words keep the source's own wording, without the comma that ends the quotation.
    assert (
        "We discussed how we could scale up our collaborative efforts between NATO and the EU",
        "Jens Stoltenberg",
    ) in _quotes(data)


def test_seed_currency_figures(runner: CliRunner, project: Project) -> None:
    data = _draft(runner, project, SEED_NAME)
    figures = _figures(data)
    assert (200000000, "EUR") in figures
    assert (226000000, "USD") in figures
    assert (4, "times") in figures  # quadruple
    assert not [f for f in figures if f[0] in (2021, 2022)], "years are dates, not figures"
    assert (4, None) not in figures, "Article 4 names a clause; it is no figure"
    fact = next(f for f in data["facts"] if (200000000, "EUR") in _figures({"facts": [f]}))
    assert fact["kind"] == "figure"
    assert fact["speaker"] == "Ursula von der Leyen"  # "Von der Leyen also stated that"
    assert fact["statement"] == fact["evidence"]
    assert fact["evidence"].startswith("Von der Leyen also stated that the EU had decided")


def test_seed_sunday_and_tuesday_resolved(runner: CliRunner, project: Project) -> None:
    data = _draft(runner, project, SEED_NAME)
    dated = _dated(data)
    sunday = [d for e, d in dated.items() if "on Sunday" in e]
    tuesday = [d for e, d in dated.items() if "on Tuesday" in e]
    assert sunday == ["2021-11-28"]
    assert tuesday == ["2021-11-30"]
    assert all(f["kind"] == "event" for f in data["facts"] if "date" in f)


def test_seed_unattributed_quotation_is_listed_not_invented(
    runner: CliRunner, project: Project
) -> None:
    code, out, _ = invoke(runner, "suggest", SEED_NAME)
    assert code == 0
    data = yaml.safe_load(out)
    assert "hybrid threats" not in [q for q, _ in _quotes(data)]
    assert "# Left out of this draft:" in out
    assert "line 3: \u201chybrid threats\u201d (the article attributes it to no one)" in out


def test_seed_shared_scare_quote_names_both_speakers(runner: CliRunner, project: Project) -> None:
    data = _draft(runner, project, SEED_NAME)
    fact = next(f for f in data["facts"] if f.get("quote") == "hybrid")
    assert fact["speaker"] == ["Jens Stoltenberg", "Ursula von der Leyen"]
    assert fact["ignore"] == ["FS102"]  # "hybrid" occurs elsewhere too, unavoidably
    assert "line 9" in fact["note"]


def test_output_is_deterministic(runner: CliRunner, project: Project) -> None:
    first = invoke(runner, "suggest", SEED_NAME)
    second = invoke(runner, "suggest", SEED_NAME)
    assert first == second
    assert first[1].endswith("\n")


# Articles with other attribution patterns ------------------------------------------


def test_flood_fund_article(runner: CliRunner, project: Project) -> None:
    _add_article(project, "flood-fund.txt")
    data = _draft(runner, project, "flood-fund.txt")
    _checks_clean(runner)
    # Attribution before the quotation, with a title.
    assert _speaker_of(data, "This fund will protect") == "Maria Lindqvist"
    # "said Name, who chairs ...", and the quotation that continues after it.
    assert _speaker_of(data, "We have waited far too long") == "Pedro Alvarez"
    assert _speaker_of(data, "Now we are finally acting.") == "Pedro Alvarez"
    # A quotation split by its attribution: both halves, by the surname's full name.
    assert _speaker_of(data, "The money") == "Maria Lindqvist"
    assert _speaker_of(data, "will reach the regions") == "Maria Lindqvist"
    # "“A,” she said. “B.”": two quotes by the same speaker, the pronoun resolved.
    assert _speaker_of(data, "It is a start, not a solution") == "Anna de Vries"
    assert _speaker_of(data, "We will need far more.") == "Anna de Vries"
    figures = _figures(data)
    assert (1200000000, "EUR") in figures  # €1.2 billion
    assert (40, "percent") in figures
    assert (12, "percent") in figures
    by_value = {fig["value"]: fact for fact in data["facts"] for fig in fact.get("figures", [])}
    assert by_value[40]["speaker"] == "Pedro Alvarez"  # "Alvarez, who represents ..., said"
    assert by_value[12]["speaker"] == "European Environment Agency"  # "according to figures from"
    dated = _dated(data)
    assert [d for e, d in dated.items() if "on Tuesday" in e] == ["2024-03-12"]
    assert [d for e, d in dated.items() if "on April 2" in e] == ["2024-04-02"]
    assert (2, None) not in figures, "the day of a date is no figure"


def test_port_strike_article(runner: CliRunner, project: Project) -> None:
    _add_article(project, "port-strike.md")
    code, out, err = invoke(runner, "suggest", "port-strike.md")
    assert code == 0, err
    data = yaml.safe_load(out)
    (project.root / "facts" / "port.yaml").write_text(out, encoding="utf-8")
    _checks_clean(runner)
    assert _speaker_of(data, "Nobody wins when the ships stand still.") == "Kaja Rebane"
    assert _speaker_of(data, "The agreement is fair") == "Kaja Rebane"
    assert _speaker_of(data, "Both sides gave something.") == "Kaja Rebane"
    assert _speaker_of(data, "a victory for every worker") == "Tomas Berg"
    figures = _figures(data)
    assert (7.5, "percent") in figures
    assert (2000, "containers") in figures
    assert (3500000000, "USD") in figures
    by_value = {fig["value"]: fact for fact in data["facts"] for fig in fact.get("figures", [])}
    assert by_value[2000]["speaker"] == "Kaja Rebane"  # "She added that"
    assert by_value[2000]["id"] == "containers-waiting-unloaded"  # key words, not amounts
    assert by_value[7.5]["date"] == "2023-06-05"  # "on Monday", read against the front matter
    dated = _dated(data)
    assert [d for e, d in dated.items() if "from 12 to 14 June" in e] == ["2023-06-12/2023-06-14"]
    # "officials said" names no one: no quote fact, but listed for the curator.
    assert "We will be watching closely" not in [q for q, _ in _quotes(data)]
    assert "\u201cWe will be watching closely\u201d (the article attributes it to no one)" in out


def test_article_without_quotes_figures_or_dates_gets_a_claim(
    runner: CliRunner, project: Project
) -> None:
    (project.root / "seeds" / "plain.txt").write_text(
        "The committee met in Riga.\n\nIt discussed the harbour.\n", encoding="utf-8"
    )
    data = _draft(runner, project, "plain.txt")
    assert [f["kind"] for f in data["facts"]] == ["claim"]
    assert data["facts"][0]["evidence"] == "The committee met in Riga."
    _checks_clean(runner)


def test_awkward_characters_round_trip(runner: CliRunner, project: Project) -> None:
    text = (
        'Officer Jane O\'Neill said: "Backslashes \\ and "inner" marks: #1 is no comment." '
        "\n\nThe port handled 1,500 tonnes on Sunday: yes: no \u2028 {a: b} & *x.\n"
    )
    (project.root / "seeds" / "odd.txt").write_text(" date 2022-05-03 Odd\n\n" + text, "utf-8")
    data = _draft(runner, project, "odd.txt")
    _checks_clean(runner)
    assert (1500, "tonnes") in _figures(data)


@pytest.mark.parametrize(
    "text",
    ['a "b" \\ c', "tab\tnew\nline", "\u2028\u2029\x85\ufeff", "x\x00y\x1b", "ünï €", "'#: -"],
)
def test_scalar_reads_back_exactly(text: str) -> None:
    assert yaml.safe_load(f"k: {scalar(text)}")["k"] == text


def test_build_draft_avoids_taken_ids() -> None:
    from helpers import SEED

    source = parse_source(f"seeds/{SEED_NAME}", SEED.read_bytes(), SEED_NAME)
    plain = build_draft(source, SEED_NAME)
    taken = {f.id for f in plain.facts}
    other = build_draft(source, SEED_NAME, taken)
    assert isinstance(other, Draft)
    assert not taken & {f.id for f in other.facts}
    assert render(plain) != render(other)


def test_empty_source_is_a_clear_error(runner: CliRunner, project: Project) -> None:
    (project.root / "seeds" / "empty.txt").write_text(" date 2022-01-01 Empty\n", "utf-8")
    code, out, err = invoke(runner, "suggest", "empty.txt")
    assert code == 2
    assert out == ""
    assert "empty.txt has no body text" in err
    with pytest.raises(NothingToSuggest):
        build_draft(parse_source("seeds/e.txt", b"", "e.txt"), "e.txt")


# The command: SOURCE and --output ------------------------------------------------


def test_source_as_path_inside_seeds(runner: CliRunner, project: Project) -> None:
    by_name = invoke(runner, "suggest", SEED_NAME)
    by_path = invoke(runner, "suggest", f"seeds/{SEED_NAME}")
    by_absolute = invoke(runner, "suggest", str(project.root / "seeds" / SEED_NAME))
    assert by_name[0] == by_path[0] == by_absolute[0] == 0
    assert by_name[1] == by_path[1] == by_absolute[1]
    assert f'source: "{SEED_NAME}"' in by_name[1]


def test_source_in_a_subfolder_of_seeds(runner: CliRunner, project: Project) -> None:
    (project.root / "seeds" / "2021").mkdir()
    shutil.copy(project.root / "seeds" / SEED_NAME, project.root / "seeds" / "2021" / "a.txt")
    data = _draft(runner, project, "seeds/2021/a.txt")
    assert data["source"] == "2021/a.txt"
    _checks_clean(runner)


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("../factsheet.toml", "leaves the seeds folder"),
        ("factsheet.toml", "is not inside the seeds folder (seeds)"),
        ("missing.txt", "source 'missing.txt' not found in the seeds folder"),
    ],
)
def test_source_outside_seeds_exits_2(
    runner: CliRunner, project: Project, arg: str, message: str
) -> None:
    code, out, err = invoke(runner, "suggest", arg)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


def test_absolute_path_outside_seeds_exits_2(
    runner: CliRunner, project: Project, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Text.\n", encoding="utf-8")
    code, _, err = invoke(runner, "suggest", str(outside))
    assert code == 2
    assert "is not inside the seeds folder" in err


def test_output_refuses_existing_file_without_force(runner: CliRunner, project: Project) -> None:
    target = project.facts("draft.yaml", "keep me\n")
    code, _, err = invoke(runner, "suggest", SEED_NAME, "--output", "facts/draft.yaml")
    assert code == 2
    assert "facts/draft.yaml already exists; use --force to replace it" in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    code, _, err = invoke(runner, "suggest", SEED_NAME, "--output", "facts/draft.yaml", "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Draft facts suggested")
    _checks_clean(runner)


def test_output_never_over_its_source(runner: CliRunner, project: Project) -> None:
    seed = project.root / "seeds" / SEED_NAME
    before = seed.read_bytes()
    code, _, err = invoke(runner, "suggest", SEED_NAME, "-o", f"seeds/{SEED_NAME}", "--force")
    assert code == 2
    assert "refusing to write the draft over its own source" in err
    assert seed.read_bytes() == before


def test_draft_beside_the_shipped_facts_checks_clean(runner: CliRunner, project: Project) -> None:
    shutil.copy(SHIPPED_FACTS, project.root / "facts" / SHIPPED_FACTS.name)
    _draft(runner, project, SEED_NAME)
    out = _checks_clean(runner)
    assert "in 2 files" in out


def test_help_names_source(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "suggest", "--help")
    assert code == 0
    assert "SOURCE" in out
    assert "--force" in out


def test_repeated_sentence_gets_unique_evidence(runner: CliRunner, project: Project) -> None:
    (project.root / "seeds" / "twice.txt").write_text(
        "Prices rose 3%. Prices rose 3%. Wages did not.\n\nCosts fell 2%.\n\nCosts fell 2%.\n",
        encoding="utf-8",
    )
    data = _draft(runner, project, "twice.txt")
    _checks_clean(runner)  # --strict: no FS102 left unhandled
    prices = [f for f in data["facts"] if f["statement"] == "Prices rose 3%."]
    assert [f["evidence"] for f in prices] == ["Prices rose 3%. Prices", "Prices rose 3%. Wages"]
    assert not any("ignore" in f for f in prices)
    costs = [f for f in data["facts"] if f["statement"] == "Costs fell 2%."]
    assert [f["ignore"] for f in costs] == [["FS102"], ["FS102"]]  # a paragraph to itself
    assert ["line 3" in f["note"] for f in costs] == [True, False]


def test_a_fact_that_would_not_check_is_left_out() -> None:
    from factsheet.outputs.draft import _verified
    from factsheet.outputs.draft_model import DraftFact
    from helpers import SEED

    source = parse_source(f"seeds/{SEED_NAME}", SEED.read_bytes(), SEED_NAME)
    good = build_draft(source, SEED_NAME)
    wrong = DraftFact(
        "wrong-speaker",
        "quote",
        source.text.index("The message to Russia"),
        quote="The message to Russia is to de-escalate",
        speakers=("Ursula von der Leyen",),
    )
    checked = _verified(Draft(SEED_NAME, source.sha256, (*good.facts, wrong)), source)
    assert [f.id for f in checked.facts] == [f.id for f in good.facts]
    assert "FS303" in render(checked)
    assert "The message to Russia is to de-escalate" in checked.left_out[-1].words


def test_a_bare_dollar_is_drafted_as_usd_with_a_note_to_say_which(
    runner: CliRunner, project: Project
) -> None:
    (project.root / "seeds" / "budget.txt").write_text(
        "The state will spend $4.2 billion on rebates, the treasurer said on Monday.\n\n"
        "Exports rose to US$12 billion.\n\n"
        "Imports fell to \u20ac3 billion.\n",
        encoding="utf-8",
    )
    data = _draft(runner, project, "budget.txt")
    _checks_clean(runner)
    notes = {
        fact["figures"][0]["value"]: (fact["figures"][0]["unit"], fact.get("note"))
        for fact in data["facts"]
        if fact.get("figures")
    }
    assert notes == {
        4200000000: (
            "USD",
            "a bare $ is read as US dollars (USD): if the paper means its own, give its code "
            "(AUD, CAD, NZD, ...)",
        ),
        12000000000: ("USD", None),  # US$ says which
        3000000000: ("EUR", None),
    }
