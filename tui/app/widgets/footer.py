"""A footer that shows only the key hints that fit whole.

Textual's footer lays its hints in a row and cuts the row at the edge: at 80 columns the last
hint lost its words ("/" without "Search") and the palette key's bar stood next to it. This one
drops the hints that do not fit, from the right (the first ones are the most used) but for the
help key, so every hint shown is whole and `?`, which lists every key, is always there.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FitFooter(Footer):
    """`Footer` that hides the hints past its width instead of cutting one in two."""

    async def recompose(self) -> None:
        """Rebuild the hints (the bindings changed), then keep those that fit."""
        await super().recompose()
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = list(self.query(FooterKey))
        palette = [k for k in keys if k.has_class("-command-palette")]
        hints = [k for k in keys if not k.has_class("-command-palette")]
        room = self.size.width
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
