"""Which fact files a run checks: named files, folders walked, sources replaced by their users."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from factsheet.config import Config
from factsheet.errors import UsageError
from factsheet.factfile.yaml_reader import MAX_BYTES
from factsheet.source.reader import SourceUnavailable, resolve
from factsheet.source.safe_read import NotRegular, read_regular


def display_path(path: Path, root: Path) -> str:
    text, base = os.fspath(path), os.fspath(root)
    if text.startswith(base + os.sep) and os.path.isabs(text) and f"{os.sep}." not in text:
        return text[len(base) + 1 :].replace(os.sep, "/")  # what relpath gives, 20x sooner
    try:
        return Path(os.path.relpath(path, root)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def discover(paths: Sequence[Path], config: Config) -> list[Path]:
    """Fact files named or found below the given folders (default: the facts folder)."""
    targets = list(paths) or [config.facts]
    found: list[tuple[str, Path]] = []  # (real path, path)
    for target in targets:
        if target.is_dir():
            found.extend(_walk(target))
        elif target.exists():
            found.append((os.path.realpath(target), target))
        elif not paths:
            raise UsageError(missing_folder("facts", config))
        else:
            raise UsageError(f"path not found: {target}")
    unique = dict(found).values()
    if not unique:
        where = ", ".join(display_path(t, config.root) for t in targets)
        raise UsageError(f"no fact files (*.yaml) found in {where}")
    return sorted(unique, key=lambda p: display_path(p, config.root))


def missing_folder(what: str, config: Config) -> str:
    """Why the facts or seeds folder is missing, and what to do: outside any project,
    that there is none (and `factsheet init` makes one)."""
    folder = config.facts if what == "facts" else config.seeds
    shown = display_path(folder, config.root)
    if config.file is None:
        return (
            f"no factsheet.toml (or [tool.factsheet] in pyproject.toml) in {config.root} or "
            f"any folder above it, and no {shown}/ folder here: run 'factsheet init' to make "
            "a project"
        )
    return (
        f"the {what} folder '{shown}' does not exist; create it or set '{what}' in "
        f"{config.file.name}"
    )


def _walk(folder: Path) -> Iterable[tuple[str, Path]]:
    """``*.yaml``/``*.yml`` files below ``folder``, skipping hidden names and folder links."""
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        real_parent = os.path.realpath(parent)
        for name in sorted(names):
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            path = Path(parent, name)
            if os.path.islink(path):
                if os.path.isfile(path):
                    yield os.path.realpath(path), path
            elif os.path.isfile(path):
                yield os.path.join(real_parent, name), path


def read_fact_bytes(path: Path) -> bytes:
    """The file's bytes, at most MAX_BYTES + 1 (the loader reports a larger file)."""
    try:
        return read_regular(path, MAX_BYTES)
    except NotRegular:
        raise UsageError(f"cannot read {path}: not a regular file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def fact_files_for(paths: list[Path], config: Config) -> tuple[list[Path], bool]:
    """Replace source files (files in the seeds folder) by the fact files that use them.

    So that a pre-commit hook given changed sources checks the facts drawn from
    them. Returns the paths to check and whether only sources were named.
    """
    sources = {p.resolve() for p in paths if p.is_file() and _inside(p, config.seeds)}
    if not sources:
        return paths, False
    from factsheet.factfile.loader import load_fact_file

    rest = [p for p in paths if p.resolve() not in sources]
    users: list[Path] = []
    if config.facts.is_dir():
        with contextlib.suppress(UsageError):  # an empty facts folder: nothing uses them
            for path in discover([config.facts], config):
                name = load_fact_file(display_path(path, config.root), read_fact_bytes(path))
                if name.source is None:
                    continue
                with contextlib.suppress(SourceUnavailable):
                    if resolve(config.seeds, name.source.value).resolve() in sources:
                        users.append(path)
    return rest + users, not rest
