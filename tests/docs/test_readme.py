"""The README shows the beginning of the seed brief as real output; keep it current.

The excerpt is the fenced block after the line ``<!-- brief-excerpt -->``; its
first line is the command (``$ factsheet brief``), the rest must be the first
lines of what that command prints in this repository.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from helpers import REPO, Project, invoke

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


def _block_after(readme: str, marker: str) -> str:
    after = readme.split(marker, 1)[1]
    block = re.match(r".*?(`{3,})[^\n]*\n(.*?)\n\1[ \t]*(\n|$)", after, re.S)
    assert block, f"no fenced block follows {marker!r}"
    return block.group(2)


def test_readme_check_example_is_real_output(project: Project, runner: CliRunner) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    facts = _block_after(readme, "a smaller one, as you might write it:")
    shown = _block_after(readme, "give the quote to the wrong\nspeaker")
    project.facts("baltic.yaml", facts)
    assert invoke(runner, "check", "--strict")[:2] == (
        0,
        "2 facts in 1 file: 2 verified, 0 errors, 0 warnings\n",
    )
    mutated = facts.replace("will quadruple", "will triple").replace(
        "speaker: Jens Stoltenberg", "speaker: Ursula von der Leyen"
    )
    project.facts("baltic.yaml", mutated)
    command, *lines = shown.split("\n")
    assert command == "$ factsheet check --format concise"
    code, out, _ = invoke(runner, "check", "--format", "concise")
    assert (code, out) == (1, "\n".join(lines) + "\n")


_PATH = re.compile(
    r"(?<![\w./-])((?:facts|seeds|tests|docs|cli|benchmarks|scripts|\.ci)/[\w./<>*-]*"
    r"|ARCHITECTURE\.md)"
)


def _prose_paths(text: str) -> list[str]:
    """Repository paths the README's prose names (code blocks hold examples of a
    user's own project, whose files are not in this repository)."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    found = (m.rstrip(".") for m in _PATH.findall(prose))
    return sorted({p for p in found if not any(c in p for c in "*<>")})


def test_every_path_the_readme_names_exists() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    paths = _prose_paths(text)
    assert "facts/nato-eu-baltic.yaml" in paths
    assert [p for p in paths if not (REPO / p).exists()] == []


def test_the_path_check_reads_prose_not_examples() -> None:
    text = "See `docs/rules.md` and tests/missing.py.\n```console\n$ cat facts/mine.yaml\n```\n"
    assert _prose_paths(text) == ["docs/rules.md", "tests/missing.py"]
