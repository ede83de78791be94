"""Search results and their ranking: score, then newest, then library order, ordered lazily.

A `Results` keeps every matching claim's number and score as polars Series and orders only as
many rows as are asked for, so a broad query over a large library costs little until someone
pages through it. Scores come from the step engine (`tui.search.steps.WEIGHTS`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import polars as pl

from ..model import ClaimKey


@dataclass(frozen=True, slots=True)
class Hit:
    """One result row."""

    key: ClaimKey
    """The claim found."""
    score: int
    """Relevance: the sum, over the query's words, of the weights of the fields they hit."""
    spans: tuple[tuple[int, int], ...]
    """Where the query's words occur in the claim's text: (start, end) offsets, sorted."""


class Searched(Protocol):
    """What results need of the index they come from (`tui.search.SearchIndex` is one)."""

    keys: list[ClaimKey]
    """Each claim's key, by number."""

    def spans(self, number: int, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
        """Where `words` occur in the text of claim `number`."""
        ...


@dataclass
class Results:
    """Claims matching a query, in rank order: score, then newest, then library order.

    Only the rows asked for are ordered and turned into `Hit`s, so a broad query over a large
    library costs little until someone pages through it.
    """

    index: Searched
    """The index searched."""
    found: pl.Series
    """Numbers of every matching claim, ascending (that is newest first)."""
    scores: pl.Series | None
    """Score of each claim in `found`, or None when the query has no words (all 0)."""
    words: tuple[str, ...]
    """The query's folded words and phrases, for highlighting."""
    _order: list[int] = field(default_factory=list, init=False)
    _order_scores: list[int] = field(default_factory=list, init=False)
    _sorted: bool = field(default=False, init=False)

    @property
    def total(self) -> int:
        """How many claims match."""
        return len(self.found)

    def __len__(self) -> int:
        return len(self.found)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.page(0, len(self.found)))

    def __getitem__(self, row: int) -> Hit:
        if not 0 <= row < len(self.found):
            raise IndexError(row)
        return self.page(row, row + 1)[0]

    def number(self, row: int) -> int:
        """The claim number (see `SearchIndex.claims`) of the row at rank `row`."""
        self._rank(row + 1)
        return self._order[row]

    def key(self, row: int) -> ClaimKey:
        """The key of the claim at rank `row`."""
        return self.index.keys[self.number(row)]

    def score(self, row: int) -> int:
        """The score of the claim at rank `row`."""
        self._rank(row + 1)
        return self._order_scores[row] if self.scores is not None else 0

    def page(self, start: int, stop: int) -> list[Hit]:
        """Rows `start` to `stop` (exclusive), as hits with their highlight spans."""
        stop = min(stop, len(self.found))
        if start >= stop:
            return []
        self._rank(stop)
        index, words = self.index, self.words
        return [
            Hit(index.keys[number], self.score(row), index.spans(number, words))
            for row, number in zip(range(start, stop), self._order[start:stop], strict=True)
        ]

    def _rank(self, count: int) -> None:
        """Order at least the first `count` rows."""
        found, scores = self.found, self.scores
        if len(self._order) >= count or self._sorted:
            return
        if scores is None:
            # No words: newest first is the order (only the rows asked for become Python ints).
            self._order = found.head(max(count, 256)).to_list()
            self._sorted = len(self._order) == len(found)
            return
        if not self._order and count <= 256:
            # A screenful: usually every row of the first screen has the best score.
            best = scores.max()
            top = found.filter(scores == best)
            if len(top) >= count:
                self._order = top.head(max(count, 256)).to_list()
                self._order_scores = [_as_int(best)] * len(self._order)
                return
        # Otherwise one stable sort: score down, then claim number (newest first) up.
        ranked = pl.DataFrame({"n": found, "s": scores}).sort(["s", "n"], descending=[True, False])
        self._order = ranked.get_column("n").to_list()
        self._order_scores = ranked.get_column("s").to_list()
        self._sorted = True


def _as_int(value: object) -> int:
    """A score read back from polars (`Series.max` is typed loosely)."""
    if not isinstance(value, int):
        raise TypeError(f"a score is an int, not {value!r}")  # pragma: no cover
    return value
