"""What YAML would make of a plain scalar, so that the loader can say "quote it".

Fact files are typed by fields.py, never by YAML's guesses; but a value that
YAML 1.1 (PyYAML) or YAML 1.2 (editors, other tools) would read as a number,
boolean, null or date is reported, since another reader of the file would see
something else.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from factsheet.factfile.yaml_reader import Scalar


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
RESOLVED_FIRST: Container[str] = (
    frozenset(_IMPLICIT) if None not in _IMPLICIT else _EveryCharacter()
)
# YAML 1.2 reads these as numbers or booleans although YAML 1.1 (PyYAML) does not.
_YAML12_NON_STRING = re.compile(
    r"^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|false|True|False|TRUE|FALSE|null|Null|NULL|~)$"
)
TYPE_NAMES = {
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
    if node.value[:1] not in RESOLVED_FIRST:
        return "str"
    return plain_type(node.value)


@functools.lru_cache(maxsize=4096)
def plain_type(value: str) -> str:
    """yaml_type of an untagged plain scalar; memoised, as names, tags and kinds repeat."""
    tag: str = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    kind = tag.rsplit(":", 1)[-1]
    if kind not in TYPE_NAMES:  # PyYAML's 'value' (=) and 'merge' (<<) are text to us
        kind = "str"
    if kind == "str" and _YAML12_NON_STRING.match(value):
        return "float" if any(c in value for c in ".eE") else "int"
    return kind
