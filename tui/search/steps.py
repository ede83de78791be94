"""The step engine: a query's steps run as vectorised filters over the index's polars columns.

A search is a chain of steps, each keeping the claims that pass it (and, for a word, adding its
score). `Chain` remembers the last search's links so the next one can start from them: a query
that repeats or extends the previous one (one more character typed) redoes little work. A link
is reused only when every step up to it is the same, since what a step finds depends on all the
steps before it; a step that narrows the last one (`kurs` to `kursk`) starts from what that one
found, and only when the steps before it are the same.

The columns `Chain` runs over (built by `tui.search.index`), one row per claim:

- `all`: the folded searched fields joined by `SEP`, best first (claim text; quote and tags;
  source name and role; note and brief title); `e0`, `e1`, `e2`: where the first three end.
- `source`, `brief`: folded source id and name, brief id and title (`SEP` between).
- `tags`, `rels`: folded tags, relation names, each preceded by `SEP` and the last followed by
  it, so `tag:x` is one substring test for `SEP + x`.
- `cred` (0 when ungraded), `reliability` ("" when ungraded), `date` (ordinal, 0 when undated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import polars as pl

from ..model import ClaimKey
from ..text import fold
from .query import ReviewersOf, ReviewStep, StatusOf, Step, TextStep

SEP = "\n"
"""Separates fields in the text columns. Folded text never holds a newline (fold collapses
whitespace), so no word or phrase can match across two fields."""

WEIGHTS = (8, 4, 2, 1)
"""Score of a word found in: claim text; quote or tags; source; note or brief title."""

_WEIGHTS = pl.Series("s", WEIGHTS, dtype=pl.Int32)
"""Weight of a hit in field 0 (claim text), 1 (quote, tags), 2 (source), 3 (note, title)."""

Found: TypeAlias = pl.Series
"""Claim numbers (UInt32), ascending."""
Scores: TypeAlias = pl.Series | None
"""Score (Int32) of each claim of a `Found`, aligned with it; None while every score is 0."""


@dataclass(frozen=True, slots=True)
class _Link:
    """State after one step of a search, kept so the next search can start from it."""

    step: Step
    """The step that ran."""
    found: Found
    """Claim numbers that passed every step so far, ascending."""
    scores: Scores
    """Score so far of each claim in `found`, or None while every score is 0."""
    added: pl.Series | None
    """What this step added to `scores` (a word's score), aligned with `found`."""


class Chain:
    """Runs steps over the columns of an index, starting from the links of the previous run.

    Not thread-safe: it remembers the last run, so call it from one thread.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        """A chain over `frame` (the columns listed in this module's docstring)."""
        self._df = frame
        self._every = pl.Series("n", range(frame.height), dtype=pl.UInt32)
        self._links: list[_Link] = []

    def run(self, steps: Sequence[Step]) -> tuple[Found, Scores]:
        """Run the steps, starting from the longest reusable part of the previous search.

        Args:
            steps: The query's steps, `is:` ones left out (see `keep_state`).

        Returns:
            The claims that pass every step, and their scores.
        """
        old = self._links
        # A link is reused only when every step up to it is the same as last time: what a step
        # found depends on all the steps before it (`russia troops` after `kursk troops` must
        # not reuse what `troops` found among the `kursk` claims).
        same = 0
        while same < min(len(old), len(steps)) and old[same].step == steps[same]:
            same += 1
        chain = old[:same]
        found, scores = (chain[-1].found, chain[-1].scores) if chain else (self._every, None)
        for n in range(same, len(steps)):
            step = steps[n]
            if (
                n == same
                and n < len(old)
                and _narrows(old[n].step, step)
                and len(old[n].found) < len(found)
            ):
                # The same steps before it, and `kurs` became `kursk`: only claims that matched
                # `kurs` can match `kursk`. Its scores are those before `kurs` added its own.
                link = old[n]
                found, scores = link.found, link.scores
                if scores is not None and link.added is not None:
                    scores = scores - link.added
            found, scores, added = self._apply(step, found, scores)
            chain.append(_Link(step, found, scores, added))
        self._links = chain
        return found, scores

    def _column(self, name: str, found: Found) -> pl.Series:
        column = self._df.get_column(name)
        # Every claim found (the first step of a search) needs no gathering.
        return column if len(found) == len(column) else column.gather(found)

    def _apply(
        self, step: Step, found: Found, scores: Scores
    ) -> tuple[Found, Scores, pl.Series | None]:
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

    def _word(self, word: str, found: Found, scores: Scores) -> tuple[Found, Scores, pl.Series]:
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

    def _mask(self, step: Step, found: Found) -> pl.Series:
        """For each claim found so far, whether it matches the step (negation not applied)."""
        if step.kind == "word":
            return self._column("all", found).str.contains(step.text, literal=True)
        if step.kind == "source" or step.kind == "brief":
            return self._column(step.kind, found).str.contains(step.text, literal=True)
        if step.kind == "tag":
            return self._column("tags", found).str.contains(SEP + step.text, literal=True)
        if step.kind == "rel":
            return self._column("rels", found).str.contains(SEP + step.relation + SEP, literal=True)
        if step.kind == "cred":
            return self._column("cred", found).is_in(list(step.values))
        if step.kind == "reliability":
            return self._column("reliability", found).is_in(list(step.values))
        if step.kind == "date":
            # Undated claims are 0, below any `low`: no date condition matches them.
            days = self._column("date", found)
            return (days >= step.low) & (days <= step.high)
        raise AssertionError(f"unhandled step {step.kind}")  # pragma: no cover - parse() checks


def _narrows(old: Step, new: Step) -> bool:
    """True when every claim matching `new` matches `old` (so `new` can start from `old`'s)."""
    if old.kind != new.kind or old.negate or new.negate:
        return False
    if isinstance(old, TextStep) and isinstance(new, TextStep):
        # `tag:x` matches tags that begin with x (`tag:ro` does not match what `tag:tro` does);
        # the others match text that contains it.
        return new.text.startswith(old.text) if old.kind == "tag" else old.text in new.text
    return False


def keep_state(
    step: ReviewStep,
    found: Found,
    scores: Scores,
    keys: Sequence[ClaimKey],
    status_of: StatusOf | None,
    reviewers_of: ReviewersOf | None = None,
) -> tuple[Found, Scores]:
    """Apply an `is:` or `by:` step to what the chain found.

    These run last and are never reused: review marks change between searches (a colleague's
    mark arrives live), so a longer `by:` value is not taken to narrow a shorter one either.

    Args:
        step: The `is:` or `by:` step.
        found: Claim numbers found so far.
        scores: Their scores.
        keys: Each claim's key, by number.
        status_of: Review state of a claim; without it every claim is unreviewed.
        reviewers_of: Who marked a claim reviewed; without it nobody did.

    Returns:
        The claims that pass, and their scores.
    """
    numbers = found.to_list()
    if step.kind == "by" or step.state == "reviewed-by-others":
        values = [_by(step, keys[i], reviewers_of) for i in numbers]
    elif status_of is None:
        values = [step.state == "unreviewed"] * len(numbers)
    elif step.state == "flagged":
        values = [status_of(keys[i])[1] for i in numbers]
    else:
        values = [status_of(keys[i])[0] == step.state for i in numbers]
    keep = pl.Series("keep", values, dtype=pl.Boolean)
    if step.negate:
        keep = ~keep
    return found.filter(keep), (scores.filter(keep) if scores is not None else None)


def _by(step: ReviewStep, key: ClaimKey, reviewers_of: ReviewersOf | None) -> bool:
    """`by:NAME` (someone whose folded name begins with NAME marked it reviewed, me included)
    or `is:reviewed-by-others` (someone other than me did)."""
    if reviewers_of is None:
        return False
    mine, others = reviewers_of(key)
    if step.kind != "by":
        return bool(others)
    names = (mine, *others) if mine is not None else others
    return any(fold(name).startswith(step.name) for name in names)
