"""The help screen: every key of the screen below it, built from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def keys_table(screen: Screen[object]) -> Content:
    """The active bindings of a screen (and the app) as aligned rows: keys, what, id."""
    rows: dict[str, tuple[list[str], str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.system:
            continue
        name = binding.id or binding.action
        shown = screen.app.get_key_display(binding) if key == binding.key else key
        keys, _ = rows.setdefault(name, ([], binding.description))
        if shown not in keys:
            keys.append(shown)
    width = max((len(", ".join(k)) for k, _ in rows.values()), default=0)
    parts: list[str | tuple[str, str]] = [("Keys", "bold $text-primary"), "\n\n"]
    for name, (keys, description) in sorted(rows.items(), key=lambda r: r[1][1].casefold()):
        parts.append((", ".join(keys).ljust(width + 2), "bold $accent"))
        parts.append(description.ljust(22))
        parts.append((f" {name}", "$text-muted"))
        parts.append("\n")
    parts.append(
        (
            "\nIds on the right name each binding for the keymap in the config file.\n"
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
