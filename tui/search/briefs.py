"""Filtering the library: which briefs match a query (the library's `f` filter, issue 15).

The filter speaks the search language (`tui.search.query`, docs/search.md) with one more
qualifier, `has:`. Its terms are of two kinds:

- **Brief-level** terms are tested on each brief: `tag:` (the brief or one of its claims has a
  tag beginning so, as in search), `date:` (the brief's date), `is:unreviewed` (the brief has
  items left to review), `is:reviewed` (it has items and all are reviewed), `has:contradictions`
  (a claim of it is contradicted or contradicts), `has:problems`, `has:errors`, `has:warnings`.
- **Claim-level** terms (words, phrases, `source:`, `brief:`, `rel:`, `cred:`, `reliability:`,
  the other `is:` states) run once over the claim index the reader already has (`SearchIndex`,
  reused, never rebuilt per keystroke): a brief passes when one of its claims matches them all.
  When they are only words, a brief also passes when its own id, title, BLUF and tags hold them
  all (so typing a title finds a brief without claims too).

A brief is shown when it passes every brief-level term and, if there are claim-level terms, the
claim-level part. An empty filter shows every brief.

Pure Python: no polars (the index is reached through `ClaimIndex`), no Textual or Rich.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, get_args

from ..deferred import peek
from ..model import Brief, ClaimKey, Library
from ..text import fold, one_line
from .query import (
    MAX_CHARS,
    QUALIFIERS,
    DateStep,
    Query,
    QueryError,
    StateStep,
    StatusOf,
    Step,
    TextStep,
    parse,
    terms,
)
from .values import one_of

HasWhat = Literal["contradictions", "problems", "errors", "warnings"]
"""A value of `has:`."""

HAS: tuple[HasWhat, ...] = get_args(HasWhat)
"""Values of `has:`, in the order the docs list them."""

Sort = Literal["date", "title", "progress", "problems"]
"""An order of the library: newest first (the library's own), by title, least reviewed first,
most problems first."""

SORTS: tuple[Sort, ...] = get_args(Sort)
"""The orders the library's `s` cycles through, the first the default."""

BRIEF_STATES = ("reviewed", "unreviewed")
"""`is:` values tested on a brief's items (summary, claims, cross-references); the other states
are tested on its claims."""

_SEP = "\n"


@dataclass(frozen=True, slots=True)
class HasStep:
    """`has:`: the brief has contradictions, problems, errors or warnings."""

    what: HasWhat
    """What the brief must have."""
    negate: bool = False
    """True for `-has:x`: briefs that have it are left out."""
    kind: Literal["has"] = field(default="has", init=False)


BriefStep = TextStep | DateStep | StateStep | HasStep
"""A term tested on each brief."""


@dataclass(frozen=True, slots=True)
class BriefQuery:
    """A parsed library filter."""

    brief_steps: tuple[BriefStep, ...]
    """Terms tested on each brief."""
    claim_query: Query
    """Terms tested on claims (empty: none)."""

    @property
    def empty(self) -> bool:
        """True when the filter has no term at all (every brief passes)."""
        return not self.brief_steps and not self.claim_query.steps


def parse_filter(text: str) -> BriefQuery:
    """Parse a library filter: the search language plus `has:`.

    Args:
        text: What the user typed.

    Returns:
        The filter, its terms split into brief-level and claim-level ones.

    Raises:
        QueryError: an unknown qualifier, a value a qualifier cannot use, or a filter too long
            (with the column of the problem, as in search).
    """
    blanked, has = _take_has(text)
    # `has:` terms were replaced by as many spaces: positions in errors still point into `text`.
    parsed = parse(blanked)
    brief_steps: list[Step] = []
    claim_steps: list[Step] = []
    for step in parsed.steps:
        (brief_steps if _about_brief(step) else claim_steps).append(step)
    mine = [s for s in brief_steps if isinstance(s, (TextStep, DateStep, StateStep))]
    return BriefQuery((*mine, *has), Query(tuple(claim_steps)))


def _about_brief(step: Step) -> bool:
    """Whether a step of the search language is tested on the brief rather than its claims."""
    if isinstance(step, TextStep):
        return step.kind == "tag"
    if isinstance(step, StateStep):
        return step.state in BRIEF_STATES
    return isinstance(step, DateStep)


def _take_has(text: str) -> tuple[str, list[HasStep]]:
    """`text` with its `has:` terms blanked out, and those terms; unknown qualifiers refused here
    so that the error names `has:` among the known ones."""
    if len(text) > MAX_CHARS:
        return text, []  # `parse` refuses it at once
    chars = list(text)
    found: list[HasStep] = []
    for term in terms(text):
        if term.qualifier is None:
            continue
        name = term.qualifier.lower()
        if name == "has":
            what = one_of(term.text.lower(), HAS)
            if what is None:
                raise QueryError(
                    f"has: expects one of {', '.join(HAS)}, e.g. has:problems", term.text_at
                )
            found.append(HasStep(what, negate=term.negate))
            chars[term.start : term.end] = " " * (term.end - term.start)
        elif name not in QUALIFIERS:
            raise QueryError(
                f"unknown qualifier `{term.qualifier}:`; known: "
                f"{', '.join((*QUALIFIERS, 'has'))}"
                ' (quote it to search for the words: "note: x")',
                term.start,
            )
    return "".join(chars), found


class ClaimResults(Protocol):
    """What the filter reads of search results (`tui.search.Results` is one)."""

    @property
    def found(self) -> _Numbers:
        """Numbers of the matching claims."""
        ...


class _Numbers(Protocol):
    def to_list(self) -> list[int]: ...


class ClaimIndex(Protocol):
    """What the filter needs of the claim index (`tui.search.SearchIndex` is one)."""

    briefs: list[Brief | None]
    """Each claim's brief, by claim number."""

    def search(self, query: Query, status_of: StatusOf | None = None) -> ClaimResults:
        """The claims matching a parsed query."""
        ...


Progress = Callable[[str], tuple[int, int]]
"""(reviewed, total) items of a brief, by brief id (`Reviews.progress`)."""


@dataclass(frozen=True, slots=True)
class Filtered:
    """The briefs a filter shows."""

    briefs: tuple[Brief, ...]
    """The matching briefs, in library order."""
    claims: dict[str, int]
    """How many claims of each shown brief matched the claim-level terms, by brief path (empty
    when the filter has none)."""
    by_claims: bool = False
    """True when the filter has claim-level terms (so `claims` says how many matched)."""


@dataclass(frozen=True, slots=True)
class _Facts:
    """What brief-level terms test, folded once per library."""

    tags: str
    """The brief's and its claims' folded tags, each after `_SEP`, the last followed by it."""
    text: str
    """Folded id, title, BLUF and tags, for words."""
    day: int
    """The brief's date as an ordinal (0 when undated)."""
    contradictions: bool
    """A claim of the brief has a `contradicts` cross-reference (either end)."""


class LibraryFilter:
    """Filters the briefs of one library; build one per library and reuse it per keystroke.

    Args:
        library: The loaded library.
        index: Its claim index (built once, off the UI thread), or None: claim-level terms then
            match nothing.
        progress: (reviewed, total) of a brief's items, for `is:reviewed`/`is:unreviewed`
            (None: nothing is reviewed).
        status_of: Review state of a claim, for the other `is:` states.
    """

    def __init__(
        self,
        library: Library,
        index: ClaimIndex | None,
        progress: Progress | None = None,
        status_of: StatusOf | None = None,
    ) -> None:
        self.library = library
        """The library filtered."""
        self.index = index
        """Its claim index."""
        self.progress = progress
        """Review progress of a brief, by id."""
        self.status_of = status_of
        """Review state of a claim."""
        self._facts: dict[str, _Facts] = {}
        self._path_of: list[str] | None = None

    def facts(self, brief: Brief) -> _Facts:
        """What brief-level terms test of a brief (folded on first use, then kept)."""
        got = self._facts.get(brief.path)
        if got is None:
            tags = {fold(t).lstrip("#") for t in brief.tags}
            for claim in peek(brief.claims):  # `warm` reads every brief: make none to keep
                tags.update(fold(t).lstrip("#") for t in claim.tags)
            words = (brief.id, brief.title, brief.bluf, *brief.tags)
            contradicted = self.library.contradicted
            got = self._facts[brief.path] = _Facts(
                tags="".join(_SEP + t for t in sorted(tags)) + _SEP,
                text=_SEP.join(fold(w) for w in words),
                day=brief.date.toordinal() if brief.date else 0,
                contradictions=any(contradicted(ClaimKey(brief.id, c)) for c in brief.claim_ids()),
            )
        return got

    def warm(self) -> None:
        """Fold every brief's facts now (about 0.1 s for 1,000 briefs), so the first filter
        typed does not wait for them. Safe to call from a worker thread: facts are only added,
        and computing one twice gives the same value."""
        for brief in self.library.briefs:
            self.facts(brief)

    def run(self, query: BriefQuery | str) -> Filtered:
        """The briefs a filter shows.

        Args:
            query: A parsed filter, or its text (parsed here).

        Returns:
            The matching briefs, in library order, with their matching claim counts.

        Raises:
            QueryError: the text cannot be parsed.
        """
        parsed = parse_filter(query) if isinstance(query, str) else query
        briefs: Sequence[Brief] = self.library.briefs
        if parsed.empty:
            return Filtered(tuple(briefs), {})
        briefs = [b for b in briefs if all(self._passes(b, s) for s in parsed.brief_steps)]
        counts: dict[str, int] = {}
        steps = parsed.claim_query.steps
        if steps:
            counts = self._claim_counts(parsed.claim_query)
            words_only = all(isinstance(s, TextStep) and s.kind == "word" for s in steps)
            briefs = [
                b for b in briefs if b.path in counts or (words_only and self._words_in(b, steps))
            ]
        shown = {b.path: counts[b.path] for b in briefs if b.path in counts}
        return Filtered(tuple(briefs), shown, bool(steps))

    def _claim_counts(self, query: Query) -> dict[str, int]:
        """How many claims of each brief match the claim-level terms, by brief path."""
        if self.index is None:
            return {}
        if self._path_of is None:
            self._path_of = [b.path if b is not None else "" for b in self.index.briefs]
        path_of = self._path_of
        numbers = self.index.search(query, self.status_of).found.to_list()
        return dict(Counter(path_of[n] for n in numbers))

    def _words_in(self, brief: Brief, steps: Sequence[Step]) -> bool:
        text = self.facts(brief).text
        return all(isinstance(s, TextStep) and (s.text in text) != s.negate for s in steps)

    def _passes(self, brief: Brief, step: BriefStep) -> bool:
        return self._test(brief, step) != step.negate

    def _test(self, brief: Brief, step: BriefStep) -> bool:
        """Whether the brief has what the step asks for (negation not applied)."""
        if isinstance(step, HasStep):
            if step.what == "contradictions":
                return self.facts(brief).contradictions
            if step.what == "errors":
                return brief.errors > 0
            if step.what == "warnings":
                return brief.warnings > 0
            return bool(brief.problems)
        if isinstance(step, DateStep):
            day = self.facts(brief).day
            # Undated briefs are 0, below any `low`: no date condition matches them.
            return step.low <= day <= step.high
        if isinstance(step, StateStep):
            if not brief.ok:
                return False  # a brief that could not be read has nothing to review
            done, total = self.progress(brief.id) if self.progress else (0, 0)
            if step.state == "reviewed":
                return total > 0 and done == total
            return done < total if self.progress else True
        return _SEP + step.text in self.facts(brief).tags


def ordered(briefs: Sequence[Brief], sort: Sort, progress: Progress | None = None) -> list[Brief]:
    """Briefs (in library order) in the order asked for; ties keep library order.

    Args:
        briefs: The briefs, newest first (as `Library.briefs` holds them).
        sort: `date` keeps them so; `title` by title, ignoring case; `progress` least reviewed
            first (the share of items reviewed, then most left to review; briefs with nothing
            to review last); `problems` most errors first, then most warnings.
        progress: (reviewed, total) items of a brief, by id (None: every brief unreviewed).
    """
    if sort == "date":
        return list(briefs)
    if sort == "title":
        return sorted(briefs, key=lambda b: one_line(b.title).casefold())
    if sort == "problems":
        return sorted(briefs, key=lambda b: (-b.errors, -b.warnings))

    def least_reviewed(brief: Brief) -> tuple[float, int]:
        done, total = progress(brief.id) if progress is not None else (0, 1)
        if not brief.ok or not total:
            return (2.0, 0)
        return (done / total, done - total)

    return sorted(briefs, key=least_reviewed)
