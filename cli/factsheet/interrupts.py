"""The signals that end a run: SIGINT (Ctrl-C), SIGTERM (CI cancellation, ``timeout``,
``docker stop``) and SIGHUP (the terminal went away).

:func:`install` makes each of them raise :class:`Interrupted` in the main
thread, like Ctrl-C raises KeyboardInterrupt, so that ``with`` and ``finally``
blocks run: the process pool is stopped, temporary files are removed, and the
command ends with one line on stderr and the status 128 + the signal's number.
Only the first signal raises: the others find the run already stopping (GNU
``timeout`` sends SIGTERM twice, to the command and to its process group), and
stopping is quick and bounded (see :func:`leave_within`).

A forked worker inherits these handlers until its initializer calls
:func:`for_worker`; until then a signal reaching it acts as the default would
(SIGINT ignored, the others end it), never as an exception in the worker.

Once the command's work is done and its output flushed, :func:`finish` has
the signals ignored: the process ends a moment later with the command's own
status, and no exception can be raised while the interpreter shuts down.

A signal ignored when factsheet starts (``nohup``, a background job's SIGINT)
stays ignored.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType


class Interrupted(BaseException):
    """A signal asked the run to stop (a BaseException, like KeyboardInterrupt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

_owner = 0  # the process that installed the handlers (a forked child is not it)
_received: list[int] = []  # every signal received, in order
_deferring = 0  # > 0 inside deferred(): signals wait until it ends
_finished = False  # the work is done and flushed: signals are ignored


def install() -> None:
    """Handle SIGINT, SIGTERM and SIGHUP in this (main) thread; idempotent."""
    global _owner
    _owner = os.getpid()
    for signum in SIGNALS:
        if signal.getsignal(signum) != signal.SIG_IGN:
            signal.signal(signum, _handle)


def _handle(signum: int, frame: FrameType | None) -> None:
    if os.getpid() != _owner:  # a forked worker, before for_worker() ran
        _act_as_default(signum)
        return
    if _finished:
        return
    _received.append(signum)
    if len(_received) > 1:
        return  # already stopping (`timeout` sends SIGTERM twice: to us and to our group)
    if _deferring:
        return  # raised when the deferred block ends
    raise Interrupted(signum)


def _act_as_default(signum: int) -> None:
    if signum == signal.SIGINT:
        return  # a worker ignores Ctrl-C: the main process stops the pool
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def for_worker() -> None:
    """In a pool worker: Ctrl-C ignored (the main process stops the pool), the others default.

    A worker writes nothing, so it has nothing to clean up: it just ends.
    """
    for signum in SIGNALS:
        signal.signal(signum, signal.SIG_IGN if signum == signal.SIGINT else signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked while it started: see deferred()
        signal.pthread_sigmask(signal.SIG_UNBLOCK, SIGNALS)


def received() -> int | None:
    """The first signal received, if any."""
    return _received[0] if _received else None


def check() -> None:
    """Raise :class:`Interrupted` if a signal came (its exception lost or not raised yet)."""
    if _received and _mine():
        raise Interrupted(_received[0])


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A block that a signal does not cut short: it is raised when the block ends.

    For starting the pool's workers and for the few renames that publish a
    set of files, so that a worker is never left half-started and an
    interrupted run leaves all the files old or all new. The signals are also
    blocked in this thread meanwhile, so that a process started here begins
    with them blocked, until it has set up its own handling (see for_worker).
    An exception leaving the block after a signal came (a worker killed by
    the same signal, say) is the interruption.
    """
    global _deferring
    _deferring += 1
    mask = _block()
    try:
        yield
    except BaseException as exc:
        if _deferring == 1 and _received and not isinstance(exc, Interrupted) and _mine():
            raise Interrupted(_received[0]) from None
        raise
    finally:
        _unblock(mask)
        _deferring -= 1
    if not _deferring and _received and _mine():
        raise Interrupted(_received[0])


def _mine() -> bool:
    return os.getpid() == _owner


def _block() -> set[int | signal.Signals] | None:
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)


def _unblock(mask: set[int | signal.Signals] | None) -> None:
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def message(signum: int) -> str:
    """What stderr says when a signal stopped the run."""
    if signum == signal.SIGINT:
        return "factsheet: interrupted\n"
    return f"factsheet: interrupted by {signal.Signals(signum).name}\n"


def finish() -> None:
    """The work is done and flushed: from now on the signals are ignored while the process exits."""
    global _finished
    _finished = True
    for signum in SIGNALS:
        if signal.getsignal(signum) is _handle:
            signal.signal(signum, signal.SIG_IGN)


def leave_within(seconds: float, status: int) -> None:
    """Make sure the process ends within ``seconds`` from now, with ``status``.

    For a stopped run: its clean-up is done, and whatever might still wait at
    exit (a helper thread of the pool, say) must not keep it, nor its output
    pipes, open.
    """
    timer = threading.Timer(seconds, os._exit, args=(status,))
    timer.daemon = True
    timer.start()


def report(signum: int) -> int:
    """Say on stderr that the run was stopped; the exit status to use."""
    with contextlib.suppress(OSError, ValueError):  # SIGHUP: the terminal may be gone
        sys.stderr.write(message(signum))
        sys.stderr.flush()
    return 128 + signum


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists (to tell the temporary files of a killed run).

    Always true on Windows, where ``os.kill`` would end the process asked about.
    """
    if pid == os.getpid() or sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # exists but is not ours, or cannot be asked: leave its files be
    return True
