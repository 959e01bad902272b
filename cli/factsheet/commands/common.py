"""What every command shares: project discovery, error handling, output."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import itertools
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from factsheet import interrupts
from factsheet.config import Config, ConfigError, load_config
from factsheet.errors import UsageError
from factsheet.outputs.terminal import one_line

P = ParamSpec("P")
R = TypeVar("R")


def paths_arg(purpose: str) -> Any:
    """The PATH... argument of a command that reads fact files, saying what it does."""
    return typer.Argument(
        help=f"Fact files or folders {purpose}. Default: the configured facts folder.",
        show_default=False,
        metavar="[PATH]...",
    )


def wrote(path: Path, config: Config, quiet: bool) -> None:
    """Say on stderr which file a command wrote (stdout stays the command's output)."""
    if not quiet:
        from factsheet.engine.discovery import display_path

        sys.stderr.write(f"wrote {one_line(display_path(path.absolute(), config.root))}\n")


QuietWrites = Annotated[
    bool, typer.Option("--quiet", "-q", help="Do not say which files were written.")
]


def output_opt(what: str) -> Any:
    """The --output option of a command that prints ``what``."""
    return typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help=f"Write {what} to FILE instead of standard output.",
    )


def fail(message: str, status: int = 2) -> typer.Exit:
    sys.stderr.write(f"factsheet: error: {one_line(message)}\n")
    return typer.Exit(status)


def guarded(command: Callable[P, R]) -> Callable[P, R]:
    """Turn every failure into one clear line and exit status 2; never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (UsageError, ConfigError) as exc:
            raise fail(str(exc)) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:
            interrupts.check()  # a failure caused by the signal that stops the run
            raise fail(f"internal error: {type(exc).__name__}: {exc}") from None

    return wrapper


def jobs() -> int | None:
    """FACTSHEET_JOBS=N caps the worker processes (1: none); default: the usable cores."""
    value = os.environ.get("FACTSHEET_JOBS", "").strip()
    if not value:
        return None
    try:
        return max(1, int(value))
    except ValueError:
        raise UsageError(f"FACTSHEET_JOBS must be a whole number, not '{value}'") from None


def project() -> Config:
    return load_config(Path.cwd())


def wants_color(output: Path | None) -> bool:
    if output is not None or "NO_COLOR" in os.environ:
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _on_disk(path: Path) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (not a symlink), else None."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        return path.read_bytes()
    except OSError:
        return None


# What a file is written with: its text (written as UTF-8), or its bytes.
Content = str | bytes


def _as_bytes(content: Content) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def holds(path: Path, content: Content) -> bool:
    """Whether ``path`` is a regular file holding ``content`` already (as written)."""
    try:
        return _on_disk(path) == _as_bytes(content)
    except UnicodeEncodeError:
        return False


def digest(content: Content) -> str:
    """The SHA-256 of ``content`` as written: what a stored output remembers of a file."""
    return hashlib.sha256(_as_bytes(content)).hexdigest()


def all_hold(base: Path, digests: Mapping[str, str]) -> bool:
    """Whether every file named (relative to ``base``) is a regular file whose bytes have
    the SHA-256 given: still as a run that stored those digests wrote it."""
    for name, expected in digests.items():
        data = _on_disk(base / name)
        if data is None or digest(data) != expected:
            return False
    return True


def write_changed(folder: Path, files: Mapping[Path, Content]) -> list[Path]:
    """Create ``folder`` and write, all old or all new, those of ``files``
    that do not hold their content already; return the paths written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder {folder}: {exc.strerror}") from None
    try:
        present = set(os.listdir(folder))
    except OSError:
        present = None
    changed = {
        path: content
        for path, content in files.items()
        # one listing instead of a look at each file: a first run writes thousands
        if (present is not None and path.parent == folder and path.name not in present)
        or not holds(path, content)
    }
    write_all_atomic(changed)  # all old or all new, even when interrupted
    return list(changed)


def write_atomic(path: Path, content: Content) -> None:
    """Write via a temporary file in the same folder, so a failure keeps the old file."""
    write_all_atomic({path: content})


def write_all_atomic(files: Mapping[Path, Content]) -> None:
    """Write each file via a temporary file in its folder, then rename them all.

    Every file is written in full before any is renamed, and the renames are
    not cut short by SIGINT, SIGTERM or SIGHUP (see interrupts.deferred): an
    interrupted run leaves all the old files or all the new ones. Only a kill
    (SIGKILL) during the renames, a few milliseconds, can leave some renamed.
    The temporary files are named after the file and this process; those of
    a process that is gone (killed while writing) are removed on the next write.
    """
    modes: dict[Path, int | None] = {}  # an existing file's permissions, kept
    for path in files:
        try:
            st = path.lstat()
        except OSError:
            modes[path] = None
            continue
        if stat.S_ISLNK(st.st_mode):
            raise UsageError(f"refusing to write through the symlink {path}")
        if stat.S_ISDIR(st.st_mode):
            raise UsageError(f"cannot write {path}: it is a directory")
        modes[path] = stat.S_IMODE(st.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    folders: dict[Path, set[str]] = {}
    for path in files:
        folders.setdefault(path.parent if str(path.parent) else Path("."), set()).add(path.name)
    for folder, names in folders.items():
        _sweep(folder, names)  # once per folder: an archive's folder holds thousands
    staged: list[tuple[str, Path]] = []
    try:
        for n, (path, content) in enumerate(files.items()):
            mode = modes[path]
            data = _as_bytes(content)
            staged.append((_stage(path, data, 0o666 & ~umask if mode is None else mode, n), path))
        with interrupts.deferred():
            while staged:
                tmp, path = staged[0]
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    raise UsageError(f"cannot write {path}: {exc.strerror}") from None
                staged.pop(0)
    finally:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)


def _stage(path: Path, data: bytes, mode: int, n: int) -> str:
    """A temporary file beside ``path`` holding ``data``, with permissions ``mode``; its
    name (this process's ``n``-th; never an existing file's)."""
    folder = path.parent if str(path.parent) else Path(".")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    for attempt in itertools.count():
        tmp = str(folder / f".{path.name}.{os.getpid()}.{n}x{attempt}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600)
            break
        except FileExistsError:  # left by an earlier process with this pid
            continue
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)  # not at creation: the umask would take bits off an old file's
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


_TEMPORARY = re.compile(r"\.(.+)\.(\d+)\.[A-Za-z0-9_]+\.tmp")  # what _stage names them


def _sweep(folder: Path, names: set[str]) -> None:
    """Remove the temporary files for ``names`` left by processes that are gone."""
    try:
        listed = os.listdir(folder)
    except OSError:
        return
    for entry in listed:
        found = _TEMPORARY.fullmatch(entry)
        if found and found.group(1) in names and not interrupts.process_alive(int(found.group(2))):
            with contextlib.suppress(OSError):
                os.unlink(folder / entry)


def wrap_width(output: Path | None) -> int | None:
    """The width to wrap a human report to on a terminal; None (never wrap) for a file or
    a pipe, where one line is one finding (CI logs, grep, less -S)."""
    if output is not None or not sys.stdout.isatty():
        return None
    return terminal_width()


def terminal_width() -> int:
    """COLUMNS when set (tests, pipes), else the terminal's width, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size((80, 24)).columns


def capture_console(color: bool, width: int) -> tuple[Console, io.StringIO]:
    """A Rich console writing into a buffer: no markup, emoji or highlighting of user text."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, 40),
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    return console, buffer


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)
