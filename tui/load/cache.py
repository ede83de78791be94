"""The parse cache: what reading and checking one brief produced, kept between loads.

One entry per brief file, in the user cache folder (platformdirs `user_cache_dir("brief")`, or
`$XDG_CACHE_HOME/brief`), under `parse/v<LOADER_VERSION>/<workspace hash>/<file hash>`. An entry
holds plain data written with `marshal` (tuples, lists, str, int, None; never pickled objects):
the checked brief, the problems its own checks found, and the few positions the checks across
briefs need (its `id`, its cross-references and their ends).

An entry is used only when the brief file's size and mtime_ns, and those of every seed it
declares, are unchanged, it was written by this `LOADER_VERSION` and Python, and its payload's
crc32 still matches (a brief's seeds, sources and claims are decoded only when it is opened, too
late for damage to be a miss). Anything else (a damaged, truncated, foreign or stale entry) is
a miss, never an error. Writes go to a temp file renamed into place and never fail a load: a
cache folder that cannot be written means no cache (`brief --no-cache` skips it altogether).
Docs: docs/config.md, "Parse cache".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import marshal
import os
import sys
import tempfile
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from ..deferred import Deferred, head
from ..model import Brief, Claim, ClaimKey, Pos, Problem, Seed, Source, Xref
from .located import CrossPositions, Located

LOADER_VERSION = 5
"""Bump when reading or checking a brief, or what a review hash covers (`tui.digest`), changes
what it produces: older entries are misses."""

_MAGIC = b"brief parse cache"
_PYTHON = tuple(sys.version_info[:2])

Stamp = tuple[str, int, int]
"""(path relative to the workspace root, size, mtime_ns); size -1 for a file that is missing."""


_enabled = True


def set_enabled(enabled: bool) -> None:
    """Turn the cache on or off for loads that do not say (`brief --no-cache` opens the reader)."""
    global _enabled
    _enabled = enabled


def enabled() -> bool:
    """Whether loads that do not say use the cache."""
    return _enabled


def cache_root() -> Path:
    """The user cache folder of `brief` (`$XDG_CACHE_HOME/brief` when that is set)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg:
        return Path(xdg).expanduser() / "brief"
    return Path(user_cache_dir("brief", appauthor=False))


def stamp(root: Path | str, rel: str) -> Stamp:
    """The stamp of a file under `root` now (size -1 when it cannot be stat'ed)."""
    try:
        # Strings, not `Path`s: a warm load stats ~6,000 files at 1,000 briefs.
        st = os.stat(os.path.join(root, rel))
    except (OSError, ValueError):
        return (rel, -1, -1)
    return (rel, st.st_size, st.st_mtime_ns)


class Entry:
    """One brief as cached: the checked brief, its own checks' problems, positions for later."""

    __slots__ = ("brief", "found", "positions")

    def __init__(self, brief: Brief, found: list[Problem], positions: CrossPositions) -> None:
        self.brief = brief
        self.found = found
        self.positions = positions

    def read(self) -> tuple[Located, list[Problem]]:
        """The brief as a build reads it (positions for the checks across briefs), and the
        problems its own checks found."""
        return Located(self.brief, cross=self.positions), self.found


