"""What every review store offers (`Store`), whichever backend keeps the marks, and the rules
both backends share: who the reviewer is, what a change makes of a mark, what an event says.

Two backends satisfy `Store`: `store.ReviewStore` (one SQLite file, one analyst by default)
and `postgres.ServerStore` (a PostgreSQL server a team shares). Marks belong to a reviewer:
`marks` and `get` are the store's own reviewer's, `others` everyone else's.
"""

from __future__ import annotations

import getpass
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from .schema import Change, Kind, Mark, MarkKey, logged_mark

Target = tuple[str, Kind, str, str]
"""(brief, kind, item, content hash) of an item being changed."""


EVENT_COLUMNS = "id, batch, before, after, reviewer, at"
"""Columns of the log read as `Change`s, in the order `changes` reads them (both backends)."""


def changes(rows: Iterable[tuple[object, ...]]) -> list[Change]:
    """Log rows (`EVENT_COLUMNS`) as `Change`s; an entry that can't be read shows as no mark."""
    return [
        Change(
            int(str(r[0])),
            int(str(r[1])),
            logged_mark(None if r[2] is None else str(r[2])),
            logged_mark(None if r[3] is None else str(r[3])),
            str(r[4]),
            str(r[5]),
        )
        for r in rows
    ]


def default_reviewer() -> str:
    """The login name, used when the config names no reviewer."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "reviewer"


def new_op() -> str:
    """A fresh operation id: a write retried with the same id is recorded once."""
    return uuid.uuid4().hex


def next_mark(
    before: Mark | None,
    target: Target,
    reviewer: str,
    at: str,
    *,
    reviewed: bool | None,
    flagged: bool | None,
    note: str | None,
) -> Mark:
    """What a change makes of a mark (`before`: the reviewer's mark now, if any)."""
    brief, kind, item, content = target
    base = before or Mark(brief, kind, item, content)
    return replace(
        base,
        hash=content if reviewed is not None or before is None else base.hash,
        reviewed=base.reviewed if reviewed is None else reviewed,
        flagged=base.flagged if flagged is None else flagged,
        note=base.note if note is None else note,
        reviewer=reviewer,
        at=at,
    )


def describe(change: Change) -> str:
    """What a change did, in a few words ("marked reviewed, flagged", "note changed")."""
    before, after = change.before, change.after
    if after is None:
        return "mark removed (undo)"
    old = before or Mark(after.brief, after.kind, after.item, "")
    said = []
    if after.reviewed != old.reviewed:
        said.append("marked reviewed" if after.reviewed else "unmarked")
    elif after.reviewed and after.hash != old.hash:
        said.append("reviewed again")
    if after.flagged != old.flagged:
        said.append("flagged" if after.flagged else "unflagged")
    if after.note != old.note:
        said.append("note changed" if after.note else "note cleared")
    return ", ".join(said) or "unchanged"


class MarksByReviewer:
    """`marks` and `others`, for a store that reads its marks by reviewer (`_by_reviewer`)."""

    def _by_reviewer(self, mine: bool, brief: str | None) -> list[Mark]:
        """This reviewer's marks (`mine`) or every other reviewer's, oldest change first."""
        raise NotImplementedError  # the store's

    def marks(self, brief: str | None = None) -> dict[MarkKey, Mark]:
        """This reviewer's marks (of one brief, or of all), keyed by (brief, kind, item)."""
        return {mark.key: mark for mark in self._by_reviewer(True, brief)}

    def others(self, brief: str | None = None) -> dict[MarkKey, list[Mark]]:
        """Every other reviewer's marks, by item, oldest change first."""
        found: dict[MarkKey, list[Mark]] = {}
        for mark in self._by_reviewer(False, brief):
            found.setdefault(mark.key, []).append(mark)
        return found


class SetOne:
    """`set`, for a store that has `set_many`."""

    def set(
        self,
        brief: str,
        kind: Kind,
        item: str,
        content: str,
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
        snapshot: str | None = None,
    ) -> int:
        """Change one mark; fields left as None keep their value (`snapshot`: what was
        reviewed, kept under `content`). Returns the change's batch."""
        many: Any = getattr(self, "set_many")  # noqa: B009 - defined by the store
        return int(
            many(
                [(brief, kind, item, content)],
                reviewed=reviewed,
                flagged=flagged,
                note=note,
                snapshots={content: snapshot} if snapshot is not None else None,
            )
        )


class Store(Protocol):
    """A review store: the reader, `brief export` and `brief history` need nothing else."""

    reviewer: str
    """Name written with every change; `marks` and `get` are this reviewer's."""
    read_only_reason: str
    """Why marks can't be saved, or "" when they can."""
    messages: list[str]
    """Things the user must be told about opening the store (never a password)."""
    path: Path | None
    """The SQLite file (None for a server, or an in-memory session)."""

    @property
    def read_only(self) -> bool:
        """True when marks cannot be saved in this session."""
        ...

    @property
    def where(self) -> str:
        """Where the marks are, for messages (a server's address without its password)."""
        ...

    def close(self) -> None:
        """Let go of the database."""

    def get(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """This reviewer's mark of one item, if any."""
        ...

    def marks(self, brief: str | None = None) -> dict[MarkKey, Mark]:
        """This reviewer's marks (of one brief, or of all), keyed by (brief, kind, item)."""
        ...

    def others(self, brief: str | None = None) -> dict[MarkKey, list[Mark]]:
        """Every other reviewer's marks, by item, oldest change first."""
        ...

    def batch_items(self, batch: int) -> list[MarkKey]:
        """(brief, kind, item) of every change in a batch."""
        ...

    def history(self, brief: str, kind: Kind, item: str, limit: int = 20) -> list[Change]:
        """The latest events of one item (every reviewer's), newest first; [] when unreadable."""
        ...

    def events_since(self, after: int, limit: int = 1000) -> list[Change]:
        """Events after event id `after`, oldest first (catching up on others' changes)."""
        ...

    def set(
        self,
        brief: str,
        kind: Kind,
        item: str,
        content: str,
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
        snapshot: str | None = None,
    ) -> int:
        """Change one mark; fields left as None keep their value. Returns the batch."""
        ...

    def set_many(
        self,
        items: Iterable[Target],
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
        op: str | None = None,
        snapshots: Mapping[str, str] | None = None,
    ) -> int:
        """Change several marks in one transaction; a write retried with the same `op` is
        recorded once. `snapshots` (content hash: what was reviewed, `snapshots.snapshot`) are
        kept for the items whose mark is left on that hash. Raises `ReadOnlyStore` or
        `ReviewWriteError`."""
        ...

    def snapshots(self, hashes: Iterable[str]) -> dict[str, str]:
        """What was reviewed, by content hash, for those of `hashes` that have it (never
        raises: a store that can't be read, or has no snapshots yet, gives {})."""
        ...

    def undo(self, batch: int, op: str | None = None) -> list[Mark | None]:
        """Put every item of a batch back as it was, as new events. Returns the restored
        states. Raises `ReadOnlyStore` or `ReviewWriteError`."""
        ...
