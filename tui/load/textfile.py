"""Reading a small UTF-8 text file with a positioned reason when it can't be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReadError:
    """Why a text file could not be read, and where (1-based)."""

    line: int
    """Line of the problem (1 when it is about the whole file)."""
    col: int
    """Column of the problem."""
    code: str
    """Problem code: `unreadable`, `file-too-large` or `encoding`."""
    message: str
    """What is wrong."""
    hint: str
    """What to do."""


def read_text(path: Path, max_bytes: int, too_large_hint: str) -> str | ReadError:
    """Read a UTF-8 file (BOM allowed) with newlines normalised to `\\n`. Never raises.

    At most `max_bytes + 1` bytes are read, so a huge file costs nothing before it is refused.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return ReadError(
            1,
            1,
            "unreadable",
            f"cannot read the file: {exc.strerror or exc}",
            "check that it exists, is a file, and that you may read it",
        )
    if len(data) > max_bytes:
        size = path.stat().st_size if path.exists() else len(data)
        shown = f"{size / (1 << 20):.1f} MiB" if size >= 1 << 20 else f"{size // 1024} KiB"
        limit = f"{max_bytes >> 20} MiB" if max_bytes >= 1 << 20 else f"{max_bytes >> 10} KiB"
        return ReadError(
            1, 1, "file-too-large", f"file is {shown}; the limit is {limit}", too_large_hint
        )
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
