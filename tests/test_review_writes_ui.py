"""Marks are written off the UI thread (issue 11): a review file locked by another program, a
full disk or an I/O error gives an error notice, the mark is not shown, the reader keeps running
and keys keep working meanwhile; a crash ends `brief` with a non-zero status."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.message import Message
from textual.notifications import Notification

import tui.review.opening as opening
from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.widgets.claims import ClaimList
from tui.cli import main
from tui.load.workspace import resolve
from tui.review import Reviews, ReviewStore

from .pilot import notifications, open_brief, plain, wait_for_text, wait_until
from .test_review_faults import BRIEF, Failing


def row(screen: BriefScreen, claim_id: str) -> str:
    return plain(screen.query_one(ClaimList).get_option(claim_id).prompt)


def claim(screen: BriefScreen) -> str:
    current = screen.query_one(ClaimList).claim
    assert current is not None
    return current.id


def held(lock: Any) -> bool:
    """Whether another thread holds `lock`."""
    if lock.acquire(blocking=False):
        lock.release()
        return False
    return True


def errors(seen: list[Message]) -> list[Notification]:
    return [n for n in notifications(seen, "Not saved") if n.severity == "error"]


@pytest.fixture
def locked_by_another(tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """A review file, and another program's connection to it that can hold it locked."""
    state = tmp_path / "marks.db"
    other = sqlite3.connect(state, isolation_level=None)
    yield state, other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


async def test_locked_file_gives_a_notice_and_no_mark(
    example: Path,
    locked_by_another: tuple[Path, sqlite3.Connection],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state, other = locked_by_another
    monkeypatch.setattr(opening, "BUSY_TIMEOUT", 0.2)
    seen: list[Message] = []
    app = BriefApp(resolve(example), state, reviewer="alice")
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        other.execute("BEGIN EXCLUSIVE")
        await pilot.press("space")
        await wait_until(pilot, lambda: errors(seen), "an error notice", lambda: seen[-5:])
        note = errors(seen)[0].message
        assert note.startswith("Could not save the mark: the review file is locked by another")
        assert str(state) in note
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert row(screen, "isw-losses").startswith(" ·  B3")  # not shown as reviewed
        assert app.reviews is not None
        assert app.reviews.status(BRIEF, "claim", "isw-losses") == "unreviewed"
        assert app.is_running
        # Once the other program lets go, marking works again.
        other.execute("ROLLBACK")
        await pilot.press("space")
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓  B3")
        assert len(errors(seen)) == 1


async def test_keys_work_while_a_write_waits(
    example: Path,
    locked_by_another: tuple[Path, sqlite3.Connection],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The UI thread never waits for the file: while a write waits for another program's lock
    (held for as long as this test wants), the cursor moves and more marks queue, in order."""
    state, other = locked_by_another
    monkeypatch.setattr(opening, "BUSY_TIMEOUT", 60)
    seen: list[Message] = []
    app = BriefApp(resolve(example), state, reviewer="alice")
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        reviews = app.reviews
        assert isinstance(reviews, Reviews)
        other.execute("BEGIN EXCLUSIVE")
        await pilot.press("space")
        # The write is under way on its thread (it holds the store's lock), held up by the
        # file's lock, which this test holds for as long as it likes: the next key is handled.
        assert isinstance(reviews.store, ReviewStore)
        lock = reviews.store._lock
        await wait_until(pilot, lambda: held(lock), "the write to be under way")
        await pilot.press("j")
        assert claim(screen) == "isw-not-compensate"
        await pilot.press("space", "f")  # queued behind the first
        await pilot.press("k", "space")  # isw-losses again: undoes the first, in order
        assert reviews.pending.busy and other.in_transaction
        assert row(screen, "isw-losses").startswith(" ·  B3")  # nothing landed yet
        assert row(screen, "isw-not-compensate").startswith(" ·  B2")
        other.execute("ROLLBACK")
        await app.workers.wait_for_complete()
        await wait_for_text(pilot, lambda: row(screen, "isw-not-compensate"), " ✓⚑ B2")
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ·  B3")
        assert not reviews.pending.busy and errors(seen) == []
        assert reviews.mark(BRIEF, "claim", "isw-losses") is not None


@pytest.mark.parametrize(
    ("error", "said"),
    [("database or disk is full", "the disk is full ("), ("disk I/O error", "I/O error writing")],
)
async def test_full_disk_or_io_error_gives_a_notice(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: str, said: str
) -> None:
    seen: list[Message] = []
    app = BriefApp(resolve(example), tmp_path / "marks.db", reviewer="alice")
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        assert app.reviews is not None
        store = app.reviews.store
        assert isinstance(store, ReviewStore)
        with monkeypatch.context() as patch:
            patch.setattr(store, "_conn", Failing(store._conn, sqlite3.OperationalError(error)))
            await pilot.press("space")
            await wait_until(pilot, lambda: errors(seen), "an error notice")
            await app.workers.wait_for_complete()
        assert said in errors(seen)[0].message
        await pilot.pause()
        assert row(screen, "isw-losses").startswith(" ·  B3")
        assert app.is_running
        await pilot.press("space")
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓  B3")


def test_a_crash_exits_non_zero(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error no handler expects (here, in a write) stops the reader; `brief` then exits 1,
    not 0 as if all went well."""
    real_run = BriefApp.run

    async def use(pilot: Any) -> None:
        app = pilot.app
        await open_brief(app, pilot)
        await pilot.press("space")

    def headless(self: BriefApp, **kwargs: Any) -> None:
        real_run(self, headless=True, size=(120, 40), auto_pilot=use)

    def bug(self: Reviews, *args: Any) -> int:
        raise RuntimeError("a bug in the review code")

    monkeypatch.setattr(BriefApp, "run", headless)
    monkeypatch.setattr(Reviews, "toggle", bug)
    result = CliRunner().invoke(main, ["open", str(example), "--state", str(tmp_path / "m.db")])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
