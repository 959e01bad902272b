"""The worker processes of a large run, and the task each worker runs.

A worker lives for one run, so the sources it parses cannot go stale; it sends
back each file's cache entry encoded as plain data (cheap to pickle).

Workers never outlive the process that started them (the *owner*), however it
ends:

* normally, :func:`running` shuts the pool down; on an exception (an
  interrupting signal: see factsheet.interrupts) it cancels what is pending
  and kills the workers at once rather than waiting for the run's end;
* when the owner is killed outright (SIGKILL, the OOM killer), each worker
  has asked the kernel, in its initializer, to kill it when its parent dies
  (Linux: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``), then checked that its parent
  is still the one expected, since it may have died before. A forked worker's
  parent is the owner's main thread (the kernel ties the request to the
  thread that forked, and workers are forked by the thread that runs the pool,
  which outlives it); a forkserver's worker's parent is the single-threaded
  forkserver, which exits as soon as the owner is gone (its pipe from the
  owner closes), killing the worker in turn. Elsewhere, or when prctl is
  unavailable, a thread in the worker watches ``os.getppid()`` instead.
* a worker ignores SIGINT (Ctrl-C reaches the whole process group; the owner
  stops the pool) and ends on SIGTERM and SIGHUP like any process.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from factsheet import interrupts
from factsheet.config import Config
from factsheet.engine.cache import Entry, Outcome, encode
from factsheet.engine.file_check import check_one
from factsheet.engine.products import Product
from factsheet.engine.result import CheckResult, finish
from factsheet.model import Diagnostic, FactFile
from factsheet.rules.input_format import FS007
from factsheet.source.reader import Source

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor
    from multiprocessing.context import BaseContext
    from multiprocessing.process import BaseProcess

POOL_MIN_FILES = 64  # fewer files to check than this: no process pool (start-up cost)
POOL_CHUNK = 8
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>
WATCH_INTERVAL = 0.2  # seconds between two looks at the parent, where prctl is unavailable
STOP_WAIT = 2.0  # seconds to wait for killed workers and the pool's thread


def tune_gc() -> None:
    """Collect cycles rarely: a check allocates millions of small acyclic objects.

    With the default thresholds the collector runs hundreds of times per
    thousand files and takes ~9% of a cold check; objects made so far (the
    imported modules) are frozen out of its scans.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


_WORKER_SOURCES: dict[str, Source] = {}
_WORKER_FAILED: dict[str, str] = {}
_WORKER_SOURCES_MAX = 32  # bounded: a worker sees thousands of sources
_WORKER_CONFIG: list[Config] = []  # set once per worker, not sent with every file
_WORKER_PRODUCT: list[Product | None] = [None]  # what the run's command makes of each file


def _start_worker(config: Config, owner: int, product: Product | None = None) -> None:
    """A worker's set-up: its signals, its end with its parent, the run's configuration
    and product."""
    interrupts.for_worker()
    _die_with_parent(owner)
    _WORKER_CONFIG[:] = [config]
    _WORKER_PRODUCT[:] = [product]
    tune_gc()


def _die_with_parent(owner: int) -> None:
    """End this worker when its parent ends, however that happens; now, if it already has.

    ``owner`` is the process that made the pool: the parent of a forked or
    spawned worker, the grandparent of a forkserver's.
    """
    _release_forkserver()
    if sys.platform == "linux" and _kernel_kills_orphan():
        parent = os.getppid()  # read after the request: a later death is covered by it
        if parent != owner and _parent_of(parent) != owner:
            _end_now()  # the owner, or the forkserver between us, is gone already
        return
    parent = os.getppid()
    if parent == 1 or not interrupts.process_alive(owner):
        _end_now()
    watcher = threading.Thread(
        target=_watch, args=(parent, owner), name="parent-watch", daemon=True
    )
    watcher.start()


def _release_forkserver() -> None:
    """Close this worker's copy of the forkserver's "alive" pipe.

    The forkserver runs until every copy of that pipe's writing end is
    closed. Each process it forks gets one (so that it could start processes
    in turn); a worker never does, and its copy would keep the server, and so
    the worker itself, alive after the owner is killed. Without it the server
    exits as soon as the owner is gone, and the kernel kills its workers.
    """
    from multiprocessing import forkserver

    server = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if server is None or not isinstance(fd, int):
        return
    with contextlib.suppress(OSError):
        os.close(fd)
    server._forkserver_alive_fd = None


