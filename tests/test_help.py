"""One help that teaches: keys by pane, a legend, j/k scrolling; the palette with keys and
without Textual's commands that do not fit; the theme picker on the theme in use; plurals."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandList
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.app.main import BriefApp
from tui.app.render.claims import GLYPHS
from tui.app.screens.help import SECTIONS, HelpScreen
from tui.load.workspace import resolve
from tui.plural import plural, plural_of
from tui.vocabulary import CREDIBILITY, RELIABILITY

from .pilot import (
    loaded,
    open_brief,
    option_text,
    palette_choice,
    screen_up,
    visible_text,
    wait_until,
)


def help_text(screen: HelpScreen) -> str:
    return visible_text(screen.query_one("#help-keys", Static))


async def test_help_groups_keys_by_pane_and_has_the_legend(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("question_mark")
        screen = await screen_up(app, pilot, HelpScreen)
        text = help_text(screen)
        # The sections come in the order a reader meets them.
        headings = [h for _, h in SECTIONS if f"\n{h}" in "\n" + text]
        assert headings[:4] == ["Library", "Brief", "Brief: panes", "Brief: summary pane"]
        order = [("\n" + text).index(f"\n{h}") for h in headings]
        assert order == sorted(order)
        for words in ("Summary pane", "Maximise pane", "Next brief", "Hide reviewed", "Quit"):
            assert words in text, words
        assert "Brief  · this screen" in text
        # The legend: every glyph with its meaning, the grades in words, what is counted.
        legend = text[text.index("\nLegend") :]
        for glyph in GLYPHS.values():
            assert f"{glyph.char.ljust(3)}{glyph.meaning}" in legend, glyph
        for words in [*RELIABILITY.values(), *CREDIBILITY.values()]:
            assert words in legend, words
        assert "B2" in legend and "to review" in legend


async def test_help_scrolls_with_j_and_k(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        screen = await screen_up(app, pilot, HelpScreen)
        box = screen.query_one("#help", VerticalScroll)
        assert box.max_scroll_y > 0 and box.scroll_y == 0  # from the library: at the top
        await pilot.press("j", "j", "j")
        await wait_until(pilot, lambda: box.scroll_y == 3, "j to scroll", lambda: box.scroll_y)
        await pilot.press("k")
        await wait_until(pilot, lambda: box.scroll_y == 2, "k to scroll back", lambda: box.scroll_y)
        await pilot.press("pagedown")
        await wait_until(pilot, lambda: box.scroll_y > 10, "page down", lambda: box.scroll_y)
        await pilot.press("G")
        await wait_until(pilot, lambda: box.scroll_y == box.max_scroll_y, "the end")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help closed")


async def test_help_opens_at_the_screen_it_was_asked_from(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("question_mark")
        screen = await screen_up(app, pilot, HelpScreen)
        box = screen.query_one("#help", VerticalScroll)
        await wait_until(pilot, lambda: box.scroll_y == screen.start > 0, "the brief's keys")


async def test_textual_keys_panel_opens_our_help(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        app.action_show_help_panel()
        await screen_up(app, pilot, HelpScreen)
        assert not app.screen.query("HelpPanel")


def palette_rows(app: BriefApp) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [option_text(options, i) for i in range(options.option_count)]


async def test_palette_shows_keys_and_hides_textual_commands(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: app.screen.query(CommandList), "the palette")
        await app.workers.wait_for_complete()
        await wait_until(
            pilot,
            lambda: any(r.startswith("Help") for r in palette_rows(app)),
            "the reader's commands",
            lambda: palette_rows(app),
        )
        rows = palette_rows(app)
        names = [r.split("\n")[0] for r in rows]
        for expected in ("Help  ·  ?", "Search  ·  /", "Back  ·  ⌫", "Maximise pane  ·  z"):
            assert any(n.startswith(expected) for n in names), (expected, names)
        assert any(n.startswith("Theme") for n in names)
        assert any(n.startswith("Quit") for n in names)
        for gone in ("Keys", "Screenshot", "Maximize", "Minimize"):
            assert not any(n.startswith(gone) for n in names), gone


async def test_theme_picker_starts_on_the_current_theme(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        app.theme = "nord"
        app.search_themes()
        await wait_until(
            pilot,
            lambda: (palette_choice(app) or "").startswith("nord"),
            "the picker on the theme in use",
            lambda: palette_choice(app),
        )


def test_plural() -> None:
    assert plural(1, "claim") == "1 claim"
    assert plural(0, "claim") == "0 claims"
    assert plural(2, "error") == "2 errors"
    assert plural(1204, "warning") == "1,204 warnings"
    assert plural(3, "match") == "3 matches"
    assert plural(2, "person", "people") == "2 people"
    assert plural_of("entry", 2) == "entries"
    assert plural_of("entry", 1) == "entry"


async def test_help_shows_the_keymap_keys(example: Path) -> None:
    from tui.config import Config

    config = Config(keymap={"review.toggle": "x", "pane.maximise": "m,f2"})
    app = BriefApp(resolve(example), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("question_mark")
        screen = await screen_up(app, pilot, HelpScreen)
        lines = help_text(screen).splitlines()
        toggle = next(line for line in lines if line.rstrip().endswith("review.toggle"))
        maximise = next(line for line in lines if line.rstrip().endswith("pane.maximise"))
        assert toggle.split()[0] == "x"
        assert maximise.split()[:2] == ["m,", "f2"]


async def test_every_binding_has_a_help_section(example: Path) -> None:
    from tui.app.screens.help import key_rows

    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(app, pilot)
        rows = key_rows(app, {})
        # A new screen or widget: name its class in OWNER_SECTION (or its id prefix in
        # PREFIX_SECTION) in tui/app/screens/help.py, so help lists it where it works.
        assert "other" not in rows, rows.get("other")
