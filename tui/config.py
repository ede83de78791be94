"""The user's configuration: `config.yaml` in the user's config folder (DESIGN section 3).

The file is read like a brief: strict YAML with a position for every value, validated by a strict
model, and every mistake becomes a positioned `Problem` instead of an exception. A bad value is
dropped and the rest of the file still applies, so one typo never costs the user their keymap.

This module is core: it imports neither Textual nor Rich, so `brief config` runs with no terminal.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from platformdirs import user_config_dir, user_data_dir, user_state_dir
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationError

from .load.errors import did_you_mean, explain
from .load.yamlfile import MAX_SETTINGS_BYTES, key_position, position, read_yaml_file
from .load.yamlread import Path as YamlPath
from .load.yamlread import YamlDoc
from .model import Pos, Problem, Severity
from .text import has_unsafe, sanitize

APP_NAME = "brief"
"""Name of the folders `brief` keeps in the user's config, data and state folders."""

CONFIG_ENV = "BRIEF_CONFIG"
"""Environment variable naming another config file."""

STATE_ENV = "BRIEF_STATE"
"""Environment variable naming another review database (DESIGN section 3, Review)."""

DEFAULT_THEME = "brief-dark"
"""The theme used when the config names none (or names one that does not exist)."""

MAX_CONFIG_BYTES = MAX_SETTINGS_BYTES
"""Largest config (or theme) file read: real ones are a few hundred bytes."""

_Text = Annotated[str, StringConstraints(min_length=1, max_length=4_096)]
_Keys = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Config(BaseModel):
    """The settings of `config.yaml`; every one is optional."""

    # Strict, like the brief schema: `theme: yes` is a mistake to report, not the text "True".
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    theme: _Text | None = Field(
        None,
        description="Name of the colour theme: a Textual theme (textual-dark, nord, ...) or the "
        "`name:` of a theme file in the themes folders. Picking a theme in the command palette "
        "rewrites this line.",
    )
    keymap: dict[str, _Keys] = Field(
        default_factory=dict,
        description="Key overrides: binding id (see docs/keys.md) -> comma-separated keys, "
        "e.g. `review.toggle: x` or `app.help: question_mark,f1`.",
    )
    reviewer: _Text | None = Field(
        None, description="Name recorded with each review mark (default: the login name)."
    )
    state: _Text | None = Field(
        None,
        description="Path of the review database; `~` is expanded and a relative path is taken "
        "from the config file's folder. `--state FILE` and BRIEF_STATE take precedence.",
    )
    editor: _Text | None = Field(
        None,
        description="Command that `e` runs to edit a brief at a line (default: $VISUAL, then "
        "$EDITOR). It is run without a shell.",
    )

    _key_at: dict[YamlPath, Pos] = PrivateAttr(default_factory=dict)
    _value_at: dict[YamlPath, Pos] = PrivateAttr(default_factory=dict)
    _source: Path | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Same settings; where they were read from does not count."""
        if not isinstance(other, Config):
            return NotImplemented
        return self.model_dump() == other.model_dump()

    __hash__ = None  # type: ignore[assignment]  # a dict field: not hashable anyway

    @property
    def source(self) -> Path | None:
        """The file this config was read from (None for defaults or a config built in code)."""
        return self._source

    def key_pos(self, *path: str) -> Pos | None:
        """Where the key of a setting was written, e.g. `key_pos("keymap", "app.help")`."""
        return self._key_at.get(tuple(path))

    def value_pos(self, *path: str) -> Pos | None:
        """Where the value of a setting was written, e.g. `value_pos("theme")`."""
        return self._value_at.get(tuple(path))


FIELDS: tuple[str, ...] = tuple(Config.model_fields)
"""The settings a config file may hold, in documentation order."""


EXAMPLE_CONFIG = """\
# brief configuration (YAML). Every setting is optional: delete a line to get the default back.
# Location: `brief config` prints it; set BRIEF_CONFIG=FILE to use another file.

# Colour theme: one of Textual's themes (textual-dark, textual-light, nord, gruvbox, ...) or the
# `name:` of a YAML file in a themes folder (`brief config` lists them): brief-dark,
# brief-light, brief-high-contrast. Picking a theme with ctrl+p rewrites this line only.
theme: brief-dark

# Your name, recorded with each review mark.
# reviewer: A. Analyst

