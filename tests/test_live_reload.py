"""Live reload (issue 13): the reader shows what is saved to the workspace while it is open.

Each test edits files of a copy of the example from outside the app, as an editor would, while
the reader shows them, and waits (never sleeps) until the screen follows.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.pilot import Pilot

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.library import LibraryScreen
from tui.app.widgets.claims import ClaimList
from tui.load.workspace import resolve

from .conftest import ROOT
from .pilot import loaded, notifications, open_brief, screen_up, visible_text, wait_until

BRIEF = "nk-troops-russia-2024-11"
FILE = "briefs/nk-troops-russia.md"
SELECTED = "zelensky-12000"
SELECTED_TEXT = "The number of North Korean soldiers in Russia is expected to rise to 12,000 soon."
MARKED = "blinken-8000"


def edit(root: Path, old: str, new: str, path: str = FILE) -> None:
    """Save a change to a workspace file, as an editor does."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def detail_text(screen: BriefScreen) -> str:
    return visible_text(screen.query_one("#detail-text"))  # type: ignore[arg-type]


def selected(screen: BriefScreen) -> str | None:
    claim = screen.query_one(ClaimList).claim
    return claim.id if claim else None


async def mark_reviewed(app: BriefApp, pilot: Pilot[Any], screen: BriefScreen, claim: str) -> None:
    """Select a claim and press space; wait until the mark is written."""
    assert screen.brief is not None
    from tui.model import ClaimKey

    screen.query_one(ClaimList).select_claim(ClaimKey(screen.brief.id, claim))
    await pilot.press("space")
    await wait_until(
        pilot,
        lambda: app.reviews is not None and app.reviews.status(BRIEF, "claim", claim) == "reviewed",
        f"{claim} to be marked reviewed",
    )


async def select(pilot: Pilot[Any], screen: BriefScreen, claim: str) -> None:
    assert screen.brief is not None
    from tui.model import ClaimKey

    screen.query_one(ClaimList).select_claim(ClaimKey(screen.brief.id, claim))
    await wait_until(pilot, lambda: selected(screen) == claim, f"{claim} to be selected")


async def test_a_saved_change_is_shown_keeping_selection_scroll_and_marks(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        await mark_reviewed(app, pilot, screen, MARKED)
        await select(pilot, screen, SELECTED)
        claims = screen.query_one(ClaimList)
        await wait_until(pilot, lambda: claims.scroll_y > 0, "the claims list to scroll")
        scroll = claims.scroll_y
        library = app.library
        await wait_until(pilot, lambda: SELECTED_TEXT in detail_text(screen), "its detail")

        edit(example, SELECTED_TEXT, "Twelve thousand soldiers are expected soon, says Kyiv.")

        await wait_until(
            pilot,
            lambda: "Twelve thousand soldiers" in detail_text(screen),
            "the saved text in the claim detail",
            lambda: detail_text(screen)[:200],
        )
        assert app.library is not library  # reloaded...
        assert app.screen is screen  # ...on the same screen, at the same place
        assert selected(screen) == SELECTED
        assert claims.scroll_y == scroll
        assert app.reviews is not None
        assert app.reviews.status(BRIEF, "claim", MARKED) == "reviewed"
        row = claims.get_option(MARKED).prompt
        assert "✓" in getattr(row, "plain", str(row))  # the mark is drawn on its row


async def test_a_broken_save_keeps_the_last_good_view_and_shows_the_problem(
    example: Path,
) -> None:
    seen: list[Message] = []
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        await select(pilot, screen, SELECTED)
        assert app.library is not None
        errors = app.library.error_count
        header = screen.query_one("#brief-header")

        edit(example, "claims:\n", "claims:\n  - id: [unclosed\n")

        await wait_until(
            pilot,
            lambda: app.library is not None and app.library.error_count > errors,
            "the YAML error to reach the library's problems",
        )
        assert app.library is not None
        brief = next(b for b in app.library.briefs if b.path == FILE)
        assert brief.claims, "the last good view of the brief is kept"
        assert any(p.code == "yaml-syntax" for p in brief.problems)
        await wait_until(
            pilot,
            lambda: "error" in visible_text(header),  # type: ignore[arg-type]
            "the problem badge in the brief's header",
            lambda: visible_text(header),  # type: ignore[arg-type]
        )
        assert app.screen is screen
        assert selected(screen) == SELECTED
        assert SELECTED_TEXT in detail_text(screen)
        await wait_until(
            pilot,
            lambda: bool(notifications(seen, "Brief not reloaded")),
            "a notice that the brief is shown as it last read",
        )
        # The problems view lists the error of the file as it is now.
        await pilot.press("p")
        from tui.app.screens.problems import ProblemsScreen

        problems = await screen_up(app, pilot, ProblemsScreen)
        assert any(p.code == "yaml-syntax" for p in problems.problems)

        # Fixed again: the problem goes, the brief reads from the file once more.
        edit(example, "  - id: [unclosed\n", "")
        await wait_until(
            pilot,
            lambda: not any(p.code == "yaml-syntax" for p in problems.problems),
            "the problems view to drop the fixed error",
        )


async def test_a_removed_brief_leaves_the_library_and_its_screen(two_briefs: Path) -> None:
    seen: list[Message] = []
    app = BriefApp(resolve(two_briefs), watch=True)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot, "other")

        (two_briefs / "briefs" / "other.md").unlink()

        library = await screen_up(app, pilot, LibraryScreen)
        await wait_until(
            pilot,
            lambda: (
                library.library is not None and [b.id for b in library.library.briefs] == [BRIEF]
            ),
            "the removed brief to leave the library",
        )
        notes = notifications(seen, "Brief removed")
        assert notes and "briefs/other.md" in notes[0].message


