"""Search result rows into `Content`: the columns at a width, the header, the claim text cut to
its column with the matched words highlighted (never markup).

What a row costs is bounded by the width, not by the claim: the text is cut to the room of its
column before anything else happens to it, and matches are looked for in that cut (or, when none
shows there, in the first `LOOKAHEAD` characters) unless the index already knows them. The
widget that draws the rows is `tui.app.widgets.results.ResultsList`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content, Span

from ...text import fold, fold_with_map

MATCH_STYLE = "bold underline $text-accent"
"""How matched words look in the claim text."""

MARK_WIDTH = 2
"""Cells of the review mark column (`✓⚑`)."""

GRADE_WIDTH = 5
"""Cells of the grade column (its header, `Grade`, is the widest thing in it)."""

CUT_MARGIN = 32
"""Characters kept past a row's room, so a few zero-width characters still fill the line and
the cut text still ends with `…`."""

LOOKAHEAD = 600
"""Characters of a claim searched for a match to show when none falls in the visible cut."""

MATCH_ROOM = 4
"""Cells kept after a match brought into view (the lead `…`, the trailing `…`, a little text)."""

_WHITESPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Columns:
    """Cells given to each column at one width (0: the column is left out)."""

    brief: int
    """The brief id."""
    source: int
    """The source's name."""
    text: int
    """The claim text: whatever is left."""


def columns(width: int) -> Columns:
    """The columns at a list width: the claim text keeps at least about half the line.

    The brief goes first when room is short (the preview names it), then the source narrows.
    """
    if width >= 110:
        brief, source = 22, 20
    elif width >= 84:
        brief, source = 12, 14
    elif width >= 64:
        brief, source = 0, 16
    elif width >= 44:
        brief, source = 0, 10
    else:
        brief, source = 0, 0
    fixed = MARK_WIDTH + 1 + GRADE_WIDTH + 1 + (brief + 1 if brief else 0)
    fixed += source + 1 if source else 0
    return Columns(brief, source, max(1, width - fixed))


def fit(text: str, width: int) -> str:
    """`text` on one line, cut with `…` or padded to exactly `width` cells.

    Only the first `width` characters (plus a margin) are looked at: a column never costs more
    than its width.
    """
    line = Content(" ".join(text[: width + CUT_MARGIN].split()))
    return line.truncate(width, ellipsis=True, pad=True).plain


def highlights(text: str, words: Sequence[str]) -> list[Span]:
    """Spans of `MATCH_STYLE` where the folded `words` occur in `text` (already cut to what can
    show: the cost follows the cut, not the claim)."""
    if not words or not text:
        return []
    folded, where = fold_with_map(text)
    found: list[tuple[int, int]] = []
    for word in words:
        if not word:
            continue
        at = folded.find(word)
        while at >= 0:
            found.append((where[at], where[at + len(word) - 1] + 1))
            at = folded.find(word, at + 1)
    return [Span(start, end, MATCH_STYLE) for start, end in sorted(found)]


def header(cols: Columns) -> Content:
    """The header row: one label per column, aligned with the rows."""
    parts = ["✓⚑ "]
    if cols.brief:
        parts.append(fit("Brief", cols.brief) + " ")
    if cols.source:
        parts.append(fit("Source", cols.source) + " ")
    parts.append(fit("Grade", GRADE_WIDTH) + " ")
    parts.append("Claim")
    return Content("".join(parts))


def claim_text(
    text: str,
    words: Sequence[str],
    room: int,
    found: Sequence[tuple[int, int]] | None = None,
) -> Content:
    """The claim text for a column of `room` cells, its matched words highlighted.

    Only what can show is built: the text is cut to the column (with a margin for characters
    that take no cell) before it becomes Content. When no match shows in that cut but one comes
    within `LOOKAHEAD` characters, the cut starts a little before it (after a `…`), so every
    row shows why it was found.

    Args:
        text: The claim's text.
        words: The query's folded words.
        room: Cells of the column.
        found: Where the words occur in the whole text, when known (`SearchIndex.spans`, which
            keeps each claim folded: the reader passes it for claims up to `LOOKAHEAD`
            characters). Otherwise matches are looked for in the cut, then in the first
            `LOOKAHEAD` characters only: the cost never follows the claim's length.
    """
    if found is None:
        found = _bounded_matches(text, words, room)
    first = found[0] if found else None
    start, lead = 0, ""
    # The last cell of a cut row is its `…`: a match must end before it to be seen.
    if first is not None and first[1] >= room and len(text) > room:
        # As little shift as shows the match (then at a word start): the most context.
        start = max(0, min(first[0], first[1] + MATCH_ROOM - room))
        space = text.find(" ", start, first[0])
        start = space + 1 if space >= 0 else start
        lead = "…" if start else ""
    cut = text[start : start + room + CUT_MARGIN]
    shift = len(lead) - start
    spans = [
        Span(a + shift, min(b, start + len(cut)) + shift, MATCH_STYLE)
        for a, b in found
        if a >= start and a < start + len(cut)
    ]
    # One space for each whitespace character keeps the match offsets valid.
    return Content(lead + _WHITESPACE.sub(" ", cut), spans)


def _bounded_matches(text: str, words: Sequence[str], room: int) -> list[tuple[int, int]]:
    """Matches in the visible cut, else in the first `LOOKAHEAD` characters (`fold` is cheap;
    the offsets map of `highlights` is built only where a word is known to be)."""
    if not words:
        return []
    for size in (room + CUT_MARGIN, LOOKAHEAD):
        part = text[:size]
        folded = fold(part)
        if any(w and w in folded for w in words):
            spans = [(span.start, span.end) for span in highlights(part, words)]
            if size == LOOKAHEAD or any(end < room for _, end in spans):
                return spans
        if len(part) < size:  # the whole text was looked at
            return []
    return []
