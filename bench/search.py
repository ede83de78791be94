"""Search benchmark: live search over 50,000 claims, per keystroke, against a bare Input echo.

Method: the real reader is driven in `App.run_test` at 120x40 on the generated 1,000-brief x
50-claim workspace (`generate.workspace`): it loads the workspace in its worker, and once its
library is frozen out of the collector's way (as it is for a user, 2 s after loading), `/` opens
the search view and queries are typed one character at a time. Each keystroke is timed from the
key event reaching the app (a `message_hook` timestamps it) to the last frame the app writes
after it (the app's `_display` is wrapped to timestamp frames), so the time covers the Input
update, the search, ranking the visible page, rendering the visible rows and Textual's wait for
its next frame (it paints at most 60 times a second, so up to 17 ms of every keystroke is that
wait). The search alone (the query line's value watcher, `SearchScreen.run_query`) is timed too.

The baseline is measured the same way in the same run: a bare Textual `Input`, focused and
the only widget (`bare.echo_app`), typed the same characters.

What this does not include: the terminal reading the key and handing it to the app, and the
terminal drawing the frame (a tmux measurement of those, for one key, is `bench.table`'s
"keystroke echo in tmux").
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App
from textual.message import Message
from textual.widgets import Input

from tui.app.loading import FREEZE_AFTER as FREEZE_AFTER
from tui.app.main import BriefApp
from tui.app.screens.search import SearchScreen
from tui.load.workspace import resolve

from .bare import echo_app
from .frames import record_frames
from .generate import workspace
from .vocabulary import SourcePool, Vocabulary

BRIEFS = 1_000
"""Briefs of the workspace searched (x 50 claims = 50,000 claims)."""


def queries(seed: int = 1) -> list[str]:
    """Queries in the generated workspace's own vocabulary: frequent and rare words, a
    negation, a phrase and qualifiers."""
    vocab = Vocabulary.build(seed)
    w = vocab.words
    source = SourcePool.build(vocab, seed).sources[0][1]
    return [
        f"{w[60]} {w[400]}",
        f"{w[80]} -{w[45]}",
        f'source:"{source}" {w[100]}',
        f"cred:<=2 {w[150]} {w[900]}",
        f"rel:contradicts {w[90]}",
        f"tag:{vocab.tags[5]} {w[120]} {w[2_000]}",
        f'"{w[1]} {w[0]}" {vocab.names[3].lower()}',
    ]


def p95(values: list[float]) -> float:
    """95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


@dataclass
class Typing:
    """Per keystroke: ms from the key reaching the app to the last frame written, and (for the
    reader) ms spent searching and handing the results to the list."""

    keystrokes: list[float]
    searches: list[float]


async def _type(
    app: App[Any], pilot: Any, keys: list[float], frames: list[float], text: str
) -> list[float]:
    times = []
    for char in text:
        before = time.perf_counter()
        await pilot.press(char)
        await pilot.pause()
        await pilot.pause()
        start = next((k for k in keys if k > before), before)
        after = [f for f in frames if f > start]
        if after:
            times.append((after[-1] - start) * 1000)
    return times


def _key_hook(keys: list[float]) -> Any:
    def hook(message: Message) -> None:
        if isinstance(message, events.Key):
            keys.append(time.perf_counter())

    return hook


async def reader(root: Path, typed: list[str], state: Path) -> Typing:
    """Type each query into the reader's search view (see the module docstring); review marks
    go to `state` (a file that need not exist)."""
    app = BriefApp(resolve(root), state)
    frames = record_frames(app)
    keys: list[float] = []
    searches: list[float] = []
    keystrokes: list[float] = []
    async with app.run_test(size=(120, 40), message_hook=_key_hook(keys)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.library is not None, "the library did not load"
        # The app freezes its library out of the collector's way FREEZE_AFTER s after loading.
        await pilot.pause(FREEZE_AFTER + 0.5)
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        query_line = screen.query_one(Input)
        # A blinking cursor paints frames of its own; they are not what is measured.
        query_line.cursor_blink = False
        run_query = screen.run_query

        def timed_query(query: str, force: bool = False) -> None:
            start = time.perf_counter()
            run_query(query, force)
            searches.append((time.perf_counter() - start) * 1000)

        screen.run_query = timed_query  # type: ignore[method-assign]
        for query in typed:
            keystrokes += await _type(app, pilot, keys, frames, query)
            query_line.value = ""  # not timed: the next query starts from an empty line
            await pilot.pause()
            searches.pop()
    return Typing(keystrokes, searches)


async def bare(typed: list[str]) -> Typing:
    """Type the same characters into a bare Input echo, timed the same way."""
    app = echo_app()
    frames = record_frames(app)
    keys: list[float] = []
    keystrokes: list[float] = []
    async with app.run_test(size=(120, 40), message_hook=_key_hook(keys)) as pilot:
        await pilot.pause()
        query_line = app.query_one(Input)
        query_line.cursor_blink = False
        for query in typed:
            keystrokes += await _type(app, pilot, keys, frames, query)
            query_line.value = ""
            await pilot.pause()
    return Typing(keystrokes, [])


def measure(root: Path) -> tuple[Typing, Typing]:
    """(reader, bare echo) keystroke times for the workspace at `root`."""
    typed = queries()
    base = asyncio.run(bare(typed))
    with tempfile.TemporaryDirectory() as tmp:
        found = asyncio.run(reader(root, typed, Path(tmp) / "review.db"))
    return found, base


def main() -> None:
    root = workspace(BRIEFS)
    found, base = measure(root)
    print(f"queries typed one character at a time: {' | '.join(queries())}")
    for name, times in (
        ("bare Input echo, keystroke to last frame", base.keystrokes),
        ("reader search, keystroke to last frame", found.keystrokes),
        ("  of which search + showing the results", found.searches),
    ):
        print(
            f"{name} ({len(times)} keys, 120x40): median {statistics.median(times):.1f} ms, "
            f"p95 {p95(times):.1f} ms, max {max(times):.1f} ms"
        )


if __name__ == "__main__":
    main()
