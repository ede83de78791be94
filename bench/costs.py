"""Costs bounded by design (issue 11): long claims, big seeds, many cross-references. Prints only.

Each case prints its time and its peak of Python memory (`tracemalloc`, in a second run: tracing
slows Python code down, so the time comes from an untraced run) and a ratio against a baseline
measured in the same run on the same input, so the ratio means the same on a slow machine as on
a fast one:

- laying out a long claim (the claim list's row, the claim detail, a cross-reference row, each
  wrapped to 80 columns) against Textual wrapping the same bare text (`Content.wrap`);
- opening a brief with a long claim in the reader (run in `App.run_test`, 120x40), against
  opening the same brief with a short claim;
- loading a workspace whose brief quotes an 8 MiB seed, and the closest-passage search for a
  quote that is not in it (in ordinary prose, in one repeated character, in text without
  spaces), against reading the seed file and a plain `str.find` of the quote in it;
- loading 100,000 cross-references (20 briefs of 5,000), and 20,000 that name a missing claim
  (each gets a did-you-mean), against loading the same briefs without them.

`python -m bench.costs [layout|reader|seeds|xrefs]... [KIB]...` runs only those cases (layout and
reader with claims of those sizes in KiB, e.g. `layout 32 128`).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from tui.app.main import BriefApp
from tui.app.render.claims import claim_row, xref_row
from tui.app.render.detail import claim_detail
from tui.app.screens.brief import BriefScreen
from tui.app.screens.library import LibraryScreen
from tui.load.library import load_library
from tui.load.quotes import FoldedSeed
from tui.load.workspace import resolve
from tui.model import Brief, Claim, ClaimKey, Library, Link, Pos, Source, Xref

WIDTH = 80
SEED_BYTES = 8 << 20
XREF_BRIEFS, XREFS_EACH, CLAIMS_EACH = 20, 5_000, 200
DANGLING = 20_000
VOCABULARY = (
    "the of and to in a troops kursk border mobilization artillery drone convoy ministry envoy "
    "statement report training camp battalion casualties losses sanctions shipment ammunition "
    "deployment front offensive defence satellite imagery intercepted radio official spokesman "
    "analyst said were was had been would from with that this which"
)
WORDS = VOCABULARY.split()


def prose(size: int, seed: int = 1) -> str:
    """About `size` characters of sentences of random words."""
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
        sentence = sentence.capitalize() + ". "
        if rng.random() < 0.1:
            sentence += "\n"
        out.append(sentence)
        total += len(sentence)
    return "".join(out)[:size]


def measure(fn: Callable[[], Any], runs: int = 3) -> tuple[float, float]:
    """Median milliseconds of `runs` untraced calls, and the peak MiB of one traced call."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return statistics.median(times), peak / (1 << 20)


def cold_load(root: Path) -> Library:
    """Load a workspace as for the first time: a cache the loader keeps in the user cache folder
    starts empty (`XDG_CACHE_HOME` is a new folder of the run's cache folder each time)."""
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=os.environ["BENCH_COSTS_CACHE"])
    return load_library(root)


def line(label: str, ms: float, mib: float | None, base: float, what: str) -> None:
    memory = f"{mib:8.1f} MiB" if mib is not None else " " * 12
    print(f"  {label:<44} {ms:9.1f} ms {memory}  {ms / base:8.1f}x {what}")


# -- layout --------------------------------------------------------------------------------------


def _strips(content: Content) -> int:
    """Render a `Content` as a widget would, at `WIDTH` columns; the number of lines."""
    options = RenderOptions(lambda _: Style(), {})
    return len(content.render_strips(WIDTH, None, Style(), options))


def _library(text: str) -> tuple[Library, Brief, Claim, Link]:
    pos = Pos("briefs/b.md", 1, 1)
    source = Source(id="s", name="A Source", pos=pos, reliability="B")
    claim = Claim(brief="b", id="long", source="s", text=text, pos=pos, credibility=2)
    other = Claim(brief="b", id="other", source="s", text="Short.", pos=pos)
    xref = Xref("b", ClaimKey("b", "other"), ClaimKey("b", "long"), "corroborates", pos)
    brief = Brief(
        id="b", path="briefs/b.md", title="B", pos=pos, sources=(source,), claims=(claim, other)
    )
    links = {claim.key: (Link(xref, False),), other.key: (Link(xref, True),)}
    library = Library(
        root=".",
        briefs=(brief,),
        claims={claim.key: claim, other.key: other},
        links=links,
        by_id={"b": brief},
    )
    return library, brief, claim, Link(xref, True)


def layout(sizes: list[int]) -> None:
    print(f"Laying out one long claim at {WIDTH} columns (baseline: Content.wrap of the text)")
    for size in sizes:
        _layout(size)


