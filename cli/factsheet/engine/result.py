"""What a check run returns: the kept findings, a summary and each fact's status.

Pure data for the outputs. ``CheckResult`` is generic in its files: the
reporting run of ``factsheet check`` gives :class:`~factsheet.model.CheckedFile`
(no facts, only what reports show), the loading run gives whole
:class:`~factsheet.model.FactFile` objects, so reading ``.facts`` off a
reporting run is a type error rather than an empty tuple.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Generic, Protocol, TypeVar

from factsheet.model import Diagnostic, Location, Outline, Severity
from factsheet.rules.input_format import FS006
from factsheet.selection import enabled, suppressed
from factsheet.source.reader import Source


class ReportedFile(Protocol):
    """What reports read of a checked fact file."""

    @property
    def path(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def fact_count(self) -> int: ...
    @property
    def outline(self) -> Outline: ...


FileT = TypeVar("FileT", bound=ReportedFile, covariant=True)


@dataclass(frozen=True)
class Summary:
    files: int
    facts: int
    verified: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class CheckResult(Generic[FileT]):
    files: Sequence[FileT]
    diagnostics: Sequence[Diagnostic]
    summary: Summary
    sources: Mapping[str, Source] = field(default_factory=dict)  # by display path
    file_sources: Mapping[str, Source] = field(default_factory=dict)  # fact file → source
    status: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (file, id) → status


def duplicate_ids(files: Sequence[ReportedFile]) -> Iterable[Diagnostic]:
    """FS006 for every id used again, in this file or an earlier one."""
    every: set[str] = set()
    total = 0
    for fact_file in files:
        every.update(fact_file.outline.ids)
        total += len(fact_file.outline.ids)
    if len(every) == total:
        return  # the usual case, decided without a loop over the facts in Python
    seen: dict[str, tuple[str, Location]] = {}
    for fact_file in files:
        outline = fact_file.outline
        places = zip(outline.ids, outline.id_lines, outline.id_columns, strict=True)
        for fid, line, column in places:
            first = seen.get(fid)
            if first is None:
                seen[fid] = (fact_file.path, Location(line, column))
                continue
            yield FS006.diagnostic(
                fact_file.path,
                Location(line, column),
                f"id '{fid}' is already used at {first[0]}:{first[1]}; give this fact another id",
                fact=fid,
            )


def finish(
    files: Sequence[FileT],
    raw: list[Diagnostic],
    sources: Mapping[str, Source],
    file_sources: Mapping[str, Source],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
) -> CheckResult[FileT]:
    """Select and suppress the raw findings, sort them, and tally each fact's status."""
    raw.extend(duplicate_ids(files))
    outlines = [(f.path, f.outline) for f in files]
    ignored = {path: outline.ignore for path, outline in outlines}
    kept = [
        d
        for d in raw
        if enabled(d.code, select, ignore, d.off_by_default)
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
    return CheckResult(files, kept, summarize(files, kept, status), sources, file_sources, status)


def summarize(
    files: Sequence[FileT], kept: Sequence[Diagnostic], status: dict[tuple[str, str], str]
) -> Summary:
    """The counts of a result: its files and facts, its facts verified, its findings kept."""
    return Summary(
        files=len(files),
        facts=sum(f.fact_count for f in files),
        verified=len(status) - list(status.values()).count("errors"),
        errors=sum(1 for d in kept if d.severity is Severity.ERROR),
        warnings=sum(1 for d in kept if d.severity is Severity.WARNING),
    )
