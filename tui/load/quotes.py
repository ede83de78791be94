"""Finding a claim's quote in its seed document, or the passage closest to it.

Costs are bounded by design, whatever the seed (up to 8 MiB) holds:

- The seed is folded in parts of about `PART` characters, cut where folding can start afresh
  (`fold_cut`): memory is the folded text plus two numbers a part, and where a folded character
  comes from is worked out for the part it is in only, when a quote is found there.
- A quote not found is looked for with a few of its n-grams as anchors (`ANCHORS`, each one
  `str.find` pass over the folded seed); the windows where anchors agree are compared with the
  quote by rapidfuzz (`partial_ratio_alignment`). A passage is named only when it is close
  (`MIN_SCORE`): a quote is never attached to very different text.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import accumulate, repeat
from operator import add, sub
from typing import Literal

from rapidfuzz.fuzz import partial_ratio_alignment, ratio

from ..text import fold, fold_chars, fold_cut, squeeze
from .spanmap import SpanMap

PART = 2048
"""Characters of seed text folded at a time (a part ends at the next place it can be cut)."""

PARTS_KEPT = 64
"""Parts whose character map is kept once worked out (a found quote maps two places)."""

NEEDLE = 400
"""Characters of a (folded) quote compared when looking for the closest passage."""

ANCHORS = 8
"""N-grams of a missing quote looked for in the seed: each is one `str.find` pass."""

COMMON = 48
"""An anchor met more often than this says little about where the quote would be."""

WINDOWS = 8
"""Windows of the seed compared with a missing quote (those most anchors point at)."""

MIN_SCORE = 70.0
"""Least rapidfuzz `partial_ratio` (0-100) of the passage named as closest: below it the seed
holds nothing like the quote (unrelated prose scores about 50)."""

SIMILAR = 75.0
"""Least similarity (rapidfuzz `ratio`, 0-100, of the folded quote and the passage) for a quote
not found to be attached to the passage as *changed*; below it the quote is *orphaned*. One word
changed in a sentence of ten scores about 90; a sentence rewritten in other words, under 70."""

GAP = 4
"""Most punctuation and space characters between two words of a quote matched loosely."""

DIFFS = 3
"""Differing stretches of words named in a changed quote's hint."""

WIDEN = 24
"""Characters a closest passage may grow by at each end to take in whole words."""

_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")

QuoteState = Literal["found", "moved", "changed", "orphaned", ""]


@dataclass(frozen=True)
class Anchor:
    """Where a quote stands in its seed, and how well it matches (see `FoldedSeed.anchor`)."""

    state: QuoteState
    """`found` (word for word), `moved` (word for word, but a paragraph break now falls inside
    it), `changed` (a close passage, with edits) or `orphaned` (nothing close enough)."""
    span: tuple[int, int] | None = None
    """Offsets in the seed text of the quote (found, moved) or of the passage (changed)."""
    similarity: int = 100
    """Percent similarity of the quote and the passage (100 when found or moved)."""
    passage: str = ""
    """The closest passage on one line (changed; orphaned when there is one at all)."""
    diff: tuple[tuple[str, str], ...] = ()
    """Changed: each differing stretch of words, as (in the quote, in the seed now)."""


@dataclass(frozen=True)
class _Part:
    """Where the folded characters of one part come from."""

    chars: SpanMap
    """The part's text folded, and where each folded character comes from."""
    words: Sequence[int]
    """Offset in the part's folded text (after any separating space) of each word."""
    raw: Sequence[int]
    """Offset in `chars.folded` of each word."""
    gaps: Sequence[int]
    """Offset in `chars.folded` of the whitespace after each word."""


