"""`e` with an editor that is missing, fails to start, exits with an error or is killed (issue 11,
class 5): a notice, and the reader comes back drawn and answering keys.

Textual's `App.suspend()` resumes the terminal only when its `with` block ends normally: an
exception escaping it left the terminal blank and cooked. The Pilot tests put a stand-in for
`suspend` that behaves the same way, so "not resumed" is seen without a terminal; the tmux test
reads what a real terminal draws.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.message import Message

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.widgets.claims import ClaimList
from tui.load.workspace import resolve

from .pilot import notifications, open_brief, wait_until
from .terminal import Terminal, needs_tmux


class Suspension:
    """Stands in for `App.suspend`: like Textual's, it resumes only when the block ends
    normally (an exception escaping the block leaves the app suspended)."""

    def __init__(self) -> None:
        self.suspended = False
        self.times = 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        self.suspended = True
        self.times += 1
        yield
        self.suspended = False


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def claim_id(screen: BriefScreen) -> str:
    current = screen.query_one(ClaimList).claim
    assert current is not None
    return current.id


async def press_e(
    example: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> tuple[list[str], Suspension, bool]:
    """Open the example's brief, press `e` with `$EDITOR` set to `editor`, check the reader still
    answers keys; the notices' texts, the suspension, and whether the library was reloaded."""
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    suspension = Suspension()
    monkeypatch.setattr(app, "suspend", suspension)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        before = app.library
        first = claim_id(screen)
        await pilot.press("e")
        await wait_until(pilot, lambda: notifications(seen), "a notice")
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The reader is intact: the brief screen is up and moves with `j`.
        assert app.screen is screen or isinstance(app.screen, BriefScreen)
        screen = app.screen
        assert isinstance(screen, BriefScreen)
        await pilot.press("j")
        await wait_until(pilot, lambda: claim_id(screen) != first, "the cursor to move")
        assert app.is_running
        reloaded = app.library is not before
    return [n.message for n in notifications(seen)], suspension, reloaded


async def test_missing_editor(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes, suspension, reloaded = await press_e(example, monkeypatch, "/nonexistent/editor")
    assert notes == [
        "Editor not found: '/nonexistent/editor' (from $EDITOR); set `editor:` in config.yaml "
        "or $EDITOR to a program on your PATH."
    ]
    assert suspension.times == 0  # the terminal was never handed over
    assert not suspension.suspended
    assert not reloaded


@pytest.mark.parametrize("editor", ['""', "''"], ids=["double", "single"])
async def test_empty_editor_command(
    example: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> None:
    notes, suspension, reloaded = await press_e(example, monkeypatch, editor)
    assert [n.split(";")[0] for n in notes] == ["Editor not found: '' (from $EDITOR)"]
    assert (suspension.times, suspension.suspended, reloaded) == (0, False, False)


async def test_no_editor_set(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes, suspension, _ = await press_e(example, monkeypatch, "")
    assert [n.split(":")[0] for n in notes] == ["No editor set"]
    assert (suspension.times, suspension.suspended) == (0, False)


async def test_editor_that_fails_to_start(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found on the PATH, yet the OS refuses to run it (an executable with no valid format).
    broken = tmp_path / "broken-editor"
    broken.write_bytes(b"\x7fELF not really")
    broken.chmod(0o755)
    notes, suspension, reloaded = await press_e(example, monkeypatch, str(broken))
    assert len(notes) == 1 and notes[0].startswith(f"Could not start the editor '{broken}': ")
    assert suspension.times == 1
    assert not suspension.suspended  # resumed: the failure was caught inside the suspension
    assert not reloaded  # nothing ran, so nothing changed


async def test_editor_exits_with_an_error(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = script(tmp_path, "fails", "exit 1")
    notes, suspension, reloaded = await press_e(example, monkeypatch, str(editor))
    assert notes == [
        f"The editor '{editor}' exited with status 1; the file is read again as it is now."
    ]
    assert (suspension.times, suspension.suspended) == (1, False)
    assert reloaded


async def test_editor_is_killed(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = script(tmp_path, "killed", "kill -9 $$")
    notes, suspension, _ = await press_e(example, monkeypatch, str(editor))
    assert notes == [
        f"The editor '{editor}' was stopped by SIGKILL; the file is read again as it is now."
    ]
    assert (suspension.times, suspension.suspended) == (1, False)


# -- a real terminal -------------------------------------------------------------------------------

CLAIM = "Russia's use of North Korean troops"
PANE = "Sources & claims"


@needs_tmux
@pytest.mark.parametrize(
    ("editor", "notice"),
    [("/nonexistent/editor", "Editor not found"), ("fails", "exited with status 1")],
    ids=["missing", "exit-1"],
)
def test_editor_failure_leaves_the_reader_drawn(
    example: Path, tmp_path: Path, editor: str, notice: str
) -> None:
    if editor == "fails":
        editor = str(script(tmp_path, "fails", "exit 1"))
    env = {
        "BRIEF_STATE": os.environ["BRIEF_STATE"],
        "BRIEF_CONFIG": os.environ["BRIEF_CONFIG"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        "EDITOR": editor,
    }
    term = Terminal([str(example)], example, (120, 40), env)
    try:
        term.wait_for("workspace: 1 brief")
        term.send("Enter")
        term.wait_for(PANE, CLAIM)
        term.send("e")
        term.wait_for(PANE, CLAIM, notice)
        term.send("?")  # and it still answers keys
        term.wait_for("─ Help")
        term.send("Escape")
        term.wait_for(PANE, CLAIM, absent=("─ Help",))
    finally:
        term.close()
