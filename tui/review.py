"""The review store: marks on summaries, claims and cross-references, kept in SQLite.

An analyst must be able to trust that a mark made is a mark kept, so:

- every write is one `BEGIN IMMEDIATE` transaction that lands whole or not at all, in WAL mode
  with `synchronous=FULL` (a process killed mid-batch loses nothing that was committed);
- two readers open on the same file take turns through SQLite's lock and a busy timeout;
- every change is also appended to a log, which is what undo and the history read;
- a damaged file is moved aside (never emptied) and a fresh one started, with a message;
- a folder that can't be written gives a read-only session with a message, never a traceback.

Nothing here imports Textual: the CLI export reads the same store.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from .model import Brief, Claim, Xref

SCHEMA_VERSION = 1
"""Version of the database layout, kept in `PRAGMA user_version`."""

Kind = Literal["summary", "claim", "xref"]
Status = Literal["reviewed", "unreviewed", "stale"]

SUMMARY_ITEM = "summary"
"""Item id of a brief's summary."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS marks (
    brief TEXT NOT NULL,
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    hash TEXT NOT NULL,
    reviewed INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    note TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (brief, kind, item)
);
CREATE TABLE IF NOT EXISTS log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch INTEGER NOT NULL,
    brief TEXT NOT NULL,
    kind TEXT NOT NULL,
    item TEXT NOT NULL,
    before TEXT,
    after TEXT,
    reviewer TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS log_item ON log (brief, kind, item);
"""


class _NewerSchema(Exception):
    """The file was written by a newer version of brief: read it, don't write it."""


class ReadOnlyStore(Exception):
    """A write was asked of a store that cannot be written (the message says why)."""


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


def content_hash(kind: Kind, content: Brief | Claim | Xref) -> str:
    """Hash of what a reviewer reviews: changing it makes the mark stale.

    Claims: source, text, quote, seed, date, credibility. Cross-references: both ends, relation,
    note. Summaries: title, BLUF and summary text.
    """
    if kind == "claim" and isinstance(content, Claim):
        parts: list[object] = [
            content.source,
            content.text,
            content.quote,
            content.seed,
            str(content.date or ""),
            content.credibility,
        ]
    elif kind == "xref" and isinstance(content, Xref):
        parts = [str(content.source), str(content.target), content.rel, content.note]
    elif kind == "summary" and isinstance(content, Brief):
        parts = [content.title, content.bluf, content.summary]
    else:
        raise ValueError(f"cannot hash {kind} {type(content).__name__}")
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest()[:20]


