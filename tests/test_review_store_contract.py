"""The review store's contract, run unchanged against both backends: SQLite and PostgreSQL.

Marks persist and go stale, batches undo as new events, every reviewer has marks of their own
and sees the others', the log is append-only and a write retried with its operation id is
recorded once; what was reviewed (a snapshot) is kept with a mark, and a store from the
version before upgrades in place, keeping its marks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tui.review import ReadOnlyStore, ReviewStore, Store, pgschema, schema
from tui.review.protocol import Target

Opener = Callable[..., Store]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Opener]]:
    """(name, open(reviewer, read=False)) for each backend, on a fresh store."""
    target: Path | str = tmp_path / "review.db"
    if request.param == "postgresql":
        target = request.getfixturevalue("pg_uri")
    opened: list[Store] = []

    def open_(reviewer: str, read: bool = False) -> Store:
        store = ReviewStore.read(target, reviewer) if read else ReviewStore.open(target, reviewer)
        opened.append(store)
        return store

    yield request.param, open_
    for store in opened:
        store.close()


def test_marks_persist_and_go_stale(backend: tuple[str, Opener]) -> None:
    _, open_ = backend
    store = open_("alice")
    assert not store.read_only and store.messages == []
    store.set("b", "claim", "c1", "h1", reviewed=True)
    store.set("b", "claim", "c1", "h2", flagged=True, note="check")
    store.close()
    again = open_("alice")
    mark = again.get("b", "claim", "c1")
    assert mark is not None
    assert (mark.reviewed, mark.flagged, mark.note, mark.reviewer) == (True, True, "check", "alice")
    assert mark.status("h1") == "reviewed" and mark.status("h2") == "stale"
    assert list(again.marks()) == [("b", "claim", "c1")] and again.marks("other") == {}


def test_undo_is_a_new_event(backend: tuple[str, Opener]) -> None:
    _, open_ = backend
    store = open_("alice")
    store.set("b", "summary", "summary", "h", reviewed=True)
    batch = store.set_many([("b", "claim", f"c{i}", "h") for i in range(3)], reviewed=True)
    assert sorted(store.batch_items(batch)) == [("b", "claim", f"c{i}") for i in range(3)]
    assert store.undo(batch) == [None, None, None]
    assert list(store.marks()) == [("b", "summary", "summary")]
    trail = store.history("b", "claim", "c0")
    assert [c.after is None for c in trail] == [True, False]  # newest first: nothing deleted
    assert [c.id for c in store.events_since(0)] == sorted(c.id for c in store.events_since(0))
    assert len(store.events_since(0)) == 7


def test_each_reviewer_has_marks_and_sees_the_others(backend: tuple[str, Opener]) -> None:
    _, open_ = backend
    alice, bob = open_("alice"), open_("bob")
    alice.set("b", "claim", "c1", "h", reviewed=True)
    bob.set("b", "claim", "c1", "h", flagged=True)
    bob.set("b", "claim", "c2", "h", reviewed=True)
    mine = alice.get("b", "claim", "c1")
    assert mine is not None and mine.reviewed and not mine.flagged
    assert list(alice.marks()) == [("b", "claim", "c1")]
    seen = alice.others()
    assert [(m.reviewer, m.flagged) for m in seen[("b", "claim", "c1")]] == [("bob", True)]
    assert seen[("b", "claim", "c2")][0].at
    assert [m.reviewer for m in bob.others()[("b", "claim", "c1")]] == ["alice"]
    assert {c.reviewer for c in alice.history("b", "claim", "c1")} == {"alice", "bob"}


def test_a_retried_write_is_recorded_once(backend: tuple[str, Opener]) -> None:
    _, open_ = backend
    store = open_("alice")
    first = store.set_many([("b", "claim", "c1", "h")], reviewed=True, op="op-1")
    again = store.set_many([("b", "claim", "c1", "h")], reviewed=False, op="op-1")
    assert first == again
    mark = store.get("b", "claim", "c1")
    assert mark is not None and mark.reviewed
    assert len(store.history("b", "claim", "c1")) == 1
    store.undo(first, op="op-2")
    store.undo(first, op="op-2")
    assert len(store.history("b", "claim", "c1")) == 2


def test_the_log_is_append_only(backend: tuple[str, Opener], tmp_path: Path) -> None:
    name, open_ = backend
    store = open_("alice")
    store.set("b", "claim", "c1", "h", reviewed=True)
    for statement in ("UPDATE log SET reviewer = 'mallory'", "DELETE FROM log"):
        if name == "sqlite":
            with sqlite3.connect(tmp_path / "review.db") as raw, pytest.raises(sqlite3.Error):
                raw.execute(statement)
        else:
            assert isinstance(store, ReviewStore) is False
            uri = getattr(store, "uri")  # noqa: B009
            with psycopg.connect(uri) as raw, pytest.raises(psycopg.Error):
                raw.execute(statement)
    assert [c.reviewer for c in store.history("b", "claim", "c1")] == ["alice"]


def test_a_reading_store_changes_nothing(backend: tuple[str, Opener]) -> None:
    _, open_ = backend
    empty = open_("alice", read=True)
    assert empty.marks() == {} and empty.read_only
    with pytest.raises(ReadOnlyStore):
        empty.set("b", "claim", "c1", "h", reviewed=True)
    open_("zoe").set("b", "claim", "c1", "h", reviewed=True)
    reader = open_("alice", read=True)
    assert [m.reviewer for m in reader.others()[("b", "claim", "c1")]] == ["zoe"]


# -- what was reviewed (snapshots), issue 14 -----------------------------------------------------

SNAP_1 = '{"v":1,"kind":"claim","fields":{"text":"Up to 8,000 troops"}}'
SNAP_2 = '{"v":1,"kind":"claim","fields":{"text":"Up to 10,000 troops"}}'


def test_a_snapshot_is_kept_with_a_mark_and_read_back(backend: tuple[str, Opener]) -> None:
    _, open_ = backend
    alice = open_("alice")
    batch = alice.set("b", "claim", "c1", "h1", reviewed=True, snapshot=SNAP_1)
    alice.set("b", "claim", "c1", "h1", flagged=True, snapshot="ignored: h1 is kept already")
    alice.set("b", "claim", "c2", "h2", flagged=True)  # no snapshot given, none kept
    assert alice.snapshots(["h1", "h2", "absent"]) == {"h1": SNAP_1}
    assert alice.snapshots([]) == {}
    # A snapshot is kept only for the content the mark is left on: here the mark stays on h1.
    alice.set_many([("b", "claim", "c1", "h9")], flagged=False, snapshots={"h9": SNAP_2})
    assert alice.snapshots(["h9"]) == {}
    # Marking content someone already marked adds nothing; the first body stays.
    bob = open_("bob")
    bob.set("b", "claim", "c1", "h1", reviewed=True, snapshot="another body")
    assert bob.snapshots(["h1"]) == {"h1": SNAP_1}
    # Re-marked on new content: both are kept, and undo puts the mark back on the old one.
    again = alice.set("b", "claim", "c1", "h2", reviewed=True, snapshot=SNAP_2)
    assert alice.snapshots(["h1", "h2"]) == {"h1": SNAP_1, "h2": SNAP_2}
    alice.undo(again)
    mark = alice.get("b", "claim", "c1")
    assert mark is not None and mark.hash == "h1" and batch != again
    alice.close()
    assert open_("carol", read=True).snapshots({"h1", "h2"}) == {"h1": SNAP_1, "h2": SNAP_2}
    many: list[Target] = [(f"b{i}", "claim", "c", f"x{i}") for i in range(1200)]  # > 1 statement
    open_("dave").set_many(many, reviewed=True, snapshots={f"x{i}": f"s{i}" for i in range(1200)})
    found = open_("erin", read=True).snapshots(f"x{i}" for i in range(1200))
    assert len(found) == 1200 and found["x1199"] == "s1199"


def _previous_version(name: str, target: Path | str) -> None:
    """A store as the brief before snapshots left it, with one mark of `zoe` on `h0`."""
    row = ("b", "claim", "c0", "h0", True, False, "old note", "zoe", "2024-01-01T00:00:00+00:00")
    if name == "sqlite":
        conn = sqlite3.connect(target, isolation_level=None)
        for statement in (*schema.SCHEMA_1, *schema.SCHEMA_2):
            conn.execute(statement)
        conn.execute("INSERT INTO marks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        conn.execute("PRAGMA user_version = 2")
        conn.close()
        return
    with psycopg.connect(str(target), autocommit=True) as server:
        server.execute("CREATE TABLE schema_version (version integer NOT NULL)")
        for statement in pgschema.MIGRATIONS[1]:
            server.execute(statement)
        server.execute("INSERT INTO schema_version VALUES (1)")
        server.execute("INSERT INTO marks VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", row)


def test_the_previous_version_upgrades_in_place_keeping_marks(
    backend: tuple[str, Opener], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    name, open_ = backend
    target = tmp_path / "review.db" if name == "sqlite" else request.getfixturevalue("pg_uri")
    _previous_version(name, target)
    # Read before it is upgraded (brief export changes nothing): marks, and no snapshots.
    reading = open_("zoe", read=True)
    assert list(reading.marks()) == [("b", "claim", "c0")] and reading.snapshots(["h0"]) == {}
    reading.close()
    store = open_("zoe")
    assert not store.read_only and store.messages == []
    mark = store.get("b", "claim", "c0")
    assert mark is not None and (mark.hash, mark.reviewed, mark.note) == ("h0", True, "old note")
    assert store.snapshots(["h0"]) == {}  # an old mark simply has none
    store.set("b", "claim", "c0", "h1", reviewed=True, snapshot=SNAP_1)
    assert store.snapshots(["h0", "h1"]) == {"h1": SNAP_1}
    store.close()
    if name == "sqlite":
        with sqlite3.connect(target) as conn:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    else:
        with psycopg.connect(str(target)) as conn:
            versions = conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
            assert versions == [(v,) for v in range(1, pgschema.PG_SCHEMA_VERSION + 1)]
