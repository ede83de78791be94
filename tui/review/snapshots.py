"""What was reviewed: the snapshot a mark keeps of an item, where the stores keep it, and a
session's copy of those it needs (`Kept`). `diff.py` compares a snapshot with what is there now.

A snapshot is a small JSON document of the fields `session.content_hash` covers (a claim's
text, quote, source, seed, date and credibility; a cross-reference's ends, relation and note; a
summary's title, BLUF and text), plus what a reader needs to recognise a claim's source (its
name and reliability). Both backends keep it in a `snapshots` table under the content hash
(`keep`, `read`: the same SQL on both), so marks made before it was kept simply have none, and
a reviewer who marks content someone already marked adds nothing. The first body kept for a
hash stays: a source renamed since is shown as it was then.

Snapshots come back from a review database, which anyone with access can write:
`read_snapshot` takes only an object of strings; anything else is no snapshot.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..model import Brief, Claim, Xref
from .schema import Kind, Mark, MarkKey

SNAPSHOT_VERSION = 1
"""Version of the snapshot document (`{"v": 1, "kind": ..., "fields": {...}}`)."""

FIELDS: dict[Kind, tuple[tuple[str, str], ...]] = {
    "claim": (
        ("text", "Text"),
        ("quote", "Quote"),
        ("source", "Source"),
        ("reliability", "Reliability"),
        ("credibility", "Credibility"),
        ("seed", "Seed"),
        ("date", "Date"),
    ),
    "xref": (("from", "From"), ("rel", "Relation"), ("to", "To"), ("note", "Note")),
    "summary": (("title", "Title"), ("bluf", "BLUF"), ("summary", "Summary")),
}
"""Each kind's snapshot fields, in the order they are shown, with their labels."""

Content = Brief | Claim | Xref
"""What an item is made of: a brief (its summary), a claim or a cross-reference."""


class Contents:
    """A library's items by (brief, kind, item), for snapshots and diffs: each brief is
    indexed the first time one of its items is asked for (a claim's first id wins, as in the
    reader)."""

    def __init__(self, briefs: Iterable[Brief]) -> None:
        self._briefs = {b.id: b for b in briefs if b.ok}
        self._index: dict[str, dict[tuple[Kind, str], Content]] = {}

    def find(self, brief: str, kind: Kind, item: str) -> tuple[Brief, Content] | None:
        """The brief and the content of an item (None when there is no such item)."""
        whole = self._briefs.get(brief)
        if whole is None or kind == "summary":
            return (whole, whole) if whole is not None else None
        index = self._index.get(brief)
        if index is None:
            index = {("xref", x.id): x for x in reversed(whole.xrefs)}
            index.update({("claim", c.id): c for c in reversed(whole.claims)})
            self._index[brief] = index  # two threads may both build it: the same either way
        content = index.get((kind, item))
        return (whole, content) if content is not None else None

    def snapshot(self, brief: str, kind: Kind, item: str) -> str | None:
        """The snapshot of an item as it is now (None when there is no such item)."""
        found = self.find(brief, kind, item)
        return snapshot(kind, found[1], found[0]) if found else None

    def now(self, brief: str, kind: Kind, item: str) -> dict[str, str] | None:
        """An item's snapshot fields as they are now (None when there is no such item)."""
        found = self.find(brief, kind, item)
        return snapshot_fields(kind, found[1], found[0]) if found else None


def snapshot_fields(kind: Kind, content: Brief | Claim | Xref, brief: Brief) -> dict[str, str]:
    """The fields of an item a snapshot keeps, as text (`FIELDS` order)."""
    if kind == "claim" and isinstance(content, Claim):
        source = brief.source(content.source)
        name = source.name if source is not None else ""
        return {
            "text": content.text,
            "quote": content.quote,
            "source": f"{name} ({content.source})" if name else content.source,
            "reliability": source.reliability if source is not None else "",
            "credibility": "" if content.credibility is None else str(content.credibility),
            "seed": content.seed,
            "date": content.date.isoformat() if content.date else "",
        }
    if kind == "xref" and isinstance(content, Xref):
        return {
            "from": str(content.source),
            "rel": str(content.rel),
            "to": str(content.target),
            "note": content.note,
        }
    if kind == "summary" and isinstance(content, Brief):
        return {"title": content.title, "bluf": content.bluf, "summary": content.summary}
    raise ValueError(f"no snapshot of {kind} {type(content).__name__}")


def snapshot(kind: Kind, content: Brief | Claim | Xref, brief: Brief) -> str:
    """What a reviewer is shown of an item, as the JSON document a mark keeps."""
    doc = {"v": SNAPSHOT_VERSION, "kind": kind, "fields": snapshot_fields(kind, content, brief)}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def read_snapshot(body: str) -> dict[str, str] | None:
    """A snapshot's fields, or None when it is not one this brief can read (the database
    may hold anything: a value that is not text is left out)."""
    try:
        doc = json.loads(body)
    except (ValueError, RecursionError):
        return None
    found = doc.get("fields") if isinstance(doc, dict) else None
    if not isinstance(found, dict):
        return None
    return {str(k): v for k, v in found.items() if isinstance(v, str)}


CHUNK = 500
"""Hashes asked for in one statement (SQLite takes a limited number of parameters)."""


def to_keep(content: str, mark_hash: str, snapshots: Mapping[str, str] | None) -> str | None:
    """The snapshot to keep for an item whose content hash is `content`, once its mark is on
    `mark_hash` (None: none): only one of the content the mark is now on."""
    return snapshots.get(content) if snapshots and mark_hash == content else None


def keep(
    db: Any, content: str, mark_hash: str, snapshots: Mapping[str, str] | None, p: str
) -> None:
    """Keep a write's snapshot of one item (`to_keep`), inside the write's transaction. `db`: a
    SQLite connection or a psycopg cursor; `p`: its parameter mark (`?` or `%s`)."""
    body = to_keep(content, mark_hash, snapshots)
    if body is not None:
        db.execute(
            f"INSERT INTO snapshots (hash, body) VALUES ({p}, {p}) ON CONFLICT (hash) DO NOTHING",
            (content, body),
        )


def read(db: Any, hashes: Iterable[str], p: str) -> dict[str, str]:
    """The snapshots kept of `hashes` (those there are), with `db` and `p` as in `keep`."""
    wanted, found = sorted(set(hashes)), dict[str, str]()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        marks = ", ".join([p] * len(chunk))
        rows = db.execute(f"SELECT hash, body FROM snapshots WHERE hash IN ({marks})", chunk)
        found.update((str(h), str(b)) for h, b in rows)
    return found


class Kept:
    """The snapshots a session needs, in memory, by content hash: those its stale marks were
    given for, read when the session is made and after a write (both off the UI thread), so a
    diff drawn on screen never waits on the store."""

    def __init__(self, read: Callable[[Iterable[str]], dict[str, str]]) -> None:
        self._read = read
        self._bodies: dict[str, str] = {}

    def get(self, content_hash: str) -> str | None:
        """The snapshot kept under a content hash, if it was read."""
        return self._bodies.get(content_hash)

    def add(self, bodies: Mapping[str, str]) -> None:
        """Snapshots just written (no need to read them back)."""
        self._bodies.update(bodies)

    def fetch(self, marks: Iterable[Mark], now: Mapping[MarkKey, str]) -> None:
        """Read the snapshots of those `marks` that are stale (their item's hash `now` is
        another) and not read yet."""
        wanted = {
            m.hash
            for m in marks
            if m.reviewed and m.hash not in self._bodies and m.hash != now.get(m.key, m.hash)
        }
        if wanted:
            self._bodies.update(self._read(wanted))
