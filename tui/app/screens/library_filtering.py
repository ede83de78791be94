"""The library's filter and order: the filter line (`f`, Escape), running a filter in the search
language over the loaded library, and `s` going through the orders.

Kept apart from `library.py`, which lists, previews and opens the briefs; `LibraryScreen`
subclasses `LibraryFiltering` and provides what is declared here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.widgets import Static

from ...model import Brief
from ...text import one_line
from ..services import reader_of
from .library_follow import LibraryFollowing

if TYPE_CHECKING:
    from textual.widgets import Input

    from ...search import QueryError
    from ...search.briefs import LibraryFilter
    from ..widgets.filter_line import FilterLine


class LibraryFiltering(LibraryFollowing):
    """Filters and orders the list (see the module)."""

    filter_error: QueryError | None
    matching: Sequence[Brief]
    matched: dict[str, int]
    by_claims: bool

    # -- provided by the library screen ----------------------------------------------------------

    def _filter_parts(self) -> tuple[FilterLine, Static, Static]:
        raise NotImplementedError

    def _show_title(self) -> None:
        raise NotImplementedError

    # -- the filter ------------------------------------------------------------------------------

    def filter_of(self) -> LibraryFilter:
        """The filter of the loaded library (built on first use, kept until the next load)."""
        from ...search.briefs import LibraryFilter

        assert self.library is not None
        if self._filter is None:
            reader = reader_of(self.app)
            reviews = self.reviews
            self._filter = LibraryFilter(
                self.library,
                reader.index if reader is not None else None,
                reviews.progress if reviews is not None else None,
                reviews.status_of if reviews is not None else None,
            )
        return self._filter

    @work(thread=True, exclusive=True, group="library-filter")
    def _warm(self, library_filter: LibraryFilter) -> None:
        # Fold what brief-level terms test off the UI thread, so the first `tag:` typed does
        # not wait for it (it only adds to the filter's caches).
        library_filter.warm()

    def run_filter(self, text: str, force: bool = False) -> None:
        """Filter the list (or show the filter's problem, keeping the last valid list)."""
        from ...search import QueryError

        if text == self.filter_text and not force:
            return
        self.filter_text = text
        _, error, _ = self._filter_parts()
        if self.library is None:
            return  # filtered as soon as the library is in
        try:
            found = self.filter_of().run(text)
        except QueryError as exc:
            self.filter_error = exc
            error.update(Content(f"{one_line(exc)} · the list shows the last valid filter"))
            error.add_class("-shown")
            return
        self.filter_error = None
        error.remove_class("-shown")
        self.matching = found.briefs
        self.matched = found.claims
        self.by_claims = found.by_claims
        if not force:
            self._list()

    def action_filter(self) -> None:
        """Open the filter line (or go back to it)."""
        self.add_class("-filtering")
        self._filter_parts()[0].input.focus()

    def action_clear_filter(self) -> None:
        """Clear the filter and close its line."""
        self.remove_class("-filtering")
        self._filter_parts()[0].clear()
        self.run_filter("")  # at once (the line's own report comes after)
        self.table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return self.has_class("-filtering") or bool(self.filter_text)
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_filter(self._filter_parts()[0].value)  # at once, even if typing has not paused
        self.table.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # the filter line reports it (`FilterLine.Changed`)

    def on_filter_line_changed(self, event: FilterLine.Changed) -> None:
        event.stop()
        self.run_filter(event.text)

    def action_sort(self) -> None:
        """Order the list the next way (date, title, progress, problems)."""
        from ...search.briefs import SORTS

        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if self.library is not None:
            self._list()
        else:
            self._show_title()
