"""Building the `Library`: every brief of a workspace, checked against each other and seeds.

The steps, each in its own module:

- `workspace.py` finds the workspace and its brief files; `brief.py` reads each file alone.
- `checks.py` checks brief ids across the workspace, then each brief within itself (ids,
  sources, seeds, quotes, its summary's own links), reading seeds through `seeds.py`.
- `links.py` turns cross-references into links and reports those that lead nowhere.
- This module runs them in that order and assembles the immutable `Library`.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..model import Brief, Library, Pos, Problem
from .cache import Entry, ParseCache, Stamp, decode_entry, encode_entry, stamp
from .cache import enabled as cache_enabled
from .collector import paused
from .lazy import ClaimsByKey
from .located import CrossPositions, Located
from .reuse import Reuse as Reuse
from .reuse import seed_path as seed_path
from .workspace import Within, Workspace, resolve

if TYPE_CHECKING:
    from .seeds import SeedReader

# The readers and checks (`brief`, `checks`, `links`, `seeds`: PyYAML, pydantic's models,
# rapidfuzz) are imported where they run: a load served from the parse cache never builds the
# schema's models (~0.15 s of `brief check` warm), and importing this module stays light for
# the reader's first frame.


def _load_brief() -> Callable[[Path, str], Located]:
    """`brief.load_brief`, imported when a file is first read (a test may stand in for it by
    setting `load_brief` on this module)."""
    found = globals().get("load_brief")
    if found is None:
        from .brief import load_brief as found

        globals()["load_brief"] = found
    return found  # type: ignore[return-value]


def __getattr__(name: str) -> Any:
    if name == "load_brief":
        return _load_brief()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


Progress = Callable[[int, int], None]
"""Called with (files read, files in all) while a library loads."""


def load_library(
    path: str | Path | None = None, progress: Progress | None = None, *, cache: bool | None = None
) -> Library:
    """Load a workspace (see `workspace.py`) into an immutable `Library`; never raises for a file.

    A folder of briefs or one brief file inside a workspace loads the whole workspace around it
    (so cross-references resolve); `in_scope(library, resolve(path))` keeps the part asked for.

    Args:
        path: A workspace, a folder of briefs or one brief file; None for the workspace at or
            above the current folder (never the bundled example).
        progress: Called with (done, total) as files are read.
        cache: Use the parse cache (False for `--no-cache`).

    Raises:
        WorkspaceError: the path itself cannot be opened, or holds no briefs (see `resolve`).
    """
    return build(resolve(path), progress, cache=cache)


def in_scope(library: Library, ws: Workspace) -> Library:
    """The part of a library the user asked for (`brief check FILE`, `brief search Q FOLDER`...).

    Keeps the briefs in `ws.scope` and their problems, plus each `duplicate-brief-id` problem of
    another file whose id clashes with a brief in scope (the clash involves both files). Problems
    of other briefs that point into the scope (a dangling cross-reference, say) are theirs, not
    the scope's. Claims, links and `by_id` stay those of the whole workspace, so cross-references
    out of the scope still resolve.
    """
    if ws.whole:
        return library
    by_path = {b.path: b for b in library.briefs}

    def clash(problem: Problem) -> bool:
        if problem.code != "duplicate-brief-id":
            return False
        brief = by_path.get(problem.pos.path)
        owner = library.by_id.get(brief.id) if brief else None
        return owner is not None and ws.in_scope(owner.path)

    return replace(
        library,
        briefs=tuple(b for b in library.briefs if ws.in_scope(b.path)),
        problems=tuple(p for p in library.problems if ws.in_scope(p.pos.path) or clash(p)),
    )


Listed = Callable[[Sequence[Brief]], None]
"""Called, from the loading thread, with batches of briefs as soon as they are read and checked
alone (before the checks across briefs): the library list can show rows before the last file.
Only for a load that takes a while (`LISTED_AFTER`): a faster one calls it never."""

LISTED_EVERY = 250
"""`listed` gets a batch every this many briefs, or sooner when `LISTED_SECONDS` have passed.
Each batch costs the UI a redraw of the whole screen: 20 batches (50 briefs every 0.1 s) made
a warm 1,000-brief load ~0.5 s slower (issue 12); a few per second still fill the list live."""
LISTED_SECONDS = 0.5
"""A cold 1,000-brief load in the reader took ~0.4 s longer with a batch every 0.25 s."""
PROGRESS_SECONDS = 0.1
"""`progress` is called at most this often (and once all are read), once the load has run
`LISTED_AFTER` or has a file to parse."""
LISTED_AFTER = 0.5
"""Briefs taken from the cache are listed only once the load has run this long: a load served
from the cache is over in about that time, and listing its briefs as they came cost the UI
thread, which adds each row and redraws, ~0.4 s of a warm 1,000-brief load (issue 12). Briefs
that have to be parsed are listed as they come (see `_News.parsing`)."""


def build(
    ws: Workspace,
    progress: Progress | None = None,
    listed: Listed | None = None,
    *,
    cache: bool | ParseCache | None = None,
    reuse: Reuse | None = None,
    frozen: bool = False,
) -> Library:
    """Load and check every brief of a resolved workspace.

    Args:
        ws: The workspace.
        progress: Called with (done, total) as files are read.
        listed: Called with each brief at most once, in batches, as briefs are read (see
            `Listed`: with all of them, or none when the load is fast); the briefs of the
            result may differ only by the problems found across briefs.
        cache: Use the parse cache (`cache.py`) in the user cache folder (True), a given one,
            none (False: `--no-cache`), or as the process says (None: `cache.set_enabled`).
        reuse: What the previous build read (the reader's live reload): briefs it holds are not
            read again (`Reuse.forget` the files that changed first), and a brief that no longer
            reads stands in as it last read (see `Reuse`). Filled in for the next build.
        frozen: Leave every object the collector tracks frozen (`gc.freeze`), the library's
            with them: for a caller that unfreezes in its own time (the reader).
    """
    if cache is None:
        cache = cache_enabled()
    parse_cache = ParseCache(ws.root) if cache is True else cache or None
    with paused():  # a load makes millions of objects and frees almost none
        try:
            return _build(ws, progress, listed, parse_cache, reuse)
        finally:
            # The first collection after this would go through every object the load made (all
            # young): ~0.1 s at 1,000 briefs, the moment the library was to be shown. Frozen, or
            # frozen and unfrozen (which makes them old at no cost), they are not gone through.
            gc.freeze()
            if not frozen:
                gc.unfreeze()


def _build(
    ws: Workspace,
    progress: Progress | None,
    listed: Listed | None,
    parse_cache: ParseCache | None,
    reuse: Reuse | None = None,
) -> Library:
    located: list[Located] = []
    found: list[list[Problem]] = []
    seeds = _Seeds(ws)
    total = len(ws.files)
    within = Within(ws.root.resolve())
    news = _News(total, progress, listed)
    # What needs no parsing first (kept from the last build, outside, in the cache), so that the
    # files left can go to worker processes at once when they are many (`parallel.py`).
    ready: list[tuple[Located, list[Problem]] | None] = []
    rels = [ws.rel(file) for file in ws.files]
    for file, rel in zip(ws.files, rels, strict=True):
        again = reuse.get(rel) if reuse is not None else None
        if again is None and not within(file):
            again = _outside(file, rel), []
        elif again is None:
            again = cached(file, rel, parse_cache)
            if again is not None and reuse is not None:
                again = reuse.put(rel, *again)
        ready.append(again)
        if again is not None:
            news.read(again[0].brief)
    to_read = [rel for rel, got in zip(rels, ready, strict=True) if got is None]
    workers = _workers(ws.root, parse_cache, to_read)
    try:
        for i, (file, rel) in enumerate(zip(ws.files, rels, strict=True)):
            got, ready[i] = ready[i], None  # kept once, in `located`
            if got is None:
                news.parsing()
                # None from the workers too: they could not read it, so it is read here.
                got = next(workers, None) if workers is not None else None
                if got is None:
                    got = parse(file, rel, seeds.reader, parse_cache)
                if reuse is not None:
                    got = reuse.put(rel, *got)
                news.read(got[0].brief)
            located.append(got[0])
            found.append(got[1])
    finally:
        if workers is not None:
            workers.close()  # the workers stop now, not when the collector comes by
    news.done()
    if reuse is not None:
        reuse.keep_only(set(rels))
    return _assemble(ws, located, found)


class _Seeds:
    """The workspace's `SeedReader`, made when a brief is first parsed: a load served from the
    cache never imports what reads seeds and checks quotes (rapidfuzz, pydantic's errors)."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._reader: SeedReader | None = None

    @property
    def reader(self) -> SeedReader:
        """The reader (made on first use)."""
        if self._reader is None:
            from .seeds import SeedReader

            self._reader = SeedReader(self.ws)
        return self._reader


class _News:
    """Tells `progress` and `listed` (see `build`) about the briefs read so far."""

    def __init__(self, total: int, progress: Progress | None, listed: Listed | None) -> None:
        self.total = total
        self.progress = progress
        self.listed = listed
        self.n = 0
        self.batch: list[Brief] = []
        self.last = self.last_listed = time.monotonic()
        self.listing_from = self.last + LISTED_AFTER
        self.said = False  # a batch went

    def read(self, brief: Brief) -> None:
        """One more brief is read."""
        self.n += 1
        now = time.monotonic()
        if self.listed is not None:
            self.batch.append(brief)
            due = len(self.batch) >= LISTED_EVERY or now - self.last_listed > LISTED_SECONDS
            if due and now >= self.listing_from:
                self.listed(self.batch)
                self.batch, self.last_listed, self.said = [], now, True
        # Held back as listing is: a load served from the cache is over before a progress
        # report is worth a frame (each cost the load thread the GIL for a redraw).
        due = self.n == self.total or now - self.last > PROGRESS_SECONDS
        if self.progress and due and now >= self.listing_from:
            self.last = now
            self.progress(self.n, self.total)

    def parsing(self) -> None:
        """A file is to be parsed (slow): what is read so far is listed now, and from now on
        as it comes (`LISTED_AFTER` holds back only what comes fast)."""
        if self.listing_from > self.last_listed:
            self.listing_from = self.last_listed
            if self.listed is not None and self.batch:
                self.listed(self.batch)
                self.batch, self.last_listed, self.said = [], time.monotonic(), True

    def done(self) -> None:
        """Every brief is read: the last batch goes, unless none went before (the library,
        ready a moment later, lists them all: listing them here too made the reader build
        every row twice, ~0.2 s of a warm 1,000-brief load that ran just past `LISTED_AFTER`)."""
        if self.listed is not None and self.batch and self.said:
            self.listed(self.batch)
            self.batch = []


def _workers(
    root: Path, parse_cache: ParseCache | None, rels: list[str]
) -> Generator[tuple[Located, list[Problem]] | None, None, None] | None:
    """Worker processes reading these files, in order, when that pays (`parallel.py`)."""
    from . import parallel

    stand_in = globals().get("load_brief")
    if stand_in is not None and getattr(stand_in, "__module__", "") != "tui.load.brief":
        return None  # a test's own loader: it runs in this process only
    if len(rels) < parallel.PARALLEL_FROM or parallel.workers() < 2:
        return None
    return parallel.read_all(root, parse_cache, rels)


def cached(
    file: Path, rel: str, parse_cache: ParseCache | None
) -> tuple[Located, list[Problem]] | None:
    """One brief as the parse cache holds it, when its entry is still valid (else None)."""
    if parse_cache is None:
        return None
    brief_stamp = stamp(file.parent, file.name)
    if brief_stamp[1] < 0:
        return None
    entry = parse_cache.get(rel, (rel, brief_stamp[1], brief_stamp[2]))
    if entry is None:
        return None
    return entry.read()


def parse(
    file: Path, rel: str, seeds: SeedReader, parse_cache: ParseCache | None
) -> tuple[Located, list[Problem]]:
    """One brief read and checked alone from its file (stored in the cache when there is one).

    Returns:
        The brief as read (positions kept only for the checks across briefs) and the problems
        its own checks found.
    """
    entry = decode_entry(parse_encoded(file, rel, seeds, parse_cache))
    # Kept as a brief served from the cache is: its items as bytes until read (`Deferred`), so
    # a load read here holds no more than one read from the cache (issue 12).
    return Located(entry.brief, cross=entry.positions), entry.found


def parse_encoded(
    file: Path, rel: str, seeds: SeedReader, parse_cache: ParseCache | None
) -> tuple[Any, ...]:
    """`parse`, as the plain data of its parse cache entry (`cache.encode_entry`): what a load
    worker hands back (`worker.py`)."""
    from ..digest import item_hashes
    from .checks import check_brief

    brief_stamp = stamp(file.parent, file.name) if parse_cache is not None else None
    loc = _load_brief()(file, rel)
    brief, own = loc.brief, list[Problem]()
    if brief.ok:
        brief, own = check_brief(loc, seeds)
        # Hashed once here and kept: the reader's review progress then needs no claim made.
        brief = replace(brief, item_hashes=item_hashes(brief))
    encoded = encode_entry(Entry(brief, own, CrossPositions.of(loc)))  # the YAML tree goes
    if parse_cache is not None and brief_stamp is not None and brief_stamp[1] >= 0:
        declared = [s.path for s in loc.brief.seeds if seeds.file(s) is not None]
        if _stamp_now(file) == brief_stamp:  # not changed while it was read
            parse_cache.put(rel, (rel, brief_stamp[1], brief_stamp[2]), declared, encoded)
    return encoded


def _stamp_now(file: Path) -> Stamp:
    return stamp(file.parent, file.name)


def _outside(file: Path, rel: str) -> Located:
    from .brief import slug_of

    problem = Problem(
        Pos(rel, 1, 1),
        "error",
        "outside-workspace",
        "this file links to a place outside the workspace; it was not read",
        "copy the brief into the workspace instead of linking to it",
    )
    return Located(
        Brief(
            id=slug_of(file.stem),
            path=rel,
            title=file.stem,
            pos=Pos(rel, 1, 1),
            problems=(problem,),
            ok=False,
        )
    )


def _assemble(ws: Workspace, located: list[Located], found: list[list[Problem]]) -> Library:
    """Run the checks that need more than one file, then put the library together."""
    from .links import brief_owners, cross_links

    briefs = [loc.brief for loc in located]
    owners, extra = brief_owners(located)
    for i, own in enumerate(found):
        if own:
            extra[i].extend(own)
    # A clashing id's claims are not reachable by key: only those of the brief that owns it.
    owned = [b for i, b in enumerate(briefs) if owners.get(b.id) == i]
    keys = {(b.id, claim_id) for b in owned for claim_id in b.claim_ids()}
    claims = ClaimsByKey(owned)
    links, found_by_brief = cross_links(located, briefs, claims, keys, owners)
    for i, linked in found_by_brief.items():
        extra[i].extend(linked)
    briefs = [
        replace(b, problems=_sorted((*b.problems, *extra[i]))) if extra[i] else b
        for i, b in enumerate(briefs)
    ]
    # The brief that got an id first (in path order) owns it, as for claims and links.
    by_id = {b.id: b for i, b in enumerate(briefs) if owners.get(b.id) == i}
    briefs.sort(key=lambda b: (-(b.date.toordinal() if b.date else 0), b.title.casefold(), b.path))
    # A folder of briefs that could not be listed is the workspace's problem, at that folder.
    problems = _sorted((*(p for b in briefs for p in b.problems), *ws.problems))
    return Library(
        root=str(ws.root),
        briefs=tuple(briefs),
        problems=problems,
        claims=claims,
        links=links,
        by_id=MappingProxyType(by_id),
    )


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.pos.path, p.pos.line, p.pos.col, p.code)))
