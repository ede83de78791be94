"""The library: every brief of the workspace, with a preview of the selected one, a filter in
the search language and a choice of order (issue 15)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.compose import compose
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static

from ...model import Brief, Library
from ...plural import plural
from ...review import Reviews
from ...text import one_line
from ..messages import EditFile, OpenBrief, SearchFor, ShowProblems
from ..services import reader_of
from ..widgets.brief_preview import BriefPreview
from ..widgets.footer import FitFooter
from ..widgets.library_table import LibraryTable
from ..widgets.library_table import row as _row  # noqa: F401 - its old home (tests import it)
from .library_filtering import LibraryFiltering

if TYPE_CHECKING:
    from ...search import QueryError
    from ...search.briefs import LibraryFilter, Sort
    from ..widgets.filter_line import FilterLine
    from ..widgets.saved_searches import SavedSearches

WIDE = 120
"""From this many columns the preview stands beside the list; below it, under the list."""

PAUSE_FROM = 2_000
"""From this many briefs, the list follows the filter once typing pauses (`PAUSE` seconds)."""

PAUSE = 0.12
"""Seconds of pause in typing after which a large library is filtered."""

EMPTY = "No briefs in {folder}: write one (see docs/format.md) or run `brief new SEED`."
"""What an empty workspace says, in place of a list."""


def _sizes(width: int) -> tuple[bool, int | str, int]:
    """At `width` columns: whether the preview stands beside the list (`-wide`), the width of
    its column, and the list's inner width (its rows' room, less the vertical scrollbar)."""
    if width >= WIDE:
        # The preview takes about two fifths, the list (and its titles) the rest.
        side = max(44, min(90, width * 2 // 5))
        return True, side, width - side - 2 - 2  # the list's border, the scrollbar
    return False, "1fr", width - 2


class LibraryScreen(LibraryFiltering):
    """Every brief, the selected one previewed; `f` filters the list, `s` orders it.

    The list shows each brief's date, title, tags, claim count, review progress and problems;
    the preview stands beside it on wide terminals (below it on narrow ones)."""

    # Its rules (library.tcss) are read with the App's, before the first frame (styles.py).
    # The list, not the first focusable widget: that is the hidden filter line's, and keys
    # typed before the library was in were filtering it ("j j Enter" filtered by "jj").
    AUTO_FOCUS = "#briefs"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor(1)", "Down", show=False, id="library.down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="library.up"),
        Binding("g", "edge(0)", "Top", show=False, id="library.top"),
        Binding("G", "edge(1)", "Bottom", show=False, id="library.bottom"),
        Binding("enter", "open", "Open", id="library.open"),
        Binding("f", "filter", "Filter", id="library.filter"),
        Binding("s", "sort", "Sort", id="library.sort"),
        Binding("escape", "clear_filter", "Clear filter", id="library.clear_filter"),
        Binding("p", "problems", "Problems", id="library.problems"),
        Binding("e", "edit", "Edit", show=False, id="library.edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        """The loaded library (None while the first load runs)."""
        self.reviews: Reviews | None = None
        """Its review marks."""
        self.root = ""
        """The workspace folder's name, as the status line shows it."""
        self.listed: dict[str, Brief] = {}
        """Briefs listed while the first load runs, by path (until the library replaces them)."""
        self.wanted: str | None = None
        """A brief chosen while the load runs (its path): opened as soon as the library is in."""
        self.sort: Sort = "date"
        """The order of the list."""
        self.filter_text = ""
        """The filter as typed ("" shows every brief)."""
        self.filter_error: QueryError | None = None
        """The filter's problem, when it has one (the briefs of the last valid filter stay)."""
        self.matching: Sequence[Brief] = ()
        """The briefs the filter lets through, in library order."""
        self.matched: dict[str, int] = {}
        """How many claims of each listed brief match the filter's claim terms, by path."""
        self.by_claims = False
        """True when the filter has claim-level terms (the preview says how many claims match)."""
        self._filter: LibraryFilter | None = None
        self._marks_timer: Timer | None = None
        self._early: list[tuple[str, int]] = []
        """Keys pressed before any brief was listed (moves, open): replayed on the loaded
        library, the list the reader knows (briefs listed while loading come in reading
        order)."""
        self._built = False
        self._table = LibraryTable(id="briefs")
        self._list_box = Vertical(id="library-list")
        self._side = Vertical(id="library-side")
        self._parts: tuple[FilterLine, Static, Static] | None = None

    def compose(self) -> ComposeResult:
        # Nothing yet: the widgets are mounted as the screen is first shown (`_build`).
        yield from ()

    def _widgets(self) -> ComposeResult:
        # Laid out for the terminal's width from the start: set once mounted, the `-wide` class
        # and the side's width styled every widget twice before the first frame (issue 12).
        wide, side_width, inner = _sizes(self.app.size.width)
        self.set_class(wide, "-wide", update=False)
        self._side.styles.width = side_width
        self._table.fit(inner)
        preview = BriefPreview(id="library-preview")
        preview.border_title = "Preview"
        with Horizontal(id="library-head"):
            yield Static("brief", id="library-title", markup=False)
            yield Static("Loading briefs…", id="library-status", markup=False)
        with Container(id="library-body"):
            with self._list_box:
                yield from self._parts or ()  # a key typed before the screen was built
                yield self._table
            with self._side:
                yield preview
        yield FitFooter(compact=True)

    async def _build(self) -> None:
        """Mount the screen's widgets as it is first shown, rather than compose them.

        The App pushes this screen inside Textual's start-up batch: composed, its widgets were
        styled a second time as the screen resumed, and its first full frame was laid out
        inside the batch and dropped (only what changed after it was drawn, the rest a frame
        later). Mounted here, after the resume, they are styled once and the first frame
        drawn is whole: ~20 ms sooner (issue 12)."""
        await self.mount_all(compose(self, self._widgets()))
        self._show_title()
        if self.focused is None:
            self.set_focus(self._table)
        self.call_after_refresh(self._filter_parts)

    def _filter_parts(self) -> tuple[FilterLine, Static, Static]:
        """The filter line, the filter's problem and what an empty list says: hidden until
        used, so mounted once the first frame is out (or when first asked for, if sooner);
        the saved searches likewise, when there are any (`_show_searches`). Issue 12."""
        if self._parts is None:
            from ..widgets.filter_line import FilterLine

            self._parts = (
                FilterLine(id="library-filter-line"),
                Static("", id="library-filter-error", markup=False),
                Static("", id="library-empty", markup=False),
            )
        if not self._parts[0].is_attached and self._list_box.is_attached:
            self._list_box.mount(*self._parts, before=0)  # above the list
        return self._parts

    @property
    def table(self) -> LibraryTable:
        """The list of briefs."""
        return self._table

    @property
    def preview(self) -> BriefPreview:
        """The preview pane."""
        return self.query_one(BriefPreview)

    def on_resize(self, event: events.Resize) -> None:
        wide, side_width, inner = _sizes(event.size.width)
        self.set_class(wide, "-wide")
        self._side.styles.width = side_width
        self._table.fit(inner)

    def on_screen_resume(self) -> None:
        if not self._built:
            self._built = True
            self.call_next(self._build)  # once Textual's own handler, which restyles, is done
            return
        # Marks may have changed in a brief: the list follows them before it is seen.
        self.follow_marks(soon=False)

    # Loading -------------------------------------------------------------------------------

    def show_progress(self, done: int, total: int) -> None:
        """Update the loading line."""
        self.query_one("#library-status", Static).update(f"Loading briefs… {done}/{total}")

    def list_briefs(self, briefs: Sequence[Brief]) -> None:
        """Add briefs read so far to the list, while the first load runs (in reading order; the
        loaded library then lists them newest first, with the problems across briefs)."""
        if self.library is not None:
            return  # a reload: the rows of the loaded library stay until the new one is in
        table = self.table
        for brief in briefs:
            if brief.path in self.listed:
                continue
            self.listed[brief.path] = brief
            table.append(brief)
        self._show_title()
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
        # The first load lists the briefs in a new order (newest first): the cursor stays on
        # the brief it was moved to while they were read, else it starts at the top.
        untouched = self.library is None and self.table.cursor_row == 0
        self.library = library
        self.reviews = reviews
        self.root = root
        self.listed = {}
        self._filter = None
        line, _, _ = self._filter_parts()
        line.pause = PAUSE if len(library.briefs) > PAUSE_FROM else 0.0
        self.matching = library.briefs
        self.matched = {}
        self.by_claims = False
        if self.filter_text:
            self.run_filter(self.filter_text, force=True)
        self._list(fresh=True)
        if untouched:
            self.table.move_cursor(row=0, animate=False)
        self._replay()
        # Once the list is drawn: warming beside the drawing held the GIL it needed (issue 12).
        self.call_after_refresh(lambda: self._warm(self.filter_of()) if self.library else None)
        self._show_searches()
        wanted, self.wanted = self.wanted, None
        chosen = next((b for b in library.briefs if b.path == wanted), None) if wanted else None
        if chosen is not None:
            self.post_message(OpenBrief(chosen.id, path=chosen.path))
        claims = sum(len(b.claims) for b in library.briefs)
        n = len(library.briefs)
        # The folder's name may hold anything a file name can: one safe line.
        status = one_line(f"{note}{root}: {plural(n, 'brief')} · {plural(claims, 'claim')}")
        if library.problems:
            errors, warnings = library.error_count, library.warning_count
            status += f" · {plural(errors, 'error')}, {plural(warnings, 'warning')} (p to list)"
        self.query_one("#library-status", Static).update(Content(status))
        if not line.input.has_focus:
            self.table.focus()

    # The list --------------------------------------------------------------------------------

    def _list(self, fresh: bool = False) -> None:
        """List the matching briefs in the current order, the cursor staying on its brief."""
        from ...search.briefs import ordered

        progress = self.reviews.progress if self.reviews is not None else None
        self.table.show(ordered(self.matching, self.sort, progress), self.reviews, fresh=fresh)
        self._show_title()
        self._show_empty()
        self._preview()

    def _show_title(self) -> None:
        table = self.table
        shown = table.row_count
        if self.library is None:
            title = f"Briefs · {shown:,}" + (" · loading" if self.listed else "")
        else:
            total = len(self.library.briefs)
            title = (
                f"Briefs · {shown:,} of {total:,}" if self.filter_text else f"Briefs · {total:,}"
            )
            title += f" · sorted by {self.sort}"
        self._list_box.border_title = title

    def _show_empty(self) -> None:
        _, _, empty = self._filter_parts()
        message: Content | None = None
        if self.library is not None and not self.library.briefs:
            # The folder's name may hold anything a file name can: one safe line.
            folder = f"{self.root}/briefs/" if self.root else "briefs/"
            message = Content.styled(one_line(EMPTY.format(folder=folder)), "bold")
        elif self.library is not None and not self.matching:
            message = Content.assemble(
                "No brief matches the filter. ",
                ("Escape clears it.", "$text-muted"),
            )
        if message is not None:
            empty.update(message)
        empty.set_class(message is not None, "-shown")
        self.table.display = message is None

    def _preview(self) -> None:
        if self.library is not None and not self.library.briefs:
            self.preview.say(
                Content.styled(
                    "A brief is one Markdown or YAML file under briefs/: its front matter lists "
                    "sources, claims and cross-references, its body is the summary.",
                    "$text-muted",
                )
            )
            return
        brief = self.table.brief
        matched = self.matched.get(brief.path, 0) if brief and self.by_claims else None
        self.preview.show(brief, self.reviews, matched)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._preview()

    def _show_searches(self) -> None:
        from ..widgets.saved_searches import SavedSearches

        reader = reader_of(self.app)
        searches = reader.saved_searches if reader is not None else {}
        shown = self.query(SavedSearches)
        if shown:
            shown.first().show(searches)
        elif searches:
            self._side.mount(SavedSearches(searches, id="library-searches"))

    def on_saved_searches_chosen(self, event: SavedSearches.Chosen) -> None:
        event.stop()
        self.post_message(SearchFor(event.query))

    # Moving and opening ---------------------------------------------------------------------

    @property
    def brief(self) -> Brief | None:
        """The brief under the cursor."""
        if self.library is None:
            return None
        return self.table.brief

    def action_cursor(self, step: int) -> None:
        if self._held("cursor", step):
            return
        table = self.table
        table.move_cursor(row=table.cursor_row + step)

    def action_edge(self, end: int) -> None:
        if self._held("edge", end):
            return
        table = self.table
        table.move_cursor(row=(table.row_count - 1) if end else 0)

    def action_open(self) -> None:
        if self._held("open"):
            return
        if self.library is None and self.listed:
            # Listed but not loaded (the review marks and the links across briefs come next):
            # it opens as soon as the library is in.
            self.wanted = self.table.path_under_cursor
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
