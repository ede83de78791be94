"""Which CSS the reader reads when (issue 12: the first frame parses only what it shows).

Textual's CSS parser takes about a millisecond per thousand characters, and it parses a screen's
own `CSS_PATH` by re-parsing every rule the App has, without its cache, each time such a screen is
first pushed. So:

- `FIRST`, the App's `CSS_PATH`: the rules every screen shares (`brief.tcss`) and the library's
  (`screens/library.tcss`), read before the first frame;
- `LATER` (`screens/screens.tcss`): every other screen's rules, added by `read_later` once the
  first frame is out; only they are parsed then (Textual keeps the others parsed), and no widget
  on screen matches them, so nothing is styled again.

No screen has a `CSS_PATH` of its own; a widget's `DEFAULT_CSS` is parsed with the rest's cache
when the widget is first mounted, which is fine.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

HERE = Path(__file__).parent

FIRST: list[str | PurePath] = [HERE / "brief.tcss", HERE / "screens" / "library.tcss"]
"""The App's `CSS_PATH`: read before the first frame."""

LATER = HERE / "screens" / "screens.tcss"
"""Every screen but the library: read once the first frame is out."""


def read_later(app: App[object]) -> None:
    """Add the other screens' rules to the App's stylesheet and parse them (the rules already
    parsed come from Textual's cache). Safe to call again."""
    stylesheet = app.stylesheet
    if stylesheet.has_source(os.path.abspath(LATER), ""):  # as `Stylesheet.read` names it
        return
    stylesheet.read(LATER)
    stylesheet.parse()
    if len(app.screen_stack) > 2:
        # Beyond the default screen and the library: a screen pushed before the first frame
        # was out (a key typed at once), styled without these rules.
        for screen in app.screen_stack:
            stylesheet.update(screen)
            screen.refresh(layout=True)
