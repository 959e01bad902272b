"""The check run: discover fact files, load them, resolve sources, run every rule.

Returns data (CheckResult); printing and exit statuses belong to the CLI.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.config import Config
from factsheet.factfile.yaml_reader import MAX_BYTES, YamlProblem, decode
from factsheet.model import (
    Diagnostic,
    Fact,
    FactFile,
    Location,
    Outline,
    Severity,
    SourceRef,
    Text,
    outline_of,
)
from factsheet.selection import enabled, suppressed
from factsheet.source.reader import Source, SourceUnavailable, parse_source, read_bytes, resolve
from factsheet.source.safe_read import NotRegular, read_regular

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

    from factsheet.rules.base import Finding, Rule


class UsageError(Exception):
    """A problem with the invocation or environment: the CLI exits 2."""


@dataclass(frozen=True)
class Summary:
    files: int
    facts: int
    verified: int
    errors: int
    warnings: int


@dataclass
class CheckResult:
    files: list[FactFile]
    diagnostics: list[Diagnostic]
    summary: Summary
    sources: dict[str, Source] = field(default_factory=dict)  # by display path
    file_sources: dict[str, Source] = field(default_factory=dict)  # fact file path → source
    status: dict[tuple[str, str], str] = field(default_factory=dict)  # (file, id) → status


def display_path(path: Path, root: Path) -> str:
    text, base = os.fspath(path), os.fspath(root)
    if text.startswith(base + os.sep) and os.path.isabs(text) and f"{os.sep}." not in text:
        return text[len(base) + 1 :].replace(os.sep, "/")  # what relpath gives, 20x sooner
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def discover(paths: Sequence[Path], config: Config) -> list[Path]:
    """Fact files named or found below the given folders (default: the facts folder)."""
    targets = list(paths) or [config.facts]
    found: list[tuple[str, Path]] = []  # (real path, path)
    for target in targets:
        if target.is_dir():
            found.extend(_walk(target))
        elif target.exists():
            found.append((os.path.realpath(target), target))
        else:
            raise UsageError(f"path not found: {target}")
    unique = dict(found).values()
    if not unique:
        where = ", ".join(display_path(t, config.root) for t in targets)
        raise UsageError(f"no fact files (*.yaml) found in {where}")
    return sorted(unique, key=lambda p: display_path(p, config.root))


def _walk(folder: Path) -> Iterable[tuple[str, Path]]:
    """``*.yaml``/``*.yml`` files below ``folder``, skipping hidden names and folder links."""
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        real_parent = os.path.realpath(parent)
        for name in sorted(names):
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            path = Path(parent, name)
            if os.path.islink(path):
                if os.path.isfile(path):
                    yield os.path.realpath(path), path
            elif os.path.isfile(path):
                yield os.path.join(real_parent, name), path


def read_fact_bytes(path: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 (the loader reports a larger file)."""
    try:
        return read_regular(path, MAX_BYTES)
    except NotRegular:
        raise UsageError(f"cannot read {path}: not a regular file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def run_check(
    paths: Sequence[Path],
    config: Config,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    on_file: Callable[[int, int], None] | None = None,
    lean: bool = False,
    cache: bool = True,
    jobs: int | None = None,
) -> CheckResult:
    """Check the fact files named or found in ``paths``.

    ``lean`` (what ``factsheet check`` uses) checks for reporting only: results
    come from the cache when valid (``cache``), files are checked in a process
    pool when there are many (``jobs`` workers; default: the usable cores), and
    the result's facts carry only what reporters use (id, kind, position,
    ``ignore``), its sources only those that findings point into. Otherwise
    everything is loaded in this process, for commands that use the facts.
    """
    select = tuple(config.select if select is None else select)
    ignore = tuple(config.ignore if ignore is None else ignore)
    files = discover(paths, config)
    run = (
        _run_lean(files, config, on_file, cache, jobs)
        if lean
        else _run_full(files, config, on_file)
    )
    loaded, raw, sources, file_sources = run
    outlines = [(f.path, outline_of(f)) for f in loaded]  # read off the facts once
    raw.extend(_duplicate_ids(outlines))
    return _finish(loaded, outlines, raw, sources, file_sources, select, ignore)


_Run = tuple[list[FactFile], list[Diagnostic], dict[str, Source], dict[str, Source]]


