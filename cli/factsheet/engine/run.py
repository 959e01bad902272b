"""The check run: the fact files found, checked (or served from the cache), and tallied.

Two runs, two result types. :func:`run_check` is what ``factsheet check``
reports from: cached, in a process pool when there are many files, and its
files are :class:`~factsheet.model.CheckedFile` (no facts). :func:`load_checked`
takes its findings from the same run and loads every fact in this process
(no rule runs again). :func:`run_products` is the run of the commands that
render the facts (table, coverage, brief, review): the workers make what the
command needs of each file beside its check (see engine.products), and a run
in the same state answers with the output the command stored.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.config import Config
from factsheet.engine import pool
from factsheet.engine.cache import (
    Cache,
    Entry,
    Outcome,
    Outputs,
    context_digest,
    decode,
    entry_key,
    product_key,
)
from factsheet.engine.discovery import discover, display_path, read_fact_bytes
from factsheet.engine.products import Product
from factsheet.engine.result import CheckResult, finish, summarize
from factsheet.model import CheckedFile, Diagnostic, FactFile
from factsheet.rules.input_format import FS006
from factsheet.source.reader import Source, SourceUnavailable, parse_source, read_bytes, resolve

Progress = Callable[[int, int], None]


def load_checked(
    paths: Sequence[Path],
    config: Config,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    files: Sequence[Path] | None = None,
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

    entries = _checked_entries(paths, config, files=files, jobs=jobs, meanwhile=load).entries
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
    run = _checked_entries(paths, config, on_file=on_file, cache=cache, jobs=jobs)
    return _reported(run, config, select, ignore)


def _reported(
    run: _Checked,
    config: Config,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    wanted: set[str] | None = None,
) -> CheckResult[CheckedFile]:
    """The run's findings, selected, with the sources in ``wanted`` parsed (default: those
    the findings point into, for the text reporter)."""
    checked: list[CheckedFile] = []
    raw: list[Diagnostic] = []
    for display, data, entry in zip(run.displays, run.datas, run.entries, strict=True):
        checked.append(CheckedFile(display, data, entry.source, entry.fact_count, entry.outline))
        raw.extend(entry.diagnostics)
    if wanted is None:
        wanted = {d.source.file for d in raw if d.source is not None}
    sources, file_sources = _parsed_sources(run.displays, run.entries, config, wanted)
    return finish(checked, raw, sources, file_sources, *_selection(config, select, ignore))


@dataclass(frozen=True)
class ProductRun:
    """A run that made a product of every fact file (see engine.products).

    ``products``: one per file of ``result.files``, in order: what the worker
    made (or the cache kept), or, for a file with a duplicate id (FS006), made
    here from the whole run's result. ``sources``: each file's source's display
    path (None when it could not be read). ``replay``: what the command stored
    with :meth:`remember` after a run in the same state (same options, every
    file and source unchanged); when there is one, no product was read
    (``products`` holds None for each file).
    """

    result: CheckResult[CheckedFile]
    products: list[Any]
    sources: list[str | None]
    _run: _Checked
    _config: Config

    @property
    def replay(self) -> Any:
        return self._run.replay

    @functools.cached_property
    def _by_file(self) -> _ByFile:
        """Built when a file is loaded here: most runs (every replay) never load one."""
        return _ByFile(self._run, self.result)

    def loaded(self, files: Collection[str]) -> CheckResult[FactFile]:
        """Those fact files loaded here, with the whole run's findings and statuses
        for them: what the old way of rendering needs (a source several files share)."""
        return _subset(self._run, self.result, self._config, files, self._by_file)

    def by_source(self) -> dict[str, list[int]]:
        """The indexes of the fact files (in ``result.files``) that use each readable
        source, by the source's display path, in path order."""
        users: dict[str, list[int]] = {}
        for i, source in enumerate(self.sources):
            if source is not None:
                users.setdefault(source, []).append(i)
        return dict(sorted(users.items()))

    def answer(self, make: Callable[[], Any]) -> Any:
        """What the command stored for this state, else what ``make`` gives, stored."""
        if self.replay is not None:
            return self.replay
        output = make()
        self.remember(output)
        return output

    def remember(self, output: Any) -> None:
        """Store the command's output (plain data) for a later run in the same state."""
        if self._run.state is not None and self.replay is None:
            Outputs(self._config.root).put(self._run.state, output)


