"""What one build of a library read, for the next: the reader's live reload re-reads only what
changed (`library.build(..., reuse=...)`, `changes.Reloader`)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import replace

from ..model import Problem
from .located import Located


class _Kept:
    """One brief file as a build read it: the brief, its own checks' problems, its seeds."""

    __slots__ = ("located", "own", "seeds", "stand_in")

    def __init__(
        self, located: Located, own: list[Problem], seeds: frozenset[str], stand_in: bool = False
    ) -> None:
        self.located = located
        self.own = own
        self.seeds = seeds
        self.stand_in = stand_in


def seed_path(written: str) -> str:
    """A seed's path as written in a brief, as the workspace-relative path of its file."""
    return posixpath.normpath(written.replace("\\", "/"))


class Reuse:
    """What one build read, for the next: the reader's live reload re-reads only what changed.

    `build(..., reuse=r)` takes each brief from here when it holds it (with no look at the disk:
    call `forget` with the files that changed, seeds too, before building) and stores what it
    reads. A brief that no longer reads as a brief (a YAML error, a file half saved) stands in
    as it last read, with the problems of the file as it is now, so the reader keeps showing
    it: `stand_ins` lists those of the last build. Only the reader uses this; `brief check`
    always reports the files as they are. One build at a time (the caller serialises them).
    """

    def __init__(self) -> None:
        self._read: dict[str, _Kept] = {}
        self._good: dict[str, _Kept] = {}  # the last read of each file that was a brief
        self.stand_ins: frozenset[str] = frozenset()
        """Files of the last build shown as they last read (they do not read now)."""

    def forget(self, paths: Iterable[str] | None = None) -> None:
        """Read these files (workspace-relative paths) again at the next build, and every
        brief that declares one of them as a seed; every file when `paths` is None."""
        if paths is None:
            self._read = {}
            return
        gone = frozenset(paths)
        self._read = {
            rel: kept
            for rel, kept in self._read.items()
            if rel not in gone and kept.seeds.isdisjoint(gone)
        }

    def get(self, rel: str) -> tuple[Located, list[Problem]] | None:
        """The brief file as the last build read it, unless forgotten since."""
        kept = self._read.get(rel)
        return (kept.located, kept.own) if kept is not None else None

    def put(self, rel: str, loc: Located, own: list[Problem]) -> tuple[Located, list[Problem]]:
        """Keep what was just read; returns what the build uses (the last good read standing
        in, with the new read's problems, when this one is not a brief)."""
        seeds = frozenset(seed_path(p) for p in loc.brief.seed_paths())
        kept = _Kept(loc, own, seeds)
        good = self._good.get(rel)
        if loc.brief.ok:
            self._good[rel] = kept
        elif good is not None:
            # The problems are those of the file now: the badge and the problems view say
            # what is wrong with it, while the brief stays on screen as it was.
            brief = replace(good.located.brief, problems=loc.brief.problems)
            stand_in = Located(brief, good.located.doc, good.located.line_offset)
            kept = _Kept(stand_in, [], good.seeds, stand_in=True)
        self._read[rel] = kept
        return kept.located, kept.own

    def keep_only(self, rels: set[str]) -> None:
        """Drop what is kept of files no longer in the workspace; note the stand-ins."""
        self._read = {rel: k for rel, k in self._read.items() if rel in rels}
        self._good = {rel: k for rel, k in self._good.items() if rel in rels}
        self.stand_ins = frozenset(rel for rel, k in self._read.items() if k.stand_in)
