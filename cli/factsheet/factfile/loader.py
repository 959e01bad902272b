"""Fact files: bytes → validated facts with positions, and FS0 diagnostics.

Pure: no file system access. Values are typed by fields.py, never by YAML's
guesses, so each scalar is read from its text and style.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from factsheet.factfile import fields
from factsheet.factfile.yaml_reader import (
    HAVE_LIBYAML,
    MAX_BYTES,
    Mapping,
    Node,
    Scalar,
    Sequence,
    YamlProblem,
    compose,
    decode,
)
from factsheet.model import (
    KINDS,
    DateValue,
    Diagnostic,
    Fact,
    FactFile,
    Figure,
    Kind,
    Location,
    Text,
)
from factsheet.rules.base import Rule
from factsheet.rules.input_format import FS003, FS004, FS005, FS009
from factsheet.source.normalize import normalize


class _EveryCharacter:
    """Contains every first character: the shortcut below then never applies."""

    def __contains__(self, item: object) -> bool:
        return True


_RESOLVER = Resolver()
_IMPLICIT = _RESOLVER.yaml_implicit_resolvers
# PyYAML picks implicit resolvers by a value's first character: a value starting
# with any other character is a string (YAML 1.2's numbers and booleans start
# with these characters too), so most text skips the resolver's regexes. A
# resolver keyed by None (none in PyYAML) would try every value.
_RESOLVED_FIRST: Container[str] = (
    frozenset(_IMPLICIT) if None not in _IMPLICIT else _EveryCharacter()
)
# YAML 1.2 reads these as numbers or booleans although YAML 1.1 (PyYAML) does not.
_YAML12_NON_STRING = re.compile(
    r"^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|false|True|False|TRUE|FALSE|null|Null|NULL|~)$"
)
_DECIMAL = re.compile(r"^[-+]?(?:\d[\d_]*)(?:\.\d+)?(?:[eE][-+]?\d+)?$")
_SLUG = re.compile(fields.SLUG)
_SHA256 = re.compile(fields.SHA256)
_DATE = re.compile(fields.DATE)
_CODE = re.compile(fields.CODE)
_INTEGER = re.compile(r"[-+]?\d+")
_KIND_BY_NAME: dict[str, Kind] = {kind: kind for kind in KINDS}
_TYPE_NAMES = {
    "bool": "a boolean",
    "int": "an integer",
    "float": "a number",
    "null": "empty (null)",
    "timestamp": "a date",
}


def yaml_type(node: Scalar) -> str:
    """What YAML would make of a scalar: 'str' or a non-string type name."""
    if not node.plain or node.tag == "!":
        return "str"
    if node.tag is not None:
        return node.tag.rsplit(":", 1)[-1]
    if node.value[:1] not in _RESOLVED_FIRST:
        return "str"
    return _plain_type(node.value)


@functools.lru_cache(maxsize=4096)
def _plain_type(value: str) -> str:
    """yaml_type of an untagged plain scalar; memoised, as names, tags and kinds repeat."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    kind = tag.rsplit(":", 1)[-1]
    if kind not in _TYPE_NAMES:  # PyYAML's 'value' (=) and 'merge' (<<) are text to us
        kind = "str"
    if kind == "str" and _YAML12_NON_STRING.match(value):
        return "float" if any(c in value for c in ".eE") else "int"
    return kind


