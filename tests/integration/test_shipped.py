"""The shipped seed and fact file: byte-identical seed, facts that check clean."""

from __future__ import annotations

import hashlib

import pytest
from typer.testing import CliRunner

from factsheet.config import load_config
from factsheet.engine.run import load_checked
from factsheet.factfile.loader import load_fact_file
from helpers import REPO, SEED, SEED_NAME, SHARED, SHIPPED_FACTS, invoke


def test_seed_is_byte_identical_to_shared() -> None:
    shared = SHARED / "seeds" / SEED_NAME
    if not shared.exists():
        pytest.skip("../shared is not beside this checkout (only CI has it)")
    assert SEED.read_bytes() == shared.read_bytes()


def test_shipped_facts_pin_the_seed_hash() -> None:
    fact_file = load_fact_file("facts/nato-eu-baltic.yaml", SHIPPED_FACTS.read_bytes())
    assert fact_file.sha256 is not None
    assert fact_file.sha256.value == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_shipped_facts_cover_every_kind_and_are_enough() -> None:
    fact_file = load_fact_file("facts/nato-eu-baltic.yaml", SHIPPED_FACTS.read_bytes())
    assert fact_file.diagnostics == ()
    assert len(fact_file.facts) >= 15
    assert {f.kind for f in fact_file.facts} == {"claim", "figure", "quote", "event", "definition"}


def test_shipped_facts_check_clean_with_every_rule() -> None:
    result = load_checked([], load_config(REPO), select=("FS",), ignore=())
    assert result.diagnostics == []
    assert result.summary.verified == result.summary.facts == 20


def test_main_command_on_the_shipped_article(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    code, out, _ = invoke(runner, "check", "--strict")
    assert (code, out) == (0, "20 facts in 1 file: 20 verified, 0 errors, 0 warnings\n")
