"""Reading a small YAML file (config, theme) into a document and positioned problems."""

from __future__ import annotations

from pathlib import Path

from ..model import Pos, Problem
from .textfile import ReadError, read_text
from .yamlread import Path as YamlPath
from .yamlread import YamlDoc, read_yaml

MAX_SETTINGS_BYTES = 256 * 1024
"""Largest settings file read (config.yaml or a theme)."""


def position(doc: YamlDoc, shown: str, loc: YamlPath) -> Pos:
    """Position of the value at `loc` in a document, or of its nearest enclosing value."""
    for cut in range(len(loc), -1, -1):
        at = doc.at.get(loc[:cut])
        if at is not None:
            return Pos(shown, at[0], at[1])
    return Pos(shown, 1, 1)


def key_position(doc: YamlDoc, shown: str, loc: YamlPath) -> Pos:
    """Position of the key naming the value at `loc` (falls back to the value's position)."""
    at = doc.key_at.get(loc)
    return Pos(shown, at[0], at[1]) if at is not None else position(doc, shown, loc)


def read_yaml_file(
    path: Path, shown: str | None = None, max_bytes: int = MAX_SETTINGS_BYTES
) -> tuple[YamlDoc, list[Problem]]:
    """Read a small YAML settings file (config or theme). Never raises.

    Args:
        path: The file.
        shown: The path as shown in problems (default: `str(path)`).
        max_bytes: Larger files are refused with a problem.

    Returns:
        The document (its `value` is None when it could not be read) and error problems.
    """
    name = str(path) if shown is None else shown
    doc = YamlDoc()

    def fail(
        line: int, col: int, code: str, message: str, hint: str = ""
    ) -> tuple[YamlDoc, list[Problem]]:
        return doc, [Problem(Pos(name, line, col), "error", code, message, hint)]

    text = read_text(path, max_bytes, "is this the right file?", files="the config and themes")
    if isinstance(text, ReadError):
        return fail(text.line, text.col, text.code, text.message, text.hint)
    doc = read_yaml(text)
    problems = [
        Problem(Pos(name, p.line, p.col), "error", p.code, p.message, p.hint) for p in doc.problems
    ]
    return doc, problems
