"""Messages the App handles: results of workers, and requests from screens.

Workers post messages and handlers change the widgets (workers never do); screens ask the App
for navigation by posting a message instead of calling it, so no screen imports the App.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.message import Message

from ..history import Pane
from ..model import Brief, ClaimKey, Library
from ..review import Item, Reviews

if TYPE_CHECKING:
    from ..load.changes import Changes
    from ..search import SearchIndex


class LibraryLoaded(Message):
    """The workspace finished loading (and the review store is open)."""

    def __init__(
        self,
        library: Library,
        reviews: Reviews,
        index: SearchIndex | None,
        stand_ins: frozenset[str] = frozenset(),
        build: int = 0,
    ) -> None:
        super().__init__()
        self.library = library
        """The freshly loaded library."""
        self.reviews = reviews
        """Review marks of the library."""
        self.index = index
        """The search index over every claim; None on a reload (`IndexBuilt` follows: the
        previous index serves meanwhile)."""
        self.stand_ins = stand_ins
        """Files that no longer read as briefs, shown as they last read (live reload)."""
        self.build = build
        """The build's number (`Reloader.build`): an older one than the library shown is
        dropped."""


class IndexBuilt(Message):
    """The search index of a reloaded library is ready (it is built after the library is shown:
    over 50,000 claims it takes longer than the rest of a reload)."""

    def __init__(self, index: SearchIndex, build: int) -> None:
        super().__init__()
        self.index = index
        """The index."""
        self.build = build
        """The build of the library it indexes (`LibraryLoaded.build`)."""


class WorkspaceChanged(Message):
    """Files of the workspace changed on disk (posted by the watcher's thread)."""

    def __init__(self, changes: Changes) -> None:
        super().__init__()
        self.changes = changes
        """What changed."""


class WatchFailed(Message):
    """Watching the workspace stopped on an error: the reader goes on without live reload."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason
        """What went wrong, for the user."""


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


class BriefsListed(Message):
    """Some briefs have been read (checked alone, not yet across briefs): list them already."""

    def __init__(self, briefs: Sequence[Brief]) -> None:
        super().__init__()
        self.briefs = briefs
        """The briefs read since the last batch."""


# -- requests from screens: posted up, handled by the App ---------------------------------------


class OpenBrief(Message):
    """Show a brief, optionally at a claim and a pane."""

    def __init__(
        self, brief: str, path: str | None = None, claim: str | None = None, pane: Pane = "claims"
    ) -> None:
        super().__init__()
        self.brief = brief
        """Brief id."""
        self.path = path
        """The brief's file, when known (two files may share an id)."""
        self.claim = claim
        """Claim to select."""
        self.pane = pane
        """Pane to focus."""


class GoToClaim(Message):
    """Move the cursor to a claim, in this brief or another (Backspace comes back)."""

    def __init__(self, key: ClaimKey) -> None:
        super().__init__()
        self.key = key
        """The claim."""


class GoBack(Message):
    """Return to the previous location; to the library when there is none."""


class OpenSibling(Message):
    """Open the previous (-1) or next (+1) brief in library order."""

    def __init__(self, step: int) -> None:
        super().__init__()
        self.step = step
        """-1 or +1."""


class NextToReview(Message):
    """Nothing is left to review in this brief: go to the next one that has something."""

    def __init__(self, path: str, step: int) -> None:
        super().__init__()
        self.path = path
        """The file of the brief being left."""
        self.step = step
        """+1 forward, -1 backward."""


class EditFile(Message):
    """Open a workspace file in the editor at a line, then reload."""

    def __init__(self, path: str, line: int) -> None:
        super().__init__()
        self.path = path
        """Path relative to the workspace root."""
        self.line = line
        """1-based line."""


class ShowProblems(Message):
    """List the problems of one brief (by its file), or of the whole workspace (None)."""

    def __init__(self, path: str | None) -> None:
        super().__init__()
        self.path = path
        """The brief's file, or None for every problem."""


class OpenLink(Message):
    """Open a link from a summary (only http(s) is ever opened)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        """The link target as written."""


class SearchFor(Message):
    """Open the search view with a query (a saved search from the palette or the library)."""

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query = query
        """The query, as written in the config."""


class MarksChanged(Message, bubble=False):
    """Review marks changed (posted from the thread that wrote them); redraw what shows them."""

    def __init__(self, items: list[Item]) -> None:
        super().__init__()
        self.items = items
        """The items whose marks changed."""
