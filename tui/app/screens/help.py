"""The help screen: every key of the screen below it, built from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

SECTIONS = {
    "review": "Review",
    "search": "Search",
    "app": "General",
    "help": "General",
}
"""Help section of each binding-id prefix (others are 'Move and read')."""


def keys_table(screen: Screen[object]) -> Content:
    """The screen's own bindings (and the app's), by section: keys, what, binding id.

    Textual's built-in bindings of focused widgets (arrows, page keys) are summed up in one line
    instead of listed, so the table shows what this app adds.
    """
    rows: dict[str, tuple[list[str], str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not binding.id or "." not in binding.id:
            continue
        shown = screen.app.get_key_display(binding)
        keys, _ = rows.setdefault(binding.id, ([], binding.description))
        if shown not in keys:
            keys.append(shown)
    width = max((len(", ".join(k)) for k, _ in rows.values()), default=0)
    sections: dict[str, list[tuple[str, list[str], str]]] = {}
    for name, (keys, description) in rows.items():
        section = SECTIONS.get(name.split(".")[0], "Move and read")
        sections.setdefault(section, []).append((name, keys, description))
    parts: list[str | tuple[str, str]] = []
    for section in ("Move and read", "Review", "Search", "General"):
        entries = sections.get(section)
        if not entries:
            continue
        parts += [(section, "bold $text-primary"), "\n"]
        for name, keys, description in sorted(entries, key=lambda e: e[2].casefold()):
            parts.append(("  " + ", ".join(keys).ljust(width + 2), "bold $accent"))
            parts.append(description.ljust(24))
            parts.append((f" {name}", "$text-muted"))
            parts.append("\n")
        parts.append("\n")
    parts.append(
        (
            "Arrows, page up/down, home/end work in every list; ctrl+p opens the commands,\n"
            "ctrl+q quits. Ids on the right name each binding for the keymap in config.yaml.\n"
            "Mouse: click a pane to focus it, a row to select it, a link to follow it.",
            "italic $text-muted",
        )
    )
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Lists the keys of the screen it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, table: Content) -> None:
        super().__init__()
        self.table = table

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.table, id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
        self.query_one("#help").border_subtitle = "Escape to close"
