"""Reading one brief file into a `Brief`: bytes, front matter, YAML, validation, sanitising.

Checks that need other files (seeds, cross-references, ids across briefs) are in `library.py`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path as FsPath
from typing import Any

from ..model import Brief, Claim, ClaimKey, Pos, Problem, Seed, Severity, Source, Xref
from ..text import has_unsafe, line_col, sanitize
from .schema import ITEM_SPECS, BriefSpec, ClaimSpec, SeedSpec, SourceSpec, XrefSpec
from .textfile import ReadError, read_text
from .validate import Kept, Located, Validation
from .yamlread import Path, read_yaml

MAX_BRIEF_BYTES = 1 << 20
"""Largest brief file read (1 MiB): a brief is prose plus a few hundred claims."""

_SLUGGY = re.compile(r"[^A-Za-z0-9._-]+")


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


class _Reader(Validation):
    def __init__(self, file: FsPath, rel: str) -> None:
        self.file = file
        self.rel = rel
        self.problems: list[Problem] = []
        self.located = Located(
            Brief(id=slug_of(file.stem), path=rel, title=file.stem, pos=Pos(rel, 1, 1))
        )

    def problem(
        self, pos: Pos, severity: Severity, code: str, message: str, hint: str = ""
    ) -> None:
        self.problems.append(Problem(pos, severity, code, message, hint))

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

    def seed(self, kept: Kept) -> Seed:
        spec: SeedSpec = kept.spec
        base: Path = ("seeds", kept.index)
        return Seed(
            id=kept.written.get("id", spec.id),
            path="" if "path" in kept.invalid else spec.path,
            title=self.clean(spec.title, (*base, "title")),
            pos=self.located.pos(base),
            invalid=kept.invalid,
        )

    def source(self, kept: Kept) -> Source:
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

    def claim(self, brief_id: str, kept: Kept) -> Claim:
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

    def xref(self, brief_id: str, kept: Kept) -> Xref:
        spec: XrefSpec = kept.spec
        i = kept.index
        return Xref(
            brief=brief_id,
            source=ClaimKey.parse(kept.written.get("from", spec.from_), brief_id),
            target=ClaimKey.parse(kept.written.get("to", spec.to), brief_id),
            rel=spec.rel,
            pos=self.located.pos(("xrefs", i)),
            note=self.clean(spec.note, ("xrefs", i, "note")),
            index=i,
            invalid=kept.invalid,
        )
