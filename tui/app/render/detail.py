"""Content builders for the claim detail: the claim in full, its grades in words, its quote in
the seed's context (and how the quote is anchored), and review marks with their history.

Like `claims.py`, every piece of brief text enters a `Content` as plain text, never markup.
"""

from __future__ import annotations

import re

from textual.content import Content, Span

from ...model import Brief, Claim, Library
from ...review import Change, Mark
from ...text import one_line
from .claims import (
    grade_words,
    invalid_fields,
)

QUOTE_CONTEXT = 200
"""Characters of seed text shown on each side of a quote."""


def review_detail(
    status: str,
    mark: Mark | None,
    history: list[Change],
    others: Content | None = None,
    changes: Content | None = None,
) -> Content:
    """Who marked an item and when, what changed since (`render.changes`), its flag and note,
    others' marks (`render.others`) and the latest changes ("" if none).

    Names, notes and times come from the review database, which can be crafted: each is one
    safe line (no escape sequence, no forged line).
    """
    lines: list[Content] = []
    when = one_line(mark.at.replace("T", " ").replace("+00:00", " UTC")) if mark else ""
    who = one_line(mark.reviewer) if mark else ""
    head: list[tuple[str, str]] = []
    if status == "reviewed" and mark:
        head.append((f"✓ Reviewed by {who}, {when}", "$brief-reviewed"))
    elif status == "stale" and mark:
        said = ":" if changes is not None and changes.plain else ""  # what changed, below
        head.append((f"Δ Changed since {who} reviewed it ({when}){said}", "bold $brief-stale"))
    if mark and mark.flagged:
        head.append(("  ⚑ flagged" if head else "⚑ flagged", "bold $brief-flagged"))
    if head:
        lines.append(Content.assemble(*head))
    if changes is not None and changes.plain:
        lines.append(changes)
    if mark and mark.note:
        lines.append(Content.assemble(("Review note: ", "bold"), one_line(mark.note)))
    if others is not None and others.plain:
        lines.append(others)
    if len(history) > 1:
        steps = []
        for change in history[:3]:
            after, before = change.after, change.before
            what = "reviewed" if after and after.reviewed else "unmarked"
            if after and before and after.flagged != before.flagged:
                what = "flagged" if after.flagged else "unflagged"
            elif after and before and after.note != before.note:
                what = "noted"
            at = one_line(change.at[5:16].replace("T", " "))
            steps.append(f"{one_line(change.reviewer)} {what} {at}")
        lines.append(Content.assemble(("History: " + " · ".join(steps), "$text-muted")))
    return Content("\n").join(lines)


def claim_detail(
    claim: Claim, brief: Brief, library: Library, review: Content | None = None
) -> Content:
    """Everything about one claim: text, source, date, grades in words, note, quote in context."""
    source = brief.source(claim.source)
    if "text" in claim.invalid and not claim.text:
        parts: list[str | tuple[str, str] | Content] = [("(no text)", "italic $text-muted"), "\n"]
    else:
        parts = [(claim.text, "bold"), "\n"]
    if source is not None:
        who = source.name
    elif "source" in claim.invalid:  # marked below; not "undeclared": it is wrongly written
        who = claim.source or "(no source)"
    else:
        who = f"{claim.source} (undeclared source)"
    parts.append(("— " + who, "$text-primary"))
    if source and source.role:
        parts.append((", " + source.role, "$text-muted"))
    if claim.date:
        parts.append(("  " + claim.date.isoformat(), "$text-muted"))
    parts.append("\n")
    parts.append((grade_words(source, claim), ""))
    if claim.confidence:
        parts.append((f" · {claim.confidence} confidence", ""))
    corroborated = library.corroborations(claim.key)
    if corroborated:
        plural = "s" if corroborated != 1 else ""
        parts.append(
            (
                f" · corroborated by {corroborated} independent source{plural}",
                "$brief-rel-corroborates",
            )
        )
    if library.contradicted(claim.key):
        parts.append((" · contradicted", "bold $brief-rel-contradicts"))
    if claim.tags:
        parts.append(("  " + " ".join(f"#{t}" for t in claim.tags), "italic $text-accent"))
    # Fields written but dropped as invalid, the claim's then its source's, each on its line.
    bad = invalid_fields(claim.invalid, "claim")
    if source is not None:
        bad += invalid_fields(source.invalid, "source", "source ")
    for line in bad:
        parts += ["\n", line]
    if claim.note:
        parts.append("\n")
        parts.append(("Note: ", "bold"))
        parts.append((claim.note, "italic"))
    # The quote comes before the review lines: it is what the analyst checks the claim against.
    quote = quote_in_context(claim, brief)
    if quote is not None:
        parts.append("\n")
        parts.append(quote)
    if review is not None and review.plain:
        parts += ["\n", review]
    return Content.assemble(*parts)


