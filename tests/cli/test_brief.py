# ruff: noqa: RUF001 - briefs and sources use typographic quotes and dashes
"""``factsheet brief``: the seed brief (golden), citations, escaping, atomic writes, exit codes.

Regenerate the golden brief with ``python -m pytest tests/test_brief.py --update-golden``.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.testing import CliRunner

from factsheet.config import load_config
from factsheet.engine.run import load_checked
from factsheet.outputs.brief_model import (
    build_brief,
    format_date,
    format_figure,
    load_template,
    render,
)
from factsheet.outputs.markdown_escape import inline, shorten, text_fragment
from factsheet.outputs.terminal import safe
from factsheet.source.normalize import normalize
from helpers import SEED_NAME, SHIPPED_FACTS, Project, assert_golden, invoke

SHIPPED = SHIPPED_FACTS.read_text(encoding="utf-8")
GOLDEN_NAME = "brief-nato-eu-baltic.md"
SECTIONS = ["Key points", "Figures", "Quotes", "Timeline", "Definitions", "Disputed", "Sources"]
FOOTNOTE = re.compile(r"^\[\^(\d+)\]: (.*?), (?:line (\d+)|not found in the source): “(.*)”$")

BAD_EVIDENCE = f"""\
source: {SEED_NAME}
facts:
  - id: hybrid-mix
    kind: definition
    term: hybrid threat
    statement: A hybrid threat mixes military and non-military methods.
    evidence: "A hybrid threat is a type of security threat"
  - id: tripled-spending
    kind: claim
    statement: The EU tripled its border spending.
    evidence: "the EU had decided to triple its spending for border control"
"""


def markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def walk(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out.extend(walk(token.children or []))
    return out


def table_rows(tokens: list[Token]) -> list[list[str]]:
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        if token.type in ("th_open", "td_open"):
            rows[-1].append("".join(c.content for c in tokens[i + 1].children or []))
    return rows


def shipped_brief(project: Project, runner: CliRunner, *args: str) -> tuple[int, str, str]:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    return invoke(runner, "brief", *args)


# -- the seed brief --------------------------------------------------------------------


def test_seed_brief_matches_golden(
    project: Project, runner: CliRunner, update_golden: bool
) -> None:
    code, out, err = shipped_brief(project, runner)
    assert (code, err) == (0, "")
    assert_golden(GOLDEN_NAME, out, update_golden)


def test_seed_brief_is_byte_identical_between_runs(project: Project, runner: CliRunner) -> None:
    first = shipped_brief(project, runner)
    assert invoke(runner, "brief") == first


def test_seed_brief_has_every_section_in_order(project: Project, runner: CliRunner) -> None:
    _, out, _ = shipped_brief(project, runner)
    headings = re.findall(r"^## (.+)$", out, re.M)
    assert headings == SECTIONS
    lines = out.splitlines()
    assert lines[0].startswith("# During a visit to the Baltic")
    assert lines[2] == "28 November 2021 · Source: seeds/000_1833ecb2ef3ce3e0.txt · 20 facts"


def test_every_footnote_points_at_its_excerpt_in_the_source(project: Project) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    config = load_config(project.root)
    result = load_checked([], config)
    fact_file = result.files[0]
    source = result.file_sources[fact_file.path]
    status = {fid: s for (_, fid), s in result.status.items()}
    model, omitted = build_brief(fact_file, source, status)
    assert omitted == []
    text = render(model, load_template())
    excerpts = {}
    for fact in fact_file.facts:
        pieces = [*([fact.quote] if fact.quote else []), *fact.evidence]
        for n, piece in zip(
            next(v for v in model.facts if v.id == fact.id).notes, pieces, strict=True
        ):
            excerpts[n] = piece.value
    cited = sorted({int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)})
    defined = [m for line in text.splitlines() if (m := FOOTNOTE.match(line))]
    assert [int(m.group(1)) for m in defined] == cited == list(range(1, len(excerpts) + 1))
    for m in defined:
        n, line = int(m.group(1)), int(m.group(3))
        excerpt = excerpts[n]
        first_part = re.split(r"\.\.\.|…", excerpt)[0]
        head = normalize(first_part).text.strip()[:40]
        assert head in normalize(source.line_text(line)).text, (n, line, excerpt)
        assert m.group(4) == inline(shorten(excerpt))


def test_footnotes_are_numbered_in_reading_order(project: Project, runner: CliRunner) -> None:
    _, out, _ = shipped_brief(project, runner)
    body = out.split("## Sources")[0]
    seen: list[int] = []
    for n in map(int, re.findall(r"\[\^(\d+)\]", body)):
        if n not in seen:
            seen.append(n)
    assert seen == sorted(seen)


def test_seed_brief_parses_as_intended(project: Project, runner: CliRunner) -> None:
    _, out, _ = shipped_brief(project, runner)
    tokens = markdown().parse(out)
    types = {t.type for t in walk(tokens)}
    assert not types & {"html_inline", "html_block", "link_open", "image", "code_inline", "fence"}
    rows = table_rows(tokens)
    assert rows[0] == ["What", "Value", "Fact"]
    assert rows[1][:2] == ["Border-control spending 2021-2022", "€200 million ($226 million)"]
    assert rows[1][2].startswith("The EU will quadruple its border-control spending")
    assert rows[1][2].endswith("According to Ursula von der Leyen.[^13]")
    assert all(len(r) == 3 for r in rows)
    quotes = [t for t in tokens if t.type == "blockquote_open"]
    assert len(quotes) == 6


def test_attributed_and_disputed_claims_say_who(project: Project, runner: CliRunner) -> None:
    _, out, _ = shipped_brief(project, runner)
    disputed = out.split("## Disputed")[1].split("##")[0]
    assert "*Claimed by Jens Stoltenberg and Ursula von der Leyen; disputed by the regime.*" in (
        disputed
    )
    assert "— Gitanas Nauseda[^16]" in out
    # Named in the statement already: no redundant "According to".
    assert "Von der Leyen said the funds would buy" in out
    assert "drones.[^7]" in out


def test_timeline_is_sorted_by_date(project: Project, runner: CliRunner) -> None:
    project.facts(
        "dates.yaml",
        f"""\
