"""The library: every brief of the workspace, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...model import Brief, Library


class LibraryScreen(Screen[None]):
    """Lists briefs with date, title, tags, claim count and problems."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="library"):
            yield Static("Loading briefs…", id="library-status", markup=False)
            table: DataTable[Text] = DataTable(id="briefs", cursor_type="row", zebra_stripes=True)
            yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#briefs", DataTable)
        table.add_column("Date", key="date", width=10)
        table.add_column("Title", key="title")
        table.add_column("Tags", key="tags")
        table.add_column("Claims", key="claims", width=6)
        table.add_column("Problems", key="problems", width=8)

    def show_progress(self, done: int, total: int) -> None:
        """Update the loading line."""
        self.query_one("#library-status", Static).update(f"Loading briefs… {done}/{total}")

    def show_library(self, library: Library) -> None:
        """Fill the table from a freshly loaded library."""
        table = self.query_one("#briefs", DataTable)
        table.clear()
        for brief in library.briefs:
            table.add_row(*_row(brief), key=brief.path)
        claims = sum(len(b.claims) for b in library.briefs)
        status = f"{len(library.briefs)} briefs · {claims} claims"
        if library.problems:
            status += f" · {library.error_count} errors, {library.warning_count} warnings"
        self.query_one("#library-status", Static).update(status)
        table.focus()


def _row(brief: Brief) -> tuple[Text, ...]:
    # Brief text is untrusted: rich Text objects are never parsed as markup.
    problems = Text("")
    if brief.errors:
        problems = Text(f"✗ {brief.errors}", style="bold red")
    elif brief.problems:
        problems = Text(f"! {len(brief.problems)}", style="yellow")
    return (
        Text(brief.date.isoformat() if brief.date else "—"),
        Text(brief.title, style="bold" if brief.ok else "dim"),
        Text(", ".join(brief.tags), style="italic"),
        Text(str(len(brief.claims)), justify="right"),
        problems,
    )
