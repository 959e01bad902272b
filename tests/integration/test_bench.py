"""The benchmark's corpus: every fact correct, so the figures measure a clean check."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks import bench
from helpers import invoke


def test_the_generated_corpus_checks_clean_under_strict(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "corpus"
    assert bench.generate(root, 3) == 60
    monkeypatch.chdir(root)
    code, out, err = invoke(runner, "check", "--strict", "--no-cache", "-f", "concise")
    assert (code, out, err) == (
        0,
        "60 facts in 3 files: 60 verified, 0 errors, 0 warnings\n",
        "",
    )


def test_every_source_and_fact_file_differs(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    bench.generate(root, 3)
    for folder in ("seeds", "facts"):
        contents = [p.read_bytes() for p in sorted((root / folder).iterdir())]
        assert len(set(contents)) == 3, folder
