"""The help screen: every key of the reader by the place it works, in the order a reader meets
them, then a legend of the glyphs, the grades and the counts.

Built from the bindings themselves (`keys_doc.owners`, with the user's keymap applied), the glyph
table of `render/claims.py` and the grade words of `tui/vocabulary.py`: nothing here can drift
from what the reader draws. It is the one help: Textual's keys panel is not offered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ...vocabulary import CREDIBILITY, RELIABILITY
from ..keys_doc import key_displays, owners
from ..render.claims import GLYPHS

SECTIONS: tuple[tuple[str, str], ...] = (
    ("library", "Library"),
    ("brief", "Brief"),
    ("panes", "Brief: panes"),
    ("summary", "Brief: summary pane"),
    ("claims", "Brief: sources & claims pane"),
    ("detail", "Brief: claim detail pane"),
    ("xrefs", "Brief: cross-references pane"),
    ("review", "Reviewing (brief screen)"),
    ("search", "Search"),
    ("problems", "Problems"),
    ("dialogs", "Questions and notes"),
    ("global", "Everywhere"),
    ("other", "Other"),
)
"""Help sections in the order a reader meets them: (name, heading)."""

OWNER_SECTION = {
    "LibraryScreen": "library",
    "PanesScreen": "panes",
    "SummaryView": "summary",
    "ClaimList": "claims",
    "ClaimDetail": "detail",
    "XrefList": "xrefs",
    "ReviewingScreen": "review",
    "SearchScreen": "search",
    "ResultsList": "search",
    "IndexingScreen": "search",
    "ProblemsScreen": "problems",
    "ConfirmScreen": "dialogs",
    "NoteScreen": "dialogs",
    "BriefApp": "global",
    "HelpScreen": "global",
}
"""Section of the bindings each class declares (by class name; the brief screen's own go by
their id, below; a class not named here lands in `other`)."""

HERE = "  · this screen"
"""After the heading of a section of the screen help was opened from."""

PREFIX_SECTION = {
    "library": "library",
    "searches": "library",
    "search": "search",
    "results": "search",
    "review": "review",
    "problems": "problems",
    "confirm": "dialogs",
    "note": "dialogs",
    "app": "global",
    "help": "global",
    "pane": "panes",
    "summary": "summary",
    "claims": "claims",
}
"""Section of a binding whose class is not in `OWNER_SECTION`, by the first part of its id (a
widget added to the library, say, lands with the library's keys)."""

BRIEF_SECTION = {"cursor": "brief", "pane": "panes", "brief": "brief", "nav": "brief"}
"""Section of the brief screen's bindings, by the first part of their id."""

NOTES: dict[str, tuple[str, ...]] = {
    "panes": ("A maximised pane fills the screen; z or escape restores the others.",),
    "summary": ("j, k step through paragraphs and the links in them; ⏎ follows the link.",),
    "detail": ("j, k, arrows and page keys scroll a long claim or quote.",),
    "xrefs": ("⏎ goes to the claim at the other end; ⌫ comes back.",),
    "global": (
        "ctrl+p opens the commands (each with its key); ctrl+q quits too.",
        "Mouse: click a pane to focus it, a row to select it,",
        "a link to follow it.",
        "The ids on the right name each binding for the keymap in config.yaml.",
    ),
}
"""What a section's bindings do not say by themselves."""


def key_rows(app: App[Any], keymap: Mapping[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """Every binding of the reader with a description, by section: (keys, what, binding id)."""
    rows: dict[str, list[tuple[str, str, str]]] = {}
    for owner in owners():
        name = owner.cls.__name__
        for binding in owner.bindings:
            if not binding.description or not binding.id:
                continue
            prefix = binding.id.split(".")[0]
            section = OWNER_SECTION.get(name) or PREFIX_SECTION.get(prefix, "other")
            if name == "BriefScreen":
                section = BRIEF_SECTION.get(binding.id.split(".")[0], "brief")
            rows.setdefault(section, []).append(
                (key_displays(app, binding, keymap), binding.description, binding.id)
            )
    return rows


def here_sections(screen: Screen[object]) -> set[str]:
    """Sections of the keys of the screen help was opened from (marked `this screen`)."""
    names = {cls.__name__ for cls in type(screen).__mro__}
    found = {OWNER_SECTION[n] for n in names if n in OWNER_SECTION}
    if "BriefScreen" in names:
        found |= {"brief", "panes", "summary", "claims", "detail", "xrefs"}
    return found - {"global", "dialogs"}


def keys_table(screen: Screen[object], keymap: Mapping[str, str] | None = None) -> Content:
    """Every key by section, the sections of `screen` marked, then the legend."""
    rows = key_rows(screen.app, keymap or {})
    here = here_sections(screen)
    width = max((len(k) for entries in rows.values() for k, _, _ in entries), default=0)
    width = min(width, 16)
    parts: list[str | tuple[str, str] | Content] = []
    for section, heading in SECTIONS:
        entries = rows.get(section, [])
        notes = NOTES.get(section, ())
        if not entries and not notes:
            continue
        parts.append((heading, "bold $text-primary"))
        if section in here:
            parts.append((HERE, "$text-accent"))
        parts.append("\n")
        for keys, description, ident in entries:
            parts.append(("  " + keys.ljust(width) + "  ", "bold $accent"))
            parts.append(description.ljust(28))
            parts.append((f" {ident}", "$text-muted"))
            parts.append("\n")
        for note in notes:
            parts.append((f"  {note}\n", "italic $text-muted"))
        parts.append("\n")
    parts.append(legend())
    return Content.assemble(*parts)


def legend() -> Content:
    """What the glyphs, a grade like `B2` and the counts mean."""
    parts: list[str | tuple[str, str] | Content] = [("Legend", "bold $text-primary"), "\n"]
    for glyph in GLYPHS.values():
        parts += [("  " + glyph.char.ljust(3), glyph.style), f"{glyph.meaning}\n"]
    parts += [
        "\n",
        ("  B2 ", "bold"),
        "a grade (Admiralty code): the letter is how reliable the source is,\n",
        "     the digit how credible the claim is.\n",
        ("     Source reliability:\n", "italic"),
    ]
    for letter, words in RELIABILITY.items():
        parts += [(f"       {letter} ", "bold"), f"{words}\n"]
    parts.append(("     Claim credibility:\n", "italic"))
    for digit, words in CREDIBILITY.items():
        parts += [(f"       {digit} ", "bold"), f"{words}\n"]
    parts += [
        "\n",
        ("  25 to review", "bold"),
        "  items not marked reviewed yet, or changed since (Δ).\n",
        "     In the claims pane's title: the brief's claims. In the header (3/25\n",
        "     reviewed) and the library: everything in a brief you can review, its\n",
        "     summary, its claims and its cross-references. n goes to the next one.\n",
        ("  3 of 12", "bold"),
        "       the selected row and how many rows the pane lists.",
    ]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Every key of the reader, by where it works, and what the marks mean."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll('up')", "Scroll up", show=False, id="help.up"),
        Binding("g", "scroll('home')", "Scroll to the top", show=False, id="help.top"),
        Binding("G", "scroll('end')", "Scroll to the end", show=False, id="help.bottom"),
    ]

    def __init__(self, table: Content) -> None:
        super().__init__()
        self.table = table
        here = table.plain.find(HERE)
        self.start = table.plain.count("\n", 0, here) if here >= 0 else 0
        """Line of the first section of the screen help was opened from: it opens there."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(self.table, id="help-keys")

    def on_mount(self) -> None:
        box = self.query_one("#help", VerticalScroll)
        box.border_title = "Help"
        box.border_subtitle = "j, k, page keys scroll · escape closes"
        # Focused, so the arrows and page keys scroll it as well.
        box.focus()
        self.call_after_refresh(box.scroll_to, y=self.start, animate=False)

    def action_scroll(self, where: str) -> None:
        """Scroll the help: `down`, `up`, `home` or `end`."""
        box = self.query_one("#help", VerticalScroll)
        {
            "down": lambda: box.scroll_down(animate=False),
            "up": lambda: box.scroll_up(animate=False),
            "home": lambda: box.scroll_home(animate=False),
            "end": lambda: box.scroll_end(animate=False),
        }[where]()
