"""Searching every claim of a library: the query language and a fast in-memory index.

The reader re-runs a search on every keystroke over tens of thousands of claims, so the index is
laid out for that: every searched field is folded once (`tui.text.fold`) into flat lists, claims
are numbered in their final tie-break order (newest first), and a search is a chain of filters
that run as `map`/`compress` pipelines over those lists, at C speed, with no object per claim.
The chain of the last search is kept: a query that repeats or extends it (one more character typed)
starts from the claims the previous one found. Ranking is lazy: a `Results` orders only as many
rows as are asked for.

This module is core: it imports nothing from Textual or Rich (a test enforces it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import compress, repeat
from operator import add, and_, contains, eq, ge, le, not_, sub

from .model import RELATIONS, Brief, Claim, ClaimKey, Library, Source
from .text import fold, fold_with_map

StatusOf = Callable[[ClaimKey], tuple[str, bool]]
"""Review state of a claim: (status, flagged), status "reviewed" | "unreviewed" | "stale"."""

QUALIFIERS = ("source", "brief", "tag", "rel", "cred", "reliability", "date", "is")
"""Every qualifier the query language knows, in the order the docs list them."""

STATES = ("reviewed", "unreviewed", "flagged", "stale")
"""Values of `is:`."""

WEIGHTS = (8, 4, 2, 1)
"""Score of a word found in: claim text; quote or tags; source; note or brief title."""

# Fields a word is before the end of (text, quote/tags, source) -> the weight of its field.
_FIELD_WEIGHT = (WEIGHTS[0], WEIGHTS[1], WEIGHTS[2], WEIGHTS[3])
"""Weight of a hit in field 0 (claim text), 1 (quote, tags), 2 (source), 3 (note, title)."""
_QUOTES = '"\u201c\u201d\u201e'
_QUALIFIER = re.compile(r"([A-Za-z][A-Za-z_]*):")
_CRED = re.compile(r"(<=|>=|<|>|=)?([0-9]+)")
_RELIABILITY = re.compile(r"(<=|>=|<|>|=)?([A-Za-z])")
_DATE = re.compile(r"(<=|>=|<|>|=)?(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# Folded text never holds a newline (fold collapses whitespace), so it separates fields safely:
# no word or phrase can match across two of them.
_SEP = "\n"


class QueryError(ValueError):
    """A query that cannot be understood, with where in the query the problem starts."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        """What is wrong, with an example of what would work."""
        self.position = position
        """0-based offset in the query string."""

    def __str__(self) -> str:
        return f"{self.message} (at column {self.position + 1})"


@dataclass(frozen=True, slots=True)
class Step:
    """One condition of a query: a word or phrase, or a qualifier.

    Steps are hashable and compare by value, which is what lets a search reuse the work of the
    previous one when they share a beginning.
    """

    kind: str
    """`word` (a word or phrase) or a qualifier name from `QUALIFIERS`."""
    negate: bool = False
    """True for `-word` / `-tag:x`: the claims that match are left out."""
    text: str = ""
    """Folded word, phrase or text value (`source:`, `brief:`, `tag:`)."""
    values: frozenset[object] = frozenset()
    """Allowed values for `rel:`, `cred:`, `reliability:` and `is:`."""
    low: int = 1
    """First allowed date ordinal for `date:`."""
    high: int = date.max.toordinal()
    """Last allowed date ordinal for `date:`."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query."""

    steps: tuple[Step, ...]
    """Every condition, in the order written, `is:` ones included."""

    @property
    def words(self) -> tuple[str, ...]:
        """Folded words and phrases that must match (they score and are highlighted)."""
        return tuple(s.text for s in self.steps if s.kind == "word" and not s.negate)


