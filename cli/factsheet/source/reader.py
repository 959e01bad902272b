"""Source texts: safe resolution inside the seeds folder, header, paragraphs, positions."""

from __future__ import annotations

import bisect
import difflib
import functools
import hashlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

from factsheet.factfile.yaml_reader import Mapping, Scalar, YamlProblem, compose
from factsheet.model import Location
from factsheet.source.normalize import Normalized, normalize_slices
from factsheet.source.safe_read import NotRegular, read_regular

T = TypeVar("T")

MAX_SOURCE_BYTES = 16 * 1024 * 1024
_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s+(.+)$")
_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*(?:\n[ \t\r\f\v]*)+")
_NEWLINE = re.compile("\n")
_DRIVE = re.compile(r"^[A-Za-z]:")
_SEPARATOR = re.compile(r"[\\/]")
_FRONT_KEYS = ("title", "date", "url", "publisher", "author")


class SourceUnavailable(Exception):
    """FS007: the message says why, naming the path as the fact file gives it."""


class Paragraph(NamedTuple):
    """A paragraph's bounds (a named tuple: one is built per paragraph of every source)."""

    start: int  # offsets into Source.text
    end: int


@dataclass(frozen=True)
class Source:
    path: str
    text: str
    sha256: str
    title: str
    date: str | None
    meta: dict[str, str]
    paragraphs: tuple[Paragraph, ...]
    norm: Normalized  # paragraphs normalised and joined by "\n"
    line_starts: tuple[int, ...]
    cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, kind: type[T], build: Callable[[Source], T]) -> T:
        """A per-source analysis, built once (``cache[key]``) and shared by every rule."""
        cached = self.cache.get(key)
        if isinstance(cached, kind):
            return cached
        result = self.cache[key] = build(self)
        return result

    def locate(self, offset: int) -> Location:
        line = bisect.bisect_right(self.line_starts, offset)
        return Location(line, offset - self.line_starts[line - 1] + 1)

    def line_text(self, line: int) -> str:
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    @functools.cached_property
    def _paragraph_starts(self) -> tuple[int, ...]:
        return tuple(p.start for p in self.paragraphs)

    def paragraph_at(self, offset: int) -> Paragraph:
        index = bisect.bisect_right(self._paragraph_starts, offset) - 1
        return self.paragraphs[max(0, index)]


