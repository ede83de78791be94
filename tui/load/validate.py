"""Validating one brief's fields: a bad value is reported once, where it stands, and dropped,
and the item keeps everything else (issue: one bad value once dropped a whole claim).

`Validation` is the part of the brief reader that turns YAML values into the format's models;
`tui/load/brief.py` reads the file and builds the `Brief` from what is kept here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model import Pos, Problem, Severity
from .errors import errors_of, explain, unknown_keys
from .located import Located
from .schema import ITEM_SPECS, BriefSpec, field_names
from .yamlread import Path

NAMING = frozenset({"id", "source", "seed", "from", "to"})
"""Fields that name an item (its own id) or point at one (a claim's `source` and `seed`, a
cross-reference's `from` and `to`).

When such a value is malformed but written as one line of text or a plain scalar (`id: 8000`,
`source: Antony Blinken`), it is kept as written, so that references between items still meet:
a malformed value is reported once, where it stands, and never again as "not declared".
"""

EMPTY_OK: dict[str, frozenset[str]] = {
    "": frozenset({"title"}),
    "seeds": frozenset({"path"}),
    "sources": frozenset({"name"}),
    "claims": frozenset({"source", "text"}),
    "xrefs": frozenset(),
}
"""Required fields an item is kept without (top level "", then each list), when they are
missing or invalid and cannot be kept as written. Any other failing required field drops the
item: a seed, source or claim with no usable `id` cannot be named, and a cross-reference without
both ends and a relation says nothing (nothing refers to a cross-reference, so dropping one never
makes a follow-on error)."""

_STAND_IN = "x"
"""Valid value for a failing required field while the rest of an item is validated (the built
item gets the written value, or an empty one, never the stand-in)."""


@dataclass
class Kept:
    """An item that passed validation, possibly after its failing fields were dropped."""

    index: int
    """Its index in the file's list."""
    spec: Any
    """The validated item."""
    invalid: tuple[str, ...] = ()
    """Fields whose value failed (or required fields left out); each is reported once."""
    written: dict[str, str] = field(default_factory=dict)
    """For failing naming fields (`NAMING`): the value as written, to use instead."""
    elements: dict[str, list[int]] = field(default_factory=dict)
    """For list fields that lost bad elements: the indexes in the file of those kept."""

    def at(self, name: str, j: int) -> int:
        """Index in the file of the j-th kept element of list field `name`."""
        kept = self.elements.get(name)
        return kept[j] if kept is not None else j


class Validation:
    """The validating half of the brief reader (which supplies `located`, `problem`, `clean`)."""

    located: Located
    problems: list[Problem]

    def problem(
        self, pos: Pos, severity: Severity, code: str, message: str, hint: str = ""
    ) -> None:
        """Record a problem of this brief."""
        raise NotImplementedError

    def clean(self, text: str, path: Path) -> str:
        """Text made safe to show (a problem is recorded when something was replaced)."""
        raise NotImplementedError

    def report(self, exc: ValidationError, base: Path) -> list[Path]:
        """Report each error of a validation at its position; their paths relative to `base`."""
        failed: list[Path] = []
        for loc, err in errors_of(exc, base):
            message, hint = explain(err, loc, self.located.doc)
            self.problem(self.located.pos(loc), "error", "invalid-field", message, hint)
            failed.append(loc[len(base) :])
        return failed

    def written(self, mapping: dict[str, Any], base: Path, name: str) -> str | None:
        """A naming field's value as the user wrote it, if it can name something at all."""
        value = mapping.get(name)
        path = (*base, name)
        if isinstance(value, str):
            text = value.strip()
        elif isinstance(value, (int, float, dt.date)):  # bool is an int
            text = self.located.doc.raw.get(path, str(value)).strip()
        else:
            return None  # missing, null, a list or a mapping: nothing names the item
        if not text or "\n" in text:
            return None
        return self.clean(text, path)

    def salvage(
        self, spec: type[BaseModel], data: dict[str, Any], base: Path, empty_ok: frozenset[str]
    ) -> Kept | None:
        """Validate an item; when some fields fail, report them and keep the item without them.

        Optional fields that fail are dropped (bad list elements alone, e.g. one bad tag).
        A required field that fails gets, in the built item, its written value when it is a
        naming field (`NAMING`) written as a scalar, else an empty value if it is in `empty_ok`;
        otherwise the item is dropped (see `EMPTY_OK`). Each failing value is reported once.
        """
        index = base[-1] if base and isinstance(base[-1], int) else 0
        try:
            return Kept(index, spec.model_validate(data))
        except ValidationError as exc:
            failed = self.report(exc, base)
        names: list[str] = []
        whole: set[str] = set()
        elements: dict[str, set[int]] = {}
        for loc in failed:
            if not loc or not isinstance(loc[0], str):
                return None  # the item itself is wrong (not a mapping): nothing to keep
            name = loc[0]
            if name not in names:
                names.append(name)
            if len(loc) > 1 and isinstance(loc[1], int) and isinstance(data.get(name), list):
                elements.setdefault(name, set()).add(loc[1])
            else:
                whole.add(name)
        kept = {k: v for k, v in data.items() if k not in whole}
        positions: dict[str, list[int]] = {}
        for name, bad in elements.items():
            if name not in whole:
                positions[name] = [j for j in range(len(data[name])) if j not in bad]
                kept[name] = [data[name][j] for j in positions[name]]
        fields = spec.model_fields
        required = {f.alias or n for n, f in fields.items() if f.is_required()}
        written: dict[str, str] = {}
        for name in names:
            if name in NAMING and name in whole:
                text = self.written(data, base, name)
                if text is not None:
                    written[name] = text
            if name in required and name in whole:
                if name not in written and name not in empty_ok:
                    return None
                kept[name] = _STAND_IN
        try:
            spec_value = spec.model_validate(kept)
        except ValidationError:  # pragma: no cover - every failing value was taken out
            return None
        return Kept(index, spec_value, tuple(names), written, positions)

    def validate_top(self, data: dict[str, Any]) -> Kept:
        top = {k: v for k, v in data.items() if k not in ITEM_SPECS}
        top.setdefault("brief", 1)
        kept = self.salvage(BriefSpec, top, (), EMPTY_OK[""])
        if kept is None:  # pragma: no cover - the top level always has a usable shape
            return Kept(
                0, BriefSpec.model_validate({"brief": 1, "title": self.located.brief.title})
            )
        if "title" in kept.invalid:
            # Keep what is valid: a brief with a bad title still shows, under its file name.
            spec = kept.spec.model_copy(update={"title": self.located.brief.title})
            kept = replace(kept, spec=spec)
        return kept

    def validate_items(self, data: dict[str, Any], key: str) -> list[Kept]:
        value = data.get(key)
        if value is None:
            return []
        spec = ITEM_SPECS[key]
        if not isinstance(value, list):
            self.problem(
                self.located.pos((key,)),
                "error",
                "invalid-field",
                f"`{key}` must be a list of `- id: ...` items, not {type(value).__name__}",
            )
            return []
        kept: list[Kept] = []
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem(
                    self.located.pos((key, i)),
                    "error",
                    "invalid-field",
                    f"each of `{key}` must be a mapping (`id: ...` lines)",
                    "start the item with `- id: ...` and indent its fields",
                )
                continue
            self.unknown_fields(item, (key, i), spec)
            salvaged = self.salvage(spec, item, (key, i), EMPTY_OK[key])
            if salvaged is not None:
                kept.append(salvaged)
        return kept

    def unknown_fields(self, mapping: dict[str, Any], base: Path, spec: type) -> None:
        def where(key: str) -> Pos:
            return self.located.key_pos((*base, key))

        self.problems += unknown_keys(mapping, field_names(spec), where)
