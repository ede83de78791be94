"""Review keys of the brief screen: mark, flag, note, next unreviewed, undo, hide, whole source.

Kept apart from `brief.py` so each file holds one role; `BriefScreen` subclasses this and
provides `current_item`, `go_to_item`, `review_order` and `after_review_change`, and subscribes
`marks_changed` to its `Reviews`.

Writing a mark never happens on the UI thread: the review file may be locked by another program
for seconds. A change is queued on the session (`Reviews.pending`) and a thread worker runs the
queue, one write at a time, in order; keys pressed meanwhile still work and queue more. Once a
write has committed the session tells its listeners, and `marks_changed` posts a `MarksChanged`
message, so the redraw happens on the UI thread. A write that fails changes nothing on screen
and becomes an error notice.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.types import NoActiveAppError

from ...model import Brief
from ...plural import plural
from ...review import Item, ReadOnlyStore, Reviews, ReviewWriteError
from ...text import sanitize
from ..messages import MarksChanged, NextToReview
from .dialogs import ConfirmScreen, NoteScreen


def queue_write(
    app: App[object], reviews: Reviews, write: Callable[[Reviews], object], failed: str
) -> None:
    """Queue `write` on the review session, to run off the UI thread after the writes queued
    before it (the brief screen and the search view share this, so undo and the order of
    writes are shared). Call it on the UI thread.

    `write` may return a notice (a str) for when it lands. What goes wrong becomes a notice, and
    changes nothing: read-only (a warning), or a write that did not land (an error whose
    text starts with `failed`). Anything else is a bug, and ends the app (with exit
    status 1).
    """

    def run() -> None:
        try:
            said = write(reviews)
        except ReadOnlyStore as exc:
            app.notify(str(exc), title="Read-only", severity="warning", markup=False)
        except ReviewWriteError as exc:
            text = f"{failed}: {exc.reason}."
            app.notify(text, title="Not saved", severity="error", timeout=15, markup=False)
        else:
            if isinstance(said, str) and said:
                app.notify(said, timeout=3, markup=False)

    if reviews.pending.add(run):
        # On the app, not a screen: leaving the screen cancels its workers, and a write
        # queued just before Escape must still land.
        app.run_worker(reviews.pending.run, name="review marks", group="review", thread=True)


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

    # -- marks changed ---------------------------------------------------------------------------

    def marks_changed(self, items: list[Item]) -> None:
        """The `Reviews` listener of this screen: called on the thread that wrote, so it only
        posts a message (posting is thread-safe); `on_marks_changed` redraws."""
        # A screen being removed as the write lands has no app to post through: nothing to draw.
        with contextlib.suppress(NoActiveAppError):
            self.post_message(MarksChanged(items))

    def on_marks_changed(self, message: MarksChanged) -> None:
        self.after_review_change(message.items)

    # -- actions ---------------------------------------------------------------------------------

    def _change(
        self, write: Callable[[Reviews], object], failed: str = "Could not save the mark"
    ) -> None:
        """Queue a write through the review session (which keeps undo and tells the screens to
        redraw once it has landed): `queue_write`. Nothing to do without a session."""
        if self.reviews is None:
            return
        queue_write(self.app, self.reviews, write, failed)

    def action_toggle_reviewed(self) -> None:
        item = self.current_item()
        if item is None or self.reviews is None:
            self.app.bell()
            return
        self._change(lambda reviews: reviews.toggle(item))

    def action_toggle_flag(self) -> None:
        item = self.current_item()
        if item is None or self.reviews is None:
            self.app.bell()
            return
        self._change(lambda reviews: reviews.toggle_flag(item))

    def action_note(self) -> None:
        item = self.current_item()
        if item is None or self.reviews is None:
            self.app.bell()
            return
        mark = self.reviews.mark(item.brief, item.kind, item.item)
        label = "the summary" if item.kind == "summary" else f"{item.kind} {item.item}"
        what = Content.assemble(("Note on ", "bold"), (label, "bold $accent"))

        def save(note: str | None) -> None:
            if note is None:
                return
            clean = sanitize(note.strip())
            self._change(lambda reviews: reviews.set_note(item, clean))

        self.app.push_screen(NoteScreen(what, mark.note if mark else ""), save)

    def action_undo(self) -> None:
        # Queued like any change: it undoes the last change that landed before it.
        def undo(reviews: Reviews) -> str:
            what = reviews.undo_last()
            return "Nothing to undo in this session." if what is None else f"Undone: {what}."

        self._change(undo, "Could not undo")

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
        question = Content.assemble(
            "Mark all " if len(items) != 1 else "Mark the ",
            (plural(len(items), "claim"), "bold"),
            " of ",
            (name, "bold $accent"),
            " as reviewed? (u undoes it)",
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self._change(lambda reviews: reviews.set_reviewed(items, True))

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