source: {SEED_NAME}
facts:
  - id: later
    kind: event
    statement: The ministers meet.
    evidence: "The NATO foreign ministers’ conference, which begins on Tuesday in Latvia"
    date: 2021-11-30
  - id: earlier
    kind: event
    statement: The leaders visit.
    evidence: "On trips to Lithuania and Latvia on Sunday"
    date: 2021-11-28/2021-11-29
""",
    )
    # Rules about dates may question the range; the order is what is tested here.
    code, out, _ = invoke(runner, "brief", "--allow-unverified")
    timeline = out.split("## Timeline")[1].split("##")[0].replace("**Unverified:** ", "")
    assert timeline.strip().splitlines() == [
        "- **28–29 November 2021**: The leaders visit.[^2]",
        "- **30 November 2021**: The ministers meet.[^1]",
    ]
    assert code == 0


# -- refused facts ---------------------------------------------------------------------


def test_facts_with_errors_are_left_out_and_named(project: Project, runner: CliRunner) -> None:
    project.facts("bad.yaml", BAD_EVIDENCE)
    code, out, err = invoke(runner, "brief")
    assert code == 1
    assert err == (
        "factsheet: facts/bad.yaml:8:5: left out 'tripled-spending': it has errors "
        "(see 'factsheet check'; --allow-unverified includes it)\n"
    )
    assert "tripled" not in out
    assert "triple" not in out
    assert "· 1 fact\n" in out


def test_allow_unverified_includes_them_marked(project: Project, runner: CliRunner) -> None:
    project.facts("bad.yaml", BAD_EVIDENCE)
    code, out, err = invoke(runner, "brief", "--allow-unverified")
    assert (code, err) == (0, "")
    assert "· 2 facts, **1 unverified**" in out
    assert "- **Unverified:** The EU tripled its border spending.[^1]" in out
    assert "[^1]: seeds/000_1833ecb2ef3ce3e0.txt, not found in the source: “the EU had" in out


def test_unreadable_fact_file_gets_no_brief(project: Project, runner: CliRunner) -> None:
    project.facts("broken.yaml", "source: [unclosed\n")
    code, out, err = invoke(runner, "brief")
    assert code == 1
    assert out == ""
    assert err.startswith("factsheet: facts/broken.yaml: no brief: the fact file has errors")


def test_missing_path_is_a_usage_error(project: Project, runner: CliRunner) -> None:
    code, out, err = invoke(runner, "brief", "nowhere.yaml")
    assert (code, out) == (2, "")
    assert err == "factsheet: error: path not found: nowhere.yaml\n"


# -- hostile text ----------------------------------------------------------------------

HOSTILE = f"""\
source: {SEED_NAME}
title: "# Title | with <b>HTML</b> and [a link](https://evil.example)"
facts:
  - id: pipes
    kind: figure
    statement: "| a | b |\\n|---|---|\\nbreaks | the table"
    evidence: "200 million euros"
    figures:
      - {{value: 200000000, unit: EUR, label: "A|b <i>x</i>"}}
  - id: script
    kind: claim
    statement: "<script>alert(1)</script> and <img src=x onerror=alert(1)>"
    evidence: "On trips to Lithuania and Latvia on Sunday"
    speaker: "<b>Evil</b> [x](javascript:alert(1))"
    disputed_by: "![img](https://evil.example/i.png)"
  - id: links
    kind: claim
    statement: "[x](javascript:alert(1)) ![i](https://evil.example/i.png) https://evil.example
      www.evil.example me@evil.example"
    evidence: "Poland has also indicated that it may use this piece."
  - id: refdef
    kind: claim
    statement: "[x]: https://evil.example"
    evidence: "Any member of NATO can call a meeting of the alliance"
  - id: footnote-forgery
    kind: claim
    statement: "[^1]: forged footnote [^1]"
    evidence: "She stated that the funds would be used"
  - id: backticks
    kind: event
    statement: "`code` and ```fence``` &amp; &#60;b&#62;"
    evidence: "The NATO foreign ministers’ conference, which begins on Tuesday"
    date: 2021-11-30
  - id: headings
    kind: definition
    term: "<u>hybrid threat</u>"
    statement: "# heading\\n> quote\\n- item\\n1. item\\n    code"
    evidence: "A hybrid threat is a type of security threat"
  - id: quoted
    kind: quote
    quote: "We discussed <b>how</b> | [we](x)"
    speaker: "> Jens"
