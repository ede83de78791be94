"""Continuity across live reloads and mark changes (issue 13): what the reader was doing goes on.

Undo reaches back across a reload; an open search and the library's filter and order follow the
marks and the reloaded library, keeping the selection and the typed query.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app.main import BriefApp
from tui.app.messages import BriefsListed
from tui.app.screens.library import LibraryScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.claims import ClaimList
from tui.load import library as loading
from tui.load.changes import Reloader
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.model import ClaimKey, Library
from tui.review import Reviews, ReviewStore
from tui.search import Query, Results

from .pilot import loaded, open_brief, screen_up, showing, wait_until
from .test_live_reload import BRIEF, FILE, MARKED, SELECTED, SELECTED_TEXT, edit, mark_reviewed


async def _save(app: BriefApp, pilot: Pilot[Any], root: Path, old: str, new: str) -> None:
    """Save a change to the brief and wait until the reader has reloaded the library: saved
    again (unchanged) while the watcher's thread may not be watching yet, just after start."""
    library = app.library
    edit(root, old, new)
    file = root / FILE
    for _ in range(10):
        with contextlib.suppress(AssertionError):
            await wait_until(pilot, lambda: app.library is not library, "a reload", timeout=1)
            return
        file.write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    raise AssertionError("the save was never reloaded")


def _mark(reviews: Reviews | None, claim: str) -> str:
    assert reviews is not None
    return reviews.status(BRIEF, "claim", claim)


async def test_undo_reaches_back_across_reloads(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        await mark_reviewed(app, pilot, screen, MARKED)
        await mark_reviewed(app, pilot, screen, SELECTED)
        before = app.reviews

        # The selected claim's own text changes: its mark goes stale, and stays undoable.
        await _save(app, pilot, example, SELECTED_TEXT, "Twelve thousand soldiers come soon.")
        assert app.reviews is not before
        await wait_until(pilot, lambda: _mark(app.reviews, SELECTED) == "stale", "a stale mark")

        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: _mark(app.reviews, SELECTED) == "unreviewed",
            "u to undo the mark given before the reload",
            lambda: _mark(app.reviews, SELECTED),
        )
        assert _mark(app.reviews, MARKED) == "reviewed"

        # Another save, another session: the mark before that one is undone next.
        reloaded = app.reviews
        await _save(app, pilot, example, "Twelve thousand soldiers", "Twelve thousand troops")
        assert app.reviews is not reloaded
        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: _mark(app.reviews, MARKED) == "unreviewed",
            "u to undo the first mark, two reloads later",
            lambda: _mark(app.reviews, MARKED),
        )


def test_a_session_carries_the_marks_written_after_it_read_them(
    example: Path, tmp_path: Path
) -> None:
    library: Library = load_library(example)
    state = tmp_path / "review.db"
    old = Reviews(ReviewStore.open(state, "ana"), library.briefs)
    new = Reviews(ReviewStore.open(state, "ana"), library.briefs)
    old.toggle(old.item(BRIEF, "claim", MARKED))  # written once `new` had read the marks
    assert new.status(BRIEF, "claim", MARKED) == "unreviewed"
    elsewhere = Reviews(ReviewStore.open(tmp_path / "other.db", "ana"), library.briefs)
    elsewhere.carry_from(old)  # another store: nothing to carry
    assert elsewhere.undo_last() is None

    new.carry_from(old)

    assert new.status(BRIEF, "claim", MARKED) == "reviewed"
    assert new.undo_last() == "claim marked reviewed"
    assert new.status(BRIEF, "claim", MARKED) == "unreviewed"
    for reviews in (old, new, elsewhere):
        reviews.close()


# -- an open search follows the marks and the reloaded library --------------------------------


async def _search(app: BriefApp, pilot: Pilot[Any], query: str) -> SearchScreen:
    await loaded(app, pilot)
    await pilot.press("slash")
    screen = await screen_up(app, pilot, SearchScreen)
    screen.focus_query(query)
    await wait_until(pilot, lambda: screen.valid_query == query, f"{query!r} searched")
    return screen


