"""Team review (issue 14): what a mark costs on each backend, and how long a colleague's mark
takes to reach another reader. Prints only.

- The cost of one mark, through `Reviews` as the reader makes it (`toggle`: one transaction,
  the log entry, the notification on a server), median over `MARKS` marks, on a SQLite file and
  on PostgreSQL through a Unix socket; the baseline is a bare write transaction of one row on
  the same backend (`INSERT` and commit), timed in the same run.
- The time from a mark in one session to its arrival in another session's listener (the
  LISTEN/NOTIFY path: the write commits, the server notifies, the other session's follower reads
  the events after the last one it saw and calls the listeners), median and worst over `HOPS`
  marks. In the reader a listener posts a message and the detail redraws (tests/test_team_review.py
  checks that path end to end).
- The same, reader to reader: two `BriefApp`s under Pilot in one process, from a mark made with
  `space` in one landing (its session tells its listeners) to the other's claim detail showing
  it (or no longer showing it, for the unmark), median and worst over `UI_HOPS` marks. The two
  apps share one event loop, one process and this machine's cores: an upper bound.
- The test cluster runs with `fsync=off`: a server that syncs its commits costs more per mark,
  and over a network each mark is a few round trips more.

The server is a throwaway cluster (tests/pgcluster.py), or `BRIEF_TEST_PG` (a libpq URI to a
database this may fill). Without PostgreSQL's binaries the server half is skipped, saying so.

`python -m bench.team [MARKS]`.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.load.library import load_library
from tui.review import Item, Reviews, ReviewStore

ROOT = Path(__file__).resolve().parent.parent
MARKS = 200
"""Marks timed per backend."""
HOPS = 50
"""Marks whose arrival in the other session is timed."""
UI_HOPS = 20
"""Marks timed from one reader's key to the other reader's detail."""


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def time_marks(reviews: Reviews, items: list[Item], count: int) -> list[float]:
    """Seconds per `toggle`, over `count` marks cycling through `items`."""
    out = []
    for n in range(count):
        start = time.perf_counter()
        reviews.toggle(items[n % len(items)])
        out.append(time.perf_counter() - start)
    return out


def sqlite_baseline(path: Path, count: int) -> list[float]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")  # as the review store opens its file
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (n INTEGER)")
    out = []
    for n in range(count):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t VALUES (?)", (n,))
        conn.execute("COMMIT")
        out.append(time.perf_counter() - start)
    conn.close()
    return out


def pg_baseline(uri: str, count: int) -> list[float]:
    import psycopg

    out = []
    with psycopg.connect(uri) as conn:
        conn.execute("CREATE TEMPORARY TABLE t (n INTEGER)")
        conn.commit()
        for n in range(count):
            start = time.perf_counter()
            with conn.transaction():
                conn.execute("INSERT INTO t VALUES (%s)", (n,))
            out.append(time.perf_counter() - start)
    return out


@contextmanager
def server() -> Iterator[str | None]:
    """A URI of an empty database on a server, or None when there is none to be had."""
    own = os.environ.get("BRIEF_TEST_PG", "").strip()
    if own:
        yield own
        return
    sys.path.insert(0, str(ROOT))
    from tests.pgcluster import Cluster, available

    if not available():
        yield None
        return
    cluster = Cluster()
    try:
        cluster.start()
        import psycopg

        name = f"bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(cluster.uri(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        yield cluster.uri(name)
    finally:
        cluster.stop()


def hops(ana: Reviews, bo: Reviews, items: list[Item], count: int) -> list[float]:
    """Seconds from the start of ana's mark to its arrival in bo's listener."""
    arrived = threading.Event()
    wanted: list[Item] = []

    def listener(changed: list[Item]) -> None:
        if wanted and any(i.key == wanted[0].key for i in changed):
            arrived.set()

    bo.subscribe(listener)
    out = []
    for n in range(count):
        item = items[n % len(items)]
        wanted[:] = [item]
        arrived.clear()
        start = time.perf_counter()
        ana.toggle(item)
        if not arrived.wait(10):
            raise RuntimeError("a mark never reached the other session")
        out.append(time.perf_counter() - start)
    bo.unsubscribe(listener)
    return out


async def ui_hops(uri: str, count: int) -> list[float]:
    """Seconds from ana's mark landing (her session's listener called, as her reader redraws)
    to bo's claim detail showing it (or its undoing)."""
    from textual.widgets import DataTable, Static

    from tui.app.main import BriefApp
    from tui.app.screens.brief import BriefScreen
    from tui.app.widgets.detail import ClaimDetail
    from tui.load.workspace import resolve

    async def until(pilot: Any, condition: Callable[[], bool], step: float = 0) -> None:
        # `step`: poll by sleeping (both apps run on this loop) rather than by Pilot's pauses,
        # which wait for the screen to settle and would be timed too.
        deadline = time.monotonic() + 10
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("timed out")
            await (asyncio.sleep(step) if step else pilot.pause())

    async def opened(app: BriefApp, pilot: Any) -> BriefScreen:
        await until(pilot, lambda: app.library is not None and app.reviews is not None)
        await until(pilot, lambda: bool(app.screen.query(DataTable)))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, BriefScreen) and bool(app.screen.brief))
        assert isinstance(app.screen, BriefScreen)
        return app.screen

    workspace = resolve(ROOT)
    bo = BriefApp(workspace, state=uri, reviewer="bo")
    ana = BriefApp(workspace, state=uri, reviewer="ana")
    out = []
    async with bo.run_test(size=(120, 40)) as bp, ana.run_test(size=(120, 40)) as ap:
        screen = await opened(bo, bp)
        await opened(ana, ap)
        await until(bp, lambda: bool(bo.reviews and bo.reviews.follower and
                                     bo.reviews.follower.connected.is_set()))  # fmt: skip
        detail = screen.query_one(ClaimDetail).query_one("#detail-text", Static)

        def shows() -> bool:
            return "Also reviewed by" in str(getattr(detail.visual, "plain", ""))

        saved: list[float] = []
        assert ana.reviews is not None
        ana.reviews.subscribe(lambda items: saved.append(time.perf_counter()))
        for _ in range(count):
            wanted = not shows()
            count_saved = len(saved)
            # Pilot's `press` returns once ana's app is idle again, long after the mark may
            # have reached bo: watch bo's detail meanwhile.
            pressing = asyncio.create_task(ap.press("space"))
            await until(bp, lambda: shows() == wanted, 0.001)  # noqa: B023 - awaited at once
            seen = time.perf_counter()
            await pressing
            out.append(seen - saved[count_saved])
    return out