def parse(query: str) -> Query:
    """Parse the query language (docs/search.md).

    Args:
        query: What the user typed.

    Returns:
        The parsed query; an empty one matches every claim.

    Raises:
        QueryError: an unknown qualifier or a value the qualifier cannot use.
    """
    steps: list[Step] = []
    i, n = 0, len(query)
    while i < n:
        if query[i].isspace():
            i += 1
            continue
        start = i
        negate = query[i] == "-"
        if negate:
            i += 1
            if i == n or query[i].isspace():
                continue  # a lone `-` is a word still being typed
        if query[i] in _QUOTES:
            text, i = _quoted(query, i)
            steps.extend(_word(text, negate))
            continue
        qualifier = _QUALIFIER.match(query, i)
        if qualifier is None:
            end = _word_end(query, i)
            steps.extend(_word(query[i:end], negate))
            i = end
            continue
        name = qualifier.group(1).lower()
        if name not in QUALIFIERS:
            raise QueryError(
                f"unknown qualifier `{qualifier.group(1)}:`; known: {', '.join(QUALIFIERS)}"
                ' (quote it to search for the words: "note: x")',
                start,
            )
        at = qualifier.end()
        if at < n and query[at] in _QUOTES:
            value, i = _quoted(query, at)
        else:
            i = _word_end(query, at)
            value = query[at:i]
        steps.append(_qualifier(name, value, negate, at))
    return Query(tuple(steps))


def _word_end(query: str, i: int) -> int:
    n = len(query)
    while i < n and not query[i].isspace():
        i += 1
    return i


def _quoted(query: str, i: int) -> tuple[str, int]:
    """The text inside quotes starting at `i`, and where parsing goes on.

    An unclosed quote runs to the end: while a phrase is being typed it is not an error.
    """
    close = min((p for q in _QUOTES if (p := query.find(q, i + 1)) >= 0), default=len(query))
    return query[i + 1 : close], close + 1


def _word(text: str, negate: bool) -> list[Step]:
    folded = fold(text)
    return [Step("word", negate, folded)] if folded else []


def _qualifier(name: str, value: str, negate: bool, at: int) -> Step:
    """One qualifier's step; `at` is where its value starts, for errors."""
    if name in ("source", "brief", "tag"):
        text = fold(value).lstrip("#") if name == "tag" else fold(value)
        if not text:
            example = {"source": 'source:rutte, source:"Mark Rutte"', "brief": "brief:kursk"}
            raise QueryError(f"{name}: expects a value, e.g. {example.get(name, 'tag:kursk')}", at)
        return Step(name, negate, text)
    if name == "rel":
        rel = _one_of(value.lower(), tuple(RELATIONS))
        if rel is None:
            raise QueryError(
                f"rel: expects one of {', '.join(RELATIONS)}, e.g. rel:contradicts", at
            )
        return Step(name, negate, values=frozenset((rel,)))
    if name == "is":
        state = _one_of(value.lower(), STATES)
        if state is None:
            raise QueryError(f"is: expects one of {', '.join(STATES)}, e.g. is:unreviewed", at)
        return Step(name, negate, values=frozenset((state,)))
    if name == "cred":
        creds = _graded(value, _CRED, [str(g) for g in range(1, 7)])
        if creds is None:
            raise QueryError("cred: expects a number 1-6, e.g. cred:<=3 or cred:1,2", at)
        return Step(name, negate, values=frozenset(int(c) for c in creds))
    if name == "reliability":
        letters = _graded(value.upper(), _RELIABILITY, list("ABCDEF"))
        if letters is None:
            raise QueryError(
                "reliability: expects a letter A-F, e.g. reliability:A, reliability:A,B "
                "or reliability:<=B (B or better)",
                at,
            )
        return Step(name, negate, values=frozenset(letters))
    low, high = _date_range(value, at)
    return Step(name, negate, low=low, high=high)


def _one_of(value: str, choices: Sequence[str]) -> str | None:
    """The choice equal to `value`, or the only one it begins (`rel:contra`)."""
    if value in choices:
        return value
    found = [c for c in choices if value and c.startswith(value)]
    return found[0] if len(found) == 1 else None


