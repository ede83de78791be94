"""The reader on a PostgreSQL state (Pilot): marks land on the server; two readers with
different reviewers see each other's marks live; an unreachable server still opens, read-only,
with a notice and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from tui.app.main import BriefApp
from tui.load.workspace import resolve
from tui.review import ReviewStore

from .pilot import notifications, open_brief, wait_for_text, wait_until
from .test_review_ui import row

BRIEF = "nk-troops-russia-2024-11"


async def test_the_reader_marks_on_a_server(
    example: Path, pg_uri: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEF_STATE", pg_uri)
    bob = BriefApp(resolve(example), reviewer="bob")
    async with bob.run_test(size=(120, 40)) as bob_pilot:
        bob_screen = await open_brief(bob, bob_pilot)
        app = BriefApp(resolve(example), reviewer="alice")
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_brief(app, pilot)
            await pilot.press("space")
            await wait_for_text(pilot, lambda: row(screen, "isw-losses"), " ✓  B3")
        store = ReviewStore.open(pg_uri, "alice")
        mark = store.get(BRIEF, "claim", "isw-losses")
        store.close()
        assert mark is not None and mark.reviewed
        # Bob's own state is unchanged; alice's mark reached his session without a key.
        assert bob.reviews is not None
        await wait_until(
            bob_pilot,
            lambda: bool(bob.reviews and bob.reviews.others_of(BRIEF, "claim", "isw-losses")),
            "alice's mark in bob's reader",
        )
        assert row(bob_screen, "isw-losses").startswith(" ·  B3")


async def test_an_unreachable_server_opens_read_only(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = "hunter2-secret"
    uri = f"postgresql://ana:{secret}@/briefing?host={tmp_path}/none&connect_timeout=2"
    monkeypatch.setenv("BRIEF_STATE", uri)
    seen: list[Message] = []
    app = BriefApp(resolve(example), reviewer="ana")
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await open_brief(app, pilot)
        await wait_until(pilot, lambda: bool(notifications(seen)), "a notice")
        said = " ".join(n.message for n in notifications(seen))
        assert "cannot be used" in said and secret not in said
        assert app.reviews is not None and app.reviews.store.read_only
