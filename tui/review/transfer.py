"""`brief state copy SRC DST`: one reviewer's marks copied from one store to another (a SQLite
file to a server, or back), idempotently.

Each mark is written to DST as one change with an operation id made from the mark itself, so
copying twice (or a copy retried after a dropped connection) records each change once, and a
mark DST already has as it is in SRC is left alone. The change is DST's own event (when it was
copied); SRC's history stays in SRC (`brief history --state SRC`). What each mark was given
for (its snapshot, `diff.py`) goes with it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

from .protocol import Store


@dataclass(frozen=True)
class Copied:
    """What a copy did."""

    marks: int
    """Marks in SRC."""
    written: int
    """Marks DST did not have as they are in SRC, now written."""


def copy_marks(src: Store, dst: Store) -> Copied:
    """Copy `src.reviewer`'s marks to `dst` (opened with the same reviewer).

    Raises:
        ReadOnlyStore: DST can't be written.
        ReviewWriteError: a write did not land (the marks before it did; run it again).
    """
    marks = src.marks()
    kept = src.snapshots({m.hash for m in marks.values()})  # what each was given for
    written = 0
    for key, mark in sorted(marks.items()):
        have = dst.get(*key)
        if have is not None and (have.hash, have.reviewed, have.flagged, have.note) == (
            mark.hash,
            mark.reviewed,
            mark.flagged,
            mark.note,
        ):
            continue
        data = json.dumps(asdict(mark), sort_keys=True, ensure_ascii=False).encode()
        op = "copy-" + hashlib.sha256(data).hexdigest()[:32]
        dst.set_many(
            [(mark.brief, mark.kind, mark.item, mark.hash)],
            reviewed=mark.reviewed,
            flagged=mark.flagged,
            note=mark.note,
            op=op,
            snapshots={mark.hash: kept[mark.hash]} if mark.hash in kept else None,
        )
        written += 1
    return Copied(len(marks), written)
