"""The review store: marks persist, go stale, undo, survive two writers, a SIGKILL, a damaged
file and a read-only folder."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tui.load.library import load_library
from tui.review import (
    SCHEMA_VERSION,
    ReadOnlyStore,
    Reviews,
    ReviewStore,
    brief_items,
    content_hash,
)

from .conftest import ROOT

BRIEF = "nk-troops-russia-2024-11"


def test_mark_persists_and_goes_stale(example: Path, tmp_path: Path) -> None:
    db = tmp_path / "state" / "review.db"
    reviews = Reviews(ReviewStore.open(db, "alice"), load_library(example).briefs)
    item = reviews.item(BRIEF, "claim", "blinken-8000")
    reviews.toggle(item)
    reviews.toggle_flag(item)
    reviews.set_note(item, "check the date")
    reviews.store.close()

    # A new session (another process start) sees the mark.
    again = Reviews(ReviewStore.open(db, "alice"), load_library(example).briefs)
    mark = again.mark(BRIEF, "claim", "blinken-8000")
    assert mark is not None
    assert (mark.reviewed, mark.flagged, mark.note, mark.reviewer) == (
        True,
        True,
        "check the date",
        "alice",
    )
    assert again.status(BRIEF, "claim", "blinken-8000") == "reviewed"
    assert again.progress(BRIEF, ("claim",)) == (1, 12)
    again.store.close()
    # Another reviewer has marks of their own, and sees alice's as someone else's.
    bob = Reviews(ReviewStore.open(db, "bob"), load_library(example).briefs)
    assert bob.mark(BRIEF, "claim", "blinken-8000") is None
    assert [m.reviewer for m in bob.others_of(BRIEF, "claim", "blinken-8000")] == ["alice"]
    bob.store.close()

    # Edit the claim's text in the file: the mark is stale and counts as not reviewed.
    brief = example / "briefs" / "nk-troops-russia.md"
    brief.write_text(
        brief.read_text().replace(
            "Up to 8,000 North Korean military personnel have been relocated",
            "Up to 10,000 North Korean military personnel have been relocated",
        )
    )
    later = Reviews(ReviewStore.open(db, "alice"), load_library(example).briefs)
    assert later.status(BRIEF, "claim", "blinken-8000") == "stale"
    assert later.progress(BRIEF, ("claim",)) == (0, 12)
    assert [i.item for i in later.needing_review(BRIEF)][:3] == [
        "summary",
        "isw-losses",
        "isw-not-compensate",
    ]
    # Reviewing it again renews the mark.
    batch = later.toggle(later.item(BRIEF, "claim", "blinken-8000"))
    assert later.status(BRIEF, "claim", "blinken-8000") == "reviewed"
    # Undo restores the previous (stale) state, note and flag included.
    later.undo(batch)
    assert later.status(BRIEF, "claim", "blinken-8000") == "stale"
    assert later.mark(BRIEF, "claim", "blinken-8000").note == "check the date"  # type: ignore[union-attr]


def test_history_is_logged(tmp_path: Path) -> None:
    store = ReviewStore.open(tmp_path / "r.db", "alice")
    store.set("b", "claim", "c", "h1", reviewed=True)
    store.set("b", "claim", "c", "h1", flagged=True)
    changes = store.history("b", "claim", "c")
    assert [(c.before is None, c.after.flagged) for c in changes] == [(False, True), (True, False)]  # type: ignore[union-attr]
    assert all(c.reviewer == "alice" for c in changes)


def test_progress_unhashed_matches_the_items(example: Path, tmp_path: Path) -> None:
    # A brief with no marks counts its items without hashing them (issue 12): the same totals
    # as over its hashed items, for every kind and subset; a mark brings back the full count.
    briefs = load_library(example).briefs
    reviews = Reviews(ReviewStore.open(tmp_path / "r.db", "alice"), briefs)
    for brief in (b for b in briefs if b.ok):
        items = brief_items(brief)
        some = {i.item for i in items[::2]}
        for kinds in (("summary", "claim", "xref"), ("claim",), ("xref",), ("summary",)):
            for only in (None, some):
                wanted = sum(i.kind in kinds and (only is None or i.item in only) for i in items)
                assert reviews.progress(brief.id, kinds, only) == (0, wanted)
    assert reviews.items._items == {}  # nothing was hashed for that
    item = reviews.item(BRIEF, "claim", "blinken-8000")
    reviews.toggle(item)
    done, total = reviews.progress(BRIEF)
    assert (done, total) == (1, len(brief_items(next(b for b in briefs if b.id == BRIEF))))
    assert reviews.hash_of(*item.key) == item.hash


def test_batch_undo(tmp_path: Path) -> None:
    store = ReviewStore.open(tmp_path / "r.db", "alice")
    store.set("b", "claim", "c1", "h", reviewed=True)
    batch = store.set_many([("b", "claim", f"c{i}", "h") for i in range(1, 6)], reviewed=True)
    assert sum(m.reviewed for m in store.marks().values()) == 5
    store.undo(batch)
    marks = store.marks()
    assert set(marks) == {("b", "claim", "c1")}  # c1 was reviewed before the batch


def test_content_hash_changes_with_content() -> None:
    library = load_library(ROOT / "briefs")
    brief = library.briefs[0]
    claim = brief.claims[0]
    from dataclasses import replace

    assert content_hash("claim", claim) == content_hash("claim", replace(claim, note="x"))
    assert content_hash("claim", claim) != content_hash("claim", replace(claim, text="other"))
    assert content_hash("summary", brief) != content_hash("summary", replace(brief, bluf="b"))


def worker(db: Path, mode: str, who: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.review_worker", str(db), mode, who, str(count)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_writers(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ReviewStore.open(db).close()
    procs = [worker(db, "marks", who, 1000) for who in ("alice", "bob")]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.splitlines()[-1] == "DONE"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM marks").fetchone()[0] == 2000
    assert conn.execute("SELECT count(*) FROM log").fetchone()[0] == 2000
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_sigkill_mid_batch(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    proc = worker(db, "crash", "alice", 300)
    assert proc.stdout is not None
    committed = 0
    for line in proc.stdout:
        if line.strip() == "BATCH":
            break
        committed = int(line)
    # Let the big batch get going, then kill it hard.
    import time

    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert committed == 300
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    singles = conn.execute("SELECT count(*) FROM marks WHERE item LIKE 'single-%'").fetchone()[0]
    batch = conn.execute("SELECT count(*) FROM marks WHERE item LIKE 'batch-%'").fetchone()[0]
    assert singles == 300  # every committed mark is there
    assert batch == 0  # the interrupted batch left nothing half-done
    conn.close()
    # And the store opens cleanly afterwards.
    store = ReviewStore.open(db, "alice")
    assert store.messages == []
    assert len(store.marks()) == 300


def test_garbage_file_is_set_aside(tmp_path: Path) -> None:
    db = tmp_path / "review.db"
    db.write_bytes(b"this is not a database at all" * 100)
    store = ReviewStore.open(db, "alice")
    assert not store.read_only
    assert len(store.messages) == 1 and "moved to review.db.damaged-" in store.messages[0]
    damaged = list(tmp_path.glob("review.db.damaged-*"))
    assert len(damaged) == 1
    assert damaged[0].read_bytes().startswith(b"this is not a database")  # nothing lost
    store.set("b", "claim", "c", "h", reviewed=True)
    assert len(store.marks()) == 1


def test_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "review.db"
    writable = ReviewStore.open(db, "alice")
    writable.set("b", "claim", "c", "h", reviewed=True)
    writable.close()
    os.chmod(folder, 0o555)
    try:
        # Root ignores permission bits, so also tell the store what a normal user would see.
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, mode: False if Path(p) in (folder, db) else real_access(p, mode)
        )
        store = ReviewStore.open(db, "alice")
        assert store.read_only
        assert "is not writable" in store.messages[0] and "--state" in store.messages[0]
        assert store.get("b", "claim", "c").reviewed  # type: ignore[union-attr]
        with pytest.raises(ReadOnlyStore):
            store.set("b", "claim", "c", "h", reviewed=False)
    finally:
        os.chmod(folder, 0o755)


def test_newer_schema_is_read_only(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE TABLE marks (brief, kind, item, hash, reviewed, flagged, note, reviewer, at)"
    )
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    store = ReviewStore.open(db, "alice")
    assert store.read_only and "newer brief" in store.messages[0]
    assert db.exists() and not list(tmp_path.glob("*.damaged-*"))


def test_migration_sets_version(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    ReviewStore.open(db).close()
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_kept_hashes_are_those_computed(tmp_path: Path) -> None:
    """The loader hashes each brief's items once and keeps them (in the parse cache too): the
    same hashes, in the same order, as hashing the brief now."""
    from dataclasses import replace

    from bench.generate import make_workspace
    from tui.digest import item_hashes
    from tui.load.library import build
    from tui.load.workspace import resolve

    root = make_workspace(tmp_path / "ws", 8, 6)
    for library in (build(resolve(root), cache=False), build(resolve(root))):
        for brief in (b for b in library.briefs if b.ok):
            assert brief.item_hashes is not None
            kept = tuple(brief.item_hashes)
            assert kept == item_hashes(replace(brief, item_hashes=None))
            assert [(i.kind, i.item, i.hash) for i in brief_items(brief)] == list(kept)


def test_a_reviewed_library_opens_without_making_claims(tmp_path: Path) -> None:
    """Every item reviewed: the session reads its marks and each brief's progress from the
    kept hashes, and makes no claim, source or cross-reference an object; an edited claim is
    still found stale."""
    from bench.generate import make_workspace
    from tui.deferred import Deferred
    from tui.load.library import build
    from tui.load.workspace import resolve

    root = make_workspace(tmp_path / "ws", 8, 6)
    db = tmp_path / "r.db"
    build(resolve(root))
    first = Reviews(ReviewStore.open(db, "alice"), build(resolve(root)).briefs)
    first.set_reviewed([i for b in first.items for i in first.items[b]])
    first.pending.wait()
    first.close()

    library = build(resolve(root))
    reviews = Reviews(ReviewStore.open(db, "alice"), library.briefs)
    for brief in library.briefs:
        done, total = reviews.progress(brief.id)
        assert done == total > 0
    made = [
        items
        for b in library.briefs
        for items in (b.claims, b.sources, b.xrefs)
        if isinstance(items, Deferred) and items.made
    ]
    assert made == []
    reviews.close()

    brief = library.briefs[0]
    claim = brief.claims[0]
    path = root / brief.path
    text = path.read_text()
    at = text.index(f"- id: {claim.id}\n")
    grade = text.index("credibility: ", at)
    assert "- id:" not in text[at + 5 : grade]  # the claim's own grade
    regraded = f"credibility: {2 if claim.credibility == 1 else 1}"
    path.write_text(text[:grade] + regraded + text[text.index("\n", grade) :])
    edited = build(resolve(root))
    later = Reviews(ReviewStore.open(db, "alice"), edited.briefs)
    assert later.status(brief.id, "claim", claim.id) == "stale"
    done, total = later.progress(brief.id)
    assert done == total - 1
    later.close()
