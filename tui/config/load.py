"""`load_config`: the user's `config.yaml` as a `Config` and positioned problems; never raises.

A missing file gives the defaults at once, without importing the reader of config files
(`read.py`: PyYAML and pydantic, about 90 ms before the reader's first frame).
"""

from __future__ import annotations

from pathlib import Path

from ..model import Pos, Problem
from .model import Config
from .paths import config_path


def load_config(path: Path | None = None) -> tuple[Config, list[Problem]]:
    """Read the config file. Never raises: a missing file gives the defaults and no problems.

    The file is read like a brief: strict YAML with a position for every value, validated
    strictly, and every mistake becomes a positioned `Problem` instead of an exception.
    Unknown settings are warnings (with a did-you-mean); a value of the wrong type is an error and
    is dropped, and the rest of the file still applies, so one typo never costs the user their
    keymap.

    Args:
        path: The file to read (default: `config_path()`).

    Returns:
        The config and its problems, positioned `path:line:col`.
    """
    path = config_path() if path is None else path
    try:
        if not path.exists() and not path.is_symlink():  # a link to nothing, a loop: reported
            return Config(), []
    except OSError:  # e.g. a path too long for the OS: let reading report it
        pass
    try:
        from .read import Loader

        return Loader(path).load()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: defaults, not a crash
        problem = Problem(
            Pos(str(path), 1, 1),
            "error",
            "internal",
            f"could not load the config: {exc!r}",
            "please report this with the file attached",
        )
        return Config(), [problem]