def _check_one(
    display: str, data: bytes, config: Config, sources: dict[str, Source], failed: dict[str, str]
) -> tuple[FactFile, Source | None, list[Diagnostic]]:
    """Load one fact file, resolve its source and run every fact check: the unit of work."""
    # Imported here: a run served from the cache never loads the rule modules.
    from factsheet.factfile.loader import load_fact_file
    from factsheet.rules.registry import CODES, FACT_CHECKS, RULES_BY_CODE

    fact_file = load_fact_file(display, data, known_codes=CODES)
    raw = list(fact_file.diagnostics)
    source = _source_for(fact_file, config, sources, failed, raw)
    if source is not None:
        for fact in fact_file.facts:
            for check in FACT_CHECKS:
                raw.extend(
                    _diagnostics(check(fact, source), fact, fact_file, source, RULES_BY_CODE)
                )
    return fact_file, source, raw


def _run_full(
    files: list[Path], config: Config, on_file: Callable[[int, int], None] | None
) -> _Run:
    """Everything loaded in this process, for commands that use the facts themselves."""
    loaded: list[FactFile] = []
    raw: list[Diagnostic] = []
    sources: dict[str, Source] = {}
    file_sources: dict[str, Source] = {}
    failed: dict[str, str] = {}
    for index, path in enumerate(files, 1):
        display = display_path(path, config.root)
        fact_file, source, found = _check_one(
            display, read_fact_bytes(path), config, sources, failed
        )
        loaded.append(fact_file)
        raw.extend(found)
        if source is not None:
            file_sources[fact_file.path] = source
        if on_file is not None:
            on_file(index, len(files))
    return loaded, raw, sources, file_sources


def _source_for(
    fact_file: FactFile,
    config: Config,
    sources: dict[str, Source],
    failed: dict[str, str],
    out: list[Diagnostic],
) -> Source | None:
    if fact_file.source is None:
        return None
    name = fact_file.source.value
    at = fact_file.source.at
    source: Source | None = None
    try:
        path = resolve(config.seeds, name)
        key = display_path(path, config.root)
        if key in failed:
            raise SourceUnavailable(failed[key])
        source = sources.get(key)
        if source is None:
            try:
                source = parse_source(key, read_bytes(path), path.name)
            except SourceUnavailable as exc:
                failed[key] = str(exc)
                raise
            sources[key] = source
    except SourceUnavailable as exc:
        out.append(
            Diagnostic("FS007", Severity.ERROR, str(exc), fact_file.path, at.line, at.column)
        )
        return None
    pinned = fact_file.sha256
    if pinned is not None and pinned.value.lower() != source.sha256:
        out.append(
            Diagnostic(
                "FS008",
                Severity.WARNING,
                f"source '{name}' changed since it was pinned: its sha256 is now "
                f"{source.sha256[:12]}…; re-check the facts, then update sha256",
                fact_file.path,
                pinned.at.line,
                pinned.at.column,
                suggestion=f"sha256: {source.sha256}",
            )
        )
    return source


def _diagnostics(
    findings: Iterable[Finding],
    fact: Fact,
    fact_file: FactFile,
    source: Source,
    rules: Mapping[str, Rule],
) -> Iterable[Diagnostic]:
    """One fact check's findings as diagnostics of the fact file."""
    for finding in findings:
        where = (
            None
            if finding.source_offset is None
            else SourceRef(source.path, *_pair(source, finding.source_offset))
        )
        yield Diagnostic(
            finding.code,
            rules[finding.code].severity,
            finding.message,
            fact_file.path,
            finding.at.line,
            finding.at.column,
            fact.id,
            where,
            finding.suggestion,
        )


def _pair(source: Source, offset: int) -> tuple[int, int]:
    loc = source.locate(offset)
    return loc.line, loc.column


def _duplicate_ids(outlines: list[tuple[str, Outline]]) -> Iterable[Diagnostic]:
    every: set[str] = set()
    total = 0
    for _, outline in outlines:
        every.update(outline.ids)
        total += len(outline.ids)
    if len(every) == total:
        return  # the usual case, decided without a loop over the facts in Python
    seen: dict[str, tuple[str, Location]] = {}
    for path, outline in outlines:
        places = zip(outline.ids, outline.id_lines, outline.id_columns, strict=True)
        for fid, line, column in places:
            first = seen.get(fid)
            if first is None:
                seen[fid] = (path, Location(line, column))
                continue
            yield Diagnostic(
                "FS006",
                Severity.ERROR,
                f"id '{fid}' is already used at {first[0]}:{first[1]}; give this fact another id",
                path,
                line,
                column,
                fid,
            )


