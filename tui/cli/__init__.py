"""The `brief` command line (the commands are listed in README.md, "Command line").

Split by role: `group` (the click group `main` and the safe `echo`), `common` (shared options,
reading a workspace), and the commands: `reading` (open, check, schema, search), `review`
(export, history, state copy), `authoring` (new) and `settings` (config). Importing a command
module registers its commands on `main`.

Textual is imported only by the command that opens the reader, so `brief check` starts fast and
runs with no terminal at all.
"""

from __future__ import annotations

from . import authoring, reading, review, settings
from .group import _DefaultToOpen, _make_safe, echo, main

__all__ = [
    "_DefaultToOpen",
    "_make_safe",
    "authoring",
    "echo",
    "main",
    "reading",
    "review",
    "settings",
]
