"""Opening a review file, and what happens when it can't be opened as asked.

- a damaged file is moved aside (never emptied) and a fresh one started, with a message;
- a folder that can't be written, a file locked for too long, or a file written by a newer brief
  gives a read-only session on the marks already there, with a message;
- a file that can't be reached at all gives an empty read-only session, with a message.

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

from .schema import SCHEMA, SCHEMA_VERSION, migrate


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


class _NewerSchema(Exception):
    """The file was written by a newer version of brief: read it, don't write it."""


def open_file(path: Path) -> Opened:
    """Open (creating if needed) the review file at `path`. Never raises for a bad file or folder.

    A damaged file is renamed `<name>.damaged-<time>` and a fresh one started; a folder that
    can't be written gives a read-only session. Both leave a message in `messages`.
    """
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
        return Opened(_connect(path), path)
    except _NewerSchema as exc:
        return _read_only(path, str(exc))
    except sqlite3.OperationalError as exc:
        # Locked for too long, or the OS refused: don't touch the file, work read-only.
        return _read_only(path, f"{path} cannot be written ({exc})")
    except sqlite3.DatabaseError as exc:
        return _start_afresh(path, exc)


def in_memory(reason: str = "") -> Opened:
    """Marks that live only in this process; read-only when `reason` says why."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    conn.executescript(SCHEMA)
    return Opened(conn, None, reason)


def unavailable(why: str) -> Opened:
    """A read-only, empty session for a review file that could not be opened at all."""
    opened = in_memory(
        f"Review marks can't be saved: {why}. Choose another file with --state or BRIEF_STATE."
    )
    opened.messages = [opened.read_only_reason]
    return opened


def _connect(path: Path) -> sqlite3.Connection:
    # Every failure closes the connection and raises: `open_file` decides what the user sees.
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
        migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    return conn


def _start_afresh(path: Path, damage: sqlite3.DatabaseError) -> Opened:
    """Set a damaged file aside and start a fresh one; in memory, read-only, if that fails too."""
    try:
        moved = _set_aside(path)
        conn = _connect(path)
    except (OSError, sqlite3.Error) as again:
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
    return Opened(conn, path, messages=[message])


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
            uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            conn.execute("SELECT count(*) FROM marks").fetchone()
            opened = Opened(conn, path, reason)
        except sqlite3.Error:
            opened = None
    opened = opened or in_memory(reason)
    opened.messages = [reason]
    return opened
