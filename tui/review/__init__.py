"""Review marks: what an analyst has reviewed or flagged, kept in SQLite, shown by the reader.

What lives where (each module imports only those above it, and none imports Textual or Rich:
the CLI export reads the same marks as the reader):

- `schema.py`  — what a review file holds: the tables, `SCHEMA_VERSION` and the migrations; the
  records kept in them (`Mark`, `Change`, the `Kind` and `Status` literals, `MarkKey`) and their
  conversions to and from rows and JSON.
- `faults.py`  — writes that did not land, in the user's words: `ReadOnlyStore`,
  `ReviewWriteError` (locked for too long, a full disk, an I/O error).
- `opening.py` — opening a file, and every way that can go wrong: a damaged file set aside and a
  fresh one started, a read-only session, a file that is not a review file refused, a session
  with no file at all; a file opened only to read (`brief export`) left exactly as it was.
- `sqlrows.py` — the rows a SQLite write adds (a mark's, a log entry).
- `snapshots.py` — what a mark was given for: the snapshot of an item (JSON), its table on both
  backends, `Contents` (items by id) and `Kept` (a session's snapshots in memory).
- `diff.py`    — the word diff between a snapshot and what is there now (`Diff`), bounded.
- `store.py`   — `ReviewStore`: reading and writing marks in transactions, undo by batch, the
  history; `default_reviewer`. Safe to use from two threads.
- `pending.py` — `Pending`: writes queued to run one at a time, in order, off the UI thread.
- `protocol.py` — `Store`, the interface both backends implement, and what they share.
- `pgschema.py`, `pglog.py`, `postgres.py` — the PostgreSQL backend (`ServerStore`): its tables
  and migrations, its log reads, its connection and writes; psycopg is imported only here.
- `live.py`    — following a server's changes as they land (LISTEN/NOTIFY, catch-up by event id).
- `team.py`    — taking colleagues' changes in as events, the last good read, server notices.
- `transfer.py` — `brief state copy`: one reviewer's marks from one store to another.
- `items.py`   — what can be reviewed: a brief's `Item`s in reading order, `content_hash`,
  `BriefItems` (each brief hashed when first asked for; counted unhashed).
- `reads.py`   — `MarkReads`: a session's reads over its marks in memory (status, progress).
- `session.py` — `Reviews`: a library's marks kept current in memory, the undo stack, the queue
  of writes and the change listeners. The UI goes through this.

The names below are the public ones; import them from `tui.review`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .faults import ReadOnlyStore, ReviewWriteError
from .items import Item, brief_items, content_hash
from .pgschema import is_server, shown
from .protocol import Store, describe
from .schema import (
    KINDS,
    SCHEMA_VERSION,
    SUMMARY_ITEM,
    Change,
    Kind,
    Mark,
    MarkKey,
    Status,
    as_kind,
)
from .session import UNDO_DEPTH, Listener, Reviews
from .store import ReviewStore, default_reviewer

if TYPE_CHECKING:
    from .postgres import ServerStore  # at run time through __getattr__, below

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "SUMMARY_ITEM",
    "UNDO_DEPTH",
    "Change",
    "Item",
    "Kind",
    "Listener",
    "Mark",
    "MarkKey",
    "ReadOnlyStore",
    "ReviewStore",
    "ReviewWriteError",
    "Reviews",
    "ServerStore",
    "Status",
    "Store",
    "as_kind",
    "brief_items",
    "content_hash",
    "default_reviewer",
    "describe",
    "is_server",
    "shown",
]


def __getattr__(name: str) -> object:
    # The server store imports psycopg: only when someone asks for it, not at startup.
    if name == "ServerStore":
        from .postgres import ServerStore

        return ServerStore
    raise AttributeError(name)
