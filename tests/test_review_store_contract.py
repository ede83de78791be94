"""The review store's contract, run unchanged against both backends: SQLite and PostgreSQL.

Marks persist and go stale, batches undo as new events, every reviewer has marks of their own
and sees the others', the log is append-only and a write retried with its operation id is
recorded once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tui.review import ReadOnlyStore, ReviewStore, Store

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
