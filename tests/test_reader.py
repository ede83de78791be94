"""Walking the reader with Pilot: library, brief, claims, panes, cross-references, back, help."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.claims import ClaimList
from tui.app.widgets.summary import SummaryView
from tui.app.widgets.xrefs import XrefList
from tui.load.workspace import resolve

from .pilot import (
    loaded,
    notifications,
    open_brief,
    option_text,
    palette_offers,
    screen_up,
    showing,
    visible_text,
    wait_until,
)

EXAMPLE = "nk-troops-russia-2024-11"


Where = tuple[str, str | None, str]


def where(app: BriefApp) -> Where | str:
    """Brief, claim and pane shown; the screen's class name when it is not the brief screen."""
    screen = app.screen
    if not isinstance(screen, BriefScreen) or screen.brief is None:
        return type(screen).__name__
    claim = screen.query_one(ClaimList).claim
    return screen.brief.id, claim.id if claim else None, screen.pane


def state(app: BriefApp) -> Where:
    here = where(app)
    assert isinstance(here, tuple), f"expected the brief screen, not the {here}"
    return here


async def reaches(app: BriefApp, pilot: Pilot[None], expected: Where) -> None:
    """Wait until the reader shows this brief, claim and pane."""
    await wait_until(pilot, lambda: where(app) == expected, f"{expected}", lambda: where(app))


def detail_text(app: BriefApp) -> str:
    return visible_text(app.screen.query_one("#detail-text", Static))


def xref_texts(app: BriefApp) -> list[str]:
    xrefs = app.screen.query_one(XrefList)
    # Each row starts with its two-cell review mark and a space.
    return [option_text(xrefs, i)[3:] for i in range(xrefs.option_count)]


async def test_walk(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        library = await loaded(app, pilot)
        assert app.screen is library
        table = library.query_one(DataTable)
        assert table.row_count == 2
        assert str(table.get_row_at(0)[1]).startswith("Will North Korea refuse")

        await open_brief(app, pilot)
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
        await reaches(app, pilot, (EXAMPLE, "rutte-kursk", "claims"))
        assert "Mark Rutte" in detail_text(app)

        # Rutte's claim is corroborated from the other brief: follow it across briefs.
        await pilot.press("l")
        xrefs = xref_texts(app)
        cross = next(i for i, x in enumerate(xrefs) if "(in A follow-up on Kursk)" in x)
        app.screen.query_one(XrefList).highlighted = cross
        await pilot.press("enter")
        await reaches(app, pilot, ("other", "seen", "claims"))

        # Backspace walks the history back, across briefs.
        await pilot.press("backspace")
        await reaches(app, pilot, (EXAMPLE, "rutte-kursk", "xrefs"))
        await pilot.press("backspace")
        await reaches(app, pilot, (EXAMPLE, "blinken-8000", "xrefs"))

        # The summary: the cursor stops on each [[link]]; Enter follows it.
        await pilot.press("h", "h")
        assert state(app)[2] == "summary"
        summary = app.screen.query_one(SummaryView)
        while summary.selected_link is None:
            await pilot.press("j")
        assert summary.selected_link.target == "rutte-involvement"
        await pilot.press("enter")
        await reaches(app, pilot, (EXAMPLE, "rutte-involvement", "claims"))

        # Next / previous brief.
        await pilot.press("right_square_bracket")
        await showing(app, pilot, "other")
        await pilot.press("left_square_bracket")
        await showing(app, pilot, EXAMPLE)

        # Help is built from the bindings.
        await pilot.press("question_mark")
        help_screen = await screen_up(app, pilot, HelpScreen)
        keys = visible_text(help_screen.query_one("#help-keys", Static))
        for words in ("Next pane", "Back", "Next brief", "Quit", "pane.next", "nav.back"):
            assert words in keys
        await pilot.press("escape")
        await screen_up(app, pilot, BriefScreen)

        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_library_columns_line_up(two_briefs: Path) -> None:
    """Every line of every row starts its title in the same cell; numbers are right-aligned,
    under a right-aligned header."""
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(80, 24)) as pilot:
        table = (await loaded(app, pilot)).query_one(DataTable)
        await pilot.pause()  # drawn
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        header, *lines = [line for line in drawn if line.strip()]
        assert len(lines) == 5  # the first title wraps, and its tags take two lines
        title = header.index("Title")
        assert all(line[title - 1] == " " != line[title] for line in lines), lines
        rows = [line for line in lines if line[1:5].isdigit()]  # the lines with a date
        for column, values in (("Claims", ["12", "1"]), ("Reviewed", ["0/25", "0/3"])):
            end = header.index(column) + len(column)
            assert [row[:end].split()[-1] for row in rows] == values
            assert all(row[end] == " " for row in rows)