def _graded(value: str, pattern: re.Pattern[str], scale: list[str]) -> list[str] | None:
    """Grades allowed by `<=3`, `3`, `1,2` on an ordered scale (first is best); None if invalid."""
    if "," in value:
        parts = value.split(",")
        return parts if parts and all(p in scale for p in parts) else None
    match = pattern.fullmatch(value)
    if match is None or match.group(2) not in scale:
        return None
    op, at = match.group(1) or "=", scale.index(match.group(2))
    return {
        "=": scale[at : at + 1],
        "<": scale[:at],
        "<=": scale[: at + 1],
        ">": scale[at + 1 :],
        ">=": scale[at:],
    }[op]


def _date_range(value: str, at: int) -> tuple[int, int]:
    """First and last date ordinals allowed by `date:>=2024-11-01` (also `2024-11`, `2024`)."""
    error = QueryError(
        "date: expects a date YYYY-MM-DD (or YYYY-MM, YYYY) after an optional <, <=, >, >=, =; "
        "e.g. date:>=2024-11-01",
        at,
    )
    match = _DATE.fullmatch(value)
    if match is None:
        raise error
    op, year, month, day = match.groups()
    try:
        y = int(year)
        if day is not None:
            first = last = date(y, int(month), int(day))
        elif month is not None:
            first = date(y, int(month), 1)
            last = date(y + (first.month == 12), first.month % 12 + 1, 1).toordinal() - 1
            last = date.fromordinal(last)
        else:
            first, last = date(y, 1, 1), date(y, 12, 31)
    except (ValueError, OverflowError):
        raise error from None
    lo, hi = first.toordinal(), last.toordinal()
    end = date.max.toordinal()
    return {
        None: (lo, hi),
        "=": (lo, hi),
        "<": (1, lo - 1),
        "<=": (1, hi),
        ">": (hi + 1, end),
        ">=": (lo, end),
    }[op]


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
    found: list[int]
    """Claim numbers that passed every step so far, ascending."""
    scores: list[int] | None
    """Score so far of each claim in `found`, or None while every score is 0."""
    added: list[int] | None
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
        return index

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

    def _run(self, steps: list[Step]) -> tuple[list[int], list[int] | None]:
        """Run the steps, starting from the longest reusable part of the previous search."""
        old = self._chain
        chain: list[_Link] = []
        found: list[int] = list(range(len(self.claims)))
        scores: list[int] | None = None
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
                    scores = list(map(sub, link.scores, link.added))
            found, scores, added = self._apply(step, found, scores)
            chain.append(_Link(step, found, scores, added))
        self._chain = chain
        return found, scores

    def _apply(
        self, step: Step, found: list[int], scores: list[int] | None
    ) -> tuple[list[int], list[int] | None, list[int] | None]:
        """One step over the claims found so far: what passes, their scores, this step's part."""
        if not found:
            return found, scores, None
        if step.kind == "word" and not step.negate:
            return self._word(step.text, found, scores)
        keep = self._mask(step, found)
        if step.negate:
            keep = list(map(not_, keep))
        kept = list(compress(found, keep))
        if len(kept) == len(found):
            return found, scores, None
        return kept, (list(compress(scores, keep)) if scores is not None else None), None

    def _word(
        self, word: str, found: list[int], scores: list[int] | None
    ) -> tuple[list[int], list[int] | None, list[int]]:
        # One `find` per claim both filters and scores: fields are joined best first, so the
        # first occurrence is in the best field the word hits, and comparing its offset with
        # where each field ends gives that field. No per-claim Python code runs.
        at = list(map(str.find, _pick(self._all, found), repeat(word)))
        keep = list(map(ge, at, repeat(0)))
        kept = list(compress(found, keep))
        if not kept:
            return kept, [] if scores is not None else None, []
        at = list(compress(at, keep))
        # bisect over each claim's three field ends gives the field of the first hit in one
        # C call per claim (0 = claim text ... 3 = note or brief title).
        field = map(bisect_right, _pick(self._ends, kept), at)
        part = list(map(_FIELD_WEIGHT.__getitem__, field))
        if scores is None:
            return kept, part, part
        return kept, list(map(add, compress(scores, keep), part)), part

    def _mask(self, step: Step, found: list[int]) -> list[bool]:
        """For each claim found so far, whether it matches the step (negation not applied)."""
        kind = step.kind
        if kind == "word":
            return list(map(contains, _pick(self._all, found), repeat(step.text)))
        if kind in ("source", "brief"):
            values = self._source if kind == "source" else self._brief
            return list(map(contains, _pick(values, found), repeat(step.text)))
        if kind == "tag":
            return list(map(contains, _pick(self._tags, found), repeat(_SEP + step.text)))
        if kind == "rel":
            (rel,) = step.values
            return list(map(contains, _pick(self._rels, found), repeat(rel)))
        if kind == "cred":
            return list(map(step.values.__contains__, _pick(self._cred, found)))
        if kind == "reliability":
            return list(map(step.values.__contains__, _pick(self._reliability, found)))
        if kind == "date":
            # Undated claims are 0, below any `low`: no date condition matches them.
            days = list(_pick(self._date, found))
            return list(
                map(and_, map(le, repeat(step.low), days), map(le, days, repeat(step.high)))
            )
        raise AssertionError(f"unhandled step {kind}")  # pragma: no cover - parse() checks

    def _state(
        self,
        step: Step,
        found: list[int],
        scores: list[int] | None,
        status_of: StatusOf | None,
    ) -> tuple[list[int], list[int] | None]:
        """`is:` runs last and is never reused: review marks change between searches."""
        (state,) = step.values
        if status_of is None:
            keep = [state == "unreviewed"] * len(found)
        else:
            keys = self.keys
            if state == "flagged":
                keep = [status_of(keys[i])[1] for i in found]
            else:
                keep = [status_of(keys[i])[0] == state for i in found]
        if step.negate:
            keep = [not k for k in keep]
        return list(compress(found, keep)), (
            list(compress(scores, keep)) if scores is not None else None
        )

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


