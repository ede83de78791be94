"""Applying the user's config to the App: themes, the remembered theme, the keymap."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import DEFAULT_THEME, Config, check_keymap, check_theme, save_theme
from ..model import Problem
from .themes import load_themes, theme_folders

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme


def apply_config(
    app: App[Any], config: Config, workspace_root: Path | None = None
) -> list[Problem]:
    """Register the theme files, choose the theme and apply the keymap, before the first frame.

    Themes come from the package, then the opened workspace's `themes/`, then the user's theme
    folder; a later folder's theme replaces an earlier one of the same name.

    Returns:
        Problems of the theme files and of the config's theme name.
    """
    bundled, user = theme_folders()
    folders = [bundled, user]
    if workspace_root is not None:
        local = workspace_root / "themes"
        if local.is_dir() and local.resolve() != bundled.resolve():
            folders.insert(1, local)
    # The bundled themes are read without checks (and without pydantic) before the first frame;
    # `brief config` still checks them fully (`settings_problems`).
    themes, problems = load_themes(folders, trusted=bundled)
    for theme in themes:
        app.register_theme(theme)
    problems += check_theme(config, set(app.available_themes))
    wanted = config.theme
    app.theme = wanted if wanted in app.available_themes else DEFAULT_THEME
    app.set_keymap(config.keymap)
    return problems


def keymap_problems(config: Config) -> list[Problem]:
    """Keymap entries naming no binding (imports every screen, so call it after the first frame)."""
    if not config.keymap:
        return []  # nothing to check: import no screen
    from .keys_doc import binding_ids

    return check_keymap(config, binding_ids())


def settings_problems(config: Config, folders: list[Path]) -> list[Problem]:
    """Problems of the theme files in `folders` and of the config's theme name and keymap: the
    checks that need the reader's own lists (Textual's themes, the binding ids)."""
    from textual.theme import BUILTIN_THEMES

    from .keys_doc import binding_ids

    themes, problems = load_themes(folders)
    names = {*BUILTIN_THEMES, *(t.name for t in themes)}
    return [*problems, *check_theme(config, names), *check_keymap(config, binding_ids())]


class ThemeMemory:
    """Writes the theme the user picks (in the command palette) back to config.yaml."""

    def __init__(self, app: App[Any], saved: str | None) -> None:
        self.app = app
        self.saved = saved

    def __call__(self, theme: Theme) -> None:
        if theme.name == self.saved:
            return
        self.saved = theme.name
        try:
            save_theme(theme.name)
        except (OSError, ValueError) as exc:
            self.app.notify(
                f"Could not remember the theme: {exc}", severity="warning", markup=False
            )