async def test_escape_returns_to_library_and_enter_reopens(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("escape")
        await screen_up(app, pilot, LibraryScreen)
        await pilot.press("enter")
        await showing(app, pilot, EXAMPLE)


async def test_narrow_panes_take_turns(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(app, pilot)
        assert screen.has_class("-narrow")
        assert (
            not screen.query_one(SummaryView).display
            or not screen.query_one(SummaryView).region.width
        )
        await pilot.press("shift+tab")
        await wait_until(
            pilot,
            lambda: screen.query_one(SummaryView).region.width > 70,
            "the summary to take the screen",
        )
        assert state(app)[2] == "summary"
        assert screen.query_one("#right").region.width == 0


async def test_single_brief_path_opens_it(example: Path) -> None:
    app = BriefApp(resolve(example / "briefs" / "nk-troops-russia.md"))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await showing(app, pilot, EXAMPLE)  # opened without a key pressed
        assert state(app)[:2] == (EXAMPLE, "isw-losses")


async def test_problems_view(workspace: Path) -> None:
    (workspace / "briefs" / "bad.md").write_text(
        "---\nbrief: 1\ntitle: Bad\nsources:\n  - id: s\n    name: S\n    reliability: G\n---\n"
    )
    app = BriefApp(resolve(workspace))
    async with app.run_test(size=(120, 40)) as pilot:
        library = await loaded(app, pilot)
        status = visible_text(library.query_one("#library-status", Static))
        assert "1 errors" in status or "1 error" in status
        await pilot.press("p")
        problems = await screen_up(app, pilot, ProblemsScreen)
        prompt = option_text(problems.query_one("#problem-list", OptionList), 0)
        assert prompt.startswith("briefs/bad.md:7:18  error  `reliability` cannot be 'G'")
        await pilot.press("escape")
        await screen_up(app, pilot, LibraryScreen)
        # From the brief with problems too.
        table = library.query_one(DataTable)
        row = next(i for i in range(table.row_count) if "Bad" in str(table.get_row_at(i)[1]))
        table.move_cursor(row=row)
        await pilot.press("enter")
        await showing(app, pilot, "bad")
        await pilot.press("p")
        problems = await screen_up(app, pilot, ProblemsScreen)
        assert problems.problems[0].pos.path == "briefs/bad.md"


async def test_palette_goes_to_claim(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await screen_up(app, pilot, CommandPalette)
        await pilot.press(*"zelensky-12000")
        await palette_offers(app, pilot, f"Go to claim: {EXAMPLE}#zelensky-12000")
        await pilot.press("enter")
        await reaches(app, pilot, (EXAMPLE, "zelensky-12000", "claims"))
        await pilot.press("ctrl+p")
        await screen_up(app, pilot, CommandPalette)
        await pilot.press(*"open brief follow-up")
        await palette_offers(app, pilot, "Open brief: A follow-up on Kursk")
        await pilot.press("enter")
        await showing(app, pilot, "other")


async def test_huge_summary_falls_back_to_plain_text(example: Path) -> None:
    from textual.widgets import TextArea

    brief = example / "briefs" / "nk-troops-russia.md"
    brief.write_text(brief.read_text() + ("A long paragraph of analysis. " * 30 + "\n\n") * 300)
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        area = screen.query_one(SummaryView).query_one(TextArea)
        assert "A long paragraph of analysis." in area.text
        await wait_until(
            pilot,
            lambda: any("too large to format" in n.message for n in notifications(seen)),
            "a notice that the summary is shown as plain text",
            lambda: notifications(seen),
        )
        # Still responsive: moving through claims works.
        await pilot.press("j")
        assert state(app)[1] == "isw-not-compensate"


async def test_mouse_selects_claim_and_pane(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        await pilot.click("#xrefs")
        assert state(app)[2] == "xrefs"
        await pilot.click("#claims", offset=(12, 6))  # header: 2 lines, first claim: 2
        await reaches(app, pilot, (EXAMPLE, "isw-not-compensate", "claims"))


async def test_search_from_the_reader(two_briefs: Path) -> None:
    from tui.app.screens.search import SearchScreen

    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot, EXAMPLE)
        await pilot.press("j")
        before = state(app)
        assert before == (EXAMPLE, "isw-not-compensate", "claims")
        # Escape returns exactly where you were.
        await pilot.press("slash")
        await screen_up(app, pilot, SearchScreen)
        await pilot.press(*"convoys", "escape")
        await reaches(app, pilot, before)
        # Enter jumps to the claim, in another brief; Backspace comes back.
        await pilot.press("slash")
        search = await screen_up(app, pilot, SearchScreen)
        assert search.query_one(Input).value == "convoys"  # the last query, offered again
        await pilot.press("enter")
        await reaches(app, pilot, ("other", "seen", "claims"))
        await pilot.press("backspace")
        await reaches(app, pilot, before)
