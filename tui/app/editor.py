"""Opening a brief in the user's editor at a line: `e` in the reader."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

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


def editor_args(argv: list[str], file: Path, line: int) -> list[str]:
    """The full command for an editor to open `file` at `line`, in that editor's own syntax."""
    name = Path(argv[0]).name.lower()
    line = max(1, line)
    if name in ("code", "codium", "code-insiders", "cursor"):
        return [*argv, "--goto", f"{file}:{line}"]
    if name in ("hx", "helix", "subl", "zed", "gedit"):
        return [*argv, f"{file}:{line}"] if name != "gedit" else [*argv, f"+{line}", str(file)]
    # vi, vim, nvim, nano, emacs, micro, kakoune and most others
    return [*argv, f"+{line}", str(file)]


def edit(app: App[Any], configured: str | None, file: Path, line: int) -> bool:
    """Suspend the app and run the editor on `file` at `line`; True when the editor ran.

    The editor runs without a shell (its command is split like a shell would, then executed
    directly), so nothing in a path or brief can be interpreted as a command.
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
            subprocess.run(editor_args(argv, file, line), check=False)
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
