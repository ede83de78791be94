"""Live reload, the part without a terminal: which files of a workspace changed, which folders to
watch, and rebuilding the library re-reading only what changed.

The reader's watcher (`tui/app/watch.py`) gets paths from the file system and hands them to
`classify`; the App's load worker builds through one `Reloader`, which keeps what the last build
read (`reuse.Reuse`) and forgets only the files that changed (and the briefs quoting a seed
that changed). Only the workspace's own files count: briefs, the seeds briefs declare and the
workspace's themes. Hidden files and folders (`.git`, `.brief`, editor locks), editor swap and
backup files, and any path the caller says to ignore (the review database, the parse cache) are
never changes.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from ..model import Library, Problem
from .library import Listed, Progress, build
from .reuse import Reuse, seed_path
from .workspace import BRIEF_SUFFIXES, Workspace, WorkspaceError, discover, resolve

THEME_SUFFIXES = frozenset({".yaml", ".yml"})
"""File endings read as themes in the workspace's `themes/` folder."""

_SCRATCH = re.compile(
    r"""(
        ~$                # backups (emacs, gedit, vim's backupcopy)
      | \.sw[a-p]$        # vim swap files
      | ^4913$            # vim checking that the folder is writable
      | ^\#.*\#$          # emacs auto-save
      | \.(tmp|bak|orig|part|crdownload)$
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Changes:
    """What changed in a workspace since the last look (workspace-relative `/` paths)."""

    briefs: frozenset[str] = frozenset()
    """Brief files written, added or removed."""
    seeds: frozenset[str] = frozenset()
    """Declared seed files written, added or removed."""
    themes: frozenset[str] = frozenset()
    """Theme files of the workspace's `themes/` written, added or removed."""
    listing: bool = False
    """Something was added to or removed from the folders of briefs: list their files again."""
    everything: bool = False
    """Read every file again (an edit whose files are not known, `--no-watch` reloads)."""

    def __bool__(self) -> bool:
        return bool(self.briefs or self.seeds or self.themes or self.listing or self.everything)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.briefs | other.briefs,
            self.seeds | other.seeds,
            self.themes | other.themes,
            self.listing or other.listing,
            self.everything or other.everything,
        )

    @property
    def library(self) -> bool:
        """Whether the library must be built again (themes alone do not need it)."""
        return bool(self.briefs or self.seeds or self.listing or self.everything)


def relative(root: Path, path: str | Path) -> str | None:
    """`path` relative to `root` with `/` separators; None when it lies outside the root."""
    try:
        rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
    except ValueError:
        return None
    return rel.as_posix()


def ignored(rel: str) -> bool:
    """Whether a workspace path is never a change: hidden, or an editor's scratch file."""
    parts = rel.split("/")
    return any(p.startswith(".") for p in parts) or bool(_SCRATCH.search(parts[-1]))


def classify(
    root: Path,
    paths: Iterable[tuple[str, str | Path]],
    library: Library | None,
    skip: Collection[Path] = (),
) -> Changes:
    """Sort file-system events into the changes the reader cares about.

    Args:
        root: The workspace root.
        paths: (what happened, path) pairs, what happened being "added", "modified" or
            "deleted" (watchfiles' change names, lower case).
        library: The library shown now: its seeds and brief files are what counts.
        skip: Files and folders never to count (the review database, the parse cache).
    """
    seeds = {seed_path(p) for b in library.briefs for p in b.seed_paths()} if library else set()
    known = {b.path for b in library.briefs} if library else set()
    skipped = [os.path.abspath(p) for p in skip]
    briefs: set[str] = set()
    found_seeds: set[str] = set()
    themes: set[str] = set()
    listing = False
    for what, path in paths:
        full = os.path.abspath(path)
        if any(full == s or full.startswith(s + os.sep) for s in skipped):
            continue
        rel = relative(root, full)
        if rel is None or rel == "." or ignored(rel):
            continue
        suffix = os.path.splitext(rel)[1].lower()
        if rel in known or (rel.startswith("briefs/") and suffix in BRIEF_SUFFIXES):
            briefs.add(rel)
            listing = listing or what != "modified"
        elif rel.startswith("briefs/") and what != "modified":
            # A folder moved in or out (its files bring no events of their own).
            listing = True
        if rel in seeds:
            found_seeds.add(rel)
        if rel.startswith("themes/") and rel.count("/") == 1 and suffix in THEME_SUFFIXES:
            themes.add(rel)
    return Changes(frozenset(briefs), frozenset(found_seeds), frozenset(themes), listing)


