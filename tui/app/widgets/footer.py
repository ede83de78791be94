"""A footer that shows only the key hints that fit whole.

Textual's footer lays its hints in a row and cuts the row at the edge: at 80 columns the last
hint lost its words ("/" without "Search") and the palette key's bar stood next to it. This one
drops the hints that do not fit, from the right (the first ones are the most used), so every
hint shown is whole; `?` lists every key.
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
            # Its text, and the bar on its left.
            room -= key.render().cell_len + 1 + key.styles.padding.right
        used = 0
        fits = True
        for key in hints:
            width = key.render().cell_len + key.styles.margin.right
            fits = fits and used + width <= room
            used += width
            key.display = fits
