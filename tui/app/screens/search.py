"""The search screen, a triage view: a query line over every claim of the workspace, results in
columns live as you type, a preview of the selected result, and marking every result reviewed.

Layout: the query line, a status line (the count, or the query's problem in full), then the
results beside the preview on wide terminals (`WIDE` columns and more) and above it on narrow
ones. Typing stays fast at 50,000 claims because the list draws only its visible rows (see
`ResultsList`) and the preview, which lays out a whole claim and its quote, follows the cursor
after a short pause in typing or moving (`PREVIEW_DELAY`, `MOVE_DELAY`) instead of on every
key.

Marking every result reviewed and undo live in `search_review.py` (writes off the UI thread,
as on the brief screen).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from ...model import Library
from ...review import Reviews
from ...search import QueryError, SearchIndex, StatusOf
from ...text import one_line
from ..widgets.preview import ResultPreview
from ..widgets.results import ResultsList
from ..widgets.safe_input import SafeInput
from .search_rerun import SearchRerun
from .search_review import claims

PLACEHOLDER = 'words, "a phrase", -word, source: brief: tag: rel: cred:<=3 date: is:'
"""Shown in the empty query line: a reminder of the query language."""

WIDE = 120
"""Terminal columns from which the preview stands beside the results (below them under it)."""

PREVIEW_DELAY = 0.12
"""Seconds of quiet typing before the preview follows the top result."""

ERROR_DELAY = 0.4
"""Seconds of quiet typing before a query's problem is shown (and the results dimmed): typing
a qualifier passes through problems (`rel:` before its value) that are not worth a redraw."""

MOVE_DELAY = 0.05
"""Seconds the cursor rests before the preview follows it: a held key moves through the rows
at the terminal's repeat rate, and only where it stops is laid out (a preview costs a layout
pass, 10-25 ms at 120x40; a row costs well under one)."""

QUERY_HINTS = "   ↑↓ move · tab results · enter go to claim · esc back"
"""Keys shown after the count while the query line has focus."""
LIST_HINTS = "   j/k move · R mark all reviewed · u undo · / query · esc back"
"""Keys shown after the count while the results have focus."""


class QueryInput(SafeInput):
    """The query line. Its width never depends on its text, so a keystroke needs no layout pass
    (Textual's Input asks for one on every change: about 2 ms a keystroke here)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class SearchScreen(SearchRerun):
    """Live search over every claim; dismisses with the chosen claim's key, or None.

    Args:
        library: The loaded library (for the preview and the brief of each result).
        index: `SearchIndex.build(library)`, built once (off the UI thread) and reused.
        status_of: Review state of a claim, for `is:` and the review mark column; None shows
            every claim as unreviewed (with `reviews`, its `status_of` is used).
        query: Text to start with (the previous search: it is selected, so typing replaces it).
        reviews: The review session, for the marks in the preview, marking every result
            reviewed and undo; None: the results cannot be marked.

    Enter dismisses with the highlighted claim's `ClaimKey` (None when there are no results);
    Escape dismisses with None. Focus starts in the query line, where the arrow and page keys
    move the highlighted result; Tab moves focus to the results (j/k, R, u), `/` back.
    """

    DEFAULT_CSS = """
    SearchScreen > #search {
        width: 100%;
        height: 100%;
        background: $surface;
    }
    SearchScreen #search-line {
        height: 1;
        background: $boost;
    }
    SearchScreen #search-label {
        width: auto;
        padding: 0 1;
    }
    SearchScreen #search-query {
        border: none;
        height: 1;
        width: 1fr;
        padding: 0 1 0 0;
        background: $boost;
    }
    SearchScreen #search-status {
        height: auto;
        color: $text-muted;
        padding: 0 1;
    }
    SearchScreen #search-status.-error {
        color: $text-error;
    }
    SearchScreen #search-body {
        height: 1fr;
        layout: vertical;
    }
    SearchScreen.-wide #search-body {
        layout: horizontal;
    }
    SearchScreen #search-results, SearchScreen #search-preview {
        border: round $foreground 30%;
        border-title-color: $text-muted;
        background: $surface;
    }
    SearchScreen #search-results:focus {
        border: round $accent;
        border-title-color: $accent;
        border-title-style: bold;
    }
    SearchScreen #search-results, SearchScreen #search-preview {
        height: 1fr;
    }
    /* Every row counts at 80x24: a title rule above each pane instead of a full frame. */
    SearchScreen.-narrow #search-results, SearchScreen.-narrow #search-preview {
        border: none;
        border-top: round $foreground 30%;
    }
    SearchScreen.-narrow #search-results:focus {
        border: none;
        border-top: round $accent;
    }
    SearchScreen.-wide #search-results {
        width: 3fr;
        height: 1fr;
    }
    SearchScreen.-wide #search-preview {
        width: 2fr;
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", priority=True, id="search.close"),
        Binding("down,ctrl+j", "move(1)", "Next result", priority=True, id="search.down"),
        Binding("up,ctrl+k", "move(-1)", "Previous result", priority=True, id="search.up"),
        Binding("pagedown", "page(1)", "Page down", priority=True, id="search.page_down"),
        Binding("pageup", "page(-1)", "Page up", priority=True, id="search.page_up"),
        # Not a priority binding: Enter must queue behind the characters typed before it (the
        # query line submits it, in order), or a fast `/`, query, Enter acts on an older query.
        Binding("enter", "choose", "Go to claim", id="search.choose"),
        # R and u are letters: in the query line they are typed, in the results they act.
        Binding("R", "mark_all", "Mark all results reviewed", id="search.mark_all"),
        Binding("u", "undo", "Undo", id="search.undo"),
    ]

    def __init__(
        self,
        library: Library,
        index: SearchIndex,
        status_of: StatusOf | None = None,
        query: str = "",
        reviews: Reviews | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        """The library searched."""
        self.index = index
        """Its search index."""
        self.reviews = reviews
        """The review session (None: results cannot be marked)."""
        if status_of is None and reviews is not None:
            status_of = reviews.status_of
        self.status_of = status_of
        """Review state of a claim, or None."""
        self.query_text = query
        """The query as last typed."""
        self.valid_query: str | None = None
        """The last query that could be searched (its results are the ones listed)."""
        self.error: QueryError | None = None
        """The current query's problem, when it has one (the previous results stay listed)."""
        self.error_shown = False
        """Whether the problem is on screen (it waits for a pause in typing: `ERROR_DELAY`)."""
        self._preview_timer: Timer | None = None
        self._error_timer: Timer | None = None
        self._rerun_timer: Timer | None = None
        self._status_of_reviews = status_of is not None and status_of == getattr(
            reviews, "status_of", None
        )  # the review session gives the marks: a new session (a reload) gives them then

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            with Horizontal(id="search-line"):
                yield Static(Content.styled("Search claims", "bold $accent"), id="search-label")
                query = QueryInput(self.query_text, placeholder=PLACEHOLDER, id="search-query")
                query.select_on_focus = False  # selected once, on opening (see on_mount)
                yield query
            yield Static("", id="search-status", markup=False)
            with Container(id="search-body"):
                yield ResultsList(self.index, self.status_of, id="search-results")
                yield ResultPreview(id="search-preview")

    def on_mount(self) -> None:
        self.query_one(ResultPreview).border_title = "Preview"
        self._fit(self.size.width)
        query = self.query_one(QueryInput)
        query.focus()
        query.select_all()  # the last search, offered again: typing replaces it
        if self.reviews is not None:
            self.reviews.subscribe(self._marks_changed)
        # Search in the same turn as the keystroke (a watcher runs synchronously), not on the
        # Input.Changed message: then the typed character and its results share one frame
        # instead of arriving a frame (16 ms at 60 fps) apart.
        self.watch(query, "value", lambda value: self.run_query(value), init=False)
        # Keys typed while the screen was mounting reached the input before the watcher did.
        self.run_query(query.value, force=True)
        self._update_preview()

    def on_unmount(self) -> None:
        if self.reviews is not None:
            self.reviews.unsubscribe(self._marks_changed)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)
        self.call_after_refresh(self._show_status)  # cut to the new width

    def _fit(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-narrow")

    @property
    def results_list(self) -> ResultsList:
        """The results widget."""
        return self.query_one(ResultsList)

    @property
    def preview(self) -> ResultPreview:
        """The preview of the highlighted result."""
        return self.query_one(ResultPreview)

    def focus_query(self, text: str | None = None) -> None:
        """Focus the query line with its text selected (`/` from the results); with `text`,
        search for it instead (a saved search chosen while the search is open)."""
        query = self.query_one(QueryInput)
        if text is not None:
            query.value = text
        query.focus()
        query.select_all()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # already searched by the value watcher

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_key(self, event: events.Key) -> None:
        # Keys typed in the same burst as `/` can reach the screen before anything has focus:
        # they belong to the query, in the order typed. (Keys from the focused results list
        # pass by: its bindings are checked after this handler.)
        if self.focused is None and event.is_printable and event.character:
            event.stop()
            query = self.query_one(QueryInput)
            query.focus()
            start, end = sorted(query.selection)
            query.replace(event.character, start, end)

    def on_descendant_focus(self) -> None:
        self._show_status()

    def on_descendant_blur(self) -> None:
        self._show_status()

    def run_query(self, query: str, force: bool = False) -> None:
        """Search and show the results (or the query's problem, marking the results as those
        of the last query that worked)."""
        if query == self.query_text and not force:
            return
        self.query_text = query
        results_list = self.results_list
        try:
            results = self.index.search(query, self.status_of)
        except QueryError as exc:
            self.error = exc
            if self.error_shown:
                self._show_status()  # already marked: the new problem at once
            else:
                # A qualifier being typed (`rel:` before its value) is a problem for a moment
                # only: said once typing pauses, so typing through it costs no layout pass.
                self._stop_timer(self._error_timer)
                self._error_timer = self.set_timer(ERROR_DELAY, self._reveal_error)
            self._preview_soon()  # the preview stays with the listed results meanwhile
            return
        self.error = None
        self._stop_timer(self._error_timer)
        self.valid_query = query
        if self.error_shown:
            self.error_shown = False
            results_list.set_stale(False)
        results_list.show(results)
        self._show_status()
        self._preview_soon()

    @staticmethod
    def _stop_timer(timer: Timer | None) -> None:
        if timer is not None:
            timer.stop()

    def _reveal_error(self) -> None:
        """Show the query's problem in full and mark the results as the last valid query's."""
        self._error_timer = None
        if self.error is None or self.error_shown:
            return
        self.error_shown = True
        self.results_list.set_stale(True)
        self._show_status()

    def _show_status(self) -> None:
        """The count and where the cursor is, or the query's problem in full."""
        status = self.query_one("#search-status", Static)
        results = self.results_list
        n = results.results.total if results.results is not None else 0
        title = f"Results · {claims(n)}"
        if self.error is not None and self.error_shown:
            if not status.has_class("-error"):  # a class change restyles: only when it changes
                status.add_class("-error")
            last = one_line(self.valid_query or "")
            status.update(
                Content.assemble(
                    (one_line(str(self.error)), "bold"),
                    "\n",
                    ("showing results for: ", "$text-muted"),
                    (last or "(every claim)", "$text-muted italic"),
                ),
            )
            results.border_title = Content.assemble(title, (" · last valid query", "$text-warning"))
            return
        if status.has_class("-error"):
            status.remove_class("-error")
        at = f" · {results.cursor + 1:,} of {n:,}" if n > 1 else ""
        hints = LIST_HINTS if results.has_focus else QUERY_HINTS
        # One line, cut to the width (never wrapped), so the height stays put and a keystroke
        # needs no layout pass (layout=False), unless the line was an error until now.
        line = Content.assemble(f"{claims(n)}{at}", (hints, "$text-muted 70%"))
        room = status.size.width - status.styles.gutter.width
        status.update(
            line.truncate(room, ellipsis=True) if room > 0 else line,
            layout=status.size.height != 1,
        )
        results.border_title = title

    # -- the preview ------------------------------------------------------------------------------

    def _preview_soon(self, delay: float = PREVIEW_DELAY) -> None:
        """Preview the highlighted result once typing (or moving) pauses for `delay` s."""
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(delay, self._update_preview)

    def refresh_preview(self) -> None:
        """Draw the preview again (its review lines changed)."""
        self._update_preview(force=True)

    def _update_preview(self, force: bool = False) -> None:
        self._preview_timer = None
        key = self.results_list.key
        if force or key != self.preview.shown or key is None:
            self.preview.show(key, self.library, self.reviews)

    def on_results_list_moved(self, event: ResultsList.Moved) -> None:
        event.stop()
        self._show_status()
        self._preview_soon(MOVE_DELAY)

    # -- actions ----------------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Move the highlighted result."""
        self.results_list.move(delta)

    def action_page(self, direction: int) -> None:
        """Move the highlighted result by a screenful."""
        results = self.results_list
        results.move(direction * results.page_rows)

    def action_choose(self) -> None:
        """Close the search and go to the highlighted claim of the query on screen.

        The results are brought up to date with the query line first: Enter typed in the same
        burst as the query must not act on the results of an earlier one.
        """
        self.run_query(self.query_one(Input).value)
        if self.error is not None or self.results_list.key is None:
            self.app.bell()
            self._reveal_error()  # why not, at once
            return
        self.dismiss(self.results_list.key)

    def action_close(self) -> None:
        """Close the search without choosing."""
        self.dismiss(None)

    def on_results_list_chosen(self, event: ResultsList.Chosen) -> None:
        event.stop()
        self.dismiss(event.key)
