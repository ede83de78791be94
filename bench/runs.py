"""Runs in a real terminal (tmux, 120x40, `terminal.py`): the bare Textual app's first frame,
`brief` until its first frame and until its library list is usable, opening briefs from the
library, and a bare `Input` drawing typed keys: seconds as `Terminal.wait_for` measures them,
and the process's peak memory where it matters.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .bare import READY
from .generate import workspace
from .search import FREEZE_AFTER
from .terminal import Home, Terminal

PY = sys.executable
BRIEF_SCREEN = "Sources & claims"
"""Drawn on the brief screen only (a pane's title)."""


def status_line(n: int) -> str:
    """The library status line once `n` briefs are listed (thousands separator or not)."""
    return f"{n:,}".replace(",", ",?") + r" briefs? · [\d,]+ claims"


def showing(text: str) -> Callable[[str], bool]:
    """A test of the screen: `text` is drawn."""
    return lambda screen: text in screen


def drawn(screen: str) -> bool:
    """Anything on screen: the first frame."""
    return screen.strip() != ""


@dataclass
class App:
    """One run of an app in tmux."""

    first: float
    """Seconds until the first frame."""
    usable: float = 0.0
    """Seconds until the library list (for brief)."""
    peak: int = 0
    """VmHWM when usable (bare: at its first frame), bytes."""
    opens: list[float] = field(default_factory=list)
    """Seconds from Enter to the brief screen drawn, per brief opened."""
    first_screen: str = ""


def bare_app(home: Home) -> App:
    """The bare Textual app's first frame."""
    with Terminal([PY, "-m", "bench.bare", "app"], home.path, home.env()) as term:
        term.start()
        first = term.wait_for(READY)
        return App(first, first, term.peak_rss())


def lookalike_app(home: Home, rows: int = 0) -> App:
    """A bare Textual app drawing the library screen's widgets: its first frame, and with
    `rows`, until it has listed that many rows (`usable`)."""
    from .bare import LOOKALIKE_LISTED, LOOKALIKE_READY

    argv = [PY, "-m", "bench.bare", "lookalike", str(rows)]
    with Terminal(argv, home.path, home.env()) as term:
        term.start()
        first = term.wait_for(LOOKALIKE_READY)
        usable = term.wait_for(f"{rows:,} {LOOKALIKE_LISTED}") if rows else first
        return App(first, usable, term.peak_rss())


def reader(
    home: Home, path: Path | None, briefs: int, opens: int = 0, flags: Sequence[str] = ()
) -> App:
    """`brief [PATH]` until its first frame and until its library lists `briefs` briefs; then
    open `opens` briefs one after another (Enter, then Escape back and down one row)."""
    argv = [PY, "-m", "tui", *([str(path)] if path else []), *flags]
    with Terminal(argv, home.path, home.env()) as term:
        term.start()
        first = term.wait_for(drawn)
        first_screen = term.screen()
        usable = term.wait_for(status_line(briefs))
        run = App(first, usable, term.peak_rss(), first_screen=first_screen)
        if opens:
            time.sleep(FREEZE_AFTER + 0.5)  # a user opens a brief later than the app's freeze
        for _ in range(opens):
            sent = term.keys("Enter")
            run.opens.append(term.wait_for(showing(BRIEF_SCREEN), since=sent, timeout=60))
            back_to_library(term)
            term.keys("j")
            time.sleep(0.3)
        return run


def back_to_library(term: Terminal, tries: int = 6) -> None:
    """Escape from the brief screen until the library is drawn again. A lone Escape byte can
    sit in the app's input parser (it may start an escape sequence) until more input comes, so
    it is sent again when nothing happens for a while (not timed)."""
    for _ in range(tries):
        term.keys("Escape")
        try:
            term.wait_for(lambda s: BRIEF_SCREEN not in s, since=time.perf_counter(), timeout=10)
            return
        except TimeoutError:
            continue
    raise TimeoutError(f"Escape never led back to the library:\n{term.screen()}")


def bare_echo(home: Home, text: str = "benchmarking") -> list[float]:
    """Seconds from each key sent to tmux until a bare `Input` has drawn it."""
    times = []
    with Terminal([PY, "-m", "bench.bare", "echo"], home.path, home.env()) as term:
        term.start()
        term.wait_for(drawn)
        time.sleep(0.5)
        for n in range(1, len(text) + 1):
            typed = text[:n]
            sent = term.keys(text[n - 1])
            times.append(term.wait_for(showing(typed), since=sent))
    return times


def say(text: str) -> None:
    """Progress, on stderr (the table goes to stdout)."""
    print(text, file=sys.stderr, flush=True)


@dataclass
class Curve:
    """Reader runs at one size: cold (and warm with a cache), with their paired bare runs."""

    briefs: int
    bare: list[App] = field(default_factory=list)
    cold: list[App] = field(default_factory=list)
    warm: list[App] = field(default_factory=list)
    look: list[App] = field(default_factory=list)
    """The lookalike listing as many rows: the floor under a list with nothing to load."""
    reviewed: list[App] = field(default_factory=list)
    """Warm, with every item of every brief marked reviewed (an archive read to the end)."""


REVIEWER = "bench"
"""Who marked every item reviewed in `reviewed_state`."""


def reviewed_state(root: Path) -> Path:
    """A review file in which `REVIEWER` has marked every item of the workspace reviewed: made
    once (about 6 s at 1,000 briefs) and kept beside the workspace in bench/.work/."""
    import shutil
    import tempfile

    from tui.load.library import load_library
    from tui.review import Reviews, ReviewStore

    made = root.parent / f"{root.name}-reviewed.db"
    if made.exists():
        return made
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "reviewed.db"
        reviews = Reviews(ReviewStore.open(db, REVIEWER), load_library(root, cache=False).briefs)
        reviews.set_reviewed([item for brief in reviews.items for item in reviews.items[brief]])
        reviews.pending.wait()
        reviews.close()
        shutil.copyfile(db, made)  # closed: the WAL is checkpointed into the file
    return made


def library_runs(
    briefs: int, runs: int, opens: int, cache: bool, all_reviewed: bool = False
) -> Curve:
    """Rounds of: bare app, lookalike, brief cold (and, with a cache, a filling run then brief
    warm, and with `all_reviewed`, warm again over a review file with every item reviewed)."""
    root = workspace(briefs)
    curve = Curve(briefs)
    reviewed = reviewed_state(root) if all_reviewed and cache else None
    for n in range(runs):
        with Home() as home:
            curve.bare.append(bare_app(home))
            curve.look.append(lookalike_app(home, briefs))
            cold = reader(home, root, briefs, opens, ["--no-cache"] if cache else [])
            curve.cold.append(cold)
            line = f"  {briefs:,} briefs, run {n + 1}/{runs}: usable in {cold.usable:.1f} s"
            if cache:
                reader(home, root, briefs)  # fills the cache in this home
                curve.warm.append(reader(home, root, briefs, opens))
                line += f", warm {curve.warm[-1].usable:.1f} s"
                if reviewed:
                    state = home.path / "reviewed.db"
                    shutil.copyfile(reviewed, state)
                    flags = ["--state", str(state), "--reviewer", REVIEWER]
                    curve.reviewed.append(reader(home, root, briefs, 0, flags))
                    line += f", all reviewed {curve.reviewed[-1].usable:.1f} s"
            say(f"{line}, peak {cold.peak / 2**20:.0f} MB")
    return curve
