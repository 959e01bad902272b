"""The result cache of ``factsheet check``: per fact file, in ``.factsheet_cache/``.

An entry holds what checking one fact file produced before selection (its raw
diagnostics, its facts' ids, positions and ``ignore`` lists) and is found by a
key made of:

* the SHA-256 of the fact file's bytes and its display path;
* the run's context: the factsheet version, a hash of the package's own source
  files (so a developer's edit never serves an old answer), the Python and
  Unicode versions, whether libyaml is used, and the configuration (its file's
  bytes and the resolved root, facts and seeds folders).

The entry also records how its source resolved: the source's display path and
the SHA-256 of its bytes, or why it was unavailable. An entry is used only when
the source resolves the same way now, so changing a source byte, the fact file,
the configuration or factsheet gives a fresh result: never a stale one.

Entries are JSON (never pickle: a cache folder committed by someone else must
not be able to run code), in packs written atomically (a temporary file, then a
rename), so two runs may share the folder; an entry or pack that cannot be read
or does not hold what it should is ignored and rebuilt. The folder git-ignores
itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
import time
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import factsheet
from factsheet import interrupts
from factsheet.config import Config
from factsheet.model import Diagnostic, Location, Outline, Severity, SourceRef, Text

FOLDER = ".factsheet_cache"
FORMAT = 4
PACK_SUFFIX = ".pack.json"
MAX_PACKS = 16  # more than this: merge them into one
MIN_KEPT = 10_000  # a merge keeps at least this many entries (or twice those in use)
KEEP_OUTPUTS = 8  # commands' stored outputs (each may be megabytes): the newest kept
_GITIGNORE = "# Created by factsheet: the check cache, safe to delete.\n*\n"

Outcome = list[str] | None  # ["read", display, sha256] / ["failed", message] / None


class Entry(NamedTuple):
    """What checking one fact file produced, before selection: enough to report it again."""

    outcome: Outcome  # how its ``source:`` resolved; the entry is valid while it resolves so
    fact_count: int
    source: Text | None  # the ``source:`` value and where it stands
    outline: Outline
    diagnostics: list[Diagnostic]  # every finding, raw


def encode(entry: Entry) -> dict[str, Any]:
    """The entry as JSON-ready data (also what a pool worker sends back: cheap to pickle)."""
    src = entry.source
    return {
        "outcome": entry.outcome,
        "fact_count": entry.fact_count,
        "source": None if src is None else [src.value, src.at.line, src.at.column],
        "outline": entry.outline._asdict(),
        "diagnostics": [_dump(d) for d in entry.diagnostics],
    }


def _dump(d: Diagnostic) -> list[Any]:
    where = None if d.source is None else [d.source.file, d.source.line, d.source.column]
    return [
        d.code,
        d.severity.value,
        d.message,
        d.line,
        d.column,
        d.fact,
        where,
        d.suggestion,
        d.off_by_default,
    ]


_SEVERITIES = {s.value: s for s in Severity}


def decode(display: str, data: dict[str, Any]) -> Entry:
    """The entry of the fact file ``display``; ValueError when ``data`` is not one."""
    try:
        outline = Outline(**data["outline"])
        if len(outline.ids) != len(outline.id_lines) or not isinstance(outline.ignore, dict):
            raise ValueError("not an outline")
        src = data["source"]
        diagnostics = [
            Diagnostic(
                code,
                _SEVERITIES[severity],
                message,
                display,
                line,
                column,
                fact,
                None if where is None else SourceRef(where[0], where[1], where[2]),
                suggestion,
                off,
            )
            for code, severity, message, line, column, fact, where, suggestion, off in data[
                "diagnostics"
            ]
        ]
        return Entry(
            data["outcome"],
            data["fact_count"],
            None if src is None else Text(src[0], Location(src[1], src[2])),
            outline,
            diagnostics,
        )
    except (KeyError, TypeError, IndexError) as exc:
        raise ValueError(f"not a cache entry: {exc}") from None


@cache
def package_digest() -> str:
    """A hash of factsheet's own source files (computed once per process)."""
    root = Path(factsheet.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".j2", ".jinja", ".html", ".css", ".js", ".md", ".json"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"unreadable")
            digest.update(b"\0")
    return digest.hexdigest()


