"""The brief screen's pane titles: the pane's name, the key that jumps to it, and live state.

A title says what the pane holds now (`2 Sources & claims · 3 of 18 · 12 to review`) and any
state that would otherwise only have been said once in a notice (reviewed claims hidden, review
marks read-only). Titles are `Content`, never markup: a claim id may hold anything.
"""

from __future__ import annotations

from textual.content import Content

from ...plural import plural
from ...text import one_line

SEPARATOR = " · "
"""Between the parts of a title."""


def _title(key: str, name: str, parts: list[Content]) -> Content:
    head = Content.assemble((key + " ", "$text-muted"), (name, "")) if key else Content(name)
    for part in parts:
        head += Content(SEPARATOR) + part
    return head


def summary_title(key: str, status: str | None, flagged: bool) -> Content:
    """`1 Summary`, then its review state: `✓ reviewed`, `Δ changed since reviewed`, `⚑`."""
    parts: list[Content] = []
    if status == "reviewed":
        parts.append(Content.styled("✓ reviewed", "$brief-reviewed"))
    elif status == "stale":
        parts.append(Content.styled("Δ changed since reviewed", "$brief-stale"))
    if flagged:
        parts.append(Content.styled("⚑ flagged", "$brief-flagged"))
    return _title(key, "Summary", parts)


def claims_title(
    key: str,
    position: int | None,
    shown: int,
    to_review: int | None,
    hidden: bool,
    read_only: bool,
) -> Content:
    """`2 Sources & claims · 3 of 18 · 12 to review`, then `reviewed hidden` and `read-only`.

    Args:
        key: The key that focuses the pane ("" for none).
        position: 1-based place of the selected claim among those listed (None: no claim).
        shown: Claims listed (after hiding reviewed ones).
        to_review: Claims not marked reviewed, or changed since (None: reviewing is off).
        hidden: Reviewed claims are hidden.
        read_only: Review marks cannot be saved in this session.
    """
    parts: list[Content] = []
    if position is not None:
        parts.append(Content(f"{position} of {shown}"))
    else:
        parts.append(Content(plural(shown, "claim")))
    if to_review is not None:
        style = "$brief-reviewed" if to_review == 0 else ""
        parts.append(Content.styled(f"{to_review:,} to review", style))
    if hidden:
        parts.append(Content.styled("reviewed hidden", "bold $warning"))
    if read_only:
        parts.append(Content.styled("read-only", "bold $warning"))
    return _title(key, "Sources & claims", parts)


def detail_title(key: str, claim_id: str | None) -> Content:
    """`3 Claim · blinken-8000` (the id of the claim shown)."""
    parts = [Content.styled(one_line(claim_id)[:60], "$text-muted")] if claim_id else []
    return _title(key, "Claim", parts)


def xrefs_title(key: str, position: int | None, count: int) -> Content:
    """`4 Cross-references · 1 of 3`, or `· none`."""
    if count == 0:
        part = Content.styled("none", "$text-muted")
    elif position is None:
        part = Content(str(count))
    else:
        part = Content(f"{position} of {count}")
    return _title(key, "Cross-references", [part])
