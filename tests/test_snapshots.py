"""How the screens look, at 80x24 and 120x40 (SVG snapshots in tests/__snapshots__)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app.main import BriefApp
from tui.load.workspace import resolve

SIZES = [(80, 24), (120, 40)]


async def loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def then(*keys: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library(snap_compare, two_briefs: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(BriefApp(resolve(two_briefs)), terminal_size=size, run_before=then())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_brief(snap_compare, example: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=then("enter", "j", "j", "j", "j", "j"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_brief_summary(snap_compare, example: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=then("enter", "h", "j", "j", "j"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, example: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = BriefApp(resolve(example))
    assert snap_compare(app, terminal_size=size, run_before=then("enter", "question_mark"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_problems(snap_compare, workspace: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    from .conftest import FIXTURES

    for name in ("unknown-source.md", "invalid-field-yaml11.md", "quote-not-found.md"):
        (workspace / "briefs" / name).write_bytes((FIXTURES / "problems" / name).read_bytes())
    app = BriefApp(resolve(workspace))
    assert snap_compare(app, terminal_size=size, run_before=then("p"))
