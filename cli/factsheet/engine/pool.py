"""The worker processes of a large run, and the task each worker runs.

A worker lives for one run, so the sources it parses cannot go stale; it sends
back each file's cache entry encoded as plain data (cheap to pickle).
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Any

from factsheet.config import Config
from factsheet.engine.cache import Entry, Outcome, encode
from factsheet.engine.file_check import check_one
from factsheet.rules.input_format import FS007
from factsheet.source.reader import Source

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

POOL_MIN_FILES = 64  # fewer files to check than this: no process pool (start-up cost)
POOL_CHUNK = 8


def tune_gc() -> None:
    """Collect cycles rarely: a check allocates millions of small acyclic objects.

    With the default thresholds the collector runs hundreds of times per
    thousand files and takes ~9% of a cold check; objects made so far (the
    imported modules) are frozen out of its scans.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


_WORKER_SOURCES: dict[str, Source] = {}
_WORKER_FAILED: dict[str, str] = {}
_WORKER_SOURCES_MAX = 32  # bounded: a worker sees thousands of sources
_WORKER_CONFIG: list[Config] = []  # set once per worker, not sent with every file


def _start_worker(config: Config) -> None:
    _WORKER_CONFIG[:] = [config]
    tune_gc()


def check_file(
    task: tuple[str, bytes],
    config: Config | None = None,
    sources: dict[str, Source] | None = None,
    failed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Check one fact file (in a worker, or here given the rest): its encoded cache entry."""
    display, data = task
    config = _WORKER_CONFIG[0] if config is None else config
    parsed = _WORKER_SOURCES if sources is None else sources
    fact_file, source, raw = check_one(
        display, data, config, parsed, _WORKER_FAILED if failed is None else failed
    )
    while len(parsed) > _WORKER_SOURCES_MAX:
        parsed.pop(next(iter(parsed)))
    outcome: Outcome = None
    if fact_file.source is not None:
        unavailable = next((d.message for d in raw if d.code == FS007.code), "")
        outcome = ["read", source.path, source.sha256] if source else ["failed", unavailable]
    name = None if fact_file.source is None else fact_file.source.value
    entry = Entry(name, outcome, fact_file.fact_count, fact_file.source, fact_file.outline, raw)
    return encode(entry)


def make_pool(workers: int, config: Config) -> ProcessPoolExecutor:
    """Worker processes for a run.

    On Linux a single-threaded process forks them: they start at once with
    this process's modules (the rules are imported here, once), where a
    forkserver would first start a new interpreter and import everything
    again (~0.3 s of a cold run). With other threads alive (a progress bar
    refreshing) forking is unsafe, so a forkserver, or spawn, is used instead.
    """
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    context: BaseContext
    if sys.platform == "linux" and threading.active_count() == 1:
        import factsheet.rules.registry  # noqa: F401  (for every worker, before the fork)
        from factsheet.rules.meaning import preload

        preload()  # WordNet and the lemmatiser's dictionary, read once for every worker

        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or each worker would write what is buffered again
        context = multiprocessing.get_context("fork")
    elif "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports the rules once; each worker is forked from it.
        context.set_forkserver_preload(["factsheet.engine.pool", "factsheet.rules.registry"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(config,)
    )
