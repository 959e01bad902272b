"""What every command shares: project discovery, error handling, output."""

from __future__ import annotations

import functools
import io
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from factsheet import interrupts
from factsheet.config import Config, ConfigError, load_config
from factsheet.errors import UsageError
from factsheet.outputs.terminal import one_line

P = ParamSpec("P")
R = TypeVar("R")

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Fact files or folders to check. Default: the configured facts folder.",
        show_default=False,
        metavar="PATH",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write the report to FILE instead of standard output.",
    ),
]


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


def project() -> Config:
    return load_config(Path.cwd())


def wants_color(output: Path | None) -> bool:
    if output is not None or "NO_COLOR" in os.environ:
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder, so a failure keeps the old file."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise UsageError(f"refusing to write through the symlink {path}")
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a directory")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """Keep the old file's permissions; a new file gets the usual 0666 less the umask.

    (mkstemp creates 0600 files, which would make a published report private.)
    """
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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
