"""The check run: the fact files found, checked (or served from the cache), and tallied.

Two runs, two result types. :func:`run_check` is what ``factsheet check``
reports from: cached, in a process pool when there are many files, and its
files are :class:`~factsheet.model.CheckedFile` (no facts). :func:`load_checked`
takes its findings from the same run and loads every fact in this process
(no rule runs again), for the commands that render the facts themselves
(table, brief, coverage, review).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from factsheet.config import Config
from factsheet.engine import pool
from factsheet.engine.cache import Entry, Outcome, decode
from factsheet.engine.discovery import discover, display_path, read_fact_bytes
from factsheet.engine.result import CheckResult, finish
from factsheet.model import CheckedFile, Diagnostic, FactFile
from factsheet.source.reader import Source, SourceUnavailable, parse_source, read_bytes, resolve

Progress = Callable[[int, int], None]


def load_checked(
    paths: Sequence[Path],
    config: Config,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    on_file: Progress | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> CheckResult[FactFile]:
    """Check the fact files named or found in ``paths``, every fact loaded here.

    The findings come from the same run as :func:`run_check` (cached, pooled);
    the fact files are then only loaded here (no rule runs again), while the
    workers check, and every source they resolved is parsed here.
    """
    from factsheet.factfile.loader import load_fact_file
    from factsheet.rules.registry import CODES

    loaded: list[FactFile] = []

    def load(displays: list[str], datas: list[bytes]) -> None:
        loaded.extend(
            load_fact_file(display, data, known_codes=CODES)
            for display, data in zip(displays, datas, strict=True)
        )

    _, _, entries = _checked_entries(
        paths, config, on_file=on_file, cache=cache, jobs=jobs, meanwhile=load
    )
    raw = [d for entry in entries for d in entry.diagnostics]
    sources, file_sources = _parsed_sources([f.path for f in loaded], entries, config)
    return finish(loaded, raw, sources, file_sources, *_selection(config, select, ignore))


def run_check(
    paths: Sequence[Path],
    config: Config,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    on_file: Progress | None = None,
    cache: bool = True,
    jobs: int | None = None,
) -> CheckResult[CheckedFile]:
    """Check the fact files named or found in ``paths``, for reporting.

    Results come from the cache when valid (``cache``); files are checked in a
    process pool when there are many (``jobs`` workers; default: the usable
    cores); the result's sources are only those that findings point into.
    """
    displays, datas, entries = _checked_entries(
        paths, config, on_file=on_file, cache=cache, jobs=jobs
    )
    checked: list[CheckedFile] = []
    raw: list[Diagnostic] = []
    for display, data, entry in zip(displays, datas, entries, strict=True):
        checked.append(CheckedFile(display, data, entry.source, entry.fact_count, entry.outline))
        raw.extend(entry.diagnostics)
    # Only the sources that findings point into are parsed (for the text reporter).
    wanted = {d.source.file for d in raw if d.source is not None}
    sources, file_sources = _parsed_sources(displays, entries, config, wanted)
    return finish(checked, raw, sources, file_sources, *_selection(config, select, ignore))


def _checked_entries(
    paths: Sequence[Path],
    config: Config,
    *,
    on_file: Progress | None,
    cache: bool,
    jobs: int | None,
    meanwhile: Callable[[list[str], list[bytes]], None] | None = None,
) -> tuple[list[str], list[bytes], list[Entry]]:
    """Each fact file's display path, bytes and entry: from the cache, or checked afresh.

    ``meanwhile`` is called with the display paths and bytes while the
    workers check (or before the files are checked here).
    """
    from factsheet.engine.cache import Cache, context_digest, entry_key

    files = discover(paths, config)
    total = len(files)
    displays = [display_path(p, config.root) for p in files]
    datas = [read_fact_bytes(p) for p in files]
    entries: list[Entry | None] = [None] * total
    keys: list[str] = [""] * total
    store = Cache(config.root) if cache else None
    if store is not None:
        context = context_digest(config)
        outcomes: dict[str, Outcome] = {}
        for i in range(total):
            keys[i] = entry_key(context, displays[i], datas[i])
            stored = store.get(keys[i])
            if stored is None:
                continue
            try:
                entry = decode(displays[i], stored)
            except ValueError:
                continue  # not what an entry holds: rebuild it
            if _valid(entry, outcomes, config):
                entries[i] = entry
    todo = [i for i in range(total) if entries[i] is None]
    done = total - len(todo)
    if on_file is not None and done:
        on_file(done, total)
    tasks = ((displays[i], datas[i]) for i in todo)

    def collect(fresh: Iterable[dict[str, Any]]) -> None:
        """Take each fresh entry as it arrives, while the workers go on with the rest."""
        for finished, (i, encoded) in enumerate(zip(todo, fresh, strict=True), done + 1):
            entries[i] = decode(displays[i], encoded)
            if store is not None:
                store.put(keys[i], encoded)
            if on_file is not None:
                on_file(finished, total)

    workers = pool.usable_cores() if jobs is None else jobs
    if workers > 1 and len(todo) >= pool.POOL_MIN_FILES:
        with pool.running(min(workers, len(todo)), config) as executor:
            fresh = pool.check_files(executor, tasks)  # every task submitted
            if meanwhile is not None:
                meanwhile(displays, datas)
            collect(fresh)
    else:
        if meanwhile is not None:
            meanwhile(displays, datas)
        here = functools.partial(pool.check_file, config=config, sources={}, failed={})
        collect(map(here, tasks))
    if store is not None:
        store.flush()
    checked: list[Entry] = []
    for maybe in entries:
        assert maybe is not None
        checked.append(maybe)
    return displays, datas, checked


def _selection(
    config: Config, select: Iterable[str] | None, ignore: Iterable[str] | None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (
        tuple(config.select if select is None else select),
        tuple(config.ignore if ignore is None else ignore),
    )


def _source_outcome(config: Config, name: str) -> Outcome:
    """How ``name`` resolves now: what a cache entry's ``outcome`` must agree with."""
    try:
        path = resolve(config.seeds, name)
        data = read_bytes(path)
    except SourceUnavailable as exc:
        return ["failed", str(exc)]
    return ["read", display_path(path, config.root), hashlib.sha256(data).hexdigest()]


def _valid(entry: Entry, outcomes: dict[str, Outcome], config: Config) -> bool:
    name = entry.source_name
    if name is None:
        return entry.outcome is None
    if not isinstance(name, str):
        return False
    if name not in outcomes:
        outcomes[name] = _source_outcome(config, name)
    return bool(entry.outcome == outcomes[name])


def _parsed_sources(
    files: list[str], entries: list[Entry], config: Config, wanted: set[str] | None = None
) -> tuple[dict[str, Source], dict[str, Source]]:
    """The sources the fact files resolved (those in ``wanted`` only, when given),
    each parsed once: by display path, and by fact file."""
    sources: dict[str, Source] = {}
    file_sources: dict[str, Source] = {}
    for file, entry in zip(files, entries, strict=True):
        outcome = entry.outcome
        if not outcome or outcome[0] != "read" or (wanted is not None and outcome[1] not in wanted):
            continue
        key = outcome[1]
        if key not in sources:
            path = config.root / key
            try:
                sources[key] = parse_source(key, read_bytes(path), path.name)
            except SourceUnavailable:
                continue  # gone since it was checked
        file_sources[file] = sources[key]
    return sources, file_sources
