"""The library as a working view (issue 15): the preview of the selected brief, the filter in the
search language, the order, the counts in the pane titles, an empty workspace, saved searches."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tui.app.main import BriefApp
from tui.app.screens.library import LibraryScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.brief_preview import BriefPreview
from tui.app.widgets.filter_line import FilterInput, FilterLine
from tui.app.widgets.library_table import LibraryTable
from tui.load.workspace import resolve
from tui.text import one_line

from .pilot import loaded, screen_up, visible_text, wait_for_text, wait_until

EX = "nk-troops-russia-2024-11"

WARNED = """\
---
brief: 1
id: warned
title: Supply lines near Belgorod
sources:
  - id: s
    name: Some Source
claims:
  - id: c
    source: s
    text: Rail traffic doubled in a week.
    colour: grey
    shade: dark
---
No summary to speak of.
"""
"""An undated brief with two warnings (unknown fields)."""


@pytest.fixture
def three(two_briefs: Path) -> Path:
    """The example, `other` (2024-10-01) and `warned` (undated, two warnings)."""
    (two_briefs / "briefs" / "warned.md").write_text(WARNED, encoding="utf-8")
    return two_briefs


def preview_text(screen: LibraryScreen) -> str:
    """The preview's text, its wrapped lines joined (spaces folded)."""
    text = visible_text(screen.query_one(BriefPreview).query_one("#preview-text", Static))
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def preview_flat(screen: LibraryScreen) -> str:
    return " ".join(preview_text(screen).split())


