"""What a reviewer reviews in a brief, and the hash of each (a mark is stale when it changes).

The review store compares these hashes with the ones its marks were given for. They live here,
apart from `tui.review`, because the loader computes them once per brief file (`tui.load`) and
keeps them in the parse cache: a library whose briefs are all reviewed shows its progress
without making any claim an object or hashing 88,000 items at every start (issue 12). Changing
what a hash covers makes every existing mark stale, and needs the loader's `LOADER_VERSION`
bumped so cached hashes are made again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from .model import Brief, Claim, Xref
from .vocabulary import Kind as Kind

SUMMARY_ITEM = "summary"
"""Item id of a brief's summary."""

Hashed = tuple[Kind, str, str]
"""(kind, item id, content hash) of one reviewable item."""


def content_hash(kind: Kind, content: Brief | Claim | Xref) -> str:
    """Hash of what a reviewer reviews (changing it makes the mark stale). Claims: source, text,
    quote, seed, date, credibility; cross-references: ends, relation, note; summaries: title,
    BLUF and summary text."""
    if kind == "claim" and isinstance(content, Claim):
        c = content
        parts: list[object] = [c.source, c.text, c.quote, c.seed, str(c.date or ""), c.credibility]
    elif kind == "xref" and isinstance(content, Xref):
        parts = [str(content.source), str(content.target), content.rel, content.note]
    elif kind == "summary" and isinstance(content, Brief):
        parts = [content.title, content.bluf, content.summary]
    else:
        raise ValueError(f"cannot hash {kind} {type(content).__name__}")
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest()[:20]


def contents(brief: Brief) -> Iterator[tuple[Kind, str, Brief | Claim | Xref]]:
    """A brief's reviewable items in the reader's order, each with what its hash covers: the
    summary, the claims grouped by source (in the order sources are declared, undeclared ones
    last), the cross-references (each id once)."""
    yield "summary", SUMMARY_ITEM, brief
    for _, claims in brief.claims_by_source():
        for claim in claims:
            yield "claim", claim.id, claim
    done: set[str] = set()
    for xref in brief.xrefs:
        if xref.id not in done:
            done.add(xref.id)
            yield "xref", xref.id, xref


def item_hashes(brief: Brief) -> tuple[Hashed, ...]:
    """(kind, item id, content hash) of each reviewable item of a brief, in reading order."""
    return tuple((kind, item, content_hash(kind, c)) for kind, item, c in contents(brief))
