"""The review store under faults and untrusted files (issue 11): a write that fails (locked for
too long, a full disk, an I/O error) raises `ReviewWriteError` and changes nothing, in the file
or in memory; a file the user points `--state` at is read as untrusted input (its schema checked,
unknown log fields ignored, WAL content seen read-only), and `brief export` never changes it."""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.load.library import load_library
from tui.review import Item, ReadOnlyStore, Reviews, ReviewStore, ReviewWriteError
from tui.review.pending import Pending

BRIEF = "nk-troops-russia-2024-11"


class Failing:
    """A connection whose writes fail as SQLite or the OS fails them (sqlite3.Connection's own
    methods can't be replaced)."""

    def __init__(self, conn: sqlite3.Connection, error: Exception, after: int = 0) -> None:
        self.conn, self.error, self.after = conn, error, after

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(("INSERT", "DELETE")):
            if self.after <= 0:
                raise self.error
            self.after -= 1
        return self.conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.conn, name)


def reviews_at(example: Path, db: Path, **kwargs: Any) -> Reviews:
    return Reviews(ReviewStore.open(db, "alice", **kwargs), load_library(example).briefs)


# -- Task A: faults while writing --------------------------------------------------------------


def test_locked_file_raises_and_changes_nothing(example: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    reviews = reviews_at(example, db, busy_timeout=0.1)
    heard: list[list[Item]] = []
    reviews.subscribe(heard.append)
    item = reviews.item(BRIEF, "claim", "blinken-8000")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ReviewWriteError) as caught:
            reviews.toggle(item)
        assert str(caught.value).startswith(
            "Could not save the mark: the review file is locked by another program ("
        )
        assert str(db) in str(caught.value)
        # Nothing changed in memory: no mark, nothing to undo, no listener called.
        assert reviews.mark(BRIEF, "claim", "blinken-8000") is None
        assert reviews.status(BRIEF, "claim", "blinken-8000") == "unreviewed"
        assert heard == []
        assert reviews.undo_last() is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    # Once the lock is let go, the same write lands.
    reviews.toggle(item)
    assert reviews.status(BRIEF, "claim", "blinken-8000") == "reviewed"
    assert heard == [[item]]


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (sqlite3.OperationalError("database or disk is full"), "the disk is full ("),
        (sqlite3.OperationalError("disk I/O error"), "I/O error writing "),
        (OSError(errno.ENOSPC, "No space left on device"), "the disk is full ("),
        (OSError(errno.EIO, "Input/output error"), "I/O error (Input/output error) writing "),
    ],
)
def test_full_disk_and_io_error(
    example: Path, tmp_path: Path, error: Exception, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "r.db"
    reviews = reviews_at(example, db)
    store = reviews.store
    assert isinstance(store, ReviewStore)
    items = reviews.items[BRIEF][1:6]
    # The third row of a five-item batch fails: none of the batch may land.
    monkeypatch.setattr(store, "_conn", Failing(store._conn, error, after=2))
    with pytest.raises(ReviewWriteError) as caught:
        reviews.set_reviewed(items)
    assert said in caught.value.reason and str(db) in caught.value.reason
    assert not store._conn.in_transaction
    assert reviews.progress(BRIEF) == (0, 25)
    monkeypatch.undo()
    assert store.marks() == {}  # rolled back whole
    reviews.set_reviewed(items)
    assert reviews.progress(BRIEF) == (5, 25)


def test_failed_undo_stays_undoable(example: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    reviews = reviews_at(example, db, busy_timeout=0.1)
    reviews.toggle(reviews.item(BRIEF, "claim", "blinken-8000"))
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(ReviewWriteError):
        reviews.undo_last()
    other.execute("ROLLBACK")
    assert reviews.status(BRIEF, "claim", "blinken-8000") == "reviewed"
    assert reviews.undo_last() == "claim marked reviewed"
    assert reviews.status(BRIEF, "claim", "blinken-8000") == "unreviewed"


def test_history_does_not_wait_for_a_write(example: Path, tmp_path: Path) -> None:
    """The screen reads an item's history while a write may wait for another program's lock:
    it has a connection of its own, and does not wait."""
    db = tmp_path / "r.db"
    reviews = reviews_at(example, db, busy_timeout=30)
    reviews.toggle(reviews.item(BRIEF, "claim", "blinken-8000"))
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    writing = threading.Thread(target=reviews.toggle_flag, args=(reviews.items[BRIEF][1],))
    writing.start()
    try:
        # The write holds the store's lock while SQLite waits for the file's.
        deadline = time.monotonic() + 10
        assert isinstance(reviews.store, ReviewStore)
        while reviews.store._lock.acquire(blocking=False):
            reviews.store._lock.release()
            assert time.monotonic() < deadline, "the write never started"
            time.sleep(0.01)
        assert writing.is_alive()
        changes = reviews.store.history(BRIEF, "claim", "blinken-8000")
        assert [c.after.reviewed for c in changes if c.after] == [True]
        assert writing.is_alive()  # still waiting: the history did not wait for it
    finally:
        other.execute("ROLLBACK")
        writing.join(timeout=30)
    assert reviews.flagged(*reviews.items[BRIEF][1].key)


def test_pending_runs_one_at_a_time_in_order() -> None:
    pending = Pending()
    done: list[int] = []
    gate = threading.Event()

    def write(n: int) -> None:
        gate.wait(5)
        done.append(n)

    assert pending.add(lambda: write(1))  # the caller starts a run
    runner = threading.Thread(target=pending.run)
    runner.start()
    assert pending.busy
    assert not pending.add(lambda: write(2))  # the running one will get to it
    assert not pending.add(lambda: write(3))
    closed: list[str] = []
    pending.when_idle(lambda: closed.append("closed"))
    assert closed == []  # not while writes are queued
    assert not pending.wait(timeout=0.05)
    gate.set()
    assert pending.wait(timeout=5)
    runner.join(5)
    assert done == [1, 2, 3] and closed == ["closed"] and not pending.busy
    pending.when_idle(lambda: closed.append("at once"))
    assert closed == ["closed", "at once"]


def test_pending_stops_on_a_bug() -> None:
    pending = Pending()
    done: list[int] = []

    def bug() -> None:
        raise RuntimeError("a bug")

    pending.add(bug)
    pending.add(lambda: done.append(2))
    with pytest.raises(RuntimeError):
        pending.run()
    assert not pending.busy and done == []
    assert pending.add(lambda: done.append(3))  # a new run can start
    pending.run()
    assert done == [3]


def test_close_waits_for_queued_writes(example: Path, tmp_path: Path) -> None:
    reviews = reviews_at(example, tmp_path / "r.db")
    item = reviews.item(BRIEF, "claim", "blinken-8000")

    def toggle() -> None:
        reviews.toggle(item)

    assert reviews.pending.add(toggle)
    reviews.close()  # deferred: a write is queued
    reviews.pending.run()
    assert reviews.status(BRIEF, "claim", "blinken-8000") == "reviewed"
    with pytest.raises(sqlite3.ProgrammingError):
        reviews.store.get(BRIEF, "claim", "blinken-8000")  # closed once they ran


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    with pytest.raises(ReadOnlyStore):
        ReviewStore.read(tmp_path / "absent.db").set("b", "claim", "c", "h", reviewed=True)
    assert not (tmp_path / "absent.db").exists()


# -- Task B: the review file as untrusted input ------------------------------------------------


def make_file(db: Path, *, version: int, journal: str, marks: str = "", log: str = "") -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    if marks:
        conn.execute(f"CREATE TABLE marks ({marks})")
    if log:
        conn.execute(f"CREATE TABLE log ({log})")
    if marks == MARKS:
        conn.execute(
            "INSERT INTO marks VALUES (?, 'claim', 'blinken-8000', 'h', 1, 1, 'n', 'zoe', 'x')",
            (BRIEF,),
        )
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


MARKS = "brief, kind, item, hash, reviewed, flagged, note, reviewer, at"
LOG = "id INTEGER PRIMARY KEY, batch, brief, kind, item, before, after, reviewer, at"


def state_of(db: Path) -> tuple[bytes, int, str, list[str]]:
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    return db.read_bytes(), version, journal, sorted(p.name for p in db.parent.iterdir())


@pytest.mark.parametrize(
    ("version", "marks", "log"),
    [(0, MARKS, LOG), (1, MARKS, LOG), (0, "", ""), (1, "brief, kind, item", LOG)],
    ids=["unversioned", "current", "empty", "other-columns"],
)
def test_export_changes_nothing_in_the_file(
    example: Path, tmp_path: Path, version: int, marks: str, log: str
) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    db = folder / "review.db"
    make_file(db, version=version, journal="DELETE", marks=marks, log=log)
    before = state_of(db)
    result = CliRunner().invoke(
        main, ["export", str(example), "--format", "json", "--state", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert state_of(db) == before  # bytes, user_version, journal mode; no -wal, no -shm
    rows = {r["item"]: r for r in json.loads(result.stdout)}
    if marks == MARKS:
        assert rows["blinken-8000"]["reviewer"] == "zoe"
    else:
        assert {r["status"] for r in rows.values()} == {"unreviewed"}
    if marks and marks != MARKS:
        assert "is not a review file brief can read" in result.stderr
        assert "'hash'" in result.stderr


def test_export_sees_marks_in_the_wal(example: Path, tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ReviewStore.open(db).close()
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO marks VALUES (?, 'claim', 'blinken-8000', 'h', 1, 0, '', 'zoe', 'x')",
        (BRIEF,),
    )
    try:
        reviews = Reviews(ReviewStore.read(db, "zoe"), load_library(example).briefs)
        mark = reviews.mark(BRIEF, "claim", "blinken-8000")
        assert mark is not None and mark.reviewer == "zoe"
    finally:
        writer.close()


@pytest.mark.parametrize(
    ("version", "marks", "log", "said"),
    [
        (1, MARKS.replace("hash, ", ""), LOG, "table 'marks' has no column 'hash'"),
        (1, MARKS + ", colour", LOG, "columns brief does not know: 'colour'"),
        (1, "", "", "it has no table 'marks'"),
        (0, "", "", ""),  # a new, empty file is fine
    ],
    ids=["missing-column", "other-column", "no-tables", "empty"],
)
def test_schema_is_checked_on_open(
    tmp_path: Path, version: int, marks: str, log: str, said: str
) -> None:
    db = tmp_path / "r.db"
    make_file(db, version=version, journal="DELETE", marks=marks, log=log)
    if version and not marks:
        sqlite3.connect(db).execute("CREATE TABLE other (x)").connection.close()
    before = db.read_bytes()
    store = ReviewStore.open(db, "alice")
    if not said:
        assert not store.read_only and store.messages == []
        return
    assert store.read_only
    assert said in store.messages[0] and "left as it is" in store.messages[0]
    assert store.marks() == {}  # refused, not accepted and failing on the first read
    with pytest.raises(ReadOnlyStore):
        store.set("b", "claim", "c", "h", reviewed=True)
    assert db.read_bytes() == before and not list(tmp_path.glob("*.damaged-*"))


def test_log_entries_with_unknown_fields_are_read(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    store = ReviewStore.open(db, "alice")
    store.set("b", "claim", "c", "h1", reviewed=True)
    batch = store.set("b", "claim", "c", "h1", flagged=True)
    # A newer brief wrote fields this one does not know, in both sides of an entry.
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("DROP TRIGGER log_no_update")  # the log is append-only: a crafted file
    for column in ("before", "after"):
        for rowid, text in raw.execute(f"SELECT id, {column} FROM log").fetchall():
            if text is not None:
                data = {**json.loads(text), "colour": "red", "weight": 3}
                raw.execute(f"UPDATE log SET {column} = ? WHERE id = ?", (json.dumps(data), rowid))
    raw.close()
    changes = store.history("b", "claim", "c")
    assert [(c.after.reviewed, c.after.flagged) for c in changes if c.after] == [
        (True, True),
        (True, False),
    ]
    store.undo(batch)  # the entry's `before` is read too
    mark = store.get("b", "claim", "c")
    assert mark is not None and mark.reviewed and not mark.flagged


def test_read_only_session_sees_the_wal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "review.db"
    ReviewStore.open(db).close()
    writer = sqlite3.connect(db, isolation_level=None)  # another reader, still running
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO marks VALUES ('b', 'claim', 'c', 'h', 1, 0, '', 'zoe', 'x')")
    assert (folder / "review.db-wal").stat().st_size > 0
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) in (folder, db) else real_access(p, mode)
    )
    try:
        store = ReviewStore.open(db, "zoe")
        assert store.read_only
        mark = store.get("b", "claim", "c")
        assert mark is not None and mark.reviewer == "zoe"
    finally:
        writer.close()
