"""The library list fills as briefs are read (issue 12): rows before the last file is parsed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

import tui.load.library as loading
from tui.app.main import BriefApp
from tui.app.messages import BriefsListed
from tui.app.screens.library import LibraryScreen
from tui.load.workspace import resolve

from .conftest import OTHER_BRIEF
from .pilot import loaded, notifications, screen_up, wait_until

BRIEFS = 6


def path_shown(app: BriefApp) -> str | None:
    """Path of the brief on the brief screen, None when none is up."""
    screen = app.brief_screen
    return screen.brief.path if screen is not None and screen.brief is not None else None


@pytest.fixture
def many(example: Path) -> Path:
    """The example plus BRIEFS - 1 small briefs, one date each."""
    for n in range(1, BRIEFS):
        text = OTHER_BRIEF.replace("id: other", f"id: other-{n}").replace(
            "2024-10-01", f"2024-10-{n:02}"
        )
        (example / "briefs" / f"other-{n}.md").write_text(text, encoding="utf-8")
    return example


async def test_rows_show_and_move_before_the_last_brief_is_read(
    many: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = resolve(many)
    last = ws.rel(ws.files[-1])
    release = threading.Event()
    read = loading.parse

    def slow_read(file: Path, rel: str, *args: Any) -> Any:
        if rel == last:
            assert release.wait(30), "the test never let the last brief be read"
        return read(file, rel, *args)

    monkeypatch.setattr(loading, "parse", slow_read)
    monkeypatch.setattr(loading, "LISTED_EVERY", 1)
    messages: list[Any] = []
    app = BriefApp(ws)
    try:
        async with app.run_test(size=(80, 24), message_hook=messages.append) as pilot:
            screen = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
            table = screen.query_one("#briefs", DataTable)
            await wait_until(pilot, lambda: table.row_count == BRIEFS - 1, "rows while loading")
            assert app.library is None and any(isinstance(m, BriefsListed) for m in messages)
            await pilot.press("j")
            assert table.cursor_row == 1
            under = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            await pilot.press("enter")
            await wait_until(
                pilot,
                lambda: any("Still loading" in n.message for n in notifications(messages)),
                "'Still loading' on Enter",
            )
            release.set()
            await loaded(app, pilot)
            assert table.row_count == BRIEFS
            # The cursor stays on the same brief, wherever the loaded order puts it.
            assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == under
            assert screen.brief is not None and screen.brief.path == under
            # Enter pressed while loading opens that brief once the library is in.
            await wait_until(pilot, lambda: path_shown(app) == under, "the chosen brief")
    finally:
        release.set()


@pytest.fixture
def held_index(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The search index is built only once the returned event is set (set again at the end)."""
    from tui.search import SearchIndex

    release = threading.Event()
    build = SearchIndex.build

    def slow_build(library: Any) -> Any:
        assert release.wait(30), "the test never let the index be built"
        return build(library)

    monkeypatch.setattr(SearchIndex, "build", staticmethod(slow_build))
    yield release
    release.set()


async def test_the_list_is_usable_and_search_waits_while_the_index_builds(
    many: Path, held_index: threading.Event
) -> None:
    from tui.app.screens.indexing import IndexingScreen
    from tui.app.screens.search import SearchScreen

    release = held_index
    app = BriefApp(resolve(many))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.library is not None, "the library to load")
            screen = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
            await wait_until(pilot, lambda: screen.library is app.library, "the list")
            assert app.index is None  # the list is usable before the claims are indexed
            # Enter opens a brief while the index is being built.
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.brief_screen is not None, "a brief open")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the list")
            # A search waits, visibly, with what is typed meanwhile...
            await pilot.press("slash", "r", "a", "i", "d")
            waiting = await screen_up(app, pilot, IndexingScreen)
            assert waiting.query_text == "raid"
            status = waiting.query_one("#indexing-status")
            assert "indexing…" in str(status.render())
            # ...and the search view opens with it once the index is in.
            release.set()
            search = await screen_up(app, pilot, SearchScreen)
            assert app.index is not None
            assert search.query_text == "raid"
    finally:
        release.set()


async def test_enter_typed_while_indexing_goes_to_the_claim_found(
    many: Path, held_index: threading.Event
) -> None:
    from tui.app.screens.indexing import IndexingScreen

    release = held_index
    app = BriefApp(resolve(many))
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: app.library is not None, "the library to load")
            await pilot.press("slash", *"blinken", "enter")
            waiting = await screen_up(app, pilot, IndexingScreen)
            assert waiting.submitted
            release.set()
            await wait_until(pilot, lambda: app.brief_screen is not None, "the claim found")
            screen = app.brief_screen
            where = screen.location() if screen is not None else None
            assert where is not None and where.claim == "blinken-8000"
            assert app.last_query == "blinken"  # `/` offers it again
    finally:
        release.set()