class ParseCache:
    """The cache entries of one workspace; every method is silent about failures."""

    def __init__(self, workspace_root: Path, folder: Path | None = None) -> None:
        self.root = workspace_root
        self._root = os.fspath(workspace_root)
        where = str(workspace_root.resolve()).encode("utf-8", "surrogatepass")
        key = hashlib.sha256(where).hexdigest()[:32]
        self.folder = (folder or cache_root()) / "parse" / f"v{LOADER_VERSION}" / key
        self.writable = True
        self.notice = ""
        """Why the cache could not be written, once (empty when it could)."""

    def _file(self, rel: str) -> Path:
        return self.folder / hashlib.sha256(rel.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    def get(self, rel: str, brief_stamp: Stamp) -> Entry | None:
        """The entry for a brief file, if present, whole and still valid; else None."""
        try:
            data = self._file(rel).read_bytes()
        except (OSError, ValueError):
            return None
        try:
            magic, version, python, name, file_stamp, seeds, crc, payload = marshal.loads(data)
            if (magic, version, python, name) != (_MAGIC, LOADER_VERSION, _PYTHON, rel):
                return None
            if tuple(file_stamp) != brief_stamp:
                return None
            for seed in seeds:
                if stamp(self._root, seed[0]) != tuple(seed):
                    return None
            # Seeds, sources and claims are read only when a brief is opened, long after this:
            # damage found then could no longer be a miss (crc32: ~7 ms for 1,000 briefs).
            if zlib.crc32(payload) != crc:
                return None
            return decode_entry(marshal.loads(payload))
        except Exception:  # noqa: BLE001 - damaged, truncated or foreign: a miss
            return None

    def put(
        self, rel: str, brief_stamp: Stamp, seeds: Iterable[str], entry: Entry | tuple[Any, ...]
    ) -> None:
        """Store an entry (or what `encode_entry` made of it) atomically (temp file + rename);
        failures only turn the cache off."""
        if not self.writable:
            return
        try:
            seed_stamps = tuple(stamp(self.root, s) for s in sorted(set(seeds)))
            payload = marshal.dumps(encode_entry(entry) if isinstance(entry, Entry) else entry)
            data = marshal.dumps(
                (
                    _MAGIC,
                    LOADER_VERSION,
                    _PYTHON,
                    rel,
                    brief_stamp,
                    seed_stamps,
                    zlib.crc32(payload),
                    payload,
                )
            )
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, self._file(rel))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            self.writable = False  # a read-only or full cache folder: no cache for this load
            self.notice = f"parse cache off: cannot write {self.folder} ({exc.strerror or exc})"
        except Exception:  # noqa: BLE001 - this entry cannot be stored; the load goes on
            pass


# -- plain data, both ways ---------------------------------------------------------------------
# Each model is a tuple of its fields in declaration order; dates are ordinals. marshal gives
# tuples back as tuples, so decoding passes them on as they come.


def _date(d: dt.date | None) -> int | None:
    return d.toordinal() if d is not None else None


_DATES: dict[int, dt.date] = {}
"""Each date decoded once: a brief's claims share a few dates (one object each, not 50,000)."""


def _undate(n: int | None) -> dt.date | None:
    if n is None:
        return None
    found = _DATES.get(n)
    if found is None:
        if len(_DATES) > 100_000:  # every day of 270 years: never, but bounded all the same
            _DATES.clear()
        found = _DATES[n] = dt.date.fromordinal(n)
    return found


def _pos(p: Pos) -> tuple[str, int, int]:
    return (p.path, p.line, p.col)


def _problem(p: Problem) -> tuple[Any, ...]:
    return (p.pos.path, p.pos.line, p.pos.col, p.severity, p.code, p.message, p.hint)


def _unproblem(t: Any) -> Problem:
    return Problem(Pos(t[0], t[1], t[2]), t[3], t[4], t[5], t[6])


def encode_entry(entry: Entry) -> tuple[Any, ...]:
    """An entry as plain data (what `marshal` writes; `decode_entry` reads it back).

    A brief's seeds, sources, claims and cross-references are each the `marshal` bytes of their
    plain data, with one string per item beside them (seed paths, source, claim and
    cross-reference ids; and the ends of cross-references): a load reads only those
    (`Deferred`), and the items become objects when something reads them.
    """
    b = entry.brief
    brief = (
        b.id,
        b.path,
        b.title,
        _pos(b.pos),
        _date(b.date),
        b.tags,
        b.bluf,
        b.summary,
        b.summary_line,
        b.seed_paths(),
        _body(b.seeds, _seed),
        head(b.sources, lambda s: s.id),
        _body(b.sources, _source),
        b.claim_ids(),
        _body(b.claims, _claim),
        b.xref_ids(),
        b.xref_ends(),
        _body(b.xrefs, _xref),
        tuple(_problem(p) for p in b.problems),
        b.ok,
        b.invalid,
        None if b.item_hashes is None else len(b.item_hashes),
        None if b.item_hashes is None else _body(b.item_hashes, tuple),
    )
    found = tuple(_problem(p) for p in entry.found)
    return (brief, found, entry.positions.ints.tobytes())


def _body(items: Sequence[Any], plain: Callable[[Any], tuple[Any, ...]]) -> bytes:
    data = items.data() if isinstance(items, Deferred) else None
    return data if data is not None else marshal.dumps(tuple(plain(item) for item in items))


