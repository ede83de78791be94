"""Writes that did not land, in the user's words: `ReadOnlyStore` and `ReviewWriteError`.

A write fails whole (its transaction is rolled back), so these say what was not saved and why;
the session's marks in memory change only after a write commits.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path


class ReadOnlyStore(Exception):
    """A write was asked of a store that cannot be written (the message says why)."""


class ReviewWriteError(Exception):
    """A write did not land: the file was locked for too long, the disk is full, an I/O error.

    Nothing of the write was saved. `str()` is the notice for the user; `reason` is its second
    half ("the disk is full (/path/review.db)"), for notices that say what was being done.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(f"Could not save the mark: {reason}.")
        self.reason = reason
        """Why, in the user's words, without the leading "Could not save the mark"."""


_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def write_error(exc: sqlite3.Error | OSError, path: Path | None) -> ReviewWriteError:
    """The `ReviewWriteError` for what SQLite or the OS said while writing to `path`."""
    where = str(path) if path is not None else "the review marks of this session"
    text = str(exc).lower()
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if isinstance(exc, OSError):
        if exc.errno in _FULL:
            return ReviewWriteError(f"the disk is full ({where})")
        return ReviewWriteError(f"I/O error ({exc.strerror or exc}) writing {where}")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return ReviewWriteError(
            f"the review file is locked by another program ({where}); try again once it lets go"
        )
    if name.startswith("SQLITE_FULL") or "full" in text:
        return ReviewWriteError(f"the disk is full ({where})")
    if name.startswith("SQLITE_IOERR") or "i/o" in text:
        return ReviewWriteError(f"I/O error writing {where}")
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return ReviewWriteError(f"{where} cannot be written ({exc})")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        return ReviewWriteError(f"{where} is damaged ({exc}); restart brief to set it aside")
    return ReviewWriteError(f"{exc} ({where})")
