"""The search results list: a virtual list that draws only the rows on screen.

Tens of thousands of results change on every keystroke, so nothing is built per result: the
widget keeps the `Results` (which ranks lazily) and `render_line` turns the few visible rows into
strips, with an LRU cache for scrolling back and forth (the approach of Toolong's log view).
Brief text enters rows as plain strings in a `Content` with spans: never as markup.

It keeps its own first visible row instead of being a ScrollView: a ScrollView's virtual size
is a layout-changing reactive, so every keystroke (a new result count) cost a full layout and
a second frame for its scrollbar. The status line says where in the results the cursor is.
"""

from __future__ import annotations

import re
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.cache import LRUCache
from textual.content import Content, Span
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from ...model import ClaimKey
from ...search import Results, SearchIndex, StatusOf
from ..render.claims import grade, review_glyphs

BRIEF_WIDTH = 22
"""Cells given to the brief id column (at most; narrow terminals give less)."""
SOURCE_WIDTH = 20
"""Cells given to the source name column (at most)."""
MATCH_STYLE = "bold underline $text-accent"
"""How matched words look in the claim text."""

_WHITESPACE = re.compile(r"\s")

CUT_MARGIN = 32
"""Characters kept past a row's room, so a few zero-width characters still fill the line and
the cut text still ends with `…`."""


def fit(text: str, width: int) -> str:
    """`text` on one line, cut with `…` or padded to exactly `width` cells."""
    line = Content(" ".join(text.split()))
    return line.truncate(width, ellipsis=True, pad=True).plain


class ResultsList(Widget, can_focus=False):
    """Search results, one claim per line, with a highlighted row (the cursor).

    It never takes focus: the search input keeps it and moves the cursor through `move`.
    """

    DEFAULT_CSS = """
    ResultsList {
        height: 1fr;
        background: $surface;
    }
    ResultsList > .results--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"results--cursor"}

    class Chosen(Message):
        """A row was clicked: the screen treats it like Enter."""

        def __init__(self, key: ClaimKey) -> None:
            super().__init__()
            self.key = key
            """The claim of the clicked row."""

    def __init__(
        self, index: SearchIndex, status_of: StatusOf | None = None, **kwargs: str
    ) -> None:
        """A results list over `index`; `status_of` gives the review mark of a claim."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.index = index
        """The index the results come from."""
        self.status_of = status_of
        """Review state of a claim, or None (every claim shows as unreviewed)."""
        self.results: Results | None = None
        """What is shown."""
        self.cursor = 0
        """Row of the highlighted result."""
        self.top = 0
        """Row shown on the first line."""
        self._cache: LRUCache[tuple[int, int, bool], Strip] = LRUCache(512)

    def show(self, results: Results) -> None:
        """Show new results, cursor on the first row."""
        self.results = results
        self.cursor = 0
        self.top = 0
        self._cache.clear()
        self.refresh()

    @property
    def key(self) -> ClaimKey | None:
        """The claim of the highlighted row, if any."""
        if self.results is None or not self.results.total:
            return None
        return self.results.key(self.cursor)

    def move(self, delta: int) -> None:
        """Move the cursor `delta` rows (clamped), scrolling it into view."""
        self.move_to(self.cursor + delta)

    def move_to(self, row: int) -> None:
        """Put the cursor on `row` (clamped), scrolling it into view."""
        total = self.results.total if self.results is not None else 0
        row = max(0, min(row, total - 1))
        if row == self.cursor or total == 0:
            return
        old, self.cursor = self.cursor, row
        height = max(1, self.size.height)
        top = min(max(self.top, row - height + 1), row)
        if top != self.top:
            self.top = top
            self.refresh()
        else:
            width = self.size.width
            self.refresh(Region(0, old - top, width, 1), Region(0, row - top, width, 1))

    def scroll_rows(self, delta: int) -> None:
        """Scroll the view (not the cursor) by `delta` rows, as the mouse wheel does."""
        total = self.results.total if self.results is not None else 0
        top = max(0, min(self.top + delta, total - max(1, self.size.height)))
        if top != self.top:
            self.top = top
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_rows(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_rows(-3)

    @property
    def page_rows(self) -> int:
        """Rows in one screenful."""
        return max(1, self.size.height - 1)

    def on_resize(self) -> None:
        self._cache.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def on_click(self, event: events.Click) -> None:
        if self.results is None:
            return
        row = self.top + event.y
        if 0 <= row < self.results.total:
            self.move_to(row)
            self.post_message(self.Chosen(self.results.key(row)))

    def render_line(self, y: int) -> Strip:
        """Draw one visible line (called by Textual only for lines on screen)."""
        width = self.size.width
        row = self.top + y
        results = self.results
        if results is None or row >= results.total or width <= 0:
            return Strip.blank(width, self.rich_style)
        cursor = row == self.cursor
        cache_key = (row, width, cursor)
        strip = self._cache.get(cache_key)
        if strip is None:
            style = self.get_visual_style("results--cursor") if cursor else self.get_visual_style()
            content = self.row(results, row).truncate(width, ellipsis=True, pad=True)
            # Content.render straight to segments: the row is one line already cut to width,
            # so Textual's wrapping and alignment pass (most of the cost of a row) is skipped.
            segments = [
                Segment(text, part.rich_style)
                for text, part in content.render(style, end="", parse_style=self._get_style)
            ]
            strip = self._cache[cache_key] = Strip(segments, width)
        return strip

    def row(self, results: Results, row: int) -> Content:
        """One result as a line: review mark, brief id, source, grade, text with matches marked.

        Args:
            results: The results shown.
            row: Rank of the result.

        Returns:
            The row, built from plain text and spans (brief text is never parsed as markup).
        """
        number = results.number(row)
        index = self.index
        # Columns shrink on narrow terminals so the claim text keeps at least half the line.
        width = self.size.width or 120
        brief_width = max(8, min(BRIEF_WIDTH, width // 6))
        source_width = max(8, min(SOURCE_WIDTH, width // 6))
        claim, source = index.claims[number], index.sources[number]
        marks = Content("  ")
        if self.status_of is not None:
            marks = review_glyphs(*self.status_of(claim.key))
        prefix = Content.assemble(
            marks,
            " ",
            (fit(claim.brief, brief_width) + " ", "$text-muted"),
            (fit(source.name if source else claim.source, source_width) + " ", "$text-primary"),
            (grade(source, claim) + " ", "bold"),
        )
        # Only what can show is built: the text is cut to the room left (with a margin for
        # characters that take no cell) before it becomes Content; the line is truncated later.
        cut = max(0, width - prefix.cell_length) + CUT_MARGIN
        # One space for each whitespace character keeps the match offsets valid.
        text = _WHITESPACE.sub(" ", claim.text[:cut])
        spans = [
            Span(s, min(e, cut), MATCH_STYLE)
            for s, e in index.spans(number, results.words)
            if s < cut
        ]
        return prefix + Content(text, spans)
