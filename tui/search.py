"""Searching every claim of a library: a fast in-memory index (the language is `tui.query`).

The reader re-runs a search on every keystroke over tens of thousands of claims, so the index is
laid out for that: every searched field is folded once (`tui.text.fold`) into the columns of a
polars DataFrame, claims are numbered in their final tie-break order (newest first), and a search
is a chain of vectorised filters over those columns (substring search, comparisons, gathers run
in polars' Rust code, a few milliseconds for 50,000 claims where a Python `map` took 10-15).
The chain of the last search is kept: a query that repeats or extends it (one more character typed)
starts from the claims the previous one found. Ranking is lazy: a `Results` orders only as many
rows as are asked for.

This module is core: it imports nothing from Textual or Rich (a test enforces it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import polars as pl

from .model import Brief, Claim, ClaimKey, Library, Source
from .query import QUALIFIERS, STATES, Query, QueryError, Step, parse
from .text import fold, fold_with_map

__all__ = [
    "QUALIFIERS",
    "STATES",
    "Hit",
    "Query",
    "QueryError",
    "Results",
    "SearchIndex",
    "StatusOf",
    "Step",
    "parse",
]

StatusOf = Callable[[ClaimKey], tuple[str, bool]]
"""Review state of a claim: (status, flagged), status "reviewed" | "unreviewed" | "stale"."""

WEIGHTS = (8, 4, 2, 1)
"""Score of a word found in: claim text; quote or tags; source; note or brief title."""

# Fields a word is before the end of (text, quote/tags, source) -> the weight of its field.
_WEIGHTS = pl.Series("s", WEIGHTS, dtype=pl.Int32)
"""Weight of a hit in field 0 (claim text), 1 (quote, tags), 2 (source), 3 (note, title)."""
# Folded text never holds a newline (fold collapses whitespace), so it separates fields safely:
# no word or phrase can match across two of them.
_SEP = "\n"


@dataclass(frozen=True, slots=True)
class Hit:
    """One result row."""

    key: ClaimKey
    """The claim found."""
    score: int
    """Relevance: the sum, over the query's words, of the weights of the fields they hit."""
    spans: tuple[tuple[int, int], ...]
    """Where the query's words occur in the claim's text: (start, end) offsets, sorted."""


@dataclass(frozen=True, slots=True)
class _Link:
    """State after one step of a search, kept so the next search can start from it."""

    step: Step
    """The step that ran."""
    found: pl.Series
    """Claim numbers that passed every step so far, ascending."""
    scores: pl.Series | None
    """Score so far of each claim in `found`, or None while every score is 0."""
    added: pl.Series | None
    """What this step added to `scores` (a word's score), aligned with `found`."""


