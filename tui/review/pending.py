"""Writes waiting their turn: run one at a time, in the order they were asked for, off the UI.

The reader must never wait for the review file (another program may hold its lock for seconds),
so each change is queued here and run by one worker thread at a time; keys pressed meanwhile
queue more. No Textual here: the UI starts the worker (`tui/app/screens/reviewing.py`).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

Write = Callable[[], None]
"""A queued write: it reports its own failures (a notice), and raises only for a bug."""


class Pending:
    """A queue of writes and whether a thread is running it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._queue: deque[Write] = deque()
        self._running = False
        self._when_idle: list[Callable[[], None]] = []

    @property
    def busy(self) -> bool:
        """True while a write is queued or under way."""
        return self._running

    def add(self, write: Write) -> bool:
        """Queue `write` after those already queued.

        Returns True when the caller must start `run` on a worker thread (none is running);
        False when the running one will get to it.
        """
        with self._lock:
            self._queue.append(write)
            if self._running:
                return False
            self._running = True
            return True

    def run(self) -> None:
        """Run the queued writes one at a time, in order, until none is left (on a worker
        thread). A write that raises is a bug: the writes still queued are dropped, it is raised.
        """
        try:
            while True:
                with self._lock:
                    if not self._queue:
                        # Idle, in the same step that found the queue empty: a write added
                        # after this starts a new run.
                        self._running = False
                        then, self._when_idle = self._when_idle, []
                        self._idle.notify_all()
                        break
                    write = self._queue.popleft()
                write()
        except BaseException:
            with self._lock:
                self._queue.clear()
                self._running = False
                then, self._when_idle = self._when_idle, []
                self._idle.notify_all()
            for call in then:
                call()
            raise
        for call in then:
            call()

    def when_idle(self, then: Callable[[], None]) -> None:
        """Call `then` once no write is queued or under way: at once when none is."""
        with self._lock:
            if self._running:
                self._when_idle.append(then)
                return
        then()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until no write is queued or under way (not on the UI thread!); False when
        `timeout` seconds passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._running, timeout)
