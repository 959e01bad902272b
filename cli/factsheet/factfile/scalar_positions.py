"""Where a character of a scalar's value is written in the fact file.

A finding about a word of a `statement` points at that word. A plain one-line scalar
holds its value as written, but a quoted scalar starts with its quote and may hold
escapes (`\\"`, `''`), and a multi-line or block scalar (`>`, `|`) folds its lines:
``value_location`` walks the scalar as YAML reads it (YAML 1.2, chapters 7 and 8) and
returns the position of the value's character at an offset.
"""

from __future__ import annotations

import re

from factsheet.model import Location

_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_BLANKS = " \t"
# The line breaks YAML counts besides LF (yaml_reader.LINE_BREAKS): read as LF, a file
# keeps every line and column, and the walk below sees one kind of break.
_OTHER_BREAKS = re.compile("\r\n?|[\x85\u2028\u2029]")


def value_location(text: str, start: Location, offset: int) -> Location:
    """The position in ``text`` (the fact file) of character ``offset`` of the value of
    the scalar that starts at ``start`` (its first character, quote or indicator).

    An offset past the value, or a scalar that cannot be read back, gives ``start``
    moved by ``offset`` on its line (what a plain one-line scalar has).
    """
    moved = Location(start.line, start.column + offset)
    if start.line < 1 or offset < 0:
        return moved
    text = _OTHER_BREAKS.sub("\n", text)
    line_start = 0
    for _ in range(start.line - 1):  # to the line's start, without splitting the file
        line_start = text.find("\n", line_start) + 1
        if not line_start:
            return moved
    index = line_start + start.column - 1
    if index >= len(text):
        return moved
    first = text[index]
    if first in "|>":
        found = _block(text, index, offset, folded=first == ">")
    elif first in "\"'":
        found = _flow(text, index + 1, offset, quote=first)
    else:
        found = _flow(text, index, offset, quote=None)
    if found is None:
        return moved
    return _location(text, found)


def _location(text: str, index: int) -> Location:
    line_start = text.rfind("\n", 0, index) + 1
    return Location(text.count("\n", 0, index) + 1, index - line_start + 1)


def _flow(text: str, i: int, offset: int, quote: str | None) -> int | None:
    """Walk a plain or quoted scalar from its first value character: the index of the
    value's character ``offset``."""
    n = len(text)
    v = 0  # value characters read so far
    while i < n:
        c = text[i]
        if quote is not None and c == quote:
            if quote == "'" and text.startswith("''", i):
                if v == offset:
                    return i
                v += 1
                i += 2
                continue
            return None  # the closing quote: past the value
        if quote is None and (c == "#" and i > 0 and text[i - 1] in _BLANKS):
            return None  # a comment ends a plain scalar
        if c in _BLANKS or c == "\n":
            # A run of blanks: kept inside a line, folded over a line break.
            j = i
            while j < n and text[j] in _BLANKS:
                j += 1
            if j >= n or text[j] != "\n":
                if quote is None and (j >= n or text[j] == "#"):
                    return None  # trailing blanks of a plain scalar (or its comment)
                if v <= offset < v + (j - i):
                    return i + (offset - v)
                v += j - i
                i = j
                continue
            breaks = 0
            while j < n and text[j] == "\n":
                breaks += 1
                j += 1
                while j < n and text[j] in _BLANKS:
                    j += 1
            if quote is None and (j >= n or _ends_plain(text, j)):
                return None
            # One line break folds to a space; k > 1 breaks give k - 1 newlines.
            made = 1 if breaks == 1 else breaks - 1
            if v <= offset < v + made:
                return i
            v += made
            i = j
            continue
        if quote == '"' and c == "\\":
            if i + 1 < n and text[i + 1] == "\n":
                # An escaped line break: nothing, and the next line's indent goes too.
                j = i + 2
                while j < n and text[j] in _BLANKS:
                    j += 1
                i = j
                continue
            if v == offset:
                return i
            v += 1
            i += 2 + _HEX_ESCAPES.get(text[i + 1] if i + 1 < n else "", 0)
            continue
        if quote is None and c == ":" and (i + 1 >= n or text[i + 1] in " \t\n"):
            return None  # `key: ` ends a plain scalar
        if v == offset:
            return i
        v += 1
        i += 1
    return None


def _ends_plain(text: str, j: int) -> bool:
    """Whether a continuation line starting at ``j`` is a comment or a new item."""
    return text[j] == "#" or (text[j] == "-" and (j + 1 >= len(text) or text[j + 1] in " \n"))


def _block(text: str, i: int, offset: int, folded: bool) -> int | None:
    """Walk a block scalar from its indicator: the index of the value's character
    ``offset`` (content lines are kept; line breaks fold to one character, or none
    before an empty line, in a folded scalar)."""
    header_end = text.find("\n", i)
    if header_end == -1:
        return None
    header = text[i + 1 : header_end].split("#", 1)[0].strip()
    explicit = next((int(ch) for ch in header if ch.isdigit()), 0)
    parent = _indent_of_line(text, i)
    lines: list[tuple[int, str]] = []  # (index of the line's start, the line)
    at = header_end + 1
    indent = 0
    while at <= len(text):
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        line = text[at:end]
        stripped = len(line) - len(line.lstrip(" "))
        if line.strip():
            if not indent:
                indent = parent + explicit if explicit else stripped
                if indent <= parent:
                    break
            if stripped < indent:
                break
        lines.append((at, line))
        at = end + 1
    if not indent:
        return None
    v = 0
    pending = 0  # line breaks since the last content line
    previous_more = False
    seen_content = False
    for start, line in lines:
        if not line[indent:].strip() and len(line) <= indent:
            pending += 1
            continue
        content = line[indent:]
        more = content[:1] in _BLANKS
        if seen_content:
            if folded and not more and not previous_more:
                made = 1 if pending == 1 else pending - 1
            else:
                made = pending
            if v <= offset < v + made:
                return start - 1  # the line break before this line
            v += made
        elif pending:
            if v <= offset < v + pending:
                return start - 1
            v += pending
        if v <= offset < v + len(content):
            return start + indent + (offset - v)
        v += len(content)
        pending = 1
        previous_more = more
        seen_content = True
    return None


def _indent_of_line(text: str, i: int) -> int:
    """The indentation of the mapping or sequence entry holding index ``i``."""
    line_start = text.rfind("\n", 0, i) + 1
    line = text[line_start:i]
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    # `- key: >` : the entry's keys are indented past the dash.
    while stripped.startswith("- "):
        stripped = stripped[2:]
        indent += 2 + len(stripped) - len(stripped.lstrip(" "))
        stripped = stripped.lstrip(" ")
    return indent
