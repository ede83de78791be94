"""One brief file rewritten by `brief check --fix`: read as it is, edited scalar by scalar, read
back and compared, its changes as diff hunks, and written atomically.

Every byte outside the edited scalars is kept: the text is decoded (UTF-8, its byte order mark
set aside) without normalising its line breaks, edited at the offsets `yamledit.scalars` gives,
and encoded back the same way. The file is written through a temporary file in its own folder
and `os.replace`, so a reader sees the old file or the new, never half of one; a link is
followed only while it stays in the workspace.
"""

from __future__ import annotations

import codecs
import contextlib
import copy
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path as FsPath
from typing import Any

from .brief import MAX_BRIEF_BYTES
from .textfile import ReadError, read_bytes
from .yamledit import BREAK, Layout, Scalar, layout, scalars
from .yamlread import Path, read_yaml


@dataclass(frozen=True)
class FileFailure:
    """A brief file that `--fix` meant to change and left as it was."""

    path: str
    """The file, relative to the workspace root."""
    message: str
    """What went wrong."""
    hint: str
    """What to do."""


@dataclass(frozen=True)
class BriefText:
    """A brief file as it is on disk."""

    file: FsPath
    """The file (a link inside the workspace is followed)."""
    rel: str
    """Its path relative to the workspace root."""
    data: bytes
    """Its bytes."""
    text: str
    """Its text: UTF-8 decoded, without the byte order mark, line breaks as written."""
    markdown: bool
    """Whether the YAML is front matter: the file is named `.md` (a link, by its own name, as
    the loader reads it)."""
    where: Layout | None
    """Where its YAML stands (None: a `.md` file without closed front matter)."""

    def scalars(self) -> tuple[dict[Path, Scalar], dict[Path, tuple[int, int]]]:
        """Its scalars and the position of each value (`yamledit.scalars`); empty when its
        YAML cannot be read (the loader has said why)."""
        if self.where is None:
            return {}, {}
        try:
            return scalars(self.text, self.where)
        except Exception:  # noqa: BLE001 - libyaml's errors are many; the loader reported them
            return {}, {}


@dataclass
class Edit:
    """One scalar to rewrite."""

    scalar: Scalar
    """The scalar as it is written now."""
    path: Path
    """Its path in the YAML, e.g. `("claims", 3, "quote")`."""
    source: str = ""
    """What to write in its place (`yamledit.render`)."""
    value: str = ""
    """The value that `source` must read as."""


def rel_path(root: FsPath, file: FsPath) -> str:
    """`file` relative to `root`, with `/` separators (as it is when it is not under `root`)."""
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return str(file)


def read_brief_text(root: FsPath, file: FsPath) -> BriefText | FileFailure:
    """Read a brief file to edit it: refused when it is a link leading out of the workspace."""
    rel = rel_path(root, file)
    try:
        real = file.resolve()
        outside = not real.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop
        outside = True
    if outside:
        return FileFailure(
            rel,
            "it is a link leading outside the workspace, and brief writes only inside it",
            "fix the quotes in the file it points to by hand, or copy that file into briefs/",
        )
    data = read_bytes(real, MAX_BRIEF_BYTES, "split the brief", what=f"`{rel}`")
    if isinstance(data, ReadError):
        return FileFailure(rel, data.message, data.hint)
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        return FileFailure(rel, "it is not UTF-8 text", "save it as UTF-8")
    markdown = file.suffix.lower() == ".md"
    return BriefText(real, rel, data, text, markdown, layout(text, markdown))


def edited(text: str, edits: Sequence[Edit]) -> tuple[str, list[list[str]]]:
    """The text with every edit's source in place, and each edit's diff hunk (in `edits` order).

    Edits are made from the last to the first, so each one's offsets, and the lines above it,
    are still those of the original: each hunk's line numbers are right before and after.
    """
    hunks: list[list[str]] = [[] for _ in edits]
    for k in sorted(range(len(edits)), key=lambda k: edits[k].scalar.start, reverse=True):
        edit = edits[k]
        start, end = edit.scalar.start, edit.scalar.end
        after = text[:start] + edit.source + text[end:]
        hunks[k] = _hunk(text, after, start, end, start + len(edit.source))
        text = after
    return text, hunks


