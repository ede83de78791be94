"""The search screen with Pilot: typing, counts, rows, moving, choosing, and untrusted text."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, Static

from tui.app.screens.search import SearchScreen
from tui.app.themes import variables_for
from tui.app.widgets.results import ResultsList
from tui.load.library import load_library
from tui.model import ClaimKey, Library
from tui.search import SearchIndex, StatusOf

from .pilot import screen_up, wait_until

EX = "nk-troops-russia-2024-11"

EVIL = """\
---
brief: 1
id: evil
title: Markup in claims
date: 2024-12-01
sources:
  - id: x
    name: "[b]Mallory[/b]"
claims:
  - id: c1
    source: x
    text: "[@click=app.quit]x[/] [/bold] kursk"
---
"""


class SearchApp(App[None]):
    """Pushes the search screen and remembers what it was dismissed with."""

    def __init__(self, library: Library, status_of: StatusOf | None = None) -> None:
        super().__init__()
        self.library = library
        self.index = SearchIndex.build(library)
        self.status_of = status_of
        self.chosen: list[ClaimKey | None] = []

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(self.library, self.index, self.status_of), self.chosen.append)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # The reader's own colours ($brief-*), as BriefApp provides them.
        return variables_for(self.current_theme)


def status(app: App[None]) -> str:
    # The count (and position), without the key hints that follow it.
    text = str(app.screen.query_one("#search-status", Static).render())
    return text.split("   ")[0]


def rows(app: App[None]) -> list[str]:
    """The text of the result rows on screen, as drawn (under the header row)."""
    view = app.screen.query_one(ResultsList)
    return [
        view.render_line(y).text.rstrip()
        for y in range(1, view.size.height)
        if view.render_line(y).text.strip()
    ]


async def test_type_move_choose(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(160, 30)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        assert status(app) == "12 claims · 1 of 12"
        for char in "kursk":
            await pilot.press(char)
        await pilot.pause()
        assert app.screen.query_one(Input).value == "kursk"
        assert status(app) == "2 claims · 1 of 2"
        shown = rows(app)
        assert len(shown) == 2
        assert f"{EX[:11]}… Antony Blinken" in shown[0]
        assert "B2    …military personnel have been relocated to the Kursk" in shown[0]
        assert "Mark Rutte" in shown[1]
        assert "…military personnel are stationed in Russia's Kursk" in shown[1]
        # Matched words are styled differently from their neighbours.
        view = app.screen.query_one(ResultsList)
        kursk = [seg for y in (1, 2) for seg in view.render_line(y) if seg.text == "Kursk"]
        assert kursk and kursk[0].style is not None and kursk[0].style.underline
        await pilot.press("down")
        assert app.screen.query_one(ResultsList).cursor == 1
        await pilot.press("up", "ctrl+j")
        assert app.screen.query_one(ResultsList).cursor == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.chosen, "the search to close")
        assert app.chosen == [ClaimKey(EX, "rutte-kursk")]


async def test_bad_query_and_escape(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(100, 24)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        for char in "kursk":
            await pilot.press(char)
        app.screen.query_one(Input).value = "kursk foo:x"  # as if pasted
        await pilot.pause()
        assert status(app).startswith("unknown qualifier `foo:`")
        assert len(rows(app)) == 2  # the last good results stay
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.chosen, "the search to close")
        assert app.chosen == [None]


async def test_review_marks(example: Path) -> None:
    def status_of(key: ClaimKey) -> tuple[str, bool]:
        return ("reviewed", True) if key.claim == "rutte-kursk" else ("unreviewed", False)

    app = SearchApp(load_library(example), status_of)
    async with app.run_test(size=(120, 30)) as pilot:
        for char in "is:flagged":
            await pilot.press(char)
        await pilot.pause()
        assert status(app) == "1 claim"
        assert rows(app)[0].startswith("✓⚑")  # the reader's marks: reviewed, flagged


async def test_untrusted_text_is_shown_literally(example: Path) -> None:
    (example / "briefs" / "evil.md").write_text(EVIL, encoding="utf-8")
    app = SearchApp(load_library(example))
    async with app.run_test(size=(120, 30)) as pilot:
        for char in "click":
            await pilot.press(char)
        await pilot.pause()
        assert status(app) == "1 claim"
        shown = rows(app)
        assert "[b]Mallory[/b]" in shown[0]
        assert "[@click=app.quit]x[/] [/bold] kursk" in shown[0]
        await pilot.click(ResultsList, offset=(30, 2))  # the border, the header, row 1
        await wait_until(pilot, lambda: app.chosen, "the search to close")
        assert app.is_running
        assert app.chosen == [ClaimKey("evil", "c1")]
