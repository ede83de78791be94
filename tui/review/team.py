"""A session on a shared server, beyond one analyst's marks: taking in colleagues' changes as
events (`take_in`), the marks of the last good read for a session that can't read any
(`last_good`), and what to tell the user when the server goes and comes back (`server_notice`).

No psycopg here (`live.py` has it): `Reviews` calls these whichever backend it has.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from typing import Protocol

from .protocol import Store
from .schema import Change, Kind, Mark, MarkKey

Marks = dict[MarkKey, Mark]
"""One reviewer's marks, by item."""
Others = dict[MarkKey, list[Mark]]
"""Other reviewers' marks, by item, oldest change first."""


class Session(Protocol):
    """What `last_good` needs of a session (`Reviews`)."""

    store: Store
    marks: Marks
    others: Others


NONE_READ = (
    "No marks could be read from it, so none are shown (unless read earlier in this session); "
    "restart brief once it is back, or"
)
"""What a session that could not reach the server at all shows, and what to do."""

_LAST_GOOD: dict[tuple[str, str], weakref.ref[Session]] = {}
"""The last session that read each (server, reviewer)'s marks, in this process."""


def take_in(
    marks: Marks, others: Others, events: Iterable[Change], me: str
) -> tuple[Marks, Others, set[MarkKey]]:
    """The marks after `events` (oldest first), as new dicts, and the items they touched.

    The events say what each mark became, so nothing is read again: a server that goes away
    during a catch-up cannot make marks vanish (a failed read looks like no mark), and a
    colleague's mark costs no read of every other mark. Taking in an event twice, or events
    older than the marks, ends in the same marks once the newest is taken in.
    """
    marks, others = dict(marks), dict(others)
    keys: set[MarkKey] = set()
    for change in events:
        mark = change.after or change.before
        if mark is None:
            continue
        key = mark.key
        who = change.after.reviewer if change.after is not None else change.reviewer
        keys.add(key)
        if who == me:
            if change.after is None:
                marks.pop(key, None)
            else:
                marks[key] = change.after
            continue
        rest = [m for m in others.get(key, ()) if m.reviewer != who]
        if change.after is not None:
            rest.append(change.after)
        if rest:
            others[key] = rest
        else:
            others.pop(key, None)
    return marks, others, keys


def last_good(session: Session) -> None:
    """Remember a session that read a server's marks; give a read-only one (the server gone
    when the library is read again, after an edit) the marks of the last one that could.

    Nothing is kept on disk: a reader started while the server is away has no last good read,
    and its read-only message says that none could be read.
    """
    uri = getattr(session.store, "uri", None)
    if not isinstance(uri, str):
        return
    key = (uri, session.store.reviewer)
    if session.store.read_only:
        last = _LAST_GOOD.get(key)
        good = last() if last is not None else None
        if good is None or good is session:
            return
        session.marks, session.others = dict(good.marks), dict(good.others)
        session.store.messages.append(
            "The marks shown are those last read from the server in this session."
        )
    _LAST_GOOD[key] = weakref.ref(session)  # a read-only one too: the next read may fail again


class Trails:
    """The latest events of the items the reader showed, kept until they change: moving the
    cursor over claims asks again and again, and on a server each ask is a round trip on the
    UI thread (seconds when the server has gone: then nothing is asked, and [] is shown)."""

    KEPT = 2000
    """Items whose trail is kept (the oldest asked are dropped past it)."""

    def __init__(
        self,
        read: Callable[[str, Kind, str, int], list[Change]],
        reachable: Callable[[], bool] = lambda: True,
    ) -> None:
        self._read, self._reachable = read, reachable
        self._kept: dict[tuple[MarkKey, int], list[Change]] = {}
        self._lock = threading.Lock()  # asked on the UI thread, forgotten on the writers'

    def get(self, key: MarkKey, limit: int) -> list[Change]:
        """The latest `limit` events of an item, newest first."""
        with self._lock:
            found = self._kept.get((key, limit))
        if found is not None:
            return found
        if not self._reachable():
            return []
        found = self._read(*key, limit)
        with self._lock:
            if len(self._kept) >= self.KEPT:
                del self._kept[next(iter(self._kept))]
            self._kept[(key, limit)] = found
        return found

    def forget(self, keys: Iterable[MarkKey]) -> None:
        """Drop the trails of items that changed (read again when next asked)."""
        gone = set(keys)
        with self._lock:
            for kept in [k for k in self._kept if k[0] in gone]:
                del self._kept[kept]


def server_notice(up: bool, where: str) -> str:
    """What to tell the user when the server at `where` went away (False) or is back (True)."""
    if up:
        return (
            f"Back in touch with the review server at {where}: marks are saved again, and "
            "colleagues' changes made meanwhile are shown."
        )
    return (
        f"Lost the review server at {where}: marks can't be saved until it is back "
        "(reconnecting by itself); what is shown is the last good read."
    )
