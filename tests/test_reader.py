"""Walking the reader with Pilot: library, brief, claims, panes, cross-references, back, help."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.claims import ClaimList
from tui.app.widgets.summary import SummaryView
from tui.app.widgets.xrefs import XrefList
from tui.load.workspace import resolve

EXAMPLE = "nk-troops-russia-2024-11"


async def ready(app: BriefApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def state(app: BriefApp) -> tuple[str, str | None, str]:
    screen = app.screen
    assert isinstance(screen, BriefScreen)
    assert screen.brief is not None
    claim = screen.query_one(ClaimList).claim
    return screen.brief.id, claim.id if claim else None, screen.pane


def detail_text(app: BriefApp) -> str:
    return app.screen.query_one("#detail-text", Static).visual.plain  # type: ignore[union-attr]


def xref_texts(app: BriefApp) -> list[str]:
    xrefs = app.screen.query_one(XrefList)
    # Each row starts with its two-cell review mark and a space.
    return [
        xrefs.get_option_at_index(i).prompt.plain[3:]  # type: ignore[union-attr]
        for i in range(xrefs.option_count)
    ]


async def test_walk(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        assert str(table.get_row_at(0)[1]).startswith("Will North Korea refuse")

        await pilot.press("enter")
        await pilot.pause()
        assert state(app) == (EXAMPLE, "isw-losses", "claims")
        assert "Institute for the Study of War" in detail_text(app)

        # Through the five ISW claims into Blinken's.
        await pilot.press("j", "j", "j", "j")
        assert state(app)[1] == "isw-manpower"
        await pilot.press("j")
        assert state(app) == (EXAMPLE, "blinken-8000", "claims")
        text = detail_text(app)
        assert "Up to 8,000 North Korean military personnel" in text
        assert "— Antony Blinken, US Secretary of State" in text
        assert "B2 · source usually reliable · claim probably true" in text
        assert "Quote in context" in text
        assert "Earlier, US Secretary of State Antony Blinken stated that up to 8,000" in text
        xrefs = xref_texts(app)
        assert xrefs[0].startswith("corroborated by Mark Rutte: North Korean military")
        assert any(x.startswith("contradicted by Volodymyr Zelensky: 3,000") for x in xrefs)

        # Switch panes and follow the first cross-reference to Rutte's claim.
        await pilot.press("tab")
        assert state(app)[2] == "xrefs"
        await pilot.press("enter")
        await pilot.pause()
        assert state(app) == (EXAMPLE, "rutte-kursk", "claims")
        assert "Mark Rutte" in detail_text(app)

        # Rutte's claim is corroborated from the other brief: follow it across briefs.
        await pilot.press("l")
        xrefs = xref_texts(app)
        cross = next(i for i, x in enumerate(xrefs) if "(in A follow-up on Kursk)" in x)
        app.screen.query_one(XrefList).highlighted = cross
        await pilot.press("enter")
        await pilot.pause()
        assert state(app) == ("other", "seen", "claims")

        # Backspace walks the history back, across briefs.
        await pilot.press("backspace")
        await pilot.pause()
        assert state(app) == (EXAMPLE, "rutte-kursk", "xrefs")
        await pilot.press("backspace")
        await pilot.pause()
        assert state(app) == (EXAMPLE, "blinken-8000", "xrefs")

        # The summary: the cursor stops on each [[link]]; Enter follows it.
        await pilot.press("h", "h")
        assert state(app)[2] == "summary"
        summary = app.screen.query_one(SummaryView)
        while summary.selected_link is None:
            await pilot.press("j")
        assert summary.selected_link.target == "rutte-involvement"
        await pilot.press("enter")
        await pilot.pause()
        assert state(app) == (EXAMPLE, "rutte-involvement", "claims")

        # Next / previous brief.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert state(app)[0] == "other"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert state(app)[0] == EXAMPLE

        # Help is built from the bindings.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys", Static).visual.plain  # type: ignore[union-attr]
        for words in ("Next pane", "Back", "Next brief", "Quit", "pane.next", "nav.back"):
            assert words in keys
        await pilot.press("escape")
        assert isinstance(app.screen, BriefScreen)

        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_escape_returns_to_library_and_enter_reopens(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert state(app)[0] == EXAMPLE


async def test_narrow_panes_take_turns(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow")
        assert (
            not screen.query_one(SummaryView).display
            or not screen.query_one(SummaryView).region.width
        )
        await pilot.press("shift+tab")
        await pilot.pause()
        assert state(app)[2] == "summary"
        assert screen.query_one(SummaryView).region.width > 70
        assert screen.query_one("#right").region.width == 0


async def test_single_brief_path_opens_it(example: Path) -> None:
    app = BriefApp(resolve(example / "briefs" / "nk-troops-russia.md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert state(app)[:2] == (EXAMPLE, "isw-losses")


async def test_problems_view(workspace: Path) -> None:
    (workspace / "briefs" / "bad.md").write_text(
        "---\nbrief: 1\ntitle: Bad\nsources:\n  - id: s\n    name: S\n    reliability: G\n---\n"
    )
    app = BriefApp(resolve(workspace))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        status = app.screen.query_one("#library-status", Static).visual.plain  # type: ignore[union-attr]
        assert "1 errors" in status or "1 error" in status
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        rows = app.screen.query_one("#problem-list")
        prompt = rows.get_option_at_index(0).prompt.plain  # type: ignore[attr-defined]
        assert prompt.startswith("briefs/bad.md:7:18  error  `reliability` cannot be 'G'")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        # From the brief with problems too.
        table = app.screen.query_one(DataTable)
        row = next(i for i in range(table.row_count) if "Bad" in str(table.get_row_at(i)[1]))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.problems[0].pos.path == "briefs/bad.md"


async def test_palette_goes_to_claim(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zelensky-12000")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert state(app) == (EXAMPLE, "zelensky-12000", "claims")
        await pilot.press("ctrl+p")
        await pilot.press(*"open brief follow-up")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert state(app)[0] == "other"


async def test_huge_summary_falls_back_to_plain_text(example: Path) -> None:
    from textual.widgets import TextArea

    brief = example / "briefs" / "nk-troops-russia.md"
    brief.write_text(brief.read_text() + ("A long paragraph of analysis. " * 30 + "\n\n") * 300)
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        summary = app.screen.query_one(SummaryView)
        area = summary.query_one(TextArea)
        assert "A long paragraph of analysis." in area.text
        assert any("too large to format" in n.message for n in app._notifications)
        # Still responsive: moving through claims works.
        await pilot.press("j")
        assert state(app)[1] == "isw-not-compensate"


async def test_mouse_selects_claim_and_pane(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#xrefs")
        assert state(app)[2] == "xrefs"
        await pilot.click("#claims", offset=(12, 6))  # header: 2 lines, first claim: 2
        await pilot.pause()
        assert state(app)[1:] == ("isw-not-compensate", "claims")


async def test_search_from_the_reader(two_briefs: Path) -> None:
    from tui.app.screens.search import SearchScreen

    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "j")
        await pilot.pause()
        before = state(app)
        # Escape returns exactly where you were.
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"convoys", "escape")
        await pilot.pause()
        assert state(app) == before
        # Enter jumps to the claim, in another brief; Backspace comes back.
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one("Input").value == "convoys"  # the last query, offered again
        await pilot.press("enter")
        await pilot.pause()
        assert state(app) == ("other", "seen", "claims")
        await pilot.press("backspace")
        await pilot.pause()
        assert state(app) == before