def resolve(seeds: Path, name: str) -> Path:
    """The source file for ``name``, refusing anything that leaves the seeds folder."""
    if os.path.isabs(name) or name.startswith(("/", "\\")) or _DRIVE.match(name):
        raise SourceUnavailable(
            f"source '{name}' is an absolute path; give it relative to the seeds folder"
        )
    if ".." in _SEPARATOR.split(name):
        raise SourceUnavailable(
            f"source '{name}' leaves the seeds folder ('..'); sources must lie inside it"
        )
    candidate = seeds / name
    # The seeds folder is checked only when the file cannot be found (or the name
    # stands for the folder itself): a file found inside it proves it is a folder,
    # and one stat fewer per source counts when checking many fact files.
    try:
        info = os.lstat(candidate)
        link = stat.S_ISLNK(info.st_mode)
        if link:
            info = os.stat(candidate)
    except FileNotFoundError:
        _require_folder(seeds)
        if candidate.is_symlink():
            raise SourceUnavailable(f"source '{name}' is a broken symlink") from None
        near = difflib.get_close_matches(name, sorted(p.name for p in seeds.iterdir()), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise SourceUnavailable(f"source '{name}' not found in the seeds folder{hint}") from None
    except OSError as exc:
        _require_folder(seeds)
        raise SourceUnavailable(f"source '{name}' cannot be read: {exc.strerror}") from None
    if candidate == seeds:
        _require_folder(seeds)
    # A plain file named directly in the seeds folder is inside it; anything
    # else (a symlink, a path through subfolders) is checked by its real path.
    if link or "/" in name or "\\" in name:
        real, real_seeds = os.path.realpath(candidate), os.path.realpath(seeds)
        if os.path.commonpath([real, real_seeds]) != real_seeds:
            raise SourceUnavailable(
                f"source '{name}' is a symlink pointing outside the seeds folder"
            )
    if stat.S_ISDIR(info.st_mode):
        raise SourceUnavailable(f"source '{name}' is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceUnavailable(f"source '{name}' is not a regular file (a FIFO, socket or device)")
    if info.st_size > MAX_SOURCE_BYTES:
        raise SourceUnavailable(
            f"source '{name}' is {info.st_size:,} bytes; the limit is {MAX_SOURCE_BYTES:,}"
        )
    return candidate


def _require_folder(seeds: Path) -> None:
    if not seeds.is_dir():
        raise SourceUnavailable(f"seeds folder '{seeds}' does not exist")


def read_bytes(path: Path) -> bytes:
    """A source's bytes (FS007 when it cannot be read, is not a file, or is too large)."""
    try:
        data = read_regular(path, MAX_SOURCE_BYTES)
    except NotRegular:
        raise SourceUnavailable(f"source '{path.name}' is not a regular file") from None
    except OSError as exc:
        raise SourceUnavailable(f"source '{path.name}' cannot be read: {exc.strerror}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise SourceUnavailable(f"source '{path.name}' is larger than {MAX_SOURCE_BYTES:,} bytes")
    return data


def parse_source(display: str, data: bytes, fallback_title: str) -> Source:
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", "replace")
        line = good.count("\n") + 1
        raise SourceUnavailable(
            f"source '{fallback_title}' is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line})"
        ) from None
    line_starts = (0, *[m.end() for m in _NEWLINE.finditer(text)])
    title, date, body_start = fallback_title, None, 0
    meta: dict[str, str] = {}
    front = _front_matter(text)
    if front is not None:
        meta, body_start = front
        title = meta.get("title", title)
        date = meta.get("date")
    else:
        first = re.match(r"(?:[ \t\r\f\v]*\n)*([^\n]*)(\n|$)", text)
        header = _HEADER.match(first.group(1).rstrip("\r")) if first else None
        if first and header:
            date, title, body_start = header.group(1), header.group(2).strip(), first.end()
    paragraphs = _paragraphs(text, body_start)
    norm = _normalize_paragraphs(text, paragraphs)
    digest = hashlib.sha256(data).hexdigest()
    return Source(display, text, digest, title, date, meta, paragraphs, norm, line_starts)


def _front_matter(text: str) -> tuple[dict[str, str], int] | None:
    match = re.match(r"---[ \t]*\r?\n(.*?\n)?---[ \t]*(\r?\n|$)", text, re.S)
    if not match:
        return None
    try:
        root, _ = compose(match.group(1) or "")
    except YamlProblem:
        return None  # not YAML: a Markdown rule (---) opening the text, not front matter
    if not isinstance(root, Mapping):
        return None
    meta = {
        key.value: value.value.strip()
        for key, value in root.items
        if key.value in _FRONT_KEYS and isinstance(value, Scalar)
    }
    return meta, match.end()


def _paragraphs(text: str, start: int) -> tuple[Paragraph, ...]:
    out = []
    pos = start
    for gap in [*_BLANK_LINES.finditer(text, start), None]:
        end = gap.start() if gap else len(text)
        chunk = text[pos:end]
        left = chunk.lstrip()  # then rstrip: the same as strip(), and gives the lead
        if left:
            first = end - len(left)
            out.append(Paragraph(first, first + len(left.rstrip())))
        if gap:
            pos = gap.end()
    return tuple(out)


def _normalize_paragraphs(text: str, paragraphs: tuple[Paragraph, ...]) -> Normalized:
    return normalize_slices(text, [(p.start, p.end) for p in paragraphs])
