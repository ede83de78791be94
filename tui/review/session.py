"""The review marks of a library, kept current in memory (on a server, live: `live.py`): the
items, their content hashes, which marks are stale. The UI reads and writes marks only here.
Threads: marks are read on the UI thread and written on a worker, through `pending` (one write
at a time, in order); memory changes once a write has committed, then listeners are called.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Brief, Claim, ClaimKey, Xref
from .diff import Diff, compare
from .pending import Pending
from .protocol import Store
from .schema import SUMMARY_ITEM, Change, Kind, Mark, MarkKey, Status
from .snapshots import Contents, Kept
from .team import Trails, last_good, server_notice, take_in

if TYPE_CHECKING:
    from .live import Follower  # imports psycopg: only on a server (see `follow`)


def content_hash(kind: Kind, content: Brief | Claim | Xref) -> str:
    """Hash of what a reviewer reviews (changing it makes the mark stale). Claims: source, text,
    quote, seed, date, credibility; cross-references: ends, relation, note; summaries: title,
    BLUF and summary text."""
    if kind == "claim" and isinstance(content, Claim):
        c = content
        parts: list[object] = [c.source, c.text, c.quote, c.seed, str(c.date or ""), c.credibility]
    elif kind == "xref" and isinstance(content, Xref):
        parts = [str(content.source), str(content.target), content.rel, content.note]
    elif kind == "summary" and isinstance(content, Brief):
        parts = [content.title, content.bluf, content.summary]
    else:
        raise ValueError(f"cannot hash {kind} {type(content).__name__}")
    data = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(data).hexdigest()[:20]


@dataclass(frozen=True)
class Item:
    """Something that can be reviewed, with the hash of its current content."""

    brief: str
    """Brief id."""
    kind: Kind
    """`summary`, `claim` or `xref`."""
    item: str
    """Item id within the brief."""
    hash: str
    """Hash of the current content."""

    @property
    def key(self) -> MarkKey:
        """(brief, kind, item): the key of its mark."""
        return (self.brief, self.kind, self.item)


def brief_items(brief: Brief) -> list[Item]:
    """A brief's reviewable items in the reader's order: the summary, the claims grouped by
    source (in the order sources are declared, undeclared ones last), the cross-references."""
    items = [Item(brief.id, "summary", SUMMARY_ITEM, content_hash("summary", brief))]
    for _, claims in brief.claims_by_source():
        items += [Item(brief.id, "claim", c.id, content_hash("claim", c)) for c in claims]
    done: set[str] = set()
    for xref in brief.xrefs:
        if xref.id not in done:
            done.add(xref.id)
            items.append(Item(brief.id, "xref", xref.id, content_hash("xref", xref)))
    return items


Listener = Callable[[list[Item]], None]
"""Called with the items whose marks changed, on the thread that wrote them: a UI listener hands
them over to its own thread (Textual: post a message)."""

UNDO_DEPTH = 500
"""Changes of a session that `u` can undo."""


@dataclass(frozen=True)
class _Undoable:
    """A change made through `Reviews`: its batch, what it was (for the user), its items."""

    batch: int
    what: str
    items: list[Item]


class Reviews:
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
        self.items: dict[str, list[Item]] = {b.id: brief_items(b) for b in briefs if b.ok}
        """Reviewable items of each brief, in reading order."""
        self._hash: dict[MarkKey, str] = {i.key: i.hash for v in self.items.values() for i in v}
        # On a server, where live updates start: before the marks are read, so a change made
        # while they are read is caught up on (taking in a change twice is harmless).
        self._live_from: int | None = getattr(store, "last_event", lambda: None)()
        self.marks: dict[MarkKey, Mark] = store.marks()
        """Every mark of this reviewer, by (brief, kind, item)."""
        self.others: dict[MarkKey, list[Mark]] = store.others()
        """Other reviewers' marks, by (brief, kind, item), oldest first."""
        self._kept = Kept(store.snapshots)  # what stale marks were given for (`changes_of`)
        self._kept.fetch(
            [*self.marks.values(), *(m for v in self.others.values() for m in v)], self._hash
        )
        self._undo: list[_Undoable] = []
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

    def close(self) -> None:
        """Close the store once the writes queued have run (at once when none is queued)."""
        if self.follower is not None:
            self.follower.stop(wait=0)
        self.pending.when_idle(self.store.close)

    def hash_of(self, brief: str, kind: Kind, item: str) -> str:
        """Current content hash of an item ("" when it no longer exists)."""
        return self._hash.get((brief, kind, item), "")

    def mark(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """The mark of an item, if any."""
        return self.marks.get((brief, kind, item))

    def others_of(self, brief: str, kind: Kind, item: str) -> list[Mark]:
        """Other reviewers' marks of an item (who and when: "also reviewed by ...")."""
        return self.others.get((brief, kind, item), [])

    def history_of(self, brief: str, kind: Kind, item: str, limit: int = 3) -> list[Change]:
        """An item's latest events, newest first; on a server kept until it changes (a round
        trip per claim shown, on the UI thread), in a file read each time (cheap, and another
        reader's change to the same file is seen)."""
        if self.follower is None:
            return self.store.history(brief, kind, item, limit)
        return self._trails.get((brief, kind, item), limit)

    def reviewers_of(self, key: ClaimKey) -> tuple[str | None, tuple[str, ...]]:
        """Who marked a claim reviewed, for search's `by:` and `is:reviewed-by-others`: my name
        when I did (else None), and the other reviewers' names (stale marks count: they are
        still marked reviewed)."""
        mine = self.marks.get((key.brief, "claim", key.claim))
        others = self.others.get((key.brief, "claim", key.claim), ())
        return (
            mine.reviewer if mine is not None and mine.reviewed else None,
            tuple(m.reviewer for m in others if m.reviewed),
        )

    def status(self, brief: str, kind: Kind, item: str) -> Status:
        """`reviewed`, `stale` (changed since it was reviewed) or `unreviewed`."""
        mark = self.marks.get((brief, kind, item))
        return mark.status(self.hash_of(brief, kind, item)) if mark else "unreviewed"

    def flagged(self, brief: str, kind: Kind, item: str) -> bool:
        """True when the item is flagged."""
        mark = self.marks.get((brief, kind, item))
        return bool(mark and mark.flagged)

    def status_of(self, key: ClaimKey) -> tuple[Status, bool]:
        """(status, flagged) of a claim, for search's `is:` qualifiers."""
        return self.status(key.brief, "claim", key.claim), self.flagged(
            key.brief, "claim", key.claim
        )

    def progress(
        self,
        brief: str,
        kinds: tuple[Kind, ...] = ("summary", "claim", "xref"),
        only: set[str] | None = None,
    ) -> tuple[int, int]:
        """(reviewed, total) over a brief's items of some kinds (and, optionally, some ids)."""
        done = total = 0
        for it in self.items.get(brief, ()):
            if it.kind not in kinds or (only is not None and it.item not in only):
                continue
            total += 1
            done += self.status(it.brief, it.kind, it.item) == "reviewed"
        return done, total

    def needing_review(self, brief: str) -> list[Item]:
        """Items of a brief that are unreviewed or stale, in reading order."""
        return [
            i
            for i in self.items.get(brief, ())
            if self.status(i.brief, i.kind, i.item) != "reviewed"
        ]

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
