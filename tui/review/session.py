"""The review marks of a library, kept current in memory (on a server, live: `live.py`): the
items, their content hashes, which marks are stale. The UI reads and writes marks only here.
Threads: marks are read on the UI thread and written on a worker, through `pending` (one write
at a time, in order); memory changes once a write has committed, then listeners are called.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Brief
from .diff import Diff, compare
from .items import BriefItems, Item, ItemHashes
from .pending import Pending
from .protocol import Store
from .reads import MarkReads
from .schema import Change, Kind, Mark, MarkKey
from .snapshots import Contents, Kept
from .team import Trails, last_good, server_notice, take_in

if TYPE_CHECKING:
    from .live import Follower  # imports psycopg: only on a server (see `follow`)


Listener = Callable[[list[Item]], None]
"""Called with the items whose marks changed, on the thread that wrote them: a UI listener hands
them over to its own thread (Textual: post a message)."""

UNDO_DEPTH = 500
"""Changes of a session that `u` can undo."""

_ticks = itertools.count()  # orders writes against reads across sessions (`carry_from`)


@dataclass(frozen=True)
class _Undoable:
    """A change made through `Reviews`: its batch, what it was (for the user), its items."""

    batch: int
    what: str
    items: list[Item]
    tick: int = field(default_factory=lambda: next(_ticks))  # once written


class Reviews(MarkReads):
    """The review state of a library: the one place the UI reads marks from and writes them to.

    Marks are read from the store once and kept current as changes are written, so drawing a
    list of claims never queries the database.
    """

    def __init__(self, store: Store, briefs: Iterable[Brief]) -> None:
        self.store = store
        """The store (SQLite or a server)."""
        briefs = tuple(briefs)  # read twice: for the items, and for what was reviewed (diff.py)
        self.contents = Contents(briefs)
        """Every item's content, for snapshots and `changes_of`."""
        self.items = BriefItems(briefs)
        """Reviewable items of each brief, in reading order (hashed as each brief is asked
        for: a brief with no marks shows its progress unhashed, issue 12)."""
        self._hash = ItemHashes(self.items)
        # On a server, where live updates start: before the marks are read, so a change made
        # while they are read is caught up on (taking in a change twice is harmless).
        self._live_from: int | None = getattr(store, "last_event", lambda: None)()
        self._read_from = next(_ticks)  # a write after this may be missing from `marks`
        self.marks: dict[MarkKey, Mark] = store.marks()
        """Every mark of this reviewer, by (brief, kind, item)."""
        self.others: dict[MarkKey, list[Mark]] = store.others()
        """Other reviewers' marks, by (brief, kind, item), oldest first."""
        self._kept = Kept(store.snapshots)  # what stale marks were given for (`changes_of`)
        self._kept.fetch(
            [*self.marks.values(), *(m for v in self.others.values() for m in v)], self._hash
        )
        self._undo: list[_Undoable] = []
        self._successor: Reviews | None = None  # the session that took over (`carry_from`)
        self._listeners: list[Listener] = []
        self._lock = threading.RLock()  # one change at a time, from whichever thread
        self.pending = Pending()
        """Writes queued by the UI, run one at a time off its thread."""
        self.server_listeners: list[Callable[[bool, str], None]] = []
        """Called, on the follower's thread, when the server goes away (False) and when it is
        back (True), with what to tell the user."""
        self.follower: Follower | None = None  # on a server: others' changes, live (`follow`)
        self._trails = Trails(store.history, lambda: not (self.follower and self.follower.lost))
        self.follow()
        last_good(self)  # read-only on a server: the marks of the last good read, if any

    def follow(self) -> None:
        """On a server, take in every change written elsewhere as it lands (`live.py`): marks
        are reloaded and the listeners called with the items, on the follower's thread."""
        uri = getattr(self.store, "uri", None)
        if isinstance(uri, str) and not self.store.read_only and self.follower is None:
            alive = lambda: not getattr(self.store, "closed", False)  # noqa: E731
            from .live import Follower  # psycopg only on a server

            self.follower = Follower(
                uri, self.store.events_since, self._took_in, alive, self._server_changed
            )
            self.follower.last = self._live_from
            self.follower.start()

    def _server_changed(self, up: bool) -> None:
        said = server_notice(up, self.store.where)
        for listener in list(self.server_listeners):
            listener(up, said)

    def _took_in(self, events: list[Change]) -> None:
        with self._lock:  # the events say what each mark became (`team.take_in`)
            # This session's own writes are in already (`_write` read them back); taken in
            # again after a later write, they would show the older mark for a moment.
            own = {u.batch for u in self._undo}
            events = [e for e in events if e.batch not in own]
            self.marks, self.others, keys = take_in(
                self.marks, self.others, events, self.store.reviewer
            )
            self._trails.forget(keys)
            self._kept.fetch((c.after for c in events if c.after is not None), self._hash)
        self._changed([self.item(*k) for k in sorted(keys) if k in self._hash])

    def carry_from(self, old: Reviews) -> None:
        """Take over what the reader keeps of a session it replaces (a reload): its undo stack,
        so `u` still undoes the last change, and the marks it wrote after this session read
        them. Nothing is carried from another store or reviewer. Call it once `old` has written
        what was queued on it (`old.pending.when_idle`): when a later session took over from
        this one meanwhile (reloads in a row), what is carried goes on to it."""
        if (old.store.where, old.store.reviewer) != (self.store.where, self.store.reviewer):
            return
        with self._lock, old._lock:
            old._successor = self
            merged = {u.batch: u for u in [*old._undo, *self._undo]}  # in order, each once
            self._undo = list(merged.values())[-UNDO_DEPTH:]
            late = {i.key for u in old._undo if u.tick > self._read_from for i in u.items}
            self._reload(late)
            successor = self._successor
        if late:
            self._changed([self.item(*key) for key in sorted(late) if key in self._hash])
        if successor is not None:
            successor.carry_from(self)

    def close(self) -> None:
        """Close the store once the writes queued have run (at once when none is queued)."""
        if self.follower is not None:
            self.follower.stop(wait=0)
        self.pending.when_idle(self.store.close)

    def history_of(self, brief: str, kind: Kind, item: str, limit: int = 3) -> list[Change]:
        """An item's latest events, newest first; on a server kept until it changes (a round
        trip per claim shown, on the UI thread), in a file read each time (cheap, and another
        reader's change to the same file is seen)."""
        if self.follower is None:
            return self.store.history(brief, kind, item, limit)
        return self._trails.get((brief, kind, item), limit)

    def subscribe(self, listener: Listener) -> None:
        """Call `listener` with the changed items after every change and every undo."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        """Stop calling `listener` (a screen that closes)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _changed(self, items: list[Item]) -> None:
        for listener in list(self._listeners):
            listener(items)

    def _write(
        self,
        items: list[Item],
        what: str,
        *,
        reviewed: bool | None = None,
        flagged: bool | None = None,
        note: str | None = None,
    ) -> int:
        # Raises ReadOnlyStore or ReviewWriteError before anything in memory changes.
        with self._lock:
            kept = {i.hash: self.contents.snapshot(*i.key) for i in items} if reviewed else {}
            snapshots = {h: body for h, body in kept.items() if body is not None}
            batch = self.store.set_many(
                [(i.brief, i.kind, i.item, i.hash) for i in items],
                reviewed=reviewed,
                flagged=flagged,
                note=note,
                snapshots=snapshots or None,
            )
            self._kept.add(snapshots)
            self._reload(i.key for i in items)
            self._undo.append(_Undoable(batch, what, list(items)))
            del self._undo[:-UNDO_DEPTH]
        self._changed(list(items))
        return batch

    def _reload(self, keys: Iterable[MarkKey]) -> None:
        # A new dict, swapped in whole: the UI thread never sees half a batch, nor a dict that
        # changes size while it is read.
        fresh = {key: self.store.get(*key) for key in keys}
        marks = dict(self.marks)
        for key, mark in fresh.items():
            if mark is None:
                marks.pop(key, None)
            else:
                marks[key] = mark
        self.marks = marks
        self._trails.forget(fresh)
        self._kept.fetch((mark for mark in fresh.values() if mark is not None), self._hash)

    def changes_of(
        self, brief: str, kind: Kind, item: str, mark: Mark | None = None
    ) -> Diff | None:
        """What changed in an item since it was reviewed, word by word (`diff.py`): None unless
        the mark (mine, or the one given) is stale and what it was given for was kept."""
        mark = mark or self.marks.get((brief, kind, item))
        if mark is None or mark.status(self.hash_of(brief, kind, item)) != "stale":
            return None
        was, now = self._kept.get(mark.hash), self.contents.now(brief, kind, item)
        return compare(kind, was, now, mark.at) if was is not None and now is not None else None

    def item(self, brief: str, kind: Kind, item: str) -> Item:
        """The item with its current hash."""
        return Item(brief, kind, item, self.hash_of(brief, kind, item))

    def toggle(self, item: Item) -> int:
        """Mark reviewed, or unmark when already reviewed (a stale mark is renewed).

        Raises:
            ReadOnlyStore: the marks cannot be written.
            ReviewWriteError: the write did not land; nothing changed.
        """
        with self._lock:  # decided on the marks as the changes queued before left them
            reviewed = self.status(item.brief, item.kind, item.item) != "reviewed"
            what = f"{item.kind} {'marked reviewed' if reviewed else 'unmarked'}"
            return self._write([item], what, reviewed=reviewed)

    def set_reviewed(self, items: list[Item], reviewed: bool = True) -> int:
        """Mark several items at once (one batch, undone together)."""
        kinds = {i.kind for i in items}
        noun = f"{next(iter(kinds))}s" if len(kinds) == 1 else "items"
        what = f"{len(items)} {noun} {'marked reviewed' if reviewed else 'unmarked'}"
        return self._write(items, what, reviewed=reviewed)

    def toggle_flag(self, item: Item) -> int:
        """Flag or unflag an item."""
        with self._lock:
            flagged = not self.flagged(item.brief, item.kind, item.item)
            return self._write(
                [item], f"{item.kind} {'flagged' if flagged else 'unflagged'}", flagged=flagged
            )

    def set_note(self, item: Item, note: str) -> int:
        """Set an item's note ("" clears it)."""
        return self._write([item], f"{item.kind} note", note=note)

    def undo(self, batch: int) -> None:
        """Undo a batch of changes (the caller redraws; `undo_last` is what the reader uses)."""
        with self._lock:
            touched = self.store.batch_items(batch)
            self.store.undo(batch)
            self._reload(touched)

    def undo_last(self) -> str | None:
        """Undo the last change made through this object; what it was, or None if none.

        Raises:
            ReadOnlyStore: the marks cannot be written (the change stays undoable).
            ReviewWriteError: the undo did not land (the change stays undoable).
        """
        with self._lock:
            if not self._undo:
                return None
            last = self._undo[-1]
            self.undo(last.batch)
            self._undo.pop()
        self._changed(last.items)
        return last.what
