"""What screens and providers may read from the App, as a Protocol: no module imports the App.

The App satisfies it; a screen that needs the loaded library asks for `Reader` instead of
casting `self.app` to the concrete class (which is what tied the modules into a loop).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import Library
from ..review import Reviews

if TYPE_CHECKING:
    from ..search import SearchIndex


@runtime_checkable
class Reader(Protocol):
    """The reader's loaded state (each None until the first load is done)."""

    library: Library | None
    """The loaded library."""
    reviews: Reviews | None
    """Review marks of the library."""
    index: SearchIndex | None
    """Search index over every claim."""
    saved_searches: Mapping[str, str]
    """Saved searches from config.yaml (`searches:`), name -> query, in the file's order: the
    palette offers each as "Search: NAME"; posting `messages.SearchFor(query)` runs one."""


def reader_of(app: object) -> Reader | None:
    """The app as a `Reader`, or None for an app that is not the reader (a test harness)."""
    return app if isinstance(app, Reader) else None
