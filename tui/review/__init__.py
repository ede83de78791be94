"""Review marks: what an analyst has reviewed or flagged, kept in SQLite, shown by the reader.

What lives where (each module imports only those above it, and none imports Textual or Rich:
the CLI export reads the same marks as the reader):

- `schema.py`  — what a review file holds: the tables, `SCHEMA_VERSION` and the migrations; the
  records kept in them (`Mark`, `Change`, the `Kind` and `Status` literals, `MarkKey`) and their
  conversions to and from rows and JSON.
- `opening.py` — opening a file, and every way that can go wrong: a damaged file set aside and a
  fresh one started, a read-only session, a session with no file at all.
- `store.py`   — `ReviewStore`: reading and writing marks in transactions, undo by batch, the
  history; `ReadOnlyStore`, `content_hash`, `default_reviewer`.
- `session.py` — `Reviews`: a library's reviewable `Item`s and their marks kept current in
  memory, the undo stack and change listeners. The UI goes through this.

The names below are the public ones; import them from `tui.review`.
"""

from __future__ import annotations

from .schema import (
    KINDS,
    SCHEMA_VERSION,
    SUMMARY_ITEM,
    Change,
    Kind,
    Mark,
    MarkKey,
    Status,
)
from .session import UNDO_DEPTH, Item, Listener, Reviews, brief_items
from .store import ReadOnlyStore, ReviewStore, content_hash, default_reviewer

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
    "Reviews",
    "Status",
    "brief_items",
    "content_hash",
    "default_reviewer",
]
