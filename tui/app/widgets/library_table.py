"""The library's list of briefs: date, title and tags, claims, review progress, problems."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowKey

from ...model import Brief
from ...review import Reviews
from ...text import one_line

FIXED = 10 + 6 + 9 + 8 + 5 * 2
"""Cells taken by every column but the title: date, claims, reviewed, problems, cell padding."""

MIN_TITLE = 20
"""The title column is never narrower than this (the table scrolls sideways instead)."""


class LibraryTable(DataTable[Text]):
    """One row per brief, keyed by its path; the title column takes the width the others leave.

    Rows are built from the briefs given to `show` (or added one by one while the library
    loads); a brief's row renders once and is reused when the list is filtered or re-sorted.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.shown: list[Brief] = []
        """The briefs listed, in row order."""
        self._rows: dict[str, tuple[Text, ...]] = {}
        self._width = 0
        self._heights: dict[str, int] = {}
        self._reviews: Reviews | None = None

    def on_mount(self) -> None:
        self.add_column("Date", key="date", width=10)
        self.add_column("Title", key="title", width=30)
        # Numbers are right-aligned in their cells (see `row`): so are their headers.
        self.add_column(Text("Claims", justify="right"), key="claims", width=6)
        self.add_column(Text("Reviewed", justify="right"), key="reviewed", width=9)
        self.add_column("Problems", key="problems", width=8)
        if self._width:
            self.fit(self._width)

    def fit(self, width: int) -> None:
        """Give the title column what the fixed columns leave of `width` cells (the table's
        inner width), so nothing is cut."""
        self._width = width
        title = self.columns.get("title")  # type: ignore[call-overload]
        if title is not None and title.width != self.title_width:
            title.width = self.title_width
            title.auto_width = False
            self._heights = {}
            if self.row_count:
                self.show(self.shown, self._reviews)  # rows wrap anew: their heights change
            self.refresh()

    @property
    def title_width(self) -> int:
        """Cells of the title column."""
        return max(MIN_TITLE, self._width - FIXED)

    def _height(self, title: Text) -> int:
        # Row heights are measured here, once per brief and width, rather than by the table
        # (`height=None`), which renders every cell of every row it is given: re-listing 1,000
        # briefs as a filter is typed took over a second a keystroke that way.
        # Keyed by the title's text, not the brief: a new library's rows (the load, a reload)
        # reuse the heights its listing measured (~0.1 s of wrapping at 1,000 briefs).
        height = self._heights.get(title.plain)
        if height is None:
            # Most titles fit their column: a line each, with no wrapping to do (wrapping every
            # row took ~60 ms of showing a loaded 1,000-brief library).
            lines = title.plain.split("\n")
            width = self.title_width
            if all(cell_len(line) <= width for line in lines):
                height = len(lines)
            elif "\t" in title.plain:
                height = len(title.wrap(self.app.console, width, overflow="fold"))
            else:
                # Where `Text.wrap` breaks each line, without making the Text of every piece
                # (three times faster: ~70 ms of showing a loaded 1,000-brief library).
                height = sum(len(divide_line(line, width, fold=True)) + 1 for line in lines)
            height = self._heights[title.plain] = max(1, height)
        return height

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        # Every column has a fixed width and every row the height `_height` measured: there is
        # nothing for the table to measure. It would measure every cell of every row added
        # (about 0.25 s for 1,000 rows, on every keystroke of a filter); only the scrollable
        # size is left to compute, as the table does it.
        if any(c.auto_width for c in self.columns.values()) or any(
            self.rows[k].auto_height or self.rows[k].label is not None
            for k in new_rows
            if k in self.rows
        ):
            super()._update_dimensions(new_rows)
            return
        width = sum(c.get_render_width(self) for c in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )

    def append(self, brief: Brief) -> None:
        """Add a brief's row at the end (while the library loads: no review marks yet)."""
        self.shown.append(brief)
        cells = row(brief)
        self.add_row(*cells, key=brief.path, height=self._height(cells[1]))
        if self.row_count == 1:
            self.refresh_bindings()  # Enter is the list's again (see `check_action`)

    def show(self, briefs: Sequence[Brief], reviews: Reviews | None, fresh: bool = False) -> None:
        """List `briefs` in this order, the cursor staying on the brief it was on when that one
        is still listed. `fresh`: the briefs are a new library's, so rows are built anew."""
        here = self.path_under_cursor
        was_empty = not self.row_count
        self._reviews = reviews
        if fresh:
            self._rows = {}
        self.clear()
        self.shown = list(briefs)
        rows = self._rows
        for brief in briefs:
            cells = rows.get(brief.path)
            if cells is None:
                cells = rows[brief.path] = row(brief, reviews)
            self.add_row(*cells, key=brief.path, height=self._height(cells[1]))
        if here is not None and here in self.rows:
            self.move_cursor(row=self.get_row_index(here), animate=False)
        if was_empty != (not self.row_count):
            self.refresh_bindings()  # whose Enter it is changed (see `check_action`)

    def refresh_progress(self, reviews: Reviews) -> None:
        """Bring the review progress column up to date (marks changed in a brief)."""
        # Rows not listed now are built again when they are.
        self._rows = {b.path: self._rows[b.path] for b in self.shown if b.path in self._rows}
        for brief in self.shown:
            cell = progress_cell(brief, reviews)
            cells = self._rows.get(brief.path)
            if cells is not None:
                self._rows[brief.path] = (*cells[:3], cell, *cells[4:])
            self.update_cell(brief.path, "reviewed", cell)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter on an empty list (still loading) goes on to the screen, which holds it (the
        # footer shows the screen's Open meanwhile).
        return action != "select_cursor" or bool(self.row_count)

    @property
    def path_under_cursor(self) -> str | None:
        """Path of the brief under the cursor (None when there is none)."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except CellDoesNotExist:  # no valid cursor: no brief under it
            return None
        return key.value

    @property
    def brief(self) -> Brief | None:
        """The brief under the cursor."""
        if not self.shown or not 0 <= self.cursor_row < len(self.shown):
            return None
        return self.shown[self.cursor_row]


def progress_cell(brief: Brief, reviews: Reviews | None) -> Text:
    """`done/total` items reviewed: green when all are, yellow when some are."""
    if reviews is None or not brief.ok:
        return Text("—", justify="center", style="dim")
    done, total = reviews.progress(brief.id)
    style = "bold green" if total and done == total else ("yellow" if done else "dim")
    return Text(f"{done}/{total}", justify="right", style=style)


def row(brief: Brief, reviews: Reviews | None = None) -> tuple[Text, ...]:
    """The cells of a brief's row: date, title (tags on a second line), claims, progress,
    problems."""
    # Brief text is untrusted: rich Text objects are never parsed as markup. A brief that could
    # not be read is titled by its file name, which may hold anything: each part is one safe
    # line (the title's own line, then the tags' line).
    problems = Text("")
    if brief.errors:
        problems = Text(f"✗ {brief.errors}", style="bold red")
    elif brief.problems:
        problems = Text(f"! {len(brief.problems)}", style="yellow")
    title = Text(one_line(brief.title), style="bold" if brief.ok else "dim")
    if brief.tags:
        title.append("\n" + one_line(" ".join(f"#{t}" for t in brief.tags)), style="italic dim")
    return (
        Text(brief.date.isoformat() if brief.date else "—"),
        title,
        Text(str(len(brief.claims)), justify="right"),
        progress_cell(brief, reviews),
        problems,
    )
