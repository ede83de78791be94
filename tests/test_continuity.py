"""Continuity across live reloads and mark changes (issue 13): what the reader was doing goes on.

Undo reaches back across a reload; an open search and the library's filter and order follow the
marks and the reloaded library, keeping the selection and the typed query.
"""

from __future__ import annotations

from pathlib import Path

from tui.app.main import BriefApp
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.model import Library
from tui.review import Reviews, ReviewStore

from .pilot import open_brief, wait_until
from .test_live_reload import BRIEF, MARKED, SELECTED, SELECTED_TEXT, edit, mark_reviewed


def _mark(reviews: Reviews | None, claim: str) -> str:
    assert reviews is not None
    return reviews.status(BRIEF, "claim", claim)


async def test_undo_reaches_back_across_reloads(example: Path) -> None:
    app = BriefApp(resolve(example), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_brief(app, pilot, BRIEF)
        await mark_reviewed(app, pilot, screen, MARKED)
        await mark_reviewed(app, pilot, screen, SELECTED)
        before = app.reviews

        # The selected claim's own text changes: its mark goes stale, and stays undoable.
        edit(example, SELECTED_TEXT, "Twelve thousand soldiers are expected soon, says Kyiv.")
        await wait_until(pilot, lambda: app.reviews is not before, "the reload")
        await wait_until(pilot, lambda: _mark(app.reviews, SELECTED) == "stale", "a stale mark")

        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: _mark(app.reviews, SELECTED) == "unreviewed",
            "u to undo the mark given before the reload",
            lambda: _mark(app.reviews, SELECTED),
        )
        assert _mark(app.reviews, MARKED) == "reviewed"

        # Another save, another session: the mark before that one is undone next.
        reloaded = app.reviews
        edit(example, "Twelve thousand soldiers", "Twelve thousand troops")
        await wait_until(pilot, lambda: app.reviews is not reloaded, "the second reload")
        await pilot.press("u")
        await wait_until(
            pilot,
            lambda: _mark(app.reviews, MARKED) == "unreviewed",
            "u to undo the first mark, two reloads later",
            lambda: _mark(app.reviews, MARKED),
        )


def test_a_session_carries_the_marks_written_after_it_read_them(
    example: Path, tmp_path: Path
) -> None:
    library: Library = load_library(example)
    state = tmp_path / "review.db"
    old = Reviews(ReviewStore.open(state, "ana"), library.briefs)
    new = Reviews(ReviewStore.open(state, "ana"), library.briefs)
    old.toggle(old.item(BRIEF, "claim", MARKED))  # written once `new` had read the marks
    assert new.status(BRIEF, "claim", MARKED) == "unreviewed"
    elsewhere = Reviews(ReviewStore.open(tmp_path / "other.db", "ana"), library.briefs)
    elsewhere.carry_from(old)  # another store: nothing to carry
    assert elsewhere.undo_last() is None

    new.carry_from(old)

    assert new.status(BRIEF, "claim", MARKED) == "reviewed"
    assert new.undo_last() == "claim marked reviewed"
    assert new.status(BRIEF, "claim", MARKED) == "unreviewed"
    for reviews in (old, new, elsewhere):
        reviews.close()
