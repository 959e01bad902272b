"""The check cache: never stale, robust to corruption and sharing, and invisible in output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import factsheet
from factsheet.config import Config
from factsheet.engine import cache as cache_module
from factsheet.engine import pool
from factsheet.engine import run as checker
from helpers import SEED_NAME, SHIPPED_FACTS, Project, invoke

FACTS = SHIPPED_FACTS.read_text(encoding="utf-8")
PACKS = Path(".factsheet_cache") / f"v{cache_module.FORMAT}"


def packs(project: Project) -> list[Path]:
    folder = project.root / PACKS
    return sorted(folder.glob(f"*{cache_module.PACK_SUFFIX}")) if folder.is_dir() else []


def entries(project: Project) -> dict[str, Any]:
    """Every valid entry of the project's cache, by key."""
    loaded = cache_module.Cache(project.root).load()
    return {k: e for k, e in loaded.items() if isinstance(e, dict) and e.get("key") == k}


def rewrite_pack(pack: Path, change: Callable[[dict[str, Any]], object]) -> None:
    data = json.loads(pack.read_bytes())
    (entry,) = data["entries"].values()
    change(entry)
    pack.write_text(json.dumps(data), encoding="utf-8")


def check(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    return invoke(runner, "check", "-f", "concise", *args)


@pytest.fixture
def seeded(project: Project) -> Project:
    project.facts("baltic.yaml", FACTS)
    return project


def test_second_run_reads_the_cache_and_gives_the_same_output(
    seeded: Project, runner: CliRunner
) -> None:
    first = check(runner)
    assert first[0] == 0
    assert len(entries(seeded)) == 1
    assert (seeded.root / ".factsheet_cache" / ".gitignore").read_text().endswith("*\n")
    (pack,) = packs(seeded)
    stamp = pack.stat().st_mtime_ns
    assert check(runner) == first
    assert packs(seeded) == [pack]
    assert pack.stat().st_mtime_ns == stamp  # read, not rewritten


def test_changing_one_source_byte_gives_a_fresh_result(seeded: Project, runner: CliRunner) -> None:
    assert check(runner)[0] == 0
    seed = seeded.root / "seeds" / SEED_NAME
    data = seed.read_bytes()
    seed.write_bytes(data.replace(b"quadruple", b"quadruplf", 1))
    code, out, _ = check(runner)
    assert code == 1
    # The pinned sha256 no longer matches, and the excerpt is gone: what a run
    # without the cache says, exactly.
    source = "seeds/000_1833ecb2ef3ce3e0.txt"
    assert [line.split(": ")[0:2] for line in out.splitlines()] == [
        ["facts/baltic.yaml:6:9", f"FS008 source '{SEED_NAME}' changed since it was pinned"],
        [
            "facts/baltic.yaml:80:15",
            f"FS101 evidence not found in the source; closest passage at {source}:17:32 "
            "(99% similar)",
        ],
        ["20 facts in 1 file", "19 verified, 1 error, 1 warning"],
    ]
    assert (code, out) == check(runner, "--no-cache")[:2]
    seed.write_bytes(data)
    assert check(runner)[0] == 0


def test_changing_a_fact_gives_a_fresh_result(seeded: Project, runner: CliRunner) -> None:
    assert check(runner)[0] == 0
    seeded.facts("baltic.yaml", FACTS.replace("kind: claim", "kind: claimm", 1))
    code, out, _ = check(runner)
    assert code == 1
    assert "FS005 unknown kind 'claimm'" in out


def test_a_source_that_disappears_is_not_served_from_the_cache(
    seeded: Project, runner: CliRunner
) -> None:
    assert check(runner)[0] == 0
    (seeded.root / "seeds" / SEED_NAME).unlink()
    code, out, _ = check(runner)
    assert code == 1
    assert "FS007" in out


def test_changing_the_configuration_gives_a_fresh_entry(seeded: Project, runner: CliRunner) -> None:
    assert check(runner)[0] == 0
    (seeded.root / "factsheet.toml").write_text("strict = false\n", encoding="utf-8")
    assert check(runner)[0] == 0
    assert len(entries(seeded)) == 2
    # A moved seeds folder: the source must be found afresh, under its new name.
    (seeded.root / "seeds").rename(seeded.root / "texts")
    (seeded.root / "factsheet.toml").write_text('seeds = "texts"\n', encoding="utf-8")
    assert check(runner, "-f", "json")[0] == 0
    assert len(entries(seeded)) == 3


def test_a_new_factsheet_version_or_source_gives_a_fresh_entry(
    seeded: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert check(runner)[0] == 0
    monkeypatch.setattr(factsheet, "__version__", "999.0")
    assert check(runner)[0] == 0
    assert len(entries(seeded)) == 2
    monkeypatch.setattr(cache_module, "package_digest", lambda: "edited")
    assert check(runner)[0] == 0
    assert len(entries(seeded)) == 3


@pytest.mark.parametrize(
    "garbage",
    [b"", b"{", b"\xff\xfe", b"[]", b'{"key": "wrong"}', b"null"],
    ids=["empty", "truncated", "binary", "list", "other-key", "null"],
)
def test_a_corrupt_pack_is_ignored_and_rebuilt(
    seeded: Project, runner: CliRunner, garbage: bytes
) -> None:
    first = check(runner)
    (pack,) = packs(seeded)
    pack.write_bytes(garbage)
    assert not entries(seeded)
    assert check(runner) == first
    assert len(entries(seeded)) == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.update(key="other"),
        lambda e: e.update(outline={"ids": ["x"]}),
        lambda e: e["outline"].update(ids=[]),
        lambda e: e["outline"].update(ignore=[]),
        lambda e: e.update(diagnostics=[["FS101"]]),
        lambda e: e.update(outcome=None),
        lambda e: e.pop("fact_count"),
    ],
    ids=[
        "other-key",
        "outline-keys",
        "outline-lengths",
        "ignore-list",
        "diagnostic",
        "outcome",
        "no-count",
    ],
)
def test_an_entry_with_wrong_contents_is_rebuilt(
    seeded: Project, runner: CliRunner, change: Callable[[dict[str, Any]], object]
) -> None:
    first = check(runner)
    (pack,) = packs(seeded)
    rewrite_pack(pack, change)
    assert check(runner) == first
    assert check(runner) == first  # the rebuilt entry (a newer pack) wins over the bad one


