"""Summary tables of facts: rows, filters, groups, and the plain-text formats.

Pure: builds data and strings; the command prints them (and draws the Rich table).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from factsheet.engine.products import Product
from factsheet.engine.result import CheckResult
from factsheet.engine.run import ProductRun
from factsheet.model import KINDS, FactFile
from factsheet.outputs.markdown_escape import inline

By = Literal["kind", "speaker", "tag", "source", "date"]
NONE = "(none)"
STATUSES = ("verified", "warnings", "errors")


class Row(NamedTuple):  # a tuple: an archive's table has tens of thousands
    file: str  # the fact file
    id: str
    kind: str
    text: str  # the statement, or for a quote the quotation
    speakers: tuple[str, ...]
    date: str
    tags: tuple[str, ...]
    source: str  # the source's path ("" when it could not be read)
    line: int | None  # where the fact's first excerpt is in the source
    status: str  # verified, warnings or errors

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "speaker": list(self.speakers),
            "date": self.date or None,
            "tags": list(self.tags),
            "file": self.file,
            "source": self.source or None,
            "line": self.line,
            "status": self.status,
        }


@dataclass(frozen=True)
class Group:
    value: str | None  # None when not grouped
    rows: tuple[Row, ...]


def row_data(result: CheckResult[FactFile]) -> list[list[Any]]:
    """One fact file's rows without their status, in fact-file order: what `table` makes
    of each file in the workers (and caches); the status comes from the whole run (see
    :func:`rows_of`)."""
    from factsheet.rules.evidence import first_location  # here: keeps ``import`` cheap

    out: list[list[Any]] = []
    for fact_file in result.files:
        source = result.file_sources.get(fact_file.path)
        for fact in fact_file.facts:
            words = fact.quote if fact.kind == "quote" and fact.quote else fact.statement
            where = first_location(source, fact) if source is not None else None
            out.append(
                [
                    fact.id,
                    fact.kind,
                    words.value if words else "",  # the statement, or a quote's quotation
                    [s.value for s in fact.speakers],
                    str(fact.date) if fact.date else "",
                    [t.value for t in fact.tags],
                    source.path if source is not None else "",
                    where.line if where else None,
                ]
            )
    return out


TABLE_ROWS = Product("table-rows", row_data)


def rows_of(run: ProductRun) -> list[Row]:
    """Every row of a run that made :data:`TABLE_ROWS`, in file then fact-file order, with
    the status the whole run gave each fact."""
    status = run.result.status
    out = []
    for fact_file, made in zip(run.result.files, run.products, strict=True):
        path = fact_file.path
        for fid, kind, text, speakers, date, tags, source, line in made:
            verdict = status.get((path, fid), "errors")
            out.append(
                Row(
                    path, fid, kind, text, tuple(speakers), date, tuple(tags), source, line, verdict
                )
            )
    return out


def fold(name: str) -> str:
    """A name compared without case or diacritics."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def speaker_matches(wanted: str, speaker: str) -> bool:
    """``Nauseda`` matches ``Gitanas Nausėda``; ``von der Leyen`` matches the full name."""
    want, have = fold(wanted), fold(speaker)
    return bool(want) and (want == have or have.endswith(" " + want))


def select(
    all_rows: Sequence[Row],
    kinds: Sequence[str] = (),
    speakers: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> list[Row]:
    """Rows that pass every filter given (each filter: any of its values)."""
    out = []
    for row in all_rows:
        if kinds and row.kind not in kinds:
            continue
        if speakers and not any(speaker_matches(w, s) for w in speakers for s in row.speakers):
            continue
        if tags and not set(tags) & set(row.tags):
            continue
        out.append(row)
    return out


def _keys(row: Row, by: By) -> tuple[str, ...]:
    if by == "kind":
        return (row.kind,)
    if by == "speaker":
        return row.speakers or (NONE,)
    if by == "tag":
        return row.tags or (NONE,)
    if by == "source":
        return (row.source or NONE,)
    return (row.date or NONE,)


def group(all_rows: Sequence[Row], by: By | None) -> list[Group]:
    """One group per value (a fact with two speakers is in both); "(none)" last."""
    if by is None:
        return [Group(None, tuple(all_rows))]
    groups: dict[str, list[Row]] = {}
    for row in all_rows:
        for key in dict.fromkeys(_keys(row, by)):
            groups.setdefault(key, []).append(row)

    def order(key: str) -> tuple[int, int, str]:
        if key == NONE:
            return (1, 0, "")
        if by == "kind":
            return (0, KINDS.index(key) if key in KINDS else len(KINDS), key)
        return (0, 0, fold(key) if by in ("speaker", "tag") else key)

    return [Group(key, tuple(groups[key])) for key in sorted(groups, key=order)]


def counts(group_rows: Sequence[Row]) -> dict[str, int]:
    return {status: sum(1 for r in group_rows if r.status == status) for status in STATUSES}


def heading(by: By | None, g: Group) -> str:
    """``kind: claim — 7 facts: 7 verified``."""
    n = len(g.rows)
    c = counts(g.rows)
    tally = ", ".join(
        f"{c[s]} {s if c[s] != 1 or s == 'verified' else s[:-1]}" for s in STATUSES if c[s]
    )
    label = f"{by}: {g.value}" if by else "all facts"
    return f"{label} — {n} fact{'' if n == 1 else 's'}" + (f": {tally}" if tally else "")


COLUMNS = ("id", "kind", "statement or quote", "speaker", "date", "line", "status")


def cells(row: Row) -> tuple[str, ...]:
    return (
        row.id,
        row.kind,
        row.text,
        "; ".join(row.speakers),
        row.date,
        "" if row.line is None else str(row.line),
        row.status,
    )


def _value(g: Group) -> str:
    return "" if g.value in (None, NONE) else str(g.value)


def to_markdown(groups: Sequence[Group], by: By | None) -> str:
    out: list[str] = []
    for g in groups:
        if by is not None:
            out += [f"## {inline(heading(by, g))}", ""]
        out.append("| " + " | ".join(COLUMNS) + " |")
        out.append("|" + "---|" * len(COLUMNS))
        out += ["| " + " | ".join(inline(c) for c in cells(r)) + " |" for r in g.rows]
        out.append("")
    return "\n".join(out)


def to_csv(groups: Sequence[Group], by: By | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["id", "kind", "text", "speaker", "date", "tags", "file", "source", "line", "status"]
    writer.writerow(([by] if by else []) + header)
    for g in groups:
        first = (_value(g),) if by else ()
        writer.writerows(
            (
                *first,
                r.id,
                r.kind,
                r.text,
                "; ".join(r.speakers),
                r.date,
                "; ".join(r.tags),
                r.file,
                r.source,
                "" if r.line is None else r.line,
                r.status,
            )
            for r in g.rows
        )
    return buffer.getvalue()


def to_json(groups: Sequence[Group], by: By | None) -> str:
    if by is None:
        facts = [r.as_dict() for g in groups for r in g.rows]
        data: dict[str, object] = {"version": 1, "count": len(facts), "facts": facts}
    else:
        data = {
            "version": 1,
            "by": by,
            "groups": [
                {
                    "value": _value(g) or None,
                    "count": len(g.rows),
                    "counts": counts(g.rows),
                    "facts": [r.as_dict() for r in g.rows],
                }
                for g in groups
            ],
        }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
