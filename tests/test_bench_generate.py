"""The benchmark generator (bench/generate.py) writes workspaces that check clean."""

from __future__ import annotations

from pathlib import Path

from bench.generate import CLAIMS, make_workspace
from tui.load.library import load_library


def test_generated_workspace_checks_clean(tmp_path: Path) -> None:
    # 10 briefs: one of them is a .yaml brief, later ones refer to earlier ones.
    root = make_workspace(tmp_path / "ws", 10)
    library = load_library(root)
    assert [p.format() for p in library.problems] == []
    assert len(library.briefs) == 10
    assert {Path(b.path).suffix for b in library.briefs} == {".md", ".yaml"}
    claims = [c for b in library.briefs for c in b.claims]
    assert len(claims) == 10 * CLAIMS
    # Every quote is found in its seed, and some cross-references lead to other briefs.
    assert all(c.quote_span is not None for c in claims)
    assert any(x.target.brief != b.id for b in library.briefs for x in b.xrefs)


def test_generation_is_deterministic(tmp_path: Path) -> None:
    one = make_workspace(tmp_path / "a", 3)
    two = make_workspace(tmp_path / "b", 3)
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)