def test_packs_are_merged_when_many_and_unused_entries_dropped(
    seeded: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    monkeypatch.setattr(cache_module, "MIN_KEPT", 0)
    seeded.facts("other.yaml", FACTS.replace("id: ", "id: o-"))
    assert check(runner)[0] == 0
    for n in range(4):  # each edit checks one file afresh: one more pack, or a merge
        seeded.facts("baltic.yaml", FACTS + f"# edit {n}\n")
        assert check(runner) == (0, check(runner, "--no-cache")[1], "")
        assert 1 <= len(packs(seeded)) <= 2
    # Merged: the two entries in use (both files as they are now) and at most as many
    # others, of the six made; and none of the packs merged away.
    (pack,) = packs(seeded)
    assert len(entries(seeded)) == 4
    assert check(runner)[0] == 0
    assert packs(seeded) == [pack]  # all served from the merged pack


def test_a_merge_of_product_packs_keeps_no_more_stale_products_than_products_in_use(
    seeded: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A check's entries are small and a merge keeps MIN_KEPT of them; a product (a review
    page, a brief) is kilobytes: it keeps as many stale ones as it uses, no more."""
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    seeded.facts("other.yaml", FACTS.replace("id: ", "id: o-"))
    first = invoke(runner, "table", "-f", "csv")
    assert first[0] == 0
    for n in range(4):  # each edit makes both files' rows again: one more pack, or a merge
        seeded.facts("baltic.yaml", FACTS + f"# edit {n}\n")
        seeded.facts("other.yaml", FACTS.replace("id: ", "id: o-") + f"# edit {n}\n")
        assert invoke(runner, "table", "-f", "csv") == first
    made = cache_module.Cache(seeded.root, "table-rows").load()
    assert len(made) == 4  # the two in use, and two of the eight made before
    assert len(entries(seeded)) == 10  # a check's: every one of the ten made


def test_no_cache_neither_reads_nor_writes(seeded: Project, runner: CliRunner) -> None:
    assert check(runner, "--no-cache")[0] == 0
    assert not (seeded.root / ".factsheet_cache").exists()
    assert check(runner)[0] == 0
    (pack,) = packs(seeded)
    rewrite_pack(pack, lambda e: e.update(diagnostics=[1]))
    assert check(runner, "--no-cache")[0] == 0


def test_an_unwritable_cache_folder_does_not_stop_the_check(
    seeded: Project, runner: CliRunner
) -> None:
    (seeded.root / ".factsheet_cache").write_text("not a folder")
    assert check(runner)[0] == 0


def test_two_runs_sharing_the_cache_agree(seeded: Project) -> None:
    for i in range(6):
        seeded.facts(f"copy{i}.yaml", FACTS.replace("id: ", f"id: c{i}-"))
    env = {**os.environ, "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "factsheet", "check", "-f", "concise"]
    procs = [
        subprocess.Popen(cmd, cwd=seeded.root, stdout=subprocess.PIPE, env=env, text=True)
        for _ in range(3)
    ]
    outs = [p.communicate()[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0]
    assert len(set(outs)) == 1
    assert len(entries(seeded)) == 7
    assert not list((seeded.root / PACKS).glob(".*.tmp"))
    again = subprocess.run(cmd, cwd=seeded.root, capture_output=True, env=env, text=True)
    assert again.stdout == outs[0]


MIXED = {
    "a.yaml": FACTS,
    "b.yaml": FACTS.replace("id: ", "id: b-").replace("quadruple", "triple"),
    "c.yaml": "source: missing.txt\nfacts:\n  - id: lone\n    kind: claim\n",
    "d.yaml": FACTS.replace("id: ", "id: d-").replace("Jens Stoltenberg", "Jens Stoltenburg"),
    "e.yaml": "facts: [",
    # Every id repeats one of b.yaml's (FS006), and ignore lists silence FS401:
    # both are decided from a cached entry's outline on a warm run.
    "f.yaml": FACTS.replace("id: ", "id: b-"),
    "g.yaml": FACTS.replace("id: ", "id: g-")
    .replace("Jens Stoltenberg", "Jens Stoltenburg")
    .replace("\n    kind: ", "\n    ignore: [FS401]\n    kind: "),
}


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "junit", "sarif", "github"])
def test_output_is_byte_identical_with_and_without_cache_and_pool(
    project: Project, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    for name, text in MIXED.items():
        project.facts(name, text)
    args = ("check", "-f", fmt)
    monkeypatch.setenv("FACTSHEET_JOBS", "1")
    plain = invoke(runner, *args, "--no-cache")
    assert plain[0] == 1
    # The loading run that other commands use agrees on the findings.
    config = Config(project.root, project.root / "facts", project.root / "seeds")
    full = checker.load_checked([], config)
    lean = checker.run_check([], config, cache=False, jobs=1)
    assert full.diagnostics == lean.diagnostics
    assert full.summary == lean.summary
    assert full.status == lean.status
    cold = invoke(runner, *args)
    warm = invoke(runner, *args)
    monkeypatch.setattr(pool, "POOL_MIN_FILES", 1)
    monkeypatch.setenv("FACTSHEET_JOBS", "2")
    pooled = invoke(runner, *args, "--no-cache")
    pooled_warm = invoke(runner, *args)
    with _another_thread():  # workers from a forkserver, not forked
        served = invoke(runner, *args, "--no-cache")
    assert plain == cold == warm == pooled == pooled_warm == served


@contextmanager
def _another_thread() -> Iterator[None]:
    """A second thread alive meanwhile, as a refreshing progress bar would be."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked only on Linux")
def test_workers_are_forked_only_from_a_single_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing

    methods: list[str | None] = []
    real = multiprocessing.get_context

    def spy(method: str | None = None) -> Any:
        methods.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", spy)
    config = Config(Path("."), Path("facts"), Path("seeds"))
    pool.make_pool(1, config).shutdown()
    with _another_thread():
        pool.make_pool(1, config).shutdown()
    assert methods == ["fork", "forkserver"]


def test_quiet_and_selection_apply_after_the_cache(seeded: Project, runner: CliRunner) -> None:
    seeded.facts("baltic.yaml", FACTS.replace("quadruple", "triple"))
    code, out, _ = check(runner)
    assert (code, out.splitlines()[0].split(": ")[1].split()[0]) == (1, "FS101")
    cached_codes = {line.split()[1] for line in out.splitlines()[:-1]}
    for code_ in cached_codes:
        _, again, _ = check(runner, "--ignore", code_)
        assert f" {code_} " not in again
    assert check(runner) == (code, out, "")