def _keys(screen: SearchScreen) -> list[ClaimKey]:
    results = screen.results_list.results
    assert results is not None
    return [results.key(row) for row in range(results.total)]


def _toggle(app: BriefApp, key: ClaimKey) -> None:
    assert app.reviews is not None
    app.reviews.toggle(app.reviews.item(key.brief, "claim", key.claim))


async def test_a_search_on_marks_follows_them_keeping_its_claim(example: Path) -> None:
    app = BriefApp(resolve(example), reviewer="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _search(app, pilot, "is:unreviewed")
        found = _keys(screen)
        results = screen.results_list
        results.move_to(2)
        here = results.key
        searched: list[str] = []
        search = screen.index.search

        def counted(query: str | Query, *args: Any, **kwargs: Any) -> Results:
            searched.append(str(query))
            return search(query, *args, **kwargs)

        screen.index.search = counted  # type: ignore[method-assign]

        for key in found[:3:2]:  # a burst of marks (one above the cursor, the cursor's own)
            _toggle(app, key)

        await wait_until(
            pilot, lambda: _keys(screen) == [found[1], *found[3:]], "the marked claims to go"
        )
        assert searched == ["is:unreviewed"], "a burst of marks searches once"
        assert results.key == found[3], "the cursor's claim went: the claim after it"
        assert screen.query_one(Input).value == "is:unreviewed"

        # Unmarked again (as a colleague's live change would arrive): it comes back, and the
        # cursor stays on the claim it is on.
        results.move_to(0)
        assert results.key == found[1]
        _toggle(app, found[0])
        await wait_until(pilot, lambda: found[0] in _keys(screen), "the unmarked claim back")
        assert results.key == found[1]
        assert here == found[2]


async def test_a_search_by_reviewer_follows_the_marks(example: Path) -> None:
    app = BriefApp(resolve(example), reviewer="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _search(app, pilot, "by:ana")
        assert _keys(screen) == []
        key = ClaimKey(BRIEF, MARKED)
        _toggle(app, key)
        await wait_until(pilot, lambda: _keys(screen) == [key], "my mark to be found by:ana")


async def test_an_open_search_follows_a_reload(example: Path) -> None:
    app = BriefApp(resolve(example), reviewer="ana", watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _search(app, pilot, "soldiers")
        found = _keys(screen)
        assert found[1] == ClaimKey(BRIEF, SELECTED)
        results = screen.results_list
        results.move_to(2)
        here = results.key
        reviews = app.reviews

        await _save(
            app, pilot, example, SELECTED_TEXT, "Zorblax says twelve thousand troops come soon."
        )

        # The changed claim no longer says "soldiers": it leaves the results.
        await wait_until(
            pilot,
            lambda: ClaimKey(BRIEF, SELECTED) not in _keys(screen),
            "the search to follow the reloaded library",
            lambda: _keys(screen),
        )
        assert results.key == here, "the cursor stays on its claim"
        assert screen.query_one(Input).value == "soldiers"
        assert screen.reviews is app.reviews is not reviews  # marks go to the new session
        screen.focus_query("zorblax")
        await wait_until(pilot, lambda: _keys(screen) == [ClaimKey(BRIEF, SELECTED)], "new words")


# -- the library's filter and order follow the marks and a reload ------------------------------


async def _library(app: BriefApp, pilot: Pilot[Any], filter_text: str = "") -> LibraryScreen:
    screen = await loaded(app, pilot)
    if filter_text:
        await pilot.press("f", *filter_text, "enter")
        await wait_until(pilot, lambda: screen.filter_text == filter_text, "the filter")
    return screen


def _listed(screen: LibraryScreen) -> list[str]:
    return [b.id for b in screen.table.shown]


async def test_the_library_filter_follows_the_marks(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs), reviewer="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot, "is:unreviewed")
        assert _listed(screen) == [BRIEF, "other"]
        screen.table.move_cursor(row=1)
        assert app.reviews is not None
        app.reviews.set_reviewed(app.reviews.needing_review(BRIEF))
        await wait_until(
            pilot, lambda: _listed(screen) == ["other"], "the reviewed brief to leave the list"
        )
        assert screen.brief is not None and screen.brief.id == "other"


async def test_the_library_order_by_progress_follows_the_marks(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs), reviewer="ana")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot)
        while screen.sort != "progress":
            await pilot.press("s")
        order = _listed(screen)
        first = order[0]
        screen.table.move_cursor(row=0)
        assert app.reviews is not None
        app.reviews.set_reviewed(app.reviews.needing_review(first))
        await wait_until(
            pilot, lambda: _listed(screen) == order[::-1], "the reviewed brief to go last"
        )
        assert screen.brief is not None and screen.brief.id == first, "the cursor follows it"


async def test_the_library_filter_follows_a_reload(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _library(app, pilot, "zorblax")
        assert _listed(screen) == []
        await _save(
            app, pilot, example, SELECTED_TEXT, "Zorblax says twelve thousand troops come soon."
        )
        await wait_until(
            pilot, lambda: _listed(screen) == [BRIEF], "a claim's new words to match the filter"
        )
        assert screen.filter_text == "zorblax"


# -- the claims wrap at one width ------------------------------------------------------------


async def test_claim_rows_wrap_alike_on_opening_and_after_a_reload(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        claims = screen.query_one(ClaimList)
        await wait_until(pilot, lambda: claims.show_vertical_scrollbar, "more claims than rows")
        await pilot.pause()

        def rows() -> list[str]:
            return [
                getattr(option.prompt, "plain", str(option.prompt))
                for option in claims.options
                if option.id != SELECTED
            ]

        opened = rows()
        await _save(app, pilot, example, SELECTED_TEXT, "Twelve thousand soldiers come soon.")
        await wait_until(
            pilot,
            lambda: "Twelve thousand" in str(claims.get_option(SELECTED).prompt),
            "the reloaded claim",
        )
        await pilot.pause()
        assert rows() == opened


# -- keys pressed while the library loads ------------------------------------------------------


async def test_keys_pressed_before_any_brief_is_listed_are_kept(
    two_briefs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    go = threading.Event()
    build = Reloader.build

    def held(self: Reloader, *args: Any, **kwargs: Any) -> Any:
        go.wait(10)  # a big workspace: nothing is listed for a while
        return build(self, *args, **kwargs)

    monkeypatch.setattr(Reloader, "build", held)
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "enter")  # the second brief, newest first
        go.set()
        await showing(app, pilot, "other")
        library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
        assert library.filter_text == "", "the keys went to the hidden filter line"


async def test_the_first_load_starts_at_the_top_of_the_list(
    two_briefs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Read first, listed last (it is older): the list is read in another order than it shows.
    (two_briefs / "briefs" / "other.md").rename(two_briefs / "briefs" / "a-other.md")
    # Each brief listed as it is read (a load this fast lists nothing before its library).
    monkeypatch.setattr(loading, "LISTED_EVERY", 1)
    seen: list[Message] = []
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await loaded(app, pilot)
        listed = [b.id for m in seen if isinstance(m, BriefsListed) for b in m.briefs]
        assert listed[0] == "other", "read first"
        assert _listed(screen) == [BRIEF, "other"]
        assert screen.brief is not None and screen.brief.id == BRIEF


def test_what_a_session_carries_late_goes_on_to_its_successor(
    example: Path, tmp_path: Path
) -> None:
    # Two reloads in a row while a mark was still being written on the first session: the
    # second reload's session took over before the first one's undo stack was carried.
    library: Library = load_library(example)
    state = tmp_path / "review.db"
    first, second, third = (
        Reviews(ReviewStore.open(state, "ana"), library.briefs) for _ in range(3)
    )
    third.carry_from(second)
    first.toggle(first.item(BRIEF, "claim", MARKED))
    second.carry_from(first)
    assert third.status(BRIEF, "claim", MARKED) == "reviewed"
    assert third.undo_last() == "claim marked reviewed"
    assert third.undo_last() is None, "each change once"
    for reviews in (first, second, third):
        reviews.close()
