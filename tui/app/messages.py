"""Messages posted by workers; handlers on the App change the widgets (workers never do)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from ..marks import Reviews
from ..model import Library

if TYPE_CHECKING:
    from ..search import SearchIndex


class LibraryLoaded(Message):
    """The workspace finished loading (and the review store is open)."""

    def __init__(self, library: Library, reviews: Reviews, index: SearchIndex) -> None:
        super().__init__()
        self.library = library
        """The freshly loaded library."""
        self.reviews = reviews
        """Review marks of the library."""
        self.index = index
        """The search index over every claim."""


class LoadFailed(Message):
    """The workspace could not be loaded at all (its files are listed with problems otherwise)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
        """What went wrong, for the user."""


class LoadProgress(Message):
    """Some files of the workspace have been read."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        """Files read so far."""
        self.total = total
        """Files to read."""