def _kernel_kills_orphan() -> bool:
    """Ask Linux to SIGKILL this process when its parent (thread) ends."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _parent_of(pid: int) -> int:
    """The parent of ``pid`` (Linux, from /proc); 0 when unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            stat = handle.read()
        return int(stat[stat.rindex(b")") + 2 :].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _watch(parent: int, owner: int) -> None:
    """The portable fallback: end this worker when its parent or the owner is gone."""
    while os.getppid() == parent and interrupts.process_alive(owner):
        time.sleep(WATCH_INTERVAL)
    _end_now()


def _end_now() -> None:
    os._exit(1)  # nothing to flush or clean up: a worker writes nothing


Checked = tuple[dict[str, Any], Any]  # an encoded entry, and the product made (or None)


def check_file(
    task: tuple[str, bytes],
    config: Config | None = None,
    sources: dict[str, Source] | None = None,
    failed: dict[str, str] | None = None,
    product: Product | None = None,
) -> Checked:
    """Check one fact file (in a worker, or here given the rest): its encoded cache
    entry, and what the run's product makes of it."""
    display, data = task
    if config is None:
        config, product = _WORKER_CONFIG[0], _WORKER_PRODUCT[0]
    parsed = _WORKER_SOURCES if sources is None else sources
    fact_file, source, raw = check_one(
        display, data, config, parsed, _WORKER_FAILED if failed is None else failed
    )
    while len(parsed) > _WORKER_SOURCES_MAX:
        parsed.pop(next(iter(parsed)))
    outcome: Outcome = None
    if fact_file.source is not None:
        unavailable = next((d.message for d in raw if d.code == FS007.code), "")
        outcome = ["read", source.path, source.sha256] if source else ["failed", unavailable]
    entry = Entry(outcome, fact_file.fact_count, fact_file.source, fact_file.outline, raw)
    made = None
    if product is not None:
        made = product.make(alone(fact_file, source, raw, config))
    return encode(entry), made


def alone(
    fact_file: FactFile, source: Source | None, raw: list[Diagnostic], config: Config
) -> CheckResult[FactFile]:
    """The result of a run of this one fact file: what a product is made from."""
    file_sources = {} if source is None else {fact_file.path: source}
    sources = {} if source is None else {source.path: source}
    # a copy: finish() adds the file's duplicate ids to the list it is given
    return finish([fact_file], list(raw), sources, file_sources, config.select, config.ignore)


@contextlib.contextmanager
def running(
    workers: int, config: Config, product: Product | None = None
) -> Iterator[ProcessPoolExecutor]:
    """A pool for the block: shut down when it ends, stopped at once when it raises.

    On an exception (an interrupting signal, above all) nothing more is worth
    waiting for: the workers are killed (they hold nothing that needs cleaning
    up) and pending tasks cancelled, so the run ends in a moment, not when the
    files in flight are done.
    """
    import multiprocessing

    before = set(multiprocessing.active_children())
    executor = make_pool(workers, config, product)
    try:
        yield executor
    except BaseException:
        stop(executor, before)
        interrupts.check()  # a worker killed by the same signal: still the interruption
        raise
    executor.shutdown(wait=True)


def check_files(
    executor: ProcessPoolExecutor, tasks: Iterable[tuple[str, bytes]]
) -> Iterator[Checked]:
    """Each task's encoded entry (and product), in order, as the workers finish them.

    Every task is submitted (and the workers started) with signals deferred:
    a worker is never left half-started, not yet known to :func:`stop`. The
    tasks go in chunks of POOL_CHUNK, as ``executor.map`` would send them, but
    nothing here cancels a task: ``map`` cancels its pending tasks from this
    thread when interrupted, racing the pool's own thread, which then fails
    (InvalidStateError) when workers die meanwhile (a signal sent to the whole
    process group) and leaves the pool's pipes open, so that the exit hangs.
    Cancelling is left to :func:`stop`, through the pool's own thread.
    """
    pending = list(tasks)
    with interrupts.deferred():
        futures = [
            executor.submit(check_chunk, pending[start : start + POOL_CHUNK])
            for start in range(0, len(pending), POOL_CHUNK)
        ]
    return _results(futures)


def _results(futures: list[Future[list[Checked]]]) -> Iterator[Checked]:
    for future in futures:
        yield from future.result()


def check_chunk(tasks: list[tuple[str, bytes]]) -> list[Checked]:
    """In a worker: check a few fact files (one round trip for several)."""
    return [check_file(task) for task in tasks]


def stop(
    executor: ProcessPoolExecutor, before: set[BaseProcess] | frozenset[BaseProcess] = frozenset()
) -> None:
    """Kill the workers, cancel what is pending, and wait (briefly) for the workers to go.

    The workers are killed first: shutting the pool down releases its queues'
    semaphores, which a worker still starting would fail to open (and say so
    with a traceback). ``before``: the children this process had before the
    pool; any other is one of its workers, even one not yet listed by it.
    """
    import multiprocessing

    # Private, but the only handles on the workers (shutdown() drops them).
    listed = getattr(executor, "_processes", None) or {}
    workers = {*listed.values(), *(set(multiprocessing.active_children()) - set(before))}
    manager = getattr(executor, "_executor_manager_thread", None)
    calls = getattr(executor, "_call_queue", None)
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            worker.kill()
    if calls is not None:
        # Tasks may be on their way into the pipe the workers read: with no
        # reader left the thread sending them stops (as when a pool breaks),
        # and leaving does not wait for it.
        calls.cancel_join_thread()
        with contextlib.suppress(OSError, AttributeError):
            calls._reader.close()
    executor.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + STOP_WAIT
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            worker.join(max(0.0, deadline - time.monotonic()))
    if manager is not None and manager.is_alive():
        manager.join(max(0.0, deadline - time.monotonic()))


def _start_helpers(forkserver: bool) -> None:
    """Start multiprocessing's helper processes with SIGINT and SIGHUP blocked.

    The resource tracker ignores SIGINT and SIGTERM, but SIGHUP would kill it:
    the pool's clean-up would start a new one, which prints a traceback about
    semaphores it never saw. The forkserver would print a KeyboardInterrupt
    traceback if Ctrl-C came while it imports the rules. Blocked, these
    signals never reach them (nor, until their initializer, the workers the
    forkserver forks); both exit as always when the processes using them are
    gone.
    """
    from multiprocessing import forkserver as server
    from multiprocessing import resource_tracker

    block = {getattr(signal, name) for name in ("SIGINT", "SIGHUP") if hasattr(signal, name)}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, block)
    try:
        resource_tracker.ensure_running()  # which unblocks SIGINT and SIGTERM on its way out
        if forkserver:
            signal.pthread_sigmask(signal.SIG_BLOCK, block)
            server.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def make_pool(workers: int, config: Config, product: Product | None = None) -> ProcessPoolExecutor:
    """Worker processes for a run.

    On Linux a single-threaded process forks them: they start at once with
    this process's modules (the rules are imported here, once), where a
    forkserver would first start a new interpreter and import everything
    again (~0.3 s of a cold run). With other threads alive (a progress bar
    refreshing) forking is unsafe, so a forkserver, or spawn, is used instead.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context: BaseContext
    if sys.platform == "linux" and threading.active_count() == 1:
        import ctypes  # noqa: F401  (for _die_with_parent in every worker)

        import factsheet.rules.registry  # noqa: F401  (for every worker, before the fork)
        from factsheet.rules.meaning import preload

        preload()  # WordNet and its inflected forms, read once for every worker

        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or each worker would write what is buffered again
        context = multiprocessing.get_context("fork")
    elif "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        # The server imports the rules once; each worker is forked from it.
        context.set_forkserver_preload(
            ["factsheet.engine.pool", "factsheet.rules.registry", "ctypes"]
        )
    else:
        context = multiprocessing.get_context("spawn")
    if hasattr(signal, "pthread_sigmask"):
        _start_helpers(context.get_start_method() == "forkserver")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(config, os.getpid(), product),
    )
