"""A theme file's fields and values as a Textual `Theme`, without pydantic or positions.

Before the first frame the bundled themes are read here (`quick_theme`: the plain subset of YAML
they are written in, without PyYAML);
every other theme file, and a bundled one that looks unusual, is read and checked by
`themes.read_theme` (`theme_model.py`: pydantic), which builds its `Theme` here too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual.theme import Theme

from .theme_colours import variables_for

THEME_FIELDS = (
    "name",
    "description",
    "author",
    "dark",
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
    "variables",
)
"""The fields of `ThemeFile` (`FIELD_NAMES`), known without importing pydantic."""

_PALETTE = THEME_FIELDS[4:-1]
"""The colour fields a `Theme` takes."""


def build_theme(fields: Mapping[str, Any]) -> Theme:
    """A Textual `Theme` from a theme file's checked fields, with every app colour in its
    `variables` (a theme may set only some of them: the rest follow its own palette)."""
    variables = dict(fields.get("variables") or {})
    palette: dict[str, Any] = {name: fields.get(name) for name in _PALETTE}
    theme = Theme(
        name=fields["name"], dark=fields.get("dark", True), variables=dict(variables), **palette
    )
    theme.variables = {**variables_for(theme), **variables}
    return theme


_LINE = re.compile(
    r"""^(?P<indent>[ ]*)(?P<key>[A-Za-z][A-Za-z0-9_-]*):
        (?:[ ]+(?:"(?P<dq>[^"\\]*)"|'(?P<sq>[^']*)'|(?P<plain>[A-Za-z][^:#"'\n]*?)))?
        [ ]*(?:[ ]\#.*)?$""",
    re.VERBOSE,
)
"""One line of the YAML subset `quick_theme` reads: `key: value` at the top level or two spaces
in, the value quoted without escapes, or plain text starting with a letter (no `:`, `#` or
quotes), or nothing (a mapping follows); a comment may follow a quoted value."""

_NOT_TEXT = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"])
"""Plain words YAML reads as something other than text (compared in lower case)."""


def _plain_yaml(text: str) -> dict[str, Any] | None:
    """A theme file's fields, when the file is written in the plain subset of YAML the bundled
    themes use (`_LINE`); None for anything else (it may still be valid YAML)."""
    data: dict[str, Any] = {}
    inner: dict[str, Any] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            return None
        key, indent = match["key"], match["indent"]
        if match["dq"] is not None:
            value: Any = match["dq"]
        elif match["sq"] is not None:
            value = match["sq"]
        elif match["plain"] is not None:
            value = match["plain"].strip()
            if value.lower() in _NOT_TEXT:
                if value not in ("true", "false"):
                    return None
                value = value == "true"
        else:
            value = None
        if indent == "":
            if key in data:
                return None
            if value is None:
                inner = data[key] = {}
            else:
                inner = None
                data[key] = value
        elif indent == "  " and inner is not None and value is not None and key not in inner:
            inner[key] = value
        else:
            return None
    return data


def quick_theme(path: Path) -> Theme | None:
    """A theme file read without PyYAML, pydantic or positions, when it is written as the bundled
    themes are (`_plain_yaml`) and holds only known fields with plain values; None when anything
    looks off: read it with `read_theme`, which reports what is wrong."""
    try:
        data = _plain_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if data is None or not all(key in THEME_FIELDS for key in data):
        return None
    text = (str, type(None))
    variables = data.get("variables", {})
    plain = (
        isinstance(data.get("name"), str)
        and isinstance(data.get("dark", True), bool)
        and all(isinstance(data.get(key, ""), str) for key in ("description", "author"))
        and all(isinstance(data.get(key), text) for key in _PALETTE)
        and isinstance(variables, dict)
        and all(isinstance(v, str) for v in variables.values())
    )
    try:
        return build_theme(data) if plain else None
    except Exception:  # noqa: BLE001 - the full reading reports it
        return None
