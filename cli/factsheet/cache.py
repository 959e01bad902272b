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
not be able to run code), written atomically (a temporary file, then a
rename), so two runs may share the folder; an entry that cannot be read or
does not hold what it should is ignored and rebuilt. The folder git-ignores
itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import factsheet
from factsheet.config import Config

FOLDER = ".factsheet_cache"
FORMAT = 2
_GITIGNORE = "# Created by factsheet: the check cache, safe to delete.\n*\n"


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
    from factsheet.yamlsafe import HAVE_LIBYAML

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


class Cache:
    """The cache folder of one project; every failure to read or write is ignored."""

    def __init__(self, root: Path) -> None:
        self.folder = root / FOLDER
        self.entries = self.folder / f"v{FORMAT}"
        self._ready = False
        self._written = 0

    def _path(self, key: str) -> Path:
        return self.entries / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._path(key), "rb") as handle:
                entry = json.loads(handle.read())
        except (OSError, ValueError, UnicodeDecodeError, RecursionError):
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None  # corrupt, truncated or misplaced: rebuild it
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        try:
            self._prepare()
            data = json.dumps({**entry, "key": key}, ensure_ascii=False, separators=(",", ":"))
            # A name of this process's own (not mkstemp's: it costs a third more
            # per entry, and a cold run writes thousands); O_EXCL still refuses
            # to write through anything already there.
            self._written += 1
            tmp = os.path.join(self.entries, f".{key[:16]}.{os.getpid()}.{self._written}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data.encode("utf-8", "surrogatepass"))
                os.replace(tmp, self._path(key))
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            return  # a read-only project still checks; it just is not cached

    def _prepare(self) -> None:
        if self._ready:
            return
        self.entries.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".gitignore.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(_GITIGNORE)
            os.replace(tmp, ignore)
        self._ready = True
