"""The review status report of `brief export`: rows, and their Markdown / JSON / CSV forms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .model import Library
from .review import Reviews, ReviewStore

FIELDS = ["brief", "kind", "item", "status", "flagged", "note", "reviewer", "at", "text"]
"""Columns of the report, in order."""


def report_rows(library: Library, reviews: Reviews) -> list[dict[str, Any]]:
    """One row per reviewable item of every readable brief, in the reader's order."""
    rows: list[dict[str, Any]] = []
    for brief in library.briefs:
        if not brief.ok:
            continue
        claims = {c.id: c for c in reversed(brief.claims)}
        xrefs = {x.id: x for x in brief.xrefs}
        for item in reviews.items.get(brief.id, []):
            mark = reviews.mark(item.brief, item.kind, item.item)
            if item.kind == "summary":
                text = brief.title
            elif item.kind == "claim":
                text = claims[item.item].text
            else:
                x = xrefs[item.item]
                text = f"{x.source.claim} {x.rel} {x.target}"
            rows.append(
                {
                    "brief": brief.id,
                    "kind": item.kind,
                    "item": item.item,
                    "status": reviews.status(item.brief, item.kind, item.item),
                    "flagged": bool(mark and mark.flagged),
                    "note": mark.note if mark else "",
                    "reviewer": mark.reviewer if mark else "",
                    "at": mark.at if mark else "",
                    "text": text,
                }
            )
    return rows


def open_reviews(library: Library, state: Path) -> Reviews:
    """Reviews for a report, read-only: the state file is left exactly as it was (no tables
    made, no version or journal mode set), and an absent one reads as 'nothing reviewed' (and
    is not made)."""
    return Reviews(ReviewStore.read(state), library.briefs)


def as_json(rows: list[dict[str, Any]]) -> str:
    """The report as a JSON array."""
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _safe_cell(value: object) -> object:
    # Brief text is untrusted: a cell starting with = + - @ would run as a spreadsheet formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def as_csv(rows: list[dict[str, Any]]) -> str:
    """The report as CSV with a header row (formula-looking cells defused)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _safe_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def as_markdown(rows: list[dict[str, Any]], library: Library) -> str:
    """The report as Markdown: per brief, its progress and a table of items."""
    lines = ["# Review report", ""]
    for brief in library.briefs:
        mine = [r for r in rows if r["brief"] == brief.id]
        if not mine:
            continue
        done = sum(r["status"] == "reviewed" for r in mine)
        stale = sum(r["status"] == "stale" for r in mine)
        flagged = sum(r["flagged"] for r in mine)
        lines += [
            f"## {_cell(brief.title)} (`{brief.id}`)",
            "",
            f"{done}/{len(mine)} reviewed · {stale} changed since reviewed · {flagged} flagged",
            "",
            "| status | kind | item | flag | note | reviewer | at |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for r in mine:
            lines.append(
                f"| {r['status']} | {r['kind']} | {_cell(r['item'])} | "
                f"{'⚑' if r['flagged'] else ''} | {_cell(r['note'])} | {_cell(r['reviewer'])} | "
                f"{r['at']} |"
            )
        lines.append("")
    return "\n".join(lines)
