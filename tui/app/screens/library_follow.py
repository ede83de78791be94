"""What the library keeps up with while it shows: review marks changing (the progress column,
and the filter and the order when they go by the marks), the index of a reloaded library (the
filter's claim terms), and keys pressed before any brief was listed (held, then replayed on
the loaded library).

Kept apart from `library.py`, which lists, filters and opens the briefs; `LibraryScreen`
subclasses `LibraryFollowing` and provides what is declared here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.timer import Timer

from ...model import Library
from ...review import Reviews

if TYPE_CHECKING:
    from ...search.briefs import LibraryFilter, Sort
    from ..widgets.library_table import LibraryTable

RELIST_DELAY = 0.15
"""Seconds marks arriving while the library shows rest before it follows them (a colleague's
bulk change arrives mark by mark: the list is redrawn once)."""


class LibraryFollowing(Screen[None]):
    """Follows the marks, a reloaded index and early keys (see the module)."""

    library: Library | None
    reviews: Reviews | None
    sort: Sort
    filter_text: str
    _filter: LibraryFilter | None
    _marks_timer: Timer | None
    _early: list[tuple[str, int]]

    # -- provided by the library screen ----------------------------------------------------------

    @property
    def table(self) -> LibraryTable:
        """The list of briefs."""
        raise NotImplementedError

    def run_filter(self, text: str, force: bool = False) -> None:
        """Filter the list."""
        raise NotImplementedError

    def _list(self, fresh: bool = False) -> None:
        raise NotImplementedError

    def _preview(self) -> None:
        raise NotImplementedError

    def action_cursor(self, step: int) -> None:
        """Move the cursor."""
        raise NotImplementedError

    def action_edge(self, end: int) -> None:
        """Cursor to the top or the bottom."""
        raise NotImplementedError

    def action_open(self) -> None:
        """Open the brief under the cursor."""
        raise NotImplementedError

    # -- marks and the index ---------------------------------------------------------------------

    def follow_marks(self, soon: bool = True) -> None:
        """The marks changed: bring the progress column and the preview up to date, and the
        filter and the order when they go by the marks (`is:`, `by:`, sorted by progress), the
        cursor staying on its brief. `soon`: once the marks rest (`RELIST_DELAY`)."""
        if not soon:
            self._follow_marks()
        elif self._marks_timer is None:
            self._marks_timer = self.set_timer(RELIST_DELAY, self._follow_marks)

    def _follow_marks(self) -> None:
        if self._marks_timer is not None:
            self._marks_timer.stop()
            self._marks_timer = None
        if self.library is None or self.reviews is None:
            return
        self.table.refresh_progress(self.reviews)
        if self.sort == "progress" or self._on_marks():
            if self.filter_text:
                self.run_filter(self.filter_text, force=True)
            self._list()
        else:
            self._preview()

    def _on_marks(self) -> bool:
        """True when the filter lets briefs through by their marks."""
        from ...search import QueryError
        from ...search.briefs import parse_filter

        try:
            query = parse_filter(self.filter_text)
        except QueryError:
            return False
        steps = (*query.brief_steps, *query.claim_query.steps)
        return any(step.kind in ("is", "by") for step in steps)

    def index_built(self) -> None:
        """The search index of a reloaded library is in: filter again by the claims it holds
        (until now the previous index's), the cursor staying on its brief."""
        if self.library is None:
            return
        self._filter = None
        if self.filter_text:
            self.run_filter(self.filter_text, force=True)
            self._list()

    # -- keys pressed while nothing is listed -----------------------------------------------------

    def _held(self, action: str, value: int = 0) -> bool:
        """Hold a key pressed while nothing is listed yet (see `_replay`)."""
        if self.library is None and not self.table.row_count:
            self._early.append((action, value))
            return True
        return False

    def _replay(self) -> None:
        early, self._early = self._early, []
        for action, value in early:
            if action == "cursor":
                self.action_cursor(value)
            elif action == "edge":
                self.action_edge(value)
            else:
                self.action_open()