@dataclass
class _Context:
    path: str
    codes: frozenset[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    fact_id: str | None = None

    def report(self, rule: Rule, message: str, at: Location, suggestion: str | None = None) -> None:
        self.diagnostics.append(
            rule.diagnostic(self.path, at, message, fact=self.fact_id, suggestion=suggestion)
        )


class _Invalid(Exception):
    """A value was reported as invalid; the caller drops it."""


def load_fact_file(
    path: str, data: bytes, *, known_codes: frozenset[str] = frozenset(), fast: bool = HAVE_LIBYAML
) -> FactFile:
    """Read one fact file. ``path`` is the display path used in diagnostics."""
    ctx = _Context(path, known_codes)
    text = ""
    try:
        if len(data) > MAX_BYTES:
            raise YamlProblem(
                FS009,
                f"fact file is {len(data):,} bytes; the limit is {MAX_BYTES:,}: split it",
                Location(1, 1),
            )
        text = decode(data)
        root, problems = compose(text, fast=fast)
    except YamlProblem as fatal:
        ctx.report(fatal.rule, fatal.message, fatal.at)
        return FactFile(path, text, diagnostics=tuple(ctx.diagnostics))
    for problem in problems:
        ctx.report(problem.rule, problem.message, problem.at)
    return _read_file(ctx, text, root)


def _read_file(ctx: _Context, text: str, root: Node | None) -> FactFile:
    def done(**kwargs: Any) -> FactFile:
        return FactFile(ctx.path, text, diagnostics=tuple(ctx.diagnostics), **kwargs)

    if root is None:
        ctx.report(
            FS005,
            "the file is empty: a fact file is a mapping with 'source' and 'facts'",
            Location(1, 1),
        )
        return done()
    if not isinstance(root, Mapping):
        ctx.report(
            FS005,
            f"a fact file is a mapping with 'source' and 'facts', not {_shape(root)}",
            root.start,
        )
        return done()
    values = _keys(ctx, root, fields.TOP_BY_NAME, "fact file")
    for name in fields.TOP_REQUIRED:
        if name not in values:
            ctx.report(FS004, f"missing required key '{name}' in the fact file", root.start)
    source = _optional(ctx, values, "source", _text)
    sha = _optional(ctx, values, "sha256", _sha256)
    title = _optional(ctx, values, "title", _text)
    facts: list[Fact] = []
    count = 0
    if "facts" in values:
        node = values["facts"]
        if not isinstance(node, Sequence) or not node.items:
            ctx.report(FS005, "'facts' must be a non-empty list of facts", node.start)
        else:
            count = len(node.items)
            for item in node.items:
                fact = _read_fact(ctx, item)
                if fact is not None:
                    facts.append(fact)
    return done(source=source, sha256=sha, title=title, facts=tuple(facts), fact_count=count)


def _shape(node: Node) -> str:
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    return "a single value"


def _keys(
    ctx: _Context,
    mapping: Mapping,
    known: dict[str, fields.Field],
    where: str,
    kind: str | None = None,
) -> dict[str, Node]:
    """Report unknown keys (suggesting the nearest) and return the rest's values by name."""
    values: dict[str, Node] = {}
    for key, value in mapping.items:
        spec = known.get(key.value)
        if spec is None:
            near = difflib.get_close_matches(key.value, list(known), n=1, cutoff=0.6)
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
    return values


_Reader = Callable[[_Context, Node, str], Any]


def _optional(ctx: _Context, values: dict[str, Node], name: str, read: _Reader) -> Any:
    if name not in values:
        return None
    try:
        return read(ctx, values[name], name)
    except _Invalid:
        return None


def _plain_text(node: Node) -> str | None:
    """An untagged scalar's value when YAML reads it as text that is not blank.

    Most values are: they are accepted with yaml_type's tests inlined, and
    anything else takes _checked_text's reports.
    """
    if type(node) is Scalar and node.tag is None:
        value = node.value
        if (
            not node.plain or value[:1] not in _RESOLVED_FIRST or _plain_type(value) == "str"
        ) and value.strip():
            return value
    return None


def _text(ctx: _Context, node: Node, name: str) -> Text:
    value = _plain_text(node)
    if value is not None:
        return Text(value, node.start)
    return _checked_text(ctx, node, name)


def _checked_text(ctx: _Context, node: Node, name: str) -> Text:
    if not isinstance(node, Scalar):
        ctx.report(FS005, f"'{name}' must be text, not {_shape(node)}", node.start)
        raise _Invalid
    kind = yaml_type(node)
    if kind == "null" or (kind == "str" and not node.value.strip()):
        ctx.report(FS005, f"'{name}' is empty; give it text or remove the key", node.start)
        raise _Invalid
    if kind != "str":
        quoted = node.value.replace('"', '\\"')
        ctx.report(
            FS005,
            f"'{name}: {node.value}' is read by YAML as {_TYPE_NAMES.get(kind, kind)}, "
            f'not text; quote it: {name}: "{quoted}"',
            node.start,
            suggestion=f'{name}: "{quoted}"',
        )
        raise _Invalid
    return Text(node.value, node.start)


def _note(ctx: _Context, node: Node, name: str) -> str:
    if isinstance(node, Scalar) and (yaml_type(node) == "null" or not node.plain):
        return node.value
    return _text(ctx, node, name).value


def _texts(ctx: _Context, node: Node, name: str) -> tuple[Text, ...]:
    """A string or a non-empty list of strings."""
    if isinstance(node, Sequence):
        if not node.items:
            ctx.report(FS005, f"'{name}' is an empty list", node.start)
            raise _Invalid
        out = []
        for item in node.items:
            try:
                text = _text(ctx, item, name)
            except _Invalid:
                continue  # reported; the list as a whole is dropped below
            out.append(text)
        if len(out) < len(node.items):
            raise _Invalid
        return tuple(out)
    return (_text(ctx, node, name),)


def _pattern(regex: re.Pattern[str], what: str) -> Callable[[_Context, Node, str], Text]:

    def read(ctx: _Context, node: Node, name: str) -> Text:
        text = _text(ctx, node, name)
        if regex.match(text.value) is None:
            ctx.report(FS005, f"'{name}: {text.value}' is not {what}", text.at)
            raise _Invalid
        return text

    return read


_slug = _pattern(_SLUG, "a slug (lowercase letters, digits and single hyphens: border-funding)")
_sha256_text = _pattern(_SHA256, "a SHA-256 (64 hexadecimal digits)")


def _sha256(ctx: _Context, node: Node, name: str) -> Text:
    """64 hex digits are a hash even when YAML would read them as a number (all digits)."""
    if isinstance(node, Scalar) and node.plain and _SHA256.match(node.value):
        return Text(node.value, node.start)
    return _sha256_text(ctx, node, name)


def _slugs(ctx: _Context, node: Node, name: str) -> tuple[Text, ...]:
    if not isinstance(node, Sequence):
        ctx.report(FS005, f"'{name}' must be a list of slugs", node.start)
        raise _Invalid
    out = []
    for item in node.items:
        try:
            slug = _slug(ctx, item, name)
        except _Invalid:
            continue  # reported; the other tags stay
        out.append(slug)
    return tuple(out)


def _codes(ctx: _Context, node: Node, name: str) -> tuple[str, ...]:
    items = node.items if isinstance(node, Sequence) else [node]
    out = []
    for item in items:
        try:
            code = _text(ctx, item, name)
        except _Invalid:
            continue
        value = code.value.strip().upper()
        if _CODE.match(value) and any(c.startswith(value) for c in ctx.codes):
            out.append(value)
            continue
        near = difflib.get_close_matches(value, sorted(ctx.codes), n=1)
        hint = f"; did you mean {near[0]}?" if near else ""
        ctx.report(FS005, f"'{code.value}' is not a rule code or prefix{hint}", code.at)
    return tuple(out)


def _kind(ctx: _Context, node: Node, name: str) -> Kind:
    text = _text(ctx, node, name)
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
    raise _Invalid


def _date(ctx: _Context, node: Node, name: str) -> DateValue:
    if isinstance(node, Scalar) and yaml_type(node) == "timestamp" and node.plain:
        value = node.value
    else:
        value = _text(ctx, node, name).value
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
        raise _Invalid
    return DateValue(start, end, node.start)


def _number(ctx: _Context, node: Node, name: str) -> float | int:
    if isinstance(node, Scalar) and node.plain and _DECIMAL.match(node.value):
        raw = node.value.replace("_", "")
        return int(raw) if _INTEGER.fullmatch(raw) else float(raw)
    shown = node.value if isinstance(node, Scalar) else _shape(node)
    ctx.report(
        FS005,
        f"'{name}: {shown}' is not a number: write it in digits without quotes (200000000)",
        node.start,
    )
    raise _Invalid


def _figures(ctx: _Context, node: Node, name: str) -> tuple[Figure, ...]:
    if not isinstance(node, Sequence) or not node.items:
        ctx.report(
            FS005, f"'{name}' must be a non-empty list of {{value, unit, label}}", node.start
        )
        raise _Invalid
    out = []
    for item in node.items:
        if not isinstance(item, Mapping):
            ctx.report(
                FS005, "a figure is a mapping {value: number, unit: ..., label: ...}", item.start
            )
            continue
        values = _keys(ctx, item, fields.FIGURE_BY_NAME, "figure")
        if "value" not in values:
            ctx.report(FS004, "missing required key 'value' in figure", item.start)
            continue
        value_node = values["value"]
        try:
            value = _number(ctx, value_node, "value")
        except _Invalid:
            continue
        unit = _optional(ctx, values, "unit", _text)
        label = _optional(ctx, values, "label", _text)
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


_READERS: dict[str, _Reader] = {
    "slug": _slug,
    "kind": _kind,
    "text": _text,
    "note": _note,
    "texts": _texts,
    "names": _texts,
    "figures": _figures,
    "date": _date,
    "slugs": _slugs,
    "codes": _codes,
}


# Per kind (None: unknown), the keys a fact may have, the keys it needs, and
# the FS004 message for each needed key in the order of fields.FACT.
_ALLOWED: dict[str | None, frozenset[str]] = {None: frozenset(fields.FACT_BY_NAME)}
_REQUIRED: dict[str | None, tuple[frozenset[str], tuple[tuple[str, str], ...]]] = {}
for _hint in (None, *KINDS):
    if _hint is not None:
        _ALLOWED[_hint] = frozenset(f.name for f in fields.FACT if _hint in f.allowed)
    _missing = tuple(
        (f.name, f"missing required key '{f.name}' in {_hint} fact")
        if _hint and f.name not in ("id", "kind")
        else (f.name, f"missing required key '{f.name}' in fact")
        for f in fields.FACT
        if f.name in ("id", "kind") or (_hint is not None and _hint in f.required)
    )
    _REQUIRED[_hint] = (frozenset(name for name, _ in _missing), _missing)
_FACT_READERS = {f.name: _READERS[f.type] for f in fields.FACT}


def _read_fact(ctx: _Context, node: Node) -> Fact | None:
    ctx.fact_id = None
    if not isinstance(node, Mapping):
        ctx.report(FS005, f"a fact is a mapping of keys, not {_shape(node)}", node.start)
        return None
    items = node.items
    values = {key.value: value for key, value in items}  # what _keys returns if all are known
    if len(values) == len(items):
        raw_id, raw_kind = values.get("id"), values.get("kind")
    else:  # a repeated key (the composer drops them; a hand-built tree may not): first wins
        raw_id = next((v for k, v in items if k.value == "id"), None)
        raw_kind = next((v for k, v in items if k.value == "kind"), None)
    if isinstance(raw_id, Scalar):
        ctx.fact_id = raw_id.value
    kind_hint = raw_kind.value if isinstance(raw_kind, Scalar) and raw_kind.value in KINDS else None
    if not values.keys() <= _ALLOWED[kind_hint]:
        values = _keys(ctx, node, fields.FACT_BY_NAME, "fact", kind_hint)  # reports the others
    required, missing = _REQUIRED[kind_hint]
    if not values.keys() >= required:
        for name, message in missing:
            if name not in values:
                ctx.report(FS004, message, node.start)
    got: dict[str, Any] = {}  # by Fact field: the values that could be read
    for name, value in values.items():
        try:
            read = _FACT_READERS[name](ctx, value, name)
        except _Invalid:
            continue  # reported; the key counts as absent
        got[name] = read
    fact_id, kind = got.pop("id", None), got.pop("kind", None)
    if fact_id is None or kind is None:
        return None
    if "speaker" in got:  # the one key not named like its field
        got["speakers"] = got.pop("speaker")
    term: Text | None = got.get("term")
    evidence: tuple[Text, ...] = got.get("evidence") or ()
    if term is not None and evidence and not _term_in(term.value, evidence):
        ctx.report(
            FS005,
            f"term '{term.value}' does not occur in the evidence; quote the passage that "
            "defines it",
            term.at,
        )
    # Absent keys take Fact's defaults; passing only the present ones is cheaper.
    return Fact(
        id=fact_id.value,
        kind=kind,
        at=node.start,
        keys={name: value.start for name, value in values.items()},
        **got,
    )


def _term_in(term: str, evidence: tuple[Text, ...]) -> bool:
    needle = normalize(term).text.casefold()
    return any(needle in normalize(e.value).text.casefold() for e in evidence)
