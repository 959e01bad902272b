"""Docs generated from the code and checked: docs/rules.md and every command's --help.

Regenerate the rule reference with ``python -m factsheet.outputs.rule_docs > docs/rules.md``.
"""

from __future__ import annotations

import re

import click
import pytest
import typer
from typer.testing import CliRunner

from factsheet.app import app
from factsheet.outputs.rule_docs import render_rules
from factsheet.rules.base import SECTIONS
from factsheet.rules.registry import DOCUMENTED
from helpers import REPO, invoke

RULES_MD = REPO / "docs" / "rules.md"
COMMAND: click.Group = typer.main.get_command(app)  # type: ignore[assignment]
COMMANDS = sorted(COMMAND.commands)


def test_rules_md_is_current() -> None:
    assert RULES_MD.read_text(encoding="utf-8") == render_rules(), (
        "docs/rules.md drifted from the rules: "
        "run 'python -m factsheet.outputs.rule_docs > docs/rules.md'"
    )


def test_rules_md_matches_factsheet_rules(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "rules")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    text = RULES_MD.read_text(encoding="utf-8")
    assert re.findall(r"^## (FS\d+) ", text, re.M) == listed == [r.code for r in DOCUMENTED]
    for r in DOCUMENTED:
        assert f"## {r.code} {r.name}\n" in text
        for section in SECTIONS:
            assert r.docs[section].strip() in text, (r.code, section)


def test_rules_md_anchors_resolve() -> None:
    text = RULES_MD.read_text(encoding="utf-8")
    headings = {
        re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
        for h in re.findall(r"^## (.+)$", text, re.M)
    }
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings


def test_every_command_is_registered() -> None:
    assert {"check", "rules", "schema", "init"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_has_text(runner: CliRunner, name: str) -> None:
    command = COMMAND.commands[name]
    code, out, err = invoke(runner, name, "--help")
    assert (code, err) == (0, "")
    summary = (command.help or "").strip()
    assert summary, f"'factsheet {name}' has no docstring"
    assert " ".join(summary.split("\n\n")[0].split()) in " ".join(out.split())
    for param in command.params:
        if param.name == "help":
            continue
        text = getattr(param, "help", None)
        assert text, f"'factsheet {name}': {param.name} has no help text"
        assert text.strip(), f"'factsheet {name}': {param.name} has no help text"


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    code, out, _ = invoke(runner, "--help")
    assert code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", out, re.M), name
