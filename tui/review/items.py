"""What can be reviewed: a brief's `Item`s (its summary, claims and cross-references) in reading
order, and the hash of the content each mark is given for (`content_hash`: changing it makes the
mark stale)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
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


def _contents(brief: Brief) -> Iterator[tuple[Kind, str, Brief | Claim | Xref]]:
    # The items in reading order, each with what its hash covers.
    yield "summary", SUMMARY_ITEM, brief
    for _, claims in brief.claims_by_source():
        for claim in claims:
            yield "claim", claim.id, claim
    done: set[str] = set()
    for xref in brief.xrefs:
        if xref.id not in done:
            done.add(xref.id)
            yield "xref", xref.id, xref


def brief_items(brief: Brief) -> list[Item]:
    """A brief's reviewable items in the reader's order: the summary, the claims grouped by
    source (in the order sources are declared, undeclared ones last), the cross-references."""
    return [Item(brief.id, k, i, content_hash(k, c)) for k, i, c in _contents(brief)]


class BriefItems(Mapping[str, list[Item]]):
    """Each brief's `brief_items`, by brief id, hashed when a brief is first asked for.

    Hashing every item of a 1,000-brief library (88,000 JSON dumps and SHA-256s) took most of
    a second before the list could show (issue 12); a brief nobody has marked needs no hash to
    show its progress (`count`). Safe to read from several threads: a brief hashed twice at
    once gives the same list.
    """

    def __init__(self, briefs: Iterable[Brief]) -> None:
        self._briefs = {b.id: b for b in briefs if b.ok}  # a clashing id: the last one, as before
        self._items: dict[str, list[Item]] = {}
        self._ids: dict[str, dict[Kind, frozenset[str]]] = {}

    def __getitem__(self, brief: str) -> list[Item]:
        items = self._items.get(brief)
        if items is None:
            items = self._items[brief] = brief_items(self._briefs[brief])
        return items

    def __contains__(self, brief: object) -> bool:
        return brief in self._briefs

    def __iter__(self) -> Iterator[str]:
        return iter(self._briefs)

    def __len__(self) -> int:
        return len(self._briefs)

    def count(self, brief: str, kinds: tuple[Kind, ...], only: set[str] | None = None) -> int:
        """How many items of a brief are of `kinds` (and, optionally, have ids in `only`)."""
        ids = self._ids.get(brief)
        if ids is None:
            # The same items as `brief_items` (each claim and cross-reference id once), in
            # no order: cheaper than grouping the claims by source, for 1,000 rows at once.
            known = self._briefs.get(brief)
            ids = self._ids[brief] = {
                "summary": frozenset([SUMMARY_ITEM] if known is not None else []),
                "claim": frozenset(known.claim_ids()) if known else frozenset(),
                "xref": frozenset(known.xref_ids()) if known else frozenset(),
            }
        return sum(len(ids[k] if only is None else ids[k] & only) for k in kinds)


class ItemHashes(Mapping[MarkKey, str]):
    """The current content hash of every item, by (brief, kind, item): a view of `BriefItems`
    that hashes a brief only when one of its items is looked up."""

    def __init__(self, items: BriefItems) -> None:
        self._items = items
        self._by_brief: dict[str, dict[MarkKey, str]] = {}

    def _of(self, brief: str) -> dict[MarkKey, str]:
        found = self._by_brief.get(brief)
        if found is None:
            found = {i.key: i.hash for i in self._items.get(brief, ())}
            self._by_brief[brief] = found
        return found

    def __getitem__(self, key: MarkKey) -> str:
        return self._of(key[0])[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, tuple) and bool(key) and key in self._of(key[0])

    def __iter__(self) -> Iterator[MarkKey]:
        for brief in self._items:
            yield from self._of(brief)

    def __len__(self) -> int:
        return sum(len(self._of(brief)) for brief in self._items)
