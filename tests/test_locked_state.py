"""A review file the OS refuses to reach (a folder without permission) gives a read-only session
with a message: never 'Load failed' with the library stuck on 'Loading briefs…', never a
traceback from `brief config`.

Tests run as root in CI, where permissions are not enforced, so the refusal is simulated where
Python meets the OS: every path under the locked folder raises PermissionError, as it does for
an ordinary user.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.message import Message
from textual.widgets import DataTable, Static

from tui.app.main import BriefApp
from tui.cli import main
from tui.load.workspace import resolve
from tui.review import ReviewStore

from .pilot import loaded, notifications, open_brief, visible_text, wait_until


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder whose contents the OS refuses to reach."""
    folder = tmp_path / "locked"
    folder.mkdir()

    def refuse(path: object) -> None:
        text = os.fspath(path) if isinstance(path, (str, os.PathLike)) else ""
        if str(text).startswith(str(folder) + os.sep) or str(text) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", str(text))

    def guard(real: Any) -> Any:
        def wrapper(self_or_path: Any, *args: Any, **kwargs: Any) -> Any:
            refuse(self_or_path)
            return real(self_or_path, *args, **kwargs)

        return wrapper

    for name in ("exists", "is_dir", "is_file", "mkdir", "stat", "iterdir"):
        monkeypatch.setattr(Path, name, guard(getattr(Path, name)))
    real_access, real_connect = os.access, sqlite3.connect

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        refuse(path)
        return real_access(path, mode, **kwargs)

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        refuse(database)
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(sqlite3, "connect", connect)
    return folder


def test_store_opens_read_only(locked: Path) -> None:
    store = ReviewStore.open(locked / "state" / "review.db", "ana")
    assert store.read_only
    assert "Permission denied" in store.read_only_reason
    assert str(locked) in store.messages[0]


async def test_reader_opens_read_only_with_a_message(
    example: Path, locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEF_STATE", str(locked / "review.db"))
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        library = await loaded(app, pilot)
        status = visible_text(library.query_one("#library-status", Static))
        assert "1 brief · 12 claims" in status
        assert library.query_one("#briefs", DataTable).row_count == 1
        notes = notifications(seen)
        assert any(n.title == "Review marks" and "can't be saved" in n.message for n in notes), (
            notes
        )
        assert not any(n.title == "Load failed" for n in notes)
        # The briefs read as usual; a mark is refused with a notice, not a crash.
        await open_brief(app, pilot)
        await pilot.press("space")
        await wait_until(pilot, lambda: notifications(seen, "Read-only"), "a read-only notice")
        assert app.is_running


def test_config_command_reports_instead_of_a_traceback(
    locked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEF_STATE", str(locked / "review.db"))
    result = CliRunner().invoke(main, ["config"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert "review state" in result.output
    assert "cannot be read: Permission denied" in result.output