@dataclass(frozen=True)
class FoldedSeed:
    """A seed's text folded once for every quote searched in it."""

    text: str
    """The original (sanitised) text."""
    folded: str
    """`fold(text)`."""
    cuts: Sequence[int]
    """Offset in `text` where each part starts."""
    starts: Sequence[int]
    """Offset in `folded` where each part's folded text starts (a separating space included)."""
    _parts: dict[int, _Part] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, text: str, part: int = PART) -> FoldedSeed:
        """Fold a seed's text, `part` characters or so at a time."""
        pieces: list[str] = []
        cuts: list[int] = []
        starts: list[int] = []
        length = 0
        space = False  # whitespace met since the last word
        at, n = 0, len(text)
        while at < n:
            stop, reach = n, part
            while at + reach < n:
                cut = fold_cut(text, at + reach)
                if cut is not None:
                    stop = cut
                    break
                reach *= 2  # nowhere to cut (a long run of combining marks): take more
            words, lead, trail = squeeze(fold_chars(text[at:stop]))
            cuts.append(at)
            starts.append(length)
            if words:
                if length and (space or lead):
                    pieces.append(" ")
                    length += 1
                pieces.append(words)
                length += len(words)
                space = trail
            elif lead:  # whitespace only
                space = True
            at = stop
        return cls(text, "".join(pieces), cuts, starts)

    def _part(self, k: int) -> _Part:
        found = self._parts.get(k)
        if found is not None:
            return found
        end = self.cuts[k + 1] if k + 1 < len(self.cuts) else len(self.text)
        chars = SpanMap(self.text[self.cuts[k] : end])
        # Each word's start and end in the part's folded text, and its start once squeezed
        # (each word and one space: the lengths summed), at C speed but for the `span` calls.
        # Kept as arrays of C ints (4 bytes a number, not 36): a build keeps the parts of every
        # seed it has read until it ends (~150 MB of lists at 1,000 briefs).
        spans = [match.span() for match in _WORD.finditer(chars.folded)]
        firsts = array("I", [start for start, _ in spans])
        gaps = array("I", [end for _, end in spans])
        widths = map(add, map(sub, gaps, firsts), repeat(1))
        words = array("I", accumulate(widths, initial=0))[: len(spans)]
        if len(self._parts) >= PARTS_KEPT:
            del self._parts[next(iter(self._parts))]
        found = self._parts[k] = _Part(chars, words, firsts, gaps)
        return found

    def _where(self, at: int, end: bool) -> int:
        """Offset in `text` of folded character `at`: where it starts, or (`end`) just past it."""
        k = bisect_right(self.starts, at) - 1
        cut = self.cuts[k]
        local = at - self.starts[k]
        if self.folded[self.starts[k]] == " ":  # the space that separates it from the part before
            local -= 1
        part = self._part(k)
        if local < 0 or not part.words:
            return cut
        w = bisect_right(part.words, local) - 1
        into = local - part.words[w]
        raw = part.raw[w] + into
        if raw >= part.gaps[w]:  # the space after the word: its run's first whitespace
            return cut + part.chars.start(part.gaps[w])
        return cut + (part.chars.end(raw) if end else part.chars.start(raw))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) range back to the original text."""
        return self._where(start, False), self._where(end - 1, True)

    def find(self, quote: str) -> tuple[int, int] | None:
        """Where the quote stands in the original text, or None when it is not there.

        Matching ignores case, runs of whitespace, invisible characters, typographic quotes and
        Unicode normal forms (`é` matches `e` + a combining acute).
        """
        needle = _needle(quote)
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        return self.span(at, at + len(needle))

    def find_loose(self, quote: str) -> tuple[int, int] | None:
        """Where the quote's words stand in the text, in order, with any punctuation between
        them (up to `GAP` characters: `, ` or `. ` or ` — `).

        Bounded: the quote's longest word is looked for (one `str.find` pass a place), and the
        words are matched only around each of its first `COMMON` places; a word met more often
        than that gives up (the closest-passage search then finds the passage as changed).
        """
        tokens = _TOKEN.findall(_needle(quote))
        if not tokens:
            return None
        k = max(range(len(tokens)), key=lambda i: len(tokens[i]))
        rare = tokens[k]
        folded = self.folded
        hits: list[int] = []
        at = folded.find(rare)
        while at >= 0 and len(hits) <= COMMON:
            hits.append(at)
            at = folded.find(rare, at + 1)
        if not hits or len(hits) > COMMON:
            return None
        pattern = re.compile(rf"\W{{1,{GAP}}}".join(map(re.escape, tokens)))
        before = sum(map(len, tokens[:k])) + GAP * k
        after = sum(map(len, tokens[k + 1 :])) + GAP * (len(tokens) - k - 1)
        for at in hits:
            found = pattern.search(folded, max(0, at - before), at + len(rare) + after)
            if found is not None:
                return self.span(found.start(), found.end())
        return None

    def anchor(self, quote: str) -> Anchor:
        """Anchor a quote in the seed, the way web annotations anchor a text quote.

        Word for word first: after folding (`find`), else ignoring punctuation (`find_loose`);
        either is `found`, or `moved` when a paragraph break of the seed falls inside the match
        and not inside the quote. Else the closest passage (`_closest`, bounded): `changed` when
        it is at least `SIMILAR` percent like the quote, else `orphaned`.
        """
        span = self.find(quote) or self.find_loose(quote)
        if span is not None:
            lo, hi = span
            if _PARAGRAPH.search(self.text, lo, hi) and not _PARAGRAPH.search(quote):
                return Anchor("moved", span)
            return Anchor("found", span)
        needle = _needle(quote)
        short = needle[:NEEDLE].rstrip()
        best = self._closest(short) if short and self.folded else None
        if best is None:
            return Anchor("orphaned", similarity=0)
        start, end = self._best_words(short, *self._words(*best))
        similarity = round(ratio(short, self.folded[start:end]))
        if len(needle) > len(short):  # a long quote: its passage runs on as far again
            end = self._words(start, min(len(self.folded), end + len(needle) - len(short)))[1]
        if start >= end:
            return Anchor("orphaned", similarity=0)
        lo, hi = self.span(start, end)
        passage = " ".join(self.text[lo:hi].split())
        if similarity < SIMILAR:
            return Anchor("orphaned", None, similarity, passage)
        return Anchor("changed", (lo, hi), similarity, passage, _word_diff(quote, passage))

    def _best_words(self, needle: str, start: int, end: int) -> tuple[int, int]:
        """[start, end), or it grown by a word at either end, whichever is most like `needle`
        (an alignment may leave out an edited first or last word)."""
        folded = self.folded
        before = folded.rfind(" ", max(0, start - 1 - WIDEN), max(0, start - 1))
        before = start if start <= 0 or before < 0 else before + 1
        after = folded.find(" ", end + 1, end + 1 + WIDEN)
        after = end if after < 0 else after
        tries = [(s, e) for s in {start, before} for e in {end, after} if s < e]
        return max(tries, key=lambda t: (ratio(needle, folded[t[0] : t[1]]), -(t[1] - t[0])))

    def _words(self, start: int, end: int) -> tuple[int, int]:
        """Folded [start, end) widened to whole words (within reach), without edge spaces."""
        folded = self.folded
        space = folded.rfind(" ", max(0, start - WIDEN), start)
        if space >= 0:
            start = space + 1
        elif start <= WIDEN:
            start = 0
        space = folded.find(" ", end, end + WIDEN)
        if space >= 0:
            end = space
        elif len(folded) - end <= WIDEN:
            end = len(folded)
        return _trim(folded, start, end)

    def closest(self, quote: str, width: int = 90) -> str:
        """The passage of the seed most like the quote, for a 'not found' hint ("" when the seed
        holds nothing close to it)."""
        needle = _needle(quote)[:NEEDLE].rstrip()
        if not needle or not self.folded:
            return ""
        best = self._closest(needle)
        if best is None:
            return ""
        start, end = self._words(*best)
        if start >= end:
            return ""
        lo, hi = self.span(start, end)
        passage = " ".join(self.text[lo:hi].split())
        return passage if len(passage) <= width else passage[: width - 1] + "…"

    def _closest(self, needle: str) -> tuple[int, int] | None:
        """Folded [start, end) of the passage closest to `needle`, if one is close enough."""
        folded = self.folded
        m = len(needle)
        bucket = max(1, m // 2)
        votes: Counter[int] = Counter()
        fallback: list[int] = []
        for offset, gram in _anchors(needle):
            hits: list[int] = []
            at = folded.find(gram)
            while at >= 0 and len(hits) <= COMMON:
                hits.append(at - offset)
                at = folded.find(gram, at + 1)
            if len(hits) > COMMON:
                # Everywhere: the seed repeats itself, so any of these places is as good.
                fallback = fallback or hits[:WINDOWS]
                continue
            for bin_ in {max(0, h) // bucket for h in hits}:
                votes[bin_] += 1
        if votes:
            bins = sorted(votes, key=lambda b: (-votes[b], b))[:WINDOWS]
            places = [b * bucket for b in bins]
        else:
            places = [max(0, h) for h in fallback]
        best: tuple[float, int, int] | None = None
        for place in places:
            lo = max(0, place - m)
            window = folded[lo : place + bucket + 2 * m]
            cutoff = best[0] if best else MIN_SCORE
            found = partial_ratio_alignment(needle, window, score_cutoff=cutoff)
            if found is None or (best is not None and found.score <= best[0]):
                continue
            if len(window) >= m:
                start, end = lo + found.dest_start, lo + found.dest_end
            else:  # the seed is shorter than the quote: all of it
                start, end = lo, lo + len(window)
            best = (found.score, start, end)
        return None if best is None else (best[1], best[2])


def _anchors(needle: str) -> list[tuple[int, str]]:
    """Up to `ANCHORS` n-grams of the needle, spread along it, with their offsets in it."""
    m = len(needle)
    size = min(m, max(4, min(16, m // 4)))
    count = min(ANCHORS, m - size + 1)
    seen: set[str] = set()
    anchors = []
    for i in range(count):
        offset = i * (m - size) // max(1, count - 1)
        gram = needle[offset : offset + size]
        if gram.strip() and gram not in seen:
            seen.add(gram)
            anchors.append((offset, gram))
    return anchors


def _trim(folded: str, start: int, end: int) -> tuple[int, int]:
    while start < end and folded[start] == " ":
        start += 1
    while end > start and folded[end - 1] == " ":
        end -= 1
    return start, end


def _needle(quote: str) -> str:
    # Quotes are often written with their quotation marks; the seed holds only the words.
    return fold(quote).strip("\"' ")


def _word_diff(quote: str, passage: str) -> tuple[tuple[str, str], ...]:
    """Up to `DIFFS` stretches of words that differ, as (in the quote, in the passage).

    Words are compared folded and without their punctuation; they are shown as written.
    """
    was, now = _needle(quote).split(), passage.split()
    was_raw = " ".join(quote.split()).strip("\"' “”‘’").split()
    if len(was_raw) == len(was):  # folding keeps the words apart as written: show those
        was = was_raw

    def key(word: str) -> str:
        return "".join(_TOKEN.findall(fold(word))) or fold(word)

    matcher = SequenceMatcher(None, [key(w) for w in was], [key(w) for w in now], autojunk=False)
    diffs = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            diffs.append((" ".join(was[i1:i2]), " ".join(now[j1:j2])))
    return tuple(diffs[:DIFFS])
