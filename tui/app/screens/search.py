"""The search screen: a query line over every claim of the workspace, results live as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widgets import Input, Static

from ...model import ClaimKey, Library
from ...search import QueryError, SearchIndex, StatusOf
from ...text import one_line
from ..widgets.results import ResultsList
from ..widgets.safe_input import SafeInput

PLACEHOLDER = 'words, "a phrase", -word, source: brief: tag: rel: cred:<=3 date: is:'
"""Shown in the empty query line: a reminder of the query language."""


class QueryInput(SafeInput):
    """The query line. Its width never depends on its text, so a keystroke needs no layout pass
    (Textual's Input asks for one on every change: about 2 ms a keystroke here)."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)


class SearchScreen(Screen[ClaimKey | None]):
    """Live search over every claim; dismisses with the chosen claim's key, or None.

    Args:
        library: The loaded library (for the brief title of the highlighted result).
        index: `SearchIndex.build(library)`, built once (off the UI thread) and reused.
        status_of: Review state of a claim, for `is:` and the review mark column; None shows
            every claim as unreviewed.
        query: Text to start with (e.g. the previous search).

    Enter dismisses with the highlighted claim's `ClaimKey` (None when there are no results);
    Escape dismisses with None. Focus stays in the query line: the arrow and page keys move the
    highlighted result.
    """

    DEFAULT_CSS = """
    SearchScreen {
        align: center top;
    }
    SearchScreen > #search {
        width: 100%;
        height: 100%;
        background: $surface;
        border: round $primary;
        padding: 0 1;
    }
    SearchScreen #search-query {
        border: none;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    SearchScreen #search-status {
        height: 1;
        color: $text-muted;
        padding: 0 1;
    }
    SearchScreen #search-status.-error {
        color: $text-error;
        text-style: bold;
    }
    SearchScreen #search-where {
        height: 1;
        color: $text-muted;
        padding: 0 1;
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
    ]

    def __init__(
        self,
        library: Library,
        index: SearchIndex,
        status_of: StatusOf | None = None,
        query: str = "",
    ) -> None:
        super().__init__()
        self.library = library
        """The library searched."""
        self.index = index
        """Its search index."""
        self.status_of = status_of
        """Review state of a claim, or None."""
        self.query_text = query
        """The query as last typed."""
        self.error: QueryError | None = None
        """The current query's problem, when it has one (the previous results stay listed)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield QueryInput(self.query_text, placeholder=PLACEHOLDER, id="search-query")
            yield Static("", id="search-status", markup=False)
            yield ResultsList(self.index, self.status_of, id="search-results")
            yield Static("", id="search-where", markup=False)

    def on_mount(self) -> None:
        self.query_one("#search").border_title = "Search claims"
        query = self.query_one(Input)
        query.focus()
        # Search in the same turn as the keystroke (a watcher runs synchronously), not on the
        # Input.Changed message: then the typed character and its results share one frame
        # instead of arriving a frame (16 ms at 60 fps) apart.
        self.watch(query, "value", lambda value: self.run_query(value), init=False)
        # Keys typed while the screen was mounting reached the input before the watcher did.
        self.run_query(query.value, force=True)

    @property
    def results_list(self) -> ResultsList:
        """The results widget."""
        return self.query_one(ResultsList)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # already searched by the value watcher

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def on_key(self, event: events.Key) -> None:
        # Keys typed in the same burst as `/` can reach the screen before the query line has
        # focus: they belong to the query, in the order typed.
        query = self.query_one(QueryInput)
        if not query.has_focus and event.is_printable and event.character:
            event.stop()
            query.focus()
            query.insert_text_at_cursor(event.character)

    def run_query(self, query: str, force: bool = False) -> None:
        """Search and show the results (or the query's problem, keeping the last results)."""
        if query == self.query_text and not force:
            return
        self.query_text = query
        status = self.query_one("#search-status", Static)
        try:
            results = self.index.search(query, self.status_of)
        except QueryError as exc:
            self.error = exc
            status.add_class("-error")
            status.update(Content(one_line(exc)), layout=False)
            return
        self.error = None
        if status.has_class("-error"):  # a class change restyles: only when it changes
            status.remove_class("-error")
        self.results_list.show(results)
        self._show_where()

    def _show_where(self) -> None:
        results = self.results_list
        key = results.key
        if self.error is None and results.results is not None:
            # Fixed one-line widgets: updating them needs no layout pass (layout=False).
            n = results.results.total
            at = f" · {results.cursor + 1:,} of {n:,}" if n > 1 else ""
            self.query_one("#search-status", Static).update(
                Content.assemble(
                    f"{n:,} claim{'s' * (n != 1)}{at}",
                    ("   ↑↓ move · enter go to claim · esc back", "$text-muted 70%"),
                ),
                layout=False,
            )
        where = self.query_one("#search-where", Static)
        if key is None:
            where.update(Content(""), layout=False)
            return
        brief = self.library.brief(key.brief)
        title = brief.title if brief is not None else key.brief
        date = f"{brief.date.isoformat()}  " if brief is not None and brief.date else ""
        where.update(Content(one_line(f"{date}{title}  ·  {key}")), layout=False)

    def action_move(self, delta: int) -> None:
        """Move the highlighted result."""
        self.results_list.move(delta)
        self._show_where()

    def action_page(self, direction: int) -> None:
        """Move the highlighted result by a screenful."""
        results = self.results_list
        results.move(direction * results.page_rows)
        self._show_where()

    def action_choose(self) -> None:
        """Close the search and go to the highlighted claim of the query on screen.

        The results are brought up to date with the query line first: Enter typed in the same
        burst as the query must not act on the results of an earlier one.
        """
        self.run_query(self.query_one(Input).value)
        if self.error is not None or self.results_list.key is None:
            self.app.bell()
            return
        self.dismiss(self.results_list.key)

    def action_close(self) -> None:
        """Close the search without choosing."""
        self.dismiss(None)

    def on_results_list_chosen(self, event: ResultsList.Chosen) -> None:
        event.stop()
        self.dismiss(event.key)
