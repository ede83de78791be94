"""The search query language: words, phrases, negation and qualifiers, parsed into steps.

`parse` turns what the user typed into a `Query` (a list of `Step`s) or raises `QueryError`
with the column of the problem; `tui.search` runs the steps. No Textual or Rich here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .model import RELATIONS
from .text import fold

QUALIFIERS = ("source", "brief", "tag", "rel", "cred", "reliability", "date", "is")
"""Every qualifier the query language knows, in the order the docs list them."""

STATES = ("reviewed", "unreviewed", "flagged", "stale")
"""Values of `is:`."""

_QUOTES = '"\u201c\u201d\u201e'
_QUALIFIER = re.compile(r"([A-Za-z][A-Za-z_]*):")
_CRED = re.compile(r"(<=|>=|<|>|=)?([0-9]+)")
_RELIABILITY = re.compile(r"(<=|>=|<|>|=)?([A-Za-z])")
_DATE = re.compile(r"(<=|>=|<|>|=)?(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


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
