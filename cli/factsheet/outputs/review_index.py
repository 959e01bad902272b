"""The review of an archive: one page per source and an index of them, so that no page
grows with the archive (review_page.py renders each page)."""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from factsheet.engine.products import Product
from factsheet.engine.result import CheckResult, Summary
from factsheet.engine.run import ProductRun
from factsheet.model import FactFile
from factsheet.outputs.report.summary import summary_text
from factsheet.outputs.review_page import PAGE_HEAD, STATUSES, esc, page_body, page_bytes


@dataclass(frozen=True)
class Part:
    """One page of a review of several sources: a source and its fact files, or a
    fact file whose source could not be read."""

    title: str
    path: str
    page: str | bytes  # the page's HTML: its text, or its bytes as written (UTF-8)
    counts: dict[str, int]  # how many of its facts have each status


def review_data(result: CheckResult[FactFile]) -> list[str | None]:
    """What `review` makes of one fact file in the workers (and caches): its source's
    title (None when it could not be read) and its page, as if no other fact file
    used that source, linked to no index (:func:`parts_of` adds the link)."""
    from factsheet.outputs.coverage_report import measure
    from factsheet.outputs.review_page import render

    coverages = measure(result)
    title = coverages[0].source.title if coverages else None
    return [title, _pack(render(result, coverages))]


def _pack(page: str) -> str:
    """A page's body compressed for the trip from the worker and the cache (a fifth of a
    page's size: an archive's pages are tens of megabytes)."""
    body = page_body(page).encode("utf-8")  # what a page holds, and what is written
    return base64.b64encode(zlib.compress(body, 1)).decode()


def _unpack(packed: str, index: str | None) -> bytes:
    """The page packed, linked to ``index``, as written."""
    return page_bytes(zlib.decompress(base64.b64decode(packed)), index)


REVIEW = Product("review", review_data, "")


def page_alone(run: ProductRun) -> bytes | None:
    """The page of a run of one fact file, as made (or cached) with its check; None
    otherwise."""
    if len(run.products) != 1 or run.products[0] is None:
        return None
    return _unpack(run.products[0][1], None)


def parts_of(run: ProductRun, index: str) -> list[Part]:
    """One part per source (in path order), then one per fact file without one, from a
    run that made :data:`REVIEW` (a source several files share: rendered here)."""
    from factsheet.outputs.coverage_report import measure
    from factsheet.outputs.review_page import render

    files = [f.path for f in run.result.files]
    statuses: dict[str, list[str]] = {}
    for (file, _), status in run.result.status.items():
        statuses.setdefault(file, []).append(status)

    def counts(picked: list[int]) -> dict[str, int]:
        values = [v for i in picked for v in statuses.get(files[i], ())]
        return {s: values.count(s) for s in STATUSES}

    parts: list[Part] = []
    for path, picked in run.by_source().items():
        title, packed = run.products[picked[0]]
        page: str | bytes
        if len(picked) == 1 and title is not None:
            page = _unpack(packed, index)
        else:
            result = run.loaded({files[i] for i in picked})
            coverages = [c for c in measure(result) if c.path == path]
            title = coverages[0].source.title if coverages else path
            page = render(result, coverages, index=index)
        parts.append(Part(title, path, page, counts(picked)))
    parts.extend(
        Part(files[i], files[i], _unpack(run.products[i][1], index), counts([i]))
        for i, source in enumerate(run.sources)
        if source is None
    )
    return parts


def render_index(summary: Summary, parts: Sequence[Part], pages: Sequence[str]) -> str:
    """The index of a review of several sources: each with its status counts, linked to its page."""
    rows: list[str] = []
    for part, page in zip(parts, pages, strict=True):
        counts = part.counts
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
        PAGE_HEAD + f'<p class="counts">{esc(summary_text(summary))}</p>'
        f'<p class="meta">{n} sources, one page each.</p></header>'
        f'<main><ol class="sources">{"".join(rows)}</ol></main></body></html>\n'
    )


PAGE_NAME = re.compile(r"\d{4}-[A-Za-z0-9._-]*\.html")


def page_name(number: int, path: str) -> str:
    """The file name of a part's page: its number, then its source's name, made safe."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.rsplit("/", 1)[-1]).strip("-.")
    return f"{number:04d}-{stem[:60] or 'source'}.html"
