"""Reading many brief files at once, in worker processes.

A cold load spends almost all its time on one core turning YAML into briefs and checking their
quotes (issue 12: ~6 ms a brief). When many files are to be read and the machine has more than
one core, worker processes (`python -m tui.load.worker`) read them and hand back each brief as
plain data (the parse cache's own encoding, `cache.encode_entry`, through `marshal`); the loading
process only decodes. Workers write the parse cache entries themselves.

Workers are plain subprocesses, not `multiprocessing`: that re-imports the program's main
script in every worker (a script without a main guard would run again) and forks nothing safer.
Their error output goes nowhere: the reader's screen is not theirs to write on.

Anything that goes wrong with the workers (they cannot start, one dies, the data does not come
back whole) is never the user's problem: the files they did not hand back are read in this
process instead, with the same result.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Generator, Sequence
from pathlib import Path

from ..model import Problem
from .cache import ParseCache, decode_entry
from .located import Located

PARALLEL_FROM = 48
"""Fewer files than this are read in this process: starting a worker costs ~0.3 s of a core."""

CHUNK = 8
"""Files handed to each worker in turn: workers take chunks round-robin, so each one's share is
spread over the whole list and results come back about as fast as they are consumed (in order)."""

MAX_WORKERS = 8
"""At most this many workers, however many cores: past that, the loading process's decoding
is what takes the time."""

RESULT_SIZE = struct.Struct("<q")
"""Each result a worker writes: its length (-1: not read), then that many bytes of `marshal`."""

Read = tuple[Located, list[Problem]]


def workers() -> int:
    """How many worker processes a load may use: the cores this process may run on (capped);
    `BRIEF_WORKERS` in the environment overrides it (1 reads everything in this process)."""
    said = os.environ.get("BRIEF_WORKERS", "").strip()
    if said.isdigit():
        return max(1, min(int(said), MAX_WORKERS))
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def read_all(
    root: Path, parse_cache: ParseCache | None, rels: Sequence[str], count: int | None = None
) -> Generator[Read | None, None, None]:
    """Read and check these brief files (workspace-relative) in `count` worker processes
    (`workers()` by default).

    Yields, in the order of `rels`, each file as `library.parse` reads it, or None for a file
    the workers did not hand back: the caller reads it itself. Closing the generator stops the
    workers.
    """
    count = max(1, min(count or workers(), -(-len(rels) // CHUNK)))
    shares: list[list[str]] = [[] for _ in range(count)]
    for i in range(0, len(rels), CHUNK):
        shares[(i // CHUNK) % count].extend(rels[i : i + CHUNK])
    pool = [_Worker(_start(root, parse_cache, share)) for share in shares]
    try:
        for i in range(len(rels)):
            payload = pool[(i // CHUNK) % count].next()
            yield None if payload is None else _decode(payload)
    finally:
        for worker in pool:
            worker.stop()


def worker_command() -> list[str]:
    """How a worker process is started: this Python, running `tui.load.worker`."""
    return [sys.executable, "-m", "tui.load.worker"]


def _environment() -> dict[str, str]:
    # The worker imports `tui` from where this process did, installed or not.
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH", "")) if p)
    env["BRIEF_WORKERS"] = "1"
    return env


def _start(
    root: Path, parse_cache: ParseCache | None, rels: list[str]
) -> subprocess.Popen[bytes] | None:
    folder = None if parse_cache is None or not parse_cache.writable else parse_cache.folder
    job = marshal.dumps((os.fsencode(root), None if folder is None else os.fsencode(folder), rels))
    try:
        proc = subprocess.Popen(
            worker_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
        )
    except Exception:  # noqa: BLE001 - no processes here (a sandbox, no Python to run): one core
        return None
    try:
        assert proc.stdin is not None
        proc.stdin.write(job)
        proc.stdin.close()
    except OSError:  # it died at once: its files are read here
        proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()
        return None
    return proc


AHEAD = 48
"""Briefs a worker may hand over before they are taken (~35 KB each): when the loading process
falls behind (the reader drawing rows), the workers wait rather than its memory growing."""


class _Worker:
    """One worker process and a thread taking in what it writes as it writes it: a pipe holds
    ~2 briefs, so a worker read from only in its turn waited for the others most of the time
    (two workers were barely faster than one)."""

    def __init__(self, proc: subprocess.Popen[bytes] | None) -> None:
        self.proc = proc
        self.results: queue.Queue[bytes | None] = queue.Queue(AHEAD)
        self.stopped = threading.Event()
        self.ended = proc is None
        if proc is not None:
            threading.Thread(
                target=self._drain, args=(proc,), name="brief load worker", daemon=True
            ).start()

    def _drain(self, proc: subprocess.Popen[bytes]) -> None:
        stream = proc.stdout
        try:
            while stream is not None:
                head = stream.read(RESULT_SIZE.size)
                if len(head) != RESULT_SIZE.size:
                    break
                (size,) = RESULT_SIZE.unpack(head)
                data = stream.read(size) if size >= 0 else b""
                if size >= 0 and len(data) != size:
                    break
                self._hand_over(data)
        except (OSError, ValueError):  # stopped: its pipe was closed
            pass
        self._hand_over(None)

    def _hand_over(self, data: bytes | None) -> None:
        while not self.stopped.is_set():
            try:
                self.results.put(data, timeout=0.1)
                return
            except queue.Full:  # taken soon, or the load stopped: looked at again
                continue

    def next(self) -> bytes | None:
        """The next result's bytes (empty: the worker did not read that file), or None once
        the worker has stopped."""
        if self.ended:
            return None
        data = self.results.get()
        if data is None:
            self.ended = True
        return data or None

    def stop(self) -> None:
        """Stop the process (done, or a load abandoned)."""
        self.stopped.set()
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        with contextlib.suppress(OSError, ValueError):
            if proc.stdout is not None:
                proc.stdout.close()


def _decode(payload: bytes) -> Read | None:
    try:
        entry = decode_entry(marshal.loads(payload))
    except Exception:  # noqa: BLE001 - should not happen; the caller reads the file itself
        return None
    return entry.read()