"""
HOSTILE_WORDS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/i.png)",
    "[x]: https://evil.example",
    "[^1]: forged footnote [^1]",
    "`code` and ```fence```",
    "# heading > quote - item 1. item code",
    "<u>hybrid threat</u>",
    "A|b <i>x</i>",
]


def hostile_brief(project: Project, runner: CliRunner) -> str:
    project.facts("hostile.yaml", HOSTILE)
    code, out, err = invoke(runner, "brief", "--allow-unverified")
    assert (code, err) == (0, "")
    return out


def test_hostile_text_is_inert(project: Project, runner: CliRunner) -> None:
    out = hostile_brief(project, runner)
    tokens = markdown().parse(out)
    types = [t.type for t in walk(tokens)]
    forbidden = {"html_inline", "html_block", "link_open", "image", "code_inline", "code_block"}
    assert not forbidden & set(types)
    assert "fence" not in types
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1"] + ["h2"] * 7
    assert sum(1 for t in tokens if t.type == "blockquote_open") == 1
    for row in table_rows(tokens):
        assert len(row) == 3
    assert not re.search(r"^\[[^\]]*\]:", out.split("## Sources")[0], re.M)
    # GitHub's extended autolinks (not in markdown-it's CommonMark) are defused too.
    assert "https\\://evil.example www\\.evil.example me\\@evil.example" in out


def test_hostile_text_still_reads_as_written(project: Project, runner: CliRunner) -> None:
    out = hostile_brief(project, runner)
    html = markdown().render(out)
    for words in HOSTILE_WORDS:
        escaped = words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped.replace('"', "&quot;") in html, words
    assert "<script" not in html
    assert "<img" not in html
    assert "<a " not in html
    assert "&amp;amp; &amp;#60;b&amp;#62;" in html  # entities shown, not decoded


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab1 #>*_-+=`[]()!<>|\\&;:/.@~$^\n\t\x00é", "www.", "http://", "&amp;"]),
        max_size=30,
    ).map("".join)
)
def test_inline_escaping_is_inert_and_faithful(text: str) -> None:
    escaped = inline(text)
    assert "\n" not in escaped
    tokens = markdown().parse(f"- {escaped}\n\n| c |\n|---|\n| {escaped} |\n")
    structure = [t.type for t in tokens if t.type != "inline"]
    expected = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")
    if not expected:
        return
    assert structure == [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
        "table_open",
        "thead_open",
        "tr_open",
        "th_open",
        "th_close",
        "tr_close",
        "thead_close",
        "tbody_open",
        "tr_open",
        "td_open",
        "td_close",
        "tr_close",
        "tbody_close",
        "table_close",
    ]
    for token in [t for t in tokens if t.type == "inline"]:
        if token.content == "c":
            continue
        children = token.children or []
        assert {c.type for c in children} <= {"text"}, (text, escaped)
        assert "".join(c.content for c in children) == safe(expected)


# -- figures, dates, fragments ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (200000000, "EUR", "€200 million"),
        (226000000, "USD", "$226 million"),
        (87, "percent", "87%"),
        (12.5, "percent", "12.5%"),
        (1500000, "GBP", "£1.5 million"),
        (2_750_000_000, "CHF", "CHF 2.75 billion"),
        (3000, "migrants", "3,000 migrants"),
        (-5_000_000, "EUR", "-€5 million"),
        (42, None, "42"),
    ],
)
def test_figures_are_formatted_for_people(value: float, unit: str | None, shown: str) -> None:
    assert format_figure(value, unit) == shown


def test_dates_are_formatted_for_people() -> None:
    assert format_date("2021-11-28") == "28 November 2021"
    assert format_date("2021-11-28/2021-12-02") == "28 November – 2 December 2021"
    assert format_date("2021-12-30/2022-01-02") == "30 December 2021 – 2 January 2022"


def test_text_fragment_encodes_what_it_must() -> None:
    assert text_fragment("a-b, c&d") == "#:~:text=a%2Db%2C%20c%26d"
    long = "one two three four five six seven eight nine ten"
    assert text_fragment(long) == "#:~:text=one%20two%20three%20four,seven%20eight%20nine%20ten"


def with_front_matter(project: Project, url: str) -> None:
    body = (project.root / "seeds" / SEED_NAME).read_text(encoding="utf-8")
    body = body.split("\n", 1)[1]  # drop the date header line
    front = f"---\ntitle: Baltic visit\ndate: 2021-11-28\nurl: {url}\n---\n"
    (project.root / "seeds" / "article.md").write_text(front + body, encoding="utf-8")
    project.facts(
        "article.yaml",
        """\