def run_products(
    paths: Sequence[Path],
    config: Config,
    product: Product,
    *,
    memo: str | None = None,
    accept: Callable[[Any], bool] | None = None,
    files: Sequence[Path] | None = None,
    jobs: int | None = None,
) -> ProductRun:
    """Check the fact files (cached, pooled) and make ``product`` of each, in the workers.

    ``memo``: the command's options that its output depends on besides the
    files, their sources, the configuration and factsheet: given, the run
    returns the output stored for the same state, if any (``replay``) and if
    ``accept`` takes it (a command checks that the files it wrote are still as
    written); else the products are read as in any run.
    """
    run = _checked_entries(
        paths, config, files=files, jobs=jobs, product=product, memo=memo, accept=accept
    )
    result = _reported(run, config, None, None, wanted=set())
    products = list(run.products)
    sources = [
        entry.outcome[1] if entry.outcome and entry.outcome[0] == "read" else None
        for entry in run.entries
    ]
    made = ProductRun(result, products, sources, run, config)
    if run.replay is None:
        twice = {d.file for d in result.diagnostics if d.code == FS006.code}
        for i, display in enumerate(run.displays):
            if display in twice:  # its findings depend on another file: made here, not cached
                products[i] = product.make(made.loaded({display}))
    return made


class _ByFile:
    """Where each file's display, findings and statuses stand in a run and its result,
    found once: a run asks for one file, or one shared source's files, at a time."""

    def __init__(self, run: _Checked, result: CheckResult[CheckedFile]) -> None:
        self.display = {display: i for i, display in enumerate(run.displays)}
        self.diagnostics: dict[str, list[int]] = {}
        for i, d in enumerate(result.diagnostics):
            self.diagnostics.setdefault(d.file, []).append(i)
        self.status: dict[str, list[tuple[int, tuple[str, str]]]] = {}
        for i, key in enumerate(result.status):
            self.status.setdefault(key[0], []).append((i, key))


def _subset(
    run: _Checked,
    result: CheckResult[CheckedFile],
    config: Config,
    files: Collection[str],
    by_file: _ByFile,
) -> CheckResult[FactFile]:
    from factsheet.factfile.loader import load_fact_file
    from factsheet.rules.registry import CODES

    picked = sorted(by_file.display[f] for f in files if f in by_file.display)
    loaded = [load_fact_file(run.displays[i], run.datas[i], known_codes=CODES) for i in picked]
    sources, file_sources = _parsed_sources(
        [run.displays[i] for i in picked], [run.entries[i] for i in picked], config
    )
    # in the whole result's order
    at = sorted(i for f in files for i in by_file.diagnostics.get(f, ()))
    diagnostics = [result.diagnostics[i] for i in at]
    keys = sorted(key for f in files for key in by_file.status.get(f, ()))
    status = {key: result.status[key] for _, key in keys}
    summary = summarize(loaded, diagnostics, status)
    return CheckResult(loaded, diagnostics, summary, sources, file_sources, status)


@dataclass
class _Checked:
    """Every fact file of a run: its display path, bytes, entry and product."""

    displays: list[str]
    datas: list[bytes]
    entries: list[Entry]
    products: list[Any]  # None for each file when the run makes none
    state: str | None = None  # what the command's output depends on (see run_products)
    replay: Any = None  # what the command stored for that state, when it did


