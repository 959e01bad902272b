"""The Markdown brief: a data model built from checked facts, rendered by a Jinja2 template.

Pure: no printing, no file writes. Every string in the model that comes from
a fact file or a source is already escaped for Markdown (``markdown.inline``),
so a template, built-in or not, cannot let a fact break the layout or inject
HTML, links or images. The model is documented in the README.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import jinja2
import jinja2.sandbox

from factsheet.engine.products import Product
from factsheet.engine.result import CheckResult
from factsheet.model import Fact, FactFile, Figure
from factsheet.outputs.markdown_escape import inline, safe_url, shorten, text_fragment
from factsheet.source.matching import find
from factsheet.source.reader import Source

BUILTIN_TEMPLATE = "brief.md.j2"
DASH = "\u2013"  # en dash, for date ranges
_CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


class TemplateProblem(Exception):
    """A template that cannot be read, parsed or rendered (the CLI exits 2)."""


@dataclass(frozen=True)
class FigureRow:
    label: str  # what is counted ("" when the fact gives no label)
    value: str  # "€200 million ($226 million)": the figures that share the label


@dataclass(frozen=True)
class Footnote:
    n: int
    path: str  # the source's path, relative to the project root
    line: int | None  # where the excerpt starts; None if it was not found
    excerpt: str  # the evidence (or quote), shortened with … past 160 characters
    url: str | None  # the source's url with a #:~:text= fragment for the passage


@dataclass(frozen=True)
class FactView:
    id: str
    kind: str
    status: str  # verified, warnings or errors
    unverified: bool  # has errors (only present with --allow-unverified)
    text: str  # the statement, or for a quote the quotation
    statement: str
    quote: str
    speakers: tuple[str, ...]
    speaker: str  # the speakers as a phrase: "A", "A and B", "A, B and C"
    speaker_named: bool  # the statement already names every speaker (by surname)
    term: str
    disputed_by: str
    date: str  # ISO date or range as written; "" if none
    date_text: str  # "28 November 2021"
    figures: tuple[FigureRow, ...]
    places: tuple[str, ...]
    entities: tuple[str, ...]
    tags: tuple[str, ...]
    notes: tuple[int, ...]  # footnote numbers
    cite: str  # the footnote citations, "[^3][^4]"


@dataclass(frozen=True)
class SourceView:
    path: str
    title: str
    date: str
    date_text: str
    url: str | None
    publisher: str
    author: str


@dataclass(frozen=True)
class Brief:
    title: str
    fact_file: str
    source: SourceView
    count: int  # facts included
    unverified: int  # of which unverified
    facts: tuple[FactView, ...]  # fact-file order
    key_points: tuple[FactView, ...]  # claims and events
    figures: tuple[FactView, ...]  # facts with figures
    quotes: tuple[FactView, ...]
    timeline: tuple[FactView, ...]  # dated facts, by date
    definitions: tuple[FactView, ...]
    disputed: tuple[FactView, ...]
    footnotes: tuple[Footnote, ...]


# -- formatting for people -------------------------------------------------------------


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1 else f"{value:,}"


def format_figure(value: float, unit: str | None) -> str:
    """``200000000, "EUR"`` → ``€200 million``; ``87, "percent"`` → ``87%``."""
    magnitude = abs(value)
    text = _number(value)
    for size, word in _SCALES:
        if magnitude >= size:
            text = f"{_number(round(value / size, 2))} {word}"
            break
    if unit is None or not unit.strip():
        return text
    if unit == "percent":
        return f"{_number(value)}%"
    if unit in _CURRENCY_SYMBOLS:
        sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
        return f"{sign}{_CURRENCY_SYMBOLS[unit]}{text}"
    if re.fullmatch(r"[A-Z]{3}", unit):
        return f"{unit} {text}"
    return f"{text} {unit}"


def format_date(iso: str) -> str:
    """``2021-11-28`` → ``28 November 2021``; a range ``a/b`` → ``28-30 November 2021``
    (with an en dash)."""
    try:
        start, _, end = iso.partition("/")
        a = datetime.date.fromisoformat(start)
        b = datetime.date.fromisoformat(end) if end else a
    except ValueError:
        return iso
    if a == b:
        return f"{a.day} {a:%B} {a.year}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}{DASH}{b.day} {a:%B} {a.year}"
    if a.year == b.year:
        return f"{a.day} {a:%B} {DASH} {b.day} {b:%B} {b.year}"
    return f"{a.day} {a:%B} {a.year} {DASH} {b.day} {b:%B} {b.year}"


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _figure_rows(figures: Sequence[Figure]) -> tuple[FigureRow, ...]:
    """Figures grouped by label. A figure with the same (or no) label that gives the
    amount before it in another currency is in brackets (`€200 million ($226 million)`);
    other figures of the group are listed (`5%, 3%`), never bracketed as if one amount.
    """
    groups: list[tuple[str, list[tuple[str, Figure]]]] = []
    for figure in figures:
        label = (figure.label or "").strip()
        value = format_figure(figure.value, figure.unit)
        if groups and (not label or label == groups[-1][0]):
            groups[-1][1].append((value, figure))
        else:
            groups.append((label, [(value, figure)]))
    rows = []
    for label, values in groups:
        text = values[0][0]
        for (value, figure), (_, before) in zip(values[1:], values, strict=False):
            if _converted(before, figure):
                text += f" ({value})"
            else:
                text += f", {value}"
        rows.append(FigureRow(inline(label[:1].upper() + label[1:]), inline(text)))
    return tuple(rows)


def _converted(first: Figure, second: Figure) -> bool:
    """Whether ``second`` reads as ``first`` in another currency."""
    return (
        first.unit is not None
        and second.unit is not None
        and first.unit != second.unit
        and first.unit.isupper()
        and second.unit.isupper()
        and len(first.unit) == len(second.unit) == 3
    )


# -- the model -------------------------------------------------------------------------


class _Notes:
    """Footnotes, numbered in order of first citation; an excerpt cited twice keeps its note."""

    def __init__(self, source: Source, first: int) -> None:
        self.source = source
        self.next = first
        self.url = safe_url(source.meta.get("url"))
        self.path = inline(source.path)
        self.by_fact: dict[str, tuple[int, ...]] = {}
        self.by_excerpt: dict[str, int] = {}  # the same words cited by two facts: one note
        self.notes: list[Footnote] = []

    def cite(self, fact: Fact) -> tuple[int, ...]:
        if fact.id not in self.by_fact:
            numbers = []
            excerpts = [*([fact.quote] if fact.quote else []), *fact.evidence]
            for text in excerpts:
                if text.value in self.by_excerpt:  # cited before: one footnote, cited again
                    numbers.append(self.by_excerpt[text.value])
                    continue
                matches = find(self.source, text.value)
                line = url = None
                if matches:
                    line = self.source.locate(matches[0].start).line
                    if self.url:
                        passage = self.source.text[matches[0].start : matches[0].end]
                        url = self.url + text_fragment(passage)
                self.notes.append(
                    Footnote(self.next, self.path, line, inline(shorten(text.value)), url)
                )
                numbers.append(self.next)
                self.by_excerpt[text.value] = self.next
                self.next += 1
            self.by_fact[fact.id] = tuple(numbers)
        return self.by_fact[fact.id]


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()  # what the rest gives: nothing to decompose
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names(name: str, text: str) -> bool:
    """Whether ``text`` names the person or body ``name`` (by surname; diacritics ignored)."""
    words = _fold(name).split()
    return (
        bool(words) and re.search(rf"(?<!\w){re.escape(words[-1])}(?!\w)", _fold(text)) is not None
    )


def _view(fact: Fact, status: str, notes: tuple[int, ...]) -> FactView:
    speakers = tuple(inline(s.value) for s in fact.speakers)
    statement = inline(fact.statement.value) if fact.statement else ""
    quote = inline(fact.quote.value) if fact.quote else ""
    date = str(fact.date) if fact.date else ""
    return FactView(
        id=fact.id,
        kind=fact.kind,
        status=status,
        unverified=status == "errors",
        text=quote if fact.kind == "quote" else statement,
        statement=statement,
        quote=quote,
        speakers=speakers,
        speaker=join_names(speakers),
        speaker_named=bool(fact.speakers)
        and all(
            _names(s.value, fact.statement.value if fact.statement else "") for s in fact.speakers
        ),
        term=inline(fact.term.value) if fact.term else "",
        disputed_by=inline(fact.disputed_by.value) if fact.disputed_by else "",
        date=date,
        date_text=format_date(date) if date else "",
        figures=_figure_rows(fact.figures),
        places=tuple(inline(p.value) for p in fact.places),
        entities=tuple(inline(e.value) for e in fact.entities),
        tags=tuple(inline(t.value) for t in fact.tags),
        notes=notes,
        cite="".join(f"[^{n}]" for n in notes),
    )


def _title(fact_file: FactFile, source: Source) -> str:
    if fact_file.title is not None and fact_file.title.value.strip():
        return fact_file.title.value
    title = source.title.strip()
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def build_brief(
    fact_file: FactFile,
    source: Source,
    status: Mapping[str, str],
    *,
    allow_unverified: bool = False,
    first_note: int = 1,
) -> tuple[Brief, list[Fact]]:
    """The brief's data model, and the facts left out because they have errors.

    ``status`` maps fact ids to ``verified``, ``warnings`` or ``errors`` (the
    checker's verdicts); a fact missing from it counts as having errors.
    """
    kept = [f for f in fact_file.facts if allow_unverified or status.get(f.id) != "errors"]
    omitted = [f for f in fact_file.facts if f not in kept]
    key_points = [f for f in kept if f.kind in ("claim", "event")]
    figures = [f for f in kept if f.figures]
    quotes = [f for f in kept if f.kind == "quote"]
    dated = [f for f in kept if f.date is not None]
    timeline = sorted(dated, key=lambda f: (f.date.start, f.date.end) if f.date else ("", ""))
    definitions = [f for f in kept if f.kind == "definition"]
    disputed = [f for f in kept if f.disputed_by is not None]

    notes = _Notes(source, first_note)
    for section in (key_points, figures, quotes, timeline, definitions, disputed, kept):
        for fact in section:
            notes.cite(fact)
    views = {f.id: _view(f, status.get(f.id, "errors"), notes.by_fact[f.id]) for f in kept}

    def pick(facts: list[Fact]) -> tuple[FactView, ...]:
        return tuple(views[f.id] for f in facts)

    date = source.date or ""
    url = safe_url(source.meta.get("url"))
    brief = Brief(
        title=inline(_title(fact_file, source)),
        fact_file=inline(fact_file.path),
        source=SourceView(
            path=inline(source.path),
            title=inline(source.title),
            date=date,
            date_text=format_date(date) if date else "",
            url=url,
            publisher=inline(source.meta.get("publisher", "")),
            author=inline(source.meta.get("author", "")),
        ),
        count=len(kept),
        unverified=sum(1 for f in kept if views[f.id].unverified),
        facts=pick(kept),
        key_points=pick(key_points),
        figures=pick(figures),
        quotes=pick(quotes),
        timeline=pick(timeline),
        definitions=pick(definitions),
        disputed=pick(disputed),
        footnotes=tuple(sorted(notes.notes, key=lambda n: n.n)),
    )
    return brief, omitted


# -- rendering -------------------------------------------------------------------------


def _environment(loader: jinja2.BaseLoader, sandboxed: bool = True) -> jinja2.Environment:
    kind = jinja2.sandbox.ImmutableSandboxedEnvironment if sandboxed else jinja2.Environment
    env = kind(
        loader=loader,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = lambda value: inline(str(value))
    env.filters["names"] = join_names
    return env


@lru_cache(maxsize=1)
def _builtin_text() -> str:
    template = resources.files("factsheet.outputs") / "templates" / BUILTIN_TEMPLATE
    return template.read_text(encoding="utf-8")


def template_source(path: Path | None = None) -> tuple[str, str]:
    """The name and text of the built-in template, or of the one at ``path``."""
    try:
        if path is None:
            return BUILTIN_TEMPLATE, _builtin_text()
        return str(path), path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateProblem(f"cannot read template {path}: {exc}") from None


@lru_cache(maxsize=4)
def compiled(name: str, text: str) -> jinja2.Template:
    """The template compiled (once per process: a worker renders many briefs with it).

    A user's template runs sandboxed; the built-in one is ours, and renders the
    same without the sandbox's check of every attribute (a third of a brief's time).
    """
    trusted = name == BUILTIN_TEMPLATE and text == _builtin_text()
    env = _environment(jinja2.DictLoader({name: text}), sandboxed=not trusted)
    try:
        return env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"{name}:{exc.lineno}: template error: {exc.message}") from None


def load_template(path: Path | None = None) -> jinja2.Template:
    """The built-in template, or the one at ``path``."""
    return compiled(*template_source(path))


def render(brief: Brief, template: jinja2.Template) -> str:
    """The brief as Markdown: no run of blank lines, one final newline."""
    try:
        text = template.render(brief=brief)
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"{template.name}: template error: {exc}") from None
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


class Rendered(NamedTuple):
    """One fact file's brief as the command handles it."""

    text: str | None  # None: no brief (its source could not be read, or it has no facts)
    omitted: list[tuple[str, str]]  # (id, line:column) of each fact left out for its errors
    notes: int  # footnotes used
    problem: str | None = None  # the template failed: why