source: article.md
facts:
  - id: funds
    kind: claim
    statement: The funds buy patrol vehicles.
    evidence: "She stated that the funds would be used to purchase patrol vehicles"
""",
    )


def test_footnotes_link_to_the_passage(project: Project, runner: CliRunner) -> None:
    with_front_matter(project, "https://news.example/baltic?id=1#top")
    code, out, _ = invoke(runner, "brief")
    assert code == 0
    link = (
        "https://news.example/baltic?id=1#:~:text="
        "She%20stated%20that%20the,to%20purchase%20patrol%20vehicles"
    )
    assert f"[^1]: [seeds/article.md, line 23]({link}): “She stated" in out
    hrefs = [t.attrs["href"] for t in walk(markdown().parse(out)) if t.type == "link_open"]
    assert hrefs == ["https://news.example/baltic?id=1", link]


def test_unsafe_source_urls_are_not_linked(project: Project, runner: CliRunner) -> None:
    with_front_matter(project, "javascript:alert(1)")
    _, out, _ = invoke(runner, "brief")
    assert not [t for t in walk(markdown().parse(out)) if t.type == "link_open"]


# -- templates -------------------------------------------------------------------------


def test_custom_template_gets_the_data_model(project: Project, runner: CliRunner) -> None:
    template = project.root / "mine.md.j2"
    template.write_text(
        "# {{ brief.title }} ({{ brief.count }})\n"
        "{% for fact in brief.quotes %}- {{ fact.speaker }}: {{ fact.quote }}{{ fact.cite }}\n"
        "{% endfor %}{% for note in brief.footnotes %}[^{{ note.n }}]: line {{ note.line }}\n"
        "{% endfor %}",
        encoding="utf-8",
    )
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, out, _ = invoke(runner, "brief", "--template", "mine.md.j2", "--kind-is-not-an-option")
    assert code == 2
    code, out, _ = invoke(runner, "brief", "--template", "mine.md.j2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("(20)")
    assert lines[1] == (
        "- Ursula von der Leyen: It is critical that the European Union and NATO work "
        "together to respond to such situations[^14]"
    )
    assert "[^14]: line 13" in lines


def test_configured_template_is_used(project: Project, runner: CliRunner) -> None:
    (project.root / "t.j2").write_text("{{ brief.fact_file }}\n", encoding="utf-8")
    (project.root / "factsheet.toml").write_text('[brief]\ntemplate = "t.j2"\n', encoding="utf-8")
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    assert invoke(runner, "brief") == (0, "facts/nato-eu-baltic.yaml\n", "")


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% for %}", "factsheet: error: t.j2:1: template error: "),
        ("{{ brief.nothing }}", "factsheet: error: t.j2: template error: "),
        ("{{ ''.__class__.__mro__ }}", "factsheet: error: t.j2: template error: "),
    ],
)
def test_bad_templates_are_usage_errors(
    project: Project, runner: CliRunner, template: str, message: str
) -> None:
    (project.root / "t.j2").write_text(template, encoding="utf-8")
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, out, err = invoke(runner, "brief", "--template", "t.j2")
    assert (code, out) == (2, "")
    assert err.startswith(message)


def test_missing_template_is_a_usage_error(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, _, err = invoke(runner, "brief", "--template", "nope.j2")
    assert code == 2
    assert err.startswith("factsheet: error: cannot read template nope.j2")


# -- writing ---------------------------------------------------------------------------


def test_output_file_is_written(project: Project, runner: CliRunner) -> None:
    _, out, _ = shipped_brief(project, runner)
    assert invoke(runner, "brief", "--output", "brief.md") == (0, "", "wrote brief.md\n")
    assert (project.root / "brief.md").read_text(encoding="utf-8") == out
    # No temporary file is left; the check cache is there, as after `check`.
    hidden = sorted(p.name for p in project.root.iterdir() if p.name.startswith("."))
    assert hidden == [".factsheet_cache"]


def test_output_folder_gets_one_brief_per_fact_file(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    project.facts("bad.yaml", BAD_EVIDENCE)
    code, out, _ = invoke(runner, "brief", "--output", "out/")
    assert (code, out) == (1, "")
    assert sorted(p.name for p in (project.root / "out").iterdir()) == [
        "bad.md",
        "nato-eu-baltic.md",
    ]
    bad = (project.root / "out" / "bad.md").read_text(encoding="utf-8")
    assert "[^1]:" in bad


def test_a_folder_run_again_rewrites_only_the_briefs_that_changed(
    project: Project, runner: CliRunner
) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    project.facts("second.yaml", SHIPPED.replace("id: ", "id: second-"))
    first = invoke(runner, "brief", "--output", "out/")
    assert first == (0, "", "wrote out/nato-eu-baltic.md\nwrote out/second.md\n")
    second = project.root / "out" / "second.md"
    before = second.stat().st_mtime_ns
    assert invoke(runner, "brief", "--output", "out/") == (0, "", "2 briefs unchanged\n")
    assert invoke(runner, "brief", "--output", "out/", "--quiet") == (0, "", "")
    edited = SHIPPED.rsplit("\n  - id: ", 1)[0] + "\n"  # the last fact taken out
    project.facts("nato-eu-baltic.yaml", edited)
    assert invoke(runner, "brief", "--output", "out/") == (
        0,
        "",
        "wrote out/nato-eu-baltic.md\n1 brief unchanged\n",
    )
    assert second.stat().st_mtime_ns == before
    (project.root / "out" / "nato-eu-baltic.md").write_text("edited by hand\n", encoding="utf-8")
    assert invoke(runner, "brief", "--output", "out/")[2] == (
        "wrote out/nato-eu-baltic.md\n1 brief unchanged\n"
    )


def test_configured_output_folder(project: Project, runner: CliRunner) -> None:
    (project.root / "factsheet.toml").write_text('[brief]\noutput = "briefs"\n', encoding="utf-8")
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    assert invoke(runner, "brief") == (0, "", "wrote briefs/nato-eu-baltic.md\n")
    assert invoke(runner, "brief", "--quiet") == (0, "", "")
    assert (project.root / "briefs" / "nato-eu-baltic.md").is_file()
    code, out, _ = invoke(runner, "brief", "--output", "-")
    assert code == 0
    assert out.startswith("# During a visit")


def test_several_fact_files_on_stdout_number_footnotes_apart(
    project: Project, runner: CliRunner
) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    project.facts("bad.yaml", BAD_EVIDENCE)
    _, out, _ = invoke(runner, "brief")
    labels = re.findall(r"^\[\^(\d+)\]:", out, re.M)
    assert len(labels) == len(set(labels)) == 22  # 21 of the shipped brief, 1 of bad.yaml


def test_an_excerpt_cited_by_two_facts_has_one_footnote(
    project: Project, runner: CliRunner
) -> None:
    """article-4 and poland-article-4 both cite "negotiations under NATO's Article 4"."""
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    _, out, _ = invoke(runner, "brief")
    notes = re.findall(
        r"^\[\^(\d+)\]: .*line \d+: “negotiations under NATO’s Article 4”$", out, re.M
    )
    assert len(notes) == 1
    assert out.count(f"[^{notes[0]}]") == 3  # cited by both facts, and its own label


@pytest.mark.parametrize("target", ["facts/nato-eu-baltic.yaml", f"seeds/{SEED_NAME}"])
def test_never_writes_over_an_input(project: Project, runner: CliRunner, target: str) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    before = (project.root / target).read_bytes()
    code, out, err = invoke(runner, "brief", "--output", target)
    assert (code, out) == (2, "")
    assert "refusing to write the brief" in err
    assert (project.root / target).read_bytes() == before


def test_never_writes_into_the_seeds_folder(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    code, _, err = invoke(runner, "brief", "--output", "seeds/brief.md")
    assert code == 2
    assert err == (
        "factsheet: error: refusing to write the brief into the seeds folder: seeds/brief.md\n"
    )
    assert not (project.root / "seeds" / "brief.md").exists()


def test_never_writes_through_a_symlink(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    victim = project.root / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (project.root / "brief.md").symlink_to(victim)
    code, _, err = invoke(runner, "brief", "--output", "brief.md")
    assert code == 2
    assert err == "factsheet: error: refusing to write through the symlink brief.md\n"
    assert victim.read_text(encoding="utf-8") == "keep me"


class _Failing(io.StringIO):
    """A file that takes part of the text, then fails like a full disk."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self.real = real

    def write(self, text: str) -> int:
        self.real.write(text[: len(text) // 2])
        self.real.flush()
        raise OSError(28, "No space left on device")

    def __exit__(self, *args: object) -> None:
        self.real.close()


def test_failing_write_keeps_the_old_brief(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    old = project.root / "brief.md"
    old.write_text("the old brief\n", encoding="utf-8")
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: _Failing(real_fdopen(*a, **k)))
    code, _, err = invoke(runner, "brief", "--output", "brief.md")
    monkeypatch.undo()
    assert code == 2
    assert err == "factsheet: error: cannot write brief.md: No space left on device\n"
    assert old.read_text(encoding="utf-8") == "the old brief\n"
    # No temporary file is left (the check cache's folder aside: its write failed too).
    assert sorted(p.name for p in project.root.iterdir() if p.name != ".factsheet_cache") == [
        "brief.md",
        "facts",
        "factsheet.toml",
        "seeds",
    ]


def test_interrupted_write_keeps_the_old_brief(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    old = project.root / "brief.md"
    old.write_text("the old brief\n", encoding="utf-8")

    real_replace = os.replace
    renames: list[str] = []

    def interrupted(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        # Only the brief's rename is interrupted: the cache's own writes (its
        # .gitignore, its packs) go through, so the brief is really being written.
        renames.append(Path(dst).name)
        if Path(dst).name == old.name:
            raise KeyboardInterrupt
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", interrupted)
    result = runner.invoke(app_module(), ["brief", "--output", "brief.md"])
    monkeypatch.undo()
    assert renames[-1] == "brief.md"  # the interruption hit the brief's own rename
    assert result.exit_code == 130  # interrupted
    assert old.read_text(encoding="utf-8") == "the old brief\n"
    assert not [p for p in project.root.iterdir() if p.name.endswith(".tmp")]


def app_module() -> Any:
    from factsheet.app import app

    return app


def test_output_folder_that_cannot_be_created(project: Project, runner: CliRunner) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    (project.root / "file").write_text("", encoding="utf-8")
    code, _, err = invoke(runner, "brief", "--output", "file/sub/")
    assert code == 2
    assert err.startswith("factsheet: error: cannot create the folder file/sub")


def test_brief_module_is_pure(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.facts("nato-eu-baltic.yaml", SHIPPED)
    result = load_checked([], load_config(Path.cwd()))
    fact_file = result.files[0]
    status = {fid: s for (_, fid), s in result.status.items()}
    render(build_brief(fact_file, result.file_sources[fact_file.path], status)[0], load_template())
    assert capsys.readouterr() == ("", "")