def _finish(
    files: list[FactFile],
    outlines: list[tuple[str, Outline]],  # (path, outline) of each file
    raw: list[Diagnostic],
    sources: dict[str, Source],
    file_sources: dict[str, Source],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> CheckResult:
    ignored = {path: outline.ignore for path, outline in outlines}
    kept = [
        d
        for d in raw
        if enabled(d.code, select, ignore)
        and not suppressed(d.code, ignored.get(d.file, {}).get(d.fact or "", ()))
    ]
    kept.sort(key=lambda d: d.sort_key)
    failing_files = {d.file for d in kept if d.severity is Severity.ERROR and d.fact is None}
    worst: dict[tuple[str, str], Severity] = {}
    for d in kept:
        if d.fact is not None and worst.get((d.file, d.fact)) is not Severity.ERROR:
            worst[(d.file, d.fact)] = d.severity
    status: dict[tuple[str, str], str] = {}
    for path, outline in outlines:
        verdict = "errors" if path in failing_files else "verified"
        status.update(dict.fromkeys(zip(repeat(path), outline.ids), verdict))
    labels = {Severity.ERROR: "errors", Severity.WARNING: "warnings"}
    for (path, fid), level in worst.items():
        if path not in failing_files and (path, fid) in status and level in labels:
            status[(path, fid)] = labels[level]
    summary = Summary(
        files=len(files),
        facts=sum(f.fact_count for f in files),
        verified=len(status) - list(status.values()).count("errors"),
        errors=sum(1 for d in kept if d.severity is Severity.ERROR),
        warnings=sum(1 for d in kept if d.severity is Severity.WARNING),
    )
    return CheckResult(files, kept, summary, sources, file_sources, status)


# The lean run of ``factsheet check``: cache, process pool, reporting data only.

POOL_MIN_FILES = 64  # fewer files to check than this: no process pool (start-up cost)
POOL_CHUNK = 8

Outcome = list[str] | None  # ["read", display, sha256] / ["failed", message] / None


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


def _source_outcome(config: Config, name: str) -> Outcome:
    """How ``name`` resolves now: what a cache entry's ``outcome`` must agree with."""
    try:
        path = resolve(config.seeds, name)
        data = read_bytes(path)
    except SourceUnavailable as exc:
        return ["failed", str(exc)]
    return ["read", display_path(path, config.root), hashlib.sha256(data).hexdigest()]


# A pool worker lives for one run, so its parsed sources cannot go stale.
_WORKER_SOURCES: dict[str, Source] = {}
_WORKER_FAILED: dict[str, str] = {}
_WORKER_SOURCES_MAX = 32  # bounded: a worker sees thousands of sources
_WORKER_CONFIG: list[Config] = []  # set once per worker, not sent with every file


def _start_worker(config: Config) -> None:
    _WORKER_CONFIG[:] = [config]
    tune_gc()


def _check_file(
    task: tuple[str, bytes],
    config: Config | None = None,
    sources: dict[str, Source] | None = None,
    failed: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Check one fact file (in a worker or here): its cache entry, as plain data."""
    display, data = task
    config = _WORKER_CONFIG[0] if config is None else config
    parsed = _WORKER_SOURCES if sources is None else sources
    fact_file, source, raw = _check_one(
        display, data, config, parsed, _WORKER_FAILED if failed is None else failed
    )
    while len(parsed) > _WORKER_SOURCES_MAX:
        parsed.pop(next(iter(parsed)))
    outcome: Outcome = None
    if fact_file.source is not None:
        unavailable = next((d.message for d in raw if d.code == "FS007"), "")
        outcome = ["read", source.path, source.sha256] if source else ["failed", unavailable]
    return {
        "source_name": None if fact_file.source is None else fact_file.source.value,
        "outcome": outcome,
        "fact_count": fact_file.fact_count,
        "source": None
        if fact_file.source is None
        else [fact_file.source.value, fact_file.source.at.line, fact_file.source.at.column],
        "outline": outline_of(fact_file)._asdict(),
        "diagnostics": [_dump(d) for d in raw],
    }


def _dump(d: Diagnostic) -> list[Any]:
    where = None if d.source is None else [d.source.file, d.source.line, d.source.column]
    return [d.code, d.severity.value, d.message, d.line, d.column, d.fact, where, d.suggestion]


def _fact_file_text(data: bytes) -> str:
    """FactFile.text as the loader sets it."""
    if len(data) > MAX_BYTES:
        return ""
    try:
        return decode(data)
    except YamlProblem:
        return ""


def _rebuild(display: str, data: bytes, entry: dict[str, Any]) -> tuple[FactFile, list[Diagnostic]]:
    """The lean FactFile and raw diagnostics of an entry (fresh or from the cache)."""
    outline = Outline(**entry["outline"])
    if len(outline.ids) != len(outline.id_lines) or not isinstance(outline.ignore, dict):
        raise ValueError("not an outline")
    src = entry["source"]
    source = None if src is None else Text(src[0], Location(src[1], src[2]))
    diagnostics = [
        Diagnostic(
            code,
            _SEVERITIES[severity],
            message,
            display,
            line,
            column,
            fact,
            None if where is None else SourceRef(where[0], where[1], where[2]),
            suggestion,
        )
        for code, severity, message, line, column, fact, where, suggestion in entry["diagnostics"]
    ]
    fact_file = FactFile(
        display,
        _fact_file_text(data) if diagnostics else "",  # reporters quote only files with findings
        source=source,
        fact_count=entry["fact_count"],
        diagnostics=tuple(d for d in diagnostics if d.code in _LOADER_CODES),
        outline=outline,
    )
    return fact_file, diagnostics


_SEVERITIES = {s.value: s for s in Severity}
_LOADER_CODES = frozenset({"FS001", "FS002", "FS003", "FS004", "FS005", "FS009"})


def _valid(entry: dict[str, Any], outcomes: dict[str, Outcome], config: Config) -> bool:
    try:
        name = entry["source_name"]
        if name is None:
            return entry["outcome"] is None
        if name not in outcomes:
            outcomes[name] = _source_outcome(config, name)
        return bool(entry["outcome"] == outcomes[name])
    except (KeyError, TypeError):
        return False


def _run_lean(
    files: list[Path],
    config: Config,
    on_file: Callable[[int, int], None] | None,
    use_cache: bool,
    jobs: int | None,
) -> _Run:
    from factsheet.engine.cache import Cache, context_digest, entry_key

    total = len(files)
    displays = [display_path(p, config.root) for p in files]
    datas = [read_fact_bytes(p) for p in files]
    entries: list[dict[str, Any] | None] = [None] * total
    keys: list[str] = [""] * total
    built: list[tuple[FactFile, list[Diagnostic]] | None] = [None] * total
    store = Cache(config.root) if use_cache else None
    if store is not None:
        context = context_digest(config)
        outcomes: dict[str, Outcome] = {}
        for i in range(total):
            keys[i] = entry_key(context, displays[i], datas[i])
            entry = store.get(keys[i])
            if entry is not None and _valid(entry, outcomes, config):
                try:
                    built[i] = _rebuild(displays[i], datas[i], entry)
                except (KeyError, TypeError, ValueError, IndexError):
                    continue  # not what an entry holds: rebuild it
                entries[i] = entry
    todo = [i for i in range(total) if entries[i] is None]
    done = total - len(todo)
    if on_file is not None and done:
        on_file(done, total)
    tasks = ((displays[i], datas[i]) for i in todo)

    def collect(fresh: Iterable[dict[str, Any]]) -> None:
        """Take each fresh entry as it arrives, while the workers go on with the rest."""
        for finished, (i, entry) in enumerate(zip(todo, fresh, strict=True), done + 1):
            entries[i] = entry
            built[i] = _rebuild(displays[i], datas[i], entry)
            if store is not None:
                store.put(keys[i], entry)
            if on_file is not None:
                on_file(finished, total)

    workers = usable_cores() if jobs is None else jobs
    if workers > 1 and len(todo) >= POOL_MIN_FILES:
        with _pool(min(workers, len(todo)), config) as executor:
            collect(executor.map(_check_file, tasks, chunksize=POOL_CHUNK))
    else:
        here = functools.partial(_check_file, config=config, sources={}, failed={})
        collect(map(here, tasks))
    if store is not None:
        store.flush()
    loaded: list[FactFile] = []
    raw: list[Diagnostic] = []
    for item in built:
        assert item is not None
        loaded.append(item[0])
        raw.extend(item[1])
    sources, file_sources = _sources_for_findings(loaded, raw, entries, config)
    return loaded, raw, sources, file_sources


def _pool(workers: int, config: Config) -> ProcessPoolExecutor:
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

        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or each worker would write what is buffered again
        context = multiprocessing.get_context("fork")
    elif "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports the rules once; each worker is forked from it.
        context.set_forkserver_preload(["factsheet.engine.run", "factsheet.rules.registry"])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(config,)
    )


def _sources_for_findings(
    loaded: list[FactFile],
    raw: list[Diagnostic],
    entries: list[dict[str, Any] | None],
    config: Config,
) -> tuple[dict[str, Source], dict[str, Source]]:
    """Parse only the sources that findings point into (for the text reporter)."""
    wanted = {d.source.file for d in raw if d.source is not None}
    sources: dict[str, Source] = {}
    file_sources: dict[str, Source] = {}
    for fact_file, entry in zip(loaded, entries, strict=True):
        outcome = None if entry is None else entry["outcome"]
        if not outcome or outcome[0] != "read" or outcome[1] not in wanted:
            continue
        key = outcome[1]
        if key not in sources:
            path = config.root / key
            try:
                data = read_bytes(path)
                sources[key] = parse_source(key, data, path.name)
            except SourceUnavailable:
                continue
        file_sources[fact_file.path] = sources[key]
    return sources, file_sources
