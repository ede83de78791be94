"""Searching again while the search view is open: the marks changed (mine, or a colleague's
arriving live) and the query is on them (`is:`, `by:`), or the library was reloaded (a save in
the workspace: new claims, changed ones, and with it a new index and review session).

Kept apart from `search.py` (which draws the view and runs the query as it is typed), as
`search_review.py` holds the review keys. `SearchScreen` subclasses `SearchRerun` and provides
what is declared here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer

from ...model import ClaimKey, Library
from ...review import Reviews
from ...search import QueryError, SearchIndex, StatusOf, parse
from ..messages import MarksChanged
from .search_review import SearchReviewing

if TYPE_CHECKING:
    from ...search import Results

RERUN_DELAY = 0.15
"""Seconds after a change of marks before a search on them (`is:`, `by:`) runs again: a burst
of marks (a colleague's bulk change arriving mark by mark) searches once."""

FIND_ROWS = 2_000
"""Rows past the cursor's looked through for its claim when the results are found again."""

FOLLOWING = 20
"""Claims after the cursor's, the first still found taking the cursor when its own is not."""


class SearchRerun(SearchReviewing):
    """Runs the listed query again when the marks or the library change (see the module)."""

    library: Library
    valid_query: str | None
    status_of: StatusOf | None
    _rerun_timer: Timer | None
    _status_of_reviews: bool  # True when `status_of` is the review session's (it follows it)

    # -- provided by the search screen -----------------------------------------------------------

    def _show_status(self) -> None:
        raise NotImplementedError

    def _update_preview(self, force: bool = False) -> None:
        raise NotImplementedError

    # -- searching again -------------------------------------------------------------------------

    def on_marks_changed(self, message: MarksChanged) -> None:
        # The marks on the rows and in the preview at once; the results, when the query is on
        # the marks, once they rest (a burst of marks searches once).
        message.stop()
        self.results_list.redraw()
        self.refresh_preview()
        if self._rerun_timer is None and self._on_marks():
            self._rerun_timer = self.set_timer(RERUN_DELAY, self.rerun)

    def _on_marks(self) -> bool:
        """True when what the listed query finds depends on the review marks."""
        try:
            return any(step.kind in ("is", "by") for step in parse(self.valid_query or "").steps)
        except QueryError:
            return False

    def follow(self, library: Library, index: SearchIndex, reviews: Reviews | None) -> None:
        """Search a reloaded library (with its index and review session, as they come in):
        the query line stays as typed, the cursor on its claim while that is still found."""
        if reviews is not self.reviews:
            if self.reviews is not None:
                self.reviews.unsubscribe(self._marks_changed)
            if reviews is not None:
                reviews.subscribe(self._marks_changed)
            self.reviews = reviews
            if self._status_of_reviews:
                self.status_of = reviews.status_of if reviews is not None else None
        self.library = library
        self.index = index
        results = self.results_list
        results.index, results.status_of = index, self.status_of
        results.redraw()  # its rows are cached by claim number: the index numbers anew
        self.rerun()
        self.refresh_preview()

    def rerun(self) -> None:
        """Search again for the listed query (the last valid one: a query being typed with a
        problem stays in the line as it is), the cursor staying on its claim when that is still
        found, else on its row."""
        self._rerun_timer = None
        if self.valid_query is None:
            return
        results_list = self.results_list
        cursor, before = results_list.cursor, results_list.results
        # The cursor's claim, else the first of those after it that is still found.
        wanted = _keys(before, cursor, cursor + FOLLOWING) if before is not None else []
        try:
            results = self.index.search(self.valid_query, self.status_of)
        except QueryError:
            return  # it parsed when typed: nothing found again can change that
        results_list.show(results)
        rows = _rows(results, cursor + FIND_ROWS)
        row = next((rows[key] for key in wanted if key in rows), None)
        results_list.move_to(cursor if row is None else row)
        self._show_status()
        self._update_preview()  # once: nothing is being typed or moved


def _keys(results: Results, start: int, stop: int) -> list[ClaimKey]:
    """The claims of rows `start` to `stop` (exclusive)."""
    stop = min(stop, results.total)
    if start >= stop:
        return []
    results.number(stop - 1)  # ranks them all at once (row by row, it ranks again and again)
    return [results.key(row) for row in range(start, stop)]


def _rows(results: Results, stop: int) -> dict[ClaimKey, int]:
    """The row of each claim among the first `stop` rows."""
    return {key: row for row, key in enumerate(_keys(results, 0, stop))}
