"""The review store in SQLite (`ReviewStore`); `ReviewStore.open` opens a server's too.

An analyst must be able to trust that a mark made is a mark kept, so:

- every write is one `BEGIN IMMEDIATE` transaction that lands whole or not at all, in WAL mode
  with `synchronous=FULL` (a process killed mid-batch loses nothing that was committed);
- two readers open on the same file take turns through SQLite's lock and a busy timeout;
- a write that fails (locked for longer than the busy timeout, a full disk, an I/O error) is
  rolled back and raises `ReviewWriteError`, whose message is for the user;
- every change is also appended to a log, which is what undo and the history read;
- a damaged file, or one that can't be written, never costs a traceback (see `opening.py`);
- two threads may share a store (the reader writes on a worker thread): writes, and the reads
  they make, hold a lock; `history`, read for the screen, has a connection of its own.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import overload

from .faults import ReadOnlyStore, ReviewWriteError, write_error
from .logreads import LogReads
from .opening import Opened, in_memory, open_file, open_for_reading, unavailable
from .pgschema import is_server
from .protocol import MarksByReviewer, SetOne, Store, Target, default_reviewer, new_op, next_mark
from .schema import (
    MARK_COLUMNS,
    Kind,
    Mark,
    mark_from_json,
    row_mark,
)
from .snapshots import keep
from .sqlrows import log_change, put_mark

__all__ = ["ReviewStore", "default_reviewer"]


class ReviewStore(LogReads, MarksByReviewer, SetOne):
    """Marks in one SQLite file. Open with `ReviewStore.open(path, reviewer)`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        reviewer: str,
        read_only_reason: str = "",
        reader: sqlite3.Connection | None = None,
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()  # held by a write, and by reads on `_conn`
        self._reader = reader or conn
        self._read_lock = threading.Lock() if reader is not None else self._lock
        self.path = path  # the attributes are described by `protocol.Store`
        self.reviewer = reviewer
        self.read_only_reason = read_only_reason
        self.messages: list[str] = []

    @property
    def read_only(self) -> bool:
        """True when marks cannot be saved in this session."""
        return bool(self.read_only_reason)

    # -- opening (the work is done in opening.py) ------------------------------------------------

    @overload
    @classmethod
    def open(
        cls, path: Path, reviewer: str | None = None, *, busy_timeout: float | None = None
    ) -> ReviewStore: ...

    @overload
    @classmethod
    def open(
        cls, path: Path | str, reviewer: str | None = None, *, busy_timeout: float | None = None
    ) -> Store: ...

    @classmethod
    def open(
        cls, path: Path | str, reviewer: str | None = None, *, busy_timeout: float | None = None
    ) -> Store:
        """Open (creating if needed) the store at `path`. Never raises for a bad file or folder.

        A damaged file is set aside and a fresh store started; a folder that can't be written
        gives a read-only session; a file that is not a review file is refused: each with a
        message in `messages`. Writes wait `busy_timeout` s (`opening.BUSY_TIMEOUT`) for a lock.
        A `postgresql://` URI opens a `ServerStore` (`postgres.py`) instead.
        """
        if isinstance(path, str) and is_server(path):
            from .postgres import ServerStore  # psycopg only when a server is used

            return ServerStore.open(path, reviewer)
        return cls._wrap(open_file(Path(path), busy_timeout), reviewer)

    @overload
    @classmethod
    def read(cls, path: Path, reviewer: str | None = None) -> ReviewStore: ...

    @overload
    @classmethod
    def read(cls, path: Path | str, reviewer: str | None = None) -> Store: ...

    @classmethod
    def read(cls, path: Path | str, reviewer: str | None = None) -> Store:
        """The marks in `path` (or on a server), read-only, for a command that only reads.

        Nothing in the file changes, and an absent file reads as no marks without being made;
        a file that can't be read reads as no marks, with a message in `messages`.
        """
        if isinstance(path, str) and is_server(path):
            from .postgres import ServerStore

            return ServerStore.open(path, reviewer, read=True)
        return cls._wrap(open_for_reading(Path(path)), reviewer)

    @classmethod
    def memory(cls, reviewer: str | None = None) -> ReviewStore:
        """A store that lives only in this process (for reading an absent file, and tests)."""
        return cls._wrap(in_memory(), reviewer)

    @classmethod
    def unavailable(cls, reviewer: str | None, why: str) -> ReviewStore:
        """A read-only, empty store for a session whose review file could not be opened at all."""
        return cls._wrap(unavailable(why), reviewer)

    @classmethod
    def _wrap(cls, opened: Opened, reviewer: str | None) -> ReviewStore:
        store = cls(
            opened.conn,
            opened.path,
            reviewer or default_reviewer(),
            opened.read_only_reason,
            opened.reader,
        )
        store.messages = opened.messages
        return store

    @property
    def where(self) -> str:
        """The file, for messages."""
        return str(self.path) if self.path else "this session"

    def close(self) -> None:
        """Close the database, after the write under way (`Reviews.close` waits for the queue)."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._reader is not self._conn:
            with self._read_lock, contextlib.suppress(sqlite3.Error):
                self._reader.close()

    # -- reading ---------------------------------------------------------------------------------

    def get(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """This reviewer's mark of one item, if any."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {MARK_COLUMNS} FROM marks "
                "WHERE brief = ? AND kind = ? AND item = ? AND reviewer = ?",
                (brief, kind, item, self.reviewer),
            ).fetchone()
        return row_mark(row) if row else None

    def _by_reviewer(self, mine: bool, brief: str | None) -> list[Mark]:
        where = "reviewer = ?" if mine else "reviewer <> ?"
        args: tuple[str, ...] = (self.reviewer,)
        if brief:
            where, args = f"{where} AND brief = ?", (*args, brief)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {MARK_COLUMNS} FROM marks WHERE {where} ORDER BY at", args
            ).fetchall()
        return [mark for mark in map(row_mark, rows) if mark is not None]

    # -- writing ---------------------------------------------------------------------------------

    def set_many(
        self,
        items: Iterable[Target],
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
        op: str | None = None,
        snapshots: Mapping[str, str] | None = None,
    ) -> int:
        """Change several marks in one transaction (one batch for undo). Returns the batch id.

        Args:
            items: (brief, kind, item, content hash) of each item.
            reviewed, flagged, note: New reviewed state, flag and note; None keeps one.
            op: Operation id (default: a fresh one); a write whose id is already in the log
                is not made again, and its batch is returned.
            snapshots: What was reviewed, by content hash (`snapshots.keep`).

        Raises:
            ReadOnlyStore: the session can't save marks.
            ReviewWriteError: the write did not land (nothing of it was saved).
        """
        at = datetime.now(UTC).isoformat(timespec="seconds")
        op = op or new_op()
        with self._write() as conn:
            done = conn.execute("SELECT batch FROM log WHERE op = ? LIMIT 1", (op,)).fetchone()
            if done:
                return int(done[0])
            batch = _next_batch(conn)
            for target in items:
                before = self.get(*target[:3])
                after = next_mark(
                    before, target, self.reviewer, at, reviewed=reviewed, flagged=flagged, note=note
                )
                keep(conn, target[3], after.hash, snapshots, "?")
                if after == before:
                    continue
                put_mark(conn, after)
                log_change(conn, batch, before, after, self.reviewer, at, op)
        return batch

    def undo(self, batch: int, op: str | None = None) -> list[Mark | None]:
        """Put every item of a batch back as it was before it, as new events in the log (one
        batch, operation `op`). Returns the restored states.

        Raises:
            ReadOnlyStore: the session can't save marks.
            ReviewWriteError: the undo did not land (nothing of it was saved).
        """
        at = datetime.now(UTC).isoformat(timespec="seconds")
        restored: list[Mark | None] = []
        op = op or new_op()
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM log WHERE op = ? LIMIT 1", (op,)).fetchone():
                return restored
            rows = conn.execute(
                "SELECT brief, kind, item, before FROM log WHERE batch = ? ORDER BY id DESC",
                (batch,),
            ).fetchall()
            undo_batch = _next_batch(conn)
            for brief, kind, item, before_json in rows:
                try:
                    before = mark_from_json(before_json)
                except ValueError as exc:
                    where = self.path or "this session"
                    raise ReviewWriteError(f"its log entry in {where} can't be read") from exc
                current = self.get(brief, kind, item)
                if before is None:
                    conn.execute(
                        "DELETE FROM marks WHERE brief = ? AND kind = ? AND item = ? "
                        "AND reviewer = ?",
                        (brief, kind, item, self.reviewer),
                    )
                else:
                    put_mark(conn, before)
                log_change(conn, undo_batch, current, before, self.reviewer, at, op)
                restored.append(before)
        return restored

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, whole or not at all; what SQLite or the OS refused is raised as a
        `ReviewWriteError` (a closed store, or a bad statement, is a bug and raised as it is)."""
        if self.read_only:
            raise ReadOnlyStore(self.read_only_reason)
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
            except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
                raise
            except (sqlite3.DatabaseError, OSError) as exc:
                raise write_error(exc, self.path) from exc


def _next_batch(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(batch), 0) + 1 FROM log").fetchone()
    return int(row[0])
