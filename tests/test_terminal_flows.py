"""Every main flow in a real terminal, judged by what is drawn (issue: reopening a brief once
drew nothing while every Pilot test passed).

Each step waits for text that only the expected screen shows: a pane title plus words of a
claim, the help's title, the problems header. Nothing here reads the app's state.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .terminal import Terminal, needs_tmux

pytestmark = needs_tmux

TYPO_BRIEF = """\
---
brief: 1
id: typo
title: A brief with a typo
date: 2024-09-01
sources:
  - id: desk
    name: Desk Officer
claims:
  - id: hidden
    source: desk
    text: A typo hides in this claim.
    credibilty: 2
---
Nothing to add.
"""

FIXER = """\
#!{python}
import sys
from pathlib import Path
path = Path(sys.argv[-1])
path.write_text(path.read_text().replace("credibilty", "credibility"))
"""

EXAMPLE_CLAIM = "Russia's use of North Korean troops"
OTHER_CLAIM = "Convoys were seen moving toward Kursk"
LIBRARY = "workspace: 3 briefs"
BRIEF = "Sources & claims"


@pytest.fixture
def three_briefs(two_briefs: Path) -> Path:
    (two_briefs / "briefs" / "typo.md").write_text(TYPO_BRIEF, encoding="utf-8")
    return two_briefs


def start(workspace: Path, size: tuple[int, int], **env: str) -> Terminal:
    env = {
        "BRIEF_STATE": os.environ["BRIEF_STATE"],
        "BRIEF_CONFIG": os.environ["BRIEF_CONFIG"],
        "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"],
        **env,
    }
    return Terminal([str(workspace)], workspace, size, env)


SIZES = [(120, 40), (80, 24)]


@pytest.fixture(params=SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def term(request: pytest.FixtureRequest, three_briefs: Path) -> Iterator[Terminal]:
    t = start(three_briefs, request.param)
    try:
        t.wait_for(LIBRARY, absent=(BRIEF,))
        yield t
    finally:
        t.close()


def test_open_back_reopen_and_another(term: Terminal) -> None:
    term.send("Enter")
    term.wait_for(BRIEF, EXAMPLE_CLAIM)
    term.send("Escape")
    term.wait_for(LIBRARY, absent=(BRIEF,))
    term.send("Enter")  # the same brief again: it must be drawn, not only open
    term.wait_for(BRIEF, EXAMPLE_CLAIM)
    term.send("BSpace")
    term.wait_for(LIBRARY, absent=(BRIEF,))
    term.send("j", "Enter")  # another brief
    term.wait_for(BRIEF, OTHER_CLAIM, absent=(EXAMPLE_CLAIM,))
    # Wait for the library before typing on: a key read together with a lone Escape (the app
    # busy, the machine loaded) makes one alt+key, and the Escape is lost.
    term.send("Escape")
    term.wait_for(LIBRARY, absent=(BRIEF,))
    term.send("k", "Enter")
    term.wait_for(BRIEF, EXAMPLE_CLAIM, absent=(OTHER_CLAIM,))


def test_brief_keys_and_the_library_filter_are_drawn(term: Terminal) -> None:
    # The brief screen's own keys are in its footer (built with it, not a frame later).
    term.send("Enter")
    term.wait_for(BRIEF, EXAMPLE_CLAIM, "Next to review", "Back")
    term.send("Escape")
    term.wait_for(LIBRARY, "Filter", absent=(BRIEF,))
    # The filter draws only the briefs that match, and Escape brings every one back.
    term.send("f", *"typo", "Enter")
    term.wait_for("A brief with a typo", "1 of 3", absent=("A follow-up on Kursk",))
    term.send("Escape")
    term.wait_for("A brief with a typo", "A follow-up on Kursk", absent=("1 of 3",))


def test_next_and_previous_brief(term: Terminal) -> None:
    term.send("Enter")
    term.wait_for(BRIEF, EXAMPLE_CLAIM)
    term.send("]")
    term.wait_for(BRIEF, OTHER_CLAIM, absent=(EXAMPLE_CLAIM,))
    term.send("Escape")
    term.wait_for(LIBRARY, absent=(BRIEF,))
    term.send("Enter")
    term.wait_for(BRIEF, EXAMPLE_CLAIM)
    term.send("]")
    term.wait_for(BRIEF, OTHER_CLAIM)
    term.send("[")
    term.wait_for(BRIEF, EXAMPLE_CLAIM, absent=(OTHER_CLAIM,))


def test_search_in_one_burst_lands_on_the_typed_query(term: Terminal) -> None:
    # `/`, the query and Enter arrive together, before the search screen has even mounted.
    term.burst("/", "blinken", "Enter")
    term.wait_for(BRIEF, "— Antony Blinken, US Secretary of State", absent=("Search claims",))
    # `/` reopens with the last query, and the results belong to it.
    term.send("/")
    term.wait_for("Search claims", "1 claim", "Up to 8,000 North Korean military personnel")


def test_help_and_back(term: Terminal) -> None:
    term.send("Enter")
    term.wait_for(BRIEF, EXAMPLE_CLAIM)
    term.send("?")
    term.wait_for("─ Help")
    term.send("Escape")
    term.wait_for(BRIEF, EXAMPLE_CLAIM, absent=("─ Help",))
    term.send("Escape")
    term.wait_for(LIBRARY, absent=(BRIEF,))
    term.send("?")
    term.wait_for("─ Help")
    term.send("Escape")
    term.wait_for(LIBRARY, absent=("─ Help", BRIEF))


def test_problems_and_back(term: Terminal) -> None:
    term.send("p")
    term.wait_for("Problems in the workspace", "unknown field `credibilty`")
    term.send("Escape")
    term.wait_for(LIBRARY, absent=("Problems in the workspace",))
    # Enter on a problem goes to its claim in the reader.
    term.send("p")
    term.wait_for("Problems in the workspace")
    term.send("Enter")
    term.wait_for(BRIEF, "A typo hides in this claim", absent=("Problems in",))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_edit_reload_refreshes_problems(three_briefs: Path, size: tuple[int, int]) -> None:
    editor = three_briefs.parent / "fix-typo"
    editor.write_text(FIXER.format(python=sys.executable), encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    term = start(three_briefs, size, EDITOR=str(editor))
    try:
        term.wait_for(LIBRARY, "1 warning")
        term.send("p")
        term.wait_for("Problems in the workspace", "unknown field `credibilty`")
        term.send("e")  # the editor fixes the file and exits; the workspace reloads
        term.wait_for("Problems in the workspace", "No problems.", absent=("credibilty",))
        term.send("Escape")
        term.wait_for(LIBRARY, absent=("warning", BRIEF))
    finally:
        term.close()


def test_no_workspace_says_it_shows_the_example(tmp_path: Path) -> None:
    term = Terminal([], tmp_path, (80, 24), {"BRIEF_STATE": os.environ["BRIEF_STATE"]})
    try:
        term.wait_for("no briefs/ here: showing the bundled example", "example: 1 brief")
    finally:
        term.close()
