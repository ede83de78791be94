"""Review keys of the search view: mark every result reviewed (R), undo (u).

Kept apart from `search.py` so each file holds one role (as `reviewing.py` is for the brief
screen). `SearchScreen` subclasses `SearchReviewing` and provides `reviews`, `index`,
`results_list`, `error`, `query_text`, `run_query` and `refresh_preview`.

Writes never happen on the UI thread: a change is queued on `Reviews.pending` and a thread
worker runs the queue, one write at a time, in order, the brief screen's way
(`reviewing.queue_write`), so undo and the order of writes are shared with it. Once a write has
landed the session tells its listeners; `_marks_changed` posts a `MarksChanged` message and the
redraw happens in its handler, on the UI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from textual.content import Content
from textual.screen import Screen
from textual.types import NoActiveAppError

from ...model import ClaimKey
from ...plural import plural, plural_of
from ...review import Item, Reviews
from ...search import QueryError, SearchIndex
from ..messages import MarksChanged
from ..widgets.results import ResultsList
from .dialogs import ConfirmScreen
from .reviewing import queue_write


def claims(n: int) -> str:
    """`1 claim`, `1,234 claims`."""
    return plural(n, "claim")


class SearchReviewing(Screen[ClaimKey | None]):
    """Marking the search results reviewed; the search screen supplies the results."""

    reviews: Reviews | None
    index: SearchIndex
    error: QueryError | None
    query_text: str

    # -- provided by the search screen -----------------------------------------------------------

    @property
    def results_list(self) -> ResultsList:
        """The results widget."""
        raise NotImplementedError

    def run_query(self, query: str, force: bool = False) -> None:
        """Search again."""
        raise NotImplementedError

    def refresh_preview(self) -> None:
        """Draw the preview again (its review lines changed)."""
        raise NotImplementedError

    # -- the keys --------------------------------------------------------------------------------

    def to_mark(self) -> tuple[list[Item], int]:
        """The listed results not yet reviewed, as review items, and how many results there are
        (claims of a brief that could not be read have no item and are left out)."""
        results = self.results_list.results
        reviews = self.reviews
        if results is None or reviews is None:
            return [], 0
        keys = self.index.keys
        items = []
        for number in results.found.to_list():
            key = keys[number]
            item = reviews.item(key.brief, "claim", key.claim)
            if item.hash and reviews.status(key.brief, "claim", key.claim) != "reviewed":
                items.append(item)
        return items, results.total

    def action_mark_all(self) -> None:
        """Mark every listed result reviewed, in one batch (one `u` undoes it), after asking."""
        if self.reviews is None or self.error is not None:
            self.app.bell()
            return
        items, total = self.to_mark()
        if not items:
            self.notify("Every result is reviewed already." if total else "No results.", timeout=3)
            return
        done = total - len(items)
        question = Content.assemble(
            "Mark ",
            (claims(len(items)), "bold"),
            " reviewed?",
            (
                f"\n{done:,} of the {total:,} results {plural_of('is', done)} already reviewed."
                if done
                else "",
                "$text-muted",
            ),
            ("\nu undoes it.", "$text-muted"),
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self._change(lambda reviews: reviews.set_reviewed(items, True))

        self.app.push_screen(ConfirmScreen(question), answer)

    def action_undo(self) -> None:
        """Undo the last review change of the session (here or on a brief), as `u` does there."""

        def undo(reviews: Reviews) -> str:
            what = reviews.undo_last()
            return "Nothing to undo in this session." if what is None else f"Undone: {what}."

        self._change(undo, "Could not undo")

    def _change(
        self, write: Callable[[Reviews], object], failed: str = "Could not save the marks"
    ) -> None:
        """Queue a write through the review session, off the UI thread, after those queued
        before it: the brief screen's way (`queue_write`), so undo and the order of writes are
        shared. A notice (a str) returned by `write` is shown once it lands."""
        if self.reviews is None:
            self.app.bell()
            return
        queue_write(self.app, self.reviews, write, failed)

    def _marks_changed(self, items: list[Item]) -> None:
        # A `Reviews` listener, called on the thread that wrote: hand over to the UI thread.
        with contextlib.suppress(NoActiveAppError):
            self.post_message(MarksChanged(items))
