"""`brief config`: the config file, theme folders and review state in use.

Textual is imported only inside the command, to check theme names and key bindings.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ..model import Problem
from ..text import one_line
from .group import echo, main


def _exists(path: Path, what: str = "file") -> str:
    try:
        if path.is_dir() and what == "folder":
            count = sum(1 for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
            return f"{count} theme file{'s' * (count != 1)}"
        if path.exists():
            return "exists"
    except OSError as exc:
        return f"cannot be read: {one_line(exc.strerror or exc)}"
    return "not created yet"


def _ui_checks(config: Any, folders: list[Path]) -> list[Problem]:
    """Checks that need the reader's own lists (binding ids, theme names), which import Textual.

    The UI is imported here, inside the command, so that `brief check` never pays for it.
    """
    try:
        from ..app.settings import settings_problems
    except Exception:  # noqa: BLE001 - the UI cannot load: report the config on its own
        return []
    return settings_problems(config, folders)


@main.command()
def config() -> None:
    """Show the config file, theme folders and review state in use, then an example config.

    Exit 0 when the config and theme files have no errors (warnings allowed), 1 otherwise.
    """
    from ..config import (
        DEFAULT_THEME,
        EXAMPLE_CONFIG,
        bundled_themes_dir,
        config_source,
        load_config,
        resolve_state_path,
        user_themes_dir,
    )

    path, origin = config_source()
    settings, problems = load_config(path)
    folders = [bundled_themes_dir(), user_themes_dir()]
    state, state_origin = resolve_state_path(settings)
    from ..review import shown

    state_note = "a server" if isinstance(state, str) else _exists(state)
    rows = [
        ("config file", path, f"from {origin}; {_exists(path)}"),
        ("theme folders", folders[0], f"bundled; {_exists(folders[0], 'folder')}"),
        ("", folders[1], f"user; {_exists(folders[1], 'folder')}"),
        (
            "review state",
            shown(state) if isinstance(state, str) else state,
            f"from {state_origin}; {state_note}",
        ),
    ]
    for label, where, note in rows:
        echo(f"{label:<14} {one_line(where)}  ({one_line(note)})")
    theme_origin = "from config" if settings.theme else "default"
    echo(f"{'theme':<14} {one_line(settings.theme or DEFAULT_THEME)}  ({theme_origin})")
    keys = len(settings.keymap)
    echo(f"{'keymap':<14} {keys} binding{'s' * (keys != 1)} changed")
    problems = [*problems, *_ui_checks(settings, folders)]
    if problems:
        echo("\nProblems:")
        for problem in problems:
            echo(problem.format())
    echo("\nExample config.yaml:\n")
    echo(EXAMPLE_CONFIG, nl=False)
    sys.exit(1 if any(p.severity == "error" for p in problems) else 0)
