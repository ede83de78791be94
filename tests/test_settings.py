"""The App with the user's settings: remapped keys, themes, a bad config, the remembered theme."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Static

from tui.app.main import BriefApp
from tui.app.widgets.claims import ClaimList
from tui.config import config_path, load_config, user_themes_dir
from tui.load.workspace import resolve

from .pilot import (
    SnapCompare,
    loaded,
    notifications,
    open_brief,
    plain,
    visible_text,
    wait_until,
)

THEMES = ["brief-dark", "brief-light", "brief-high-contrast"]


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def first_row(app: BriefApp) -> str:
    claims = app.screen.query_one(ClaimList)
    return plain(claims.get_option("isw-losses").prompt)


async def test_keymap_remaps_mark_reviewed(example: Path) -> None:
    write_config("keymap:\n  review.toggle: x\n")
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot)
        await pilot.press("space")
        assert first_row(app).startswith(" · ")  # space no longer marks
        await pilot.press("x")
        # The mark is written off the UI thread, and shown once it has landed.
        await wait_until(
            pilot, lambda: first_row(app).startswith(" ✓ "), "the mark", lambda: first_row(app)
        )
        assert not notifications(seen, "Settings")


async def test_bad_config_and_bad_theme_give_notices(example: Path) -> None:
    write_config("theme: brief-dark\nreviewer: [not, text]\nkeymap:\n  review.toggel: x\n")
    themes = user_themes_dir()
    themes.mkdir(parents=True, exist_ok=True)
    (themes / "broken.yaml").write_text("name: broken\nprimary: [1, 2\n")
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot)
        await wait_until(pilot, lambda: notifications(seen, "Settings"), "the settings notice")
        notes = [n.message for n in notifications(seen, "Settings")]
        assert len(notes) == 1  # reported once, together
        text = notes[0]
        assert "config.yaml:2:11: error:" in text  # reviewer is not text
        assert "review.toggel" in text and "review.toggle" in text  # did you mean
        assert "broken.yaml" in text
        assert app.theme == "brief-dark"  # the good settings still apply
        assert app.is_running


async def test_theme_choice_is_remembered(example: Path) -> None:
    write_config("# my settings\nreviewer: alice  # me\n")
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        assert app.theme == "brief-dark"
        app.theme = "brief-light"  # what the palette's theme picker does
        await wait_until(
            pilot, lambda: "brief-light" in config_path().read_text(), "the theme to be saved"
        )
    text = config_path().read_text()
    assert "theme: brief-light" in text and "# my settings" in text and "reviewer: alice" in text
    assert load_config()[0].theme == "brief-light"
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(app, pilot)
        assert app.theme == "brief-light"


@pytest.mark.parametrize("theme", THEMES)
def test_brief_screen_in_theme(snap_compare: SnapCompare, example: Path, theme: str) -> None:
    write_config(f"theme: {theme}\n")

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, BriefApp)
        screen = await open_brief(app, pilot)
        for key in ("space", "j", "f", "j", "j", "j", "j"):
            await pilot.press(key)
        await pilot.pause()
        claim = screen.query_one(ClaimList).claim
        assert app.screen is screen and claim is not None and claim.id == "blinken-8000"
        assert "1/25 reviewed" in visible_text(screen.query_one("#brief-header", Static))
        assert app.theme == theme

    assert snap_compare(BriefApp(resolve(example)), terminal_size=(120, 40), run_before=run_before)


async def test_no_color_is_honoured(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = BriefApp(resolve(example))
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await open_brief(app, pilot)
        assert app.is_running
    assert os.environ["NO_COLOR"] == "1"


async def test_workspace_themes_folder(example: Path) -> None:
    theme = (Path(__file__).parent.parent / "themes" / "brief-light.yaml").read_text()
    (example / "themes").mkdir()
    (example / "themes" / "desk.yaml").write_text(
        theme.replace("name: brief-light", "name: desk"), encoding="utf-8"
    )
    write_config("theme: desk\n")
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await loaded(app, pilot)
        assert app.theme == "desk"
        assert not notifications(seen, "Settings")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("text-muted", "blurple"),
        ("text-muted", "red; background: url(x)"),
        ("text-muted", "$other"),
        ("border", "{"),
        ("block-cursor-text-style", "red"),
        ("brief-rel-contradicts", "$primary"),
    ],
    ids=["not-a-colour", "css-fragment", "reference", "brace", "colour-as-style", "app-colour"],
)
async def test_bad_workspace_theme_is_reported_and_skipped(
    example: Path, variable: str, value: str
) -> None:
    (example / "themes").mkdir()
    (example / "themes" / "desk.yaml").write_text(
        f"name: desk\nprimary: '#336699'\nvariables:\n  {variable}: {json.dumps(value)}\n",
        encoding="utf-8",
    )
    write_config("theme: desk\n")
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot)
        await wait_until(pilot, lambda: notifications(seen, "Settings"), "the settings notice")
        (note,) = notifications(seen, "Settings")
        assert f"desk.yaml:4:{len(variable) + 5}: error: theme not loaded: `{variable}`" in (
            note.message
        )
        assert "desk" not in app.available_themes
        assert app.theme == "brief-dark"
        await pilot.press("j")
        assert app.is_running


async def test_bad_theme_replacing_a_bundled_one(example: Path) -> None:
    bundled = (Path(__file__).parent.parent / "themes" / "brief-dark.yaml").read_text()
    (example / "themes").mkdir()
    (example / "themes" / "brief-dark.yaml").write_text(
        bundled.replace('text-muted: "#a4adba"', "text-muted: 'red; background: url(x)'"),
        encoding="utf-8",
    )
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot)
        await wait_until(pilot, lambda: notifications(seen, "Settings"), "the settings notice")
        (note,) = notifications(seen, "Settings")
        assert "brief-dark.yaml" in note.message and "`text-muted` is not a colour" in note.message
        assert app.theme == "brief-dark"
        assert app.current_theme.variables["text-muted"] == "#a4adba"  # the bundled one
        assert app.is_running


async def test_every_accepted_theme_value_draws(example: Path) -> None:
    from .test_themes import everything_theme

    (example / "themes").mkdir()
    (example / "themes" / "everything.yaml").write_text(everything_theme(), encoding="utf-8")
    write_config("theme: everything\n")
    seen: list[Message] = []
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot)
        assert app.theme == "everything"
        for key in ("j", "space", "f", "question_mark", "escape", "slash"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running
        assert not notifications(seen, "Settings")
