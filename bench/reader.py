"""Reader benchmark: brief switching, summary rendering, a very large summary. Prints only."""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Markdown

from tui.app.main import BriefApp
from tui.app.messages import OpenSibling
from tui.app.render.markdown import render
from tui.app.screens.brief import BriefScreen
from tui.load.workspace import resolve

from .frames import record_frames

ROOT = Path(__file__).resolve().parent.parent


def workspace(tmp: Path, big_summary: int = 0) -> Path:
    root = tmp / "ws"
    shutil.copytree(ROOT / "briefs", root / "briefs")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    text = (root / "briefs" / "nk-troops-russia.md").read_text()
    twin = text.replace("id: nk-troops-russia-2024-11", "id: twin").replace(
        "date: 2024-11-04", "date: 2024-11-03"
    )
    if big_summary:
        para = "Paragraph with **bold** words and a [[blinken-8000]] link. " * 8 + "\n\n"
        twin += para * (big_summary // len(para))
    (root / "briefs" / "twin.md").write_text(twin)
    return root


async def switching(root: Path, rounds: int = 20) -> list[float]:
    """Milliseconds from the request `]`/`[` post (OpenSibling) to the last frame written once
    the brief screen shows the other brief."""
    app = BriefApp(resolve(root))
    frames = record_frames(app)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BriefScreen) and app.library is not None
        order = [b.id for b in app.library.briefs]
        for i in range(rounds):
            step = 1 if i % 2 == 0 else -1
            assert screen.brief is not None
            wanted = order[order.index(screen.brief.id) + step]
            start = time.perf_counter()
            screen.post_message(OpenSibling(step))
            while screen.brief.id != wanted:
                assert time.perf_counter() - start < 30, f"{wanted} never opened"
                await pilot.pause()
            await pilot.pause()
            await pilot.pause()
            after = [f for f in frames if f > start]
            times.append((after[-1] - start) * 1000)
        assert app.screen is screen
    return times


async def textual_markdown(text: str) -> float:
    class MarkdownApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(id="md")

    app = MarkdownApp()
    async with app.run_test(size=(120, 40)) as pilot:
        start = time.perf_counter()
        await app.query_one(Markdown).update(text)
        await pilot.pause()
        return (time.perf_counter() - start) * 1000


def main() -> None:
    summary = (ROOT / "briefs" / "nk-troops-russia.md").read_text().split("---\n", 2)[2]
    start = time.perf_counter()
    for _ in range(50):
        render(summary)
    print(
        f"example summary ({len(summary) / 1000:.1f} KB) rendered to blocks: "
        f"{(time.perf_counter() - start) * 1000 / 50:.2f} ms"
    )
    widget_ms = asyncio.run(textual_markdown(summary))
    print(f"same summary in Textual's Markdown widget: {widget_ms:.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        times = asyncio.run(switching(workspace(Path(tmp))))
        print(
            f"switch brief ([ / ]) to its last frame painted, example: "
            f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"
        )
    with tempfile.TemporaryDirectory() as tmp:
        times = asyncio.run(switching(workspace(Path(tmp), big_summary=900_000), rounds=4))
        print(
            f"switch to a brief with a 900 KB summary (plain-text fallback): "
            f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"
        )


if __name__ == "__main__":
    main()
