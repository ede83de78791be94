"""The first window: the library lists the example's brief once the worker has loaded it."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from tui.app.main import BriefApp
from tui.load.workspace import resolve

from .conftest import ROOT


async def test_library_lists_example() -> None:
    app = BriefApp(resolve(ROOT / "briefs"))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#briefs", DataTable)
        assert table.row_count == 1
        row = [str(cell) for cell in table.get_row_at(0)]
        assert "Will North Korea refuse to provide troops to Russia?" in row
        assert "12" in row
        status = app.screen.query_one("#library-status", Static)
        assert "1 briefs" in str(status.render()) or "1 brief" in str(status.render())
