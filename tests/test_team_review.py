"""Team review (issue 14): other reviewers' marks in the claim detail, search by reviewer, two
readers on one server seeing each other live, and a server that goes away mid-session."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from textual.message import Message
from textual.widgets import Static

from tui.app.main import BriefApp
from tui.app.render.others import others_detail, when
from tui.app.screens.brief import BriefScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.detail import ClaimDetail
from tui.cli import main
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.review import Change, Mark, MarkKey, Reviews, ReviewStore
from tui.review.team import take_in
from tui.search import SearchIndex

from .pgcluster import Cluster
from .pgfixtures import need_server_binaries
from .pilot import (
    notifications,
    open_brief,
    screen_up,
    visible_text,
    wait_for_text,
    wait_until,
)
from .test_review_ui import row

BRIEF = "nk-troops-russia-2024-11"


def detail_text(screen: BriefScreen) -> str:
    return visible_text(screen.query_one(ClaimDetail).query_one("#detail-text", Static))


# -- the lines on others' marks -------------------------------------------------------------------


def test_others_are_listed_with_their_times_flags_and_notes() -> None:
    today = date(2026, 11, 25)
    at = "2026-11-25T14:02:00+00:00"
    ana = Mark(BRIEF, "claim", "c", "h1", reviewed=True, reviewer="ana", at=at)
    bo = Mark(
        BRIEF, "claim", "c", "old", reviewed=True, flagged=True, note="check\nthe date",
        reviewer="bo", at="2026-11-24T09:10:00+00:00",
    )  # fmt: skip
    cy = Mark(BRIEF, "claim", "c", "h1", note="ask ana", reviewer="cy", at="2026-10-01T08:00:00")
    text = others_detail([ana, bo, cy], "h1", today).plain
    lines = text.splitlines()
    assert lines[0] == (
        f"Also reviewed by 2: ana ({when(ana.at, today)}), "
        f"bo ({when(bo.at, today)}, before it changed)"
    )
    assert "⚑ bo flagged it: check␊the date" in text  # a note never forges a second line
    assert "cy's note: ask ana" in text
    assert others_detail([], "h1").plain == ""


def test_times_read_as_a_person_says_them() -> None:
    # Local time: pin the zone so "today" does not depend on where the test runs.
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    try:
        time.tzset()
        today = date(2026, 11, 25)
        assert when("2026-11-25T14:02:00+00:00", today) == "today 14:02"
        assert when("2026-11-24T09:10:00+00:00", today) == "yesterday 09:10"
        assert when("2026-11-01T09:10:00+00:00", today) == "2026-11-01 09:10"
        assert when("not a time\x1b[31m", today) == "not a time␛[31m"
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_a_crafted_name_is_plain_text() -> None:
    evil = "[bold red]x[/]\x1b]0;owned\x07\nforged"
    mark = Mark(BRIEF, "claim", "c", "h", reviewed=True, reviewer=evil, at="2026-11-25T14:02:00")
    content = others_detail([mark], "h")
    assert "[bold red]x[/]" in content.plain  # shown as written, never parsed as markup
    assert "\x1b" not in content.plain and "\x07" not in content.plain
    assert len(content.plain.splitlines()) == 1


# -- search by reviewer (a SQLite file two reviewers share) --------------------------------------


def test_search_by_reviewer_and_reviewed_by_others(example: Path, tmp_path: Path) -> None:
    library = load_library(example)
    state = tmp_path / "review.db"
    ana = Reviews(ReviewStore.open(state, "Ana Silva"), library.briefs)
    ana.toggle(ana.item(BRIEF, "claim", "blinken-8000"))
    ana.toggle(ana.item(BRIEF, "claim", "rutte-kursk"))
    ana.toggle(ana.item(BRIEF, "claim", "rutte-kursk"))  # unmarked again: not "by" her
    ana.toggle_flag(ana.item(BRIEF, "claim", "isw-losses"))  # flagged only: not reviewed
    ana.store.close()
    me = Reviews(ReviewStore.open(state, "bo"), library.briefs)
    me.toggle(me.item(BRIEF, "claim", "isw-losses"))
    index = SearchIndex.build(library)

    def found(query: str) -> list[str]:
        # The reader passes `Reviews.status_of`; the reviewers come with it.
        return sorted(h.key.claim for h in index.search(query, me.status_of))

    assert found("by:ana") == ["blinken-8000"]
    assert found('by:"ANA S"') == ["blinken-8000"]  # case-insensitive, a beginning is enough
    assert found("by:silva") == []  # the beginning of the name, not any part
    assert found("by:bo") == ["isw-losses"]  # my own marks too
    assert found("is:reviewed-by-others") == ["blinken-8000"]
    assert "blinken-8000" not in found("-is:reviewed-by-others")
    assert found("is:rev") == ["isw-losses"]  # still `is:reviewed`, mine
    assert found("by:ana is:unreviewed") == ["blinken-8000"]
    # Without review state nobody reviewed anything.
    assert index.search("by:ana").total == 0
    me.store.close()


async def test_the_readers_search_finds_by_reviewer(example: Path, tmp_path: Path) -> None:
    state = tmp_path / "review.db"
    library = load_library(example)
    ana = Reviews(ReviewStore.open(state, "ana"), library.briefs)
    ana.toggle(ana.item(BRIEF, "claim", "blinken-8000"))
    ana.store.close()
    app = BriefApp(resolve(example), state=state, reviewer="bo")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("slash")
        screen = await screen_up(app, pilot, SearchScreen)
        for key in "by:an":
            await pilot.press(key)

        def found() -> list[str]:
            results = screen.results_list.results
            if results is None:
                return []
            return [screen.index.keys[n].claim for n in results.found.to_list()]

        await wait_until(pilot, lambda: found() == ["blinken-8000"], "ana's claim", found)


# -- two readers on one server ---------------------------------------------------------------------


async def test_a_mark_in_one_reader_shows_in_the_others_detail(example: Path, pg_uri: str) -> None:
    bo = BriefApp(resolve(example), state=pg_uri, reviewer="bo")
    async with bo.run_test(size=(120, 40)) as bo_pilot:
        bo_screen = await open_brief(bo, bo_pilot)
        claim = bo_screen.query_one("ClaimList").claim  # type: ignore[attr-defined]
        assert claim is not None and claim.id == "isw-losses"
        assert "Also reviewed" not in detail_text(bo_screen)
        assert bo.reviews is not None and bo.reviews.follower is not None
        await wait_until(bo_pilot, bo.reviews.follower.connected.is_set, "bo's live connection")
        ana = BriefApp(resolve(example), state=pg_uri, reviewer="ana")
        async with ana.run_test(size=(120, 40)) as ana_pilot:
            ana_screen = await open_brief(ana, ana_pilot)
            await ana_pilot.press("space")
            await wait_for_text(ana_pilot, lambda: row(ana_screen, "isw-losses"), " ✓  B3")
            await ana_pilot.press("f")
        # No key pressed in bo's reader: ana's mark and flag reach its open detail.
        await wait_for_text(
            bo_pilot, lambda: detail_text(bo_screen), "Also reviewed by 1: ana (today", timeout=5
        )
        await wait_for_text(bo_pilot, lambda: detail_text(bo_screen), "⚑ ana flagged it")
        assert row(bo_screen, "isw-losses").startswith(" ·  B3")  # bo's own state unchanged
        # Search, as the reader calls it (with `Reviews.status_of`), finds it by her name.
        assert bo.index is not None
        found = bo.index.search("by:an is:reviewed-by-others", bo.reviews.status_of)
        assert [h.key.claim for h in found] == ["isw-losses"]
        await bo_pilot.press("space")
        await wait_for_text(bo_pilot, lambda: row(bo_screen, "isw-losses"), " ✓  B3")
    result = CliRunner().invoke(
        main, ["export", str(example), "--format", "json", "--state", pg_uri]
    )
    assert result.exit_code == 0, result.output
    rows = [r for r in json.loads(result.stdout) if r["item"] == "isw-losses"]
    assert {(r["reviewer"], r["status"], r["flagged"]) for r in rows} == {
        ("ana", "reviewed", True),
        ("bo", "reviewed", False),
    }


# -- a server that goes away -----------------------------------------------------------------------


@pytest.fixture
def own_cluster() -> Iterator[Cluster]:
    """A cluster of this test's own, which it may stop and start (others share theirs)."""
    if os.environ.get("BRIEF_TEST_PG", "").strip():
        pytest.skip("BRIEF_TEST_PG names a server these tests cannot stop")
    need_server_binaries()
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


