"""Opening a brief in the user's editor at a line: `e` in the reader."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported


def editor_command(configured: str | None) -> list[str] | None:
    """The editor as an argument list: config `editor:`, else $VISUAL, else $EDITOR."""
    text = configured or os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not text:
        return None
    try:
        argv = shlex.split(text)
    except ValueError:
        return None
    return argv or None


def edit(app: App[object], configured: str | None, file: Path, line: int) -> bool:
    """Suspend the app and run the editor on `file` at `line`; True when the editor ran.

    The editor runs without a shell (its command is split like a shell would, then executed
    directly), so nothing in a path or brief can be interpreted as a command. `+LINE FILE` is
    understood by vi, vim, nvim, nano, emacs, micro and kakoune.
    """
    argv = editor_command(configured)
    if argv is None:
        app.notify(
            "No editor set: add `editor: vim` (or another) to config.yaml, or set $EDITOR.",
            severity="warning",
            markup=False,
        )
        return False
    try:
        with app.suspend():
            subprocess.run([*argv, f"+{max(1, line)}", str(file)], check=False)
    except SuspendNotSupported:
        app.notify("This terminal cannot hand over to an editor.", severity="warning")
        return False
    except OSError as exc:
        app.notify(
            f"Could not start the editor {argv[0]!r}: {exc.strerror or exc}",
            severity="error",
            markup=False,
        )
        return False
    return True