def _hunk(before: str, after: str, start: int, old_end: int, new_end: int) -> list[str]:
    """A unified-diff hunk of the lines an edit at [start, old_end) touched."""
    first = max((m.end() for m in BREAK.finditer(before, 0, start)), default=0)
    number = len(BREAK.findall(before, 0, first))  # lines above the hunk
    old = BREAK.split(before[first : _line_end(before, max(start, old_end - 1))])
    new = BREAK.split(after[first : _line_end(after, max(start, new_end - 1))])
    out: list[str] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(0):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(number + i1, i2 - i1)} +{_range(number + j1, j2 - j1)} @@")
        for _, a1, a2, b1, b2 in group:
            out += ["-" + line for line in old[a1:a2]]
            out += ["+" + line for line in new[b1:b2]]
    return out


def _line_end(text: str, at: int) -> int:
    found = BREAK.search(text, at)
    return found.start() if found else len(text)


def _range(line: int, count: int) -> str:
    # As diff writes it: the first line and the count; a count of 1 is left out, and an empty
    # range names the line before it.
    if count == 1:
        return str(line + 1)
    return f"{line + (1 if count else 0)},{count}"


def reads_back(brief: BriefText, edits: Sequence[Edit], check: Callable[[Edit], bool]) -> bool:
    """Whether the text with these edits reads as the old with only the edited values changed,
    to the values expected, and `check` accepts each edit's new value."""
    where = brief.where
    if where is None:
        return False
    new_text, _ = edited(brief.text, edits)
    new_where = layout(new_text, brief.markdown)
    if new_where is None or new_text[new_where.end :] != brief.text[where.end :]:
        return False
    old_doc = read_yaml(_normal(brief.text[where.start : where.end]), where.line_offset + 1)
    new_doc = read_yaml(_normal(new_text[new_where.start : new_where.end]), where.line_offset + 1)
    if old_doc.value is None or new_doc.problems:
        return False
    expected = copy.deepcopy(old_doc.value)
    for edit in edits:
        _set(expected, edit.path, edit.value)
    if new_doc.value != expected:
        return False
    try:
        found, _ = scalars(new_text, new_where)
    except Exception:  # noqa: BLE001 - read_yaml read it; but never write what is not understood
        return False
    for edit in edits:
        written = found.get(edit.path)
        if written is None or written.value != edit.value or not check(edit):
            return False
    return True


def _normal(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _set(value: Any, path: Path, new: str) -> None:
    for key in path[:-1]:
        value = value[key]
    value[path[-1]] = new


def write_edits(root: FsPath, brief: BriefText, edits: Sequence[Edit]) -> FileFailure | None:
    """Write the edited text over the file, atomically; why not, when it cannot be done.

    A file that is read-only (for anyone, root included: its mode says it is not to be
    written) is refused; a file changed on disk since it was read is left as it is.
    """
    new_text, _ = edited(brief.text, edits)
    bom = codecs.BOM_UTF8 if brief.data.startswith(codecs.BOM_UTF8) else b""
    new = bom + new_text.encode("utf-8")
    rel, real = brief.rel, brief.file
    again = "run `brief check --fix` again"
    try:
        info = os.stat(real)
    except OSError as exc:
        return FileFailure(rel, f"cannot write it: {exc.strerror or exc}", again)
    writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    if not os.access(real, os.W_OK) or not info.st_mode & writable:
        return FileFailure(
            rel, "the file is read-only", f"make it writable (chmod u+w {rel}), then {again}"
        )
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(new)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), stat.S_IMODE(info.st_mode))
        if real.read_bytes() != brief.data:  # saved by an editor meanwhile: theirs wins
            return FileFailure(rel, "it changed on disk while it was being fixed", again)
        os.replace(tmp, real)
        tmp = None
    except OSError as exc:
        folder = rel_path(root, real.parent)
        return FileFailure(
            rel,
            f"cannot write it: {exc.strerror or exc}",
            f"check that you may write in the folder {folder}, then {again}",
        )
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return None
