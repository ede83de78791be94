"""Opening a review file, and what happens when it can't be opened as asked.

- a damaged file is moved aside (never emptied) and a fresh one started, with a message;
- a folder that can't be written, a file locked for too long, or a file written by a newer brief
  gives a read-only session on the marks already there, with a message;
- a file whose tables are not the ones brief reads (another program's database, say) is refused:
  an empty read-only session, with a message, and the file is left as it is;
- a file that can't be reached at all gives an empty read-only session, with a message;
- a command that only reads (`open_for_reading`) changes nothing in the file: no tables made, no
  version or journal mode set, and an absent file is not created.

Read-only connections use `mode=ro` (not `immutable`), so marks still in the `-wal` file are seen.

Nothing here raises for a bad file or folder: every outcome is an `Opened`, which `ReviewStore`
wraps. This module knows connections, not marks.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from .schema import SCHEMA_VERSION, migrate, schema_problem

BUSY_TIMEOUT = 10.0
"""Seconds a write waits for another program's lock before it gives up and says so (the reader
writes off its UI thread, so this never freezes the screen)."""

READ_TIMEOUT = 0.5
"""Seconds a read made for the screen (an item's history) waits for a lock: reads in WAL mode
are not held up by writers, so only an unusual lock can make it wait, and never for long."""


@dataclass
class Opened:
    """A connection to review marks, and what the user must be told about it."""

    conn: sqlite3.Connection
    """The database connection."""
    path: Path | None
    """The database file (None for an in-memory session)."""
    read_only_reason: str = ""
    """Why marks can't be saved, or "" when they can."""
    messages: list[str] = field(default_factory=list)
    """Things the user must be told about opening the store (damage, read-only)."""
    reader: sqlite3.Connection | None = None
    """A second connection for reads made while a write may be waiting on `conn` (None: reads
    share `conn`)."""


class _NewerSchema(Exception):
    """The file was written by a newer version of brief: read it, don't write it."""


class _NotReviews(Exception):
    """The file's tables are not the ones brief reads (the message says how): leave it alone."""


def open_file(path: Path, busy_timeout: float | None = None) -> Opened:
    """Open (creating if needed) the review file at `path`. Never raises for a bad file or folder.

    A damaged file is renamed `<name>.damaged-<time>` and a fresh one started; a folder that
    can't be written gives a read-only session; a file with other tables is refused. Each leaves
    a message in `messages`. `busy_timeout` defaults to `BUSY_TIMEOUT`.
    """
    timeout = BUSY_TIMEOUT if busy_timeout is None else busy_timeout
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Path.exists raises (rather than answering False) when a folder can't be searched.
        writable = os.access(path.parent, os.W_OK) and (
            not path.exists() or os.access(path, os.W_OK)
        )
    except OSError as exc:
        return _read_only(path, f"{path} cannot be reached ({exc.strerror or exc})")
    if not writable:
        return _read_only(path, f"{path.parent} is not writable")
    try:
        conn = _connect(path, timeout)
    except _NewerSchema as exc:
        return _read_only(path, str(exc))
    except _NotReviews as exc:
        return _refused(path, str(exc))
    except sqlite3.OperationalError as exc:
        # Locked for too long, or the OS refused: don't touch the file, work read-only.
        return _read_only(path, f"{path} cannot be written ({exc})")
    except sqlite3.DatabaseError as exc:
        return _start_afresh(path, exc, timeout)
    return Opened(conn, path, reader=_reader(path))


def open_for_reading(path: Path) -> Opened:
    """The marks in `path`, for a command that only reads them (`brief export`).

    Nothing in the file changes: no tables are made, its version and journal mode stay as they
    are, and an absent file reads as no marks without being created. A file that can't be read,
    or isn't a review file, reads as no marks too, with a message.
    """
    reason = "this command only reads the review marks"
    why = ""
    try:
        if path.exists():
            conn = read_only_connection(path, BUSY_TIMEOUT)
            try:
                if _read_only_check(conn, path):
                    return Opened(conn, path, reason)
            except BaseException:
                conn.close()
                raise
            conn.close()  # a file with no tables yet: no marks
    except _NotReviews as exc:
        why = str(exc)
    except (OSError, sqlite3.Error) as exc:
        why = f"{path} cannot be read ({exc})"
    opened = in_memory(reason)
    if why:
        opened.messages = [f"Review marks: {why}; reporting every item as not reviewed."]
    return opened


def read_only_connection(path: Path, timeout: float) -> sqlite3.Connection:
    """`path` opened only to read: nothing in it changes, and marks still in its WAL are seen.

    Falls back to reading the main file as it is (`immutable`) only when SQLite cannot set up
    the WAL index for a reader (a folder that can't be written, with no `-shm` file in it).

    Raises:
        sqlite3.Error: the file cannot be opened for reading.
    """
    uri = path.resolve().as_uri()
    try:
        return _first_read(f"{uri}?mode=ro", timeout)
    except sqlite3.OperationalError as exc:
        if str(getattr(exc, "sqlite_errorname", "")).startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            raise
    return _first_read(f"{uri}?mode=ro&immutable=1", timeout)


def _first_read(uri: str, timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(
        uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _read_only_check(conn: sqlite3.Connection, path: Path) -> bool:
    """Whether a read-only connection has marks to read (False: a file with no tables yet).

    Raises:
        _NotReviews: its tables are not ones brief reads.
        sqlite3.DatabaseError: it is damaged.
    """
    check = conn.execute("PRAGMA quick_check").fetchone()
    if not check or check[0] != "ok":
        raise sqlite3.DatabaseError(f"quick_check: {check[0] if check else 'no answer'}")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    problem = schema_problem(conn, version)
    if problem:
        raise _NotReviews(f"{path} is not a review file brief can read: {problem}")
    return bool(version) or conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def _reader(path: Path) -> sqlite3.Connection | None:
    """A second connection to a writable file, for reads that must not wait on a write."""
    try:
        conn = sqlite3.connect(
            path, timeout=READ_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA query_only = ON")
    except sqlite3.Error:
        return None  # reads share the writing connection
    return conn


def in_memory(reason: str = "") -> Opened:
    """Marks that live only in this process; read-only when `reason` says why."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    migrate(conn, 0)
    return Opened(conn, None, reason)


def unavailable(why: str) -> Opened:
    """A read-only, empty session for a review file that could not be opened at all."""
    opened = in_memory(
        f"Review marks can't be saved: {why}. Choose another file with --state or BRIEF_STATE."
    )
    opened.messages = [opened.read_only_reason]
    return opened


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    # Every failure closes the connection and raises: `open_file` decides what the user sees.
    # The file is only changed (journal mode, tables) once it is known to be a review file.
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {check[0] if check else 'no answer'}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _NewerSchema(
                f"{path} was written by a newer brief (schema {version}; this one knows "
                f"{SCHEMA_VERSION})"
            )
        problem = schema_problem(conn, version)
        if problem:
            raise _NotReviews(f"{path} is not a review file brief can use: {problem}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    return conn


def _start_afresh(path: Path, damage: sqlite3.DatabaseError, timeout: float) -> Opened:
    """Set a damaged file aside and start a fresh one; in memory, read-only, if that fails too."""
    try:
        moved = _set_aside(path)
        conn = _connect(path, timeout)
    except (OSError, sqlite3.Error, _NewerSchema, _NotReviews) as again:
        opened = in_memory(f"Review marks can't be saved: {again}.")
        opened.messages = [
            f"The review file {path} could not be read ({damage}).",
            opened.read_only_reason,
        ]
        return opened
    message = (
        f"The review file {path} could not be read ({damage}); it was moved to {moved.name} "
        "and a fresh one started. Your earlier marks are in that copy."
    )
    return Opened(conn, path, messages=[message], reader=_reader(path))


def _set_aside(path: Path) -> Path:
    """Move a damaged file (and its WAL and shared-memory files) to `<name>.damaged-<time>`."""
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


def _read_only(path: Path, why: str) -> Opened:
    """The marks already in `path`, not to be changed; empty when they can't be read either."""
    reason = (
        f"Review marks can't be saved: {why}. Marks are shown but not changed; "
        "choose another file with --state or BRIEF_STATE."
    )
    opened: Opened | None = None
    exists = False
    with contextlib.suppress(OSError):
        exists = path.exists()
    if exists:
        try:
            conn = read_only_connection(path, READ_TIMEOUT)
            try:
                if _read_only_check(conn, path):
                    opened = Opened(conn, path, reason)
            finally:
                if opened is None:
                    conn.close()
        except _NotReviews as exc:
            return _refused(path, str(exc))
        except (OSError, sqlite3.Error):
            pass  # unreadable too: no marks to show
    opened = opened or in_memory(reason)
    opened.messages = [reason]
    return opened


def _refused(path: Path, why: str) -> Opened:
    """An empty read-only session for a file that is not a review file; the file is untouched."""
    opened = in_memory(
        f"Review marks can't be saved: {why}. The file was left as it is: move it away, or "
        "choose another file with --state or BRIEF_STATE."
    )
    opened.messages = [opened.read_only_reason]
    return opened
