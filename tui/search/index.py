"""The search index: every claim of a library, folded once into polars columns.

The reader re-runs a search on every keystroke over tens of thousands of claims, so the index is
laid out for that: every searched field is folded once (`tui.text.fold`) into the columns of a
polars DataFrame, claims are numbered in their final tie-break order (newest first), and a search
is a chain of vectorised filters over those columns (`tui.search.steps`: substring search,
comparisons, gathers run in polars' Rust code, a few milliseconds for 50,000 claims where a
Python `map` took 10-15).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar, overload

import polars as pl

from ..deferred import peek
from ..model import Brief, Claim, ClaimKey, Library, Source
from ..text import fold, fold_with_map
from .query import Query, ReviewersOf, ReviewerStep, StateStep, StatusOf, parse
from .results import Results
from .steps import SEP, Chain, keep_state

FRAME_EVERY = 4096
"""Claims folded into Python lists before they go into polars: the lists of all 50,000 at once
took ~40 MB more at the peak of a build (issue 12)."""


class SearchIndex:
    """Every claim of a library, folded and laid out for fast searching.

    Build it once per library (`SearchIndex.build`, about a second for 50,000 claims: do it off
    the UI thread) and call `search` as often as wanted. Not thread-safe: it remembers the last
    search to speed up the next, so call it from one thread.
    """

    def __init__(self) -> None:
        """An empty index; use `SearchIndex.build`."""
        self.keys: list[ClaimKey] = []
        """Each claim's key, numbered in tie-break order: newest first, then library order."""
        self.briefs: list[Brief | None] = []
        """Each claim's brief."""
        self.claims: Sequence[Claim] = _ByNumber(self._claim, self.keys)
        """Each claim, looked up by key when read: the index keeps no claim, so a brief's
        claims become objects only when a search shows one of them (issue 12)."""
        self.sources: Sequence[Source | None] = _ByNumber(self._source, self.keys)
        """Each claim's source (None when undeclared), looked up when read."""
        self._lookup: Mapping[ClaimKey, Claim] = {}
        self._chain = Chain(pl.DataFrame())
        self._folded: dict[int, tuple[str, list[int]]] = {}

    def _claim(self, number: int) -> Claim:
        return self._lookup[self.keys[number]]

    def _source(self, number: int) -> Source | None:
        brief = self.briefs[number]
        return brief.source(self._claim(number).source) if brief is not None else None

    @classmethod
    def build(cls, library: Library) -> SearchIndex:
        """Index every claim of a library (claims unreachable by key, e.g. duplicates, left out).

        Each brief's claims and sources are read with `peek`: what is not made yet stays bytes.

        Args:
            library: The loaded library.

        Returns:
            The index.
        """
        index = cls()
        index._lookup = library.claims
        keys: list[ClaimKey] = []
        briefs: list[Brief | None] = []
        cols = _Columns()
        frames: list[pl.DataFrame] = []
        for brief in library.briefs:
            if library.brief(brief.id) is not brief:
                continue  # a clashing id: its claims are not reachable by key
            title = fold(brief.title)
            brief_tags = "".join(SEP + fold(t).lstrip("#") for t in brief.tags)
            brief_q = fold(brief.id) + SEP + title
            brief_day = brief.date.toordinal() if brief.date else 0
            by_source: dict[str, tuple[Source | None, str, str]] = {}
            # The first source with an id, as `Brief.source`.
            sources = {s.id: s for s in reversed(peek(brief.sources))}
            seen: set[str] = set()
            for claim in peek(brief.claims):
                if claim.id in seen:
                    continue  # a duplicate id: only the first is reachable by key
                seen.add(claim.id)
                found = by_source.get(claim.source)
                if found is None:
                    known = sources.get(claim.source)
                    name = fold(known.name) if known else ""
                    role = fold(known.role) if known else ""
                    found = by_source[claim.source] = (
                        known,
                        name + SEP + role,
                        fold(claim.source) + SEP + name,
                    )
                src, who, source_q = found
                tags = [fold(t).lstrip("#") for t in claim.tags]
                fields = (
                    fold(claim.text),
                    fold(claim.quote) + SEP + SEP.join(tags),
                    who,
                    fold(claim.note) + SEP + title,
                )
                end = -1
                ends = []
                for value in fields[:3]:
                    end += len(value) + 1
                    ends.append(end)
                key = ClaimKey(brief.id, claim.id)
                keys.append(key)
                briefs.append(brief)
                cols.ends.append((ends[0], ends[1], ends[2]))
                cols.all.append(SEP.join(fields))
                cols.source.append(source_q)
                cols.brief.append(brief_q)
                # Tags between separators: `tag:x` is then one substring test for `\nx`.
                cols.tags.append("".join(SEP + t for t in tags) + brief_tags + SEP)
                cols.rels.append(frozenset(link.xref.rel for link in library.links_of(key)))
                cols.cred.append(claim.credibility or 0)
                cols.reliability.append(src.reliability if src and src.reliability else "")
                cols.date.append(claim.date.toordinal() if claim.date else brief_day)
                if len(cols.all) == FRAME_EVERY:
                    frames.append(cols.frame())
                    cols = _Columns()
        frames.append(cols.frame())
        frame = pl.concat(frames, rechunk=True) if len(frames) > 1 else frames[0]
        del frames
        # Numbered newest first, then in library order (a stable sort), column by column: the
        # whole frame gathered at once would be a second copy of it at the peak.
        days = frame.get_column("date").to_list()
        numbers = sorted(range(len(days)), key=lambda n: -days[n])
        order = pl.Series(numbers, dtype=pl.UInt32)
        columns: dict[str, pl.Series] = {}
        for name in frame.columns:
            columns[name] = frame.get_column(name).gather(order)
            frame = frame.drop(name)
        index.keys.extend(keys[n] for n in numbers)
        index.briefs.extend(briefs[n] for n in numbers)
        index._chain = Chain(pl.DataFrame(columns))
        return index

    def __len__(self) -> int:
        return len(self.keys)

    def search(
        self,
        query: str | Query,
        status_of: StatusOf | None = None,
        reviewers_of: ReviewersOf | None = None,
    ) -> Results:
        """Find the claims matching a query, ranked.

        Args:
            query: Query text (parsed here) or a parsed `Query`.
            status_of: Review state of a claim, for `is:`; without it every claim is unreviewed.
            reviewers_of: Who marked a claim reviewed, for `by:` and `is:reviewed-by-others`;
                without it nobody did. When `status_of` is a method of an object that also
                has `reviewers_of` (the reader passes `Reviews.status_of`), that one is used.

        Returns:
            The results; rows are ordered lazily, as they are read.

        Raises:
            QueryError: the query text cannot be parsed, or is too long (`MAX_CHARS`,
                `MAX_TERMS`).
        """
        parsed = parse(query) if isinstance(query, str) else query
        found, scores = self._chain.run([s for s in parsed.steps if s.kind not in ("is", "by")])
        if reviewers_of is None:
            owner = getattr(status_of, "__self__", None)
            reviewers_of = getattr(owner, "reviewers_of", None)
        # The same `is:` twice filters once: each is a call per claim found, on every search.
        review_steps = (s for s in parsed.steps if isinstance(s, (StateStep, ReviewerStep)))
        for step in dict.fromkeys(review_steps):
            found, scores = keep_state(step, found, scores, self.keys, status_of, reviewers_of)
        return Results(self, found, scores, parsed.words)

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


