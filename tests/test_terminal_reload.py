"""Live reload in a real terminal (issue 13): a brief saved from outside is drawn anew.

`brief` runs in tmux on a copy of the example; the test writes the brief's file as an editor in
another window would and waits until the new words are drawn. Nothing here reads the app's state.
"""

from __future__ import annotations

import os
from pathlib import Path

from .terminal import Terminal, needs_tmux

pytestmark = needs_tmux

BRIEF = "Sources & claims"
FILE = "briefs/nk-troops-russia.md"
OLD = (
    "Russia's use of North Korean troops against Ukraine could cost North Korea significant losses."
)
NEW = "Saved from outside, the losses could be heavy."


def test_a_brief_saved_from_outside_is_drawn_anew(example: Path) -> None:
    env = {name: os.environ[name] for name in ("BRIEF_STATE", "BRIEF_CONFIG", "XDG_DATA_HOME")}
    term = Terminal([str(example)], example, (120, 40), env)
    try:
        term.wait_for("workspace: 1 brief", absent=(BRIEF,))
        term.send("Enter")
        term.wait_for(BRIEF, "Russia's use of North Korean troops")
        file = example / FILE
        text = file.read_text(encoding="utf-8")
        assert OLD in text
        file.write_text(text.replace(OLD, NEW), encoding="utf-8")
        # Drawn in the claims list and the claim detail, on the brief screen still.
        term.wait_for(BRIEF, NEW, absent=("error (p)",))
        term.send("q")
        term.wait_for("BRIEF-EXITED-0")
    finally:
        term.close()
