"""The review store on a PostgreSQL server a team shares (psycopg 3): `ServerStore`.

- The address is libpq's own (`postgresql://user@host/db`, `postgresql:///db?host=/socket/dir`,
  `sslmode=...`, `PGPASSWORD` and `~/.pgpass`); messages show it without a password (`shown`).
- Opening never raises: a server that can't be reached, a refused login or tables written by a
  newer brief give a read-only session with a message, as a bad SQLite file does.
- Every write is one transaction; a write whose connection drops is retried once on a fresh
  connection with the same operation id, which the log's unique constraint records only once.
  A write that still fails raises `ReviewWriteError`: nothing is shown as saved that was not.
- Each write notifies `pgschema.CHANNEL`, so other readers can catch up at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg.conninfo import conninfo_to_dict

from .faults import ReadOnlyStore, ReviewWriteError
from .pglog import PgLogReads
from .pgschema import (
    CHANNEL,
    PG_SCHEMA_VERSION,
    connect,
    done,
    log_event,
    migrate,
    next_batch,
    put,
    scrub,
    shown,
    version_of,
)
from .protocol import MarksByReviewer, SetOne, Target, default_reviewer, new_op, next_mark
from .schema import (
    MARK_COLUMNS,
    Kind,
    Mark,
    mark_from_json,
    row_mark,
)
from .snapshots import keep
from .team import NONE_READ

T = TypeVar("T")


class ServerStore(PgLogReads, MarksByReviewer, SetOne):
    """Marks on a PostgreSQL server. Open with `ServerStore.open(uri, reviewer)`."""

    def __init__(self, uri: str, reviewer: str) -> None:
        self.uri = uri
        self.reviewer = reviewer
        self.read_only_reason = ""
        self.messages: list[str] = []
        self.path: Path | None = None
        self._conn: psycopg.Connection[Any] | None = None
        self._lock, self.closed = threading.RLock(), False
        try:
            self._password = str(conninfo_to_dict(uri).get("password") or "")
        except psycopg.Error:
            self._password = ""

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def where(self) -> str:
        """The server's address without its password."""
        return shown(self.uri)

    def said(self, exc: BaseException) -> str:
        """What the server or libpq said, on one line, without the URI's password."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        return scrub(scrub(text, self.uri, self._password), self.uri, os.environ.get("PGPASSWORD"))

    @classmethod
    def open(cls, uri: str, reviewer: str | None = None, *, read: bool = False) -> ServerStore:
        """Connect, making or migrating the tables (`read`: only read, change nothing).

        Never raises: a server that can't be reached or refuses the login, or tables from a
        newer brief, give a read-only session with a message in `messages`.
        """
        store = cls(uri, reviewer or default_reviewer())
        try:
            store._conn = connect(uri)
            if read:
                with store._conn.transaction(), store._conn.cursor() as cur:
                    found = version_of(cur)
                store.read_only_reason = "this command only reads the review marks"
            else:
                found = migrate(store._conn)
        except psycopg.Error as exc:
            why = f"the server at {store.where} cannot be used ({store.said(exc)})"
            store._refuse(why, NONE_READ)
            return store
        if found > PG_SCHEMA_VERSION:
            store._refuse(
                f"the database at {store.where} was set up by a newer brief (schema {found}; "
                f"this one knows {PG_SCHEMA_VERSION})"
            )
        elif found == 0 and read:
            store.close()  # no tables yet: no marks
        return store

    def _refuse(self, why: str, shown: str = "Marks are shown but not changed;") -> None:
        self.read_only_reason = (
            f"Review marks can't be saved: {why}. {shown} "
            "choose another store with --state or BRIEF_STATE."
        )
        self.messages = [self.read_only_reason]

    def close(self) -> None:
        with self._lock:
            self.closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- running statements ----------------------------------------------------------------------

    def _run(self, body: Callable[[psycopg.Cursor[Any]], T]) -> T:
        """`body` in one transaction; on a lost connection, once more on a fresh one. Raises
        `psycopg.Error` when it failed twice, or for another reason than the connection."""
        with self._lock:
            for attempt in (1, 2):
                conn = self._conn
                if conn is None or conn.closed or conn.broken:
                    if self.closed or (conn is None and self.read_only):
                        raise psycopg.OperationalError("not connected")
                    self._conn = conn = connect(self.uri)
                try:
                    with conn.transaction(), conn.cursor() as cur:
                        return body(cur)
                except psycopg.OperationalError:
                    if attempt == 2 or not (conn.closed or conn.broken):
                        raise
            raise AssertionError("unreachable")  # pragma: no cover

    def _read(self, body: Callable[[psycopg.Cursor[Any]], T], empty: T) -> T:
        try:
            return self._run(body)
        except psycopg.Error:
            return empty

    def _write(self, body: Callable[[psycopg.Cursor[Any]], T]) -> T:
        if self.read_only:
            raise ReadOnlyStore(self.read_only_reason)
        try:
            return self._run(body)
        except psycopg.Error as exc:
            raise ReviewWriteError(
                f"the review server at {self.where} did not take it ({self.said(exc)})"
            ) from exc

    # -- reading ---------------------------------------------------------------------------------

    def _marks(self, where: str, args: tuple[object, ...]) -> list[Mark]:
        def body(cur: psycopg.Cursor[Any]) -> list[Mark]:
            cur.execute(f"SELECT {MARK_COLUMNS} FROM marks WHERE {where} ORDER BY at", args)
            return [m for m in map(row_mark, cur.fetchall()) if m is not None]

        return self._read(body, [])

    def get(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """This reviewer's mark of one item, if any."""
        found = self._marks(
            "brief = %s AND kind = %s AND item = %s AND reviewer = %s",
            (brief, kind, item, self.reviewer),
        )
        return found[0] if found else None

    def _by_reviewer(self, mine: bool, brief: str | None) -> list[Mark]:
        where, args = ("reviewer = %s" if mine else "reviewer <> %s"), (self.reviewer,)
        if brief:
            return self._marks(f"{where} AND brief = %s", (*args, brief))
        return self._marks(where, args)

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
        """Change several marks in one transaction (see `Store.set_many`)."""
        targets, op = list(items), op or new_op()
        at = datetime.now(UTC).isoformat(timespec="seconds")

        def body(cur: psycopg.Cursor[Any]) -> int:
            already = done(cur, op)
            if already is not None:
                return already
            batch = next_batch(cur)
            for target in targets:
                before = self._mine(cur, *target[:3])
                after = next_mark(
                    before, target, self.reviewer, at, reviewed=reviewed, flagged=flagged, note=note
                )
                keep(cur, target[3], after.hash, snapshots, "%s")
                if after != before:
                    put(cur, after)
                    log_event(cur, batch, before, after, self.reviewer, at, op)
            cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self.reviewer))
            return batch

        return self._write(body)

    def undo(self, batch: int, op: str | None = None) -> list[Mark | None]:
        """Put every item of a batch back as it was, as new events (see `Store.undo`)."""
        op = op or new_op()
        at = datetime.now(UTC).isoformat(timespec="seconds")

        def body(cur: psycopg.Cursor[Any]) -> list[Mark | None]:
            if done(cur, op) is not None:
                return []
            cur.execute(
                "SELECT brief, kind, item, before FROM log WHERE batch = %s ORDER BY id DESC",
                (batch,),
            )
            rows, restored, undo_batch = cur.fetchall(), [], next_batch(cur)
            for brief, kind, item, before_json in rows:
                try:
                    before = mark_from_json(before_json)
                except ValueError as exc:
                    raise ReviewWriteError(f"its log entry on {self.where} can't be read") from exc
                current = self._mine(cur, brief, kind, item)
                if before is None:
                    cur.execute(
                        "DELETE FROM marks WHERE brief = %s AND kind = %s AND item = %s "
                        "AND reviewer = %s",
                        (brief, kind, item, self.reviewer),
                    )
                else:
                    put(cur, before)
                log_event(cur, undo_batch, current, before, self.reviewer, at, op)
                restored.append(before)
            cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, self.reviewer))
            return restored

        return self._write(body)

    def _mine(self, cur: psycopg.Cursor[Any], brief: str, kind: str, item: str) -> Mark | None:
        cur.execute(
            f"SELECT {MARK_COLUMNS} FROM marks WHERE brief = %s AND kind = %s AND item = %s "
            "AND reviewer = %s FOR UPDATE",
            (brief, kind, item, self.reviewer),
        )
        row = cur.fetchone()
        return row_mark(row) if row else None
