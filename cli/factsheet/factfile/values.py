"""Reading each field's value from its YAML node: text, slugs, codes, dates, figures.

Each reader reports what is wrong with a value (FS004, FS005) through the
Context and raises Invalid to drop it; READERS maps a field type of fields.py
to its reader.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from factsheet.factfile import fields
from factsheet.factfile.scalars import RESOLVED_FIRST, TYPE_NAMES, plain_type, yaml_type
from factsheet.factfile.yaml_reader import Mapping, Node, Scalar, Sequence
from factsheet.model import KINDS, DateValue, Diagnostic, Figure, Kind, Location, Text
from factsheet.rules.base import Rule
from factsheet.rules.input_format import FS003, FS004, FS005

_DECIMAL = re.compile(r"^[-+]?(?:\d[\d_]*)(?:\.\d+)?(?:[eE][-+]?\d+)?$")
_SLUG = re.compile(fields.SLUG)
_SHA256 = re.compile(fields.SHA256)
_DATE = re.compile(fields.DATE)
_CODE = re.compile(fields.CODE)
_INTEGER = re.compile(r"[-+]?\d+")
_KIND_BY_NAME: dict[str, Kind] = {kind: kind for kind in KINDS}


@dataclass
class Context:
    path: str
    codes: frozenset[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fact_id: str | None = None

    def report(self, rule: Rule, message: str, at: Location, suggestion: str | None = None) -> None:
        self.diagnostics.append(
            rule.diagnostic(self.path, at, message, fact=self.fact_id, suggestion=suggestion)
        )


class Invalid(Exception):
    """A value was reported as invalid; the caller drops it."""


def shape(node: Node) -> str:
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    return "a single value"


def known_keys(
    ctx: Context,
    mapping: Mapping,
    known: dict[str, fields.Field],
    where: str,
    kind: str | None = None,
) -> tuple[dict[str, Node], set[str]]:
    """Report unknown keys (suggesting the nearest) and return the rest's values by name,
    with the keys the reports offered ("did you mean ...") for report_missing."""
    values: dict[str, Node] = {}
    offered: set[str] = set()
    for key, value in mapping.items:
        spec = known.get(key.value)
        if spec is None:
            near = difflib.get_close_matches(key.value, list(known), n=1, cutoff=0.6)
            offered.update(near)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            ctx.report(
                FS003,
                f"unknown key '{key.value}' in {where}{hint}",
                key.start,
                suggestion=f"rename it to '{near[0]}'" if near else None,
            )
            continue
        if kind is not None and kind not in spec.allowed:
            allowed = ", ".join(sorted(spec.allowed))
            ctx.report(
                FS003, f"key '{key.value}' is only for {allowed} facts, not {kind}", key.start
            )
            continue
        values[key.value] = value
    return values, offered


def report_missing(
    ctx: Context,
    at: Location,
    values: dict[str, Node],
    offered: Collection[str],
    required: Iterable[tuple[str, str]],
) -> None:
    """Report FS004 with its message for each required (key, message) absent from
    ``values``, except the keys FS003 offered for a misspelt one: that typo is the
    problem, not a second one."""
    for name, message in required:
        if name not in values and name not in offered:
            ctx.report(FS004, message, at)


Reader = Callable[[Context, Node, str], Any]


def optional(ctx: Context, values: dict[str, Node], name: str, read: Reader) -> Any:
    if name not in values:
        return None
    try:
        return read(ctx, values[name], name)
    except Invalid:
        return None


def _plain_text(node: Node) -> str | None:
    """An untagged scalar's value when YAML reads it as text that is not blank.

    Most values are: they are accepted with yaml_type's tests inlined, and
    anything else takes _checked_text's reports.
    """
    if type(node) is Scalar and node.tag is None:
        value = node.value
        if (
            not node.plain or value[:1] not in RESOLVED_FIRST or plain_type(value) == "str"
        ) and value.strip():
            return value
    return None


def text_value(ctx: Context, node: Node, name: str) -> Text:
    value = _plain_text(node)
    if value is not None:
        return Text(value, node.start)
    return _checked_text(ctx, node, name)


def _checked_text(ctx: Context, node: Node, name: str) -> Text:
    if not isinstance(node, Scalar):
        ctx.report(FS005, f"'{name}' must be text, not {shape(node)}", node.start)
        raise Invalid
    kind = yaml_type(node)
    if kind == "null" or (kind == "str" and not node.value.strip()):
        ctx.report(FS005, f"'{name}' is empty; give it text or remove the key", node.start)
        raise Invalid
    if kind != "str":
        quoted = node.value.replace('"', '\\"')
        ctx.report(
            FS005,
            f"'{name}: {node.value}' is read by YAML as {TYPE_NAMES.get(kind, kind)}, "
            f'not text; quote it: {name}: "{quoted}"',
            node.start,
            suggestion=f'{name}: "{quoted}"',
        )
        raise Invalid
    return Text(node.value, node.start)


def _note(ctx: Context, node: Node, name: str) -> str:
    if isinstance(node, Scalar) and (yaml_type(node) == "null" or not node.plain):
        return node.value
    return text_value(ctx, node, name).value


def _texts(ctx: Context, node: Node, name: str) -> tuple[Text, ...]:
    """A string or a non-empty list of strings."""
    if isinstance(node, Sequence):
        if not node.items:
            ctx.report(FS005, f"'{name}' is an empty list", node.start)
            raise Invalid
        out = []
        for item in node.items:
            try:
                text = text_value(ctx, item, name)
            except Invalid:
                continue  # reported; the list as a whole is dropped below
            out.append(text)
        if len(out) < len(node.items):
            raise Invalid
        return tuple(out)
    return (text_value(ctx, node, name),)


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[Context, Node, str], Text]:

    def read(ctx: Context, node: Node, name: str) -> Text:
        text = text_value(ctx, node, name)
        if regex.match(text.value) is None:
            ctx.report(FS005, f"'{name}: {text.value}' is not {what}", text.at)
            raise Invalid
        return text

    return read


_slug = _pattern(_SLUG, "a slug (lowercase letters, digits and single hyphens: border-funding)")
_sha256_text = _pattern(_SHA256, "a SHA-256 (64 hexadecimal digits)")


def sha256_value(ctx: Context, node: Node, name: str) -> Text:
    """64 hex digits are a hash even when YAML would read them as a number (all digits)."""
    if isinstance(node, Scalar) and node.plain and _SHA256.match(node.value):
        return Text(node.value, node.start)
    return _sha256_text(ctx, node, name)


def _slugs(ctx: Context, node: Node, name: str) -> tuple[Text, ...]:
    if not isinstance(node, Sequence):
        ctx.report(FS005, f"'{name}' must be a list of slugs", node.start)
        raise Invalid
    out = []
    for item in node.items:
        try:
            slug = _slug(ctx, item, name)
        except Invalid:
            continue  # reported; the other tags stay
        out.append(slug)
    return tuple(out)


def _codes(ctx: Context, node: Node, name: str) -> tuple[str, ...]:
    items = node.items if isinstance(node, Sequence) else [node]
    out = []
    for item in items:
        try:
            code = text_value(ctx, item, name)
        except Invalid:
            continue
        value = code.value.strip().upper()
        if _CODE.match(value) and any(c.startswith(value) for c in ctx.codes):
            out.append(value)
            continue
        near = difflib.get_close_matches(value, sorted(ctx.codes), n=1)
        hint = f"; did you mean {near[0]}?" if near else ""
        ctx.report(FS005, f"'{code.value}' is not a rule code or prefix{hint}", code.at)
    return tuple(out)


def _kind(ctx: Context, node: Node, name: str) -> Kind:
    text = text_value(ctx, node, name)
    kind = _KIND_BY_NAME.get(text.value)
    if kind is not None:
        return kind
    near = difflib.get_close_matches(text.value, KINDS, n=1)
    hint = f"; did you mean '{near[0]}'?" if near else ""
    ctx.report(
        FS005,
        f"unknown kind '{text.value}': use one of {', '.join(KINDS)}{hint}",
        text.at,
    )
    raise Invalid


def _date(ctx: Context, node: Node, name: str) -> DateValue:
    if isinstance(node, Scalar) and yaml_type(node) == "timestamp" and node.plain:
        value = node.value
    else:
        value = text_value(ctx, node, name).value
    value = value.strip()
    problem = None
    if not _DATE.match(value):
        problem = "is not a date: write YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD"
    else:
        start, _, end = value.partition("/")
        end = end or start
        try:
            if dt.date.fromisoformat(start) > dt.date.fromisoformat(end):
                problem = "is a range that ends before it starts"
        except ValueError:
            problem = "is not a calendar date"
    if problem:
        ctx.report(FS005, f"'{name}: {value}' {problem}", node.start)
        raise Invalid
    return DateValue(start, end, node.start)


def _number(ctx: Context, node: Node, name: str) -> float | int:
    if isinstance(node, Scalar) and node.plain and _DECIMAL.match(node.value):
        raw = node.value.replace("_", "")
        return int(raw) if _INTEGER.fullmatch(raw) else float(raw)
    shown = node.value if isinstance(node, Scalar) else shape(node)
    ctx.report(
        FS005,
        f"'{name}: {shown}' is not a number: write it in digits without quotes (200000000)",
        node.start,
    )
    raise Invalid


_FIGURE_REQUIRED = (("value", "missing required key 'value' in figure"),)


def _figures(ctx: Context, node: Node, name: str) -> tuple[Figure, ...]:
    if not isinstance(node, Sequence) or not node.items:
        ctx.report(
            FS005, f"'{name}' must be a non-empty list of {{value, unit, label}}", node.start
        )
        raise Invalid
    out = []
    for item in node.items:
        if not isinstance(item, Mapping):
            ctx.report(
                FS005, "a figure is a mapping {value: number, unit: ..., label: ...}", item.start
            )
            continue
        values, offered = known_keys(ctx, item, fields.FIGURE_BY_NAME, "figure")
        report_missing(ctx, item.start, values, offered, _FIGURE_REQUIRED)
        if "value" not in values:
            continue
        value_node = values["value"]
        try:
            value = _number(ctx, value_node, "value")
        except Invalid:
            continue
        unit = optional(ctx, values, "unit", text_value)
        label = optional(ctx, values, "label", text_value)
        out.append(
            Figure(
                value,
                unit.value if unit else None,
                label.value if label else None,
                item.start,
                value_node.start,
            )
        )
    return tuple(out)


READERS: dict[str, Reader] = {
    "slug": _slug,
    "kind": _kind,
    "text": text_value,
    "note": _note,
    "texts": _texts,
    "names": _texts,
    "figures": _figures,
    "date": _date,
    "slugs": _slugs,
    "codes": _codes,
}
