"""The check run: discover fact files, load them, resolve sources, run every rule.

Returns data (CheckResult); printing and exit statuses belong to the CLI.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.checks import CODES as KNOWN_CODES
from factsheet.checks import FACT_CHECKS, RULES_BY_CODE
from factsheet.config import Config
from factsheet.loader import load_fact_file
from factsheet.model import Diagnostic, Fact, FactFile, Severity, SourceRef
from factsheet.selection import enabled, suppressed
from factsheet.sources import Source, SourceUnavailable, parse_source, read_bytes, resolve
from factsheet.yamlsafe import MAX_BYTES


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
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def discover(paths: Sequence[Path], config: Config) -> list[Path]:
    """Fact files named or found below the given folders (default: the facts folder)."""
    targets = list(paths) or [config.facts]
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found.extend(
                p
                for p in sorted(target.rglob("*"))
                if p.suffix in (".yaml", ".yml")
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(target).parts)
            )
        elif target.exists():
            found.append(target)
        else:
            raise UsageError(f"path not found: {target}")
    unique = sorted(
        {p.resolve(): p for p in found}.values(), key=lambda p: display_path(p, config.root)
    )
    if not unique:
        where = ", ".join(display_path(t, config.root) for t in targets)
        raise UsageError(f"no fact files (*.yaml) found in {where}")
    return unique


def read_fact_bytes(path: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 (the loader reports a larger file).

    Opened without blocking and checked to be a regular file, so a FIFO named
    on the command line is refused rather than waited on.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UsageError(f"cannot read {path}: not a regular file")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    finally:
        os.close(fd)


def run_check(
    paths: Sequence[Path],
    config: Config,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    on_file: Callable[[int, int], None] | None = None,
) -> CheckResult:
    select = tuple(config.select if select is None else select)
    ignore = tuple(config.ignore if ignore is None else ignore)
    files = discover(paths, config)
    loaded: list[FactFile] = []
    raw: list[Diagnostic] = []
    sources: dict[str, Source] = {}
    file_sources: dict[str, Source] = {}
    failed_sources: dict[str, str] = {}
    for index, path in enumerate(files, 1):
        fact_file = load_fact_file(
            display_path(path, config.root), read_fact_bytes(path), known_codes=KNOWN_CODES
        )
        loaded.append(fact_file)
        raw.extend(fact_file.diagnostics)
        source = _source_for(fact_file, config, sources, failed_sources, raw)
        if source is not None:
            file_sources[fact_file.path] = source
            for fact in fact_file.facts:
                raw.extend(_check_fact(fact, fact_file, source))
        if on_file is not None:
            on_file(index, len(files))
    raw.extend(_duplicate_ids(loaded))
    return _finish(loaded, raw, sources, file_sources, select, ignore)


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


def _check_fact(fact: Fact, fact_file: FactFile, source: Source) -> Iterable[Diagnostic]:
    for check in FACT_CHECKS:
        for finding in check(fact, source):
            where = (
                None
                if finding.source_offset is None
                else SourceRef(source.path, *_pair(source, finding.source_offset))
            )
            yield Diagnostic(
                finding.code,
                RULES_BY_CODE[finding.code].severity,
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


def _duplicate_ids(files: list[FactFile]) -> Iterable[Diagnostic]:
    seen: dict[str, tuple[str, Fact]] = {}
    for fact_file in files:
        for fact in fact_file.facts:
            first = seen.get(fact.id)
            if first is None:
                seen[fact.id] = (fact_file.path, fact)
                continue
            at = fact.keys["id"]
            first_at = first[1].keys["id"]
            yield Diagnostic(
                "FS006",
                Severity.ERROR,
                f"id '{fact.id}' is already used at {first[0]}:{first_at}; give this fact "
                "another id",
                fact_file.path,
                at.line,
                at.column,
                fact.id,
            )


def _finish(
    files: list[FactFile],
    raw: list[Diagnostic],
    sources: dict[str, Source],
    file_sources: dict[str, Source],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> CheckResult:
    per_fact_ignore = {(f.path, fact.id): fact.ignore for f in files for fact in f.facts}
    kept = [
        d
        for d in raw
        if enabled(d.code, select, ignore)
        and not suppressed(d.code, per_fact_ignore.get((d.file, d.fact or ""), ()))
    ]
    kept.sort(key=lambda d: d.sort_key)
    failing_files = {d.file for d in kept if d.severity is Severity.ERROR and d.fact is None}
    worst: dict[tuple[str, str], Severity] = {}
    for d in kept:
        if d.fact is not None and worst.get((d.file, d.fact)) is not Severity.ERROR:
            worst[(d.file, d.fact)] = d.severity
    status: dict[tuple[str, str], str] = {}
    for f in files:
        for fact in f.facts:
            level = worst.get((f.path, fact.id))
            if f.path in failing_files or level is Severity.ERROR:
                status[(f.path, fact.id)] = "errors"
            elif level is Severity.WARNING:
                status[(f.path, fact.id)] = "warnings"
            else:
                status[(f.path, fact.id)] = "verified"
    summary = Summary(
        files=len(files),
        facts=sum(f.fact_count for f in files),
        verified=sum(1 for s in status.values() if s != "errors"),
        errors=sum(1 for d in kept if d.severity is Severity.ERROR),
        warnings=sum(1 for d in kept if d.severity is Severity.WARNING),
    )
    return CheckResult(files, kept, summary, sources, file_sources, status)
