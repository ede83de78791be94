"""Review benchmark: toggling a mark, store alone and store + screen update. Prints only."""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.reviewing import ReviewingScreen
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.review import Reviews, ReviewStore

from .frames import record_frames

ROOT = Path(__file__).resolve().parent.parent


def store_only(tmp: Path, rounds: int = 200) -> list[float]:
    """Milliseconds per `Reviews.toggle` (one committed SQLite transaction, synchronous=FULL)."""
    library = load_library(ROOT / "briefs")
    reviews = Reviews(ReviewStore.open(tmp / "store.db"), library.briefs)
    item = reviews.item(library.briefs[0].id, "claim", "blinken-8000")
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        reviews.toggle(item)
        times.append((time.perf_counter() - start) * 1000)
    return times


async def with_screen(tmp: Path, rounds: int = 40) -> tuple[list[float], list[float]]:
    """Per space key: ms of the action itself (store + widget updates), and ms from the
    action's start to the next frame written (Textual paces frames at 60 fps)."""
    shutil.copytree(ROOT / "briefs", tmp / "ws" / "briefs")
    shutil.copytree(ROOT / "seeds", tmp / "ws" / "seeds")
    app = BriefApp(resolve(tmp / "ws"), tmp / "ui.db")
    frames = record_frames(app)
    starts: list[float] = []
    actions: list[float] = []
    toggle = BriefScreen.action_toggle_reviewed

    def timed_toggle(self: ReviewingScreen) -> None:
        starts.append(time.perf_counter())
        toggle(self)
        actions.append((time.perf_counter() - starts[-1]) * 1000)

    BriefScreen.action_toggle_reviewed = timed_toggle  # type: ignore[method-assign]
    times = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            for _ in range(rounds):
                await pilot.press("space")
                await pilot.pause()
                after = [f for f in frames if f > starts[-1]]
                times.append((after[0] - starts[-1]) * 1000)
    finally:
        BriefScreen.action_toggle_reviewed = toggle  # type: ignore[method-assign]
    return actions, times


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        times = store_only(Path(tmp))
        print(
            f"toggle a mark, store only: median {statistics.median(times):.2f} ms, "
            f"max {max(times):.2f} ms"
        )
    with tempfile.TemporaryDirectory() as tmp:
        actions, frames = asyncio.run(with_screen(Path(tmp)))
        print(
            f"toggle a mark, store + screen update (target < 10 ms): "
            f"median {statistics.median(actions):.1f} ms, p95 {p95(actions):.1f} ms"
        )
        print(
            f"toggle a mark, until the next frame is written: "
            f"median {statistics.median(frames):.1f} ms, p95 {p95(frames):.1f} ms"
        )


if __name__ == "__main__":
    main()
