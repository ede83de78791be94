"""Reading a PostgreSQL review store's log (the audit trail): a batch's items, an item's
history, the newest event and the events after an id; and the snapshots of what was reviewed. A
base of `postgres.ServerStore`, which holds the connection and runs the statements (`_read`: an
unreadable server reads as empty)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import psycopg

from .protocol import EVENT_COLUMNS, changes
from .schema import Change, Kind, MarkKey, as_kind
from .snapshots import read

T = TypeVar("T")


class PgLogReads:
    """The log reads of a server store (`_read` runs a statement; `_conn` is None when none
    could be opened)."""

    _conn: psycopg.Connection[Any] | None

    def _read(self, body: Callable[[psycopg.Cursor[Any]], T], empty: T) -> T:
        raise NotImplementedError  # ServerStore's

    def batch_items(self, batch: int) -> list[MarkKey]:
        """(brief, kind, item) of every change in a batch."""

        def body(cur: psycopg.Cursor[Any]) -> list[MarkKey]:
            cur.execute("SELECT DISTINCT brief, kind, item FROM log WHERE batch = %s", (batch,))
            rows = cur.fetchall()
            return [(r[0], k, r[2]) for r in rows if (k := as_kind(r[1])) is not None]

        return self._read(body, [])

    def _events(self, where: str, args: tuple[object, ...]) -> list[Change]:
        def body(cur: psycopg.Cursor[Any]) -> list[Change]:
            cur.execute(f"SELECT {EVENT_COLUMNS} FROM log WHERE {where}", args)
            return changes(cur.fetchall())

        return self._read(body, [])

    def history(self, brief: str, kind: Kind, item: str, limit: int = 20) -> list[Change]:
        """The latest events of one item, newest first ([] when the server can't be read)."""
        return self._events(
            "brief = %s AND kind = %s AND item = %s ORDER BY id DESC LIMIT %s",
            (brief, kind, item, limit),
        )

    def last_event(self) -> int | None:
        """Id of the newest event (0: none; None: unreadable): where live updates start."""
        newest = self._events("id = (SELECT max(id) FROM log)", ())
        return newest[-1].id if newest else (None if self._conn is None else 0)

    def events_since(self, after: int, limit: int = 1000) -> list[Change]:
        """Events after event id `after`, oldest first."""
        return self._events("id > %s ORDER BY id LIMIT %s", (after, limit))

    def snapshots(self, hashes: Iterable[str]) -> dict[str, str]:
        """What was reviewed, by content hash ({} when the server can't be read)."""
        wanted = list(hashes)  # read again if the first try loses its connection
        return self._read(lambda cur: read(cur, wanted, "%s"), {})