def quote_in_context(claim: Claim, brief: Brief) -> Content | None:
    """The quote highlighted inside the surrounding passage of its seed, or the bare quote."""
    if not claim.quote:
        return None
    seed = brief.seed(claim.seed) if claim.seed else None
    head = Content.assemble(
        ("Quote in context", "bold"), (f" ({seed.id})" if seed else "", "$text-muted"), "\n"
    )
    state = quote_state(claim)
    if state is not None:
        head += state + Content("\n")
    if seed is None or seed.text is None or claim.quote_span is None:
        missing = " (not found in the seed)" if seed is not None and state is None else ""
        return head + Content.assemble(
            ("“" + " ".join(claim.quote.split()) + "”", "italic"), (missing, "$warning")
        )
    start, end = claim.quote_span
    text = seed.text
    lo, hi = passage_bounds(text, start, end)
    # A seed wrapped at 72 columns has a line break every few words: the passage reads as one
    # paragraph (offsets are not needed past this point, so the text may change length).
    before, quoted, after = (_joined(text[a:b]) for a, b in ((lo, start), (start, end), (end, hi)))
    passage = Content.assemble(
        ("…" if lo > 0 else "", "$text-muted"),
        (before, "$text-muted"),
        (quoted, "bold reverse $accent"),
        (after, "$text-muted"),
        (" …" if text[hi:].strip() else "", "$text-muted"),
    )
    return head + passage


def quote_state(claim: Claim) -> Content | None:
    """How the quote stands in its seed, when it is not found word for word (None otherwise)."""
    if claim.quote_state == "moved":
        return Content.styled(
            "Quote moved in the seed: a paragraph break now falls inside it", "$warning"
        )
    if claim.quote_state == "changed":
        changes = " · ".join(
            f"was “{was or '—'}” now “{now or '—'}”" for was, now in claim.quote_diff
        )
        return Content.styled(
            f"Quote changed in the seed ({claim.quote_similarity} % similar)"
            + (f": {changes}" if changes else "")
            + "; the seed now reads:",
            "$warning",
        )
    if claim.quote_state == "orphaned":
        return Content.styled("Quote orphaned: not in the seed any more", "$error")
    return None


_BREAK = re.compile(r"[.!?][\"”’)]?\s|\n[ \t]*\n")
"""In a hard-wrapped seed: the end of a sentence (its punctuation, then a space or a line
break) or of a paragraph (a blank line). A lone line break is neither."""

_BREAK_UNWRAPPED = re.compile(r"[.!?][\"”’)]?\s|\n")
"""In a seed with a paragraph per line: a sentence's end, or any line break."""

WRAPPED_LINE = 100
"""A seed whose lines near a quote are all at most this long is taken as hard-wrapped."""


def hard_wrapped(text: str, start: int, end: int) -> bool:
    """Whether the seed is wrapped at a fixed width around [start, end) (its line breaks then
    fall mid-sentence), judged from the lines within a few hundred characters of it."""
    lo = text.rfind("\n", 0, max(0, start - 3 * QUOTE_CONTEXT)) + 1
    hi = text.find("\n", min(len(text), end + 3 * QUOTE_CONTEXT))
    lines = [line for line in text[lo : hi if hi >= 0 else len(text)].split("\n") if line]
    return len(lines) >= 3 and max(len(line) for line in lines) <= WRAPPED_LINE


_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def _joined(text: str) -> str:
    """Text with its line breaks (a hard-wrapped seed's) read as spaces."""
    return _LINE_BREAK.sub(" ", text)


def passage_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) around [start, end), at most `QUOTE_CONTEXT` characters each side, never
    past a paragraph's end."""
    lo = max(0, start - QUOTE_CONTEXT)
    hi = min(len(text), end + QUOTE_CONTEXT)
    breaks = _BREAK if hard_wrapped(text, start, end) else _BREAK_UNWRAPPED
    cuts = [m.end() for m in breaks.finditer(text, lo, start)]
    if cuts:
        lo = cuts[-1]
    elif lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    stop = breaks.search(text, end, hi)
    if stop is not None:
        hi = stop.start() + len(stop.group().rstrip())
    elif hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    while lo < start and text[lo].isspace():
        lo += 1
    return lo, hi


def highlight(content: Content, start: int, end: int, style: str) -> Content:
    """A copy of `content` with one more span (safe: no markup involved)."""
    return Content(content.plain, [*content.spans, Span(start, end, style)])
