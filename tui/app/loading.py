"""The App's loading: the load worker (briefs, review session, then the screens and search
index the list does not need), and keeping the loaded library out of the collector's way.
`BriefApp` inherits it; `on_library_loaded` (main.py) shows what it posts."""

from __future__ import annotations

import gc
import importlib
import threading
from collections.abc import Sequence
from pathlib import Path

from textual import work
from textual.timer import Timer

from ..load.changes import Reloader
from ..load.collector import paused
from ..model import Brief
from ..review import Reviews, ReviewStore
from .messages import BriefsListed, IndexBuilt, LibraryLoaded, LoadFailed, LoadProgress
from .navigation import Navigator

FREEZE_AFTER = 2.0
"""Seconds after a load before its library is frozen out of the collector's way."""

FIRST_FRAME_WAIT = 2.0
"""Longest the load worker waits for the first frame before it reads the briefs anyway."""

AFTER_FIRST_FRAME = (
    "tui.app.screens.brief",
    "tui.app.screens.problems",
    "tui.app.screens.help",
    "tui.app.commands",
)
"""Screens imported by the load worker, off the first frame (markdown-it, TextArea, the
palette), right after the library is shown: opening a brief soon after does not wait for them."""


class Loading(Navigator):
    """Loads the workspace in a worker thread and posts what it read (see `load_library`)."""

    state: Path | str
    reviewer: str | None
    _reloader: Reloader
    _drawn: threading.Event
    """Set once the first frame is out: the worker waits for it."""
    _shown: threading.Event
    """Set once a loaded library is drawn: the worker then goes on with the rest."""
    _freeze_timer: Timer | None = None

    @work(thread=True, exclusive=True, group="load")
    def load_library(self) -> None:
        """Read the briefs off the UI thread and post the result: every brief the first time,
        then what changed since (noted on the reloader); builds run one at a time, in order."""
        self._drawn.wait(FIRST_FRAME_WAIT)

        def progress(done: int, total: int) -> None:
            self.post_message(LoadProgress(done, total))

        def listed(briefs: Sequence[Brief]) -> None:
            self.post_message(BriefsListed(list(briefs)))

        first = self.library is None
        try:
            # A reload says nothing while it runs: the screens keep what they show until it is in.
            library, number, stand_ins = self._reloader.build(
                progress if first else None, listed if first else None, frozen=True
            )
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            self.post_message(LoadFailed(str(exc) or type(exc).__name__))
            return
        # Frozen (by the build) until it is shown: the collector walked the new library's
        # millions of objects while the review session was made and the list drawn (~0.5 s at
        # 1,000 briefs). `on_library_loaded` unfreezes once it is drawn, so a library it
        # replaces can still go; `_freeze` freezes for good a little later.
        if self.reviews is not None:
            # Marks still being written land first, so the new session reads them.
            self.reviews.pending.wait()
        # As in the build: the marks read (88,000 at 1,000 reviewed briefs) stay, frozen with
        # the library.
        with paused():
            try:
                reviews = Reviews(ReviewStore.open(self.state, self.reviewer), library.briefs)
            except Exception as exc:  # noqa: BLE001 - the briefs still open, read-only
                reviews = Reviews(ReviewStore.unavailable(self.reviewer, str(exc)), library.briefs)
            finally:
                gc.freeze()
        # The library is shown first (the list is usable, Enter opens a brief); the screens
        # not yet imported and the search index (~1 s over 50,000 claims) follow. Until the
        # index is in, a search waits for it (`action_search`); on a reload the previous
        # index serves meanwhile.
        self._shown.clear()
        self.post_message(LibraryLoaded(library, reviews, None, stand_ins, number))
        # Imports and the index hold the GIL for long stretches: they wait for the list to be
        # drawn (it took 0.3-0.7 s longer at 1,000 briefs while they ran beside it).
        self._shown.wait(FIRST_FRAME_WAIT)
        # The collector paused for the rest: the links (~120,000 objects at 1,000 briefs) made
        # it run again and again, each full collection longer than the last (15 -> 80 ms), all
        # holding up the UI thread as the list was first used; what the index peeks at dies by
        # reference count. `_freeze` takes what is left out of its way a little later.
        with paused():
            try:
                len(library.links)  # made on first use (`lazy.LazyMap`): here, not on a key
                for module in AFTER_FIRST_FRAME:
                    importlib.import_module(module)
                # polars (~0.15 s to import) only now: before, it held up the list's first rows.
                from ..search import SearchIndex

                index = SearchIndex.build(library)
            finally:
                if first and self.library is library:
                    # Nothing before it to let go (see `on_library_loaded`): the links and index
                    # join the library out of the way, else the first collection after this
                    # walked every one of them (~60 ms). Not once a reload has replaced it:
                    # what it replaced must stay free to go.
                    gc.freeze()
        self.post_message(IndexBuilt(index, number))

    def _freeze_later(self, unfreeze: bool = True) -> None:
        if unfreeze:
            gc.unfreeze()
        if self._freeze_timer is not None:
            self._freeze_timer.stop()
        self._freeze_timer = self.set_timer(FREEZE_AFTER, self._freeze)

    def _freeze(self) -> None:
        self._freeze_timer = None
        gc.collect()
        gc.freeze()
