"""Reading a `config.yaml` that exists into a `Config` and positioned problems (`load.py`
calls it; with no file there is nothing to read and this module, pydantic and PyYAML are not
imported).

The file is read like a brief: strict YAML with a position for every value, validated by the
strict `Config` model, and every mistake becomes a positioned `Problem` instead of an exception.
A bad value is dropped and the rest of the file still applies, so one typo never costs the user
their keymap.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..load.errors import errors_of, explain, unknown_keys
from ..load.yamlfile import MAX_SETTINGS_BYTES, key_position, position, read_yaml_file
from ..load.yamlread import Path as YamlPath
from ..load.yamlread import YamlDoc
from ..model import Pos, Problem, Severity
from ..text import has_unsafe, sanitize
from .model import FIELDS, Config
from .schema import validate

MAX_CONFIG_BYTES = MAX_SETTINGS_BYTES
"""Largest config (or theme) file read: real ones are a few hundred bytes."""


class Loader:
    """One reading of one config file: its YAML document and the problems found so far."""

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
        config = replace(
            config,
            _source=self.path,
            _key_at={
                loc: key_position(self.doc, self.shown, loc)
                for loc in self.doc.key_at
                if loc and loc[0] in FIELDS
            },
            _value_at={
                loc: position(self.doc, self.shown, loc)
                for loc in self.doc.at
                if loc and loc[0] in FIELDS
            },
        )
        self.problems.sort(key=lambda p: (p.pos.line, p.pos.col))
        return config, self.problems

    def known(self, value: dict[str, Any]) -> dict[str, Any]:
        """The settings this version knows; the others are reported and left out."""
        data: dict[str, Any] = {}

        def where(key: str) -> Pos:
            return key_position(self.doc, self.shown, (key,))

        self.problems += unknown_keys(value, FIELDS, where, "setting")
        for key, item in value.items():
            if key in FIELDS:
                data[key] = item
        for mapping in ("keymap", "searches"):  # copies: a bad entry is dropped from them
            if isinstance(data.get(mapping), dict):
                data[mapping] = dict(data[mapping])
        self.refuse_unsafe(data)
        return data

    def refuse_unsafe(self, data: dict[str, Any]) -> None:
        # Settings are shown on screen and used as paths and commands: control characters there
        # are never meant, and showing a sanitised stand-in would hide what is really set.
        spots: list[tuple[YamlPath, str, bool]] = [
            ((key,), val, False) for key, val in data.items() if isinstance(val, str)
        ]
        for mapping in ("keymap", "searches"):
            entries = data.get(mapping)
            if not isinstance(entries, dict):
                continue
            for key, val in entries.items():
                spots.append(((mapping, key), key, True))
                if isinstance(val, str):
                    spots.append(((mapping, key), val, False))
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
            self.drop(data, loc)

    def validate(self, data: dict[str, Any]) -> Config:
        for _ in range(3):  # each round drops what failed; nested drops may need a second
            try:
                return validate(data)
            except ValidationError as exc:
                for loc, err in errors_of(exc, ()):
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
        """Remove the failing value: one keymap entry or saved search, else the whole setting."""
        entries = data.get(str(loc[0])) if loc else None
        if len(loc) >= 2 and loc[0] in ("keymap", "searches") and isinstance(entries, dict):
            entries.pop(loc[1], None)
        elif loc:
            data.pop(str(loc[0]), None)
