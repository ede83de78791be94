"""Finding a claim's quote in its seed document, or the passage closest to it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..text import fold, fold_with_map


@dataclass(frozen=True)
class FoldedSeed:
    """A seed's text folded once for every quote searched in it."""

    text: str
    """The original (sanitised) text."""
    folded: str
    """`fold(text)`."""
    where: list[int]
    """Offset in `text` of each character of `folded`."""

    @classmethod
    def of(cls, text: str) -> FoldedSeed:
        """Fold a seed's text."""
        folded, where = fold_with_map(text)
        return cls(text, folded, where)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) range back to the original text."""
        return self.where[start], self.where[end - 1] + 1

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where the quote stands in the original text, or None when it is not there.

        Matching ignores case, runs of whitespace, invisible characters and typographic quotes.
        """
        needle = _needle(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        return self.span(at, at + len(needle))

    def closest(self, quote: str, width: int = 90) -> str:
        """The passage of the seed most like the quote, for a 'not found' hint."""
        needle = _needle(quote)
        if not needle or not self.folded:
            return ""
        matcher = difflib.SequenceMatcher(None, self.folded, needle, autojunk=False)
        match = matcher.find_longest_match(0, len(self.folded), 0, len(needle))
        if match.size == 0:
            return ""
        start = max(0, match.a - match.b)
        end = min(len(self.folded), start + len(needle))
        # Widen to whole words so the hint reads naturally.
        while start > 0 and self.folded[start - 1] != " ":
            start -= 1
        while end < len(self.folded) and self.folded[end] != " ":
            end += 1
        lo, hi = self.span(start, end)
        passage = " ".join(self.text[lo:hi].split())
        return passage if len(passage) <= width else passage[: width - 1] + "…"


def _needle(quote: str) -> str:
    # Quotes are often written with their quotation marks; the seed holds only the words.
    return fold(quote).strip("\"' ")
