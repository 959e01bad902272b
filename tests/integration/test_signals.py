"""Interrupted runs: real ``factsheet`` processes stopped by SIGINT, SIGTERM, SIGHUP and SIGKILL.

Each run gets an environment variable holding a marker of its own; its
processes (the command, its workers, the forkserver, multiprocessing's
resource tracker) are found by scanning /proc/*/environ for it, and killed in
a ``finally`` whatever the test found. Every case asserts: the exit status
(128 + the signal's number, or -9 for SIGKILL; a run whose work was done
before the signal took effect may exit with its own status, with its complete
output); that stdout and stderr close within a few seconds; that no process of
the run is left; and that the next run prints exactly what a clean run prints.

The moments are drawn at random (seeded: FACTSHEET_SIGNAL_SEED, default 16)
over the whole run, measured from when the command's handlers are in place
(its SigCgt in /proc; before that Python's defaults apply), plus moments
chosen by what the run is doing: while the workers run, while the cache or a
brief is being written (the write is patched to signal the process itself).
The fork start method is used when stderr is a pipe; with stderr on a
terminal the progress bar runs, and workers come from a forkserver.
"""

from __future__ import annotations

import contextlib
import os
import pty
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

from benchmarks import bench

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="finds processes through /proc (Linux)"
)

FILES = 64  # just enough for the process pool
SEED = int(os.environ.get("FACTSHEET_SIGNAL_SEED", "16"))
MARKER = "FACTSHEET_TEST_MARKER"
CLOSE_WITHIN = 10.0  # seconds for stdout and stderr to close after the signal
GONE_WITHIN = 5.0  # seconds for every process of the run to be gone after that
CATCHABLE = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
MESSAGES = {
    signal.SIGINT: "factsheet: interrupted",
    signal.SIGTERM: "factsheet: interrupted by SIGTERM",
    signal.SIGHUP: "factsheet: interrupted by SIGHUP",
}
_SCRIPT = Path(sys.executable).parent / "factsheet"
COMMAND = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "factsheet"]


# --- processes -----------------------------------------------------------------------


def marked(marker: str) -> list[int]:
    """The live processes whose environment holds ``marker`` (zombies hold none)."""
    needle = f"{MARKER}={marker}\0".encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as handle:
                if needle in handle.read():
                    found.append(int(name))
        except OSError:
            continue
    return found


def status_field(pid: int, key: str) -> str:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def parent_of(pid: int) -> int:
    value = status_field(pid, "PPid")
    return int(value) if value.isdigit() else 0


def cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def catches(pid: int, signum: int) -> bool:
    """Whether ``pid`` has a handler for ``signum`` installed now."""
    mask = status_field(pid, "SigCgt")
    return bool(mask) and bool(int(mask, 16) >> (signum - 1) & 1)


def workers_of(pid: int, marker: str) -> tuple[list[int], str]:
    """The pool's workers of the run ``pid`` and how they were started (fork, forkserver)."""
    procs = [p for p in marked(marker) if p != pid]
    servers = [p for p in procs if parent_of(p) == pid and "forkserver" in cmdline(p)]
    tracker = [p for p in procs if "resource_tracker" in cmdline(p)]
    forked = [p for p in procs if parent_of(p) == pid and p not in servers + tracker]
    served = [p for p in procs if servers and parent_of(p) in servers]
    if served:
        return served, "forkserver"
    return forked, "fork"


def _fileno(stream: IO[bytes] | None) -> int:
    assert stream is not None
    return stream.fileno()


def _drain(fd: int, buffer: bytearray) -> None:
    """Read ``fd`` until every writer has closed it."""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # a terminal whose last writer is gone
            return
        if not chunk:
            return
        buffer += chunk


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str
    seen_workers: list[int] = field(default_factory=list)
    method: str = ""
    note: str = ""


