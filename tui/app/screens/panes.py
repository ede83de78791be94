"""Panes of the brief screen: which one has focus, keys that jump to each (`1`..`4`), Tab
between them, `z` to let one fill the screen, and `j`/`k` inside the focused one.

Kept apart from `brief.py` so each file holds one role, like `reviewing.py`: `BriefScreen`
subclasses this, composes the panes (ids `summary`, `claims`, `detail`, `xrefs`) and provides
`refresh_titles`, which the titles use to follow focus and the maximised pane.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from ...history import PANES, Pane
from ..widgets.claims import ClaimList
from ..widgets.detail import ClaimDetail
from ..widgets.summary import SummaryView
from ..widgets.xrefs import XrefList
from .reviewing import ReviewingScreen

JUMPS = ("summary", "claims", "detail", "xrefs")
"""The panes a key focuses directly (`1`..`4`), in the order they are numbered."""


class PanesScreen(ReviewingScreen):
    """Moving between the brief screen's panes, and maximising one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab,l", "pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab,h", "pane(-1)", "Previous pane", show=False, id="pane.previous"),
        Binding("1", "jump('summary')", "Summary pane", show=False, id="pane.summary"),
        Binding("2", "jump('claims')", "Claims pane", show=False, id="pane.claims"),
        Binding("3", "jump('detail')", "Claim detail pane", show=False, id="pane.detail"),
        Binding("4", "jump('xrefs')", "Cross-references pane", show=False, id="pane.xrefs"),
        Binding("z", "maximise", "Maximise pane", show=False, id="pane.maximise"),
    ]

    AUTO_FOCUS = "#claims"
    """The pane focused when the screen is composed (Textual's default, the first focusable
    widget, is the summary: opening a brief then moved the focus summary, claims, summary,
    claims as the focus events arrived, restyling the whole screen each time)."""

    def refresh_titles(self) -> None:
        """Redraw the pane titles (provided by the brief screen)."""
        raise NotImplementedError

    @property
    def pane(self) -> Pane:
        """The focused pane (claims when none is)."""
        focused = self.focused
        while focused is not None:
            for pane in PANES:
                if focused.id == pane:
                    return pane
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        return "claims"

    @property
    def focused_pane(self) -> str:
        """The focused pane's id, the claim detail included (`pane` counts it as the claims')."""
        focused = self.focused
        if isinstance(focused, ClaimDetail):
            return "detail"
        return self.pane

    def focus_pane(self, pane: str) -> None:
        """Focus one of the panes (`summary`, `claims`, `detail`, `xrefs`); a maximised pane
        gives way to the one focused."""
        # Show the pane's column first: a hidden widget cannot take focus.
        self._set_summary_column(pane == "summary")
        widget = self.query_one(f"#{pane}")
        if self.maximized is not None and self.maximized is not widget:
            self.maximized = widget
        widget.focus()
        self.refresh_titles()

    def _show_focused_column(self) -> None:
        self._set_summary_column(self.pane == "summary")

    def _set_summary_column(self, summary: bool) -> None:
        # The class matters only to the narrow layout (`-narrow`, set by the brief screen before
        # it calls `_show_focused_column`), where the panes take turns. Each change restyles
        # every widget on the screen, so wide screens do without it.
        self.set_class(summary and self.has_class("-narrow"), "-summary-focused")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_focused_column()

    def action_pane(self, step: int) -> None:
        index = PANES.index(self.pane)
        self.focus_pane(PANES[(index + step) % len(PANES)])

    def action_jump(self, pane: str) -> None:
        """Focus a pane by its name (the `1`..`4` keys)."""
        if pane in JUMPS:
            self.focus_pane(pane)

    def action_maximise(self) -> None:
        """Let the focused pane fill the screen, or give the others their place back."""
        if self.maximized is not None:
            self.minimize()
        else:
            # Set directly: Textual's scroll containers (the summary, the detail) refuse
            # `maximize()`, and every pane here is worth the whole screen.
            self.maximized = self.query_one(f"#{self.focused_pane}")
        self.refresh_titles()

    def watch_maximized(self) -> None:
        # Escape minimises too (Textual's own handling, before any binding): the title follows.
        self.refresh_titles()

    def action_cursor(self, where: str) -> None:
        pane = self.query_one(f"#{self.focused_pane}")
        if isinstance(pane, ClaimDetail):
            {
                "down": lambda: pane.scroll_down(animate=False),
                "up": lambda: pane.scroll_up(animate=False),
                "first": lambda: pane.scroll_home(animate=False),
                "last": lambda: pane.scroll_end(animate=False),
            }[where]()
        elif isinstance(pane, SummaryView):
            {
                "down": pane.cursor_down,
                "up": pane.cursor_up,
                "first": pane.cursor_first,
                "last": pane.cursor_last,
            }[where]()
        elif isinstance(pane, (ClaimList, XrefList)):
            {
                "down": pane.action_cursor_down,
                "up": pane.action_cursor_up,
                "first": pane.cursor_first,
                "last": pane.cursor_last,
            }[where]()

    _jump_keys: dict[str, str] | None = None
    """The keys shown for the `pane.*` bindings, by binding id (None: to be looked up)."""

    def refresh_bindings(self) -> None:
        """Call to request a refresh of bindings (and of the jump keys the titles show)."""
        self._jump_keys = None
        super().refresh_bindings()

    def jump_key(self, pane: str) -> str:
        """The key shown for `pane.<pane>` (the keymap may have changed it; "" when unbound)."""
        # Looked up once per bindings refresh (focus change, keymap): the titles ask for four
        # keys each time they are redrawn, and each look walks every active binding.
        if self._jump_keys is None:
            self._jump_keys = {
                active.binding.id: self.app.get_key_display(active.binding)
                for active in reversed(self.active_bindings.values())
                if active.binding.id and active.binding.id.startswith("pane.")
            }
        return self._jump_keys.get(f"pane.{pane}", "")