async def test_the_server_stopped_mid_session(example: Path, own_cluster: Cluster) -> None:
    uri = own_cluster.uri()
    seen: list[Message] = []
    app = BriefApp(resolve(example), state=uri, reviewer="ana")
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        await pilot.press("space")
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓  B3")
        assert app.reviews is not None and app.reviews.follower is not None
        follower = app.reviews.follower
        await wait_until(pilot, follower.connected.is_set, "the live connection")

        own_cluster.pause()
        await wait_until(pilot, lambda: not follower.connected.is_set(), "the connection lost")
        await wait_until(
            pilot, lambda: notifications(seen, "Review server"), "a notice that it is gone"
        )
        await pilot.press("down", "space")
        await wait_until(pilot, lambda: notifications(seen, "Not saved"), "the mark refused")
        second = row(screen, "isw-not-compensate")
        assert "✓" not in second, second  # never shown as saved
        assert app.is_running

        own_cluster.resume()
        await wait_until(pilot, follower.connected.is_set, "the connection back", timeout=15)
        await pilot.press("space")
        await wait_for_text(pilot, lambda: row(screen, "isw-not-compensate"), "✓")
        # Live again: a colleague's mark reaches the open detail.
        bo = ReviewStore.open(uri, "bo")
        bo.set_many([(BRIEF, "claim", "isw-not-compensate", "x")], reviewed=True)
        bo.close()
        await wait_for_text(pilot, lambda: detail_text(screen), "Also reviewed by 1: bo")
    with psycopg.connect(uri) as conn:
        rows = conn.execute(
            "SELECT item FROM marks WHERE reviewer = 'ana' AND reviewed ORDER BY item"
        ).fetchall()
    assert [r[0] for r in rows] == ["isw-losses", "isw-not-compensate"]


