"""What can be reviewed: a brief's `Item`s (its summary, claims and cross-references) in reading
order, and the hash of the content each mark is given for (`content_hash`: changing it makes the
mark stale)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ..model import Brief, Claim, Xref
from .schema import SUMMARY_ITEM, Kind, MarkKey


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


@dataclass(frozen=True)
class Item:
    """Something that can be reviewed, with the hash of its current content."""

    brief: str
    """Brief id."""
    kind: Kind
    """`summary`, `claim` or `xref`."""
    item: str
    """Item id within the brief."""
    hash: str
    """Hash of the current content."""

    @property
    def key(self) -> MarkKey:
        """(brief, kind, item): the key of its mark."""
        return (self.brief, self.kind, self.item)


def brief_items(brief: Brief) -> list[Item]:
    """A brief's reviewable items in the reader's order: the summary, the claims grouped by
    source (in the order sources are declared, undeclared ones last), the cross-references."""
    items = [Item(brief.id, "summary", SUMMARY_ITEM, content_hash("summary", brief))]
    for _, claims in brief.claims_by_source():
        items += [Item(brief.id, "claim", c.id, content_hash("claim", c)) for c in claims]
    done: set[str] = set()
    for xref in brief.xrefs:
        if xref.id not in done:
            done.add(xref.id)
            items.append(Item(brief.id, "xref", xref.id, content_hash("xref", xref)))
    return items
