"""The rows a write adds to a SQLite review file: a mark's (`put_mark`) and a log entry
(`log_change`), inside the transaction `store.ReviewStore` holds. A server's are in
`pgschema.py`; a snapshot's, the same on both, in `snapshots.py`."""

from __future__ import annotations

import sqlite3

from .schema import LOG_COLUMNS, MARK_COLUMNS, Mark, log_row


def put_mark(conn: sqlite3.Connection, mark: Mark) -> None:
    """Insert or replace the row of one mark."""
    conn.execute(
        f"INSERT INTO marks ({MARK_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (brief, kind, item, reviewer) "
        "DO UPDATE SET "
        "hash = excluded.hash, reviewed = excluded.reviewed, flagged = excluded.flagged, "
        "note = excluded.note, at = excluded.at",
        (
            mark.brief,
            mark.kind,
            mark.item,
            mark.hash,
            int(mark.reviewed),
            int(mark.flagged),
            mark.note,
            mark.reviewer,
            mark.at,
        ),
    )


def log_change(
    conn: sqlite3.Connection,
    batch: int,
    before: Mark | None,
    after: Mark | None,
    reviewer: str,
    at: str,
    op: str | None = None,
) -> None:
    """Append one change to the log (at least one of `before` and `after` is a mark); `op` is
    the operation id of the write it is part of."""
    conn.execute(
        f"INSERT INTO log ({LOG_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        log_row(batch, before, after, reviewer, at, op),
    )
