"""A reload lets the previous library go: `gc.freeze()` after a load once kept every old
library (and the screens showing it) alive for good, one more per edit."""

from __future__ import annotations

import gc
import time
import weakref
from pathlib import Path

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.load.workspace import resolve
from tui.model import Library


async def test_reload_frees_the_previous_library(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        deadline = time.monotonic() + 10
        while not isinstance(app.screen, BriefScreen):
            assert time.monotonic() < deadline, "the brief never opened"
            await pilot.pause()
        # (No `assert` on the library itself: pytest keeps asserted values in the frame.)
        library = app.library
        if library is None:
            raise AssertionError("no library loaded")
        old: weakref.ref[Library] = weakref.ref(library)
        del library
        app.load_library()  # what `e` does after the editor returns
        deadline = time.monotonic() + 10
        while app.library is old() or not isinstance(app.screen, BriefScreen):
            assert time.monotonic() < deadline, "the reload never finished"
            await pilot.pause()
        # The old screen is removed asynchronously: give it a moment, then it must be gone.
        deadline = time.monotonic() + 5
        while True:
            gc.collect()
            if old() is None:
                break
            assert time.monotonic() < deadline, "the previous library is alive after a reload"
            await pilot.pause(0.05)


async def test_the_first_load_stays_frozen(example: Path) -> None:
    """Nothing came before the first library: it, the review session, its links and the search
    index stay out of the collector's way as the list is drawn and first used (unfrozen, each
    full collection walked them all, 15-100 ms at 1,000 fully reviewed briefs)."""
    from .pilot import loaded

    gc.unfreeze()
    app = BriefApp(resolve(example))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(app, pilot)
            assert app.library is not None and app.reviews is not None
            assert gc.get_freeze_count() > 0
            # Frozen: not among the objects a collection walks. The links and the search index,
            # made by the load worker once the list is shown, too.
            links = next(iter(app.library.links.values()))
            walked = {id(o) for o in gc.get_objects()}
            assert id(app.library.briefs[0]) not in walked
            assert id(links) not in walked and id(links[0]) not in walked
            del walked, links
    finally:
        gc.unfreeze()
