"""Writing an article as a source: its name, its text (FORMAT.md), duplicate detection.

Pure apart from reading the seeds folder: the command writes the text it returns.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path

from factsheet.source.extract import Article, plain
from factsheet.source.reader import MAX_SOURCE_BYTES, SourceUnavailable, parse_source
from factsheet.source.safe_read import read_regular

SUFFIXES = (".txt", ".md")
MAX_SLUG = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DRIVE = re.compile(r"^[A-Za-z]:")
# Letters NFKD does not take apart into an ASCII letter and marks.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "\u0131": "i",
    }
)


class TargetError(Exception):
    """The source cannot be written where asked; the message says why (exit 2)."""


def slug(title: str) -> str:
    """``Rail workers' strike: day 2`` → ``rail-workers-strike-day-2`` (ASCII, at most 60)."""
    ascii_title = (
        unicodedata.normalize("NFKD", title.translate(_LETTERS)).encode("ascii", "ignore").decode()
    )
    words = _NOT_SLUG.sub(" ", ascii_title.lower().replace("'", "")).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > MAX_SLUG:
            break
        out = candidate
    return out or (words[0][:MAX_SLUG] if words else "article")


def default_name(date: str, title: str) -> str:
    return f"{date}-{slug(title)}.txt"


def check_name(name: str) -> str:
    """A ``--name`` as a file name relative to the seeds folder (``.txt`` added if needed)."""
    text = name.strip()
    if not text or text in (".", ".."):
        raise TargetError("--name is empty")
    if os.path.isabs(text) or text.startswith(("/", "\\")) or _DRIVE.match(text):
        raise TargetError(f"--name '{name}' is an absolute path; give a name in the seeds folder")
    parts = re.split(r"[\\/]", text)
    if ".." in parts:
        raise TargetError(f"--name '{name}' leaves the seeds folder ('..')")
    if any(not part or part.startswith(".") for part in parts):
        raise TargetError(f"--name '{name}' is not a plain file name")
    last = parts[-1] if parts[-1].lower().endswith(SUFFIXES) else f"{parts[-1]}.txt"
    return "/".join([*parts[:-1], last])


def target(seeds: Path, name: str, force: bool) -> Path:
    """Where the source goes, refusing a path out of the seeds folder or one already taken."""
    path = seeds / name
    real_seeds = os.path.realpath(seeds)
    real = os.path.realpath(path)
    if os.path.commonpath([real, real_seeds]) != real_seeds:
        raise TargetError(f"'{name}' would lie outside the seeds folder")
    if path.is_symlink():
        raise TargetError(f"refusing to write through the symlink '{name}' in the seeds folder")
    if path.is_dir():
        raise TargetError(f"'{name}' is a folder in the seeds folder")
    if path.exists() and not force:
        raise TargetError(f"'{name}' is already in the seeds folder; use --force to replace it")
    return path


def _quoted(value: str) -> str:
    # A JSON string is a YAML double-quoted scalar that reads back exactly, once the
    # characters YAML takes for line breaks (and JSON leaves alone) are escaped too.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\x85", "\\x85").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(article: Article, retrieved: str | None) -> str:
    """The source text: front matter (title, date, url, publisher, author, retrieved), body."""
    lines = ["---"]
    if article.title:
        lines.append(f"title: {_quoted(article.title)}")
    if article.date:
        lines.append(f"date: {article.date}")
    for key, value in (
        ("url", article.url),
        ("publisher", article.publisher),
        ("author", article.author),
    ):
        if value:
            lines.append(f"{key}: {_quoted(value)}")
    if retrieved:
        lines.append(f"retrieved: {retrieved}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + "\n\n".join(article.paragraphs) + "\n"


def fingerprint(paragraphs: list[str] | tuple[str, ...]) -> str:
    """What makes two sources the same article: their body text, white space aside."""
    return hashlib.sha256(plain("\n".join(paragraphs)).encode("utf-8")).hexdigest()


def same_text(seeds: Path, article: Article, skip: Path | None = None) -> list[str]:
    """Names of the sources in ``seeds`` whose body is the article's text."""
    if not seeds.is_dir():
        return []
    wanted = fingerprint(article.paragraphs)
    skipped = os.path.realpath(skip) if skip is not None else None
    found = []
    for path in sorted(seeds.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or path.is_symlink() or not path.is_file():
            continue
        if skipped is not None and os.path.realpath(path) == skipped:
            continue
        try:
            data = read_regular(path, MAX_SOURCE_BYTES)
            if len(data) > MAX_SOURCE_BYTES:
                continue
            source = parse_source(path.name, data, path.name)
        except (OSError, SourceUnavailable):
            continue
        body = [source.text[p.start : p.end] for p in source.paragraphs]
        if fingerprint(body) == wanted:
            found.append(path.relative_to(seeds).as_posix())
    return found
