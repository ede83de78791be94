"""Search benchmark: live search over 50,000 claims, per keystroke, against `rg -i`. Prints only.

Method: a 2,500-brief x 20-claim workspace is generated and loaded, the index built once, and
the `SearchScreen` driven in `App.run_test`. Queries are typed one character at a time. Each
keystroke is timed from the key event reaching the app (a `message_hook` timestamps it) to the
last frame the app writes after it (the app's `_display` is wrapped to timestamp frames), so the
time covers the Input update, the search, ranking the visible page, rendering the visible rows
and Textual's wait for its next frame (it paints at most 60 times a second, so up to 17 ms of
every keystroke is that wait). The search alone (inside
the `Input.Changed` handler) is timed too. `rg -i` is then run over the same brief files for
each word of the queries (qualifiers have no `rg` equivalent).
"""

from __future__ import annotations

import asyncio
import gc
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from textual import events
from textual.message import Message
from textual.widgets import Input

from tui.app.main import BriefApp
from tui.app.screens.search import SearchScreen
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.search import SearchIndex, parse

from .frames import record_frames
from .generate import make_workspace

BRIEFS, CLAIMS = 2_500, 20
QUERIES = [
    "troops kursk",
    "drone -convoy",
    'source:"Source 1" artillery',
    "cred:<=2 satellite imagery",
    "rel:contradicts border",
    "tag:alpha sanctions shipment",
]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _typing(root: Path) -> tuple[list[float], list[float]]:
    """Per keystroke: ms from the key reaching the app to the last frame written, and ms spent
    searching and handing the results to the list. The real reader is driven: it loads the
    workspace, `/` opens its search view."""
    app = BriefApp(resolve(root), root / "bench-review.db")
    frames = record_frames(app)
    keys: list[float] = []

    def hook(message: Message) -> None:
        if isinstance(message, events.Key):
            keys.append(time.perf_counter())

    searches: list[float] = []
    keystrokes: list[float] = []
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
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
        for query in QUERIES:
            for char in query:
                before = time.perf_counter()
                await pilot.press(char)
                await pilot.pause()
                await pilot.pause()
                start = next((k for k in keys if k > before), before)
                after = [f for f in frames if f > start]
                if after:
                    keystrokes.append((after[-1] - start) * 1000)
            query_line.value = ""  # not timed: the next query starts from an empty line
            await pilot.pause()
            searches.pop()
    return keystrokes, searches


def _rg(root: Path) -> list[tuple[str, float, int]]:
    """(word, ms, matching lines) for `rg -i -F WORD` over the brief files, per query word."""
    out = []
    seen: set[str] = set()
    for query in QUERIES:
        for word in parse(query).words:
            if word in seen:
                continue
            seen.add(word)
            start = time.perf_counter()
            done = subprocess.run(
                ["rg", "-i", "-F", "-c", "--no-filename", word, str(root / "briefs")],
                capture_output=True,
                check=False,
            )
            ms = (time.perf_counter() - start) * 1000
            lines = sum(int(n) for n in done.stdout.split() if n.isdigit())
            out.append((word, ms, lines))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_workspace(Path(tmp) / "ws", BRIEFS, CLAIMS)
        start = time.perf_counter()
        library = load_library(root)
        load_s = time.perf_counter() - start
        start = time.perf_counter()
        index = SearchIndex.build(library)
        build_s = time.perf_counter() - start
        # A 50,000-claim library is millions of long-lived objects; without this a full garbage
        # collection (hundreds of ms) lands on some keystroke. The app should do the same once
        # its library is loaded.
        gc.collect()
        gc.freeze()
        print(
            f"{len(index):,} claims in {BRIEFS:,} briefs: loaded in {load_s:.1f} s, "
            f"index built in {build_s:.2f} s"
        )
        keystrokes, searches = asyncio.run(_typing(root))
        print(f"queries typed one character at a time: {', '.join(QUERIES)}")
        print(
            f"keystroke to last frame painted ({len(keystrokes)} keys, 120x40): "
            f"median {statistics.median(keystrokes):.1f} ms, p95 {_p95(keystrokes):.1f} ms, "
            f"max {max(keystrokes):.1f} ms"
        )
        print(
            f"  of which search + showing the results (Input.Changed handler): "
            f"median {statistics.median(searches):.1f} ms, p95 {_p95(searches):.1f} ms, "
            f"max {max(searches):.1f} ms"
        )
        if shutil.which("rg") is None:
            print("rg not found: install ripgrep (apt-get install -y ripgrep) to compare")
            return
        found = _rg(root)
        times = [ms for _, ms, _ in found]
        print(
            f"rg -i -F over the {BRIEFS:,} brief files, once per query word: "
            f"median {statistics.median(times):.0f} ms, max {max(times):.0f} ms"
        )
        for word, ms, lines in found:
            print(f"  {word!r}: {ms:.0f} ms ({lines:,} matching lines)")


if __name__ == "__main__":
    main()
