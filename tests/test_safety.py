"""Untrusted text is shown literally: no markup runs, no escape sequence reaches the terminal."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from tui.app.main import BriefApp
from tui.app.messages import OpenLink
from tui.app.screens.brief import BriefScreen
from tui.app.screens.problems import ProblemsScreen
from tui.load.library import load_library
from tui.load.workspace import resolve

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
    app = BriefApp(resolve(make(tmp_path)))
    async with app.run_test(size=(220, 60)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[/]" in text  # the library's title cell
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefScreen)
        for _ in range(2):
            text = screen_text(app)
            for literal in MARKUP:
                assert literal in text
            assert "\u241b]52;c;ZXZpbA==\u2407" in text
            assert "\x1b" not in text and RLO not in text
            await pilot.press("j")
            await pilot.pause()
        # Clicking where the markup would have made a link does nothing: the app keeps running.
        await pilot.click("#detail-text", offset=(2, 0))
        await pilot.click("#summary", offset=(5, 3))
        await pilot.pause()
        assert app.is_running
        # A javascript: link in the summary is refused, not opened.
        opened: list[str] = []
        app.open_url = lambda url, **kw: opened.append(url)  # type: ignore[method-assign]
        app.screen.post_message(OpenLink("javascript:alert(1)"))
        await pilot.pause()
        assert opened == []
        app.screen.post_message(OpenLink("https://example.org/"))
        await pilot.pause()
        assert opened == ["https://example.org/"]
        # Problems mention the markup-looking key literally.
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert "unknown field `[@click=app.quit]key[/]`" in screen_text(app)
        # The command palette shows titles literally too.
        await pilot.press("escape", "ctrl+p")
        await pilot.press(*"open brief")
        await pilot.pause(0.3)
        assert "[@click=app.quit]x[/]" in screen_text(app)
        await pilot.press("escape")
        assert app.is_running
