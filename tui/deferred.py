"""Items of a brief kept as bytes until something reads them (issue 12).

Every brief a load reads (from its file, the parse cache or a load worker) keeps its seeds,
sources, claims and cross-references as the bytes of their plain data (`tui.load.cache`): the
library list needs only each brief's head (title, date, counts, ids), and making 50,000 claims,
5,000 seeds and their texts into objects took most of a warm load's time and of the library's
memory. They become objects the first time they are read (a brief opened, previewed,
exported), once, whichever thread reads first; readers that go over every brief once (the
search index) `peek` instead, and what they made is dropped after use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")

_lock = threading.Lock()
"""One for all: making a brief's items takes well under a millisecond, and two threads reading
the same brief must get the very same objects (the library's claims are compared by identity)."""


class Deferred(Sequence[T]):
    """A read-only sequence made from `data` by `make` when first read; equal to the tuple of
    its items (and hashed as it)."""

    __slots__ = ("_data", "_items", "_make", "_size", "head", "more")

    def __init__(
        self,
        data: bytes,
        make: Callable[[bytes], tuple[T, ...]],
        head: tuple[str, ...],
        more: tuple[str, ...] = (),
        size: int | None = None,
    ):
        self._data: bytes | None = data
        self._make: Callable[[bytes], tuple[T, ...]] | None = make
        self._items: tuple[T, ...] | None = None
        self.head = head
        """One string per item, readable without making the items: the ids of claims, sources
        and cross-references, the paths of seeds (what loading, watching and review progress
        need); empty when nothing needs them, with `size` saying how many items there are."""
        self.more = more
        """Further strings about the items, readable without making them: for cross-references,
        the brief and claim of each end, four per item (what the checks across briefs need)."""
        self._size = len(head) if size is None else size

    @property
    def made(self) -> bool:
        """Whether the items are objects yet."""
        return self._items is not None

    def items(self) -> tuple[T, ...]:
        """The items, made now if they were not yet (the bytes are then dropped)."""
        items = self._items
        if items is not None:
            return items
        with _lock:
            if self._items is None:
                assert self._make is not None and self._data is not None
                self._items = self._make(self._data)
                self._make = self._data = None
            return self._items

    def peek(self) -> tuple[T, ...]:
        """The items without keeping them: made afresh from the bytes each time (not the
        objects `items` gives) until something makes them for good."""
        items = self._items
        if items is not None:
            return items
        make, data = self._make, self._data
        if make is None or data is None:  # made by another thread meanwhile
            return self.items()
        return make(data)

    def data(self) -> bytes | None:
        """The bytes the items are made from, while they are not made yet."""
        return self._data if self._items is None else None

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items()[index]

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[T]:
        return iter(self.items())

    def __bool__(self) -> bool:
        return self._size > 0

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Deferred):
            return self.items() == other.items()
        if isinstance(other, tuple):
            return self.items() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.items())

    def __repr__(self) -> str:
        if self._items is None:
            return f"Deferred({self._size} items, not made yet)"
        return repr(self._items)


def peek(items: Sequence[T]) -> Sequence[T]:
    """`items` as they are, or made afresh and not kept when they are `Deferred`."""
    return items.peek() if isinstance(items, Deferred) else items


def head(items: Sequence[Any], of: Callable[[Any], str]) -> tuple[str, ...]:
    """One string per item (`of` of each), without making `Deferred` items."""
    if isinstance(items, Deferred):
        return items.head
    return tuple(of(item) for item in items)
