"""The review status report of `brief export`: rows, and their Markdown / JSON / CSV forms.

Every value in a report may be hostile: brief text, ids and titles as written, and the review
database's notes and reviewer names (a database can be crafted). Each form makes them safe for
a terminal (`tui.text`); the Markdown form also keeps them plain text (no HTML, no links, no
table broken by `|` or a newline); the CSV form defuses formulas.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from .model import Library
from .review import Mark, Reviews, ReviewStore
from .review.diff import Op, Segment, trim
from .review.snapshots import FIELDS as SNAPSHOT_FIELDS
from .text import for_terminal, terminal_json

FIELDS = [
    "brief",
    "kind",
    "item",
    "status",
    "flagged",
    "note",
    "reviewer",
    "at",
    "text",
    "changes",
]
"""Columns of the report, in order. `changes`: for a stale mark whose snapshot was kept, what
changed since, per field, word by word (`diff.Diff.as_data`); else None."""


def report_rows(library: Library, reviews: Reviews) -> list[dict[str, Any]]:
    """One row per reviewable item and reviewer who marked it (one row, unreviewed, for an
    item no one marked), for every readable brief, in the reader's order."""
    rows: list[dict[str, Any]] = []
    for brief in library.briefs:
        if not brief.ok:
            continue
        claims = {c.id: c for c in reversed(brief.claims)}
        xrefs = {x.id: x for x in brief.xrefs}
        for item in reviews.items.get(brief.id, []):
            mine = reviews.mark(item.brief, item.kind, item.item)
            marks = sorted(
                [*([mine] if mine else []), *reviews.others_of(item.brief, item.kind, item.item)],
                key=lambda m: m.reviewer,
            )
            if item.kind == "summary":
                text = brief.title
            elif item.kind == "claim":
                text = claims[item.item].text
            else:
                x = xrefs[item.item]
                text = f"{x.source.claim} {x.rel} {x.target}"
            each: list[Mark | None] = [*marks] or [None]
            for mark in each:
                diff = reviews.changes_of(item.brief, item.kind, item.item, mark) if mark else None
                rows.append(
                    {
                        "brief": brief.id,
                        "kind": item.kind,
                        "item": item.item,
                        "status": mark.status(item.hash) if mark else "unreviewed",
                        "flagged": bool(mark and mark.flagged),
                        "note": mark.note if mark else "",
                        "reviewer": mark.reviewer if mark else "",
                        "at": mark.at if mark else "",
                        "text": text,
                        "changes": diff.as_data() if diff is not None else None,
                    }
                )
    return rows


