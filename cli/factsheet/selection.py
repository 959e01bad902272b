"""Which codes are reported: --select/--ignore by code or prefix, the most specific winning."""

from __future__ import annotations

import re
from collections.abc import Iterable


def _known() -> frozenset[str]:
    from factsheet.rules.registry import CODES

    return CODES


def validate_codes(values: Iterable[str]) -> tuple[str, ...]:
    """Split comma-separated entries and check each names a code or a prefix of one."""
    out: list[str] = []
    for value in values:
        for item in value.split(","):
            code = item.strip().upper()
            if not code:
                continue
            # "FS" (the default selection) prefixes every code: no need to load the rules.
            if code != "FS" and (
                not re.fullmatch(r"FS\d{0,3}", code)
                or not any(c.startswith(code) for c in _known())
            ):
                raise ValueError(
                    f"'{item.strip()}' is not a rule code or prefix (see 'factsheet rules')"
                )
            out.append(code)
    return tuple(out)


def enabled(
    code: str, select: Iterable[str], ignore: Iterable[str], off_by_default: bool = False
) -> bool:
    """Like ruff: the longest matching prefix decides; on a tie, ignore wins. A rule that is
    off by default needs a selection more specific than "FS" (`--select FS7`)."""
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1)
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if off_by_default and best_select <= len("FS"):
        return False
    return best_select > best_ignore


def suppressed(code: str, ignores: Iterable[str]) -> bool:
    return any(code.startswith(p) for p in ignores)
