"""Full-load benchmark: `brief check` as a whole process against a bare libyaml parse.

Both are timed as processes from start to exit (interpreter start and imports included), on the
same generated workspace, one after the other in each round, so their ratio means the same on a
slow or busy machine as on a fast one. Peak memory (`ru_maxrss` of the child) comes with each.

With a parse cache (`brief check --no-cache` exists), `cold` runs with `--no-cache` in a fresh
cache folder, and `warm` runs after one run has filled the cache; without one, warm is n/a.
`python -m bench.load` also times the in-process `load_library` on the example and 100/1,000
generated briefs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tui.load.library import load_library

from .generate import workspace
from .terminal import Home

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """One process run."""

    seconds: float
    peak: int
    """Peak resident memory, bytes."""
    output: str
    code: int


def run(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run a process to its end; wall time from start to exit, and its peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=ROOT
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stdout.close()
    return Run(seconds, usage.ru_maxrss * 1024, out.decode(errors="replace"), proc.returncode)


def supports(command: list[str], flag: str) -> bool:
    """Whether a `brief` command lists `flag` in its --help."""
    out = run([sys.executable, "-m", "tui", *command, "--help"]).output
    return flag in out


def has_cache() -> bool:
    """Whether `brief check` has a parse cache to bypass (`--no-cache`)."""
    return supports(["check"], "--no-cache")


def check(root: Path, home: Home, *flags: str) -> Run:
    """`brief check ROOT` as a process in its own home folders."""
    done = run([sys.executable, "-m", "tui", "check", str(root), *flags], home.env())
    if done.code not in (0, 1):
        raise RuntimeError(f"brief check failed ({done.code}):\n{done.output[-2000:]}")
    return done


def parse(root: Path, home: Home) -> Run:
    """The baseline: a bare `yaml.load(..., Loader=CSafeLoader)` of every brief file."""
    done = run([sys.executable, "-m", "bench.bare", "parse", str(root)], home.env())
    if done.code != 0:
        raise RuntimeError(f"bare parse failed:\n{done.output[-2000:]}")
    return done


@dataclass
class FullLoad:
    """Rounds of (baseline, cold, warm) runs; warm is empty without a cache."""

    parse: list[Run]
    cold: list[Run]
    warm: list[Run]
    summary: str
    """The last line of `brief check` (briefs, claims, errors, warnings)."""


def full_load(root: Path, rounds: int) -> FullLoad:
    """Time `brief check` cold (and warm, with a cache) against the bare parse, interleaved."""
    cache = has_cache()
    result = FullLoad([], [], [], "")
    for _ in range(rounds):
        with Home() as home:
            result.parse.append(parse(root, home))
            cold = check(root, home, *(["--no-cache"] if cache else []))
            result.cold.append(cold)
            result.summary = cold.output.strip().splitlines()[-1]
            if cache:
                check(root, home)  # fills the cache in this home
                result.warm.append(check(root, home))
    return result


def timed(path: Path, runs: int = 5) -> float:
    """Median milliseconds to load a workspace in this process (warm imports, no parse cache)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        load_library(path, cache=False)  # every file read: comparable with the parse
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    # The processes first: a child's peak RSS counts from its parent's at fork (Linux keeps
    # ru_maxrss across exec), so the 1,000-brief load in this process must come after them.
    ws = workspace(1_000)
    found = full_load(ws, 3)
    report(found)
    print(f"example (1 brief, 12 claims), in process: {timed(ROOT / 'briefs'):.1f} ms")
    for briefs in (100, 1_000):
        ws = workspace(briefs)
        ms = timed(ws, runs=3 if briefs <= 100 else 1)
        print(f"{briefs:,} generated briefs, in process: {ms:.0f} ms ({ms / briefs:.2f} ms/brief)")


def report(found: FullLoad) -> None:
    """Print the process timings and peaks."""
    parse_s = statistics.median(r.seconds for r in found.parse)
    cold_s = statistics.median(r.seconds for r in found.cold)
    print(f"`brief check` process, 1,000 briefs: {found.summary}")
    print(
        f"  cold {cold_s:.2f} s vs bare CSafeLoader parse {parse_s:.2f} s: "
        f"{cold_s / parse_s:.2f}x (medians of 3)"
    )
    mb = 1 << 20
    print(
        f"  peak memory: cold {statistics.median(r.peak for r in found.cold) / mb:.0f} MB, "
        f"parse {statistics.median(r.peak for r in found.parse) / mb:.0f} MB"
    )
    if found.warm:
        warm_s = statistics.median(r.seconds for r in found.warm)
        warm_mb = statistics.median(r.peak for r in found.warm) / mb
        print(f"  warm {warm_s:.2f} s: {warm_s / parse_s:.2f}x the parse; peak {warm_mb:.0f} MB")
    else:
        print("  warm: n/a (no cache yet)")


if __name__ == "__main__":
    main()
