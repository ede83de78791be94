"""Mappings made the first time they are read.

A library's claims by key and its links are read by the reader once its list is shown, by
searches and exports, and never by `brief check`: making them (~130,000 objects at 1,000
briefs) held up every load before (issue 12).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from ..model import Brief, Claim, ClaimKey

K = TypeVar("K")
V = TypeVar("V")


class LazyMap(Mapping[K, V]):
    """A read-only mapping whose items are made by `make` when first read, once, whichever
    thread reads first (the others wait for it). Equal to any mapping with the same items."""

    def __init__(self, make: Callable[[], dict[K, V]], what: str = "items") -> None:
        self._make: Callable[[], dict[K, V]] | None = make
        self._made: dict[K, V] | None = None
        self._lock = threading.Lock()
        self._what = what

    @property
    def made(self) -> dict[K, V]:
        """The items (made now if they were not yet)."""
        made = self._made
        if made is not None:
            return made
        with self._lock:
            if self._made is None:
                assert self._make is not None
                self._made = self._make()
                self._make = None  # what they were made from can go
            return self._made

    def __getitem__(self, key: K) -> V:
        return self.made[key]

    def get(self, key: K, default: Any = None) -> Any:
        """The value of `key`, or `default` when there is none."""
        return self.made.get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self.made

    def __iter__(self) -> Iterator[K]:
        return iter(self.made)

    def __len__(self) -> int:
        return len(self.made)

    def __repr__(self) -> str:
        if self._made is None:
            return f"LazyMap({self._what}, not made yet)"
        return f"LazyMap({len(self._made)} {self._what})"


class ClaimsByKey(Mapping[ClaimKey, Claim]):
    """Every reachable claim of a library by key, made from each brief's claim ids: a claim is
    read (and its brief's claims made, `Deferred`) only when looked up. The first claim with a
    key is the one reachable by it (a duplicate id is reported)."""

    def __init__(self, owned: Sequence[Brief]) -> None:
        self._where = LazyMap(lambda: _where(owned), "claims")

    def __getitem__(self, key: ClaimKey) -> Claim:
        return _claim_of(self._where[key], key)

    def get(self, key: ClaimKey, default: Any = None) -> Any:
        """The claim with this key, or `default` when there is none."""
        brief = self._where.get(key)
        return default if brief is None else _claim_of(brief, key)

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[ClaimKey]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __repr__(self) -> str:
        return f"ClaimsByKey({self._where!r})"


def _claim_of(brief: Brief, key: ClaimKey) -> Claim:
    return brief.claims[brief.claim_ids().index(key.claim)]


def _where(owned: Sequence[Brief]) -> dict[ClaimKey, Brief]:
    where: dict[ClaimKey, Brief] = {}
    for brief in owned:
        bid = brief.id
        for claim_id in brief.claim_ids():
            where.setdefault(ClaimKey(bid, claim_id), brief)
    return where