class Run:
    """One ``factsheet`` process with a marker of its own; stderr a pipe or a terminal."""

    def __init__(self, args: list[str], cwd: Path, *, tty: bool, code: str | None = None) -> None:
        self.marker = uuid.uuid4().hex
        env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_ACTIONS")}
        env.update({MARKER: self.marker, "NO_COLOR": "1", "COLUMNS": "100"})
        env["FACTSHEET_JOBS"] = "2"
        command = [sys.executable, "-c", code] if code else COMMAND
        self.master: int | None = None
        stderr: int
        if tty:
            self.master, stderr = pty.openpty()
        else:
            stderr = subprocess.PIPE
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [*command, *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
            start_new_session=True,  # its own process group, as CI gives a job
        )
        if tty:
            os.close(stderr)
        self.pid = self.proc.pid
        # Read both streams from the start, as a CI runner does.
        assert self.proc.stdout is not None
        err_fd = self.master if self.master is not None else _fileno(self.proc.stderr)
        self.buffers = (bytearray(), bytearray())
        self.readers = [
            threading.Thread(target=_drain, args=(fd, buffer), daemon=True)
            for fd, buffer in zip((self.proc.stdout.fileno(), err_fd), self.buffers, strict=True)
        ]
        for reader in self.readers:
            reader.start()

    def wait_for_handlers(self) -> None:
        """Until the command's signal handlers are in place (or it ended)."""
        while not catches(self.pid, signal.SIGTERM) and self.proc.poll() is None:
            assert time.monotonic() - self.started < 30, "the command never installed handlers"
            time.sleep(0.002)

    def wait_for_workers(self) -> tuple[list[int], str]:
        while self.proc.poll() is None:
            workers, method = workers_of(self.pid, self.marker)
            if len(workers) >= 2:
                return workers, method
            assert time.monotonic() - self.started < 30, "no workers came"
            time.sleep(0.003)
        return [], ""

    def send(self, signum: int, *, group: bool) -> None:
        with contextlib.suppress(ProcessLookupError):
            if group:
                os.killpg(self.pid, signum)  # as `timeout` or a CI runner may
            else:
                os.kill(self.pid, signum)

    def finish(self) -> Outcome:
        """Wait (bounded) for both streams to close, then reap the command."""
        deadline = time.monotonic() + CLOSE_WITHIN
        for reader in self.readers:
            reader.join(max(0.0, deadline - time.monotonic()))
        assert not any(r.is_alive() for r in self.readers), (
            f"stdout/stderr still open {CLOSE_WITHIN} s after the signal"
        )
        status = self.proc.wait(timeout=CLOSE_WITHIN)
        out, err = (bytes(b).decode("utf-8", "replace") for b in self.buffers)
        return Outcome(status, out, err.replace("\r\n", "\n"))

    def assert_all_gone(self) -> None:
        deadline = time.monotonic() + GONE_WITHIN
        while (left := marked(self.marker)) and time.monotonic() < deadline:
            time.sleep(0.05)
        described = {p: (parent_of(p), cmdline(p)[:120]) for p in left}
        assert not left, f"processes of the run left behind: {described}"

    def cleanup(self) -> None:
        """Kill whatever is left of the run (even after a failed assertion)."""
        for _ in range(3):
            for pid in marked(self.marker):
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            if not marked(self.marker):
                break
            time.sleep(0.05)
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        for reader in self.readers:
            reader.join(timeout=5)  # every writer is gone now
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        if self.master is not None:
            with contextlib.suppress(OSError):
                os.close(self.master)


@contextlib.contextmanager
def started(
    args: list[str], cwd: Path, *, tty: bool = False, code: str | None = None
) -> Iterator[Run]:
    run = Run(args, cwd, tty=tty, code=code)
    try:
        yield run
    finally:
        run.cleanup()


def clean_run(args: list[str], cwd: Path) -> Outcome:
    with started(args, cwd) as run:
        outcome = run.finish()
        run.assert_all_gone()
    return outcome


# --- the corpus ----------------------------------------------------------------------


@dataclass
class Corpus:
    root: Path
    clean: Outcome  # `factsheet check`, cold
    duration: float  # of that clean run, in seconds

    def cold(self) -> None:
        shutil.rmtree(self.root / ".factsheet_cache", ignore_errors=True)

    def temporary_files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.tmp"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("signals") / "project"
    bench.generate(root, FILES)
    start = time.monotonic()
    clean = clean_run(["check"], root)
    duration = time.monotonic() - start
    assert (clean.status, clean.stderr) == (0, ""), clean
    assert clean.stdout.startswith(f"{FILES * 20} facts in {FILES} files")
    return Corpus(root, clean, duration)


def assert_stopped(outcome: Outcome, signum: int, complete: str, what: str) -> None:
    """The run ended as ``signum`` asks, or it had done its work first (all output out)."""
    if signum == signal.SIGKILL:
        if outcome.status != -signal.SIGKILL:  # it had ended: nothing left to kill
            assert (outcome.status, outcome.stdout) == (0, complete), what
            assert "factsheet:" not in outcome.stderr, what
        assert outcome.stdout in ("", complete), what
        return
    assert "Traceback" not in outcome.stderr, what
    lines = [line for line in outcome.stderr.split("\n") if line.strip()]
    if outcome.status == 128 + signum:
        # One line on stderr (after what the progress bar left on a terminal).
        assert lines, what
        assert lines[-1].split("\x1b[2K")[-1] == MESSAGES[signal.Signals(signum)], what
        assert sum("factsheet:" in line for line in lines) == 1, what
        # Standard output is a stream: a run stopped while printing stops there.
        assert complete.startswith(outcome.stdout), what
    else:
        # The signal came once the output was complete: the command's own status.
        assert (outcome.status, outcome.stdout) == (0, complete), what
        assert not any("factsheet:" in line for line in lines), what


