"""The search results list: a virtual list in columns that draws only the rows on screen.

Tens of thousands of results change on every keystroke, so nothing is built per result: the
widget keeps the `Results` (which ranks lazily) and `render_line` turns the few visible rows into
strips (the approach of Toolong's log view). Brief text enters rows as plain strings in a
`Content` with spans: never as markup.

What a row costs is bounded by the width, not by the claim (`tui.app.render.results` cuts the
text to its column before anything else happens to it), so a 30 KB claim costs what a short one
does. Rows are cached by what they show (the claim, the query's words, its review mark, the
width and whether it is the cursor), and the columns before the text by all that but the words:
moving the cursor redraws two rows, and a keystroke redraws only the claim text of each row.

It keeps its own first visible row instead of being a ScrollView: a ScrollView's virtual size
is a layout-changing reactive, so every keystroke (a new result count) cost a full layout and
a second frame for its scrollbar.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from ...model import ClaimKey
from ...search import Results, SearchIndex, StatusOf
from ..render.claims import grade_content, review_glyphs
from ..render.results import (
    GRADE_WIDTH,
    LOOKAHEAD,
    Columns,
    claim_text,
    columns,
    fit,
    header,
)


class ResultsList(Widget, can_focus=True):
    """Search results, one claim per line in columns under a header row, with a cursor.

    The query line keeps focus while typing and moves the cursor through `move`; Tab brings
    focus here, where j/k and g/G move and the screen's review keys act on the results.
    """

    DEFAULT_CSS = """
    ResultsList {
        height: 1fr;
        background: $surface;
    }
    ResultsList > .results--header {
        color: $text-muted;
        text-style: bold;
        background: $boost;
    }
    ResultsList > .results--cursor {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
    }
    ResultsList:focus > .results--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ResultsList.-stale {
        tint: $surface 55%;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"results--cursor", "results--header"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "move(1)", "Next result", show=False, id="results.down"),
        Binding("k", "move(-1)", "Previous result", show=False, id="results.up"),
        Binding("g,home", "first", "First result", show=False, id="results.first"),
        Binding("G,end", "last", "Last result", show=False, id="results.last"),
    ]

    class Chosen(Message):
        """A row was clicked: the screen treats it like Enter."""

        def __init__(self, key: ClaimKey) -> None:
            super().__init__()
            self.key = key
            """The claim of the clicked row."""

    class Moved(Message):
        """The cursor moved to another result (the screen updates the preview)."""

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
        """Result shown on the first row (under the header)."""
        # (claim number, words, status, width, cursor) -> strip: what a row shows, so a row is
        # reused across keystrokes and scrolling as long as it would look the same.
        self._cache: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._prefixes: LRUCache[tuple[object, ...], tuple[list[Segment], int]] = LRUCache(1024)
        self._header: Strip | None = None

    def show(self, results: Results) -> None:
        """Show new results, cursor on the first row."""
        self.results = results
        self.cursor = 0
        self.top = 0
        self.refresh()

    def set_stale(self, stale: bool) -> None:
        """Mark the rows as the results of an earlier query (dimmed), or not."""
        self.set_class(stale, "-stale")

    def redraw(self) -> None:
        """Draw every row again (review marks changed)."""
        self._cache.clear()
        self._prefixes.clear()
        self.refresh()

    @property
    def key(self) -> ClaimKey | None:
        """The claim of the highlighted row, if any."""
        if self.results is None or not self.results.total:
            return None
        return self.results.key(self.cursor)

    @property
    def rows_shown(self) -> int:
        """Result rows that fit under the header."""
        return max(1, self.size.height - 1)

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
        height = self.rows_shown
        top = min(max(self.top, row - height + 1), row)
        if top != self.top:
            self.top = top
            self.refresh()
        else:
            width = self.size.width
            # Only the two rows that changed (row r is drawn on line r - top + 1: the header
            # takes line 0).
            self.refresh(Region(0, old - top + 1, width, 1), Region(0, row - top + 1, width, 1))
        self.post_message(self.Moved())

    def action_move(self, delta: int) -> None:
        """Move the cursor (j/k)."""
        self.move(delta)

    def action_first(self) -> None:
        """Cursor to the first result."""
        self.move_to(0)

    def action_last(self) -> None:
        """Cursor to the last result."""
        self.move_to(self.results.total - 1 if self.results is not None else 0)

    def scroll_rows(self, delta: int) -> None:
        """Scroll the view (not the cursor) by `delta` rows, as the mouse wheel does."""
        total = self.results.total if self.results is not None else 0
        top = max(0, min(self.top + delta, total - self.rows_shown))
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
        return max(1, self.rows_shown - 1)

    def on_resize(self) -> None:
        self._header = None
        # A taller list may show rows past the end: keep the cursor in view.
        if self.cursor - self.top >= self.rows_shown:
            self.top = self.cursor - self.rows_shown + 1

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._prefixes.clear()
        self._header = None

    def on_focus(self) -> None:
        self.redraw()  # the cursor's colours differ with focus

    def on_blur(self) -> None:
        self.redraw()

    def on_click(self, event: events.Click) -> None:
        at = event.get_content_offset(self)
        if self.results is None or at is None or at.y < 1:  # the border, the header
            return
        row = self.top + at.y - 1
        if 0 <= row < self.results.total:
            self.move_to(row)
            self.post_message(self.Chosen(self.results.key(row)))

    def _segments(self, content: Content, style: VisualStyle, width: int) -> list[Segment]:
        """`content` cut (or padded) to `width` cells, as segments in `style`."""
        line = content.truncate(width, ellipsis=True, pad=True)
        # Content.render straight to segments: the row is one line already cut to width, so
        # Textual's wrapping and alignment pass (most of the cost of a row) is skipped.
        return [
            Segment(text, part.rich_style)
            for text, part in line.render(style, end="", parse_style=self._get_style)
        ]

    def _style(self, cursor: bool) -> VisualStyle:
        return self.get_visual_style("results--cursor") if cursor else self.get_visual_style()

    def render_line(self, y: int) -> Strip:
        """Draw one visible line (called by Textual only for lines on screen)."""
        width = self.size.width
        if width <= 0:
            return Strip.blank(width, self.rich_style)
        if y == 0:
            if self._header is None or self._header.cell_length != width:
                style = self.get_visual_style("results--header")
                self._header = Strip(self._segments(header(columns(width)), style, width), width)
            return self._header
        row = self.top + y - 1
        results = self.results
        if results is None or row >= results.total:
            return Strip.blank(width, self.rich_style)
        number = results.number(row)
        cursor = row == self.cursor
        status = self.status_of(self.index.keys[number]) if self.status_of else None
        cache_key = (number, results.words, status, width, cursor)
        strip = self._cache.get(cache_key)
        if strip is None:
            # The columns before the text do not change with the query: drawn once per claim,
            # review mark, width and cursor, and reused while the words change.
            prefix_key = (number, status, width, cursor)
            prefix = self._prefixes.get(prefix_key)
            if prefix is None:
                cols = columns(width)
                content = self.prefix(number, cols)
                room = min(width, content.cell_length)
                prefix = self._prefixes[prefix_key] = (
                    self._segments(content, self._style(cursor), room),
                    room,
                )
            segments, used = prefix
            rest = width - used
            if rest > 0:
                text = self.index.claims[number].text
                words = results.words
                # Short claims: the index keeps them folded, so only the words are looked for.
                found = self.index.spans(number, words) if len(text) <= LOOKAHEAD else None
                content = claim_text(text, words, rest, found)
                segments = segments + self._segments(content, self._style(cursor), rest)
            strip = self._cache[cache_key] = Strip(segments, width)
        return strip

    def prefix(self, number: int, cols: Columns) -> Content:
        """The columns of claim `number` before its text: review mark, brief, source, grade.

        Brief ids and source names enter as plain text (never parsed as markup).
        """
        index = self.index
        claim, source = index.claims[number], index.sources[number]
        marks = Content("  ")
        if self.status_of is not None:
            marks = review_glyphs(*self.status_of(claim.key))
        parts: list[Content | str | tuple[str, str]] = [marks, " "]
        if cols.brief:
            parts.append((fit(claim.brief, cols.brief) + " ", "$text-muted"))
        if cols.source:
            name = source.name if source else claim.source
            parts.append((fit(name, cols.source) + " ", "$text-primary"))
        grade = grade_content(source, claim)
        parts += [grade, " " * (GRADE_WIDTH - grade.cell_length + 1)]
        return Content.assemble(*parts)

    def row(self, results: Results, row: int, width: int | None = None) -> Content:
        """One result as a line: review mark, brief id, source, grade, text with matches marked.

        Args:
            results: The results shown.
            row: Rank of the result.
            width: Cells of the line (default: the widget's width).

        Returns:
            The row, built from plain text and spans (brief text is never parsed as markup).
        """
        number = results.number(row)
        cols = columns(width or self.size.width or 120)
        text = claim_text(self.index.claims[number].text, results.words, cols.text)
        return self.prefix(number, cols) + text
