"""The style corpus: articles in the shapes of real journalism, with correct facts,
single-change mutations and the expected speaker of every quotation.

* every correct fact checks clean under ``--strict`` (no false finding);
* every mutation is caught, with the code its table names;
* ``suggest`` gives each quotation its expected speaker, or leaves it unattributed:
  never a wrong speaker, and at least 95% right over the corpus.

README.md ("Real journalism: the style corpus") reports the scores these tests pin:
the facts and mutations that :func:`test_the_corpus_has_its_shape` counts, and the
quotations' speakers that :func:`suggest_scores` scores.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from factsheet.outputs.draft import build_draft
from factsheet.source.reader import parse_source
from factsheet.text.person_names import same_person
from helpers import Project, invoke

CORPUS = Path(__file__).resolve().parent
ARTICLES = sorted(p.stem for p in CORPUS.glob("*.txt"))
_FACT_START = re.compile(r"^  - id: ([a-z0-9-]+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Mutation:
    fact: str
    old: str
    new: str
    code: str


def _cases(article: str) -> dict[str, Any]:
    loaded = yaml.safe_load((CORPUS / f"{article}.cases.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def mutations(article: str) -> list[Mutation]:
    return [Mutation(**m) for m in _cases(article)["mutations"]]


def expected_speakers(article: str) -> dict[str, str | None]:
    speakers = _cases(article)["speakers"]
    assert isinstance(speakers, dict)
    return speakers


def _blocks(text: str) -> tuple[str, dict[str, str]]:
    """The fact file's head and each fact's block of lines, by id."""
    starts = list(_FACT_START.finditer(text))
    head = text[: starts[0].start()]
    blocks = {}
    for m, nxt in zip(starts, [*starts[1:], None], strict=True):
        blocks[m.group(1)] = text[m.start() : nxt.start() if nxt else len(text)]
    return head, blocks


def mutated_file(article: str) -> tuple[str, dict[str, Mutation]]:
    """One fact file holding a mutated copy of a fact for each mutation (id ``-mN``)."""
    text = (CORPUS / f"{article}.yaml").read_text(encoding="utf-8")
    head, blocks = _blocks(text)
    out = [head]
    by_id: dict[str, Mutation] = {}
    for n, mutation in enumerate(mutations(article), 1):
        block = blocks[mutation.fact]
        # The first occurrence: a statement's words, before the evidence that repeats them.
        assert mutation.old in block, (mutation, block)
        new_id = f"{mutation.fact}-m{n}"
        changed = block.replace(mutation.old, mutation.new, 1).replace(
            f"- id: {mutation.fact}\n", f"- id: {new_id}\n", 1
        )
        out.append(changed)
        by_id[new_id] = mutation
    return "".join(out), by_id


def _project(root: Path, article: str) -> Project:
    project = Project(root)
    shutil.copy(CORPUS / f"{article}.txt", root / "seeds" / f"{article}.txt")
    return project


def _check(runner: CliRunner, *args: str) -> tuple[int, list[dict[str, Any]]]:
    """``check --strict --format json``: (exit code, diagnostics)."""
    code, out, err = invoke(runner, "check", "--strict", "--format", "json", *args)
    diagnostics = json.loads(out)["diagnostics"]
    assert isinstance(diagnostics, list), err
    return code, diagnostics


def suggest_scores(article: str) -> Counter[str]:
    """right / unattributed / wrong, over the quotations the article prints."""
    source = parse_source(
        f"seeds/{article}.txt", (CORPUS / f"{article}.txt").read_bytes(), f"{article}.txt"
    )
    draft = build_draft(source, f"{article}.txt")
    quotes = [f for f in draft.facts if f.kind == "quote"]
    score: Counter[str] = Counter()
    for start, speaker in expected_speakers(article).items():
        given = [f for f in quotes if f.quote is not None and f.quote.startswith(start)]
        assert len(given) <= 1, (start, given)
        if not given:
            score["unattributed"] += 1
        elif speaker is not None and any(same_person(s, speaker) for s in given[0].speakers):
            score["right"] += 1
        else:
            score["wrong"] += 1
    return score


def test_the_corpus_has_its_shape() -> None:
    assert len(ARTICLES) >= 8
    total_facts = total_mutations = 0
    for article in ARTICLES:
        facts = yaml.safe_load((CORPUS / f"{article}.yaml").read_text(encoding="utf-8"))
        assert len(facts["facts"]) >= 12, article
        total_facts += len(facts["facts"])
        total_mutations += len(mutations(article))
        assert {f["kind"] for f in facts["facts"]} >= {"quote", "figure", "event", "claim"}
        assert len(mutations(article)) >= 8, article
        codes = {m.code for m in mutations(article)}
        assert {"FS303", "FS301", "FS501"} <= codes, article
        assert codes & {"FS201", "FS202"}, article
    # The README's table: "0 of 195" correct facts flagged, "140 of 140" mutations caught.
    assert (total_facts, total_mutations) == (195, 140)


@pytest.mark.parametrize("article", ARTICLES)
def test_correct_facts_check_clean(
    article: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "proj", article)
    monkeypatch.chdir(project.root)
    project.facts(f"{article}.yaml", (CORPUS / f"{article}.yaml").read_text(encoding="utf-8"))
    assert _check(runner) == (0, [])


@pytest.mark.parametrize("article", ARTICLES)
def test_every_mutation_is_caught_with_its_code(
    article: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path / "proj", article)
    monkeypatch.chdir(project.root)
    text, by_id = mutated_file(article)
    project.facts(f"{article}.yaml", text)
    exit_code, diagnostics = _check(runner)
    codes: dict[str, list[str]] = {}
    for diagnostic in diagnostics:
        codes.setdefault(diagnostic["fact"], []).append(diagnostic["code"])
    missed = [
        (m, sorted(codes.get(i, ()))) for i, m in by_id.items() if m.code not in codes.get(i, ())
    ]
    assert missed == []
    # Each mutated fact gets its code and nothing else; no other fact gets a finding.
    assert codes == {i: [m.code] for i, m in by_id.items()}
    assert exit_code == 1


@pytest.mark.parametrize("article", ARTICLES)
def test_suggest_never_gives_a_quotation_to_the_wrong_speaker(article: str) -> None:
    assert suggest_scores(article)["wrong"] == 0


def test_suggest_attributes_at_least_95_percent_of_the_corpus_quotations() -> None:
    total: Counter[str] = Counter()
    for article in ARTICLES:
        total += suggest_scores(article)
    assert total["wrong"] == 0
    assert total["right"] >= 0.95 * sum(total.values()), total
    # The README's table: "85 of 85 (100%)" right, none wrong, none left unattributed.
    assert total == Counter(right=85), total