async def test_an_added_brief_and_a_changed_seed_are_read(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        from .conftest import OTHER_BRIEF

        (example / "briefs" / "other.md").write_text(OTHER_BRIEF, encoding="utf-8")
        await wait_until(
            pilot,
            lambda: app.library is not None and app.library.brief("other") is not None,
            "the added brief to join the library",
        )
        # A seed that changed is read again with the briefs that quote it.
        await select(pilot, screen, "isw-losses")
        seed = next(example.glob("seeds/*.txt"))
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("North Korea", "the DPRK"), encoding="utf-8")
        await wait_until(
            pilot,
            lambda: (
                app.library is not None
                and any(p.code.startswith("quote") for p in app.library.problems)
            ),
            "the quotes no longer found in the changed seed to be reported",
            lambda: app.library and [p.code for p in app.library.problems],
        )
        assert app.screen is screen and selected(screen) == "isw-losses"


async def test_without_watching_nothing_is_reloaded(example: Path) -> None:
    app = BriefApp(resolve(example), watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        library = app.library
        assert app.watcher is None
        with witness(example / "briefs") as saw:
            edit(example, SELECTED_TEXT, "Twelve thousand soldiers are expected soon.")
            # Once a watcher of our own has seen the save, a watching reader would have too.
            await wait_until(pilot, lambda: bool(saw), "the save to reach a file watcher")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is library
        await select(pilot, screen, SELECTED)
        await wait_until(
            pilot, lambda: SELECTED_TEXT in detail_text(screen), "the text as first read"
        )


@contextmanager
def witness(folder: Path) -> Iterator[list[object]]:
    """Watch a folder with watchfiles in a thread, as the reader would; yields what it saw."""
    from watchfiles import watch

    seen: list[object] = []
    stop = threading.Event()
    ready = threading.Event()

    def run() -> None:
        for batch in watch(
            folder, stop_event=stop, debounce=200, step=50, yield_on_timeout=True, rust_timeout=50
        ):
            ready.set()
            seen.extend(batch)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)  # watching (the first timeout came round) before the save is made
    try:
        yield seen
    finally:
        stop.set()
        thread.join(10)


async def test_quitting_stops_the_watcher(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        watcher = app.watcher
        assert watcher is not None
        await wait_until(pilot, lambda: bool(watcher.folders), "the watcher to start")
        assert example / "briefs" in watcher.folders and example / "seeds" in watcher.folders
        assert not watcher.ended.is_set()
    # The app has ended: its watcher's thread has returned, nothing keeps the process alive.
    assert watcher.ended.wait(5), "the watcher's thread still runs after quitting"


def test_no_watch_on_the_command_line(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from tui.cli import main

    watching: list[bool] = []
    monkeypatch.setattr(BriefApp, "run", lambda self, *a, **k: watching.append(bool(self.watcher)))
    here = str(example)
    for args in (["--no-watch", here], ["open", "--no-watch", here], [here]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    assert watching == [False, False, True]


async def test_a_saved_workspace_theme_repaints(example: Path) -> None:
    from tui.config import Config

    themes = example / "themes"
    themes.mkdir()
    theme = (ROOT / "themes" / "brief-dark.yaml").read_text(encoding="utf-8")
    theme = theme.replace("name: brief-dark", "name: desk").replace("#15171c", "#102030", 1)
    (themes / "desk.yaml").write_text(theme, encoding="utf-8")
    app = BriefApp(resolve(example), config=Config(theme="desk"), watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.theme == "desk"
        assert str(app.current_theme.background).lower() == "#102030"
        await wait_until(pilot, lambda: app.watcher is not None and app.watcher.folders, "watch")
        screen = app.screen
        before = screen.styles.background.hex
        (themes / "desk.yaml").write_text(theme.replace("#102030", "#302010"), encoding="utf-8")
        await wait_until(
            pilot,
            lambda: str(app.current_theme.background).lower() == "#302010",
            "the saved theme to be registered again",
            lambda: app.current_theme.background,
        )
        await wait_until(
            pilot,
            lambda: screen.styles.background.hex != before,
            "the screen repainted in the saved theme",
            lambda: screen.styles.background.hex,
        )