def assert_next_run_is_clean(corpus: Corpus, what: str) -> None:
    again = clean_run(["check"], corpus.root)
    assert (again.status, again.stdout, again.stderr) == (0, corpus.clean.stdout, ""), what
    assert corpus.temporary_files() == [], what


# --- check: randomized moments, fork and forkserver ---------------------------------

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL)
CASES = [
    (signum, tty, moment)
    for signum in SIGNALS
    for tty in (False, True)
    for moment in ("anytime", "workers")
]


@pytest.mark.parametrize(
    ("signum", "tty", "moment"),
    CASES,
    ids=[f"{s.name}-{'forkserver' if t else 'fork'}-{m}" for s, t, m in CASES],
)
def test_check_stopped_at_a_random_moment(
    corpus: Corpus, signum: signal.Signals, tty: bool, moment: str
) -> None:
    rng = random.Random(f"{SEED}-{signum.name}-{tty}-{moment}")
    group = rng.random() < 0.5
    corpus.cold()
    with started(["check"], corpus.root, tty=tty) as run:
        if signum != signal.SIGKILL:
            run.wait_for_handlers()  # before: Python's defaults, not factsheet's handling
        seen: list[int] = []
        if moment == "workers":
            seen, method = run.wait_for_workers()
            assert seen, "the run ended before its workers were seen"
            assert method == ("forkserver" if tty else "fork")
            delay = rng.uniform(0, 0.1)
        else:
            delay = rng.uniform(0, corpus.duration)
        time.sleep(delay)
        what = f"seed {SEED}: {signum.name} {'to the group ' if group else ''}after {delay:.3f} s"
        run.send(signum, group=group)
        outcome = run.finish()
        run.assert_all_gone()  # the workers seen among them
    assert_stopped(outcome, signum, corpus.clean.stdout, what)
    assert_next_run_is_clean(corpus, what)


# --- check: killed while writing the cache -----------------------------------------

# Runs factsheet with the cache's rename of a new pack patched to signal the
# process first: the pack is written in full, not yet renamed.
WRITING_CACHE = """
import os, signal, sys
import factsheet.engine.cache as cache

class Os:
    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, src, dst):
        if "/v{format}/" in str(src):
            os.kill(os.getpid(), {signum})
        os.replace(src, dst)

cache.os = Os()
from factsheet.__main__ import main
sys.argv = ["factsheet", "check"]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_check_stopped_while_writing_the_cache(corpus: Corpus, signum: signal.Signals) -> None:
    from factsheet.engine.cache import FORMAT, PACK_SUFFIX

    corpus.cold()
    code = WRITING_CACHE.format(format=FORMAT, signum=int(signum))
    with started([], corpus.root, code=code) as run:
        outcome = run.finish()
        run.assert_all_gone()
    packs = corpus.root / ".factsheet_cache" / f"v{FORMAT}"
    assert not list(packs.glob(f"*{PACK_SUFFIX}"))  # never a partial pack
    if signum == signal.SIGKILL:
        assert outcome.status == -signal.SIGKILL
        assert len(corpus.temporary_files()) == 1  # the pack being written, left by the kill
    else:
        assert (outcome.status, outcome.stdout) == (143, "")
        assert outcome.stderr == "factsheet: interrupted by SIGTERM\n"
        assert corpus.temporary_files() == []
    assert_next_run_is_clean(corpus, signum.name)  # which removes the kill's leftover


# --- the other commands --------------------------------------------------------------

OTHERS = {
    "table": ["table"],
    "coverage": ["coverage"],
    "brief": ["brief", "--output", "briefs/", "--quiet"],
    "review": ["review", "--output", "review.html", "--quiet"],
    "suggest": [
        "suggest",
        "seeds/00000_article.txt",
        "--output",
        "draft.yaml",
        "--force",
        "--quiet",
    ],
}


# The files (or folders) each writing command writes: review, several sources, an index
# and a page per source.
WRITES = {
    "brief": ("briefs",),
    "review": ("review.html", "review_files"),
    "suggest": ("draft.yaml",),
}


def _written(root: Path, name: str) -> dict[str, bytes]:
    """The files that command ``name`` writes, by path (no temporary files)."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (
            path.is_file()
            and path.suffix != ".tmp"
            and relative.split("/")[0] in WRITES.get(name, ())
        ):
            files[relative] = path.read_bytes()
    return files


