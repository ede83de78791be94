"""`make bench`: every row of issue 12's table, as a ratio against a baseline timed in the same run.

Rows and their baselines (each baseline run is interleaved with the run it is compared with, so
a busy or slow machine slows both; ratios are taken pair by pair, then min / median / max):

- first frame, bundled example: `brief` started in a folder without briefs (it shows the bundled
  example) until anything is drawn, against a bare Textual app (one `Static`, `bench/bare.py`)
  started the same way. Both in tmux at 120x40 (`bench/runs.py`, `bench/terminal.py`): the
  clock starts just before the process does and stops when `capture-pane` first shows text.
  Below it, the floor: a bare Textual app drawing the library's widgets with no `brief` code
  (`python -m bench.bare lookalike`).
- library list usable, 1,000 briefs: until the library status line `1000 briefs · ...` is drawn,
  against the bare app's first frame; below it, the floor: the lookalike listing 1,000 two-line
  rows with nothing to load. Cold (no cache, or `--no-cache` in fresh folders) and warm
  (after a run has filled the cache); warm is "n/a (no cache yet)" until `brief --no-cache` exists.
  Warm again with a review file in which every item is reviewed (`runs.reviewed_state`).
- full load (`brief check`), cold / warm: the whole process, against a bare libyaml `CSafeLoader`
  parse of the same brief files, also a whole process (`bench/load.py`).
- peak memory of the reader: VmHWM of the `brief` process when the 1,000-brief library is usable,
  against the bare app's VmHWM.
- search, keystroke to frame, 50,000 claims: `bench/search.py` (the reader driven by `run_test`,
  key event to last frame written) against a bare Textual `Input` timed the same way.
- open a brief from the library: Enter sent to tmux until the brief screen is drawn, against a
  bare `Input` drawing a typed key in tmux (the same send-keys / capture-pane path).
- 5,000 briefs, and the scale curve at 100 / 1,000 / 5,000 briefs: time and peak RSS until the
  library list is usable.

Workspaces come from `bench/generate.py` (cached in `bench/.work/`). Every process runs with its
own empty config, state, data and cache folders. Options: `python -m bench.table --help`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .generate import size_of, workspace
from .load import FullLoad, full_load, supports
from .runs import App, Curve, bare_app, bare_echo, library_runs, lookalike_app, reader, say
from .search import Typing, p95, queries
from .search import bare as bare_typing
from .search import reader as reader_typing
from .terminal import Home

# -- formatting ---------------------------------------------------------------------------------


def spread(values: Sequence[float], fmt: Callable[[float], str]) -> str:
    """`min / median / max` (or the one value)."""
    if not values:
        return "n/a"
    if len(values) == 1:
        return fmt(values[0])
    return " / ".join(fmt(v) for v in (min(values), statistics.median(values), max(values)))


def ms(v: float) -> str:
    return f"{v * 1000:.0f} ms"


def sec(v: float) -> str:
    return f"{v:.2f} s" if v < 10 else f"{v:.1f} s"


def mb(v: float) -> str:
    return f"{v / 2**20:.0f} MB"


def ratio(v: float) -> str:
    return f"{v:.2f}x"


def ratios(num: Sequence[float], den: Sequence[float]) -> list[float]:
    """Pair by pair."""
    return [a / b for a, b in zip(num, den, strict=False) if b]


@dataclass
class Row:
    what: str
    baseline: str
    brief: str
    ratio: str
    target: str
    then: str


def print_table(rows: list[Row]) -> None:
    head = Row("what", "baseline (same run)", "brief now", "ratio", "target", "issue: then")
    cells = [[r.what, r.baseline, r.brief, r.ratio, r.target, r.then] for r in (head, *rows)]
    widths = [max(len(c[i]) for c in cells) for i in range(6)]
    for n, cell in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


ROWS = ("first", "library", "load", "search", "open", "scale")
"""Row groups `--rows` selects from."""

# -- the benchmark ------------------------------------------------------------------------------


def compiled() -> None:
    """Compile the checkout's Python files once, before anything is timed: with
    PYTHONDONTWRITEBYTECODE set (as on the machine this was built on), every process started
    compiled each module edited since its .pyc was written (~30 ms of a `brief` start)."""
    import compileall

    from .terminal import ROOT

    for folder in ("tui", "bench"):
        compileall.compile_dir(ROOT / folder, quiet=1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.table", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="rounds per row (default 3)")
    parser.add_argument(
        "--big-runs", type=int, default=1, help="rounds at the largest size (default 1)"
    )
    parser.add_argument(
        "--sizes", default="100,1000,5000", help="scale curve, briefs (default 100,1000,5000)"
    )
    parser.add_argument("--opens", type=int, default=3, help="briefs opened per 1,000-brief run")
    parser.add_argument(
        "--rows",
        default=",".join(ROWS),
        help=f"which rows to measure, comma-separated from {', '.join(ROWS)} (default all); "
        "`library` and `open` run at 1,000 briefs only, `scale` at every size",
    )
    args = parser.parse_args(argv)
    wanted = {r.strip() for r in args.rows.split(",") if r.strip()}
    if not wanted <= set(ROWS):
        parser.error(f"--rows: unknown {', '.join(sorted(wanted - set(ROWS)))}")
    if "scale" not in wanted:
        args.sizes = "1000"
    if not wanted & {"library", "open", "scale"}:
        args.sizes = ""
    if shutil.which("tmux") is None:
        raise SystemExit("bench.table needs tmux (apt-get install tmux)")
    sizes = sorted(
        {int(s) for s in args.sizes.split(",") if s} | ({1_000} if args.sizes else set())
    )
    opens = args.opens if "open" in wanted else 0
    compiled()
    begun = time.perf_counter()
    load_before = os.getloadavg()[0]

    say("generating (or reusing) workspaces in bench/.work/ ...")
    for n in sizes:
        b, s, files = size_of(workspace(n))
        say(f"  {files:,} briefs: {b / 1e6:.1f} MB of briefs + {s / 1e6:.1f} MB of seeds")
    cache = supports(["open"], "--no-cache")
    check_cache = supports(["check"], "--no-cache")
    say(f"parse cache: reader {'yes' if cache else 'no'}, check {'yes' if check_cache else 'no'}")

    first_bare: list[App] = []
    first_look: list[App] = []
    first_brief: list[App] = []
    if "first" in wanted:
        say("first frame, bundled example ...")
    for _ in range(max(args.runs, 5) if "first" in wanted else 0):
        with Home() as home:
            first_bare.append(bare_app(home))
            first_look.append(lookalike_app(home))
            first_brief.append(reader(home, None, 1))
    if first_brief and not any("brief" in run.first_screen for run in first_brief):
        say("  warning: brief's first frame does not show 'brief':\n" + first_brief[0].first_screen)

    curves: dict[int, Curve] = {}
    for n in sizes:
        runs = args.big_runs if n == max(sizes) and n > 1_000 else args.runs
        say(f"library list usable, {n:,} briefs, {runs} run(s) ...")
        curves[n] = library_runs(n, runs, opens if n == 1_000 else 0, cache, n == 1_000)

    load = FullLoad([], [], [], "")
    if "load" in wanted:
        say("full load (brief check), 1,000 briefs ...")
        load = full_load(workspace(1_000), args.runs)
        say(f"  {load.summary}")

    echo: list[float] = []
    if opens:
        say("keystroke echo in tmux ...")
        with Home() as home:
            echo = bare_echo(home)

    typed = queries()
    base_typing = found = Typing([], [])
    if "search" in wanted:
        say("search, keystroke to frame, 50,000 claims (run_test) ...")
        base_typing = asyncio.run(bare_typing(typed))
        with tempfile.TemporaryDirectory() as tmp:
            found = asyncio.run(reader_typing(workspace(1_000), typed, Path(tmp) / "r.db"))

    # -- the table --------------------------------------------------------------------------
    k = curves.get(1_000, Curve(1_000))
    bare_first = [r.first for r in first_bare]
    made: list[tuple[str, Callable[[], Row]]] = [
        (
            "first",
            lambda: Row(
                "first frame, bundled example",
                f"bare Textual app: {spread(bare_first, ms)}",
                spread([r.first for r in first_brief], ms),
                spread(ratios([r.first for r in first_brief], bare_first), ratio),
                "<= 1.15x",
                "2.4x",
            ),
        ),
        (
            "first",
            lambda: Row(
                "  (floor: a bare app drawing the library's widgets)",
                f"bare Textual app: {spread(bare_first, ms)}",
                spread([r.first for r in first_look], ms),
                spread(ratios([r.first for r in first_look], bare_first), ratio),
                "",
                "",
            ),
        ),
        (
            "first",
            lambda: Row(
                "  (bundled example: library listed)",
                f"bare Textual app: {spread(bare_first, ms)}",
                spread([r.usable for r in first_brief], ms),
                spread(ratios([r.usable for r in first_brief], bare_first), ratio),
                "",
                "",
            ),
        ),
        (
            "library",
            lambda: Row(
                "  (first frame, 1,000 briefs)",
                f"bare first frame: {spread([r.first for r in k.bare], ms)}",
                spread([r.first for r in k.cold], ms),
                spread(ratios([r.first for r in k.cold], [r.first for r in k.bare]), ratio),
                "",
                "",
            ),
        ),
        (
            "library",
            lambda: Row(
                "library list usable, 1,000 briefs, cold" + ("" if cache else " (no cache)"),
                f"bare first frame: {spread([r.first for r in k.bare], ms)}",
                spread([r.usable for r in k.cold], sec),
                spread(ratios([r.usable for r in k.cold], [r.first for r in k.bare]), ratio),
                "",
                "13-18 s (54x)",
            ),
        ),
        (
            "library",
            lambda: Row(
                "library list usable, 1,000 briefs, warm cache",
                f"bare first frame: {spread([r.first for r in k.bare], ms)}",
                spread([r.usable for r in k.warm], sec) if cache else "n/a (no cache yet)",
                spread(ratios([r.usable for r in k.warm], [r.first for r in k.bare]), ratio)
                if cache
                else "n/a",
                "<= 2x",
                "",
            ),
        ),
        (
            "library",
            lambda: Row(
                "  (warm, every item of every brief reviewed)",
                f"bare first frame: {spread([r.first for r in k.bare], ms)}",
                spread([r.usable for r in k.reviewed], sec) if k.reviewed else "n/a",
                spread(ratios([r.usable for r in k.reviewed], [r.first for r in k.bare]), ratio)
                if k.reviewed
                else "n/a",
                "",
                "",
            ),
        ),
        (
            "library",
            lambda: Row(
                "  (floor: a bare app listing 1,000 rows, nothing loaded)",
                f"bare first frame: {spread([r.first for r in k.bare], ms)}",
                spread([r.usable for r in k.look], sec),
                spread(ratios([r.usable for r in k.look], [r.first for r in k.bare]), ratio),
                "",
                "",
            ),
        ),
        (
            "load",
            lambda: Row(
                "full load (`brief check`), cold",
                f"CSafeLoader parse: {spread([r.seconds for r in load.parse], sec)}",
                spread([r.seconds for r in load.cold], sec),
                spread(
                    ratios([r.seconds for r in load.cold], [r.seconds for r in load.parse]), ratio
                ),
                "<= 1.1x",
                "2.9x",
            ),
        ),
        (
            "load",
            lambda: Row(
                "full load, warm",
                f"CSafeLoader parse: {spread([r.seconds for r in load.parse], sec)}",
                spread([r.seconds for r in load.warm], sec) if load.warm else "n/a (no cache yet)",
                spread(
                    ratios([r.seconds for r in load.warm], [r.seconds for r in load.parse]), ratio
                )
                if load.warm
                else "n/a",
                "<= 0.15x",
                "same as cold",
            ),
        ),
        (
            "library",
            lambda: Row(
                "peak memory of the reader (VmHWM, 1,000 briefs usable)",
                f"bare Textual app: {spread([r.peak for r in k.bare], mb)}",
                spread([r.peak for r in k.cold], mb),
                spread(ratios([r.peak for r in k.cold], [r.peak for r in k.bare]), ratio),
                "<= 150 MB",
                "872 MB",
            ),
        ),
        (
            "load",
            lambda: Row(
                "  (`brief check` peak RSS, 1,000 briefs)",
                f"CSafeLoader parse: {spread([r.peak for r in load.parse], mb)}",
                spread([r.peak for r in load.cold], mb),
                spread(ratios([r.peak for r in load.cold], [r.peak for r in load.parse]), ratio),
                "",
                "",
            ),
        ),
        (
            "search",
            lambda: Row(
                f"search, keystroke to frame, 50,000 claims ({len(found.keystrokes)} keys)",
                "bare Input: median "
                f"{statistics.median(base_typing.keystrokes):.1f} ms, p95 "
                f"{p95(base_typing.keystrokes):.1f} ms",
                f"median {statistics.median(found.keystrokes):.1f} ms, p95 "
                f"{p95(found.keystrokes):.1f} ms, max {max(found.keystrokes):.0f} ms",
                ratio(
                    statistics.median(found.keystrokes) / statistics.median(base_typing.keystrokes)
                ),
                "<= 16 ms median",
                "45 ms median, p95 74 ms",
            ),
        ),
        (
            "search",
            lambda: Row(
                "  (of which search + showing results)",
                "",
                f"median {statistics.median(found.searches):.1f} ms, "
                f"p95 {p95(found.searches):.1f} ms",
                "",
                "",
                "",
            ),
        ),
        (
            "open",
            lambda: Row(
                f"open a brief from the library ({len(k.cold)}x{args.opens} opens)",
                f"bare Input, key drawn in tmux: {spread(echo, ms)}",
                spread([t for r in k.cold for t in r.opens], ms),
                ratio(
                    statistics.median([t for r in k.cold for t in r.opens])
                    / statistics.median(echo)
                )
                if opens
                else "n/a",
                "<= 100 ms",
                "408 ms",
            ),
        ),
    ]
    rows = [make() for group, make in made if group in wanted]
    previous: Curve | None = None
    for n in sizes if "scale" in wanted else []:
        c = curves[n]
        usable = [r.usable for r in c.cold]
        peak = [float(r.peak) for r in c.cold]
        slope = ""
        if previous is not None:
            more = (n - previous.briefs) / 1_000
            before_s = statistics.median(r.usable for r in previous.cold)
            before_mb = statistics.median(r.peak for r in previous.cold)
            slope = (
                f"; +{(statistics.median(usable) - before_s) / more:.1f} s, "
                f"+{(statistics.median(peak) - before_mb) / more / 2**20:.0f} MB "
                f"per 1,000 more briefs"
            )
        previous = c
        rows.append(
            Row(
                f"scale: {n:,} briefs, until usable; peak RSS",
                f"bare first frame: {spread([r.first for r in c.bare], ms)}",
                f"{spread(usable, sec)}; {spread(peak, mb)}",
                f"{spread(ratios(usable, [r.first for r in c.bare]), ratio)}{slope}",
                "linear; seconds with a warm cache" if n == max(sizes) else "",
                "73 s, 4 GB" if n == 5_000 else "",
            )
        )
        if c.warm:
            rows.append(
                Row(
                    f"scale: {n:,} briefs, warm cache",
                    "",
                    f"{spread([r.usable for r in c.warm], sec)}; "
                    f"{spread([r.peak for r in c.warm], mb)}",
                    spread(ratios([r.usable for r in c.warm], [r.first for r in c.bare]), ratio),
                    "",
                    "",
                )
            )
        elif n == max(sizes):
            rows.append(
                Row(f"scale: {n:,} briefs, warm cache", "", "n/a (no cache yet)", "", "", "")
            )

    print()
    print(
        f"issue 12, before/after table (min / median / max; ratios pair by pair; "
        f"{args.runs} runs"
        + (f", {args.big_runs} at {max(sizes):,} briefs" if "scale" in wanted else "")
        + "; tmux 120x40)"
    )
    print_table(rows)
    for n in sizes:
        b, s, files = size_of(workspace(n))
        print(
            f"workspace {files:,} briefs: {(b + s) / 1e6:.1f} MB "
            f"({b / 1e6:.1f} MB of briefs, {s / 1e6:.1f} MB of seeds)"
        )
    if load.summary:
        print(f"brief check on 1,000 briefs: {load.summary}")
    if "search" in wanted:
        print(f"search queries typed: {' | '.join(typed)}")
    print(
        f"total time {time.perf_counter() - begun:.0f} s; load average {load_before:.1f} at the "
        f"start, {os.getloadavg()[0]:.1f} at the end ({os.cpu_count()} CPUs): other work on the "
        "machine slows brief and its baselines alike, but not exactly alike"
    )


if __name__ == "__main__":
    main()
