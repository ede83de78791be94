"""Driving the reader in tests: wait for the library, open a brief, wait on conditions, read
what widgets show and which notifications were posted.

Tests never sleep for a fixed time: they wait until a condition holds (with a deadline and a
message saying what never happened), or for workers with `app.workers.wait_for_complete()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from rich.text import Text
from textual.app import App
from textual.command import CommandList
from textual.content import Content
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.library import LibraryScreen

TIMEOUT = 10.0
"""Seconds a condition may take: generous, as tests share two cores with others."""

S = TypeVar("S", bound=Screen[Any])

SnapCompare = Callable[..., bool]
"""The `snap_compare` fixture of pytest-textual-snapshot."""


async def wait_until(
    pilot: Pilot[Any],
    condition: Callable[[], object],
    what: str,
    now: Callable[[], object] | None = None,
    timeout: float = TIMEOUT,
) -> None:
    """Let the app run until `condition()` is true; fail saying `what` never happened (and,
    with `now`, what there was instead)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            instead = f"; instead: {now()!r}" if now is not None else ""
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}{instead}")
        await pilot.pause()


async def wait_for_text(
    pilot: Pilot[Any], text: Callable[[], str], expected: str, timeout: float = TIMEOUT
) -> None:
    """Wait until `expected` is part of `text()` (what a widget shows, say)."""
    await wait_until(pilot, lambda: expected in text(), f"{expected!r} to be shown", text, timeout)


async def screen_up(app: App[Any], pilot: Pilot[Any], kind: type[S]) -> S:
    """Wait until the screen on top is a `kind`, and return it."""
    await wait_until(
        pilot,
        lambda: isinstance(app.screen, kind),
        f"the {kind.__name__}",
        lambda: type(app.screen).__name__,
    )
    screen = app.screen
    assert isinstance(screen, kind)
    return screen


async def loaded(app: BriefApp, pilot: Pilot[Any]) -> LibraryScreen:
    """Wait for the load worker and for the library screen to list what it loaded."""
    await app.workers.wait_for_complete()
    await wait_until(pilot, lambda: app.library is not None, "the library to load")
    screen = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
    await wait_until(
        pilot,
        lambda: screen.library is app.library,
        "the library screen to list the briefs",
    )
    return screen


def brief_shown(app: App[Any]) -> str | None:
    """Id of the brief on the screen, None when the brief screen is not up."""
    screen = app.screen
    if not isinstance(screen, BriefScreen) or screen.brief is None:
        return None
    return screen.brief.id


async def showing(app: BriefApp, pilot: Pilot[Any], brief: str) -> BriefScreen:
    """Wait until the brief screen is up and shows `brief`."""
    await wait_until(
        pilot,
        lambda: brief_shown(app) == brief,
        f"the brief screen to show {brief!r}",
        lambda: brief_shown(app) or type(app.screen).__name__,
    )
    screen = app.screen
    assert isinstance(screen, BriefScreen)
    return screen


async def open_brief(app: BriefApp, pilot: Pilot[Any], brief: str | None = None) -> BriefScreen:
    """Wait for the library, open `brief` (the first row when None) from the library as a user
    does (cursor, Enter), and wait until the brief screen shows it."""
    screen = await loaded(app, pilot)
    assert app.screen is screen, f"expected the library, not {type(app.screen).__name__}"
    assert app.library is not None
    briefs = app.library.briefs
    table = screen.query_one("#briefs", DataTable)
    if brief is not None:
        table.move_cursor(row=next(i for i, b in enumerate(briefs) if b.id == brief))
    wanted = briefs[table.cursor_row].id
    await pilot.press("enter")
    return await showing(app, pilot, wanted)


def palette_choice(app: App[Any]) -> str | None:
    """The highlighted command of the command palette (None: no palette, or nothing offered)."""
    lists = app.screen.query(CommandList)
    if not lists or lists.first().highlighted is None:
        return None
    options = lists.first()
    assert options.highlighted is not None
    return option_text(options, options.highlighted)


async def palette_offers(app: App[Any], pilot: Pilot[Any], command: str) -> None:
    """Wait until the command palette has gathered its hits for what was typed and highlights
    the one starting with `command` (Enter then runs it)."""
    await app.workers.wait_for_complete()
    await wait_until(
        pilot,
        lambda: (palette_choice(app) or "").startswith(command),
        f"the palette to offer {command!r}",
        lambda: palette_choice(app),
    )


def plain(visual: object) -> str:
    """The characters of a Content, a rich Text or a str, without their styles."""
    if isinstance(visual, (Content, Text)):
        return visual.plain
    if isinstance(visual, str):
        return visual
    raise AssertionError(f"expected text, got a {type(visual).__name__}")


def visible_text(widget: Static) -> str:
    """What a Static shows, as plain text (its content was never parsed as markup)."""
    visual = widget.visual
    assert isinstance(visual, Content), f"{widget!r} shows a {type(visual).__name__}"
    return visual.plain


def option_text(options: OptionList, index: int) -> str:
    """The plain text of one row of an option list."""
    return plain(options.get_option_at_index(index).prompt)


def notifications(messages: Iterable[Message], title: str | None = None) -> list[Notification]:
    """The notifications among messages posted (`run_test(message_hook=seen.append)`),
    optionally only those with a title."""
    notes = [m.notification for m in messages if isinstance(m, Notify)]
    return [n for n in notes if title is None or n.title == title]