def watched_folders(ws: Workspace, library: Library | None) -> list[Path]:
    """The folders to watch (each with everything under it): `briefs/`, `themes/`, and the top
    folder of each seed and of each brief outside `briefs/`. Files right in the workspace root
    are not watched: watching the root would watch everything under it (a checkout's `.venv`).
    """
    tops = {"briefs", "themes"}
    if library is not None:
        for brief in library.briefs:
            for written in (*(seed_path(p) for p in brief.seed_paths()), brief.path):
                parts = written.split("/")
                if len(parts) > 1 and parts[0] not in ("", ".", "..") and not ignored(parts[0]):
                    tops.add(parts[0])
    return [ws.root / top for top in sorted(tops) if (ws.root / top).is_dir()]


def rescan(ws: Workspace) -> Workspace:
    """The workspace with its brief files listed again (after briefs were added or removed).

    The target is resolved again as `brief PATH` did; when it is gone (the brief asked for was
    deleted), `briefs/` is listed and the files read before that still exist stay.
    """
    try:
        fresh = resolve(ws.target)
    except WorkspaceError:
        problems: list[Problem] = []
        folder = ws.root / "briefs"
        files = discover(folder, problems, ws.root) if folder.is_dir() else []
        listed = {os.path.normcase(f) for f in files}
        files += [f for f in ws.files if os.path.normcase(f) not in listed and os.path.lexists(f)]
        rels = tuple(ws.rel(f) for f in files)
        return replace(ws, files=tuple(files), scope=rels, problems=tuple(problems))
    return replace(fresh, example=ws.example)


class Built(NamedTuple):
    """What `Reloader.build` made."""

    library: Library
    """The library."""
    number: int
    """The build's number (1 for the first): what a caller does after the build may end in
    another order, and a result older than one already shown is to be dropped."""
    stand_ins: frozenset[str]
    """Files shown as they last read, as they no longer read as briefs (`Reuse.stand_ins`)."""


class Reloader:
    """Builds a workspace's library, then builds it again after changes re-reading only them.

    `note` may be called from any thread; `build` runs one build at a time (a second caller
    waits), so each build starts from what the previous one read and results come out in order.
    """

    def __init__(self, ws: Workspace, cache: bool | None = None) -> None:
        self.workspace = ws
        """The workspace as last listed."""
        self.cache = cache
        self.reuse = Reuse()
        """What the last build read (see `reuse.Reuse`)."""
        self._pending = Changes(everything=True)
        self._listed = False  # the first build uses the workspace as resolved
        self.builds = 0
        """Builds started so far: the number of a build orders its result among others."""
        self._lock = threading.Lock()  # guards _pending
        self._building = threading.Lock()  # one build at a time

    def note(self, changes: Changes) -> None:
        """Remember changes for the next build."""
        with self._lock:
            self._pending = self._pending | changes

    def build(
        self, progress: Progress | None = None, listed: Listed | None = None, frozen: bool = False
    ) -> Built:
        """Build the library with the changes noted so far (the first build reads everything);
        `frozen` as for `library.build`."""
        with self._building:
            self.builds += 1
            with self._lock:
                changes, self._pending = self._pending, Changes()
            if changes.everything:
                self.reuse.forget()
            else:
                self.reuse.forget(changes.briefs | changes.seeds)
            if self._listed and (changes.listing or changes.everything):
                self.workspace = rescan(self.workspace)
            self._listed = True
            library = build(
                self.workspace, progress, listed, cache=self.cache, reuse=self.reuse, frozen=frozen
            )
            return Built(library, self.builds, self.reuse.stand_ins)