def _layout(size: int) -> None:
    text = prose(size)
    library, brief, claim, link = _library(text)
    source = brief.sources[0]
    base, base_mib = measure(lambda: Content(text).wrap(WIDTH))
    print(f" {size >> 10} KiB claim; baseline {base:.1f} ms, {base_mib:.1f} MiB")
    ms, mib = measure(lambda: claim_row(claim, source, library, None, WIDTH), runs=1)
    line("claim list row (claim_row)", ms, mib, base, "the baseline")
    ms, mib = measure(lambda: _strips(claim_detail(claim, brief, library)), runs=1)
    line("claim detail, rendered", ms, mib, base, "the baseline")
    ms, mib = measure(lambda: _strips(xref_row(link, library, brief)), runs=1)
    line("cross-reference row, rendered", ms, mib, base, "the baseline")


LONG_BRIEF = """\
---
brief: 1
id: long
title: A long claim
sources:
  - id: s
    name: S
claims:
  - id: long
    source: s
    text: {text}
  - id: short
    source: s
    text: A short claim.
xrefs:
  - from: short
    to: long
    rel: corroborates
---
Summary.
"""


async def _open(root: Path) -> float:
    """Milliseconds from Enter on the library's first brief to the reader showing it, its
    claim list, the claim detail and cross-references laid out (the app's own pauses)."""
    app = BriefApp(resolve(root))
    async with app.run_test(size=(120, 40)) as pilot:
        while app.library is None or not isinstance(app.screen, LibraryScreen):
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press("enter")
        while not isinstance(app.screen, BriefScreen) or app.screen.brief is None:
            await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        return (time.perf_counter() - start) * 1000


def reader(tmp: Path, sizes: list[int]) -> None:
    print("Opening a brief with one long claim in the reader, 120x40 (baseline: a short claim)")
    base = asyncio.run(_open(_long_brief(tmp / "short", 20)))
    print(f" baseline {base:.0f} ms")
    for size in sizes:
        # A brief file holds at most 1 MiB: "1 MiB" is the longest claim that fits.
        chars = min(size, 1_000_000)
        ms = asyncio.run(_open(_long_brief(tmp / f"long{size}", chars)))
        line(f"open, a {chars // 1000:,} KB claim", ms, None, base, "the baseline")


def _long_brief(root: Path, chars: int) -> Path:
    (root / "briefs").mkdir(parents=True)
    text = " ".join(prose(chars).split())
    (root / "briefs" / "b.md").write_text(LONG_BRIEF.format(text=text), encoding="utf-8")
    return root


# -- seeds ---------------------------------------------------------------------------------------

QUOTED = """\
---
brief: 1
title: Quotes a big seed
seeds:
  - id: d
    path: seeds/big.txt
sources:
  - id: s
    name: S
claims:
  - id: found
    source: s
    text: Found.
    quote: {found}
    seed: d
  - id: missing
    source: s
    text: Missing.
    quote: {missing}
    seed: d
---
"""


def seed_workspace(root: Path, text: str, found: str, missing: str) -> Path:
    (root / "briefs").mkdir(parents=True)
    (root / "seeds").mkdir()
    (root / "seeds" / "big.txt").write_text(text, encoding="utf-8")
    (root / "briefs" / "b.md").write_text(QUOTED.format(found=found, missing=missing))
    return root


