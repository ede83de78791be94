"""The library: every brief of the workspace, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.widgets.data_table import CellDoesNotExist

from ...model import Brief, Library
from ...review import Reviews
from ...text import one_line
from ..messages import EditFile, OpenBrief, ShowProblems

FIXED = 10 + 6 + 9 + 8 + 5 * 2 + 2  # date, claims, reviewed, problems, cell padding, margin


class LibraryScreen(Screen[None]):
    """Lists briefs with date, title, tags, claim count, reviewed progress and problems."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor(1)", "Down", show=False, id="library.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="library.up"),
        Binding("g", "edge(0)", "Top", show=False, id="library.top"),
        Binding("G", "edge(1)", "Bottom", show=False, id="library.bottom"),
        Binding("enter", "open", "Open", id="library.open"),
        Binding("p", "problems", "Problems", id="library.problems"),
        Binding("e", "edit", "Edit", show=False, id="library.edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.reviews: Reviews | None = None
        self.listed: dict[str, Brief] = {}
        """Briefs listed while the first load runs, by path (until the library replaces them)."""
        self.wanted: str | None = None
        """A brief chosen while the load runs (its path): opened as soon as the library is in."""

    def on_screen_resume(self) -> None:
        # Marks may have changed in a brief: refresh the progress column.
        if self.library is None or self.reviews is None:
            return
        table = self.query_one("#briefs", DataTable)
        for brief in self.library.briefs:
            table.update_cell(brief.path, "reviewed", _progress(brief, self.reviews))

    def compose(self) -> ComposeResult:
        with Vertical(id="library"):
            yield Static("brief", id="library-title", markup=False)
            yield Static("Loading briefs…", id="library-status", markup=False)
            table: DataTable[Text] = DataTable(id="briefs", cursor_type="row", zebra_stripes=True)
            yield table
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#briefs", DataTable)
        table.add_column("Date", key="date", width=10)
        table.add_column("Title", key="title", width=30)
        # Numbers are right-aligned in their cells (see _row): so are their headers.
        table.add_column(Text("Claims", justify="right"), key="claims", width=6)
        table.add_column(Text("Reviewed", justify="right"), key="reviewed", width=9)
        table.add_column("Problems", key="problems", width=8)
        self._fit(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        # The title takes what the fixed columns leave, so nothing is cut at 80 columns.
        table = self.query_one("#briefs", DataTable)
        title = table.columns.get("title")  # type: ignore[call-overload]
        if title is not None:
            title.width = max(20, width - FIXED)
            title.auto_width = False
            table.refresh()

    def show_progress(self, done: int, total: int) -> None:
        """Update the loading line."""
        self.query_one("#library-status", Static).update(f"Loading briefs… {done}/{total}")

    def list_briefs(self, briefs: Sequence[Brief]) -> None:
        """Add briefs read so far to the list, while the first load runs (in reading order; the
        loaded library then lists them newest first, with the problems across briefs)."""
        if self.library is not None:
            return  # a reload: the rows of the loaded library stay until the new one is in
        table = self.query_one("#briefs", DataTable)
        for brief in briefs:
            if brief.path in self.listed:
                continue
            self.listed[brief.path] = brief
            table.add_row(*_row(brief), key=brief.path, height=None)
        if table.row_count == len(briefs) and not table.has_focus:
            table.focus()

    def show_failure(self, reason: str) -> None:
        """Say that the workspace could not be loaded, instead of 'Loading…' for ever."""
        self.query_one("#library-status", Static).update(
            Content(f"Could not load the workspace: {one_line(reason)}")
        )

    def show_library(
        self, library: Library, root: str, reviews: Reviews | None = None, note: str = ""
    ) -> None:
        """Fill the table from a freshly loaded library; `note` leads the status line."""
        self.library = library
        self.reviews = reviews
        table = self.query_one("#briefs", DataTable)
        here = self._path_under_cursor(table)
        self.listed = {}
        table.clear()
        for brief in library.briefs:
            table.add_row(*_row(brief, reviews), key=brief.path, height=None)
        if here is not None and here in table.rows:
            # Same brief under the cursor as before (while loading, or before a reload).
            table.move_cursor(row=table.get_row_index(here), animate=False)
        wanted, self.wanted = self.wanted, None
        chosen = next((b for b in library.briefs if b.path == wanted), None) if wanted else None
        if chosen is not None:
            self.post_message(OpenBrief(chosen.id, path=chosen.path))
        claims = sum(len(b.claims) for b in library.briefs)
        n = len(library.briefs)
        # The folder's name may hold anything a file name can: one safe line.
        status = one_line(f"{note}{root}: {n} brief{'s' * (n != 1)} · {claims} claims")
        if library.problems:
            status += (
                f" · {library.error_count} errors, {library.warning_count} warnings (p to list)"
            )
        self.query_one("#library-status", Static).update(Content(status))
        table.focus()

    @staticmethod
    def _path_under_cursor(table: DataTable[Text]) -> str | None:
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:  # no valid cursor: no brief under it
            return None
        return key.value

    @property
    def brief(self) -> Brief | None:
        """The brief under the cursor."""
        if self.library is None or not self.library.briefs:
            return None
        table = self.query_one("#briefs", DataTable)
        return self.library.briefs[table.cursor_row]

    def action_cursor(self, step: int) -> None:
        table = self.query_one("#briefs", DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_edge(self, end: int) -> None:
        table = self.query_one("#briefs", DataTable)
        table.move_cursor(row=(table.row_count - 1) if end else 0)

    def action_open(self) -> None:
        if self.library is None and self.listed:
            # Listed but not loaded (the review marks and the links across briefs come next):
            # it opens as soon as the library is in.
            self.wanted = self._path_under_cursor(self.query_one("#briefs", DataTable))
            self.notify("Still loading the briefs: opening it when they are in…", timeout=2)
            return
        brief = self.brief
        if brief is not None:
            self.post_message(OpenBrief(brief.id, path=brief.path))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_edit(self) -> None:
        brief = self.brief
        if brief is not None:
            self.post_message(EditFile(brief.path, 1))

    def action_problems(self) -> None:
        if self.library is not None:
            self.post_message(ShowProblems(None))


def _progress(brief: Brief, reviews: Reviews | None) -> Text:
    if reviews is None or not brief.ok:
        return Text("—", justify="center", style="dim")
    done, total = reviews.progress(brief.id)
    style = "bold green" if total and done == total else ("yellow" if done else "dim")
    return Text(f"{done}/{total}", justify="right", style=style)


def _row(brief: Brief, reviews: Reviews | None = None) -> tuple[Text, ...]:
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
        _progress(brief, reviews),
        problems,
    )
