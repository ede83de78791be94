"""Reading a small file with a positioned reason when it can't be read: the one reader of briefs,
seeds, themes and the config.

Every way a file can fail is decided here, once, for all of them: a FIFO or a device is refused
before a byte is read (a FIFO would block forever, `/dev/zero` never ends and reports size 0),
at most `max_bytes + 1` bytes are ever read, a symlink loop is called a loop, and every `OSError`
(permission, a name too long, a file gone) becomes a `ReadError` instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 16


@dataclass(frozen=True)
class ReadError:
    """Why a file could not be read, and where (1-based)."""

    line: int
    """Line of the problem (1 when it is about the whole file)."""
    col: int
    """Column of the problem."""
    code: str
    """Problem code: `unreadable`, `not-a-file`, `symlink-loop`, `file-too-large` or
    `encoding`."""
    message: str
    """What is wrong."""
    hint: str
    """What to do."""
    errno: int | None = None
    """The OS error number, when the OS refused (`errno.ENOENT` for a missing file)."""


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words (from its `st_mode`)."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def os_error(exc: OSError, what: str = "the file") -> ReadError:
    """A `ReadError` for an OS refusal (a loop gets its own code: it is not 'missing')."""
    if exc.errno == errno.ELOOP:
        return ReadError(
            1,
            1,
            "symlink-loop",
            f"cannot read {what}: symlink loop (its links lead back to themselves)",
            "point the link at a real file, or replace it with the file",
            exc.errno,
        )
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        reason = "file name too long"
    return ReadError(
        1,
        1,
        "unreadable",
        f"cannot read {what}: {reason}",
        "check that it exists, is a file, and that you may read it",
        exc.errno,
    )


def read_bytes(
    path: Path,
    max_bytes: int,
    too_large_hint: str,
    *,
    files: str = "briefs and seeds",
    what: str = "the file",
) -> bytes | ReadError:
    """Read at most `max_bytes` of a regular file. Never raises (an `OSError`) and never blocks.

    The file is opened non-blocking (a FIFO opens at once instead of waiting for a writer), then
    refused unless `fstat` says it is a regular file, so a FIFO, a device or a socket is never
    read; links are followed (whether they may lead there is the caller's check).

    Args:
        path: The file.
        max_bytes: Larger files are refused; `max_bytes + 1` bytes at most are read.
        too_large_hint: What to do about a file that is too large.
        files: What must be regular files, for the message ("briefs and seeds").
        what: The file, for the message ("the file", "seed `seeds/x.txt`").

    Returns:
        The bytes, or why they could not be read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        return os_error(exc, what)
    except ValueError as exc:  # a NUL in the path
        return ReadError(1, 1, "unreadable", f"cannot read {what}: {exc}", "fix its name")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):  # a folder opens on some systems; it is not "not found"
            return os_error(IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR)), what)
        if not stat.S_ISREG(info.st_mode):
            return ReadError(
                1,
                1,
                "not-a-file",
                f"not a regular file: {kind_of(info.st_mode)}; {files} must be files",
                "replace it with a regular file (a link to one inside the workspace is fine)",
            )
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return os_error(exc, what)
    finally:
        os.close(fd)
    if size > max_bytes:
        size = max(size, info.st_size)
        shown = f"{size / (1 << 20):.1f} MiB" if size >= 1 << 20 else f"{size // 1024} KiB"
        limit = f"{max_bytes >> 20} MiB" if max_bytes >= 1 << 20 else f"{max_bytes >> 10} KiB"
        return ReadError(
            1, 1, "file-too-large", f"file is {shown}; the limit is {limit}", too_large_hint
        )
    return b"".join(chunks)


def read_text(
    path: Path, max_bytes: int, too_large_hint: str, *, files: str = "briefs and seeds"
) -> str | ReadError:
    """Read a UTF-8 file (BOM allowed) with newlines normalised to `\\n`. Never raises.

    The bytes are read by `read_bytes` (regular files only, at most `max_bytes + 1` bytes).
    """
    data = read_bytes(path, max_bytes, too_large_hint, files=files)
    if isinstance(data, ReadError):
        return data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        return ReadError(
            line,
            col,
            "encoding",
            f"not UTF-8 text: byte 0x{data[exc.start]:02X} cannot be decoded",
            "save the file as UTF-8",
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")
