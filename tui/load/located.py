"""What reading a brief leaves for the checks across briefs: its YAML document's values and
positions (`YamlDoc`), and the brief with them (`Located`).

Plain dataclasses, apart from the readers that fill them (`yamlread.py`, PyYAML; `validate.py`,
pydantic), so that a load served from the parse cache, and the reader's first frame, import
neither (issue 12). `yamlread` and `validate` re-export these names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Brief, Pos

Path = tuple[str | int, ...]


@dataclass
class YamlProblem:
    """A problem found while reading YAML, positioned in the text that was read (1-based)."""

    line: int
    col: int
    code: str
    message: str
    hint: str = ""


@dataclass
class YamlDoc:
    """What `read_yaml` returns: the value, where each part of it stands, and problems."""

    value: Any = None
    """The document as plain Python values (dict, list, str, int, float, bool, None, date)."""
    at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, col) of each value, by its path from the root."""
    key_at: dict[Path, tuple[int, int]] = field(default_factory=dict)
    """(line, col) of each mapping key, by the path of its value."""
    problems: list[YamlProblem] = field(default_factory=list)
    """Problems; when any is fatal, `value` is None."""
    raw: dict[Path, str] = field(default_factory=dict)
    """The text as written of each unquoted scalar that YAML turned into something not text."""


@dataclass
class Located:
    """A brief as read from one file, plus where each of its values stands (for later checks)."""

    brief: Brief
    """The brief (its seeds not yet read, its quotes not yet checked)."""
    doc: YamlDoc = field(default_factory=YamlDoc)
    """The YAML it was read from."""
    line_offset: int = 0
    """Lines before the YAML in the file (1 for front matter)."""
    indexes: dict[str, list[int]] = field(default_factory=dict)
    """For seeds, sources, claims and xrefs: the list index in the file of each item kept."""

    def item(self, kind: str, n: int, *rest: str | int) -> Pos:
        """Position of the n-th kept item of a kind (or of one of its fields)."""
        index = self.indexes.get(kind, [])
        return self.pos((kind, index[n] if n < len(index) else n, *rest))

    def pos(self, path: Path) -> Pos:
        """Position of the value at `path`, or of its nearest enclosing value."""
        for cut in range(len(path), -1, -1):
            at = self.doc.at.get(path[:cut])
            if at is not None:
                return Pos(self.brief.path, at[0], at[1])
        return Pos(self.brief.path, 1 + self.line_offset, 1)

    def key_pos(self, path: Path) -> Pos:
        """Position of the key naming the value at `path` (falls back to `pos`)."""
        at = self.doc.key_at.get(path)
        if at is None:
            return self.pos(path)
        return Pos(self.brief.path, at[0], at[1])
