"""The search query language: words, phrases, negation and qualifiers, parsed into steps.

`parse` turns what the user typed into a `Query` (a tuple of `Step`s) or raises `QueryError`
with the column of the problem; `tui.search.steps` runs the steps. Pure Python: no polars, no
Textual or Rich, so the language can be imported (and queries checked) cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from ..model import RELATIONS, ClaimKey, Relation
from ..text import fold
from .values import FIRST_DAY, LAST_DAY, date_range, graded, one_of

Qualifier = Literal["source", "brief", "tag", "rel", "cred", "reliability", "date", "is", "by"]
"""A qualifier's name, as typed before the colon."""
TextKind = Literal["word", "source", "brief", "tag"]
"""Steps that look for folded text: a word or phrase, or a text qualifier."""
State = Literal["reviewed", "unreviewed", "flagged", "stale", "reviewed-by-others"]
"""A value of `is:`."""
Credibility = Literal[1, 2, 3, 4, 5, 6]
"""An Admiralty credibility grade, best first."""
Reliability = Literal["A", "B", "C", "D", "E", "F"]
"""An Admiralty reliability grade, best first."""

QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)
"""Every qualifier the query language knows, in the order the docs list them."""

STATES: tuple[State, ...] = get_args(State)
"""Values of `is:`."""

MAX_CHARS = 10_000
"""The longest query, in characters: room for a pasted paragraph, and a paste of a whole file
is refused at once instead of being parsed."""

MAX_TERMS = 64
"""The most terms (words, phrases, qualifiers) in a query. Each is one pass over the claims, so
this bounds a search (64 passes over 50,000 claims: about 0.2 s)."""

StatusOf = Callable[[ClaimKey], tuple[str, bool]]
"""Review state of a claim, for `is:`: (status, flagged), status "reviewed" | "unreviewed" |
"stale"."""

ReviewersOf = Callable[[ClaimKey], tuple[str | None, tuple[str, ...]]]
"""Who marked a claim reviewed, for `by:` and `is:reviewed-by-others`: my name when I did (else
None), and the other reviewers' names (`tui.review.Reviews.reviewers_of`)."""

_QUOTES = '"\u201c\u201d\u201e'
_QUALIFIER = re.compile(r"([A-Za-z][A-Za-z_]*):")
_CRED = re.compile(r"(<=|>=|<|>|=)?([0-9]+)")
_RELIABILITY = re.compile(r"(<=|>=|<|>|=)?([A-Za-z])")
_CRED_SCALE: Mapping[str, Credibility] = {str(g): g for g in get_args(Credibility)}
_RELIABILITY_SCALE: Mapping[str, Reliability] = {g: g for g in get_args(Reliability)}


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


# Steps are hashable and compare by value (their class included), which is what lets a search
# reuse the work of the previous one when they share a beginning. `kind` tells them apart, for
# the type checker too: `if step.kind == "date":` narrows `Step` to `DateStep`.


@dataclass(frozen=True, slots=True)
class TextStep:
    """A word or phrase (`word`), or `source:`, `brief:`, `tag:` with its value."""

    kind: TextKind
    """`word`, or the qualifier."""
    text: str
    """Folded word, phrase or value (a tag without its `#`)."""
    negate: bool = False
    """True for `-word` / `-tag:x`: the claims that match are left out."""


@dataclass(frozen=True, slots=True)
class RelStep:
    """`rel:`: has a cross-reference of that relation, in either direction."""

    relation: Relation
    """The relation asked for."""
    negate: bool = False
    kind: Literal["rel"] = field(default="rel", init=False)


@dataclass(frozen=True, slots=True)
class CredStep:
    """`cred:`: one of these credibility grades."""

    values: frozenset[Credibility]
    negate: bool = False
    kind: Literal["cred"] = field(default="cred", init=False)


@dataclass(frozen=True, slots=True)
class ReliabilityStep:
    """`reliability:`: its source has one of these reliability grades."""

    values: frozenset[Reliability]
    negate: bool = False
    kind: Literal["reliability"] = field(default="reliability", init=False)


@dataclass(frozen=True, slots=True)
class DateStep:
    """`date:`: dated within `low`..`high`, as date ordinals (both included)."""

    low: int = FIRST_DAY
    high: int = LAST_DAY
    negate: bool = False
    kind: Literal["date"] = field(default="date", init=False)


@dataclass(frozen=True, slots=True)
class StateStep:
    """`is:`: has that review state."""

    state: State
    negate: bool = False
    kind: Literal["is"] = field(default="is", init=False)


@dataclass(frozen=True, slots=True)
class ReviewerStep:
    """`by:`: marked reviewed by a reviewer whose name begins with `name` (folded)."""

    name: str
    """Folded beginning of the reviewer's name."""
    negate: bool = False
    kind: Literal["by"] = field(default="by", init=False)


ReviewStep = StateStep | ReviewerStep
"""A step on the review marks (`is:`, `by:`): run after the others, never reused (marks change
between searches)."""

