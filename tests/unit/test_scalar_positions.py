"""factfile.scalar_positions: each character of a scalar's value, where the file writes it."""

from __future__ import annotations

import pytest
import yaml

from factsheet.factfile.scalar_positions import value_location
from factsheet.model import Location

HEAD = "facts:\n  - id: a\n"
DOCS = [
    "    statement: The EU did not agree.\n",
    '    statement: "The EU \\"did\\" not agree."\n',
    "    statement: 'The EU''s team did not agree.'\n",
    "    statement: >\n      The EU and NATO\n      need not work together.\n    kind: claim\n",
    "    statement: |\n      The EU and NATO\n      need not work.\n\n      Second.\n",
    "    statement: >-\n      The EU and NATO\n\n      need not   work together.\n",
    "    statement: The EU and NATO\n      need not work\n\n      together.\n    kind: claim\n",
    '    statement: "The EU and NATO\n      need not \\\n      work together."\n    kind: claim\n',
    "    statement: 'The EU and NATO\n      need not\n\n      work together.'\n    kind: claim\n",
    '    statement: "caf\\u00e9 is \\x41 place"  # note\n',
    "    statement: plain with trailing   # comment\n",
    "    statement: >2\n       indented more\n      less\n",
]


def _statement(text: str) -> tuple[Location, str]:
    """Where the first fact's statement starts (as the parser marks it), and its value."""
    node = yaml.compose(text)
    assert node is not None
    item = node.value[0][1].value[0]
    scalar = next(v for k, v in item.value if k.value == "statement")
    return Location(scalar.start_mark.line + 1, scalar.start_mark.column + 1), scalar.value


@pytest.mark.parametrize("body", DOCS)
def test_every_value_character_maps_onto_what_the_file_writes(body: str) -> None:
    text = HEAD + body
    start, value = _statement(text)
    lines = text.split("\n")
    for offset, char in enumerate(value):
        at = value_location(text, start, offset)
        line = lines[at.line - 1]
        written = line[at.column - 1] if at.column <= len(line) else "\n"
        if char in " \n":  # a folded line break: at the break or a blank
            assert written in " \n", (offset, at)
        else:  # the character itself, or the backslash of its escape
            assert written in (char, "\\"), (offset, char, at)


def test_past_the_value_or_the_file_falls_back_to_the_plain_column() -> None:
    text = HEAD + "    statement: short\n"
    assert value_location(text, Location(3, 16), 40) == Location(3, 56)
    assert value_location(text, Location(30, 1), 2) == Location(30, 3)


@pytest.mark.parametrize("body", DOCS)
@pytest.mark.parametrize("brk", ["\r", "\r\n", "\x85", "\u2028"], ids=["CR", "CRLF", "NEL", "LS"])
def test_other_line_breaks_give_the_same_positions_as_lf(body: str, brk: str) -> None:
    """YAML counts CR, CR LF, NEL, LS and PS as line breaks, as it counts LF: a file
    written with them has its characters on the same lines and columns."""
    text = HEAD + body
    start, value = _statement(text)
    other = text.replace("\n", brk)
    for offset in range(len(value)):
        assert value_location(other, start, offset) == value_location(text, start, offset)
