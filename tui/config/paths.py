"""Where things are: the config file, the theme folders and the review database.

The user's folders come from platformdirs (`~/.config/brief`, `~/.local/share/brief` and
`~/.local/state/brief` on Linux); `BRIEF_CONFIG`, `BRIEF_STATE` and `--state` choose others.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_state_dir

from .model import Config

APP_NAME = "brief"
"""Name of the folders `brief` keeps in the user's config, data and state folders."""

CONFIG_ENV = "BRIEF_CONFIG"
"""Environment variable naming another config file."""

STATE_ENV = "BRIEF_STATE"
"""Environment variable naming another review database (docs/config.md, `state`)."""

REVIEWER_ENV = "BRIEF_REVIEWER"
"""Environment variable naming the reviewer (docs/config.md, `reviewer`)."""

SERVER_SCHEMES = ("postgresql://", "postgres://")
"""A state setting starting with one of these names a PostgreSQL server, not a file."""


def is_server_uri(value: object) -> bool:
    """True when a state setting is a `postgresql://` (or `postgres://`) URI."""
    return isinstance(value, str) and value.strip().lower().startswith(SERVER_SCHEMES)


def config_source() -> tuple[Path, str]:
    """The config file in use and where that choice came from.

    Returns:
        The path (which may not exist) and `"BRIEF_CONFIG"` or `"default"`.
    """
    override = os.environ.get(CONFIG_ENV, "").strip()
    if override:
        return Path(override).expanduser(), CONFIG_ENV
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.yaml", "default"


def config_path() -> Path:
    """The config file in use: `$BRIEF_CONFIG`, else `config.yaml` in the user config folder."""
    return config_source()[0]


def user_themes_dir() -> Path:
    """The user's own theme folder: `themes` in the user data folder (may not exist)."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "themes"


def bundled_themes_dir() -> Path:
    """The themes shipped with `brief`: packaged in the wheel, or the source checkout's `themes/`.

    The wheel force-includes the repo's `themes/` as `tui/_example/themes` (pyproject.toml).
    """
    package = Path(__file__).resolve().parent.parent  # tui/
    packaged = package / "_example" / "themes"
    return packaged if packaged.is_dir() else package.parent / "themes"


def state_path_default() -> Path:
    """The default review database: `review.db` in the user state folder."""
    return Path(user_state_dir(APP_NAME, appauthor=False)) / "review.db"


def resolve_state_path(config: Config, option: str | None = None) -> tuple[Path | str, str]:
    """The review database to use and where the choice came from, in order of precedence.

    Args:
        config: The loaded config (its `state`, if set, is the third choice).
        option: The `--state FILE|URI` command-line value, if given.

    Returns:
        The path (or a `postgresql://` URI, as a string, exactly as given) and `"--state"`,
        `"BRIEF_STATE"`, `"config"` or `"default"`.
    """
    if option:
        return (option.strip() if is_server_uri(option) else Path(option).expanduser()), "--state"
    env = os.environ.get(STATE_ENV, "").strip()
    if env:
        return (env if is_server_uri(env) else Path(env).expanduser()), STATE_ENV
    if config.state and is_server_uri(config.state):
        return config.state.strip(), "config"
    if config.state:
        path = Path(config.state).expanduser()
        if not path.is_absolute() and config.source is not None:
            # Relative to the config file, so the setting means the same from any cwd.
            path = config.source.parent / path
        return path, "config"
    return state_path_default(), "default"


def resolve_reviewer(config: Config, option: str | None = None) -> tuple[str | None, str]:
    """Who the reviewer is and where that came from: `--reviewer`, `BRIEF_REVIEWER`, the
    config's `reviewer:`, else None (`"login"`: the store uses the login name)."""
    if option and option.strip():
        return option.strip(), "--reviewer"
    env = os.environ.get(REVIEWER_ENV, "").strip()
    if env:
        return env, REVIEWER_ENV
    if config.reviewer:
        return config.reviewer, "config"
    return None, "login"