Step = TextStep | RelStep | CredStep | ReliabilityStep | DateStep | StateStep | ReviewerStep
"""One condition of a query."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query."""

    steps: tuple[Step, ...]
    """Every condition, in the order written, `is:` ones included."""

    @property
    def words(self) -> tuple[str, ...]:
        """Folded words and phrases that must match (they score and are highlighted)."""
        return tuple(
            s.text
            for s in self.steps
            if isinstance(s, TextStep) and s.kind == "word" and not s.negate
        )


def parse(query: str) -> Query:
    """Parse the query language (docs/search.md).

    Args:
        query: What the user typed.

    Returns:
        The parsed query; an empty one matches every claim.

    Raises:
        QueryError: an unknown qualifier, a value the qualifier cannot use, or a query longer
            than `MAX_CHARS` characters or `MAX_TERMS` terms.
    """
    if len(query) > MAX_CHARS:
        # Checked first, so a huge paste costs nothing to refuse.
        raise QueryError(f"query too long: at most {MAX_CHARS:,} characters", MAX_CHARS)
    steps: list[Step] = []
    for term in terms(query):
        if term.qualifier is None:
            steps.extend(_word(term.text, term.negate))
        else:
            name = next((q for q in QUALIFIERS if q == term.qualifier.lower()), None)
            if name is None:
                raise QueryError(
                    f"unknown qualifier `{term.qualifier}:`; known: {', '.join(QUALIFIERS)}"
                    ' (quote it to search for the words: "note: x")',
                    term.start,
                )
            steps.append(_qualifier(name, term.text, term.negate, term.text_at))
        if len(steps) > MAX_TERMS:
            raise QueryError(
                f"query too long: at most {MAX_TERMS} terms (words, phrases and qualifiers)",
                term.start,
            )
    return Query(tuple(steps))


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a query as written, before what it means is read (`terms`)."""

    start: int
    """Where it starts, its `-` included."""
    end: int
    """Where it ends (a closing quote included)."""
    negate: bool
    """Written with a leading `-`."""
    qualifier: str | None
    """The name before the `:` as typed; None for a word or a phrase."""
    text: str
    """The word, the phrase inside its quotes, or the qualifier's value (unquoted)."""
    text_at: int
    """Where the word, phrase or value starts (its opening quote), for errors."""


def terms(query: str) -> Iterator[Term]:
    """The terms of a query, in order: the one way of splitting the language, which `parse`
    and the library filter (`tui.search.briefs`) share. A lone `-` is skipped (a word still
    being typed); so is an unclosed quote's missing end: the phrase runs to the end."""
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
                continue
        at = i
        qualifier = None
        if query[i] in _QUOTES:
            text, i = _quoted(query, i)
        elif (match := _QUALIFIER.match(query, i)) is None:
            i = _word_end(query, i)
            text = query[at:i]
        else:
            qualifier, at = match.group(1), match.end()
            if at < n and query[at] in _QUOTES:
                text, i = _quoted(query, at)
            else:
                i = _word_end(query, at)
                text = query[at:i]
        yield Term(start, min(i, n), negate, qualifier, text, at)


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
    return [TextStep("word", folded, negate)] if folded else []


def _qualifier(name: Qualifier, value: str, negate: bool, at: int) -> Step:
    """One qualifier's step; `at` is where its value starts, for errors."""
    if name in ("source", "brief", "tag"):
        text = fold(value).lstrip("#") if name == "tag" else fold(value)
        if not text:
            example = {"source": 'source:rutte, source:"Mark Rutte"', "brief": "brief:kursk"}
            raise QueryError(f"{name}: expects a value, e.g. {example.get(name, 'tag:kursk')}", at)
        return TextStep(name, text, negate)
    if name == "rel":
        rel = one_of(value.lower(), tuple(RELATIONS))
        if rel is None:
            raise QueryError(
                f"rel: expects one of {', '.join(RELATIONS)}, e.g. rel:contradicts", at
            )
        return RelStep(rel, negate)
    if name == "is":
        state = one_of(value.lower(), STATES)
        if state is None:
            raise QueryError(f"is: expects one of {', '.join(STATES)}, e.g. is:unreviewed", at)
        return StateStep(state, negate)
    if name == "by":
        who = fold(value)
        if not who:
            raise QueryError("by: expects a reviewer's name (or its beginning), e.g. by:ana", at)
        return ReviewerStep(who, negate)
    if name == "cred":
        creds = graded(value, _CRED, _CRED_SCALE)
        if creds is None:
            raise QueryError("cred: expects a number 1-6, e.g. cred:<=3 or cred:1,2", at)
        return CredStep(frozenset(creds), negate)
    if name == "reliability":
        letters = graded(value.upper(), _RELIABILITY, _RELIABILITY_SCALE)
        if letters is None:
            raise QueryError(
                "reliability: expects a letter A-F, e.g. reliability:A, reliability:A,B "
                "or reliability:<=B (B or better)",
                at,
            )
        return ReliabilityStep(frozenset(letters), negate)
    days = date_range(value)
    if days is None:
        raise QueryError(
            "date: expects a date YYYY-MM-DD (or YYYY-MM, YYYY) after an optional <, <=, >, >=, "
            "=; e.g. date:>=2024-11-01",
            at,
        )
    return DateStep(days[0], days[1], negate)
