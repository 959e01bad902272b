"""What tests share besides fixtures: paths, the project folder, running the CLI, golden files,
and editing the shipped fact file one fact at a time (for mutation tests)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from typer.testing import CliRunner

from factsheet.app import app

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_NAME = "000_1833ecb2ef3ce3e0.txt"
SEED = SEEDS / SEED_NAME
SHIPPED_FACTS = REPO / "facts" / "nato-eu-baltic.yaml"
SHARED = REPO.parent / "shared"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The fact file behind the golden reports of every `check` format: correct
# facts and planted findings.
GOLDEN_FACTS = (FIXTURES / "baltic.yaml").read_text(encoding="utf-8")

# One correct quote fact about the seed.
ONE_QUOTE = f"""\
source: {SEED_NAME}
facts:
  - id: scale-up-cooperation
    kind: quote
    quote: We discussed how we could scale up our collaborative efforts between NATO and the EU
    speaker: Jens Stoltenberg
"""
# Exactly one FS102 warning (the excerpt occurs on lines 17 and 21), nothing else.
WARNING_ONLY = f"""\
source: {SEED_NAME}
facts:
  - id: eastern-members
    kind: claim
    statement: Latvia, Lithuania and Poland are on the EU's eastern border.
    evidence: "Latvia, Lithuania, and Poland"
"""


def assert_golden(name: str, actual: str, update: bool) -> None:
    """Compare with tests/golden/NAME; with --update-golden, rewrite it instead."""
    path = GOLDEN / name
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


class Project:
    """A project folder (factsheet.toml, seeds/ with the seed article, facts/)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        (root / "factsheet.toml").write_text("", encoding="utf-8")
        (root / "facts").mkdir()
        shutil.copytree(SEEDS, root / "seeds")

    def facts(self, name: str, text: str) -> Path:
        path = self.root / "facts" / name
        path.write_text(text, encoding="utf-8")
        return path


def invoke(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "100"})
    return result.exit_code, result.stdout, result.stderr


def tool(name: str) -> str | None:
    """A command-line tool, looked up beside this Python first: the README's test command
    runs `.venv/bin/python -m pytest` without `.venv/bin` on PATH, and the tools that
    `pip install -e '.[test]'` brings are there."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and beside.stat().st_mode & 0o111:
        return str(beside)
    return shutil.which(name)


def run_json(runner: CliRunner, *args: str) -> tuple[int, list[dict[str, Any]]]:
    """`check --format json` in-process: (exit code, diagnostics)."""
    code, out, _ = invoke(runner, "check", "--format", "json", *args)
    return code, json.loads(out)["diagnostics"]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of ``needle``, which must occur exactly once in ``text``."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def fact_block(text: str, fact_id: str) -> tuple[int, int]:
    """Where the fact ``fact_id`` starts and ends in a fact file's text."""
    start = text.index(f"  - id: {fact_id}\n")
    end = text.find("  - id: ", start + 1)
    return start, len(text) if end < 0 else end


def mutate(fact_id: str, old: str, new: str) -> str:
    """The shipped fact file with ``old`` (unique in that fact) replaced by ``new``."""
    text = SHIPPED_FACTS.read_text(encoding="utf-8")
    start, end = fact_block(text, fact_id)
    block = text[start:end]
    assert block.count(old) == 1, f"{old!r} is not unique in {fact_id}"
    return text[:start] + block.replace(old, new) + text[end:]


def rule_findings(family: ModuleType, facts: str) -> list[tuple[str, int, int]]:
    """(code, line, column) of one rule family's findings on ``facts`` (the text after
    ``facts:``) about the seed article: the family's own check, without the engine or CLI."""
    from factsheet.factfile.loader import load_fact_file
    from factsheet.source.reader import parse_source

    text = f"source: {SEED_NAME}\nfacts:\n{facts}"
    fact_file = load_fact_file("facts.yaml", text.encode("utf-8"))
    assert fact_file.diagnostics == (), fact_file.diagnostics
    source = parse_source(f"seeds/{SEED_NAME}", SEED.read_bytes(), SEED_NAME)
    return [
        (finding.code, finding.at.line, finding.at.column)
        for fact in fact_file.facts
        for finding in family.check(fact, source)
    ]


def shipped_fact(fact_id: str) -> str:
    """One fact of the shipped file, as its YAML block (for rule_findings)."""
    text = SHIPPED_FACTS.read_text(encoding="utf-8")
    start, end = fact_block(text, fact_id)
    return text[start:end]
