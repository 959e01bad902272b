"""The README shows the beginning of the seed brief as real output; keep it current.

The excerpt is the fenced block after the line ``<!-- brief-excerpt -->``; its
first line is the command (``$ factsheet brief``), the rest must be the first
lines of what that command prints in this repository.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from conftest import REPO, invoke

MARKER = "<!-- brief-excerpt -->"
MIN_LINES = 5


def excerpt(readme: str) -> tuple[str, list[str]]:
    """The command and the output lines of the fenced block after the marker."""
    assert MARKER in readme, f"README.md lacks the line {MARKER} before the brief excerpt"
    after = readme.split(MARKER, 1)[1]
    block = re.match(r"\s*(`{3,})[^\n]*\n(.*?)\n\1[ \t]*(\n|$)", after, re.S)
    assert block, f"no fenced block follows {MARKER}"
    lines = block.group(2).split("\n")
    return lines[0], lines[1:]


def test_readme_brief_excerpt_is_current(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    command, shown = excerpt((REPO / "README.md").read_text(encoding="utf-8"))
    assert command == "$ factsheet brief"
    assert len(shown) >= MIN_LINES
    monkeypatch.chdir(REPO)
    code, out, err = invoke(runner, "brief")
    assert (code, err) == (0, "")
    assert shown == out.split("\n")[: len(shown)]


def test_excerpt_reader() -> None:
    readme = f"intro\n\n{MARKER}\n\n```console\n$ factsheet brief\n# T\n\nx\n```\nmore\n"
    assert excerpt(readme) == ("$ factsheet brief", ["# T", "", "x"])
