"""Live reload: watching the workspace in a thread, and showing a reloaded library in place.

`WorkspaceWatcher` runs watchfiles in a thread of its own over the workspace's folders
(`changes.watched_folders`), sorts each batch of events (`changes.classify`) and posts a
`WorkspaceChanged` message; the App notes the changes on its `Reloader` and runs its load worker,
which re-reads only what changed and posts `LibraryLoaded` as any load does. Neither thread
touches a widget. Quitting sets the stop event: watchfiles looks at it every `STEP_MS`, so the
thread ends at once and nothing keeps the process alive.

`refresh_brief_screen` puts a reloaded brief on the open brief screen without closing it: the
selected claim, the focused pane, the summary's reading cursor and every pane's scroll stay.
`reload_themes` registers the theme files again and repaints when the theme in use changed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..load.changes import classify
from ..model import Brief, Library, Problem
from ..review import Reviews
from .messages import IndexBuilt, WatchFailed, WorkspaceChanged
from .navigation import Navigator, if_imported
from .screens.library import LibraryScreen
from .themes import load_themes, theme_folders

if TYPE_CHECKING:
    from textual.widget import Widget

    from ..load.changes import Reloader
    from ..load.workspace import Workspace
    from ..search import SearchIndex
    from .screens.brief import BriefScreen

DEBOUNCE_MS = 200
"""Longest time a burst of file events is gathered before it is handed over (milliseconds)."""

STEP_MS = 50
"""A burst ends after this long without a new event; also how often the stop event is read."""


class WorkspaceWatcher:
    """Watches the folders of a workspace in a thread; posts what changed to the App.

    `watch(folders)` starts (or, with other folders, restarts) the thread; `stop()` ends it.
    """

    def __init__(
        self,
        app: App[Any],
        root: Path,
        library: Callable[[], Library | None],
        skip: Collection[Path] = (),
    ) -> None:
        self.app = app
        self.root = root
        self.library = library
        """Gives the library shown now (read from the thread: its seeds and briefs count)."""
        self.skip = tuple(skip)
        """Files never to count as changes (the review database, the parse cache)."""
        self.folders: tuple[Path, ...] = ()
        """The folders watched now."""
        self._stop: threading.Event | None = None
        self.ended = threading.Event()
        """Set when the thread of the last `watch` has returned (set while none was started)."""
        self.ended.set()

    def watch(self, folders: Collection[Path]) -> None:
        """Watch these folders (each with everything under it); nothing to do when they are
        the ones watched already."""
        wanted = tuple(sorted(folders))
        if wanted == self.folders and self._stop is not None:
            return
        self.stop()
        self.folders = wanted
        if not wanted:
            return
        stop = self._stop = threading.Event()
        ended = self.ended = threading.Event()
        # A thread of its own rather than a Textual worker: it never completes by itself, and
        # waiting for the app's workers to complete (tests do) must not wait for it. Daemonic,
        # so that even an app that dies without unmounting never keeps the process alive.
        threading.Thread(
            target=self._run, args=(wanted, stop, ended), name="brief-watch", daemon=True
        ).start()

    def stop(self) -> None:
        """Stop watching (the thread ends within `STEP_MS`)."""
        if self._stop is not None:
            self._stop.set()
            self._stop = None

    def _run(
        self, folders: tuple[Path, ...], stop: threading.Event, ended: threading.Event
    ) -> None:
        # In the watcher's thread: no widget is touched here, only messages are posted.
        from watchfiles import DefaultFilter, watch

        try:
            for batch in watch(
                *folders,
                watch_filter=DefaultFilter(),
                debounce=DEBOUNCE_MS,
                step=STEP_MS,
                stop_event=stop,
                raise_interrupt=False,
                ignore_permission_denied=True,
            ):
                if stop.is_set():
                    return
                events = [(change.name, path) for change, path in batch]
                changes = classify(self.root, events, self.library(), self.skip)
                if changes:
                    self.app.post_message(WorkspaceChanged(changes))
        except Exception as exc:  # noqa: BLE001 - the reader goes on without live reload
            if not stop.is_set():
                self.app.post_message(WatchFailed(str(exc) or type(exc).__name__))
        finally:
            ended.set()


def _surviving(old: Brief, new: Brief, claim: str | None) -> str | None:
    """The claim to select after a reload: the same one, else the next one in the old reading
    order that is still there, else the one before it."""
    if claim is None or new.claim(claim) is not None:
        return claim
    order = [c.id for _, claims in old.claims_by_source() for c in claims]
    if claim not in order:
        return None
    at = order.index(claim)
    for other in [*order[at + 1 :], *reversed(order[:at])]:
        if new.claim(other) is not None:
            return other
    return None


def refresh_brief_screen(screen: BriefScreen, library: Library, reviews: Reviews | None) -> bool:
    """Show the reloaded brief on an open brief screen, keeping the reader's place.

    The selected claim stays selected (its neighbour when it was deleted), as do the focused
    pane, the summary's reading cursor, the highlighted cross-reference and the scroll of every
    pane. The screen follows the new review session.

    Returns:
        False when the brief's file is no longer in the library (the caller leaves the screen).
    """
    from .widgets.claims import ClaimList
    from .widgets.detail import ClaimDetail
    from .widgets.summary import SummaryView
    from .widgets.xrefs import XrefList

    old = screen.brief
    where = screen.location()
    if old is None or where is None:
        return True
    brief = next((b for b in library.briefs if b.path == old.path), None)
    if brief is None:
        return False
    summary = screen.query_one(SummaryView)
    claims = screen.query_one(ClaimList)
    detail = screen.query_one(ClaimDetail)
    xrefs = screen.query_one(XrefList)
    panes: list[Widget] = [summary, claims, detail, xrefs]
    scrolled = {pane: pane.scroll_offset for pane in panes}
    cursor, xref = summary.cursor, xrefs.highlighted
    claim = _surviving(old, brief, where.claim)
    if screen.reviews is not reviews:
        if screen.reviews is not None:
            screen.reviews.unsubscribe(screen.marks_changed)
        if reviews is not None:
            reviews.subscribe(screen.marks_changed)
    screen.library = library
    screen.reviews = reviews
    # `show` draws every pane again only for a brief it is not showing yet.
    screen.brief = None
    screen.show(brief, claim, where.pane)
    if cursor:
        summary.action_move(cursor)  # from the first stop, as `show` left it
    same_claim = claim == where.claim
    if same_claim and xref is not None and xref < len(xrefs.links):
        xrefs.highlighted = xref
    if not same_claim:
        del scrolled[detail], scrolled[xrefs]

    def scroll_back() -> None:
        # After the new content is laid out, so each offset is measured against it.
        for pane, offset in scrolled.items():
            if pane.scroll_offset != offset:
                pane.scroll_to(offset.x, offset.y, animate=False, immediate=True)

    screen.call_after_refresh(scroll_back)
    return True


def reload_themes(app: App[Any], root: Path) -> tuple[list[Problem], bool]:
    """Register the theme files again (a workspace theme was written, added or removed).

    Themes are read from the same folders and in the same order as at start (`apply_config`);
    a theme file that no longer reads keeps its last good version registered.

    Returns:
        The problems of the theme files, and whether the theme in use was read again (the
        screen is then repainted with it).
    """
    bundled, user = theme_folders()
    folders = [bundled, user]
    local = root / "themes"
    if local.is_dir() and local.resolve() != bundled.resolve():
        folders.insert(1, local)
    themes, problems = load_themes(folders)
    for theme in themes:
        app.register_theme(theme)
    current = app.theme in {t.name for t in themes}
    if current:
        app.refresh_css(animate=False)
    return problems, current


class LiveReload(Navigator):
    """The App's handlers of live reload (`BriefApp` inherits them): what the watcher posts, the
    index that follows a reload, the notice for a brief that no longer reads."""

    workspace: Workspace
    index: SearchIndex | None
    watcher: WorkspaceWatcher | None
    _reloader: Reloader
    _shown_build: int
    _stand_ins: frozenset[str]

    def load_library(self) -> object:
        """Build the library (again) in a worker: `BriefApp` runs it."""
        raise NotImplementedError

    def on_index_built(self, message: IndexBuilt) -> None:
        if message.build == self._shown_build:
            self.index = message.index
            for screen in self.screen_stack:
                if isinstance(screen, LibraryScreen):
                    screen.index_built()
            self.follow_searches()

    def follow_searches(self) -> None:
        """Hand the library, index and review session shown now to an open search view: it
        searches them again, its query and cursor staying."""
        search = if_imported("tui.app.screens.search", "SearchScreen")
        if search is None or self.library is None or self.index is None:
            return
        for screen in self.screen_stack:
            if isinstance(screen, search):
                screen.follow(self.library, self.index, self.reviews)

    def _said_stand_ins(self, stand_ins: frozenset[str]) -> None:
        # Once per file as it breaks, not at every save while it stays broken.
        for path in sorted(stand_ins - self._stand_ins):
            self.notify(
                f"{path} no longer reads as a brief: shown as it last read (p lists the problem).",
                title="Brief not reloaded",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self._stand_ins = stand_ins

    def on_workspace_changed(self, message: WorkspaceChanged) -> None:
        changes = message.changes
        if changes.themes:
            problems, _ = reload_themes(self, self.workspace.root)
            for problem in problems[:3]:
                self.notify(problem.format(), title="Theme", severity="warning", markup=False)
        if changes.library:
            self._reloader.note(changes)
            self.load_library()

    def on_watch_failed(self, message: WatchFailed) -> None:
        self.notify(
            f"Live reload is off: {message.reason}. Press e to edit and reload.",
            title="Watching stopped",
            severity="warning",
            markup=False,
        )

    def on_unmount(self) -> None:
        # The watcher's thread reads its stop event every few milliseconds: quitting never waits.
        if self.watcher is not None:
            self.watcher.stop()
