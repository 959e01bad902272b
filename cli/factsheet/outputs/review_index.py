"""The review of an archive: one page per source and an index of them, so that no page
grows with the archive (review_page.py renders each page)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.engine.result import CheckResult
from factsheet.model import Diagnostic, FactFile
from factsheet.outputs.coverage_report import (
    SourceCoverage,
)
from factsheet.outputs.review_page import PAGE_HEAD, STATUSES, esc


@dataclass(frozen=True)
class Part:
    """One page of a review of several sources: a source and its fact files, or a
    fact file whose source could not be read."""

    title: str
    path: str
    result: CheckResult[FactFile]
    coverages: tuple[SourceCoverage, ...]

    def counts(self) -> dict[str, int]:
        """How many facts have each status."""
        values = list(self.result.status.values())
        return {s: values.count(s) for s in STATUSES}


def split(result: CheckResult[FactFile], coverages: Sequence[SourceCoverage]) -> list[Part]:
    """One part per source (in the coverages' order), then one per fact file without one."""
    files: dict[str, list[FactFile]] = {}
    orphans: list[FactFile] = []
    for fact_file in result.files:
        source = result.file_sources.get(fact_file.path)
        if source is None:
            orphans.append(fact_file)
        else:
            files.setdefault(source.path, []).append(fact_file)
    findings: dict[str, list[Diagnostic]] = {}
    for d in result.diagnostics:
        findings.setdefault(d.file, []).append(d)
    statuses: dict[str, dict[tuple[str, str], str]] = {}
    for key, status in result.status.items():
        statuses.setdefault(key[0], {})[key] = status
    parts = [
        Part(
            c.source.title,
            c.source.path,
            _sub_result(result, files.get(c.source.path, []), findings, statuses),
            (c,),
        )
        for c in coverages
    ]
    parts.extend(
        Part(f.path, f.path, _sub_result(result, [f], findings, statuses), ()) for f in orphans
    )
    return parts


def _sub_result(
    result: CheckResult[FactFile],
    files: Sequence[FactFile],
    findings: dict[str, list[Diagnostic]],
    statuses: dict[str, dict[tuple[str, str], str]],
) -> CheckResult[FactFile]:
    from factsheet.engine.result import Summary
    from factsheet.model import Severity

    diagnostics = [d for f in files for d in findings.get(f.path, ())]
    diagnostics.sort(key=lambda d: d.sort_key)
    status = {k: v for f in files for k, v in statuses.get(f.path, {}).items()}
    file_sources = {
        f.path: result.file_sources[f.path] for f in files if f.path in result.file_sources
    }
    sources = {s.path: s for s in file_sources.values()}
    summary = Summary(
        files=len(files),
        facts=sum(f.fact_count for f in files),
        verified=sum(1 for v in status.values() if v != "errors"),
        errors=sum(1 for d in diagnostics if d.severity is Severity.ERROR),
        warnings=sum(1 for d in diagnostics if d.severity is Severity.WARNING),
    )
    return CheckResult(files, diagnostics, summary, sources, file_sources, status)


def render_index(result: CheckResult[FactFile], parts: Sequence[Part], pages: Sequence[str]) -> str:
    """The index of a review of several sources: each with its status counts, linked to its page."""
    s = result.summary
    summary = (
        f"{s.facts} fact{'' if s.facts == 1 else 's'} in {s.files} file"
        f"{'' if s.files == 1 else 's'}: {s.verified} verified, {s.errors} error"
        f"{'' if s.errors == 1 else 's'}, {s.warnings} warning{'' if s.warnings == 1 else 's'}"
    )
    rows: list[str] = []
    for part, page in zip(parts, pages, strict=True):
        counts = part.counts()
        shown = " \u00b7 ".join(
            f'<mark class="st-{name}">{counts[name]} {name}</mark>'
            for name in STATUSES
            if counts[name]
        )
        rows.append(
            f'<li><a href="{esc(page)}">{esc(part.title)}</a> '
            f"<code>{esc(part.path)}</code> {shown or 'no facts'}</li>"
        )
    n = len(parts)
    return (
        PAGE_HEAD + f'<p class="counts">{esc(summary)}</p>'
        f'<p class="meta">{n} sources, one page each.</p></header>'
        f'<main><ol class="sources">{"".join(rows)}</ol></main></body></html>\n'
    )


def page_name(number: int, part: Part) -> str:
    """The file name of a part's page: its number, then its source's name, made safe."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", part.path.rsplit("/", 1)[-1]).strip("-.")
    return f"{number:04d}-{stem[:60] or 'source'}.html"
