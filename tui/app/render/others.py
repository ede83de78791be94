"""Other reviewers' marks of an item, for its detail: who else reviewed it and when, and what
they flagged or noted ("Also reviewed by 2: ana (today 14:02), bo (yesterday 09:10)").

On a shared server every analyst's marks are read (`Reviews.others_of`); with one SQLite file
there are usually none, and nothing is drawn. Names, notes and times come from the review
database, which anyone with access can write: each enters a `Content` as one plain line
(`one_line`), never as markup.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from textual.content import Content

from ...review import Mark
from ...text import one_line

SHOWN_NAMES = 6
"""Names listed on the "also reviewed" line; more are counted ("and 3 more")."""

SHOWN_NOTES = 4
"""Other reviewers' flags and notes shown, newest first; more are counted."""

NOTE_CHARS = 200
"""Longest note shown of another reviewer (the rest is cut with an ellipsis)."""


def when(at: str, today: date | None = None) -> str:
    """A mark's time, in the reader's local time: "today 14:02", "yesterday 09:10", or
    "2026-11-25 14:02". `at` is ISO 8601 (UTC) from the database; unreadable, it is shown as
    written, on one line."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return one_line(at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    today = today or datetime.now().astimezone().date()
    hour = local.strftime("%H:%M")
    days = (today - local.date()).days
    if days == 0:
        return f"today {hour}"
    if days == 1:
        return f"yesterday {hour}"
    return local.strftime("%Y-%m-%d %H:%M")


def others_detail(others: list[Mark], current_hash: str, today: date | None = None) -> Content:
    """Lines on other reviewers' marks of one item (an empty `Content` when there are none).

    Args:
        others: Other reviewers' marks of the item (`Reviews.others_of`), oldest first.
        current_hash: The item's content hash now: a mark made on other content is said to be
            "before it changed".
        today: The local date "today" and "yesterday" are counted from (tests pin it).
    """
    lines: list[Content] = []
    reviewed = [m for m in others if m.reviewed]
    if reviewed:
        names = []
        for mark in reviewed[:SHOWN_NAMES]:
            changed = ", before it changed" if current_hash and mark.hash != current_hash else ""
            names.append(f"{one_line(mark.reviewer)} ({when(mark.at, today)}{changed})")
        more = len(reviewed) - SHOWN_NAMES
        listed = ", ".join(names) + (f" and {more} more" if more > 0 else "")
        lines.append(
            Content.assemble(
                (f"Also reviewed by {len(reviewed)}: ", "bold $brief-reviewed"), listed
            )
        )
    said = [m for m in reversed(others) if m.flagged or m.note]
    for mark in said[:SHOWN_NOTES]:
        who = one_line(mark.reviewer)
        parts: list[str | tuple[str, str]] = []
        if mark.flagged:
            parts.append(("⚑ ", "bold $brief-flagged"))
            parts.append(f"{who} flagged it" + (": " if mark.note else ""))
        else:
            parts.append(f"{who}'s note: ")
        if mark.note:
            note = one_line(mark.note)
            if len(note) > NOTE_CHARS:
                note = note[: NOTE_CHARS - 1] + "…"
            parts.append((note, "italic"))
        parts.append((f"  ({when(mark.at, today)})", "$text-muted"))
        lines.append(Content.assemble(*parts))
    if len(said) > SHOWN_NOTES:
        lines.append(
            Content.styled(
                f"…and {len(said) - SHOWN_NOTES} more flags or notes (brief history)", "$text-muted"
            )
        )
    return Content("\n").join(lines)
