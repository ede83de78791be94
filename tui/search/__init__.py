"""Searching every claim of a library: the query language, the index, the step engine, results.

What lives where:

- `tui.search.query`: the query language (docs/search.md). `parse` turns text into a `Query` of
  typed steps (`TextStep`, `RelStep`, `CredStep`, `ReliabilityStep`, `DateStep`, `StateStep`,
  `ReviewerStep`)
  or raises `QueryError` with the column of the problem; `tui.search.values` reads the values of
  `rel:`, `cred:`, `reliability:`, `date:`. `MAX_CHARS` and `MAX_TERMS` bound a query, so
  a search stays short whatever is pasted. Pure Python.
- `tui.search.index`: `SearchIndex`, every claim folded once into polars columns; `search`
  parses, runs the steps and returns `Results`; `spans` finds the words to highlight.
- `tui.search.steps`: the step engine. `Chain` runs steps as vectorised filters and keeps the
  last search's links, so typing one more character redoes little work; `keep_state` applies
  `is:` and `by:` (never cached: review marks change between searches).
- `tui.search.results`: `Results` and `Hit`, ranked lazily (score, newest, library order).

The names below are the ones the reader and the command line use. Importing this package does
not import polars: the language part loads at once, `SearchIndex`, `Results` and `Hit` (and
with them polars) on first use, so the reader can build its index off its first frame.

This package is core: it imports nothing from Textual, Rich or the UI (a test enforces it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .query import (
    MAX_CHARS,
    MAX_TERMS,
    QUALIFIERS,
    STATES,
    Query,
    QueryError,
    ReviewersOf,
    StatusOf,
    Step,
    parse,
)

if TYPE_CHECKING:
    from .index import SearchIndex
    from .results import Hit, Results

__all__ = [
    "MAX_CHARS",
    "MAX_TERMS",
    "QUALIFIERS",
    "STATES",
    "Hit",
    "Query",
    "QueryError",
    "Results",
    "ReviewersOf",
    "SearchIndex",
    "StatusOf",
    "Step",
    "parse",
]

_LAZY = {"SearchIndex": ".index", "Results": ".results", "Hit": ".results"}
"""Names that need polars, and the module each comes from."""


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