def by_reviewer(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per reviewer: how many items they marked reviewed, stale (changed since) and flagged."""
    summary: dict[str, dict[str, int]] = {}
    for r in rows:
        if r["reviewer"]:
            counts = summary.setdefault(r["reviewer"], {"reviewed": 0, "stale": 0, "flagged": 0})
            counts["reviewed"] += r["status"] == "reviewed"
            counts["stale"] += r["status"] == "stale"
            counts["flagged"] += bool(r["flagged"])
    return dict(sorted(summary.items()))


def open_reviews(library: Library, state: Path | str, reviewer: str | None = None) -> Reviews:
    """Reviews for a report, read-only: the state file is left exactly as it was (no tables
    made, no version or journal mode set), and an absent one reads as 'nothing reviewed' (and
    is not made). A `postgresql://` state is read on the server, changing nothing there."""
    return Reviews(ReviewStore.read(state, reviewer), library.briefs)


def as_json(rows: list[dict[str, Any]]) -> str:
    """The report as a JSON array (control and bidi characters shown as stand-ins)."""
    return terminal_json(rows)


def _safe_cell(value: object) -> object:
    # Brief text is untrusted: a cell starting with = + - @ would run as a spreadsheet formula.
    if isinstance(value, str):
        value = for_terminal(value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return value


def _segments(field: object) -> tuple[Segment, ...]:
    """A field's segments from a row's `changes` (anything else reads as none), trimmed."""
    found = field.get("segments") if isinstance(field, dict) else None
    if not isinstance(found, list):
        return ()
    ops: tuple[Op, ...] = ("equal", "removed", "added")
    return trim(
        tuple(
            Segment(op, str(s.get("text", "")))
            for s in found
            if isinstance(s, dict)
            for op in ops
            if s.get("op") == op
        )
    )


def _changes_text(changes: object) -> object:
    """A row's `changes` in a CSV cell: `field: words [-removed-] {+added+}; field: ...`
    (git's plain word diff), long unchanged runs cut to the words next to a change."""
    if not isinstance(changes, list):
        return "" if changes is None else changes
    marks = {"equal": "{}", "removed": "[-{}-]", "added": "{{+{}+}}"}
    return "; ".join(
        f"{f.get('field', '')}: " + " ".join(marks[s.op].format(s.text) for s in _segments(f))
        for f in changes
        if isinstance(f, dict)
    )


def as_csv(rows: list[dict[str, Any]]) -> str:
    """The report as CSV with a header row (formula-looking cells defused)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {k: _safe_cell(_changes_text(v) if k == "changes" else v) for k, v in row.items()}
        for row in rows
    )
    return out.getvalue()


# Markdown that text could turn into structure: emphasis, code, links and images (`[`, `]`),
# e-mail autolinks (`@`: a `mailto:` link), strikethrough and table cells (`|`); and `\`
# itself, so that text cannot undo an escape.
_MD_PUNCT = re.compile(r"([\\`*_\[\]|~@])")
_MD_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Viewers that find links in plain text (GFM, markdown-it's linkify) link `scheme://...` and
# `//host`: `//` is split by an escape, but after `http:` and `https:`.
_MD_SLASHES = re.compile(r"(?i)(?<!http:)(?<!https:)//")


def _cell(text: object) -> str:
    """Untrusted text as plain Markdown on one line: no raw HTML or autolink (`<`, `>`), no
    entity for a Markdown viewer to decode (`&`), no link but http(s), no emphasis or code, no
    `|` or newline to break a table row."""
    flat = " ".join(for_terminal(text).split())
    escaped = _MD_PUNCT.sub(r"\\\1", flat.translate(_MD_ENTITIES))
    return _MD_SLASHES.sub("/\\\\/", escaped)


def _code(text: object) -> str:
    """Untrusted text as an inline code span, fenced with more backticks than it holds."""
    flat = " ".join(for_terminal(text).split())
    fence = "`" * (max(map(len, re.findall("`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def as_markdown(rows: list[dict[str, Any]], library: Library) -> str:
    """The report as Markdown: per brief, its progress and a table of items."""
    lines = ["# Review report", ""]
    reviewers = by_reviewer(rows)
    if reviewers:
        lines += ["## Reviewers", ""]
        for name, n in reviewers.items():
            lines.append(
                f"- {_cell(name)}: {n['reviewed']} reviewed · {n['stale']} changed since "
                f"reviewed · {n['flagged']} flagged"
            )
        lines.append("")
    for brief in library.briefs:
        mine = [r for r in rows if r["brief"] == brief.id]
        if not mine:
            continue
        items = {(r["kind"], r["item"]) for r in mine}
        done = len({(r["kind"], r["item"]) for r in mine if r["status"] == "reviewed"})
        stale = len({(r["kind"], r["item"]) for r in mine if r["status"] == "stale"})
        flagged = len({(r["kind"], r["item"]) for r in mine if r["flagged"]})
        lines += [
            f"## {_cell(brief.title)} ({_code(brief.id)})",
            "",
            f"{done}/{len(items)} reviewed · {stale} changed since reviewed · {flagged} flagged",
            "",
            "| status | kind | item | flag | note | reviewer | at |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in mine:
            lines.append(
                f"| {_cell(r['status'])} | {_cell(r['kind'])} | {_cell(r['item'])} | "
                f"{'⚑' if r['flagged'] else ''} | {_cell(r['note'])} | {_cell(r['reviewer'])} | "
                f"{_cell(r['at'])} |"
            )
        lines.append("")
        lines += _changed_since(mine)
    return "\n".join(lines)


def _changed_since(rows: list[dict[str, Any]]) -> list[str]:
    """A brief's stale items with what changed since each was reviewed, was → now, word by
    word (removed ~~struck~~, added **bold**); [] when none has a diff."""
    stale = [r for r in rows if isinstance(r.get("changes"), list)]
    if not stale:
        return []
    lines = ["### Changed since reviewed", ""]
    for r in stale:
        lines.append(
            f"- {_cell(r['kind'])} {_code(r['item'])}, reviewed by {_cell(r['reviewer'])} "
            f"({_cell(r['at'])}):"
        )
        labels = dict(SNAPSHOT_FIELDS.get(r["kind"], ()))
        for field in r["changes"]:
            name = field.get("field", "") if isinstance(field, dict) else ""
            words, segments = [], _segments(field)
            for n, seg in enumerate(segments):
                text = _cell(seg.text)
                if seg.op == "removed":
                    text = f"~~{text}~~"
                elif seg.op == "added":
                    after = n > 0 and segments[n - 1].op == "removed"
                    text = f"{'→ ' if after else ''}**{text}**"
                words.append(text)
            shown = " ".join(words) or "(only spacing changed)"
            lines.append(f"  - {_cell(labels.get(name, name))}: {shown}")
        if not r["changes"]:
            lines.append("  - only its spacing or line breaks")
    lines.append("")
    return lines
