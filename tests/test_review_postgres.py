"""The review store on PostgreSQL: the schema made and versioned by the app, a password never
shown, a server that can't be used gives a read-only session, a dropped connection is retried,
and the command line (`export`, `history`, `config`) reads a server."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.load.library import load_library
from tui.review import Item, Reviews, ReviewStore, ServerStore, shown

BRIEF = "nk-troops-russia-2024-11"
SECRET = "s3cret-Pa55word"


def test_shown_leaves_the_password_out() -> None:
    assert shown(f"postgresql://bob:{SECRET}@db.example:5432/briefing?sslmode=require") == (
        "postgresql://bob@db.example:5432/briefing?sslmode=require"
    )
    assert SECRET not in shown(f"postgres:///briefing?host=/run/pg&password={SECRET}&user=bob")
    assert "host=/run/pg" in shown("postgresql:///briefing?host=/run/pg")


def test_tables_are_made_and_versioned(pg_uri: str) -> None:
    store = ReviewStore.open(pg_uri, "alice")
    assert isinstance(store, ServerStore) and not store.read_only
    store.close()
    with psycopg.connect(pg_uri) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,), (2,)]
        conn.execute("INSERT INTO schema_version VALUES (99)")
    newer = ReviewStore.open(pg_uri, "alice")
    assert newer.read_only and "newer brief" in newer.messages[0]
    newer.close()


def test_an_unreachable_server_is_a_read_only_session(tmp_path: Path) -> None:
    uri = f"postgresql://bob:{SECRET}@/briefing?host={tmp_path}/nowhere&connect_timeout=2"
    store = ReviewStore.open(uri, "bob")
    assert store.read_only and store.marks() == {} and store.history("b", "claim", "c") == []
    text = " ".join(store.messages)
    assert "cannot be used" in text and f"host={tmp_path}/nowhere" in text
    assert SECRET not in text and SECRET not in store.read_only_reason


def test_a_refused_password_is_never_shown(pg_uri: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with psycopg.connect(pg_uri, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE pwuser LOGIN PASSWORD '{SECRET}' SUPERUSER")
    try:
        as_pwuser = pg_uri.replace("user=postgres", "user=pwuser")
        wrong = as_pwuser.replace("postgresql://", "postgresql://pwuser:not-it@")
        store = ReviewStore.open(wrong, "bob")
        assert store.read_only and "not-it" not in " ".join(store.messages)
        assert "password authentication failed" in store.messages[0]
        monkeypatch.setenv("PGPASSWORD", SECRET)  # libpq's own: the URI holds no password
        good = ReviewStore.open(as_pwuser, "bob")
        assert not good.read_only, good.messages
        good.set("b", "claim", "c", "h", reviewed=True)
        good.close()
        result = CliRunner().invoke(main, ["config"], env={"BRIEF_STATE": wrong})
        assert "pwuser@" in result.stdout and "not-it" not in result.output
    finally:
        with psycopg.connect(pg_uri, autocommit=True) as admin:
            admin.execute("REASSIGN OWNED BY pwuser TO postgres")
            admin.execute("DROP OWNED BY pwuser")
            admin.execute("DROP ROLE pwuser")


def test_a_dropped_connection_is_retried_once(pg_uri: str) -> None:
    store = ReviewStore.open(pg_uri, "alice")
    store.set("b", "claim", "c1", "h", reviewed=True)
    with psycopg.connect(pg_uri, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'brief' AND pid <> pg_backend_pid()"
        )
    store.set("b", "claim", "c2", "h", reviewed=True)  # on a fresh connection
    assert sorted(store.marks()) == [("b", "claim", "c1"), ("b", "claim", "c2")]
    assert len(store.events_since(0)) == 2
    store.close()


def test_two_readers_see_each_other(example: Path, pg_uri: str) -> None:
    briefs = load_library(example).briefs
    alice = Reviews(ReviewStore.open(pg_uri, "alice"), briefs)
    alice.toggle(alice.item(BRIEF, "claim", "blinken-8000"))
    bob = Reviews(ReviewStore.open(pg_uri, "bob"), briefs)
    assert bob.status(BRIEF, "claim", "blinken-8000") == "unreviewed"
    (seen,) = bob.others_of(BRIEF, "claim", "blinken-8000")
    assert seen.reviewer == "alice" and seen.reviewed and seen.at
    bob.toggle_flag(bob.item(BRIEF, "claim", "blinken-8000"))
    runner = CliRunner()
    result = runner.invoke(
        main, ["export", str(example), "--format", "json", "--state", pg_uri, "--reviewer", "zed"]
    )
    assert result.exit_code == 0, result.output
    rows = [r for r in json.loads(result.stdout) if r["item"] == "blinken-8000"]
    assert {(r["reviewer"], r["status"], r["flagged"]) for r in rows} == {
        ("alice", "reviewed", False),
        ("bob", "unreviewed", True),
    }
    md = runner.invoke(main, ["export", str(example), "--state", pg_uri]).stdout
    assert "## Reviewers" in md and "- alice: 1 reviewed" in md and "- bob: 0 reviewed" in md
    trail = runner.invoke(main, ["history", f"{BRIEF}#blinken-8000", "--state", pg_uri])
    assert trail.exit_code == 0, trail.output
    lines = trail.stdout.splitlines()
    assert len(lines) == 2 and "alice  marked reviewed" in lines[0] and "bob  flagged" in lines[1]
    none = runner.invoke(main, ["history", f"{BRIEF}#nothing", "--state", pg_uri])
    assert none.exit_code == 1 and "no review events" in none.stderr
    alice.store.close()
    bob.store.close()


def test_a_colleagues_mark_arrives_live(example: Path, pg_uri: str) -> None:
    briefs = load_library(example).briefs
    alice = Reviews(ReviewStore.open(pg_uri, "alice"), briefs)
    bob = Reviews(ReviewStore.open(pg_uri, "bob"), briefs)
    assert bob.follower is not None and bob.follower.connected.wait(5)
    arrived = threading.Event()
    got: list[str] = []

    def took_in(items: list[Item]) -> None:
        got.extend(i.item for i in items)
        arrived.set()

    bob.subscribe(took_in)
    started = time.monotonic()
    alice.toggle(alice.item(BRIEF, "claim", "blinken-8000"))
    assert arrived.wait(5) and time.monotonic() - started < 1.0
    assert got == ["blinken-8000"]
    assert [m.reviewer for m in bob.others_of(BRIEF, "claim", "blinken-8000")] == ["alice"]
    # The follower's connection dropped: it reconnects and catches up by event id.
    with psycopg.connect(pg_uri, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE application_name = 'brief' AND pid <> pg_backend_pid()"
        )
    arrived.clear()
    alice.toggle_flag(alice.item(BRIEF, "claim", "isw-losses"))
    assert arrived.wait(10)
    assert bob.others_of(BRIEF, "claim", "isw-losses")[0].flagged
    alice.close()
    bob.close()
    assert alice.pending.wait(5) and bob.pending.wait(5)


def test_state_copy_moves_marks_both_ways_idempotently(tmp_path: Path, pg_uri: str) -> None:
    db = tmp_path / "mine.db"
    store = ReviewStore.open(db, "ana")
    store.set("b", "claim", "c1", "h1", reviewed=True)
    store.set("b", "claim", "c2", "h2", flagged=True, note="look")
    store.close()
    runner = CliRunner()
    first = runner.invoke(main, ["state", "copy", str(db), pg_uri, "--reviewer", "ana"])
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("2 of 2 marks of ana written")
    again = runner.invoke(main, ["state", "copy", str(db), pg_uri, "--reviewer", "ana"])
    assert again.exit_code == 0 and again.stdout.startswith("0 of 2 marks")
    server = ReviewStore.open(pg_uri, "ana")
    assert {k: (m.reviewed, m.flagged, m.note, m.hash) for k, m in server.marks().items()} == {
        ("b", "claim", "c1"): (True, False, "", "h1"),
        ("b", "claim", "c2"): (False, True, "look", "h2"),
    }
    assert len(server.events_since(0)) == 2
    server.close()
    back = tmp_path / "back.db"
    result = runner.invoke(main, ["state", "copy", pg_uri, str(back), "--reviewer", "ana"])
    assert result.exit_code == 0 and result.stdout.startswith("2 of 2")
    assert sorted(ReviewStore.open(back, "ana").marks()) == [
        ("b", "claim", "c1"),
        ("b", "claim", "c2"),
    ]


def test_four_processes_a_thousand_marks_each(pg_uri: str) -> None:
    from .test_review import worker

    ReviewStore.open(pg_uri, "setup").close()  # the tables, once
    procs = [worker(pg_uri, "marks", f"w{n}", 1000) for n in range(4)]  # type: ignore[arg-type]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert out.splitlines()[-1] == "DONE" and not err
    with psycopg.connect(pg_uri) as conn:
        assert conn.execute("SELECT count(*) FROM marks").fetchone() == (4000,)
        assert conn.execute("SELECT count(*), count(DISTINCT op) FROM log").fetchone() == (
            4000,
            4000,
        )
