"""`SpanMap`: where each character of a folded text comes from, kept as stretches (ASCII runs
map one to one), for finding a quote's passage in a seed without a number per character."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..text import fold_chars, fold_cut, fold_map

_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


class SpanMap:
    """Where each character of `fold_chars(text)` comes from in `text`, as `text.fold_map` says,
    kept as stretches: a run of ASCII characters is one entry (each folds to one character, in
    place), a non-ASCII cluster one entry each. Seeds are mostly ASCII: a part of 2,048
    characters takes a few dozen entries, not three lists of 2,048 numbers (1 GB over 1,000
    seeds), and is built at C speed but for its few non-ASCII clusters.
    """

    __slots__ = ("at", "ends", "folded", "starts")

    def __init__(self, text: str) -> None:
        self.folded: str
        """`fold_chars(text)`."""
        self.at: list[int] = []
        """Offset in `folded` where each stretch starts, increasing."""
        self.starts: list[int] = []
        """Offset in the text where each stretch starts."""
        self.ends: list[int] = []
        """A cluster: offset in the text just past its last visible character; -1: an ASCII
        run, whose characters map one to one."""
        pieces: list[str] = []
        size = i = 0
        for match in _NOT_ASCII.finditer(text):
            lo, hi = match.span()
            if lo > i and fold_cut(text, lo, 1) is None:
                lo -= 1  # the ASCII letter before a combining mark starts its cluster
            if lo > i:
                size = self._run(pieces, text, i, lo, size)
            # A non-ASCII stretch runs to an ASCII character, where a cluster always ends.
            mapped = fold_map(text[lo:hi])
            pieces.append(mapped.folded)
            self.at.extend(size + a for a in mapped.at)
            self.starts.extend(lo + s for s in mapped.starts)
            self.ends.extend(lo + e for e in mapped.ends)
            size += len(mapped.folded)
            i = hi
        if i < len(text):
            self._run(pieces, text, i, len(text), size)
        self.folded = "".join(pieces)

    def _run(self, pieces: list[str], text: str, lo: int, hi: int, size: int) -> int:
        pieces.append(fold_chars(text[lo:hi]))  # ASCII: one character each, in place
        self.at.append(size)
        self.starts.append(lo)
        self.ends.append(-1)
        return size + hi - lo

    def start(self, i: int) -> int:
        """Where in the text folded character `i` starts."""
        k = bisect_right(self.at, i) - 1
        return self.starts[k] + i - self.at[k] if self.ends[k] < 0 else self.starts[k]

    def end(self, i: int) -> int:
        """Where in the text folded character `i` ends."""
        k = bisect_right(self.at, i) - 1
        return self.starts[k] + i - self.at[k] + 1 if self.ends[k] < 0 else self.ends[k]
