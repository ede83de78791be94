"""What a review file holds: its tables, their version and migrations, and the records kept in
them (`Mark`, `Change`) with their conversions to and from rows and JSON.

Everything here speaks SQL rows; `store.py` speaks `Mark`s and transactions.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, fields
from typing import Literal

from ..digest import SUMMARY_ITEM as SUMMARY_ITEM
from ..digest import Kind as Kind

SCHEMA_VERSION = 3
"""Version of the database layout, kept in `PRAGMA user_version`."""


KINDS: tuple[Kind, ...] = ("summary", "claim", "xref")
"""Every `Kind`, in the reader's order."""

Status = Literal["reviewed", "unreviewed", "stale"]
"""An item's review state: `stale` is reviewed, but the content changed since."""

MarkKey = tuple[str, Kind, str]
"""What a mark is of: (brief id, kind, item id)."""

SCHEMA_1 = (
    """CREATE TABLE IF NOT EXISTS marks (
    brief TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, hash TEXT NOT NULL,
    reviewed INTEGER NOT NULL, flagged INTEGER NOT NULL, note TEXT NOT NULL,
    reviewer TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (brief, kind, item))""",
    """CREATE TABLE IF NOT EXISTS log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, batch INTEGER NOT NULL, brief TEXT NOT NULL,
    kind TEXT NOT NULL, item TEXT NOT NULL, before TEXT, after TEXT,
    reviewer TEXT NOT NULL, at TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS log_item ON log (brief, kind, item)",
)
"""Version 1: one mark per item, whoever made it."""

SCHEMA_2 = (
    """CREATE TABLE marks_2 (
    brief TEXT NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, hash TEXT NOT NULL,
    reviewed INTEGER NOT NULL, flagged INTEGER NOT NULL, note TEXT NOT NULL,
    reviewer TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (brief, kind, item, reviewer))""",
    "INSERT OR REPLACE INTO marks_2 SELECT brief, kind, item, hash, reviewed, flagged, note, "
    "reviewer, at FROM marks",
    "DROP TABLE marks",
    "ALTER TABLE marks_2 RENAME TO marks",
    "ALTER TABLE log ADD COLUMN op TEXT",
    "CREATE UNIQUE INDEX IF NOT EXISTS log_op ON log (op, brief, kind, item)",
    "CREATE TRIGGER IF NOT EXISTS log_no_update BEFORE UPDATE ON log "
    "BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS log_no_delete BEFORE DELETE ON log "
    "BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END",
)
"""Version 2: a mark per item and reviewer; the log (the audit trail) is append-only and
records each write's operation id once (a retried write is not recorded twice)."""

SCHEMA_3 = ("CREATE TABLE IF NOT EXISTS snapshots (hash TEXT PRIMARY KEY, body TEXT NOT NULL)",)
"""Version 3: what was reviewed, by content hash (`snapshots.py`), so a stale mark can show
what changed since. Marks made before have none."""

MIGRATIONS = {1: SCHEMA_1, 2: SCHEMA_2, 3: SCHEMA_3}
"""The statements that bring a file from the version before up to each version."""

MARK_COLUMNS = "brief, kind, item, hash, reviewed, flagged, note, reviewer, at"
"""Columns of `marks`, in the order `row_mark` reads them."""

_LOG_1 = ("id", "batch", "brief", "kind", "item", "before", "after", "reviewer", "at")
_MARKS = frozenset(MARK_COLUMNS.split(", "))
COLUMNS: dict[int, dict[str, frozenset[str]]] = {
    1: {"marks": _MARKS, "log": frozenset(_LOG_1)},
    2: {"marks": _MARKS, "log": frozenset((*_LOG_1, "op"))},
    3: {
        "marks": _MARKS,
        "log": frozenset((*_LOG_1, "op")),
        "snapshots": frozenset(("hash", "body")),
    },
}
"""The columns of each table at each version, as `schema_problem` checks them."""


@dataclass(frozen=True)
class Mark:
    """The review state of one item."""

    brief: str
    """Brief id."""
    kind: Kind
    """`summary`, `claim` or `xref`."""
    item: str
    """Item id within the brief (`summary`, a claim id, or an xref id)."""
    hash: str
    """Hash of the content as it was when the mark was last set."""
    reviewed: bool = False
    """Marked as reviewed."""
    flagged: bool = False
    """Flagged for attention."""
    note: str = ""
    """The reviewer's note."""
    reviewer: str = ""
    """Who last changed the mark."""
    at: str = ""
    """When (ISO 8601, UTC)."""

    @property
    def key(self) -> MarkKey:
        """(brief, kind, item)."""
        return (self.brief, self.kind, self.item)

    def status(self, current_hash: str) -> Status:
        """`reviewed`, or `stale` when the content changed since, else `unreviewed`."""
        if not self.reviewed:
            return "unreviewed"
        return "reviewed" if self.hash == current_hash else "stale"


@dataclass(frozen=True)
class Change:
    """One entry of the log."""

    id: int
    """Log entry id."""
    batch: int
    """Changes made together (undone together) share a batch."""
    before: Mark | None
    """State before the change (None: no mark)."""
    after: Mark | None
    """State after the change."""
    reviewer: str
    """Who made the change."""
    at: str
    """When (ISO 8601, UTC)."""


def migrate(conn: sqlite3.Connection, version: int) -> None:
    """Bring a file at `version` (0: a new file) up to `SCHEMA_VERSION`.

    Each step moves one version up inside its own transaction.
    """
    for step in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


_KINDS: dict[object, Kind] = {kind: kind for kind in KINDS}


def as_kind(value: object) -> Kind | None:
    """`value` as a `Kind`, or None when it names none."""
    try:
        return _KINDS.get(value)
    except TypeError:  # not hashable: a value no store row holds, but the file is untrusted
        return None


def row_mark(row: tuple[object, ...]) -> Mark | None:
    """A `marks` row (`MARK_COLUMNS`) as a Mark; None for a kind no version of brief writes."""
    brief, kind, item, hash_, reviewed, flagged, note, reviewer, at = row
    known = as_kind(kind)
    if known is None:
        return None
    return Mark(
        str(brief),
        known,
        str(item),
        str(hash_),
        bool(reviewed),
        bool(flagged),
        str(note),
        str(reviewer),
        str(at),
    )


def mark_json(mark: Mark | None) -> str | None:
    """A mark as the log keeps it (None: no mark)."""
    return None if mark is None else json.dumps(asdict(mark), ensure_ascii=False)


LOG_COLUMNS = "batch, brief, kind, item, before, after, reviewer, at, op"
"""Columns a new `log` row fills, in the order `log_row` gives them."""


def log_row(
    batch: int, before: Mark | None, after: Mark | None, reviewer: str, at: str, op: str | None
) -> tuple[object, ...]:
    """A change as a `log` row (`LOG_COLUMNS`), for either backend; at least one of `before`
    and `after` is a mark (the row is of its item)."""
    ref = after or before
    assert ref is not None
    return (
        batch,
        ref.brief,
        ref.kind,
        ref.item,
        mark_json(before),
        mark_json(after),
        reviewer,
        at,
        op,
    )


MARK_FIELDS = tuple(f.name for f in fields(Mark))
"""The fields of a mark as the log keeps it."""


def mark_from_json(text: str | None) -> Mark | None:
    """A mark as the log kept it (None: no mark).

    Fields this version does not know (written by a newer brief) are ignored.

    Raises:
        ValueError: the entry is not a mark (not JSON, not an object, no brief, kind or item).
    """
    if text is None:
        return None
    data = json.loads(text)  # json.JSONDecodeError is a ValueError
    if not isinstance(data, dict):
        raise ValueError(f"a log entry is not an object: {text[:80]!r}")
    known = {name: data[name] for name in MARK_FIELDS if name in data}
    kind = as_kind(known.get("kind"))
    if kind is None or not {"brief", "item", "hash"} <= known.keys():
        raise ValueError(f"a log entry is not a mark: {text[:80]!r}")
    return Mark(
        str(known["brief"]),
        kind,
        str(known["item"]),
        str(known["hash"]),
        bool(known.get("reviewed", False)),
        bool(known.get("flagged", False)),
        str(known.get("note", "")),
        str(known.get("reviewer", "")),
        str(known.get("at", "")),
    )


def logged_mark(text: str | None) -> Mark | None:
    """A mark as the log kept it, for showing; None (no mark) for an entry that can't be read."""
    try:
        return mark_from_json(text)
    except ValueError:
        return None


def schema_problem(conn: sqlite3.Connection, version: int) -> str | None:
    """Why the tables of a file at `version` are not ones brief can read, or None when they are.

    A file with no tables at version 0 is a new one. At a version this brief knows, `marks` and
    `log` must have exactly the columns of `COLUMNS`. A newer version is only read: its `marks`
    must have at least those columns (the history is shown only if its `log` is readable).
    Other tables are left alone.
    """
    tables = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    if version == 0 and not tables:
        return None
    newer = version > SCHEMA_VERSION
    columns = COLUMNS[min(max(version, 1), SCHEMA_VERSION)]
    for table, wanted in columns.items():
        if newer and table != "marks":
            continue
        if table not in tables:
            return f"it has no table {table!r}"
        found = {str(row[1]) for row in conn.execute(f'PRAGMA table_info("{table}")')}
        missing, extra = sorted(wanted - found), sorted(found - wanted)
        if missing:
            return f"table {table!r} has no column {', '.join(map(repr, missing))}"
        if extra and not newer:
            return f"table {table!r} has columns brief does not know: {', '.join(map(repr, extra))}"
    return None