def _checked_entries(
    paths: Sequence[Path],
    config: Config,
    *,
    jobs: int | None,
    files: Sequence[Path] | None = None,
    on_file: Progress | None = None,
    cache: bool = True,
    meanwhile: Callable[[list[str], list[bytes]], None] | None = None,
    product: Product | None = None,
    memo: str | None = None,
    accept: Callable[[Any], bool] | None = None,
) -> _Checked:
    """Each fact file's entry (and product): from the cache, or checked afresh.

    ``files``: the fact files ``paths`` name, when the caller has discovered them.
    ``meanwhile`` is called with the display paths and bytes while the
    workers check (or before the files are checked here). With ``memo`` (a
    command's options) and every file unchanged, what the command stored for
    this state is returned instead, and no product is read.
    """
    if files is None:
        files = discover(paths, config)
    total = len(files)
    displays = [display_path(p, config.root) for p in files]
    datas = [read_fact_bytes(p) for p in files]
    entries: list[Entry | None] = [None] * total
    products: list[Any] = [None] * total
    keys: list[str] = [""] * total
    store = Cache(config.root) if cache else None
    made = Cache(config.root, product.name) if cache and product is not None else None
    cached: set[int] = set()  # files whose entry is in the cache already
    # what the command's output depends on besides the files (None: nothing stored)
    asked = None
    if memo is not None and store is not None and product is not None:
        asked = f"{memo}\0{product.name}\0{product.options}"
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
                cached.add(i)
    if asked is not None and len(cached) == total:
        checked = _all(entries)
        known = _state(asked, keys, checked)
        replay = Outputs(config.root).get(known)
        if replay is not None and (accept is None or accept(replay)):
            return _Checked(displays, datas, checked, products, known, replay)
    if made is not None and product is not None:
        for i in sorted(cached):
            hit = entries[i]
            assert hit is not None
            kept = made.get(product_key(keys[i], product.name, product.options, hit.outcome))
            if kept is None or "product" not in kept:
                entries[i] = None  # checked, but not made: both again, in a worker
            else:
                products[i] = kept["product"]
    todo = [i for i in range(total) if entries[i] is None]
    done = total - len(todo)
    if on_file is not None and done:
        on_file(done, total)
    tasks = ((displays[i], datas[i]) for i in todo)

    def collect(fresh: Iterable[pool.Checked]) -> None:
        """Take each fresh entry as it arrives, while the workers go on with the rest."""
        for finished, (i, (encoded, result)) in enumerate(zip(todo, fresh, strict=True), done + 1):
            entries[i] = decode(displays[i], encoded)
            products[i] = result
            if store is not None and i not in cached:
                store.put(keys[i], encoded)
            if made is not None and product is not None:
                key = product_key(keys[i], product.name, product.options, encoded["outcome"])
                made.put(key, {"product": result})
            if on_file is not None:
                on_file(finished, total)

    workers = pool.usable_cores() if jobs is None else jobs
    if workers > 1 and len(todo) >= pool.POOL_MIN_FILES:
        with pool.running(min(workers, len(todo)), config, product) as executor:
            fresh = pool.check_files(executor, tasks)  # every task submitted
            if meanwhile is not None:
                meanwhile(displays, datas)
            collect(fresh)
    else:
        if meanwhile is not None:
            meanwhile(displays, datas)
        here = functools.partial(
            pool.check_file, config=config, sources={}, failed={}, product=product
        )
        collect(map(here, tasks))
    for cache_store in (store, made):
        if cache_store is not None:
            cache_store.flush()
    done_entries = _all(entries)
    state = None if asked is None else _state(asked, keys, done_entries)
    return _Checked(displays, datas, done_entries, products, state)


def _all(entries: list[Entry | None]) -> list[Entry]:
    checked: list[Entry] = []
    for maybe in entries:
        assert maybe is not None
        checked.append(maybe)
    return checked


def _state(asked: str, keys: list[str], entries: Sequence[Entry]) -> str:
    """The digest of everything a command's output depends on: what it asked (its options
    and product), and every file's entry key and source outcome, in order."""
    digest = hashlib.sha256(asked.encode("utf-8", "surrogateescape"))
    for key, entry in zip(keys, entries, strict=True):
        digest.update(f"\0{key}\0{entry.outcome!r}".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


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
    if entry.source is None:
        return entry.outcome is None
    name = entry.source.value
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