class _Columns:
    """Every claim's searched fields, as Python lists while an index is built: the index keeps
    only the polars frame made of them (the lists were ~40 MB more at 50,000 claims)."""

    def __init__(self) -> None:
        # Folded fields joined best first (text, quote and tags, source, note and brief title),
        # and where the first three end in that string.
        self.all: list[str] = []
        self.ends: list[tuple[int, int, int]] = []
        # Qualifier fields.
        self.source: list[str] = []
        self.brief: list[str] = []
        self.tags: list[str] = []
        self.rels: list[frozenset[str]] = []
        self.cred: list[int] = []
        self.reliability: list[str] = []
        self.date: list[int] = []

    def frame(self) -> pl.DataFrame:
        """The columns the searches run over (see `tui.search.steps`)."""
        return pl.DataFrame(
            {
                "all": pl.Series(self.all, dtype=pl.String),
                "e0": pl.Series([e[0] for e in self.ends], dtype=pl.Int32),
                "e1": pl.Series([e[1] for e in self.ends], dtype=pl.Int32),
                "e2": pl.Series([e[2] for e in self.ends], dtype=pl.Int32),
                "source": pl.Series(self.source, dtype=pl.String),
                "brief": pl.Series(self.brief, dtype=pl.String),
                "tags": pl.Series(self.tags, dtype=pl.String),
                "rels": pl.Series(
                    [SEP + SEP.join(sorted(r)) + SEP for r in self.rels], dtype=pl.String
                ),
                "cred": pl.Series(self.cred, dtype=pl.Int8),
                "reliability": pl.Series(self.reliability, dtype=pl.String),
                "date": pl.Series(self.date, dtype=pl.Int32),
            }
        )


T = TypeVar("T")


class _ByNumber(Sequence[T]):
    """Something of each claim of an index, by number, looked up when read."""

    def __init__(self, get: Callable[[int], T], keys: list[ClaimKey]) -> None:
        self._get = get
        self._keys = keys

    @overload
    def __getitem__(self, number: int) -> T: ...

    @overload
    def __getitem__(self, number: slice) -> list[T]: ...

    def __getitem__(self, number: int | slice) -> T | list[T]:
        if isinstance(number, slice):
            return [self._get(n) for n in range(*number.indices(len(self._keys)))]
        if number < 0:
            number += len(self._keys)
        if not 0 <= number < len(self._keys):
            raise IndexError(number)
        return self._get(number)

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[T]:
        return (self._get(n) for n in range(len(self._keys)))
