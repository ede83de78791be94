"""What `config.yaml` may hold: the `Config` settings, their defaults and a commented example.

`Config` is a plain frozen dataclass, so the reader starts without pydantic (about 80 ms before
the first frame): with no config file the defaults are all it needs. Each setting is declared
once, here, with its default and docstring; its type may name `Text`, `Keys` or `Query`, whose
limits (`schema.py`) pydantic checks when a file is read (`load.py` builds the validator from these
fields, lazily). A setting whose value is not a plain str, bool, int, list or dict needs its
type added to `schema.CONSTRAINED`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Pos

if TYPE_CHECKING:
    from ..load.yamlread import Path as YamlPath

    Text = str
    """A setting's text: 1 to 4,096 characters (checked in `schema.py`)."""

    Keys = str
    """A keymap entry's keys: 1 to 200 characters (checked in `schema.py`)."""

    Query = str
    """A saved search: a query of the search language (parsed in `schema.py`)."""

DEFAULT_THEME = "brief-dark"
"""The theme used when the config names none (or names one that does not exist)."""


@dataclass(frozen=True, eq=False)
class Config:
    """The settings of `config.yaml`; every one is optional.

    Build it with `tui.config.load_config`, which also records where each setting was written
    (`key_pos`, `value_pos`) so later checks can point at the line. Strict, like the brief
    schema: `theme: yes` is a mistake to report, not the text "True".
    """

    theme: Text | None = None
    """Name of the colour theme: a Textual theme (textual-dark, nord, ...) or the `name:` of a
    theme file in the themes folders. Picking a theme in the command palette rewrites this line."""

    keymap: dict[str, Keys] = field(default_factory=dict)
    """Key overrides: binding id (see docs/keys.md) -> comma-separated keys, e.g.
    `review.toggle: x` or `app.help: question_mark,f1`."""

    reviewer: Text | None = None
    """Name recorded with each review mark (default: the login name). `--reviewer NAME` and
    BRIEF_REVIEWER take precedence."""

    state: Text | None = None
    """Path of the review database; `~` is expanded and a relative path is taken from the config
    file's folder. A `postgresql://` URI (libpq's syntax) names a server a team shares.
    `--state FILE|URI` and BRIEF_STATE take precedence."""

    editor: Text | None = None
    """Command that `e` runs to edit a brief at a line (default: $VISUAL, then $EDITOR). It is
    run without a shell."""

    searches: dict[Text, Query] = field(default_factory=dict)
    """Saved searches: name -> query (docs/search.md), e.g. `contradicted: rel:contradicts
    is:unreviewed`. Each is offered in the command palette as "Search: NAME" and in the
    library. A query that does not parse is reported with its position and left out."""

    _key_at: Mapping[YamlPath, Pos] = field(default_factory=dict, repr=False, compare=False)
    """Where the key of each setting (and keymap entry) was written."""

    _value_at: Mapping[YamlPath, Pos] = field(default_factory=dict, repr=False, compare=False)
    """Where the value of each setting (and keymap entry) was written."""

    _source: Path | None = field(default=None, repr=False, compare=False)
    """The file the config was read from."""

    def __eq__(self, other: object) -> bool:
        """Same settings; where they were read from does not count."""
        if not isinstance(other, Config):
            return NotImplemented
        return self.as_dict() == other.as_dict()

    # Not hashable (the keymap is a dict).
    __hash__ = None  # type: ignore[assignment]

    def as_dict(self) -> dict[str, Any]:
        """The settings by name (`FIELDS`), without where they were read from."""
        return {name: getattr(self, name) for name in FIELDS}

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


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Config) if not f.name.startswith("_"))
"""The settings a config file may hold, in documentation order."""


EXAMPLE_CONFIG = """\
# brief configuration (YAML). Every setting is optional: delete a line to get the default back.
# Location: `brief config` prints it; set BRIEF_CONFIG=FILE to use another file.

# Colour theme: one of Textual's themes (textual-dark, textual-light, nord, gruvbox, ...) or the
# `name:` of a YAML file in a themes folder (`brief config` lists them): brief-dark,
# brief-light, brief-high-contrast. Picking a theme with ctrl+p rewrites this line only.
theme: brief-dark

# Your name, recorded with each review mark (default: your login name; `--reviewer NAME` and
# BRIEF_REVIEWER take precedence).
# reviewer: A. Analyst

# Where review marks are kept (default: the user state folder). `--state FILE` and BRIEF_STATE
# take precedence. `~` is expanded; a relative path starts from this file's folder.
# state: ~/briefing/review.db
# A team shares one PostgreSQL server (libpq URI; the password from PGPASSWORD or ~/.pgpass):
# state: postgresql://analyst@db.example.org/briefing?sslmode=verify-full

# The command `e` runs to edit a brief at the selected line (default: $VISUAL, then $EDITOR).
# editor: nvim

# Keys: binding id -> comma-separated keys. The ids and default keys are listed by `?` in the
# reader and in docs/keys.md. Keys are Textual key names: a, G, ctrl+x, f1, question_mark, ...
keymap:
  app.help: question_mark,f1
  # review.toggle: x

# Saved searches: name -> query (the search language of docs/search.md). Each is offered in the
# command palette (ctrl+p) as "Search: NAME", and in the library.
# searches:
#   contradicted: rel:contradicts is:unreviewed
#   weak sources: reliability:>=D
"""
"""A commented example `config.yaml`, printed by `brief config`; it loads with no problems."""
