"""The search view in a real terminal: search, move through the results with the arrow keys and
j, and read the preview's quote (in its seed's passage) as drawn.

Like tests/test_terminal_flows.py, each step waits for text only the expected screen shows:
the results' title with its count, then words of the selected result's quote passage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .terminal import Terminal, needs_tmux

pytestmark = needs_tmux

LIBRARY = "workspace: 2 briefs"
"""The library's title once the briefs are in."""
RESULTS = "Results · 11 claims"
"""The results' title for `north korean` in the bundled example (plus the follow-up brief)."""
SECOND = "…Thus,"
"""The start of the second result's quote passage (ISW: troops unlikely to compensate)."""
THIRD = "…Earlier,"
"""The start of the third result's quote passage (Blinken: up to 8,000)."""


@pytest.fixture(params=[(120, 40), (100, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def term(request: pytest.FixtureRequest, two_briefs: Path) -> Iterator[Terminal]:
    env = {
        "BRIEF_STATE": os.environ["BRIEF_STATE"],
        "BRIEF_CONFIG": os.environ["BRIEF_CONFIG"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
    }
    t = Terminal([str(two_briefs)], two_briefs, request.param, env)
    try:
        t.wait_for(LIBRARY)
        yield t
    finally:
        t.close()


def test_move_through_results_and_read_the_preview(term: Terminal) -> None:
    term.send("/")
    term.wait_for("Search", "Preview")
    term.send(*"north", "Space", *"korean")
    term.wait_for(RESULTS, "Quote in context")
    term.send("Down")  # from the query line
    term.wait_for(RESULTS, SECOND, absent=(THIRD,))
    term.send("Tab", "j")  # in the results
    term.wait_for(RESULTS, THIRD, absent=(SECOND,))
    term.send("k")
    term.wait_for(RESULTS, SECOND, absent=(THIRD,))
