"""PyYAML's pure-Python scanner, aligned with libyaml so both backends agree.

Used when libyaml is missing (and in tests, to prove the two give the same
events, positions and errors). Only scanner methods whose behaviour differs
from libyaml's on the same input are overridden.
"""

from __future__ import annotations

import yaml

_BREAKZ = "\0\r\n\x85\u2028\u2029"


class _PureScanner(yaml.reader.Reader, yaml.scanner.Scanner):
    """PyYAML's pure scanner, aligned with libyaml where the two disagree on valid input.

    libyaml accepts tabs as separating whitespace inside plain scalars and after
    tokens (``statement: a\tb``, ``x: y\t# note``) and ``?`` inside flow plain
    scalars (``[Why?]``); the pure scanner rejects them. It also names the
    character after the backslash of an unknown escape, libyaml the backslash.
    """

    def scan_to_next_token(self) -> None:
        if self.index == 0 and self.peek() == "\ufeff":
            self.forward()
        while True:
            while self.peek() == " " or (
                self.peek() == "\t" and (self.flow_level or not self.allow_simple_key)
            ):
                self.forward()
            if self.peek() == "#":
                while self.peek() not in _BREAKZ:
                    self.forward()
            if not self.scan_line_break():  # type: ignore[no-untyped-call]
                return
            if not self.flow_level:
                self.allow_simple_key = True

    def scan_plain(self) -> yaml.tokens.ScalarToken:
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] | None = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if self.flow_level and ch == ":" and self.peek(length + 1) in ",?[]{}":
                    self.forward(length)  # libyaml refuses "x:]" and "x:," in flow context
                    raise yaml.scanner.ScannerError(
                        "while scanning a plain scalar",
                        start_mark,
                        "found unexpected ':'",
                        self.get_mark(),
                    )
                if (
                    ch in _BREAKZ + " \t"
                    or (
                        ch == ":"
                        and self.peek(length + 1)
                        in _BREAKZ + " \t" + (",[]{}" if self.flow_level else "")
                    )
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces or [])
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self._plain_spaces(indent)
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)

    def _plain_spaces(self, indent: int) -> list[str] | None:
        chunks: list[str] = []
        length = 0
        while self.peek(length) in " \t":
            length += 1
        whitespaces = self.prefix(length)
        self.forward(length)
        if self.peek() in _BREAKZ[1:]:
            line_break = self.scan_line_break()  # type: ignore[no-untyped-call]
            self.allow_simple_key = True
            if self._at_document_marker():
                return None
            breaks = []
            while self.peek() in " \r\n\x85\u2028\u2029" or (
                self.peek() == "\t" and self.column >= indent
            ):
                if self.peek() in " \t":
                    self.forward()
                else:
                    breaks.append(self.scan_line_break())  # type: ignore[no-untyped-call]
                    if self._at_document_marker():
                        return None
            if line_break != "\n":
                chunks.append(line_break)
            elif not breaks:
                chunks.append(" ")
            chunks.extend(breaks)
        elif whitespaces:
            chunks.append(whitespaces)
        return chunks

    def _at_document_marker(self) -> bool:
        return self.prefix(3) in ("---", "...") and self.peek(3) in _BREAKZ + " \t"

    def scan_tag(self) -> yaml.tokens.TagToken:
        # As libyaml: a shorthand is '!', '!!' or '!word!' then a suffix that ends at
        # ',', '[' or ']'; a tag may be followed by a tab, or by ',' in flow context.
        start_mark = self.get_mark()
        handle: str | None
        if self.peek(1) == "<":
            self.forward(2)
            suffix = self.scan_tag_uri("tag", start_mark)
            if self.peek() != ">":
                raise yaml.scanner.ScannerError(
                    "while parsing a tag",
                    start_mark,
                    f"expected '>', but found {self.peek()!r}",
                    self.get_mark(),
                )
            self.forward()
            handle = None
        else:
            length = 1
            while self.peek(length).isascii() and (
                self.peek(length).isalnum() or self.peek(length) in "-_"
            ):
                length += 1
            handle = self.prefix(length + 1) if self.peek(length) == "!" else "!"
            self.forward(len(handle))
            self._shorthand = True
            try:
                suffix = self.scan_tag_uri("tag", start_mark, empty=handle == "!")
            finally:
                self._shorthand = False
            if not suffix:
                handle, suffix = None, "!"
        ch = self.peek()
        if ch not in _BREAKZ + " \t" and not (self.flow_level and ch == ","):
            raise yaml.scanner.ScannerError(
                "while scanning a tag",
                start_mark,
                f"expected ' ', but found {ch!r}",
                self.get_mark(),
            )
        return yaml.tokens.TagToken((handle, suffix), start_mark, self.get_mark())

    def scan_tag_uri(self, name: str, start_mark: yaml.Mark, empty: bool = False) -> str:
        # libyaml ends a tag shorthand (!x, !!x) at ',', '[' and ']'.
        allowed = "-;/?:@&=+$_.!~*'()" + ("" if getattr(self, "_shorthand", False) else ",[]")
        chunks: list[str] = []
        length = 0
        ch = self.peek(length)
        while ch.isascii() and (ch.isalnum() or ch in allowed or ch == "%"):
            if ch == "%":
                chunks.append(self.prefix(length))
                self.forward(length)
                length = 0
                chunks.append(self.scan_uri_escapes(name, start_mark))
            else:
                length += 1
            ch = self.peek(length)
        if length:
            chunks.append(self.prefix(length))
            self.forward(length)
        if not chunks and not empty:
            raise yaml.scanner.ScannerError(
                f"while parsing a {name}",
                start_mark,
                f"expected URI, but found {ch!r}",
                self.get_mark(),
            )
        return "".join(chunks)

    def scan_flow_scalar_non_spaces(self, double: bool, start_mark: yaml.Mark) -> list[str]:
        try:
            chunks: list[str] = super().scan_flow_scalar_non_spaces(double, start_mark)
        except yaml.scanner.ScannerError as exc:
            mark = exc.problem_mark
            if mark is not None and (exc.problem or "").startswith("found unknown escape"):
                mark.column -= 1
                mark.index -= 1
            raise
        return chunks


class PureLoader(_PureScanner, yaml.SafeLoader):
    """yaml.SafeLoader with the aligned scanner (its methods come first in the MRO)."""