def list_title(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-list").border_title)


def listed(screen: LibraryScreen) -> list[str]:
    return [b.id for b in screen.query_one(LibraryTable).shown]


async def type_filter(pilot: Pilot[None], screen: LibraryScreen, text: str) -> None:
    """Open the filter line with `f` and type `text` into it, as a user does."""
    await pilot.press("f")
    await wait_until(pilot, lambda: screen.query_one(FilterInput).has_focus, "the filter line")
    await pilot.press(*text)
    await wait_until(
        pilot,
        lambda: screen.filter_text == text,
        f"the filter {text!r}",
        lambda: screen.filter_text,
    )


async def test_preview_shows_the_selected_brief_and_follows_the_cursor(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        text = preview_flat(screen)
        assert text.startswith("Will North Korea refuse to provide troops to Russia?")
        # The bottom line, the sources with their grades, progress and problems.
        assert "BLUF North Korean troops are in Russia" in text
        assert "B2–3 Institute for the Study of War — think-tank · 5 claims" in text
        assert "B2 Antony Blinken, US Secretary of State — government · 1 claim" in text
        assert "Cross-references · 12: 5 corroborates, 3 refines, 1 contradicts" in text
        assert "Seed Will North Korea refuse to provide troops to Russia? ISW Analysis." in text
        assert "0 of 25 reviewed; 25 to review · no problems" in text
        assert "#russia #north-korea #ukraine #kursk" in text
        await pilot.press("j")
        await wait_for_text(pilot, lambda: preview_text(screen), "A follow-up on Kursk")
        text = preview_flat(screen)
        assert "Field Analyst" in text and "Antony Blinken" not in text
        # No `bluf:`: the summary's first paragraph, its link shown as its target.
        assert "Summary Follow-up to rutte-kursk." in text
        assert "0 of 3 reviewed; 3 to review" in text
        await pilot.press("j")
        await wait_for_text(pilot, lambda: preview_text(screen), "Supply lines near Belgorod")
        text = preview_flat(screen)
        assert "2 warnings (p lists all)" in text and "undated" in text
        assert "·· Some Source · 1 claim" in text  # neither graded: `·` for each part


async def test_preview_is_beside_the_list_when_wide_and_below_when_narrow(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        listing, side = (
            screen.query_one("#library-list").region,
            screen.query_one("#library-side").region,
        )
        assert screen.has_class("-wide")
        assert side.x >= listing.right and side.y == listing.y
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: not screen.has_class("-wide"), "the narrow layout")
        await pilot.pause()
        listing, side = (
            screen.query_one("#library-list").region,
            screen.query_one("#library-side").region,
        )
        assert side.y >= listing.bottom and side.width == listing.width == 80


async def test_filter_by_tag_and_by_a_claim_word(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        assert list_title(screen) == "Briefs · 3 · sorted by date"
        await type_filter(pilot, screen, "tag:russia")
        assert listed(screen) == [EX]
        assert list_title(screen) == "Briefs · 1 of 3 · sorted by date"
        # Enter goes back to the list, the filter staying.
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.query_one(LibraryTable).has_focus, "the list")
        assert listed(screen) == [EX]
        # `f` goes back to the filter line, the down arrow on to the list.
        await pilot.press("f")
        await wait_until(pilot, lambda: screen.query_one(FilterInput).has_focus, "the line")
        await pilot.press("down")
        await wait_until(pilot, lambda: screen.query_one(LibraryTable).has_focus, "the list")
        # A word: the briefs with a claim that says it, and how many of their claims do.
        screen.query_one(FilterInput).clear()
        await type_filter(pilot, screen, "convoys")
        assert listed(screen) == ["other"]
        assert list_title(screen) == "Briefs · 1 of 3 · sorted by date"
        await wait_for_text(pilot, lambda: preview_text(screen), "1 claim matches the filter")
        # Escape clears the filter and closes its line.
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(listed(screen)) == 3, "every brief again")
        assert not screen.query_one("#library-filter-line").display
        assert list_title(screen) == "Briefs · 3 · sorted by date"


async def test_filter_has_problems_and_contradictions(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(app, pilot)
        await type_filter(pilot, screen, "has:problems")
        assert listed(screen) == ["warned"]
        await pilot.press(*" -has:problems")
        await wait_until(pilot, lambda: listed(screen) == [], "no brief")
        empty = visible_text(screen.query_one("#library-empty", Static))
        assert empty.startswith("No brief matches the filter")
        assert list_title(screen) == "Briefs · 0 of 3 · sorted by date"
        screen.query_one(FilterInput).value = "has:contradictions"
        await wait_until(pilot, lambda: listed(screen) == [EX], "the example alone")
        assert not screen.query_one("#library-empty", Static).display


async def test_an_invalid_filter_shows_its_error_and_keeps_the_last_list(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(app, pilot)
        await type_filter(pilot, screen, "tag:russia has:nothing")
        error = screen.query_one("#library-filter-error", Static)
        assert error.display and error.region.height >= 1
        message = visible_text(error)
        assert "has: expects one of contradictions, problems, errors, warnings" in message
        assert "(at column 16)" in message and "last valid filter" in message
        assert listed(screen) == [EX]  # what `tag:russia has:` ... `tag:russia` showed
        await pilot.press(*["backspace"] * len("nothing"), *"problems")
        await wait_until(pilot, lambda: not error.display, "the error to go")
        assert listed(screen) == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(listed(screen)) == 3, "every brief again")
        assert not error.display


async def test_sort_cycles_and_keeps_the_selection(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        table = screen.query_one(LibraryTable)
        assert listed(screen) == [EX, "other", "warned"]
        await pilot.press("j")
        assert table.brief is not None and table.brief.id == "other"
        await pilot.press("s")
        assert list_title(screen) == "Briefs · 3 · sorted by title"
        assert listed(screen) == ["other", "warned", EX]  # A follow-up…, Supply…, Will…
        assert table.cursor_row == 0 and table.brief is not None and table.brief.id == "other"
        await pilot.press("s")
        assert list_title(screen) == "Briefs · 3 · sorted by progress"
        await pilot.press("s")
        assert list_title(screen) == "Briefs · 3 · sorted by problems"
        assert listed(screen)[0] == "warned"
        assert table.brief is not None and table.brief.id == "other"
        await pilot.press("s")
        assert list_title(screen) == "Briefs · 3 · sorted by date"
        assert listed(screen) == [EX, "other", "warned"]
        assert table.cursor_row == 1
        # Enter opens the brief under the cursor, whatever the order.
        await pilot.press("s", "g", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, LibraryScreen), "a brief")
        assert getattr(app.screen, "brief", None) is not None
        assert app.screen.brief.id == "other"  # type: ignore[attr-defined]


async def test_sort_by_progress_puts_the_least_reviewed_first(three: Path) -> None:
    app = BriefApp(resolve(three))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        assert app.reviews is not None
        # Review `other` whole: it goes last.
        other = app.library.brief("other") if app.library else None
        assert other is not None
        app.reviews.set_reviewed(app.reviews.items["other"])
        await wait_until(
            pilot,
            lambda: app.reviews is not None and app.reviews.progress("other")[0] == 3,
            "the marks",
        )
        for _ in range(2):
            await pilot.press("s")
        assert list_title(screen).endswith("sorted by progress")
        assert listed(screen)[-1] == "other"


async def test_an_empty_workspace_says_what_to_do(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "briefs").mkdir(parents=True)
    app = BriefApp(resolve(root))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(app, pilot)
        empty = screen.query_one("#library-empty", Static)
        await wait_until(pilot, lambda: empty.display, "the empty workspace's message")
        assert visible_text(empty) == (
            "No briefs in ws/briefs/: write one (see docs/format.md) or run `brief new SEED`."
        )
        assert not screen.query_one(LibraryTable).display
        assert list_title(screen) == "Briefs · 0 · sorted by date"


async def test_saved_searches_are_listed_and_enter_runs_one(three: Path) -> None:
    app = BriefApp(resolve(three))
    app.saved_searches = {"Contradicted": "rel:contradicts", "Convoys": "convoys"}
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(app, pilot)
        searches = screen.query_one("#library-searches", OptionList)
        await wait_until(pilot, lambda: searches.display, "the saved searches")
        assert searches.option_count == 2
        assert "2" in str(searches.border_title)
        searches.focus()
        await pilot.press("j")
        assert searches.highlighted == 1
        await pilot.press("k", "down", "enter")
        search = await screen_up(app, pilot, SearchScreen)
        assert search.query_text == "convoys"


@pytest.mark.parametrize(
    ("bluf", "summary", "expected"),
    [
        ("Ports are quiet.", "## Summary\nOther words.", ("BLUF", "Ports are quiet.")),
        (
            "",
            "# Title\n\nFirst **words** ([[a#b]]) here.\n\nSecond.",
            ("Summary", "First words here."),
        ),
        ("", "Intro.\n\n## BLUF\nThe bottom line, [[x]].\n", ("BLUF", "The bottom line, x.")),
        ("", "## Bottom line up front\n\nSaid [[brief-1#claim-2]].", ("BLUF", "Said claim-2.")),
        ("", "", ("", "")),
    ],
)
def test_bottom_line(bluf: str, summary: str, expected: tuple[str, str]) -> None:
    from tui.app.widgets.brief_preview import bottom_line
    from tui.model import Brief, Pos

    brief = Brief("b", "b.md", "B", Pos("b.md", 1, 1), bluf=bluf, summary=summary)
    assert bottom_line(brief) == expected


def test_a_long_bottom_line_is_cut() -> None:
    from tui.app.widgets.brief_preview import BLUF_CHARS, bottom_line
    from tui.model import Brief, Pos

    brief = Brief("b", "b.md", "B", Pos("b.md", 1, 1), bluf="word " * 1000)
    label, text = bottom_line(brief)
    assert label == "BLUF" and len(text) <= BLUF_CHARS and text.endswith("…")


async def test_a_large_library_is_filtered_once_typing_pauses(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.screens.library.PAUSE_FROM", 2)  # three briefs count as large
    app = BriefApp(resolve(three))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(app, pilot)
        line = screen.query_one(FilterLine)
        assert line.pause > 0
        line.pause = 5.0  # longer than the test takes to type: nothing is filtered meanwhile
        runs: list[str] = []
        run = screen.run_filter

        def counted(text: str, force: bool = False) -> None:
            runs.append(text)
            run(text, force)

        monkeypatch.setattr(screen, "run_filter", counted)
        await pilot.press("f", *"tag:russia")
        await wait_until(pilot, lambda: line.value == "tag:russia", "the typed filter")
        assert runs == [] and len(listed(screen)) == 3
        # Enter filters at once, without waiting for the pause.
        await pilot.press("enter")
        await wait_until(pilot, lambda: listed(screen) == [EX], "the filtered list")
        assert runs == ["tag:russia"]


async def test_the_preview_of_hostile_briefs_is_safe(tmp_path: Path) -> None:
    from .test_output_safety import assert_safe, hostile_workspace

    app = BriefApp(resolve(hostile_workspace(tmp_path)))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(app, pilot)
        table = screen.query_one(LibraryTable)
        assert table.row_count == 3
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            brief = table.brief
            assert brief is not None
            text = visible_text(screen.query_one(BriefPreview).query_one("#preview-text", Static))
            assert text.split("\n")[0] == one_line(brief.title)  # this brief's, one safe line
            assert_safe(text)
        assert_safe(list_title(screen), one=True)


async def test_row_heights_are_the_lines_a_title_wraps_to(three: Path) -> None:
    """The table counts a title's lines without wrapping it (`divide_line`): the count agrees
    with `Text.wrap` for long words, wide and combining characters, tags and tabs."""
    import random

    from rich.text import Text

    from bench.vocabulary import Vocabulary

    vocabulary, rng = Vocabulary.build(seed=3), random.Random(3)
    titles = [vocabulary.title(rng) for _ in range(30)]
    titles += [vocabulary.sentence(rng, 20, 40) for _ in range(10)]
    titles += [
        "x" * 75,
        "Überfall auf Charkiw: 北朝鮮の部隊 deployment 北朝鮮の部隊北朝鮮の部隊北朝鮮の部隊",
        "tab\tseparated\ttitle " * 4,
        "e\u0301" * 50 + " trailing   spaces   ",
    ]
    app = BriefApp(resolve(three))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        table = app.screen.query_one(LibraryTable)
        for title in titles:
            text = Text(title, style="bold")
            text.append("\n#tag-one #tag-two #" + "long" * 12, style="italic dim")
            for width in (20, 23, 31, 47, 64):
                table._width = width + 40
                table._heights = {}
                expected = len(text.wrap(app.console, table.title_width, overflow="fold"))
                assert table._height(text) == expected, (title, width)
