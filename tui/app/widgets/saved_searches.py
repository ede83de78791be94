"""The library's list of saved searches (`searches:` in config.yaml): Enter runs one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...text import one_line


class SavedSearches(OptionList):
    """Each saved search, its name then its query; shown only when there are any."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # As in the list of briefs (the screen's j/k would move that list instead).
        Binding("j", "cursor_down", "Next saved search", show=False, id="searches.down"),
        Binding("k", "cursor_up", "Previous saved search", show=False, id="searches.up"),
    ]

    class Chosen(Message):
        """A saved search was chosen (Enter): the screen runs it in the search view."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query
            """The query, as written in the config."""

    def __init__(self, searches: Mapping[str, str] | None = None, *, id: str | None = None) -> None:
        """`searches` are shown once mounted (the screen mounts the list only when there are
        any)."""
        super().__init__(id=id)
        self.searches: dict[str, str] = dict(searches or {})
        """Name -> query, in the config's order."""

    def on_mount(self) -> None:
        self.show(self.searches)

    def show(self, searches: Mapping[str, str]) -> None:
        """List `searches` (name -> query); hide the list when there are none."""
        self.searches = dict(searches)
        self.clear_options()
        for name, query in self.searches.items():
            # Config values are untrusted text: plain Content, one safe line each.
            label = Content.assemble(
                (one_line(name), "bold"), ("  " + one_line(query), "$text-muted")
            )
            self.add_option(Option(label, id=name))
        n = len(self.searches)
        self.border_title = f"Saved searches · {n} · enter runs one"
        self.set_class(bool(n), "-shown")
        if n:
            self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        name = event.option.id
        if name is not None and name in self.searches:
            self.post_message(self.Chosen(self.searches[name]))
