"""How the screens look, at 80x24 and 120x40 (SVG snapshots in tests/__snapshots__).

Each `run_before` asserts that the expected screen is up and shows the expected thing before
the snapshot is taken, so that a snapshot never silently captures the wrong screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList, Static

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.claims import ClaimList
from tui.app.widgets.summary import SummaryView
from tui.load.workspace import resolve

from .pilot import (
    SnapCompare,
    loaded,
    open_brief,
    option_text,
    screen_up,
    visible_text,
    wait_until,
)

SIZES = [(80, 24), (120, 40)]
EXAMPLE = "nk-troops-russia-2024-11"


def reader(pilot: Pilot[None]) -> BriefApp:
    app = pilot.app
    assert isinstance(app, BriefApp)
    return app


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


def claim_of(screen: BriefScreen) -> str | None:
    claim = screen.query_one(ClaimList).claim
    return claim.id if claim else None


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library(snap_compare: SnapCompare, two_briefs: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        library = await loaded(app, pilot)
        assert app.screen is library
        table = library.query_one("#briefs", DataTable)
        assert table.row_count == 2 and table.cursor_row == 0
        assert str(table.get_row_at(1)[1]).startswith("A follow-up on Kursk")

    assert snap_compare(BriefApp(resolve(two_briefs)), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library_filtered(
    snap_compare: SnapCompare, two_briefs: Path, size: tuple[int, int]
) -> None:
    """The library filtered by a claim word, the second brief previewed (issue 15)."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        library = await loaded(app, pilot)
        await press(pilot, "f", *"convoys", "enter")
        await wait_until(pilot, lambda: library.filter_text == "convoys", "the filter")
        table = library.query_one("#briefs", DataTable)
        assert table.row_count == 1
        assert "Convoys" not in str(table.get_row_at(0)[1]) and library.brief is not None
        assert library.brief.id == "other"
        assert str(library.query_one("#library-list").border_title).startswith("Briefs · 1 of 2")

    assert snap_compare(BriefApp(resolve(two_briefs)), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_brief(snap_compare: SnapCompare, example: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        screen = await open_brief(app, pilot)
        await press(pilot, "j", "j", "j", "j", "j")
        assert app.screen is screen
        assert screen.brief is not None and screen.brief.id == EXAMPLE
        assert (claim_of(screen), screen.pane) == ("blinken-8000", "claims")

    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_brief_summary(snap_compare: SnapCompare, example: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        screen = await open_brief(app, pilot)
        await press(pilot, "h", "j", "j", "j")
        assert app.screen is screen
        assert screen.pane == "summary"
        assert screen.query_one(SummaryView).cursor == 3

    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: SnapCompare, example: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        await open_brief(app, pilot)
        await press(pilot, "question_mark")
        help_screen = await screen_up(app, pilot, HelpScreen)
        keys = visible_text(help_screen.query_one("#help-keys", Static))
        assert "Next pane" in keys and "Next brief" in keys  # the brief screen's keys
        # It opens at the keys of the screen it was asked from.
        box = help_screen.query_one("#help")
        await wait_until(pilot, lambda: box.scroll_y == help_screen.start > 0, "the brief's keys")

    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_legend(snap_compare: SnapCompare, example: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        await open_brief(app, pilot)
        await press(pilot, "question_mark")
        help_screen = await screen_up(app, pilot, HelpScreen)
        keys = visible_text(help_screen.query_one("#help-keys", Static))
        assert "\nLegend\n" in keys and "usually reliable" in keys
        box = help_screen.query_one("#help")
        await wait_until(pilot, lambda: box.scroll_y == help_screen.start, "the brief's keys")
        await press(pilot, "G")  # the legend is at the end
        await wait_until(pilot, lambda: box.scroll_y == box.max_scroll_y > 0, "the legend")

    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_problems(snap_compare: SnapCompare, workspace: Path, size: tuple[int, int]) -> None:
    from .conftest import FIXTURES

    names = ("unknown-source.md", "invalid-field-yaml11.md", "quote-changed.md")
    for name in names:
        (workspace / "briefs" / name).write_bytes((FIXTURES / "problems" / name).read_bytes())

    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        await loaded(app, pilot)
        await press(pilot, "p")
        problems = await screen_up(app, pilot, ProblemsScreen)
        rows = problems.query_one("#problem-list", OptionList)
        assert rows.option_count == len(problems.problems) > 0
        shown = {option_text(rows, i).split(":")[0] for i in range(rows.option_count)}
        assert shown == {f"briefs/{name}" for name in names}
        assert rows.highlighted == 0

    app = BriefApp(resolve(workspace))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_preview(snap_compare: SnapCompare, example: Path, size: tuple[int, int]) -> None:
    from textual.widgets import Input

    from tui.app.screens.search import SearchScreen
    from tui.app.widgets.preview import ResultPreview

    async def run_before(pilot: Pilot[None]) -> None:
        app = reader(pilot)
        await loaded(app, pilot)
        await press(pilot, "slash")
        search = await screen_up(app, pilot, SearchScreen)
        search.query_one(Input).cursor_blink = False
        await press(pilot, *"north korean", "down")
        preview = search.query_one(ResultPreview)
        # The preview follows the cursor once it rests.
        key = search.results_list.key
        await wait_until(pilot, lambda: key is not None and preview.shown == key, "the preview")
        detail = visible_text(preview.query_one("#detail-text", Static))
        assert "Quote in context" in detail
        assert search.results_list.cursor == 1
        assert search.has_class("-wide") == (size[0] >= 120)

    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
