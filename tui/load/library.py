"""Building the `Library`: every brief of a workspace, checked against each other and seeds.

The steps, each in its own module:

- `workspace.py` finds the workspace and its brief files; `brief.py` reads each file alone.
- `checks.py` checks brief ids across the workspace, then each brief within itself (ids,
  sources, seeds, quotes, its summary's own links), reading seeds through `seeds.py`.
- `links.py` turns cross-references into links and reports those that lead nowhere.
- This module runs them in that order and assembles the immutable `Library`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from ..model import Brief, Claim, ClaimKey, Library, Pos, Problem
from .brief import load_brief, slug_of
from .checks import brief_owners, check_brief
from .links import cross_links
from .seeds import SeedReader, inside
from .validate import Located
from .workspace import Workspace, resolve

Progress = Callable[[int, int], None]
"""Called with (files read, files in all) while a library loads."""


def load_library(path: str | Path | None = None, progress: Progress | None = None) -> Library:
    """Load a workspace (see `workspace.py`) into an immutable `Library`; never raises for a file.

    A folder of briefs or one brief file inside a workspace loads the whole workspace around it
    (so cross-references resolve); `in_scope(library, resolve(path))` keeps the part asked for.

    Args:
        path: A workspace, a folder of briefs or one brief file; None for the workspace at or
            above the current folder (never the bundled example).
        progress: Called with (done, total) as files are read.

    Raises:
        WorkspaceError: the path itself cannot be opened, or holds no briefs (see `resolve`).
    """
    return build(resolve(path), progress)


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


def build(ws: Workspace, progress: Progress | None = None) -> Library:
    """Load and check every brief of a resolved workspace."""
    located: list[Located] = []
    total = len(ws.files)
    last = 0.0
    root_real = ws.root.resolve()
    for n, file in enumerate(ws.files, 1):
        rel = ws.rel(file)
        if not inside(file, root_real):
            located.append(_outside(file, rel))
        else:
            located.append(load_brief(file, rel))
        if progress and (n == total or time.monotonic() - last > 0.05):
            last = time.monotonic()
            progress(n, total)
    return _assemble(ws, located)


def _outside(file: Path, rel: str) -> Located:
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


def _assemble(ws: Workspace, located: list[Located]) -> Library:
    """Run the checks that need more than one file, then put the library together."""
    briefs = [loc.brief for loc in located]
    owners, extra = brief_owners(located)
    seeds = SeedReader(ws)
    for i, brief in enumerate(briefs):
        if brief.ok:
            briefs[i], found = check_brief(located[i], seeds)
            extra[i].extend(found)
    claims: dict[ClaimKey, Claim] = {}
    for i, brief in enumerate(briefs):
        if owners.get(brief.id) != i:
            continue  # a clashing id: its claims are not reachable by key
        for claim in brief.claims:
            claims.setdefault(claim.key, claim)
    links, found_by_brief = cross_links(located, briefs, claims, owners)
    for i, found in found_by_brief.items():
        extra[i].extend(found)
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
        claims=MappingProxyType(claims),
        links=MappingProxyType({k: tuple(v) for k, v in links.items()}),
        by_id=MappingProxyType(by_id),
    )


def _sorted(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.pos.path, p.pos.line, p.pos.col, p.code)))
