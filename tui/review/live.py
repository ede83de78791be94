"""Live marks on a shared server: a thread that LISTENs for the notification every write sends
(`pgschema.CHANNEL`) and catches up by event id, so a colleague's mark reaches an open reader
within a second, without a keypress.

Notifications are not replayed: after a lost connection the follower reconnects by itself and
catches up on every event after the last one it saw, so nothing made meanwhile is missed. It
says when the connection goes and when it is back (`on_connection`), so the reader can tell the
user that marks can't be saved meanwhile.
No Textual here: `Reviews` hands the events over (its listeners post to the UI thread).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import psycopg

from .pgschema import CHANNEL, connect
from .schema import Change

RETRY = 1.0
"""Seconds between attempts to reconnect to a server that went away."""

WAIT = 0.5
"""Seconds the thread waits for a notification before it checks whether it must stop."""


class Follower:
    """Calls `on_events` with the events after the last one seen, each time a write lands."""

    def __init__(
        self,
        uri: str,
        read_events: Callable[[int], list[Change]],
        on_events: Callable[[list[Change]], None],
        alive: Callable[[], bool] = lambda: True,
        on_connection: Callable[[bool], None] = lambda up: None,
    ) -> None:
        self._uri = uri
        self._on_connection = on_connection
        self._lost = False  # the connection went away, and was not back yet (see `lost`)
        self._alive = alive
        self._read = read_events
        self._on = on_events
        self._stop = threading.Event()
        self.last: int | None = None
        """Id of the last event seen. Set it before `start` to catch up from there (`Reviews`
        sets the newest event before it read the marks); None: from the newest when connected."""
        self.connected = threading.Event()
        """Set while listening (for tests and notices)."""
        self._thread = threading.Thread(target=self._run, name="brief-live", daemon=True)

    @property
    def lost(self) -> bool:
        """True from the moment the connection is found gone until it is back (not before a
        first connection): the server is away, asking it would only wait."""
        return self._lost

    def start(self) -> None:
        """Start following, on a thread of its own."""
        self._thread.start()

    def stop(self, wait: float = 2.0) -> None:
        """Stop following (the thread ends within `WAIT` seconds)."""
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(wait)

    def _going(self) -> bool:
        if not self._alive():  # the store was closed: nothing left to follow
            self._stop.set()
        return not self._stop.is_set()

    def _run(self) -> None:
        while self._going():
            try:
                with connect(self._uri) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    if self.last is None:
                        self.last = _last_id(conn)
                    else:
                        self._catch_up()  # what was written while we were away
                    self.connected.set()
                    if self._lost:
                        self._lost = False
                        self._tell(True)
                    while self._going():
                        if any(True for _ in conn.notifies(timeout=WAIT, stop_after=1)):
                            self._catch_up()
            except psycopg.Error:
                self._went_away()
                self._stop.wait(RETRY)
            except Exception:  # noqa: BLE001 - a listener's bug must not end live updates
                self.connected.clear()
                self._stop.wait(RETRY)
        self.connected.clear()

    def _went_away(self) -> None:
        # Told once per loss, and only after a first connection: a server unreachable from the
        # start is the session's read-only message, not this one.
        if self.connected.is_set() and not self._lost and self._going():
            self._lost = True
            self._tell(False)
        self.connected.clear()

    def _tell(self, up: bool) -> None:
        with contextlib.suppress(Exception):  # a listener's bug must not end live updates
            self._on_connection(up)

    def _catch_up(self) -> None:
        while self.last is not None and self._going():
            events = self._read(self.last)
            if not events:
                return
            self.last = events[-1].id
            self._on(events)


def _last_id(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute("SELECT coalesce(max(id), 0) FROM log").fetchone()
    return int(row[0]) if row else 0
