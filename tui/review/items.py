"""What can be reviewed: a brief's `Item`s (its summary, claims and cross-references) in reading
order, and the hash of the content each mark is given for (`content_hash`: changing it makes the
mark stale)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..digest import Hashed, item_hashes
from ..digest import content_hash as content_hash
from ..model import Brief
from .schema import SUMMARY_ITEM, Kind, MarkKey


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
    source (in the order sources are declared, undeclared ones last), the cross-references.

    Their hashes are the ones the loader kept (`Brief.item_hashes`: no claim is made an object
    for them), or computed now for a brief made without them."""
    hashed = brief.item_hashes if brief.item_hashes is not None else item_hashes(brief)
    return [Item(brief.id, k, i, h) for k, i, h in hashed]


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
        self._hashed: dict[str, tuple[Hashed, ...]] = {}
        self._ids: dict[str, dict[Kind, frozenset[str]]] = {}

    def __getitem__(self, brief: str) -> list[Item]:
        items = self._items.get(brief)
        if items is None:
            items = self._items[brief] = [Item(brief, k, i, h) for k, i, h in self.hashed(brief)]
        return items

    def hashed(self, brief: str) -> Sequence[Hashed]:
        """(kind, item id, content hash) of each item of a brief, in reading order (empty for
        an unknown brief): what `__getitem__` makes `Item`s of, without making them."""
        known = self._briefs.get(brief)
        if known is None:
            return ()
        if known.item_hashes is not None:
            return known.item_hashes
        hashed = self._hashed.get(brief)
        if hashed is None:
            hashed = self._hashed[brief] = item_hashes(known)
        return hashed

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
            found = {(brief, k, i): h for k, i, h in self._items.hashed(brief)}
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