def _seed(s: Seed) -> tuple[Any, ...]:
    return (s.id, s.path, s.title, _pos(s.pos), s.text, s.invalid)


def _source(s: Source) -> tuple[Any, ...]:
    return (s.id, s.name, _pos(s.pos), s.role, s.kind, s.url, s.reliability, s.note, s.invalid)


def _xref(x: Xref) -> tuple[Any, ...]:
    return (
        x.brief,
        (x.source.brief, x.source.claim),
        (x.target.brief, x.target.claim),
        x.rel,
        _pos(x.pos),
        x.note,
        x.index,
        x.invalid,
    )


def _claim(c: Claim) -> tuple[Any, ...]:
    return (
        c.brief,
        c.id,
        c.source,
        c.text,
        _pos(c.pos),
        c.quote,
        c.seed,
        _date(c.date),
        c.credibility,
        c.confidence,
        c.tags,
        c.note,
        c.quote_span,
        c.invalid,
        c.quote_state,
        c.quote_similarity,
        c.quote_diff,
    )


_i = sys.intern
"""Ids are met again and again across briefs (a cross-reference's ends name claims of other
briefs), and a string read from YAML is not interned as the code's own words are (marshal
keeps those interned): one string each took the library from 138 to 108 MB at 1,000 briefs."""


def decode_entry(payload: Any) -> Entry:
    """An entry back from the plain data `encode_entry` made (seeds, sources, claims and
    cross-references `Deferred`)."""
    brief_t, found_t, positions_t = payload
    (
        bid,
        path,
        title,
        pos,
        date,
        tags,
        bluf,
        summary,
        summary_line,
        seed_paths,
        seeds,
        source_ids,
        sources,
        claim_ids,
        claims,
        xref_ids,
        xref_ends,
        xrefs,
        problems,
        ok,
        invalid,
        item_count,
        hashes,
    ) = brief_t
    bid = _i(bid)
    brief = Brief(
        id=bid,
        path=path,
        title=title,
        pos=Pos(*pos),
        date=_undate(date),
        tags=tags,
        bluf=bluf,
        summary=summary,
        summary_line=summary_line,
        seeds=Deferred(seeds, _unseeds, seed_paths),
        sources=Deferred(sources, _unsources, source_ids),
        claims=Deferred(claims, _unclaims, tuple(map(_i, claim_ids))),
        xrefs=Deferred(xrefs, _unxrefs, xref_ids, tuple(map(_i, xref_ends))),
        problems=tuple(_unproblem(p) for p in problems),
        ok=ok,
        invalid=invalid,
        # No ids beside them: nothing reads them before the hashes (89,000 strings at 1,000
        # briefs, ~6 MB).
        item_hashes=None
        if hashes is None
        else Deferred(hashes, marshal.loads, (), size=item_count),
    )
    found = [_unproblem(p) for p in found_t]
    ints = array("i")
    ints.frombytes(positions_t)
    return Entry(brief, found, CrossPositions(ints))


def _unseeds(data: bytes) -> tuple[Seed, ...]:
    return tuple(Seed(s[0], s[1], s[2], Pos(*s[3]), s[4], s[5]) for s in marshal.loads(data))


def _unsources(data: bytes) -> tuple[Source, ...]:
    return tuple(
        Source(s[0], s[1], Pos(*s[2]), s[3], s[4], s[5], s[6], s[7], s[8])
        for s in marshal.loads(data)
    )


def _unxrefs(data: bytes) -> tuple[Xref, ...]:
    return tuple(
        Xref(
            _i(x[0]),
            ClaimKey(_i(x[1][0]), _i(x[1][1])),
            ClaimKey(_i(x[2][0]), _i(x[2][1])),
            x[3],
            Pos(*x[4]),
            x[5],
            x[6],
            x[7],
        )
        for x in marshal.loads(data)
    )


def _unclaims(data: bytes) -> tuple[Claim, ...]:
    return tuple(
        Claim(
            _i(c[0]),
            _i(c[1]),
            _i(c[2]),
            c[3],
            Pos(*c[4]),
            c[5],
            _i(c[6]),
            _undate(c[7]),
            c[8],
            _i(c[9]),
            c[10],
            c[11],
            c[12],
            c[13],
            c[14],
            c[15],
            c[16],
        )
        for c in marshal.loads(data)
    )