def seeds(tmp: Path) -> None:
    print(f"A brief quoting an {SEED_BYTES >> 20} MiB seed (baseline: reading the seed file)")
    text = prose(SEED_BYTES)
    found = _passage(text, SEED_BYTES // 2)
    passage = _passage(text, SEED_BYTES * 3 // 4)
    words = passage.split()
    words[len(words) // 2] = "bridge"  # a misquote: one word is wrong
    missing = " ".join(words)
    root = seed_workspace(tmp / "seed", text, found, missing)
    path = root / "seeds" / "big.txt"
    base, base_mib = measure(lambda: path.read_text(encoding="utf-8"))
    print(f" baseline {base:.1f} ms, {base_mib:.1f} MiB")
    ms, mib = measure(lambda: cold_load(root), runs=1)
    line("load (one quote found, one misquoted)", ms, mib, base, "reading the seed")
    ms, mib = measure(lambda: FoldedSeed.of(text), runs=1)
    line("fold the seed for quotes (FoldedSeed.of)", ms, mib, base, "reading the seed")
    print(" The closest passage to a missing quote (baseline: str.find of the quote in the seed)")
    unrelated = "the weather was fine and the sun shone over the hills for hours"
    cases = {
        "prose, a misquote": (text, missing),
        "prose, an unrelated quote": (text, unrelated),
        "one repeated character": ("a" * SEED_BYTES, "the bridge was opened for repairs"),
        "one repeated character, near quote": ("a" * SEED_BYTES, "a" * 60 + "b"),
        "no whitespace, a misquote": (text.replace(" ", ""), missing.replace(" ", "")),
    }
    print(f"    (the misquoted passage: {passage[:60]!r}...)")
    for name, (seed_text, quote) in cases.items():
        _closest(name, seed_text, quote)


def _closest(name: str, text: str, quote: str) -> None:
    folded = FoldedSeed.of(text)
    base = statistics.median(_time(lambda: text.find(quote)) for _ in range(3))
    ms, mib = measure(lambda: folded.closest(quote), runs=1)
    line(f"closest, {name}", ms, mib, base, f"str.find ({base:.1f} ms)")
    print(f"    -> {folded.closest(quote)[:60]!r}")


def _passage(text: str, at: int) -> str:
    """About 80 characters of whole words of `text` from offset `at`."""
    return text[at : at + 100].split(" ", 1)[1].rsplit(" ", 1)[0].replace("\n", " ").strip()


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


# -- cross-references ----------------------------------------------------------------------------


def xref_workspace(root: Path, each: int, dangling: int = 0) -> Path:
    """`XREF_BRIEFS` briefs of `CLAIMS_EACH` claims and `each` cross-references each, half
    inside the brief, half to the brief before it; the last `dangling` of each name a claim that
    is not there (one of `CLAIMS_EACH` missing ids of the brief)."""
    rng = random.Random(7)
    (root / "briefs").mkdir(parents=True)
    rels = ["corroborates", "contradicts", "refines", "updates", "cites", "related"]
    for b in range(XREF_BRIEFS):
        lines = ["---", "brief: 1", f"id: b{b:02d}", f"title: Brief {b}", "sources:"]
        lines += ["  - {id: s, name: S}", "claims:"]
        lines += [f"  - {{id: c{c}, source: s, text: Claim {c}.}}" for c in range(CLAIMS_EACH)]
        if each:
            lines.append("xrefs:")
        for n in range(each):
            a, z = rng.randrange(CLAIMS_EACH), rng.randrange(CLAIMS_EACH)
            to = f"b{b - 1:02d}#c{z}" if b and rng.random() < 0.5 else f"c{z}"
            if to == f"c{a}":
                to = f"c{(a + 1) % CLAIMS_EACH}"
            if n >= each - dangling:
                to = f"c{z}x"
            lines.append(f"  - {{from: c{a}, to: {to}, rel: {rng.choice(rels)}}}")
        lines += ["---", ""]
        (root / "briefs" / f"b{b:02d}.md").write_text("\n".join(lines))
    return root


def xrefs(tmp: Path) -> None:
    total = XREF_BRIEFS * XREFS_EACH
    print(f"Loading {total:,} cross-references (baseline: the same briefs without them)")
    bare = xref_workspace(tmp / "bare", 0)
    full = xref_workspace(tmp / "xrefs", XREFS_EACH)
    base, base_mib = measure(lambda: cold_load(bare), runs=1)
    print(f" baseline {base:.0f} ms, {base_mib:.1f} MiB")
    ms, mib = measure(lambda: cold_load(full), runs=1)
    links = sum(len(v) for v in cold_load(full).links.values())
    line(f"load ({links:,} link ends)", ms, mib, base, "the baseline")
    # A renamed claim leaves every cross-reference to it dangling: each gets a did-you-mean.
    each = DANGLING // XREF_BRIEFS
    broken = xref_workspace(tmp / "dangling", each, dangling=each)
    ms, mib = measure(lambda: cold_load(broken), runs=1)
    errors = sum(p.code == "unknown-claim" for p in cold_load(broken).problems)
    line(f"load, {errors:,} naming a missing claim", ms, mib, base, "the baseline")


def main() -> None:
    args = sys.argv[1:]
    sizes = [int(a) << 10 for a in args if a.isdigit()] or [32 << 10, 1 << 20]
    cases = [a for a in args if not a.isdigit()] or ["layout", "reader", "seeds", "xrefs"]
    if "layout" in cases:
        layout(sizes)
    with tempfile.TemporaryDirectory() as tmp:
        # Nothing is read from, or left in, the user's cache folder.
        os.environ["BENCH_COSTS_CACHE"] = os.environ["XDG_CACHE_HOME"] = tmp + "/cache"
        Path(tmp, "cache").mkdir()
        if "reader" in cases:
            reader(Path(tmp), sizes)
        if "seeds" in cases:
            seeds(Path(tmp))
        if "xrefs" in cases:
            xrefs(Path(tmp))


if __name__ == "__main__":
    main()
