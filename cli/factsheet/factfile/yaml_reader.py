"""A strict, bounded YAML reader that keeps a position for every node.

PyYAML's composers recurse (the pure one raises RecursionError near 500
levels, libyaml's crashes the process near 25,000) and expand aliases without
limit, so we never call them: we read the parser's event stream and build the
tree ourselves, iteratively, stopping as soon as a limit is passed. Custom
tags are refused before anything could be constructed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from factsheet.factfile.yaml_scanner import PureLoader
from factsheet.model import Location
from factsheet.rules.base import Rule
from factsheet.rules.input_format import FS001, FS002, FS005, FS009

try:  # libyaml is much faster; the pure parser (aligned in yamlpure.py) gives the same events.
    from yaml import CSafeLoader as _FastLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _FastLoader = yaml.SafeLoader  # type: ignore[assignment, misc]
    HAVE_LIBYAML = False

MAX_DEPTH = 64
MAX_NODES = 1_000_000  # after alias expansion
MAX_BYTES = 16 * 1024 * 1024

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
)
# Characters YAML forbids in a stream (it allows TAB, LF, CR, NEL and printable text).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# The line breaks YAML counts, CR LF as one: line N of a text split at them is the
# parser's line N. `str.splitlines` would also split at form feeds and other
# controls that YAML does not count; `split("\n")` misses the others.
LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


# Slotted, not frozen: a fact file makes hundreds of nodes, and a frozen
# dataclass is built several times slower. Nothing changes a node once composed.
@dataclass(slots=True)
class Node:
    start: Location


@dataclass(slots=True)
class Scalar(Node):
    value: str
    plain: bool
    tag: str | None = None


@dataclass(slots=True)
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@dataclass(slots=True)
class Mapping(Node):
    items: list[tuple[Scalar, Node]] = field(default_factory=list)


class YamlProblem(Exception):
    """A reason the file cannot be read: ``rule`` is FS001, FS002, FS005 or FS009."""

    def __init__(self, rule: Rule, message: str, at: Location, hint: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.at = at
        self.hint = hint


@dataclass(slots=True)
class _Frame:
    node: Sequence | Mapping
    size: int = 1
    key: Scalar | None = None
    seen: dict[str, Location] = field(default_factory=dict)
    anchor: str | None = None


def _loc(mark: Any) -> Location:
    """A parser mark (pure or libyaml's own class), 0-based, as a Location."""
    if mark is None:
        return Location(1, 1)
    return Location(mark.line + 1, mark.column + 1)


def _location(text: str, offset: int) -> Location:
    """Where ``offset`` of ``text`` (the text the parser reads) is, counted as the
    parser counts: at every YAML line break, CR LF as one."""
    line, start = 1, 0
    for brk in LINE_BREAKS.finditer(text, 0, offset):
        line, start = line + 1, brk.end()
    return Location(line, offset - start + 1)


def decode(data: bytes) -> str:
    """Decode UTF-8 (BOM allowed), naming the line and column of the first bad byte."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8").removeprefix("\ufeff")
        raise YamlProblem(
            FS001,
            f"invalid UTF-8 byte 0x{data[exc.start]:02x}: fact files must be UTF-8",
            _location(good, len(good)),
        ) from None
    return text.removeprefix("\ufeff")


def check_characters(text: str) -> None:
    bad = _FORBIDDEN.search(text)
    if bad:
        raise YamlProblem(
            FS001,
            f"control character U+{ord(bad.group()):04X} is not allowed in YAML; remove it",
            _location(text, bad.start()),
        )


def compose(text: str, *, fast: bool = HAVE_LIBYAML) -> tuple[Node | None, list[YamlProblem]]:
    """Return the single document's root (None when empty) and the non-fatal problems.

    Fatal problems (FS001, FS009) raise YamlProblem: such a file yields no facts.
    Duplicate keys (FS002) and non-scalar keys (FS005) are returned, keeping the
    first value, so the rest of the file is still checked.
    """
    check_characters(text)
    loader = _FastLoader if fast and HAVE_LIBYAML else PureLoader
    composer = _Composer()
    parser = loader(text)
    try:
        composer.run(parser)
    except yaml.MarkedYAMLError as exc:
        if loader is not PureLoader and "nesting depth" in (exc.problem or ""):
            # libyaml >= 0.2.6 scans up to 1,000 flow levels ahead before it yields
            # an event; the pure parser stops lazily at our own limit, so it names
            # the same place on every PyYAML version. Costs ~0.5 s, hazard files only.
            return compose(text, fast=False)
        at = _loc(exc.problem_mark or exc.context_mark)
        tab = _tab_in_indentation(text, at.line)
        if tab is not None:
            raise YamlProblem(
                FS001,
                "invalid YAML: a tab (→) in the indentation; YAML indents with spaces only",
                Location(at.line, tab),
            ) from None
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlProblem(FS001, f"invalid YAML: {problem}", at) from None
    except yaml.YAMLError as exc:  # reader errors carry no mark object
        raise YamlProblem(FS001, f"invalid YAML: {exc}", Location(1, 1)) from None
    finally:
        parser.dispose()
    return composer.root, composer.problems


_SKIP = Scalar(Location(0, 0), "", True)  # stands for a rejected key: drop its value


def _tab_in_indentation(text: str, line: int) -> int | None:
    """The column of the first tab in the indentation of ``line`` (1-based), if any:
    the parser's own words for it ("found character that cannot start any token")
    do not say that the invisible character is the problem."""
    lines = LINE_BREAKS.split(text)
    if not 0 < line <= len(lines):
        return None
    content = lines[line - 1]
    indentation = content[: len(content) - len(content.lstrip(" \t"))]
    return indentation.index("\t") + 1 if "\t" in indentation else None


class _Composer:
    def __init__(self) -> None:
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.total = 0
        self.documents = 0
        self.root: Node | None = None
        self.problems: list[YamlProblem] = []

    def run(self, parser: Any) -> None:
        """Feed every event up to the stream's end (what yaml.parse() does, minus its overhead).

        Most events are untagged scalars inside a collection, or a collection's
        end: they are handled inline here, exactly as feed() would; a fact file
        has hundreds, so the method calls saved are a good part of the reading
        time (measured: ~8% of composing). The node count lives in a local
        between feed() calls. run_plain() is the same without the inlining.
        """
        get, stack, anchors = parser.get_event, self.stack, self.anchors
        scalar = yaml.ScalarEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        limit, total = MAX_NODES, self.total
        node: Node
        while (event := get()) is not None:
            kind = type(event)
            if kind in ends and len(stack) > 1:
                frame = stack.pop()
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.node, frame.size)
                node, size = frame.node, frame.size
            elif kind is scalar and stack and event.tag is None and event.anchor is None:
                mark = event.start_mark
                at = Location(mark.line + 1, mark.column + 1) if mark else Location(1, 1)
                total += 1
                if total > limit:
                    self.total = total
                    self._count(0, at)  # raises
                node, size = Scalar(at, event.value, not event.style), 1
            else:  # a collection's start, the root, an alias, a tag or anchor, a document
                self.total = total
                self.feed(event)
                if kind is yaml.StreamEndEvent:
                    return
                total = self.total
                continue
            self._attach(node, size)

    def run_plain(self, parser: Any) -> None:
        """What run() does, every event through feed(): its readable twin (tests compare)."""
        while (event := parser.get_event()) is not None:
            self.feed(event)
            if isinstance(event, yaml.StreamEndEvent):
                return

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.NodeEvent):
            self._node(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlProblem(
                    FS001,
                    "a fact file holds one YAML document; remove the second '---' document",
                    _loc(event.start_mark),
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = self.stack.pop()
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.node, frame.size)
            self._attach(frame.node, frame.size)

    def _node(self, event: yaml.NodeEvent) -> None:
        at = _loc(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise YamlProblem(FS001, f"invalid YAML: unknown alias *{event.anchor}", at)
            node, size = self.anchors[event.anchor]
            self._count(size, at)
            self._attach(node, size)
            return
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            raise YamlProblem(
                FS009,
                f"custom YAML tag {_short(tag)} is not allowed; fact files hold plain data",
                at,
            )
        self._count(1, at)
        if isinstance(event, yaml.ScalarEvent):
            scalar = Scalar(at, event.value, event.style in (None, ""), tag)
            if event.anchor is not None:
                self.anchors[event.anchor] = (scalar, 1)
            self._attach(scalar, 1)
            return
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(FS009, f"nesting deeper than {MAX_DEPTH} levels is not allowed", at)
        collection: Sequence | Mapping = (
            Sequence(at) if isinstance(event, yaml.SequenceStartEvent) else Mapping(at)
        )
        self.stack.append(_Frame(collection, anchor=event.anchor))

    def _count(self, size: int, at: Location) -> None:
        self.total += size
        if self.total > MAX_NODES:
            raise YamlProblem(
                FS009,
                f"alias expansion passes {MAX_NODES:,} nodes; aliases may not multiply data",
                at,
            )

    def _attach(self, node: Node, size: int) -> None:
        if not self.stack:
            self.root = node
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.node, Sequence):
            parent.node.items.append(node)
        elif parent.key is None:
            parent.key = self._key(parent, node)
        else:
            if parent.key is not _SKIP:
                parent.node.items.append((parent.key, node))
            parent.key = None

    def _key(self, parent: _Frame, node: Node) -> Scalar:
        if not isinstance(node, Scalar):
            self.problems.append(
                YamlProblem(FS005, "mapping keys must be plain words, not collections", node.start)
            )
            return _SKIP
        first = parent.seen.get(node.value)
        if first is not None:
            self.problems.append(
                YamlProblem(
                    FS002,
                    f"duplicate key '{node.value}' (first at {first}); keep one",
                    node.start,
                )
            )
            return _SKIP
        parent.seen[node.value] = node.start
        return node


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)
