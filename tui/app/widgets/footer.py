"""A footer that shows only the key hints that fit whole, rebuilt only when they change.

Textual's footer lays its hints in a row and cuts the row at the edge: at 80 columns the last
hint lost its words ("/" without "Search") and the palette key's bar stood next to it. This one
drops the hints that do not fit, from the right (the first ones are the most used) but for the
help key, so every hint shown is whole and `?`, which lists every key, is always there.

Textual's footer also rebuilds all its keys (removes and mounts a widget per hint) each time the
screen's bindings are refreshed, which is every focus change: opening a brief did it six to
eight times for the same hints, about a quarter of the time until the screen settled. This one
queues one look per refresh and rebuilds only when the hints it would show differ.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FitFooter(Footer):
    """`Footer` that hides the hints past its width instead of cutting one in two, and that
    rebuilds its keys only when the hints change."""

    _shown: tuple[Hashable, ...] | None = None
    """What the keys were last built from (`_hints()`); None before the first build."""

    _queued = False
    """A look at the hints is queued for after the next refresh."""

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's bindings were refreshed: look once, after the refresh, whether the
        hints changed (Textual's footer recomposes on every call)."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._queued:
            self._queued = True
            # The first time (the screen focusing its first widget), at once, so the screen's
            # first layouts have the keys; later, after the refresh under way, so a burst of
            # changes (focus moving on) is looked at once.
            look = self.call_after_refresh if self._shown is not None else self.call_later
            look(self._update_hints)

    async def _update_hints(self) -> None:
        self._queued = False
        if self.is_attached and self._hints() != self._shown:
            await self.recompose()

    def _hints(self) -> tuple[Hashable, ...]:
        """Everything the keys are built from (see `Footer.compose`), to compare."""
        app = self.app
        active = self.screen.active_bindings
        hints: list[Hashable] = [
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        ]
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = active.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _ = palette
                display = app.get_key_display(binding)
                hints.append(
                    ("palette", binding.key, display, binding.description, enabled, binding.tooltip)
                )
        return (self.combine_groups, *hints)

    def compose(self) -> ComposeResult:
        """Textual's keys, each made compact (when the footer is) before it is mounted: bound
        to the footer's `compact`, each key otherwise restyles itself once mounted.

        The first time too, from the bindings the screen has now: Textual's footer builds its
        keys by recomposing once the screen's bindings are first refreshed, and a recompose
        batches the App's updates, which dropped the screen's first full frame (only the
        parts that changed after it were drawn, the rest a frame later; issue 12)."""
        if not self._bindings_ready and self.is_attached:
            self.set_reactive(Footer._bindings_ready, True)
        if self._shown is None and self._bindings_ready:
            self._shown = self._hints()
        for widget in super().compose():
            if self.compact and isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        """Rebuild the hints (the bindings changed), then keep those that fit."""
        self._shown = self._hints() if self._bindings_ready else None
        await super().recompose()
        self._fit()

    def on_mount(self) -> None:
        self._fit()  # the keys composed with the footer, before its first frame

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = list(self.query(FooterKey))
        palette = [k for k in keys if k.has_class("-command-palette")]
        hints = [k for k in keys if not k.has_class("-command-palette")]
        # Before its first layout, the footer is as wide as the screen it is docked in.
        room = self.size.width or self.app.size.width
        for key in palette:
            # Its text, the bar on its left, and its margin (docked at the right edge).
            room -= key.render().cell_len + 1 + key.styles.margin.right
        # With its margin, which leaves a space before the palette key's bar.
        widths = {key: key.render().cell_len + key.styles.margin.right for key in hints}
        # The help key stays whatever else goes: every key is listed there.
        kept = [k for k in hints if k.action.split(".")[-1] == "help"][:1]
        used = sum(widths[k] for k in kept)
        fits = True
        for key in hints:
            if key in kept:
                continue
            fits = fits and used + widths[key] <= room
            used += widths[key] if fits else 0
            key.display = fits
        for key in kept:
            key.display = widths[key] <= room
