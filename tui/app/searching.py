"""The App's search: opening the search view (or, while every claim is being indexed, the screen
that waits for the index with what is typed), handing over once the index is in, saved searches.
`BriefApp` inherits it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import ClaimKey
from .messages import IndexBuilt, SearchFor
from .navigation import Navigator, if_imported

if TYPE_CHECKING:
    from ..search import SearchIndex
    from .screens.indexing import IndexingScreen


class Searching(Navigator):
    """Search requests to the App: `/`, the palette's saved searches, the index arriving."""

    index: SearchIndex | None
    last_query: str
    """The query of the last search, which `/` opens with."""

    def action_search(self, query: str | None = None) -> None:
        """Open the search view over every claim (with `query`, else the last search, selected);
        Enter jumps to the chosen claim. On the search view, `/` goes back to its query line."""
        if self.library is None or self.index is None or self.reviews is None:
            # The list is usable before every claim is indexed: the search waits, visibly, with
            # what is typed meanwhile, and opens when the index is in (`on_index_built`).
            from .screens.indexing import IndexingScreen

            if not isinstance(self.screen, IndexingScreen):
                self.push_screen(IndexingScreen(self.last_query if query is None else query))
            return
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.focus_query(query)
            return

        def chosen(key: ClaimKey | None) -> None:
            self.last_query = screen.query_text
            if key is not None:
                self.go_to(key)

        start = self.last_query if query is None else query
        screen = SearchScreen(self.library, self.index, query=start, reviews=self.reviews)
        self.push_screen(screen, chosen)

    def on_index_built(self, message: IndexBuilt) -> None:
        # `LiveReload.on_index_built` (before this, in the App's class order) takes the index
        # in; then a search typed while it was built opens, with its query.
        self.call_later(self._search_when_indexed)

    def _search_when_indexed(self) -> None:
        waiting = if_imported("tui.app.screens.indexing", "IndexingScreen")
        if waiting is not None and isinstance(self.screen, waiting) and self.index is not None:
            screen = self.screen
            screen.when_settled(lambda: self._hand_over(screen))

    def _hand_over(self, waiting: IndexingScreen) -> None:
        # From the search waiting for the index to the search view (or the claim found).
        if self.screen is not waiting or self.index is None:
            return
        query, submitted = waiting.query_text, waiting.submitted
        self.pop_screen()
        if submitted and self.reviews is not None:
            # Enter was typed: straight to the first claim found, as the search view's Enter
            # does; a query with a problem or no results opens the view, which says why.
            from ..search import QueryError

            try:
                results = self.index.search(query, self.reviews.status_of)
            except QueryError:
                results = None
            if results is not None and results.total:
                self.last_query = query
                self.go_to(results.key(0))
                return
        self.action_search(query)

    def on_search_for(self, message: SearchFor) -> None:
        # A saved search chosen in the palette or the library: the search view, with its query.
        self.action_search(message.query)
