"""The review store: marks on summaries, claims and cross-references, kept in SQLite.

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
import getpass
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from .faults import ReadOnlyStore, ReviewWriteError, write_error
from .opening import Opened, in_memory, open_file, open_for_reading, unavailable
from .schema import (
    MARK_COLUMNS,
    Change,
    Kind,
    Mark,
    MarkKey,
    as_kind,
    log_change,
    logged_mark,
    mark_from_json,
    put_mark,
    row_mark,
)


def default_reviewer() -> str:
    """The login name, used when the config names no reviewer."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "reviewer"


class ReviewStore:
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
        self.path = path
        """The database file (None for an in-memory session)."""
        self.reviewer = reviewer
        """Name written with every change."""
        self.read_only_reason = read_only_reason
        """Why marks can't be saved, or "" when they can."""
        self.messages: list[str] = []
        """Things the user must be told about opening the store (damage, read-only)."""

    @property
    def read_only(self) -> bool:
        """True when marks cannot be saved in this session."""
        return bool(self.read_only_reason)

    # -- opening (the work is done in opening.py) ------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, reviewer: str | None = None, *, busy_timeout: float | None = None
    ) -> ReviewStore:
        """Open (creating if needed) the store at `path`. Never raises for a bad file or folder.

        A damaged file is set aside and a fresh store started; a folder that can't be written
        gives a read-only session; a file that is not a review file is refused: each with a
        message in `messages`. Writes wait `busy_timeout` s (`opening.BUSY_TIMEOUT`) for a lock.
        """
        return cls._wrap(open_file(path, busy_timeout), reviewer)

    @classmethod
    def read(cls, path: Path, reviewer: str | None = None) -> ReviewStore:
        """The marks in `path`, read-only, for a command that only reads (`brief export`).

        Nothing in the file changes, and an absent file reads as no marks without being made;
        a file that can't be read reads as no marks, with a message in `messages`.
        """
        return cls._wrap(open_for_reading(path), reviewer)

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

    def close(self) -> None:
        """Close the database, after the write under way (`Reviews.close` waits for the queue)."""
        with self._lock, contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._reader is not self._conn:
            with self._read_lock, contextlib.suppress(sqlite3.Error):
                self._reader.close()

    # -- reading ---------------------------------------------------------------------------------

    def get(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """The mark of one item, if any."""
        with self._lock:
            row = self._conn.execute(
                f"SELECT {MARK_COLUMNS} FROM marks WHERE brief = ? AND kind = ? AND item = ?",
                (brief, kind, item),
            ).fetchone()
        return row_mark(row) if row else None

    def marks(self, brief: str | None = None) -> dict[MarkKey, Mark]:
        """Every mark (of one brief, or of all), keyed by (brief, kind, item)."""
        where = " WHERE brief = ?" if brief else ""
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {MARK_COLUMNS} FROM marks{where}", (brief,) if brief else ()
            ).fetchall()
        found = (row_mark(r) for r in rows)
        return {mark.key: mark for mark in found if mark is not None}

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
                    "SELECT id, batch, before, after, reviewer, at FROM log "
                    "WHERE brief = ? AND kind = ? AND item = ? ORDER BY id DESC LIMIT ?",
                    (brief, kind, item, limit),
                ).fetchall()
        except sqlite3.Error:
            return []
        return [
            Change(r[0], r[1], logged_mark(r[2]), logged_mark(r[3]), str(r[4]), str(r[5]))
            for r in rows
        ]

    # -- writing ---------------------------------------------------------------------------------

    def set(
        self,
        brief: str,
        kind: Kind,
        item: str,
        content: str,
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
    ) -> int:
        """Change one mark; fields left as None keep their value. Returns the change's batch."""
        return self.set_many(
            [(brief, kind, item, content)], reviewed=reviewed, flagged=flagged, note=note
        )

    def set_many(
        self,
        items: Iterable[tuple[str, Kind, str, str]],
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
    ) -> int:
        """Change several marks in one transaction (one batch for undo). Returns the batch id.

        Args:
            items: (brief, kind, item, content hash) of each item.
            reviewed: New reviewed state, or None to keep.
            flagged: New flag, or None to keep.
            note: New note, or None to keep.

        Raises:
            ReadOnlyStore: the session can't save marks.
            ReviewWriteError: the write did not land (nothing of it was saved).
        """
        at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._write() as conn:
            batch = _next_batch(conn)
            for brief, kind, item, content in items:
                before = self.get(brief, kind, item)
                base = before or Mark(brief, kind, item, content)
                after = replace(
                    base,
                    hash=content if reviewed is not None or before is None else base.hash,
                    reviewed=base.reviewed if reviewed is None else reviewed,
                    flagged=base.flagged if flagged is None else flagged,
                    note=base.note if note is None else note,
                    reviewer=self.reviewer,
                    at=at,
                )
                if after == before:
                    continue
                put_mark(conn, after)
                log_change(conn, batch, before, after, self.reviewer, at)
        return batch

    def undo(self, batch: int) -> list[Mark | None]:
        """Put every item of a batch back as it was before it. Returns the restored states.

        Raises:
            ReadOnlyStore: the session can't save marks.
            ReviewWriteError: the undo did not land (nothing of it was saved).
        """
        at = datetime.now(UTC).isoformat(timespec="seconds")
        restored: list[Mark | None] = []
        with self._write() as conn:
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
                        "DELETE FROM marks WHERE brief = ? AND kind = ? AND item = ?",
                        (brief, kind, item),
                    )
                else:
                    put_mark(conn, before)
                log_change(conn, undo_batch, current, before, self.reviewer, at)
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