def _pick(values: list[object], found: list[int]) -> Sequence[object] | Iterator[object]:
    # Every claim found (the first step of a search) needs no indexing.
    if len(found) == len(values):
        return values
    return map(values.__getitem__, found)


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
    found: list[int]
    """Numbers of every matching claim, ascending (that is newest first)."""
    scores: list[int] | None
    """Score of each claim in `found`, or None when the query has no words (all 0)."""
    words: tuple[str, ...]
    """The query's folded words and phrases, for highlighting."""
    _order: list[int] = field(default_factory=list, init=False)
    _order_scores: list[int] = field(default_factory=list, init=False)
    _levels: list[int] | None = field(default=None, init=False)

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
        found, scores, order = self.found, self.scores, self._order
        if len(order) >= count or len(order) == len(found):
            return
        if scores is None:
            self._order = found  # no words: newest first is the order
            return
        if count > len(found) // 4:
            # Most rows wanted: one stable sort (equal scores keep their newest-first order).
            ranked = sorted(range(len(found)), key=scores.__getitem__, reverse=True)
            self._order = list(map(found.__getitem__, ranked))
            self._order_scores = list(map(scores.__getitem__, ranked))
            return
        # Few rows wanted (a screenful): take whole score levels, best first, until enough.
        if self._levels is None:
            self._levels = sorted(set(scores), reverse=True)
        while len(order) < count and self._levels:
            level = self._levels.pop(0)
            same = list(map(eq, scores, repeat(level)))
            before = len(order)
            order.extend(compress(found, same))
            self._order_scores.extend(repeat(level, len(order) - before))
