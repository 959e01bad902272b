"""Text from fact files and sources, made safe to show in a terminal."""

from __future__ import annotations

import re

# C0 and C1 controls (but TAB and LF), DEL, and the bidirectional overrides and
# isolates that can make a line display differently from what it contains, and
# the Unicode line and paragraph separators.
UNSAFE_CHARACTERS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
)
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")


def escape_match(match: re.Match[str]) -> str:
    """The matched character as a visible escape: ``\\x1b``, ``\\u202e``."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """Control characters shown as escapes, never emitted."""
    return _UNSAFE.sub(escape_match, text)


def one_line(text: str) -> str:
    """As ``safe``, with line breaks and tabs shown as escapes too."""
    return safe(text).replace("\t", "\\t").replace("\n", "\\n")