def statuses_by_file(result: CheckResult[FactFile]) -> dict[str, dict[str, str]]:
    """Each fact's status (by id), for each fact file of ``result``."""
    by_file: dict[str, dict[str, str]] = {}
    for (file, fid), verdict in result.status.items():
        by_file.setdefault(file, {})[fid] = verdict
    return by_file


def render_one(
    result: CheckResult[FactFile],
    fact_file: FactFile,
    status: Mapping[str, str],
    template: tuple[str, str],
    allow_unverified: bool,
    first_note: int = 1,
) -> Rendered:
    """The brief of ``fact_file`` of ``result`` (``status``: its facts' statuses, by id)."""
    source = result.file_sources.get(fact_file.path)
    if source is None or not fact_file.facts:
        return Rendered(None, [], 0)
    model, omitted = build_brief(
        fact_file, source, status, allow_unverified=allow_unverified, first_note=first_note
    )
    left_out = [(f.id, str(f.at)) for f in omitted]
    try:
        text = render(model, compiled(*template))
    except TemplateProblem as exc:
        return Rendered(None, left_out, 0, str(exc))
    return Rendered(text, left_out, len(model.footnotes))


def brief_data(
    result: CheckResult[FactFile], template: tuple[str, str], allow_unverified: bool
) -> Rendered:
    """What `brief` makes of one fact file in the workers (and caches): its brief."""
    (fact_file,) = result.files
    status = statuses_by_file(result).get(fact_file.path, {})
    return render_one(result, fact_file, status, template, allow_unverified)


def brief_product(template: tuple[str, str], allow_unverified: bool) -> Product:
    options = hashlib.sha256(f"{template!r}{allow_unverified}".encode()).hexdigest()
    make = functools.partial(brief_data, template=template, allow_unverified=allow_unverified)
    return Product("brief", make, options)
