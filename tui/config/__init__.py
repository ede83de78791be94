"""The user's configuration: `config.yaml` in the user's config folder (docs/config.md).

What lives where:

- `model.py`: what the file may hold. The `Config` model (every setting documented on its
  field), `FIELDS`, `DEFAULT_THEME` and the commented `EXAMPLE_CONFIG` that `brief config` prints.
- `paths.py`: where things are. The config file (`BRIEF_CONFIG`), the bundled and user theme
  folders, and the review database (`--state`, `BRIEF_STATE`, the config's `state:`).
- `load.py`: `load_config`, `config.yaml` into a `Config` plus positioned problems, never
  raising; a bad value is dropped and the rest of the file still applies. With no file it
  gives the defaults without importing `read.py` (the reading: PyYAML) and `schema.py` (the
  validator built from `Config`'s fields: pydantic), so the reader starts faster.
- `checks.py`: warnings that need names only the reader knows (binding ids, theme names).
- `write.py`: remembering the chosen theme by rewriting only the `theme:` line, atomically.

The package is core: it imports neither Textual nor Rich, so `brief config` runs with no
terminal; nor pydantic or PyYAML until a file is read (tests/test_startup.py holds this).
Import from `tui.config`; the names below are its public interface.
"""

from __future__ import annotations

from typing import Any

from .checks import check_keymap, check_theme
from .load import load_config
from .model import DEFAULT_THEME, EXAMPLE_CONFIG, FIELDS, Config
from .paths import (
    APP_NAME,
    CONFIG_ENV,
    REVIEWER_ENV,
    STATE_ENV,
    bundled_themes_dir,
    config_path,
    config_source,
    is_server_uri,
    resolve_reviewer,
    resolve_state_path,
    state_path_default,
    user_themes_dir,
)
from .write import save_theme

__all__ = [
    "APP_NAME",
    "CONFIG_ENV",
    "DEFAULT_THEME",
    "EXAMPLE_CONFIG",
    "FIELDS",
    "MAX_CONFIG_BYTES",
    "REVIEWER_ENV",
    "STATE_ENV",
    "Config",
    "bundled_themes_dir",
    "check_keymap",
    "check_theme",
    "config_path",
    "config_source",
    "is_server_uri",
    "load_config",
    "resolve_reviewer",
    "resolve_state_path",
    "save_theme",
    "state_path_default",
    "user_themes_dir",
]


def __getattr__(name: str) -> Any:
    # MAX_CONFIG_BYTES lives with the reader of config files, imported only when asked for.
    if name == "MAX_CONFIG_BYTES":
        from .read import MAX_CONFIG_BYTES

        return MAX_CONFIG_BYTES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
