"""Pathological files: a YAML alias bomb and a 20 MB brief. Prints only; never fails.

The tests (tests/test_problems.py) check that each is refused with the right problem; how long
that takes is measured here, against the same small workspace without the bad file, loaded in
the same run, so the ratio means the same on a slow machine as on a fast one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from tui.load.library import load_library

from .load import timed

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BIG = 20 << 20
"""Bytes of the large brief (beyond the loader's limit)."""


def workspace(tmp: Path, name: str) -> Path:
    """A copy of the tests' small workspace (one good brief and its seed)."""
    root = tmp / name
    shutil.copytree(FIXTURES / "ws", root)
    return root


def refused_as(root: Path) -> str:
    """The problem codes the workspace's files get (the bad file must get one)."""
    return ", ".join(sorted({p.code for p in load_library(root).problems})) or "none"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = timed(workspace(Path(tmp), "base"))
        print(f"small workspace (1 brief), baseline: {base:.1f} ms")

        bomb = workspace(Path(tmp), "bomb")
        shutil.copy(FIXTURES / "problems" / "yaml-alias.md", bomb / "briefs")
        ms = timed(bomb)
        print(
            f"  + a YAML alias bomb ({refused_as(bomb)}): {ms:.1f} ms, "
            f"{ms / base:.1f}x the baseline"
        )

        big = workspace(Path(tmp), "big")
        with (big / "briefs" / "big.md").open("wb") as f:
            f.write(b"---\nbrief: 1\ntitle: big\n---\n")
            f.write(b"x" * BIG)
        ms = timed(big, runs=3)
        print(
            f"  + a {BIG >> 20} MB brief ({refused_as(big)}): {ms:.1f} ms, "
            f"{ms / base:.1f}x the baseline"
        )


if __name__ == "__main__":
    main()