def context_digest(config: Config) -> str:
    """Everything besides the fact file and its source that the result depends on."""
    from factsheet.factfile.yaml_reader import HAVE_LIBYAML

    parts = [
        f"format={FORMAT}",
        f"version={factsheet.__version__}",
        f"package={package_digest()}",
        f"python={sys.version}",
        f"unicode={unicodedata.unidata_version}",
        f"libyaml={HAVE_LIBYAML}",
        f"root={config.root}",
        f"facts={config.facts}",
        f"seeds={config.seeds}",
        f"config={config!r}",
    ]
    if config.file is not None:
        try:
            parts.append("file=" + hashlib.sha256(config.file.read_bytes()).hexdigest())
        except OSError:
            parts.append("file=unreadable")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def entry_key(context: str, display: str, data: bytes) -> str:
    digest = hashlib.sha256()
    digest.update(context.encode())
    digest.update(b"\0")
    digest.update(display.encode("utf-8", "surrogateescape"))
    digest.update(b"\0")
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def product_key(entry: str, name: str, options: str, outcome: Outcome) -> str:
    """A product's key: its fact file's entry key, what it is, and how the source resolved
    (an entry's key does not cover the source's bytes; its outcome does)."""
    parts = [entry, name, options, json.dumps(outcome)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


class Cache:
    """The cache folder of one project; every failure to read or write is ignored.

    Entries live in packs: each run that checked files afresh writes one JSON
    file of its new entries (a cold run of thousands of files makes one file,
    not thousands: creating files is what costs most on a busy disk). Packs
    load in name order, newest last, so a rebuilt entry replaces a bad one.
    When there are more than MAX_PACKS, a run writes one merged pack and
    removes the packs it merged; entries no run has used lately are dropped
    then, so the folder does not grow without bound.
    """

    def __init__(self, root: Path, namespace: str = "") -> None:
        """``namespace``: a folder of its own for a command's products (see engine.products),
        so that a check never reads them."""
        self.folder = root / FOLDER
        self.packs = self.folder / f"v{FORMAT}"
        if namespace:
            self.packs = self.packs / namespace
        # A merge keeps stale entries too, at least MIN_KEPT of a check's small ones; a
        # product (a page, a brief) is kilobytes, and only as many as are in use are kept.
        self._keeps_stale = not namespace
        self._entries: dict[str, Any] | None = None
        self._read: list[Path] = []  # the packs loaded (merged away when there are many)
        self._used: set[str] = set()
        self._fresh: dict[str, dict[str, Any]] = {}

    def load(self) -> dict[str, Any]:
        """Every entry of every pack, by key (read once per run)."""
        if self._entries is not None:
            return self._entries
        self._entries = {}
        try:
            listed = os.listdir(self.packs)
        except OSError:
            return self._entries
        _sweep(self.packs, listed)
        names = sorted(n for n in listed if n.endswith(PACK_SUFFIX))
        for name in names:
            path = self.packs / name
            self._read.append(path)
            pack = _read_json(path)  # None when corrupt or removed: its entries are rebuilt
            if isinstance(pack, dict) and isinstance(pack.get("entries"), dict):
                self._entries.update(pack["entries"])
        return self._entries

    def get(self, key: str) -> dict[str, Any] | None:
        entry = self.load().get(key)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None  # missing, corrupt or misplaced: rebuild it
        self._used.add(key)
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        """Keep a fresh entry until flush()."""
        self._fresh[key] = {**entry, "key": key}

    def flush(self) -> None:
        """Write the run's fresh entries as one pack (merging all packs when there are many)."""
        if not self._fresh:
            return
        try:
            _prepare(self.folder, self.packs)
            known = self.load()
            if len(self._read) < MAX_PACKS:
                self._write(self._fresh)
                return
            keep = {**{k: known[k] for k in self._used if k in known}, **self._fresh}
            floor = MIN_KEPT if self._keeps_stale else 0
            room = max(floor, 2 * len(keep)) - len(keep)
            for key, entry in reversed(known.items()):  # the keys added last first
                if room <= 0:
                    break
                if key not in keep and isinstance(entry, dict) and entry.get("key") == key:
                    keep[key] = entry
                    room -= 1
            self._write(keep)
            for path in self._read:
                path.unlink(missing_ok=True)
        except (OSError, ValueError):
            return  # a read-only project still checks; it just is not cached

    def _write(self, entries: dict[str, Any]) -> None:
        # Named by time, then process: later packs sort (and load) later.
        name = f"{time.time_ns():020d}-{os.getpid()}{PACK_SUFFIX}"
        _write_json(self.packs, name, {"format": FORMAT, "entries": entries})


class Outputs:
    """What a command printed or wrote for one state of a project (see engine.run):
    one file each, named by the time it was written and the state, the newest
    KEEP_OUTPUTS kept, so that a command run again on unchanged files answers at once."""

    def __init__(self, root: Path) -> None:
        self.cache_folder = root / FOLDER
        self.folder = self.cache_folder / f"v{FORMAT}" / "outputs"

    def get(self, state: str) -> Any:
        try:
            names = sorted(n for n in os.listdir(self.folder) if n.endswith(f"-{state}.json"))
        except OSError:
            return None
        data = _read_json(self.folder / names[-1]) if names else None
        if not isinstance(data, dict) or data.get("state") != state:
            return None
        return data.get("output")

    def put(self, state: str, output: Any) -> None:
        try:
            _prepare(self.cache_folder, self.folder)
            _write_json(
                self.folder,
                f"{time.time_ns():020d}-{state}.json",
                {"state": state, "output": output},
            )
            listed = os.listdir(self.folder)
            _sweep(self.folder, listed)
            for old in sorted(n for n in listed if n.endswith(".json"))[:-KEEP_OUTPUTS]:
                (self.folder / old).unlink(missing_ok=True)
        except (OSError, ValueError):
            return  # a read-only project still works; it just answers no sooner


def _prepare(folder: Path, packs: Path) -> None:
    """Create ``packs`` (a namespace's too), and the cache ``folder``'s .gitignore when it
    has none."""
    packs.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        _sweep(folder, os.listdir(folder))
        _write_bytes(folder, ignore.name, _GITIGNORE.encode())


def _read_json(path: Path) -> Any:
    """The JSON value in the file; None when it cannot be read or is not JSON."""
    try:
        with open(path, "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None


def _write_json(folder: Path, name: str, value: Any) -> None:
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    _write_bytes(folder, name, data.encode("utf-8", "surrogatepass"))


def _write_bytes(folder: Path, name: str, data: bytes) -> None:
    """Write folder/name atomically: a temporary file, then a rename."""
    tmp = folder / f".{time.time_ns():020d}-{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# The temporary files of this module: ".<time>-<pid>.tmp".
_TEMPORARY = re.compile(r"\.\d+-(\d+)\.tmp")


def _sweep(folder: Path, names: list[str]) -> None:
    """Remove the temporary files that a killed run left (their process is gone).

    A run stopped by a signal removes its own; only a kill (SIGKILL, the OOM
    killer) mid-write leaves one, never a pack: packs appear by renaming.
    """
    for name in names:
        found = _TEMPORARY.fullmatch(name)
        if found and not interrupts.process_alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