def report(name: str, samples: list[float], base: list[float]) -> None:
    mark, bare = median_ms(samples), median_ms(base)
    print(
        f"  {name:<28} one mark {mark:7.2f} ms (median of {len(samples)}); "
        f"a bare one-row write {bare:6.2f} ms; ratio {mark / bare:5.1f}x"
    )


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else MARKS
    library = load_library(ROOT / "briefs")
    with tempfile.TemporaryDirectory() as folder:
        store = ReviewStore.open(Path(folder) / "review.db", "ana")
        reviews = Reviews(store, library.briefs)
        items = [i for v in reviews.items.values() for i in v]
        print("Team review: the cost of a mark, and a colleague's mark reaching another reader")
        report("SQLite file", time_marks(reviews, items, count), sqlite_baseline(
            Path(folder) / "bare.db", count))  # fmt: skip
        reviews.close()
    with server() as uri:
        if uri is None:
            print("  PostgreSQL: skipped (no initdb/pg_ctl here; apt-get install postgresql)")
            return
        ana = Reviews(ReviewStore.open(uri, "ana"), library.briefs)
        bo = Reviews(ReviewStore.open(uri, "bo"), library.briefs)
        ready: Callable[[], bool] = lambda: bool(  # noqa: E731
            bo.follower and bo.follower.connected.wait(10)
        )
        if not ready():
            raise RuntimeError("the live follower never connected")
        report("PostgreSQL (Unix socket)", time_marks(ana, items, count), pg_baseline(uri, count))
        seen = hops(ana, bo, items, HOPS)
        print(
            f"  mark -> other reader (LISTEN/NOTIFY): median {median_ms(seen):.1f} ms, "
            f"worst {max(seen) * 1000:.1f} ms over {len(seen)} marks"
        )
        ana.close()
        bo.close()
        seen = asyncio.run(ui_hops(uri, UI_HOPS))
        print(
            f"  mark -> other reader's detail (two readers, Pilot): median "
            f"{median_ms(seen):.0f} ms, worst {max(seen) * 1000:.0f} ms over {len(seen)} marks"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
