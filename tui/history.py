"""Where the reader has been, for Backspace: a small bounded stack with no Textual in it.

Modelled on Frogmouth's `History`: the screens say where they are, this remembers it, and the
App decides what going back means.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Literal

Pane = Literal["summary", "claims", "xrefs"]
"""The three panes of the brief screen."""

PANES: tuple[Pane, ...] = ("summary", "claims", "xrefs")
"""The panes in Tab order."""


@dataclass(frozen=True)
class Location:
    """A place in the reader."""

    brief: str
    """Brief id."""
    claim: str | None
    """Selected claim id (None: the brief has no claims)."""
    pane: Pane
    """Focused pane."""
    path: str | None = None
    """The brief's file (tells two briefs with the same id apart)."""


class History:
    """The locations left behind, newest last, at most `limit` of them."""

    def __init__(self, limit: int = 200) -> None:
        self._stack: deque[Location] = deque(maxlen=limit)

    def __len__(self) -> int:
        return len(self._stack)

    def remember(self, where: Location | None) -> bool:
        """Push a location left behind; False (and nothing kept) for None or a repeat."""
        if where is None or (self._stack and self._stack[-1] == where):
            return False
        self._stack.append(where)
        return True

    def back(self) -> Location | None:
        """Pop the most recent location, or None when there is nowhere to go back to."""
        return self._stack.pop() if self._stack else None
