"""Project root discovery and configuration (factsheet.toml or [tool.factsheet])."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factsheet.selection import validate_codes

_KEYS = {"facts", "seeds", "select", "ignore", "strict", "brief"}
_BRIEF_KEYS = {"output", "template"}


class ConfigError(Exception):
    """Invalid configuration: the CLI exits 2 with this message."""


@dataclass(frozen=True)
class Config:
    root: Path
    facts: Path
    seeds: Path
    select: tuple[str, ...] = ("FS",)
    ignore: tuple[str, ...] = ()
    strict: bool = False
    brief_output: str = ""  # unset: briefs go to standard output
    brief_template: str = ""
    file: Path | None = None


def find_root(start: Path) -> tuple[Path, Path | None, dict[str, Any]]:
    """The nearest folder upward holding factsheet.toml or a [tool.factsheet] table."""
    for folder in (start, *start.parents):
        own = folder / "factsheet.toml"
        if own.is_file():
            return folder, own, _read_toml(own)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("factsheet")
            if isinstance(table, dict):
                return folder, pyproject, table
    return start, None, {}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path.name}: cannot read configuration: {exc}") from None


def load_config(start: Path) -> Config:
    root, file, table = find_root(start.resolve())
    where = file.name if file else "configuration"
    _no_unknown(table, _KEYS, where, "")
    brief = table.get("brief", {})
    if not isinstance(brief, dict):
        raise ConfigError(f"{where}: 'brief' must be a table")
    _no_unknown(brief, _BRIEF_KEYS, where, "brief.")
    facts = _string(table, "facts", "facts", where)
    seeds = _string(table, "seeds", "seeds", where)
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where}: 'strict' must be true or false")
    try:
        select = validate_codes(_codes(table, "select", ["FS"], where))
        ignore = validate_codes(_codes(table, "ignore", [], where))
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return Config(
        root=root,
        facts=root / facts,
        seeds=root / seeds,
        select=select,
        ignore=ignore,
        strict=strict,
        brief_output=_string(brief, "output", "", where),
        brief_template=_string(brief, "template", "", where),
        file=file,
    )


def _no_unknown(table: dict[str, Any], known: set[str], where: str, prefix: str) -> None:
    for key in table:
        if key not in known:
            near = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"; did you mean '{prefix}{near[0]}'?" if near else ""
            raise ConfigError(f"{where}: unknown configuration key '{prefix}{key}'{hint}")


def _string(table: dict[str, Any], key: str, default: str, where: str) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: '{key}' must be a string")
    return value


def _codes(table: dict[str, Any], key: str, default: list[str], where: str) -> list[str]:
    value = table.get(key, default)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of rule codes or prefixes")
    return value
