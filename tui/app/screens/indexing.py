"""The search, while its index is still being built: `/` pressed before every claim is indexed.

The library is usable before the search index is in (building it over 50,000 claims takes about
a second, issue 12). Search typed then waits here, visibly, instead of failing: the query line
already takes what is typed, and the App replaces this dialog with the search view, that query
in it, as soon as the index is built (`BriefApp.on_index_built`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ..widgets.safe_input import SafeInput


class IndexingScreen(ModalScreen[None]):
    """The search, waiting for its index: a query line and `indexing…`.

    The App takes `query_text` into the search view when the index is in; Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close search (while indexing)", id="indexing.close"),
    ]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.start = query
        self.submitted = False
        """Enter was pressed: the search view goes to its first result as soon as it opens."""

    @property
    def query_text(self) -> str:
        """What is in the query line now."""
        return self.query_one(Input).value if self.is_mounted else self.start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="indexing"):
            yield Static(Content.styled("Search claims", "bold $accent"))
            yield SafeInput(self.start, placeholder="Type a search…", id="indexing-query")
            yield Static(
                Content.styled(
                    "indexing… the results show as soon as every claim is indexed", "$text-muted"
                ),
                id="indexing-status",
            )

    def on_mount(self) -> None:
        query = self.query_one(Input)
        query.focus()
        query.select_all()  # the last search, offered again: typing replaces it

    def when_settled(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the keys already on their way here are taken in.

        Keys reach the query line through its own queue, and Enter comes back to this screen
        as a message: the callback queues behind both, so a burst typed as the index lands
        is neither cut short nor lost with this screen.
        """
        lines = self.query(Input)
        if lines:
            lines.first().call_later(self.call_later, callback)
        else:
            self.call_later(callback)

    def on_key(self, event: events.Key) -> None:
        # Keys typed in the same burst as `/` can reach the screen before its query line has
        # focus: they belong to the query, in the order typed (as on the search view).
        if self.focused is not None:
            return
        if event.key == "enter":
            event.stop()
            self.submitted = True
        elif event.is_printable and event.character:
            event.stop()
            query = self.query_one(Input)
            query.focus()
            start, end = sorted(query.selection)
            query.replace(event.character, start, end)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        # Enter waits for the index like the rest: `/`, a query and Enter typed in one burst
        # land on the claim found, as they do once the index is in.
        self.submitted = True

    def action_cancel(self) -> None:
        self.dismiss(None)