@pytest.mark.parametrize("name", list(OTHERS))
def test_other_commands_stopped_at_a_random_moment(corpus: Corpus, name: str) -> None:
    rng = random.Random(f"{SEED}-{name}")
    args = OTHERS[name]
    if name == "brief":  # old briefs, which a stopped run must leave whole or replace all
        (corpus.root / "briefs").mkdir(exist_ok=True)
        for i in range(FILES):
            (corpus.root / "briefs" / f"{i:05d}_article.md").write_text("old\n")
    old = _written(corpus.root, name)
    corpus.cold()  # both runs cold: a run answered from the stored outputs ends at once
    start = time.monotonic()
    clean = clean_run(args, corpus.root)
    duration = time.monotonic() - start
    new = _written(corpus.root, name)
    assert (clean.status, clean.stderr) == (0, ""), clean
    for path, data in old.items():
        (corpus.root / path).write_bytes(data)
    for path in set(new) - set(old):
        (corpus.root / path).unlink()
    signum = rng.choice(CATCHABLE)
    corpus.cold()
    with started(args, corpus.root) as run:
        run.wait_for_handlers()
        delay = rng.uniform(0, duration)
        time.sleep(delay)
        run.send(signum, group=rng.random() < 0.5)
        outcome = run.finish()
        run.assert_all_gone()
    what = f"seed {SEED}: {name}, {signum.name} after {delay:.3f} s"
    assert_stopped(outcome, signum, clean.stdout, what)
    assert _written(corpus.root, name) in (old, new), what  # all old or all new
    assert corpus.temporary_files() == [], what


# Runs `brief` with the rename of the first brief patched to signal the process
# first: every brief is written in full beside its old one, none renamed yet.
WRITING_BRIEFS = """
import os, signal, sys
import factsheet.commands.common as common

class Os:
    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, src, dst):
        os.kill(os.getpid(), {signum})
        os.replace(src, dst)

common.os = Os()
from factsheet.__main__ import main
sys.argv = ["factsheet", "brief", "--output", "briefs/"]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name)
def test_brief_stopped_while_writing(corpus: Corpus, signum: signal.Signals) -> None:
    folder = corpus.root / "briefs"
    shutil.rmtree(folder, ignore_errors=True)
    clean = clean_run(["brief", "--output", "briefs/"], corpus.root)
    assert clean.status == 0
    new = _written(corpus.root, "brief")
    for path in new:
        (corpus.root / path).write_text("old\n")
    with started([], corpus.root, code=WRITING_BRIEFS.format(signum=int(signum))) as run:
        outcome = run.finish()
        run.assert_all_gone()
    briefs = _written(corpus.root, "brief")
    if signum == signal.SIGKILL:
        assert outcome.status == -signal.SIGKILL
        assert set(briefs.values()) == {b"old\n"}  # killed before the first rename
        assert len(corpus.temporary_files()) == FILES  # the new ones, left by the kill
        again = clean_run(["brief", "--output", "briefs/"], corpus.root)
        assert again.status == 0
        briefs = _written(corpus.root, "brief")
    else:
        # Renaming is not cut short: every brief is new, then the run stops.
        assert outcome.status == 143
        assert outcome.stderr == "factsheet: interrupted by SIGTERM\n"
    assert briefs == new
    assert corpus.temporary_files() == []


# --- the temporary files a kill leaves ---------------------------------------------


def _dead_pid() -> int:
    """The pid of a process that has ended (reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_write_removes_the_temporary_files_of_killed_runs(tmp_path: Path) -> None:
    from factsheet.commands.common import write_atomic

    dead, alive = _dead_pid(), os.getpid()
    stale = tmp_path / f".brief.md.{dead}.k3j_x9a1.tmp"
    live = tmp_path / f".brief.md.{alive}.a1b2c3d4.tmp"  # a write going on now
    other = tmp_path / f".other.md.{dead}.k3j_x9a1.tmp"  # another file's: not this write's
    for path in (stale, live, other):
        path.write_text("half")
    write_atomic(tmp_path / "brief.md", "whole\n")
    assert (tmp_path / "brief.md").read_text() == "whole\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["brief.md", live.name, other.name])


def test_the_cache_removes_the_temporary_files_of_killed_runs(tmp_path: Path) -> None:
    from factsheet.engine.cache import FOLDER, FORMAT, Cache

    packs = tmp_path / FOLDER / f"v{FORMAT}"
    packs.mkdir(parents=True)
    dead = _dead_pid()
    stale = packs / f".{time.time_ns():020d}-{dead}.tmp"
    live = packs / f".{time.time_ns():020d}-{os.getpid()}.tmp"
    stale.write_text("{")
    live.write_text("{")
    assert Cache(tmp_path).load() == {}
    assert sorted(packs.iterdir()) == [live]