def test_unreachable_at_start_is_read_only_and_says_no_marks_were_read(
    example: Path, tmp_path: Path
) -> None:
    library = load_library(example)
    uri = f"postgresql:///briefing?host={tmp_path}/none&connect_timeout=2"
    reviews = Reviews(ReviewStore.open(uri, "ana"), library.briefs)
    assert reviews.store.read_only and reviews.follower is None
    (said,) = reviews.store.messages
    assert "cannot be used" in said and "No marks could be read from it" in said
    assert reviews.marks == {}


def test_a_reread_while_the_server_is_down_shows_the_last_good_read(
    example: Path, own_cluster: Cluster
) -> None:
    library = load_library(example)
    uri = own_cluster.uri()
    good = Reviews(ReviewStore.open(uri, "ana"), library.briefs)
    good.toggle(good.item(BRIEF, "claim", "isw-losses"))
    bo = ReviewStore.open(uri, "bo")
    bo.set_many([(BRIEF, "claim", "isw-losses", "x")], reviewed=True)
    bo.close()
    deadline = time.monotonic() + 10
    while not good.others_of(BRIEF, "claim", "isw-losses"):  # bo's mark, taken in live
        assert time.monotonic() < deadline, "bo's mark never reached ana's session"
        time.sleep(0.05)
    own_cluster.pause()
    # The library read again (an edited brief) while the server is gone: read-only, but the
    # marks are those of the session before, mine and others'.
    again = Reviews(ReviewStore.open(uri, "ana"), library.briefs)
    assert again.store.read_only
    assert again.status(BRIEF, "claim", "isw-losses") == "reviewed"
    assert [m.reviewer for m in again.others_of(BRIEF, "claim", "isw-losses")] == ["bo"]
    assert "last read from the server in this session" in " ".join(again.store.messages)
    good.close()
    again.close()


def test_the_history_shown_on_a_server_is_kept_until_the_item_changes(
    example: Path, pg_uri: str
) -> None:
    library = load_library(example)
    ana = Reviews(ReviewStore.open(pg_uri, "ana"), library.briefs)
    asked: list[str] = []
    read = ana.store.history

    def counted(*args: object, **kwargs: object) -> list[Change]:
        asked.append(str(args[2]))
        return read(*args, **kwargs)  # type: ignore[arg-type]

    ana._trails._read = counted
    assert ana.history_of(BRIEF, "claim", "isw-losses") == []
    assert ana.history_of(BRIEF, "claim", "isw-losses") == []
    assert asked == ["isw-losses"]  # asked once, however often the detail is drawn
    bo = ReviewStore.open(pg_uri, "bo")
    bo.set_many([(BRIEF, "claim", "isw-losses", "x")], reviewed=True)
    bo.close()
    deadline = time.monotonic() + 10
    while not ana.history_of(BRIEF, "claim", "isw-losses"):  # forgotten when bo's mark came
        assert time.monotonic() < deadline, "the trail was never read again"
        time.sleep(0.05)
    (change,) = ana.history_of(BRIEF, "claim", "isw-losses")
    assert change.reviewer == "bo"
    ana.close()


def test_taking_in_events_twice_or_late_ends_in_the_newest_marks() -> None:
    def mark(who: str, at: str, reviewed: bool = True) -> Mark:
        return Mark(BRIEF, "claim", "c", "h", reviewed=reviewed, reviewer=who, at=at)

    key: MarkKey = (BRIEF, "claim", "c")
    a1, a2, b1 = mark("ana", "1"), mark("ana", "2", reviewed=False), mark("bo", "1")
    events = [
        Change(1, 1, None, a1, "ana", "1"),
        Change(2, 2, None, b1, "bo", "1"),
        Change(3, 3, a1, a2, "ana", "2"),
        Change(4, 4, b1, None, "bo", "3"),  # bo's mark undone: removed
    ]
    for start in range(len(events)):  # replayed from any earlier event: the same end
        marks, others, keys = take_in({key: a2}, {}, events[start:], "ana")
        assert marks == {key: a2} and others == {} and keys == {key}
    marks, others, _ = take_in({}, {}, events[:2], "ana")
    assert marks == {key: a1} and others == {key: [b1]}
