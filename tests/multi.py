"""A small workspace of three briefs that refer to each other, made in a temporary folder."""

from __future__ import annotations

from pathlib import Path


def brief(brief_id: str, claims: str, extra: str = "", body: str = "") -> str:
    """A small brief: one source `src`, the claims given (`id: text` pairs), extra front matter."""
    lines = ["---", "brief: 1", f"id: {brief_id}", f"title: Brief {brief_id}", "sources:"]
    lines += ["  - id: src", "    name: A Source", "claims:"]
    for claim in claims.split(";"):
        cid, text = claim.split(":")
        lines += [f"  - id: {cid.strip()}", "    source: src", f"    text: {text.strip()}"]
    return "\n".join([*lines, *extra.splitlines(), "---", body, ""])


BAD = """\
---
brief: 1
id: other
title: Brief other
sources:
  - id: src
    name: A Source
claims:
  - id: seen
    source: nobody
    text: Convoys near Kursk.
---
"""
"""Brief `other`: claim `seen` (about Kursk) names an undeclared source (an error)."""

X = brief(
    "x",
    "a: Troops moved to Kursk",
    "xrefs:\n  - from: a\n    to: other#seen\n    rel: corroborates",
    "See [[other#seen]].",
)
"""Brief `x`: its claim corroborates `other#seen`, and its summary links there."""


def make_multi(root: Path) -> Path:
    """A workspace: briefs/x.md -> briefs/other.md (which has an error); briefs/sub/y.md -> x."""
    (root / "briefs" / "sub").mkdir(parents=True)
    (root / "briefs" / "x.md").write_text(X, encoding="utf-8")
    (root / "briefs" / "other.md").write_text(BAD, encoding="utf-8")
    (root / "briefs" / "sub" / "y.md").write_text(
        brief(
            "y",
            "b: Kursk again",
            "xrefs:\n  - from: b\n    to: x#a\n    rel: related",
        ),
        encoding="utf-8",
    )
    return root
