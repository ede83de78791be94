"""Opening a brief in the user's editor at a line: `e` in the reader."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
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


def editor_source(configured: str | None) -> str:
    """Where the editor command came from, for messages."""
    if configured:
        return "`editor:` in config.yaml"
    return "$VISUAL" if os.environ.get("VISUAL") else "$EDITOR"


def edit(app: App[Any], configured: str | None, file: Path, line: int) -> bool:
    """Suspend the app and run the editor on `file` at `line`; True when the editor ran (the file
    may have changed, so the caller reloads), False when it never started.

    The editor runs without a shell (its command is split like a shell would, then executed
    directly), so nothing in a path or brief can be interpreted as a command.

    Whatever happens, the reader comes back: an editor that does not exist is found out before
    the terminal is handed over, and the process runs inside `app.suspend()` with every failure
    caught there, so the suspension always ends and Textual restores the screen (an exception
    leaving the `with` block would skip that and leave the terminal blank). An editor that exits
    with an error or is killed gives a notice.
    """
    argv = editor_command(configured)
    if argv is None:
        app.notify(
            "No editor set: add `editor: vim` (or another) to config.yaml, or set $EDITOR.",
            severity="warning",
            markup=False,
        )
        return False
    if not argv[0] or shutil.which(argv[0]) is None:
        app.notify(
            f"Editor not found: {argv[0]!r} (from {editor_source(configured)}); "
            "set `editor:` in config.yaml or $EDITOR to a program on your PATH.",
            title="Editor",
            severity="error",
            markup=False,
        )
        return False
    outcome: subprocess.CompletedProcess[bytes] | BaseException | None = None
    try:
        with app.suspend():
            try:
                outcome = subprocess.run(editor_args(argv, file, line), check=False)
            except (Exception, KeyboardInterrupt) as exc:  # noqa: BLE001 - reported below
                outcome = exc  # caught here, inside, so that the suspension ends
    except SuspendNotSupported:
        app.notify("This terminal cannot hand over to an editor.", severity="warning")
        return False
    if outcome is None or isinstance(outcome, BaseException):
        reason = "interrupted" if isinstance(outcome, KeyboardInterrupt) else _reason(outcome)
        app.notify(
            f"Could not start the editor {argv[0]!r}: {reason}",
            title="Editor",
            severity="error",
            markup=False,
        )
        return False
    code = outcome.returncode
    if code != 0:
        if code < 0:
            try:
                how = f"was stopped by {signal.Signals(-code).name}"
            except ValueError:
                how = f"was stopped by signal {-code}"
        else:
            how = f"exited with status {code}"
        app.notify(
            f"The editor {argv[0]!r} {how}; the file is read again as it is now.",
            title="Editor",
            severity="warning",
            markup=False,
        )
    return True


def _reason(exc: BaseException | None) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__
