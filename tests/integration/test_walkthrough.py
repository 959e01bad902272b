"""The README's workflow in a new project, as a user meets it: init → add → suggest →
edit → check (every format) → table → brief → coverage → review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers import invoke

ARTICLE = """\
Harbour council approves electric ferries

The Harbour town council voted 27 to 4 on Monday to replace its two diesel ferries \
with electric boats by 2026.

"This is a turning point for the harbour," said council leader Ana Ruiz. "We cannot \
keep burning diesel in the middle of town."

The new ferries will cost 18.5 million euros, of which the national government will \
pay 40 percent, the council said.

Opposition councillor Tom Okafor said the plan was rushed. "Nobody has asked the ferry \
crews," he said.
"""
NAME = "2024-03-04-harbour-council-approves-electric-ferries"


def test_the_readme_workflow_from_a_new_project(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "init", "news") == (
        0,
        "Created a factsheet project in news: facts/, seeds/, factsheet.toml, "
        "factsheet.schema.json, seeds/example.txt, facts/example.yaml.\n"
        "Next: cd news && factsheet check\n",
        "",
    )
    monkeypatch.chdir(tmp_path / "news")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")

    code, out, _ = invoke(runner, "add", str(tmp_path / "article.txt"), "--date", "2024-03-04")
    assert (code, out.splitlines()[0]) == (
        0,
        f"wrote seeds/{NAME}.txt: 4 paragraphs, 81 words, dated 2024-03-04 (from --date)",
    )

    assert invoke(runner, "suggest", f"{NAME}.txt", "-o", "facts/ferries.yaml") == (
        0,
        "",
        "wrote facts/ferries.yaml\n",
    )
    code, out, _ = invoke(runner, "check", "--format", "concise")
    assert (code, out.splitlines()[-1].split(": ")[1].split(",")[:2]) == (
        0,
        ["8 verified", " 0 errors"],
    )

    # The curator edits a figure and gets it wrong.
    draft = tmp_path / "news" / "facts" / "ferries.yaml"
    text = draft.read_text(encoding="utf-8")
    said = 'statement: "The new ferries will cost 18.5'
    draft.write_text(text.replace(said, said.replace("18.5", "19.5")), encoding="utf-8")
    line = text[: text.index(said)].count("\n") + 1
    code, out, _ = invoke(runner, "check", "--format", "concise", "--select", "FS2")
    column = text.splitlines()[line - 1].index("18.5") + 1  # at the words at fault
    assert (code, out.splitlines()[0]) == (
        1,
        f'facts/ferries.yaml:{line}:{column}: FS201 statement says "19.5 million euros" '
        '(19,500,000 EUR); evidence says "18.5 million euros" (18,500,000 EUR)',
    )
    for fmt in ("text", "concise", "json", "github", "junit", "sarif"):
        code, out, _ = invoke(runner, "check", "--format", fmt, "--select", "FS2")
        assert (code, "FS201" in out, str(line) in out) == (1, True, True), fmt
    report = json.loads(invoke(runner, "check", "--format", "json")[1])
    assert [(d["code"], d["line"], d["column"]) for d in report["diagnostics"]] == [
        ("FS201", line, column)
    ]
    assert (report["summary"]["facts"], report["summary"]["errors"]) == (8, 1)

    code, out, _ = invoke(runner, "table", "--format", "csv")
    assert code == 1
    assert [r.split(",")[-1] for r in out.splitlines()].count("errors") == 1

    code, out, err = invoke(runner, "brief", "facts/ferries.yaml")
    assert (code, out.splitlines()[0]) == (1, "# Harbour council approves electric ferries")
    assert err == (
        f"factsheet: facts/ferries.yaml:{line - 2}:5: left out 'new-ferries-cost': it has "
        "errors (see 'factsheet check'; --allow-unverified includes it)\n"
    )

    code, out, _ = invoke(runner, "coverage")
    # Only the statement was edited: its evidence still covers the sentence; the one
    # item left is the example article's spelled-out "two".
    assert (code, out.splitlines()[-1]) == (0, "coverage 95.2% (20/21 items) in 2 sources")

    code, out, err = invoke(runner, "review", "--output", "review.html")
    # Two sources: an index, and one page per source beside it.
    pages = "review_files/: 2 pages, 2 written, 0 unchanged\n"
    assert (code, out, err) == (1, "", "wrote review.html\n" + pages)
    assert (
        (tmp_path / "news" / "review.html")
        .read_text(encoding="utf-8")
        .startswith("<!DOCTYPE html>")
    )
