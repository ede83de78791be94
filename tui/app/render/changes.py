"""What changed since I reviewed an item, for its detail: the fields that changed, word by word,
the words taken out struck through (in the theme's error colour) and the words put in
underlined (in its success colour), so the difference reads without colour too.

The diff is `Reviews.changes_of` (`tui/review/diff.py`). Its old words come from the review
database, which anyone with access can write, and its new words from the brief: each enters a
`Content` as plain text, on one line (`one_line`), never as markup.
"""

from __future__ import annotations

from textual.content import Content

from ...review.diff import MAX_WORDS, Diff, Op
from ...text import one_line

STYLES: dict[Op, str] = {
    "equal": "",
    "removed": "strike $text-error",
    "added": "underline $text-success",
}
"""How each kind of run is drawn."""


def changes_detail(diff: Diff | None) -> Content:
    """A line per changed field, its words old and new, for under the detail's "Δ Changed
    since … reviewed it (when):"; an empty `Content` when there is no diff (the mark is not
    stale, or what it was given for was not kept)."""
    if diff is None:
        return Content("")
    lines: list[Content] = []
    if not diff.fields:
        lines.append(Content.styled("  only its spacing or line breaks", "$text-muted"))
    for field in diff.fields:
        parts: list[str | tuple[str, str]] = [(f"  {field.label}: ", "bold")]
        for n, segment in enumerate(field.trimmed()):
            if n:
                parts.append(" ")
            parts.append((one_line(segment.text), STYLES[segment.op]))
        if field.cut:
            parts.append((f" (only its first {MAX_WORDS:,} words compared)", "$text-muted"))
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)
