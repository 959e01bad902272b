"""Fact files: bytes → validated facts with positions, and FS0 diagnostics.

Pure: no file system access. Values are typed by fields.py, never by YAML's
guesses, so each scalar is read from its text and style.
"""

from __future__ import annotations

from typing import Any

from factsheet.factfile import fields
from factsheet.factfile.values import (
    READERS,
    Context,
    Invalid,
    known_keys,
    optional,
    report_missing,
    sha256_value,
    shape,
    text_value,
)
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
    Fact,
    FactFile,
    Location,
    Text,
)
from factsheet.rules.input_format import FS005, FS009
from factsheet.source.normalize import normalize


def load_fact_file(
    path: str, data: bytes, *, known_codes: frozenset[str] = frozenset(), fast: bool = HAVE_LIBYAML
) -> FactFile:
    """Read one fact file. ``path`` is the display path used in diagnostics."""
    ctx = Context(path, known_codes)
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


_TOP_REQUIRED = tuple(
    (name, f"missing required key '{name}' in the fact file") for name in fields.TOP_REQUIRED
)


def _read_file(ctx: Context, text: str, root: Node | None) -> FactFile:
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
            f"a fact file is a mapping with 'source' and 'facts', not {shape(root)}",
            root.start,
        )
        return done()
    values, offered = known_keys(ctx, root, fields.TOP_BY_NAME, "fact file")
    report_missing(ctx, root.start, values, offered, _TOP_REQUIRED)
    source = optional(ctx, values, "source", text_value)
    sha = optional(ctx, values, "sha256", sha256_value)
    title = optional(ctx, values, "title", text_value)
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
_FACT_READERS = {f.name: READERS[f.type] for f in fields.FACT}


def _read_fact(ctx: Context, node: Node) -> Fact | None:
    ctx.fact_id = None
    if not isinstance(node, Mapping):
        ctx.report(FS005, f"a fact is a mapping of keys, not {shape(node)}", node.start)
        return None
    items = node.items
    values = {key.value: value for key, value in items}  # what known_keys returns if all are known
    if len(values) == len(items):
        raw_id, raw_kind = values.get("id"), values.get("kind")
    else:  # a repeated key (the composer drops them; a hand-built tree may not): first wins
        raw_id = next((v for k, v in items if k.value == "id"), None)
        raw_kind = next((v for k, v in items if k.value == "kind"), None)
    if isinstance(raw_id, Scalar):
        ctx.fact_id = raw_id.value
    kind_hint = raw_kind.value if isinstance(raw_kind, Scalar) and raw_kind.value in KINDS else None
    offered: set[str] = set()
    if not values.keys() <= _ALLOWED[kind_hint]:  # some key is unknown or not for this kind
        values, offered = known_keys(ctx, node, fields.FACT_BY_NAME, "fact", kind_hint)
    required, missing = _REQUIRED[kind_hint]
    if not values.keys() >= required:
        report_missing(ctx, node.start, values, offered, missing)
    got: dict[str, Any] = {}  # by Fact field: the values that could be read
    for name, value in values.items():
        try:
            read = _FACT_READERS[name](ctx, value, name)
        except Invalid:
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
