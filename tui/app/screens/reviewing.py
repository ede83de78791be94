"""Review keys of the brief screen: mark, flag, note, next unreviewed, undo, hide, whole source.

Kept apart from `brief.py` so each file holds one role; `BriefScreen` subclasses this and
provides `current_item`, `go_to_item`, `review_order` and `after_review_change`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen

from ...model import Brief
from ...review import Item, ReadOnlyStore, Reviews
from ...text import sanitize
from ..messages import NextToReview
from .dialogs import ConfirmScreen, NoteScreen


class ReviewingScreen(Screen[None]):
    """The review actions; the brief screen supplies where the cursor is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_reviewed", "Reviewed", id="review.toggle"),
        Binding("f", "toggle_flag", "Flag", id="review.flag"),
        Binding("c", "note", "Note", show=False, id="review.note"),
        Binding("n", "next_unreviewed(1)", "Next to review", id="review.next"),
        Binding(
            "N", "next_unreviewed(-1)", "Previous unreviewed", show=False, id="review.previous"
        ),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("H", "hide_reviewed", "Hide reviewed", show=False, id="review.hide"),
        Binding("A", "mark_source", "Mark source reviewed", show=False, id="review.source"),
    ]

    brief: Brief | None
    reviews: Reviews | None

    # -- provided by the brief screen ------------------------------------------------------------

    def current_item(self) -> Item | None:
        """The item under the cursor of the focused pane."""
        raise NotImplementedError

    def go_to_item(self, item: Item) -> None:
        """Move the cursor to an item of the shown brief."""
        raise NotImplementedError

    def after_review_change(self, items: list[Item]) -> None:
        """Redraw what shows the marks of these items."""
        raise NotImplementedError

    def toggle_hidden(self) -> bool:
        """Hide or show reviewed claims; returns whether they are now hidden."""
        raise NotImplementedError

    def source_items(self) -> tuple[str, list[Item]]:
        """Name of the selected claim's source and its claims as items."""
        raise NotImplementedError

    # -- actions ---------------------------------------------------------------------------------

    def _change(self, write: Callable[[], object]) -> None:
        """Write through the review session (which keeps undo and tells the screens to redraw);
        never raise."""
        try:
            write()
        except ReadOnlyStore as exc:
            self.notify(str(exc), title="Read-only", severity="warning", markup=False)

    def action_toggle_reviewed(self) -> None:
        item = self.current_item()
        if item is None or self.reviews is None:
            self.app.bell()
            return
        reviews = self.reviews
        self._change(lambda: reviews.toggle(item))

    def action_toggle_flag(self) -> None:
        item = self.current_item()
        if item is None or self.reviews is None:
            self.app.bell()
            return
        reviews = self.reviews
        self._change(lambda: reviews.toggle_flag(item))

    def action_note(self) -> None:
        item = self.current_item()
        if item is None or self.reviews is None:
            self.app.bell()
            return
        reviews = self.reviews
        mark = reviews.mark(item.brief, item.kind, item.item)
        label = "the summary" if item.kind == "summary" else f"{item.kind} {item.item}"
        what = Content.assemble(("Note on ", "bold"), (label, "bold $accent"))

        def save(note: str | None) -> None:
            if note is None:
                return
            clean = sanitize(note.strip())
            self._change(lambda: reviews.set_note(item, clean))

        self.app.push_screen(NoteScreen(what, mark.note if mark else ""), save)

    def action_undo(self) -> None:
        if self.reviews is None:
            return
        try:
            what = self.reviews.undo_last()
        except ReadOnlyStore as exc:
            self.notify(str(exc), title="Read-only", severity="warning", markup=False)
            return
        if what is None:
            self.notify("Nothing to undo in this session.", timeout=3)
        else:
            self.notify(f"Undone: {what}.", timeout=3, markup=False)

    def action_hide_reviewed(self) -> None:
        hidden = self.toggle_hidden()
        self.notify("Reviewed claims hidden." if hidden else "Every claim shown.", timeout=2)

    def action_mark_source(self) -> None:
        if self.reviews is None:
            return
        name, items = self.source_items()
        if not items:
            self.app.bell()
            return
        reviews = self.reviews
        question = Content.assemble(
            "Mark all ",
            (str(len(items)), "bold"),
            " claims of ",
            (name, "bold $accent"),
            " as reviewed? (u undoes it)",
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self._change(lambda: reviews.set_reviewed(items, True))

        self.app.push_screen(ConfirmScreen(question), answer)

    def action_next_unreviewed(self, step: int) -> None:
        if self.reviews is None or self.brief is None:
            return
        order = [(i.kind, i.item) for i in self.reviews.items.get(self.brief.id, [])]
        here = self.current_item()
        at = (here.kind, here.item) if here is not None else None
        position = order.index(at) if at in order else -1
        if step > 0:
            candidates = self.reviews.items[self.brief.id][position + 1 :]
        else:
            candidates = list(reversed(self.reviews.items[self.brief.id][: max(position, 0)]))
        for item in candidates:
            if self.reviews.status(item.brief, item.kind, item.item) != "reviewed":
                self.go_to_item(item)
                return
        self.post_message(NextToReview(self.brief.path, step))
