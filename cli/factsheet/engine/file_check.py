"""Checking one fact file: load it, resolve its source, run every fact check.

The unit of work, the same in this process and in a pool worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from factsheet.config import Config
from factsheet.engine.discovery import display_path
from factsheet.model import Diagnostic, Fact, FactFile, SourceRef
from factsheet.rules.input_format import FS007, FS008
from factsheet.source.reader import Source, SourceUnavailable, parse_source, read_bytes, resolve

if TYPE_CHECKING:
    from factsheet.rules.base import Finding, Rule


def check_one(
    display: str, data: bytes, config: Config, sources: dict[str, Source], failed: dict[str, str]
) -> tuple[FactFile, Source | None, list[Diagnostic]]:
    """The loaded file, its source (None when unavailable) and its raw diagnostics.

    ``sources`` and ``failed`` remember the sources parsed (or refused) so far,
    by display path, so that fact files sharing a source parse it once.
    """
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
        out.append(FS007.diagnostic(fact_file.path, at, str(exc)))
        return None
    pinned = fact_file.sha256
    if pinned is not None and pinned.value.lower() != source.sha256:
        out.append(
            FS008.diagnostic(
                fact_file.path,
                pinned.at,
                f"source '{name}' changed since it was pinned: its sha256 is now "
                f"{source.sha256[:12]}…; re-check the facts, then update sha256",
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
    from factsheet.factfile.scalar_positions import value_location

    for finding in findings:
        at = finding.at
        if finding.in_scalar is not None:
            at = value_location(fact_file.text, *finding.in_scalar)
        rule = rules[finding.code]
        if finding.source_offset is None:
            where = None
        else:
            loc = source.locate(finding.source_offset)
            where = SourceRef(source.path, loc.line, loc.column)
        yield Diagnostic(
            finding.code,
            rule.severity,
            finding.message,
            fact_file.path,
            at.line,
            at.column,
            fact.id,
            where,
            finding.suggestion,
            rule.off_by_default,
        )
