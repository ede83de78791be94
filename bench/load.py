"""Load-time benchmark: the bundled example and generated workspaces. Prints; never fails."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tui.load.library import load_library

from .generate import make_workspace

ROOT = Path(__file__).resolve().parent.parent


def timed(path: Path, runs: int = 5) -> float:
    """Median milliseconds to load a workspace (warm imports)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_library(path)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_check_ms() -> float:
    """Milliseconds for a whole `brief check` process on the example (imports included)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui", "check", str(ROOT / "briefs")],
        check=True,
        capture_output=True,
    )
    return (time.perf_counter() - start) * 1000


def main() -> None:
    print(f"example (1 brief, 12 claims): {timed(ROOT / 'briefs'):.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        for briefs, claims in ((100, 20), (1000, 20)):
            ws = make_workspace(Path(tmp) / f"w{briefs}", briefs, claims)
            ms = timed(ws, runs=3)
            print(
                f"{briefs} generated briefs x {claims} claims: {ms:.0f} ms "
                f"({ms / briefs:.2f} ms/brief)"
            )
    print(f"`brief check` process on the example, cold: {cold_check_ms():.0f} ms")


if __name__ == "__main__":
    main()
