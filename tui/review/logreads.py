"""Reading a SQLite review file's log (the audit trail): a batch's items, an item's history,
the events after an id; and the snapshots of what was reviewed. A base of `store.ReviewStore`,
which holds the connections and locks."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

from .protocol import EVENT_COLUMNS, changes
from .schema import Change, Kind, MarkKey, as_kind
from .snapshots import read


class LogReads:
    """The log reads of a SQLite store (`_conn` under `_lock`; `_reader` under `_read_lock`)."""

    _conn: sqlite3.Connection
    _lock: threading.RLock
    _reader: sqlite3.Connection
    _read_lock: threading.Lock | threading.RLock

    def batch_items(self, batch: int) -> list[MarkKey]:
        """(brief, kind, item) of every change in a batch."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT DISTINCT brief, kind, item FROM log WHERE batch = ?", (batch,)
            ).fetchall()
        return [(r[0], kind, r[2]) for r in rows if (kind := as_kind(r[1])) is not None]

    def history(self, brief: str, kind: Kind, item: str, limit: int = 20) -> list[Change]:
        """The latest changes of one item, newest first. For the screen: it never waits on a
        write, and a file that can't be read just now gives no history rather than an error."""
        try:
            with self._read_lock:
                rows = self._reader.execute(
                    f"SELECT {EVENT_COLUMNS} FROM log WHERE brief = ? AND kind = ? AND item = ? "
                    "ORDER BY id DESC LIMIT ?",
                    (brief, kind, item, limit),
                ).fetchall()
        except sqlite3.Error:
            return []
        return changes(rows)

    def events_since(self, after: int, limit: int = 1000) -> list[Change]:
        """Events after event id `after`, oldest first."""
        try:
            with self._read_lock:
                rows = self._reader.execute(
                    f"SELECT {EVENT_COLUMNS} FROM log WHERE id > ? ORDER BY id LIMIT ?",
                    (after, limit),
                ).fetchall()
        except sqlite3.Error:
            return []
        return changes(rows)

    def snapshots(self, hashes: Iterable[str]) -> dict[str, str]:
        """What was reviewed, by content hash. Read like the history (never waiting on a
        write); a file that can't be read just now, or one from before snapshots were kept
        (read-only, not migrated), gives {}."""
        try:
            with self._read_lock:
                return read(self._reader, hashes, "?")
        except sqlite3.Error:
            return {}
