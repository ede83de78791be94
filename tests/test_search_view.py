"""The search screen with Pilot: typing, counts, rows, moving, choosing, and untrusted text."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tui.app.main import BriefApp
from tui.app.render.results import claim_text
from tui.app.screens.dialogs import ConfirmScreen
from tui.app.screens.library import LibraryScreen
from tui.app.screens.search import SearchScreen
from tui.app.themes import variables_for
from tui.app.widgets.preview import ResultPreview
from tui.app.widgets.results import ResultsList
from tui.config import load_config
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.model import ClaimKey, Library
from tui.search import SearchIndex, StatusOf

from .pilot import (
    loaded,
    palette_offers,
    plain,
    screen_up,
    visible_text,
    wait_for_text,
    wait_until,
)

EX = "nk-troops-russia-2024-11"

EVIL = """\
---
brief: 1
id: evil
title: Markup in claims
date: 2024-12-01
sources:
  - id: x
    name: "[b]Mallory[/b]"
claims:
  - id: c1
    source: x
    text: "[@click=app.quit]x[/] [/bold] kursk"
---
"""


class SearchApp(App[None]):
    """Pushes the search screen and remembers what it was dismissed with."""

    def __init__(self, library: Library, status_of: StatusOf | None = None) -> None:
        super().__init__()
        self.library = library
        self.index = SearchIndex.build(library)
        self.status_of = status_of
        self.chosen: list[ClaimKey | None] = []

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(self.library, self.index, self.status_of), self.chosen.append)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # The reader's own colours ($brief-*), as BriefApp provides them.
        return variables_for(self.current_theme)


def status(app: App[None]) -> str:
    # The count (and position), without the key hints that follow it.
    text = str(app.screen.query_one("#search-status", Static).render())
    return text.split("   ")[0]


def rows(app: App[None]) -> list[str]:
    """The text of the result rows on screen, as drawn (under the header row)."""
    view = app.screen.query_one(ResultsList)
    return [
        view.render_line(y).text.rstrip()
        for y in range(1, view.size.height)
        if view.render_line(y).text.strip()
    ]


async def test_type_move_choose(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(160, 30)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        assert status(app) == "12 claims · 1 of 12"
        for char in "kursk":
            await pilot.press(char)
        await pilot.pause()
        assert app.screen.query_one(Input).value == "kursk"
        assert status(app) == "2 claims · 1 of 2"
        shown = rows(app)
        assert len(shown) == 2
        assert f"{EX[:11]}… Antony Blinken" in shown[0]
        assert "B2    …military personnel have been relocated to the Kursk" in shown[0]
        assert "Mark Rutte" in shown[1]
        assert "…military personnel are stationed in Russia's Kursk" in shown[1]
        # Matched words are styled differently from their neighbours.
        view = app.screen.query_one(ResultsList)
        kursk = [seg for y in (1, 2) for seg in view.render_line(y) if seg.text == "Kursk"]
        assert kursk and kursk[0].style is not None and kursk[0].style.underline
        await pilot.press("down")
        assert app.screen.query_one(ResultsList).cursor == 1
        await pilot.press("up", "ctrl+j")
        assert app.screen.query_one(ResultsList).cursor == 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.chosen, "the search to close")
        assert app.chosen == [ClaimKey(EX, "rutte-kursk")]


async def test_bad_query_and_escape(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(100, 24)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        for char in "kursk":
            await pilot.press(char)
        app.screen.query_one(Input).value = "kursk foo:x"  # as if pasted
        # Said once typing pauses (a qualifier being typed is a problem for a moment only).
        await wait_until(
            pilot,
            lambda: status(app).startswith("unknown qualifier `foo:`"),
            "the problem",
            lambda: status(app),
        )
        assert len(rows(app)) == 2  # the last good results stay
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.chosen, "the search to close")
        assert app.chosen == [None]


async def test_review_marks(example: Path) -> None:
    def status_of(key: ClaimKey) -> tuple[str, bool]:
        return ("reviewed", True) if key.claim == "rutte-kursk" else ("unreviewed", False)

    app = SearchApp(load_library(example), status_of)
    async with app.run_test(size=(120, 30)) as pilot:
        for char in "is:flagged":
            await pilot.press(char)
        await pilot.pause()
        assert status(app) == "1 claim"
        assert rows(app)[0].startswith("✓⚑")  # the reader's marks: reviewed, flagged


async def test_untrusted_text_is_shown_literally(example: Path) -> None:
    (example / "briefs" / "evil.md").write_text(EVIL, encoding="utf-8")
    app = SearchApp(load_library(example))
    async with app.run_test(size=(120, 30)) as pilot:
        for char in "click":
            await pilot.press(char)
        await pilot.pause()
        assert status(app) == "1 claim"
        shown = rows(app)
        assert "[b]Mallory[/b]" in shown[0]
        assert "[@click=app.quit]x[/] [/bold] kursk" in shown[0]
        await pilot.click(ResultsList, offset=(30, 2))  # the border, the header, row 1
        await wait_until(pilot, lambda: app.chosen, "the search to close")
        assert app.is_running
        assert app.chosen == [ClaimKey("evil", "c1")]


# -- the triage view: columns, preview, count, stale results, reopening, bulk marking ------------


def preview_text(app: App[None]) -> str:
    """What the preview shows: where, the claim detail, the cross-references."""
    preview = app.screen.query_one(ResultPreview)
    return "\n".join(
        visible_text(preview.query_one(f"#{name}", Static))
        for name in ("preview-where", "detail-text", "preview-xrefs")
    )


def results_title(app: App[None]) -> str:
    title = app.screen.query_one(ResultsList).border_title
    return plain(title) if title is not None else ""


async def type_text(pilot: Pilot[None], text: str) -> None:
    for char in text:
        await pilot.press(char)
    await pilot.pause()


async def test_columns_header_and_count(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(200, 40)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        view = app.screen.query_one(ResultsList)
        head = view.render_line(0).text
        for label in ("Brief", "Source", "Grade", "Claim"):
            assert label in head
        # Columns line up: the grade of every row sits under the header's `Grade`.
        at = head.index("Grade")
        grades = [row[at : at + 2] for row in rows(app)]
        assert len(grades) == 12
        assert all(g[0] in "ABCDEF·✗" and g[1] in "123456·✗" for g in grades), grades
        assert results_title(app) == "Results · 12 claims"
        await type_text(pilot, "blinken 8,000")
        await wait_until(pilot, lambda: results_title(app) == "Results · 1 claim", "singular")
    # At 80 columns the brief column goes, the source and the grade stay.
    app = SearchApp(load_library(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        head = app.screen.query_one(ResultsList).render_line(0).text
        assert "Brief" not in head and "Source" in head and "Grade" in head


async def test_preview_follows_the_cursor(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await screen_up(app, pilot, SearchScreen)
        await type_text(pilot, "kursk")
        assert screen.has_class("-wide")  # beside the results
        # The top result, once typing pauses: the quote in its seed's passage, grades in words.
        await wait_for_text(pilot, lambda: preview_text(app), f"{EX}#blinken-8000")
        assert "Quote in context" in preview_text(app)
        first = preview_text(app)
        assert "Antony Blinken stated that up to 8,000" in first
        assert "source usually reliable" in first and "claim probably true" in first
        assert "Cross-references (3)" in first and "corroborated by Mark Rutte" in first
        await pilot.press("down")
        await wait_for_text(pilot, lambda: preview_text(app), "rutte-kursk")
        assert "Antony Blinken stated" not in preview_text(app)
    app = SearchApp(load_library(example))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await screen_up(app, pilot, SearchScreen)
        assert not screen.has_class("-wide")  # below them
        results = screen.query_one(ResultsList).region
        preview = screen.query_one(ResultPreview).region
        assert preview.y >= results.bottom and preview.width == results.width


async def test_invalid_query_shows_the_whole_error_and_marks_the_results(example: Path) -> None:
    app = SearchApp(load_library(example))
    async with app.run_test(size=(60, 30)) as pilot:
        await screen_up(app, pilot, SearchScreen)
        await type_text(pilot, "kursk")
        app.screen.query_one(Input).value = "kursk cred:<=9x"
        await pilot.pause()
        view = app.screen.query_one(ResultsList)
        await wait_until(pilot, lambda: view.has_class("-stale"), "the results marked")
        status_line = app.screen.query_one("#search-status", Static)
        shown = visible_text(status_line)
        error = str(app.screen.error)  # type: ignore[attr-defined]
        assert error and error.endswith(")")  # "... (at column N)"
        assert error in shown  # in full, however long: the line wraps
        assert status_line.size.height >= 3
        assert "showing results for: kursk" in shown
        assert len(rows(app)) == 2
        assert "last valid query" in results_title(app)
        app.screen.query_one(Input).value = "kursk"
        await pilot.pause()
        assert not view.has_class("-stale") and status(app) == "2 claims · 1 of 2"


async def test_slash_reopens_the_last_query_selected(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash")
        await screen_up(app, pilot, SearchScreen)
        await type_text(pilot, "kursk")
        await pilot.press("escape")
        await screen_up(app, pilot, LibraryScreen)
        await pilot.press("slash")
        screen = await screen_up(app, pilot, SearchScreen)
        query = screen.query_one(Input)
        assert query.value == "kursk" and query.selected_text == "kursk"
        assert status(app) == "2 claims · 1 of 2"
        await type_text(pilot, "rutte")  # typing replaces the selected query
        assert query.value == "rutte"
        # From the results, `/` goes back to the query line, selected.
        await pilot.press("tab")
        assert screen.query_one(ResultsList).has_focus
        await pilot.press("slash")
        await wait_until(pilot, lambda: query.has_focus, "the query line to have focus")
        assert query.selected_text == "rutte"


async def test_mark_every_result_reviewed_and_undo_it_at_once(
    example: Path, tmp_path: Path
) -> None:
    app = BriefApp(resolve(example), tmp_path / "marks.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        reviews = app.reviews
        assert reviews is not None
        await pilot.press("slash")
        screen = await screen_up(app, pilot, SearchScreen)
        await type_text(pilot, "north korean")
        found = [screen.index.keys[n] for n in screen.results_list.results.found.to_list()]  # type: ignore[union-attr]
        assert len(found) > 2

        def statuses() -> set[str]:
            return {reviews.status_of(key)[0] for key in found}

        assert statuses() == {"unreviewed"}
        await pilot.press("tab", "R")
        dialog = await screen_up(app, pilot, ConfirmScreen)
        question = plain(dialog.question)
        assert f"Mark {len(found)} claims reviewed?" in question
        await pilot.press("y")
        await screen_up(app, pilot, SearchScreen)
        await wait_until(pilot, lambda: statuses() == {"reviewed"}, "every result reviewed")
        # The rows show it.
        await wait_until(pilot, lambda: all(r.startswith("✓") for r in rows(app)), "✓ rows")
        await pilot.press("u")
        await wait_until(pilot, lambda: statuses() == {"unreviewed"}, "one u to undo them all")
        await wait_until(pilot, lambda: all(r.startswith("·") for r in rows(app)), "· rows")


async def test_mark_all_asks_and_no_changes_nothing(example: Path, tmp_path: Path) -> None:
    app = BriefApp(resolve(example), tmp_path / "marks.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash")
        await screen_up(app, pilot, SearchScreen)
        await type_text(pilot, "kursk")
        await pilot.press("tab", "R")
        dialog = await screen_up(app, pilot, ConfirmScreen)
        assert "Mark 2 claims reviewed?" in plain(dialog.question)
        await pilot.press("n")
        await screen_up(app, pilot, SearchScreen)
        await app.workers.wait_for_complete()
        assert app.reviews is not None
        assert app.reviews.status_of(ClaimKey(EX, "rutte-kursk"))[0] == "unreviewed"


async def test_mark_all_counts_those_already_reviewed(example: Path, tmp_path: Path) -> None:
    app = BriefApp(resolve(example), tmp_path / "marks.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        reviews = app.reviews
        assert reviews is not None
        reviews.toggle(reviews.item(EX, "claim", "rutte-kursk"))
        await pilot.press("slash")
        await screen_up(app, pilot, SearchScreen)
        await type_text(pilot, "kursk")
        await pilot.press("tab", "R")
        dialog = await screen_up(app, pilot, ConfirmScreen)
        question = plain(dialog.question)
        # One of two: singular words, not "1 claims" or "1 of the 2 results already are".
        assert "Mark 1 claim reviewed?" in question
        assert "1 of the 2 results is already reviewed." in question


async def test_saved_search_in_the_palette(example: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        "searches:\n  kursk troops: kursk\n  broken: kursk foo:bar\n", encoding="utf-8"
    )
    config, problems = load_config(config_file)
    assert [p.pos.line for p in problems] == [3]  # the bad query, where it is: not a crash
    assert config.searches == {"kursk troops": "kursk"}
    app = BriefApp(resolve(example), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "kursk troops")
        await palette_offers(app, pilot, "Search: kursk troops")
        await pilot.press("enter")
        screen = await screen_up(app, pilot, SearchScreen)
        assert screen.query_one(Input).value == "kursk"
        await wait_until(pilot, lambda: status(app) == "2 claims · 1 of 2", "its results")


def test_a_row_shows_why_it_was_found_at_bounded_cost() -> None:
    words = ("kursk",)
    text = "Up to 8,000 North Korean military personnel have been relocated to the Kursk region."
    # Room for the start only: the row starts a little before the match, after a `…`.
    shown = claim_text(text, words, 40)
    assert shown.plain.startswith("…") and "Kursk" in shown.plain[:40]
    match = [s for s in shown.spans if shown.plain[s.start : s.end] == "Kursk"]
    assert match and match[0].end < 40
    # The same, whether the matches come from the index (short claims) or are looked for here.
    index_spans = [(text.index("Kursk"), text.index("Kursk") + 5)]
    assert claim_text(text, words, 40, index_spans).plain == shown.plain
    # Room enough: no shift.
    assert claim_text(text, words, 120).plain == text
    # A huge claim costs what its cut does: a match past LOOKAHEAD is not looked for.
    huge = "word " * 200_000 + "kursk"
    assert claim_text(huge, words, 40).plain.startswith("word word")
    assert not claim_text(huge, words, 40).spans
