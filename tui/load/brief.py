"""Reading one brief file into a `Brief`: bytes, front matter, YAML, validation, sanitising.

Checks that need other files (seeds, cross-references, ids across briefs) are in `library.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model import Brief, Claim, ClaimKey, Pos, Problem, Seed, Source, Xref
from ..text import has_unsafe, line_col, sanitize
from .errors import errors_of, explain, unknown_keys
from .schema import ITEM_SPECS, BriefSpec, ClaimSpec, SeedSpec, SourceSpec, XrefSpec, field_names
from .textfile import ReadError, read_text
from .yamlread import Path, YamlDoc, read_yaml

MAX_BRIEF_BYTES = 1 << 20
"""Largest brief file read (1 MiB): a brief is prose plus a few hundred claims."""

_SLUGGY = re.compile(r"[^A-Za-z0-9._-]+")

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
class _Kept:
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


def slug_of(stem: str) -> str:
    """A usable brief id from a file stem."""
    slug = _SLUGGY.sub("-", stem).strip("-._")
    return slug or "brief"


def load_brief(file: FsPath, rel: str) -> Located:
    """Read one brief file. Never raises: every failure becomes a problem on the brief.

    Args:
        file: The file to read.
        rel: Its path as shown to the user (relative to the workspace root).

    Returns:
        The brief, listed even when it could not be read (then `brief.ok` is False).
    """
    try:
        return _Reader(file, rel).read()
    except Exception as exc:  # noqa: BLE001 - the last line of defence: list the file, don't crash
        reader = _Reader(file, rel)
        reader.problem(
            Pos(rel, 1, 1),
            "error",
            "internal",
            f"could not load this brief: {exc!r}",
            "please report this with the file attached",
        )
        return reader.failed()


class _Reader:
    def __init__(self, file: FsPath, rel: str) -> None:
        self.file = file
        self.rel = rel
        self.problems: list[Problem] = []
        self.located = Located(
            Brief(id=slug_of(file.stem), path=rel, title=file.stem, pos=Pos(rel, 1, 1))
        )

    def problem(self, pos: Pos, severity: str, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(pos, severity, code, message, hint))  # type: ignore[arg-type]

    def fatal(self, line: int, col: int, code: str, message: str, hint: str = "") -> Located:
        self.problem(Pos(self.rel, line, col), "error", code, message, hint)
        return self.failed()

    def failed(self) -> Located:
        brief = self.located.brief
        self.located.brief = Brief(
            id=brief.id,
            path=brief.path,
            title=brief.title,
            pos=brief.pos,
            problems=tuple(self.problems),
            ok=False,
        )
        return self.located

    # -- bytes to text -------------------------------------------------------------------------

    def read(self) -> Located:
        text = read_text(
            self.file,
            MAX_BRIEF_BYTES,
            "split it into several briefs, or move long text into a seed",
        )
        if isinstance(text, ReadError):
            return self.fatal(text.line, text.col, text.code, text.message, text.hint)
        if not text.strip(" \t\n"):
            return self.fatal(
                1,
                1,
                "empty-file",
                "the file is empty",
                "start it with `---`, `brief: 1`, `title: ...`, `---` (docs/format.md)",
            )
        if self.file.suffix.lower() == ".md":
            return self.read_markdown(text)
        return self.read_data(text, 0, "", 1)

    def read_markdown(self, text: str) -> Located:
        lines = text.split("\n")
        if lines[0].rstrip() != "---":
            return self.fatal(
                1,
                1,
                "frontmatter-missing",
                "a .md brief must start with a `---` line opening its front matter",
                "add `---`, `brief: 1`, `title: ...`, `---` above the summary",
            )
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            return self.fatal(
                1,
                1,
                "frontmatter-unclosed",
                "the front matter opened on line 1 is never closed",
                "add a line `---` after the last field, before the summary",
            )
        body = "\n".join(lines[end + 1 :])
        return self.read_data("\n".join(lines[1:end]), 1, body, end + 2)

    # -- YAML to model -------------------------------------------------------------------------

    def read_data(self, yaml_text: str, offset: int, body: str, body_line: int) -> Located:
        doc = read_yaml(yaml_text, first_line=offset + 1)
        self.located.doc = doc
        self.located.line_offset = offset
        for p in doc.problems:
            self.problem(Pos(self.rel, p.line, p.col), "error", p.code, p.message, p.hint)
        if doc.value is None:
            if doc.problems:
                return self.failed()
            what = "front matter" if offset else "file"
            return self.fatal(
                1 + offset,
                1,
                "frontmatter-empty",
                f"the {what} holds no fields",
                "add `brief: 1` and `title: ...`",
            )
        if not isinstance(doc.value, dict):
            what = "front matter" if offset else "a .yaml brief"
            pos = self.located.pos(())
            return self.fatal(
                pos.line,
                pos.col,
                "frontmatter-not-mapping",
                f"{what} must be a mapping of fields (`key: value`), "
                f"not {type(doc.value).__name__}",
                "write `brief: 1`, `title: ...` and the other fields as `key: value` lines",
            )
        data: dict[str, Any] = doc.value
        version = data.get("brief")
        if "brief" not in data:
            self.problem(
                self.located.pos(()),
                "error",
                "missing-version",
                "missing `brief: 1`: the format version",
                "add `brief: 1` as the first field",
            )
        elif version != 1 or isinstance(version, bool):
            return self.fatal(
                *self._at(("brief",)),
                "unsupported-version",
                f"unsupported format version {doc.raw.get(('brief',), repr(version))}",
                "this version of brief reads `brief: 1`",
            )
        top = self.validate_top(data)
        spec: BriefSpec = top.spec
        items = {key: self.validate_items(data, key) for key in ITEM_SPECS}
        self.located.indexes = {key: [k.index for k in kept] for key, kept in items.items()}
        self.unknown_fields(data, (), BriefSpec)
        summary = body if body.strip() else spec.summary
        brief_id = top.written.get("id") or spec.id or self.located.brief.id
        brief = Brief(
            id=brief_id,
            path=self.rel,
            title=self.clean(spec.title, ("title",)),
            pos=Pos(self.rel, 1, 1),
            date=spec.date,
            tags=tuple(self.clean(t, ("tags", top.at("tags", j))) for j, t in enumerate(spec.tags)),
            bluf=self.clean(spec.bluf, ("bluf",)),
            summary=self.clean_body(summary, body_line if body.strip() else None),
            summary_line=body_line if body.strip() else self.located.pos(("summary",)).line,
            seeds=tuple(self.seed(k) for k in items["seeds"]),
            sources=tuple(self.source(k) for k in items["sources"]),
            claims=tuple(self.claim(brief_id, k) for k in items["claims"]),
            xrefs=tuple(self.xref(brief_id, k) for k in items["xrefs"]),
            invalid=top.invalid,
        )
        self.located.brief = replace(brief, problems=tuple(self.problems))
        return self.located

    def _at(self, path: Path) -> tuple[int, int]:
        pos = self.located.pos(path)
        return pos.line, pos.col

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
    ) -> _Kept | None:
        """Validate an item; when some fields fail, report them and keep the item without them.

        Optional fields that fail are dropped (bad list elements alone, e.g. one bad tag).
        A required field that fails gets, in the built item, its written value when it is a
        naming field (`NAMING`) written as a scalar, else an empty value if it is in `empty_ok`;
        otherwise the item is dropped (see `EMPTY_OK`). Each failing value is reported once.
        """
        index = base[-1] if base and isinstance(base[-1], int) else 0
        try:
            return _Kept(index, spec.model_validate(data))
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
        return _Kept(index, spec_value, tuple(names), written, positions)

    def validate_top(self, data: dict[str, Any]) -> _Kept:
        top = {k: v for k, v in data.items() if k not in ITEM_SPECS}
        top.setdefault("brief", 1)
        kept = self.salvage(BriefSpec, top, (), EMPTY_OK[""])
        if kept is None:  # pragma: no cover - the top level always has a usable shape
            return _Kept(
                0, BriefSpec.model_validate({"brief": 1, "title": self.located.brief.title})
            )
        if "title" in kept.invalid:
            # Keep what is valid: a brief with a bad title still shows, under its file name.
            spec = kept.spec.model_copy(update={"title": self.located.brief.title})
            kept = replace(kept, spec=spec)
        return kept

    def validate_items(self, data: dict[str, Any], key: str) -> list[_Kept]:
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
        kept: list[_Kept] = []
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

    # -- sanitising and building ---------------------------------------------------------------

    def clean(self, text: str, path: Path) -> str:
        if not has_unsafe(text):
            return text
        self.problem(
            self.located.pos(path),
            "warning",
            "unsafe-char",
            "control or bidi characters replaced by visible stand-ins (� ␛)",
            "remove them: they can change how a terminal shows the text",
        )
        return sanitize(text)

    def clean_body(self, text: str, first_line: int | None) -> str:
        if first_line is None:
            return self.clean(text, ("summary",))
        if not has_unsafe(text):
            return text
        clean = sanitize(text)
        at = next(i for i, (a, b) in enumerate(zip(text, clean, strict=True)) if a != b)
        line, col = line_col(text, at)
        self.problem(
            Pos(self.rel, first_line + line - 1, col),
            "warning",
            "unsafe-char",
            "control or bidi characters in the summary replaced by visible stand-ins",
            "remove them: they can change how a terminal shows the text",
        )
        return clean

    def seed(self, kept: _Kept) -> Seed:
        spec: SeedSpec = kept.spec
        base: Path = ("seeds", kept.index)
        return Seed(
            id=kept.written.get("id", spec.id),
            path="" if "path" in kept.invalid else spec.path,
            title=self.clean(spec.title, (*base, "title")),
            pos=self.located.pos(base),
            invalid=kept.invalid,
        )

    def source(self, kept: _Kept) -> Source:
        spec: SourceSpec = kept.spec
        base: Path = ("sources", kept.index)
        source_id = kept.written.get("id", spec.id)
        return Source(
            id=source_id,
            # A source whose name is missing or bad is shown by its id.
            name=source_id if "name" in kept.invalid else self.clean(spec.name, (*base, "name")),
            pos=self.located.pos(base),
            role=self.clean(spec.role, (*base, "role")),
            kind=self.clean(spec.kind, (*base, "kind")),
            url=self.clean(spec.url, (*base, "url")),
            reliability=spec.reliability or "",
            note=self.clean(spec.note, (*base, "note")),
            invalid=kept.invalid,
        )

    def claim(self, brief_id: str, kept: _Kept) -> Claim:
        spec: ClaimSpec = kept.spec
        base: Path = ("claims", kept.index)
        bad = kept.invalid
        return Claim(
            brief=brief_id,
            id=kept.written.get("id", spec.id),
            source=kept.written.get("source", "" if "source" in bad else spec.source),
            text="" if "text" in bad else self.clean(spec.text, (*base, "text")),
            pos=self.located.pos(base),
            quote=self.clean(spec.quote, (*base, "quote")),
            seed=kept.written.get("seed", spec.seed or ""),
            date=spec.date,
            credibility=spec.credibility,
            confidence=spec.confidence or "",
            tags=tuple(
                self.clean(t, (*base, "tags", kept.at("tags", j))) for j, t in enumerate(spec.tags)
            ),
            note=self.clean(spec.note, (*base, "note")),
            invalid=bad,
        )

    def xref(self, brief_id: str, kept: _Kept) -> Xref:
        spec: XrefSpec = kept.spec
        i = kept.index
        return Xref(
            brief=brief_id,
            source=_key(brief_id, kept.written.get("from", spec.from_)),
            target=_key(brief_id, kept.written.get("to", spec.to)),
            rel=spec.rel,
            pos=self.located.pos(("xrefs", i)),
            note=self.clean(spec.note, ("xrefs", i, "note")),
            index=i,
            invalid=kept.invalid,
        )


def _key(brief_id: str, ref: str) -> ClaimKey:
    if "#" in ref:
        other, claim = ref.split("#", 1)
        return ClaimKey(other, claim)
    return ClaimKey(brief_id, ref)