# Where review marks are kept (default: the user state folder). `--state FILE` and BRIEF_STATE
# take precedence. `~` is expanded; a relative path starts from this file's folder.
# state: ~/briefing/review.db

# The command `e` runs to edit a brief at the selected line (default: $VISUAL, then $EDITOR).
# editor: nvim

# Keys: binding id -> comma-separated keys. The ids and default keys are listed by `?` in the
# reader and in docs/keys.md. Keys are Textual key names: a, G, ctrl+x, f1, question_mark, ...
keymap:
  app.help: question_mark,f1
  # review.toggle: x
"""
"""A commented example `config.yaml`, printed by `brief config`; it loads with no problems."""


# -- where things are ------------------------------------------------------------------------------


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
    here = Path(__file__).resolve().parent
    packaged = here / "_example" / "themes"
    return packaged if packaged.is_dir() else here.parent / "themes"


def state_path_default() -> Path:
    """The default review database: `review.db` in the user state folder."""
    return Path(user_state_dir(APP_NAME, appauthor=False)) / "review.db"


def resolve_state_path(config: Config, option: str | None = None) -> tuple[Path, str]:
    """The review database to use and where the choice came from, in order of precedence.

    Args:
        config: The loaded config (its `state`, if set, is the third choice).
        option: The `--state FILE` command-line value, if given.

    Returns:
        The path and `"--state"`, `"BRIEF_STATE"`, `"config"` or `"default"`.
    """
    if option:
        return Path(option).expanduser(), "--state"
    env = os.environ.get(STATE_ENV, "").strip()
    if env:
        return Path(env).expanduser(), STATE_ENV
    if config.state:
        path = Path(config.state).expanduser()
        if not path.is_absolute() and config.source is not None:
            # Relative to the config file, so the setting means the same from any cwd.
            path = config.source.parent / path
        return path, "config"
    return state_path_default(), "default"


# -- loading the config ----------------------------------------------------------------------------


def load_config(path: Path | None = None) -> tuple[Config, list[Problem]]:
    """Read the config file. Never raises: a missing file gives the defaults and no problems.

    Unknown settings are warnings (with a did-you-mean); a value of the wrong type is an error and
    is dropped, and the rest of the file still applies.

    Args:
        path: The file to read (default: `config_path()`).

    Returns:
        The config and its problems, positioned `path:line:col`.
    """
    path = config_path() if path is None else path
    try:
        if not path.exists():
            return Config(), []
    except OSError:  # e.g. a path too long for the OS: let reading report it
        pass
    try:
        return _Loader(path).load()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: defaults, not a crash
        problem = Problem(
            Pos(str(path), 1, 1),
            "error",
            "internal",
            f"could not load the config: {exc!r}",
            "please report this with the file attached",
        )
        return Config(), [problem]


class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.shown = str(path)
        self.doc = YamlDoc()
        self.problems: list[Problem] = []

    def problem(
        self, pos: Pos, severity: Severity, code: str, message: str, hint: str = ""
    ) -> None:
        self.problems.append(Problem(pos, severity, code, message, hint))

    def load(self) -> tuple[Config, list[Problem]]:
        self.doc, self.problems = read_yaml_file(self.path, self.shown, MAX_CONFIG_BYTES)
        value = self.doc.value
        if value is None:  # unreadable, or empty / only comments (which is fine)
            return self.finish(Config())
        if not isinstance(value, dict):
            self.problem(
                position(self.doc, self.shown, ()),
                "error",
                "config-not-mapping",
                f"the config must be a mapping of settings (`key: value`), not "
                f"{type(value).__name__}",
                "start from the example that `brief config` prints",
            )
            return self.finish(Config())
        data = self.known(value)
        return self.finish(self.validate(data))

    def finish(self, config: Config) -> tuple[Config, list[Problem]]:
        config._source = self.path
        config._key_at = {
            loc: key_position(self.doc, self.shown, loc)
            for loc in self.doc.key_at
            if loc and loc[0] in FIELDS
        }
        config._value_at = {
            loc: position(self.doc, self.shown, loc)
            for loc in self.doc.at
            if loc and loc[0] in FIELDS
        }
        self.problems.sort(key=lambda p: (p.pos.line, p.pos.col))
        return config, self.problems

    def known(self, value: dict[str, Any]) -> dict[str, Any]:
        """The settings this version knows; the others are reported and left out."""
        data: dict[str, Any] = {}
        for key, item in value.items():
            if key not in FIELDS:
                self.problem(
                    key_position(self.doc, self.shown, (key,)),
                    "warning",
                    "unknown-field",
                    f"unknown setting `{sanitize(key)}` (ignored)",
                    did_you_mean(key, FIELDS) or f"known settings: {', '.join(FIELDS)}",
                )
            else:
                data[key] = item
        if isinstance(data.get("keymap"), dict):
            data["keymap"] = dict(data["keymap"])
        self.refuse_unsafe(data)
        return data

    def refuse_unsafe(self, data: dict[str, Any]) -> None:
        # Settings are shown on screen and used as paths and commands: control characters there
        # are never meant, and showing a sanitised stand-in would hide what is really set.
        spots: list[tuple[YamlPath, str, bool]] = [
            ((key,), val, False) for key, val in data.items() if isinstance(val, str)
        ]
        keymap = data.get("keymap")
        if isinstance(keymap, dict):
            for key, val in keymap.items():
                spots.append((("keymap", key), key, True))
                if isinstance(val, str):
                    spots.append((("keymap", key), val, False))
        for loc, text, is_key in spots:
            if not has_unsafe(text):
                continue
            pos = key_position if is_key else position
            self.problem(
                pos(self.doc, self.shown, loc),
                "error",
                "unsafe-char",
                f"control or bidi characters in `{sanitize(str(loc[-1]))}` (setting ignored)",
                "remove them",
            )
            if len(loc) == 2 and isinstance(keymap, dict):
                keymap.pop(loc[1], None)
            else:
                data.pop(loc[0], None)

    def validate(self, data: dict[str, Any]) -> Config:
        for _ in range(3):  # each round drops what failed; nested drops may need a second
            try:
                return Config.model_validate(data)
            except ValidationError as exc:
                for err in exc.errors(include_url=False):
                    loc: YamlPath = tuple(err["loc"])
                    message, hint = explain(err, loc, self.doc)
                    self.problem(
                        position(self.doc, self.shown, loc),
                        "error",
                        "invalid-field",
                        message + " (setting ignored)",
                        hint,
                    )
                    self.drop(data, loc)
        return Config()

    @staticmethod
    def drop(data: dict[str, Any], loc: YamlPath) -> None:
        """Remove the failing value: one keymap entry, else the whole setting."""
        keymap = data.get("keymap")
        if len(loc) >= 2 and loc[0] == "keymap" and isinstance(keymap, dict):
            keymap.pop(loc[1], None)  # type: ignore[call-overload]
        elif loc:
            data.pop(str(loc[0]), None)


def check_keymap(config: Config, known_ids: set[str] | list[str]) -> list[Problem]:
    """Warnings for keymap entries that name no binding (the UI knows the ids; the core doesn't).

    Args:
        config: A loaded config.
        known_ids: Every binding id of the reader (see `tui.app.keys_doc.binding_ids`).

    Returns:
        One positioned warning, with a did-you-mean, per unknown id.
    """
    shown = str(config.source) if config.source else "config.yaml"
    problems: list[Problem] = []
    known = sorted(known_ids)
    for binding_id in config.keymap:
        if binding_id in known_ids:
            continue
        pos = config.key_pos("keymap", binding_id) or Pos(shown, 1, 1)
        problems.append(
            Problem(
                pos,
                "warning",
                "unknown-binding",
                f"no key binding has the id `{sanitize(binding_id)}` (ignored)",
                did_you_mean(binding_id, known) or "the ids are listed by `?` and in docs/keys.md",
            )
        )
    return problems


def check_theme(config: Config, known_names: set[str] | list[str]) -> list[Problem]:
    """A warning when `theme:` names no theme (the UI knows the names; the core doesn't).

    Args:
        config: A loaded config.
        known_names: Names of every theme the reader has (built-in and from theme files).

    Returns:
        A positioned warning with a did-you-mean, or nothing.
    """
    if config.theme is None or config.theme in known_names:
        return []
    shown = str(config.source) if config.source else "config.yaml"
    pos = config.value_pos("theme") or Pos(shown, 1, 1)
    hint = did_you_mean(config.theme, sorted(known_names))
    return [
        Problem(
            pos,
            "warning",
            "unknown-theme",
            f"no theme is named `{sanitize(config.theme)}` (the default theme is used instead)",
            hint or f"themes: {', '.join(sorted(known_names))}",
        )
    ]
