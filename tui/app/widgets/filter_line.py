"""The library's filter line: a label and a query line, reporting what is typed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from .safe_input import SafeInput

FILTER_HINT = "words, tag:, date:, source:, is:unreviewed, has:problems, has:contradictions"
"""Shown in the empty filter line: a reminder of what it takes."""


class FilterInput(SafeInput):
    """The query line of the filter; the down arrow goes on to the list, as Enter does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "app.focus_next",
            "From the filter to the list",
            show=False,
            id="library.to_list",
        ),
    ]


class FilterLine(Horizontal):
    """`Filter` and a query line; posts `Changed` as the filter is typed, at once or, with
    `pause` set, once typing pauses for that many seconds."""

    class Changed(Message):
        """The filter typed changed."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text
            """The filter as typed."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.input = FilterInput(placeholder=FILTER_HINT, id="library-filter")
        """The query line (there from the start: the screen may ask for it before the line is
        composed, which happens once the first frame is out)."""
        self.pause = 0.0
        """Seconds typing must pause before `Changed` is posted (0: at every keystroke). A large
        library sets it: re-listing 5,000 briefs takes a few hundred ms, and the keys typed
        meanwhile would wait behind each other."""
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("Filter", id="library-filter-label", markup=False)
        yield self.input

    def on_mount(self) -> None:
        self.watch(self.input, "value", self._typed, init=False)

    @property
    def value(self) -> str:
        """What the query line holds."""
        return self.input.value

    def clear(self) -> None:
        """Empty the query line (a `Changed` follows)."""
        self.input.value = ""

    def _typed(self, value: str) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if self.pause <= 0:
            self.post_message(self.Changed(value))
        else:
            self._pending = self.set_timer(
                self.pause, lambda: self.post_message(self.Changed(self.value))
            )
