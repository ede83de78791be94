"""What reading a brief leaves for the checks across briefs: its YAML document's values and
positions (`YamlDoc`), and the brief with them (`Located`).

Plain dataclasses, apart from the readers that fill them (`yamlread.py`, PyYAML; `validate.py`,
pydantic), so that a load served from the parse cache, and the reader's first frame, import
neither (issue 12). `yamlread` and `validate` re-export these names.
"""

from __future__ import annotations

from array import array
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
    cross: CrossPositions | None = None
    """Instead of `doc`, once the YAML is dropped: the positions the checks across briefs ask
    for."""

    def item(self, kind: str, n: int, *rest: str | int) -> Pos:
        """Position of the n-th kept item of a kind (or of one of its fields)."""
        index = self.indexes.get(kind, [])
        return self.pos((kind, index[n] if n < len(index) else n, *rest))

    def pos(self, path: Path) -> Pos:
        """Position of the value at `path`, or of its nearest enclosing value."""
        get = self.doc.at.get if self.cross is None else self.cross.get
        for cut in range(len(path), -1, -1):
            at = get(path[:cut])
            if at is not None:
                return Pos(self.brief.path, at[0], at[1])
        return Pos(self.brief.path, 1 + self.line_offset, 1)

    def key_pos(self, path: Path) -> Pos:
        """Position of the key naming the value at `path` (falls back to `pos`)."""
        at = self.doc.key_at.get(path)
        if at is None:
            return self.pos(path)
        return Pos(self.brief.path, at[0], at[1])


class CrossPositions:
    """Where a brief's `id`, each of its cross-references and their `from` and `to` stand: all
    the checks across briefs ask of a brief once its YAML is dropped (`links.py`).

    One array of ints: line and column of the id, then six for each cross-reference by its index
    in the file (itself, `from`, `to`; 0 where there is none). A dict keyed by paths took 18 MB
    of a 1,000-brief library, kept for the next reload (issue 12).
    """

    __slots__ = ("ints",)

    def __init__(self, ints: array[int]) -> None:
        self.ints = ints
        """The positions, as laid out above."""

    @classmethod
    def of(cls, loc: Located) -> CrossPositions:
        """The positions of a brief as read (each as `Located.pos` finds it)."""
        indexes = [x.index for x in loc.brief.xrefs]
        ints = array("i", bytes(4 * (2 + 6 * (max(indexes, default=-1) + 1))))
        here = loc.pos(("id",))
        ints[0], ints[1] = here.line, here.col
        for i in indexes:
            for k, path in enumerate((("xrefs", i), ("xrefs", i, "from"), ("xrefs", i, "to"))):
                at = loc.pos(path)
                ints[2 + 6 * i + 2 * k], ints[3 + 6 * i + 2 * k] = at.line, at.col
        return cls(ints)

    def get(self, path: Path) -> tuple[int, int] | None:
        """(line, col) of `("id",)`, `("xrefs", i)` or `("xrefs", i, "from" | "to")`; None for
        any other path, or a cross-reference there is none of."""
        if path == ("id",):
            at = 0
        elif len(path) in (2, 3) and path[0] == "xrefs" and isinstance(path[1], int):
            end = path[2:]
            if end not in ((), ("from",), ("to",)) or path[1] < 0:
                return None
            at = 2 + 6 * path[1] + (2 if end == ("from",) else 4 if end == ("to",) else 0)
        else:
            return None
        if at + 1 >= len(self.ints) or not self.ints[at]:
            return None
        return self.ints[at], self.ints[at + 1]