def default_reviewer() -> str:
    """The login name, used when the config names no reviewer."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "reviewer"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _mark_json(mark: Mark | None) -> str | None:
    return None if mark is None else json.dumps(asdict(mark), ensure_ascii=False)


def _mark_from_json(text: str | None) -> Mark | None:
    return None if text is None else Mark(**json.loads(text))


class ReviewStore:
    """Marks in one SQLite file. Open with `ReviewStore.open(path, reviewer)`."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, reviewer: str, read_only_reason: str = ""
    ) -> None:
        self._conn = conn
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

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, reviewer: str | None = None) -> ReviewStore:
        """Open (creating if needed) the store at `path`. Never raises for a bad file or folder.

        A damaged file is renamed `<name>.damaged-<time>` and a fresh store started; a folder
        that can't be written gives a read-only session. Both leave a message in `messages`.
        """
        reviewer = reviewer or default_reviewer()
        messages: list[str] = []
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Path.exists raises (rather than answering False) when a folder can't be searched.
            writable = os.access(path.parent, os.W_OK) and (
                not path.exists() or os.access(path, os.W_OK)
            )
        except OSError as exc:
            why = f"{path} cannot be reached ({exc.strerror or exc})"
            return cls._open_read_only(path, reviewer, why)
        if not writable:
            return cls._open_read_only(path, reviewer, f"{path.parent} is not writable")
        try:
            conn = cls._connect(path)
        except _NewerSchema as exc:
            return cls._open_read_only(path, reviewer, str(exc))
        except sqlite3.OperationalError as exc:
            # Locked for too long, or the OS refused: don't touch the file, work read-only.
            return cls._open_read_only(path, reviewer, f"{path} cannot be written ({exc})")
        except sqlite3.DatabaseError as exc:
            try:
                moved = cls._set_aside(path)
                conn = cls._connect(path)
            except (OSError, sqlite3.Error) as again:
                store = cls._memory(reviewer, f"Review marks can't be saved: {again}.")
                store.messages = [
                    f"The review file {path} could not be read ({exc}).",
                    store.read_only_reason,
                ]
                return store
            messages.append(
                f"The review file {path} could not be read ({exc}); it was moved to {moved.name} "
                "and a fresh one started. Your earlier marks are in that copy."
            )
        store = cls(conn, path, reviewer)
        store.messages = messages
        return store

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        # Every failure closes the connection and raises: `open` decides what the user sees.
        conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            check = conn.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {check[0] if check else 'no answer'}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise _NewerSchema(
                    f"{path} was written by a newer brief (schema {version}; this one knows "
                    f"{SCHEMA_VERSION})"
                )
            _migrate(conn, version)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _set_aside(path: Path) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        moved = path.with_name(f"{path.name}.damaged-{stamp}")
        n = 1
        while moved.exists():
            n += 1
            moved = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        os.replace(path, moved)
        for extra in ("-wal", "-shm"):
            side = path.with_name(path.name + extra)
            if side.exists():
                os.replace(side, moved.with_name(moved.name + extra))
        return moved

    @classmethod
    def memory(cls, reviewer: str | None = None) -> ReviewStore:
        """A store that lives only in this process (for reading an absent file, and tests)."""
        return cls._memory(reviewer or default_reviewer(), "")

    @classmethod
    def unavailable(cls, reviewer: str | None, why: str) -> ReviewStore:
        """A read-only, empty store for a session whose review file could not be opened at all."""
        store = cls._memory(
            reviewer or default_reviewer(),
            f"Review marks can't be saved: {why}. Choose another file with --state or BRIEF_STATE.",
        )
        store.messages = [store.read_only_reason]
        return store

    @classmethod
    def _memory(cls, reviewer: str, reason: str) -> ReviewStore:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        conn.executescript(_SCHEMA)
        return cls(conn, None, reviewer, reason)

    @classmethod
    def _open_read_only(cls, path: Path, reviewer: str, why: str) -> ReviewStore:
        reason = (
            f"Review marks can't be saved: {why}. Marks are shown but not changed; "
            "choose another file with --state or BRIEF_STATE."
        )
        store: ReviewStore | None = None
        exists = False
        with contextlib.suppress(OSError):
            exists = path.exists()
        if exists:
            try:
                uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
                conn.execute("SELECT count(*) FROM marks").fetchone()
                store = cls(conn, path, reviewer, reason)
            except sqlite3.Error:
                store = None
        store = store or cls._memory(reviewer, reason)
        store.messages = [reason]
        return store

    def close(self) -> None:
        """Close the database."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()

    # -- reading ---------------------------------------------------------------------------------

    def get(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """The mark of one item, if any."""
        row = self._conn.execute(
            "SELECT brief, kind, item, hash, reviewed, flagged, note, reviewer, at FROM marks "
            "WHERE brief = ? AND kind = ? AND item = ?",
            (brief, kind, item),
        ).fetchone()
        return _row_mark(row) if row else None

    def marks(self, brief: str | None = None) -> dict[tuple[str, str, str], Mark]:
        """Every mark (of one brief, or of all), keyed by (brief, kind, item)."""
        sql = "SELECT brief, kind, item, hash, reviewed, flagged, note, reviewer, at FROM marks"
        rows = (
            self._conn.execute(sql + " WHERE brief = ?", (brief,))
            if brief
            else self._conn.execute(sql)
        )
        return {(r[0], r[1], r[2]): _row_mark(r) for r in rows}

    def batch_items(self, batch: int) -> list[tuple[str, Kind, str]]:
        """(brief, kind, item) of every change in a batch."""
        rows = self._conn.execute(
            "SELECT DISTINCT brief, kind, item FROM log WHERE batch = ?", (batch,)
        )
        return [(r[0], r[1], r[2]) for r in rows]

    def history(self, brief: str, kind: Kind, item: str, limit: int = 20) -> list[Change]:
        """The latest changes of one item, newest first."""
        rows = self._conn.execute(
            "SELECT id, batch, before, after, reviewer, at FROM log "
            "WHERE brief = ? AND kind = ? AND item = ? ORDER BY id DESC LIMIT ?",
            (brief, kind, item, limit),
        )
        return [
            Change(r[0], r[1], _mark_from_json(r[2]), _mark_from_json(r[3]), r[4], r[5])
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
        """
        at = _now()
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
                _put(conn, after)
                _log(conn, batch, before, after, self.reviewer, at)
        return batch

    def undo(self, batch: int) -> list[Mark | None]:
        """Put every item of a batch back as it was before it. Returns the restored states."""
        at = _now()
        restored: list[Mark | None] = []
        with self._write() as conn:
            rows = conn.execute(
                "SELECT brief, kind, item, before FROM log WHERE batch = ? ORDER BY id DESC",
                (batch,),
            ).fetchall()
            undo_batch = _next_batch(conn)
            for brief, kind, item, before_json in rows:
                before = _mark_from_json(before_json)
                current = self.get(brief, kind, item)
                if before is None:
                    conn.execute(
                        "DELETE FROM marks WHERE brief = ? AND kind = ? AND item = ?",
                        (brief, kind, item),
                    )
                else:
                    _put(conn, before)
                _log(conn, undo_batch, current, before, self.reviewer, at)
                restored.append(before)
        return restored

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise ReadOnlyStore(self.read_only_reason)
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    # Each step moves one version up inside its own transaction; version 0 is a new file.
    if version < 1:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def _row_mark(row: tuple[object, ...]) -> Mark:
    brief, kind, item, hash_, reviewed, flagged, note, reviewer, at = row
    return Mark(
        str(brief),
        kind,
        str(item),
        str(hash_),
        bool(reviewed),  # type: ignore[arg-type]
        bool(flagged),
        str(note),
        str(reviewer),
        str(at),
    )


def _next_batch(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT coalesce(max(batch), 0) + 1 FROM log").fetchone()
    return int(row[0])


def _put(conn: sqlite3.Connection, mark: Mark) -> None:
    conn.execute(
        "INSERT INTO marks (brief, kind, item, hash, reviewed, flagged, note, reviewer, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (brief, kind, item) DO UPDATE SET "
        "hash = excluded.hash, reviewed = excluded.reviewed, flagged = excluded.flagged, "
        "note = excluded.note, reviewer = excluded.reviewer, at = excluded.at",
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


def _log(
    conn: sqlite3.Connection,
    batch: int,
    before: Mark | None,
    after: Mark | None,
    reviewer: str,
    at: str,
) -> None:
    ref = after or before
    assert ref is not None
    conn.execute(
        "INSERT INTO log (batch, brief, kind, item, before, after, reviewer, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (batch, ref.brief, ref.kind, ref.item, _mark_json(before), _mark_json(after), reviewer, at),
    )
