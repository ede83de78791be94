"""Reviewing in the reader: marks persist across runs, go stale, undo, flag, note, navigate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from tui.app.main import BriefApp
from tui.app.screens.brief import BriefScreen
from tui.app.screens.dialogs import ConfirmScreen, NoteScreen
from tui.app.screens.library import LibraryScreen
from tui.app.widgets.claims import ClaimList
from tui.cli import main
from tui.load.workspace import resolve

from .pilot import (
    loaded,
    notifications,
    open_brief,
    plain,
    screen_up,
    showing,
    visible_text,
    wait_for_text,
    wait_until,
)

BRIEF = "nk-troops-russia-2024-11"


def row(screen: BriefScreen, claim_id: str) -> str:
    claims = screen.query_one(ClaimList)
    return plain(claims.get_option(claim_id).prompt)


def header(screen: BriefScreen) -> str:
    return visible_text(screen.query_one("#brief-header", Static))


def detail(screen: BriefScreen) -> str:
    return visible_text(screen.query_one("#detail-text", Static))


def claim(screen: BriefScreen) -> str:
    current = screen.query_one(ClaimList).claim
    assert current is not None
    return current.id


async def test_mark_quit_restart_stale_undo(example: Path, tmp_path: Path) -> None:
    state = tmp_path / "marks.db"
    app = BriefApp(resolve(example), state, reviewer="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot)
        assert row(screen, "isw-losses").startswith(" ·  B3")
        await pilot.press("space")  # written off the UI thread: shown once it has landed
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓  B3")
        assert "1/25 reviewed" in header(screen)
        assert "✓ Reviewed by alice" in detail(screen)
        await pilot.press("q")

    # A new run with the same state file: the mark is there.
    app = BriefApp(resolve(example), state, reviewer="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        library = await loaded(app, pilot)
        table = library.query_one(DataTable)
        assert str(table.get_row_at(0)[3]) == "1/25"
        screen = await open_brief(app, pilot)
        assert row(screen, "isw-losses").startswith(" ✓  B3")

    # Edit the claim's text in the file: the mark shows stale.
    brief = example / "briefs" / "nk-troops-russia.md"
    brief.write_text(
        brief.read_text().replace(
            "could cost North Korea significant losses", "could cost North Korea heavy losses"
        )
    )
    seen: list[Message] = []
    app = BriefApp(resolve(example), state, reviewer="alice")
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        assert row(screen, "isw-losses").startswith(" Δ  B3")
        assert "Δ Changed since alice reviewed it" in detail(screen)
        assert "0/25 reviewed" in header(screen)
        await pilot.press("space")  # review it again
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓  B3")
        assert "✓ Reviewed by alice" in detail(screen)
        await pilot.press("u")  # undo restores the previous (stale) state
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " Δ  B3")
        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: any(
                n.message == "Nothing to undo in this session." for n in notifications(seen)
            ),
            "the notice that there is nothing to undo",
        )
        assert row(screen, "isw-losses").startswith(" Δ  B3")  # nothing older in this session


async def test_flag_note_hide_and_source(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot)
        await pilot.press("f")
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ·⚑ B3")
        await pilot.press("c")
        await screen_up(app, pilot, NoteScreen)
        await pilot.press(*"check [/b] this", "enter")
        await wait_for_text(pilot, lambda: detail(screen), "Review note: check [/b] this")

        # Mark every ISW claim at once, after confirming; undo takes it back.
        await pilot.press("A")
        await screen_up(app, pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_for_text(pilot, lambda: header(screen), "5/25 reviewed")
        claims = screen.query_one(ClaimList)
        isw = [c.id for c in claims.visible_claims if c.source == "isw"]
        assert all(row(screen, c).startswith(" ✓") for c in isw)
        # Hide reviewed claims: ISW's disappear, the others stay.
        await pilot.press("H")
        await wait_until(
            pilot,
            lambda: not set(isw) & {c.id for c in claims.visible_claims},
            "the reviewed claims to be hidden",
        )
        assert "blinken-8000" in [c.id for c in claims.visible_claims]
        await pilot.press("H")
        await pilot.press("u")
        await wait_for_text(pilot, lambda: header(screen), "0/25 reviewed")
        assert row(screen, "isw-losses").startswith(" ·⚑")  # the flag came before the batch


async def test_next_unreviewed_across_panes_and_briefs(two_briefs: Path) -> None:
    app = BriefApp(resolve(two_briefs))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot)
        await pilot.press("space", "n")
        assert (claim(screen), screen.pane) == ("isw-not-compensate", "claims")
        await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓")
        await pilot.press("N")
        assert screen.pane == "summary"  # isw-losses is reviewed: back to the summary
        # Mark everything but the last cross-reference: n lands on it, in the xrefs pane.
        reviews = app.reviews
        assert reviews is not None
        items = reviews.items[BRIEF]
        reviews.set_reviewed(items[:-1])
        screen.after_review_change(items)
        await pilot.press("n")
        await wait_until(
            pilot, lambda: screen.pane == "xrefs", "the xrefs pane", lambda: screen.pane
        )
        assert screen.current_item() == items[-1]
        # Nothing left here: n goes on to the next brief that needs review.
        await pilot.press("space", "n")
        assert await showing(app, pilot, "other") is screen
        await wait_until(
            pilot, lambda: screen.pane == "summary", "the summary pane", lambda: screen.pane
        )


async def test_read_only_state_is_reported(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    state = tmp_path / "ro" / "review.db"
    state.parent.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m: False if Path(p) == state.parent else real(p, m))
    seen: list[Message] = []
    app = BriefApp(resolve(example), state)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        screen = await open_brief(app, pilot)
        notes = notifications(seen, "Review marks")
        assert any("can't be saved" in n.message for n in notes), notes
        await pilot.press("space")
        await wait_until(pilot, lambda: notifications(seen, "Read-only"), "a read-only notice")
        assert row(screen, "isw-losses").startswith(" ·")
        assert app.is_running


async def test_library_progress_updates(example: Path) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_brief(app, pilot)
        await pilot.press("space", "j", "space", "escape")
        table = (await screen_up(app, pilot, LibraryScreen)).query_one(DataTable)
        await wait_until(
            pilot,
            lambda: str(table.get_row_at(0)[3]) == "2/25",
            "the progress column to say 2/25",
            lambda: str(table.get_row_at(0)[3]),
        )


def test_export(example: Path, tmp_path: Path) -> None:
    from tui.load.library import load_library
    from tui.review import Reviews, ReviewStore

    state = tmp_path / "r.db"
    reviews = Reviews(ReviewStore.open(state, "alice"), load_library(example).briefs)
    reviews.toggle(reviews.item(BRIEF, "claim", "blinken-8000"))
    item = reviews.item(BRIEF, "claim", "rutte-kursk")
    reviews.toggle_flag(item)
    reviews.set_note(item, '=HYPERLINK("x")')
    reviews.store.close()
    runner = CliRunner()
    out = runner.invoke(main, ["export", str(example), "--format", "json", "--state", str(state)])
    assert out.exit_code == 0
    rows = json.loads(out.output)
    assert len(rows) == 25
    by_item = {r["item"]: r for r in rows}
    assert by_item["blinken-8000"]["status"] == "reviewed"
    assert by_item["blinken-8000"]["reviewer"] == "alice"
    assert by_item["rutte-kursk"]["flagged"] is True
    assert by_item["summary"]["kind"] == "summary"
    assert {"brief", "kind", "item", "status", "flagged", "note", "reviewer", "at"} <= set(rows[0])
    csv_out = runner.invoke(
        main, ["export", str(example), "--format", "csv", "--state", str(state)]
    ).output
    assert csv_out.splitlines()[0] == "brief,kind,item,status,flagged,note,reviewer,at,text,changes"
    assert "'=HYPERLINK" in csv_out  # formula defused
    md = runner.invoke(main, ["export", str(example), "--state", str(state)]).output
    assert "1/25 reviewed · 0 changed since reviewed · 1 flagged" in md
    # An absent state file reads as nothing reviewed, and is not created.
    absent = tmp_path / "absent.db"
    rows = json.loads(
        runner.invoke(
            main, ["export", str(example), "--format", "json", "--state", str(absent)]
        ).output
    )
    assert {r["status"] for r in rows} == {"unreviewed"} and not absent.exists()


@pytest.mark.parametrize("typed", ["", "note"])
async def test_note_escape_keeps_note(example: Path, typed: str) -> None:
    app = BriefApp(resolve(example))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot)
        await pilot.press("c")
        note = await screen_up(app, pilot, NoteScreen)
        note.query_one(Input).value = typed
        await pilot.press("escape")
        assert await screen_up(app, pilot, BriefScreen) is screen
        await pilot.pause()  # whatever the dialog's answer does, it has done
        assert "Review note" not in detail(screen)


async def test_edit_then_reload_shows_stale(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import contextlib
    import subprocess

    import tui.app.editor as editor

    calls: list[list[str]] = []

    def fake_run(argv: list[str], check: bool = False) -> subprocess.CompletedProcess[bytes]:
        calls.append(argv)
        file = Path(argv[-1])
        file.write_text(file.read_text().replace("have been relocated", "were relocated"))
        return subprocess.CompletedProcess(argv, 0)

    monkeypatch.setenv("EDITOR", "my-editor --wait")
    monkeypatch.setattr(editor.subprocess, "run", fake_run)
    monkeypatch.setattr(editor.shutil, "which", lambda name: f"/usr/bin/{name}")
    app = BriefApp(resolve(example))
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot)
        for _ in range(5):
            await pilot.press("j")
        assert claim(screen) == "blinken-8000"
        before = app.library
        await pilot.press("space", "e")
        await app.workers.wait_for_complete()
        await wait_until(pilot, lambda: app.library is not before, "the library to reload")
        library = app.library
        assert library is not None
        line = next(c for c in library.briefs[0].claims if c.id == "blinken-8000").pos.line
        assert calls == [
            ["my-editor", "--wait", f"+{line}", str(example / "briefs" / "nk-troops-russia.md")]
        ]
        screen = await showing(app, pilot, BRIEF)
        await wait_for_text(pilot, lambda: detail(screen), "were relocated")
        assert claim(screen) == "blinken-8000"  # back where we were, in the reloaded brief
        assert row(screen, "blinken-8000").startswith(" Δ")  # its text changed: stale
        assert "were relocated" in detail(screen)


def test_editor_line_syntax() -> None:
    from tui.app.editor import editor_args, editor_command

    file = Path("/w/briefs/x.md")
    assert editor_args(["vim"], file, 12) == ["vim", "+12", "/w/briefs/x.md"]
    assert editor_args(["code", "--wait"], file, 3) == [
        "code",
        "--wait",
        "--goto",
        "/w/briefs/x.md:3",
    ]
    assert editor_args(["/usr/bin/hx"], file, 0) == ["/usr/bin/hx", "/w/briefs/x.md:1"]
    assert editor_command("emacs -nw") == ["emacs", "-nw"]
    assert editor_command('vim "unclosed') is None