class SearchIndex:
    """Every claim of a library, folded and laid out for fast searching.

    Build it once per library (`SearchIndex.build`, about a second for 50,000 claims: do it off
    the UI thread) and call `search` as often as wanted. Not thread-safe: it remembers the last
    search to speed up the next, so call it from one thread.
    """

    def __init__(self) -> None:
        """An empty index; use `SearchIndex.build`."""
        self.claims: list[Claim] = []
        """Every claim, numbered in tie-break order: newest first, then library order."""
        self.sources: list[Source | None] = []
        """Each claim's source (None when undeclared)."""
        self.briefs: list[Brief | None] = []
        """Each claim's brief."""
        self.keys: list[ClaimKey] = []
        """Each claim's key."""
        # Folded fields joined best first (text, quote and tags, source, note and brief title),
        # and where the first three end in that string.
        self._all: list[str] = []
        self._ends: list[tuple[int, int, int]] = []
        # Qualifier fields.
        self._source: list[str] = []
        self._brief: list[str] = []
        self._tags: list[str] = []
        self._rels: list[frozenset[str]] = []
        self._cred: list[int] = []
        self._reliability: list[str] = []
        self._date: list[int] = []
        self._chain: list[_Link] = []
        self._df = pl.DataFrame()
        self._every = pl.Series("n", [], dtype=pl.UInt32)
        self._folded: dict[int, tuple[str, list[int]]] = {}

    @classmethod
    def build(cls, library: Library) -> SearchIndex:
        """Index every claim of a library (claims unreachable by key, e.g. duplicates, left out).

        Args:
            library: The loaded library.

        Returns:
            The index.
        """
        index = cls()
        rows: list[tuple[int, int, Claim, Brief]] = []
        for brief in library.briefs:
            for claim in brief.claims:
                if library.claims.get(claim.key) is not claim:
                    continue
                when = claim.date or brief.date
                rows.append((-(when.toordinal() if when else 0), len(rows), claim, brief))
        rows.sort(key=lambda r: (r[0], r[1]))
        by_source: dict[tuple[str, str], tuple[Source | None, str, str]] = {}
        by_brief: dict[str, tuple[str, str, str]] = {}
        for neg_date, _n, claim, brief in rows:
            cached = by_brief.get(brief.id)
            if cached is None:
                title = fold(brief.title)
                brief_tags = "".join(_SEP + fold(t).lstrip("#") for t in brief.tags)
                cached = by_brief[brief.id] = (title, fold(brief.id) + _SEP + title, brief_tags)
            title, brief_q, brief_tags = cached
            found = by_source.get((brief.id, claim.source))
            if found is None:
                src = brief.source(claim.source)
                name = fold(src.name) if src else ""
                role = fold(src.role) if src else ""
                found = by_source[(brief.id, claim.source)] = (
                    src,
                    name + _SEP + role,
                    fold(claim.source) + _SEP + name,
                )
            src, who, source_q = found
            tags = [fold(t).lstrip("#") for t in claim.tags]
            fields = (
                fold(claim.text),
                fold(claim.quote) + _SEP + _SEP.join(tags),
                who,
                fold(claim.note) + _SEP + title,
            )
            end = -1
            ends = []
            for value in fields[:3]:
                end += len(value) + 1
                ends.append(end)
            index._ends.append((ends[0], ends[1], ends[2]))
            index._all.append(_SEP.join(fields))
            index.claims.append(claim)
            index.sources.append(src)
            index.briefs.append(brief)
            index.keys.append(claim.key)
            index._source.append(source_q)
            index._brief.append(brief_q)
            # Tags between separators: `tag:x` is then one substring test for `\nx`.
            index._tags.append("".join(_SEP + t for t in tags) + brief_tags + _SEP)
            index._rels.append(frozenset(link.xref.rel for link in library.links_of(claim.key)))
            index._cred.append(claim.credibility or 0)
            index._reliability.append(src.reliability if src and src.reliability else "")
            index._date.append(-neg_date)
        index._frame()
        return index

    def _frame(self) -> None:
        # The columns the searches run over; the Python lists above stay for rows and spans.
        ends = self._ends
        self._df = pl.DataFrame(
            {
                "all": pl.Series(self._all, dtype=pl.String),
                "e0": pl.Series([e[0] for e in ends], dtype=pl.Int32),
                "e1": pl.Series([e[1] for e in ends], dtype=pl.Int32),
                "e2": pl.Series([e[2] for e in ends], dtype=pl.Int32),
                "source": pl.Series(self._source, dtype=pl.String),
                "brief": pl.Series(self._brief, dtype=pl.String),
                "tags": pl.Series(self._tags, dtype=pl.String),
                "rels": pl.Series(
                    [_SEP + _SEP.join(sorted(r)) + _SEP for r in self._rels], dtype=pl.String
                ),
                "cred": pl.Series(self._cred, dtype=pl.Int8),
                "reliability": pl.Series(self._reliability, dtype=pl.String),
                "date": pl.Series(self._date, dtype=pl.Int32),
            }
        )
        self._every = pl.Series("n", range(len(self.claims)), dtype=pl.UInt32)

    def __len__(self) -> int:
        return len(self.claims)

    def search(self, query: str | Query, status_of: StatusOf | None = None) -> Results:
        """Find the claims matching a query, ranked.

        Args:
            query: Query text (parsed here) or a parsed `Query`.
            status_of: Review state of a claim, for `is:`; without it every claim is unreviewed.

        Returns:
            The results; rows are ordered lazily, as they are read.

        Raises:
            QueryError: the query text cannot be parsed.
        """
        parsed = parse(query) if isinstance(query, str) else query
        steps = [s for s in parsed.steps if s.kind != "is"]
        found, scores = self._run(steps)
        for step in parsed.steps:
            if step.kind == "is":
                found, scores = self._state(step, found, scores, status_of)
        return Results(self, found, scores, parsed.words)

    # -- running steps --------------------------------------------------------------------------

    def _run(self, steps: list[Step]) -> tuple[pl.Series, pl.Series | None]:
        """Run the steps, starting from the longest reusable part of the previous search."""
        old = self._chain
        chain: list[_Link] = []
        found = self._every
        scores: pl.Series | None = None
        for n, step in enumerate(steps):
            if len(chain) == n and n < len(old) and old[n].step == step:
                link = old[n]  # the same beginning as last time: nothing to do
                chain.append(link)
                found, scores = link.found, link.scores
                continue
            if (
                len(chain) == n
                and n < len(old)
                and _narrows(old[n].step, step)
                and len(old[n].found) < len(found)
            ):
                # `kurs` became `kursk`: only claims that matched `kurs` can match `kursk`.
                link = old[n]
                found = link.found
                if link.scores is None or link.added is None:
                    scores = None
                else:
                    scores = link.scores - link.added
            found, scores, added = self._apply(step, found, scores)
            chain.append(_Link(step, found, scores, added))
        self._chain = chain
        return found, scores

    def _column(self, name: str, found: pl.Series) -> pl.Series:
        column = self._df.get_column(name)
        # Every claim found (the first step of a search) needs no gathering.
        return column if len(found) == len(column) else column.gather(found)

    def _apply(
        self, step: Step, found: pl.Series, scores: pl.Series | None
    ) -> tuple[pl.Series, pl.Series | None, pl.Series | None]:
        """One step over the claims found so far: what passes, their scores, this step's part."""
        if found.is_empty():
            return found, scores, None
        if step.kind == "word" and not step.negate:
            return self._word(step.text, found, scores)
        keep = self._mask(step, found)
        if step.negate:
            keep = ~keep
        if keep.all():
            return found, scores, None
        return found.filter(keep), (scores.filter(keep) if scores is not None else None), None

    def _word(
        self, word: str, found: pl.Series, scores: pl.Series | None
    ) -> tuple[pl.Series, pl.Series | None, pl.Series]:
        # One substring search per claim both filters and scores: fields are joined best first,
        # so the first occurrence is in the best field the word hits, and comparing its offset
        # with where each field ends gives that field.
        at = self._column("all", found).str.find(word, literal=True)
        keep = at.is_not_null()
        kept = found.filter(keep)
        if kept.is_empty():
            empty = pl.Series("s", [], dtype=pl.Int32)
            return kept, (empty if scores is not None else None), empty
        at = at.filter(keep)
        field_no = (
            (at > self._column("e0", kept)).cast(pl.UInt32)
            + (at > self._column("e1", kept)).cast(pl.UInt32)
            + (at > self._column("e2", kept)).cast(pl.UInt32)
        )
        part = _WEIGHTS.gather(field_no)
        if scores is None:
            return kept, part, part
        return kept, scores.filter(keep) + part, part

    def _mask(self, step: Step, found: pl.Series) -> pl.Series:
        """For each claim found so far, whether it matches the step (negation not applied)."""
        kind = step.kind
        if kind == "word":
            return self._column("all", found).str.contains(step.text, literal=True)
        if kind in ("source", "brief"):
            return self._column(kind, found).str.contains(step.text, literal=True)
        if kind == "tag":
            return self._column("tags", found).str.contains(_SEP + step.text, literal=True)
        if kind == "rel":
            (rel,) = step.values
            return self._column("rels", found).str.contains(_SEP + rel + _SEP, literal=True)
        if kind == "cred":
            return self._column("cred", found).is_in(list(step.values))
        if kind == "reliability":
            return self._column("reliability", found).is_in(list(step.values))
        if kind == "date":
            # Undated claims are 0, below any `low`: no date condition matches them.
            days = self._column("date", found)
            return (days >= step.low) & (days <= step.high)
        raise AssertionError(f"unhandled step {kind}")  # pragma: no cover - parse() checks

    def _state(
        self,
        step: Step,
        found: pl.Series,
        scores: pl.Series | None,
        status_of: StatusOf | None,
    ) -> tuple[pl.Series, pl.Series | None]:
        """`is:` runs last and is never reused: review marks change between searches."""
        (state,) = step.values
        numbers = found.to_list()
        if status_of is None:
            values = [state == "unreviewed"] * len(numbers)
        else:
            keys = self.keys
            if state == "flagged":
                values = [status_of(keys[i])[1] for i in numbers]
            else:
                values = [status_of(keys[i])[0] == state for i in numbers]
        keep = pl.Series("keep", values, dtype=pl.Boolean)
        if step.negate:
            keep = ~keep
        return found.filter(keep), (scores.filter(keep) if scores is not None else None)

    # -- rows -----------------------------------------------------------------------------------

    def spans(self, number: int, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
        """Where `words` (folded) occur in the text of claim `number`, as offsets in its text.

        Args:
            number: The claim's number in this index.
            words: Folded words or phrases.

        Returns:
            Sorted, non-overlapping (start, end) offsets into the claim's original text.
        """
        if not words:
            return ()
        cached = self._folded.get(number)
        if cached is None:
            if len(self._folded) > 4096:
                self._folded.clear()
            cached = self._folded[number] = fold_with_map(self.claims[number].text)
        folded, where = cached
        found: list[tuple[int, int]] = []
        for word in words:
            at = folded.find(word)
            while at >= 0:
                found.append((where[at], where[at + len(word) - 1] + 1))
                at = folded.find(word, at + 1)
        found.sort()
        merged: list[tuple[int, int]] = []
        for start, end in found:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)


def _narrows(old: Step, new: Step) -> bool:
    """True when every claim matching `new` matches `old` (so `new` can start from `old`'s)."""
    if old.kind != new.kind or old.negate or new.negate:
        return False
    if old.kind in ("word", "source", "brief", "tag"):
        return old.text in new.text
    return False


@dataclass
class Results:
    """Claims matching a query, in rank order: score, then newest, then library order.

    Only the rows asked for are ordered and turned into `Hit`s, so a broad query over a large
    library costs little until someone pages through it.
    """

    index: SearchIndex
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
                self._order_scores = [int(best)] * len(self._order)  # type: ignore[arg-type]
                return
        # Otherwise one stable sort: score down, then claim number (newest first) up.
        ranked = pl.DataFrame({"n": found, "s": scores}).sort(["s", "n"], descending=[True, False])
        self._order = ranked.get_column("n").to_list()
        self._order_scores = ranked.get_column("s").to_list()
        self._sorted = True
