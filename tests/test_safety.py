"""Untrusted text is shown literally: no markup runs, no escape sequence reaches the terminal."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from textual.command import CommandPalette
from textual.message import Message

from tui.app.main import BriefApp
from tui.app.messages import OpenLink
from tui.app.screens.brief import BriefScreen
from tui.app.screens.problems import ProblemsScreen
from tui.app.widgets.claims import ClaimList
from tui.load.library import load_library
from tui.load.workspace import resolve

from .pilot import (
    loaded,
    notifications,
    open_brief,
    palette_offers,
    screen_up,
    wait_for_text,
    wait_until,
)

MARKUP = ["[@click=app.quit]x[/]", "[ @click=app.bell]y", "[/", "oops [/bold]", "[TODO]"]
OSC52 = "\x1b]52;c;ZXZpbA==\x07"
RLO = "\u202e"
NASTY = " ".join(MARKUP) + f" {OSC52} {RLO}end"


def q(text: str) -> str:
    # JSON strings are YAML double-quoted scalars: \u001b and \u202e travel as escapes.
    return json.dumps(text)


def nasty_brief() -> str:
    n = q(NASTY)
    return f"""---
brief: 1
id: nasty
title: {n}
bluf: {n}
tags: [{n}]
seeds:
  - id: doc
    path: seeds/doc.txt
    title: {n}
sources:
  - id: s
    name: {n}
    role: {n}
    kind: {n}
    url: {n}
    note: {n}
claims:
  - id: c1
    source: s
    text: {n}
    quote: {q("[@click=app.quit]x[/]")}
    seed: doc
    note: {n}
    tags: [{n}]
  - id: c2
    source: s
    text: second {n}
xrefs:
  - from: c1
    to: c2
    rel: contradicts
    note: {n}
{q("[@click=app.quit]key[/]")}: 1
---
# {NASTY}

Summary {NASTY} [[c1]] [link {MARKUP[0]}](javascript:alert(1))
"""


def make(tmp_path: Path) -> Path:
    (tmp_path / "briefs").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "doc.txt").write_text(
        f"Before {MARKUP[0]} after {OSC52}.\n", encoding="utf-8"
    )
    (tmp_path / "briefs" / "nasty.md").write_text(nasty_brief(), encoding="utf-8")
    return tmp_path


def selected(screen: BriefScreen) -> str | None:
    claim = screen.query_one(ClaimList).claim
    return claim.id if claim else None


def screen_text(app: BriefApp) -> str:
    svg = app.export_screenshot()
    fragments = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(fragments)).replace("\xa0", " ")


def test_loader_sanitises_every_field(tmp_path: Path) -> None:
    library = load_library(make(tmp_path))
    brief = library.brief("nasty")
    assert brief is not None
    values = [brief.title, brief.bluf, brief.summary, *brief.tags, brief.seeds[0].title]
    source = brief.sources[0]
    values += [source.name, source.role, source.kind, source.url, source.note]
    for claim in brief.claims:
        values += [claim.text, claim.note, *claim.tags]
    values += [brief.xrefs[0].note, brief.seeds[0].text or ""]
    for value in values:
        assert "\x1b" not in value and "\x07" not in value and RLO not in value
    assert "\u241b]52;c;ZXZpbA==\u2407" in brief.title
    assert "[@click=app.quit]x[/]" in brief.title
    assert any(p.code == "unsafe-char" for p in brief.problems)


async def test_reader_shows_markup_literally(tmp_path: Path) -> None:
    seen: list[Message] = []
    app = BriefApp(resolve(make(tmp_path)))
    async with app.run_test(size=(220, 60), message_hook=seen.append) as pilot:
        await loaded(app, pilot)
        await wait_for_text(pilot, lambda: screen_text(app), "[@click=app.quit]x[/]")  # title
        screen = await open_brief(app, pilot)
        assert selected(screen) == "c1"
        for step in range(2):
            if step:
                await pilot.press("j")
                await wait_until(
                    pilot, lambda: selected(screen) == "c2", "claim c2", lambda: selected(screen)
                )
            await pilot.pause()  # drawn
            text = screen_text(app)
            for literal in MARKUP:
                assert literal in text
            assert "\u241b]52;c;ZXZpbA==\u2407" in text
            assert "\x1b" not in text and RLO not in text
        # Clicking where the markup would have made a link does nothing: the app keeps running.
        await pilot.click("#detail-text", offset=(2, 0))
        await pilot.click("#summary", offset=(5, 3))
        await pilot.pause()
        assert app.is_running
        # A javascript: link in the summary is refused, not opened.
        opened: list[str] = []
        app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
        app.screen.post_message(OpenLink("javascript:alert(1)"))
        await wait_until(
            pilot,
            lambda: any(n.message.startswith("Refused to open") for n in notifications(seen)),
            "the link to be refused",
        )
        assert opened == []
        app.screen.post_message(OpenLink("https://example.org/"))
        await wait_until(pilot, lambda: opened, "the link to be opened")
        assert opened == ["https://example.org/"]
        # Problems mention the markup-looking key literally.
        await pilot.press("p")
        await screen_up(app, pilot, ProblemsScreen)
        await wait_for_text(
            pilot, lambda: screen_text(app), "unknown field `[@click=app.quit]key[/]`"
        )
        # The command palette shows titles literally too.
        await pilot.press("escape", "ctrl+p")
        await screen_up(app, pilot, CommandPalette)
        await pilot.press(*"open brief")
        await palette_offers(app, pilot, "Open brief: [@click=app.quit]x[/] [ @click=app.bell]y")
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
