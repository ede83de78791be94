"""Writing `config.yaml`: remembering the chosen theme without touching anything else."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import tempfile
from pathlib import Path

from ..load.textfile import ReadError, read_bytes
from ..text import has_unsafe
from .paths import config_path

_THEME_LINE = re.compile(r"^theme[ \t]*:(?P<value>[^\n]*)$", re.MULTILINE)
_TRAILING_COMMENT = re.compile(r"[ \t]+#.*$")


def _yaml_scalar(name: str) -> str:
    """`name` as a YAML scalar that reads back as exactly that text."""
    from ..load.yamlread import read_yaml  # PyYAML: not before the reader's first frame

    doc = read_yaml(f"theme: {name}\n")
    plain = not doc.problems and isinstance(doc.value, dict) and doc.value.get("theme") == name
    if plain and "#" not in name and name == name.strip():
        return name
    return json.dumps(name, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def save_theme(name: str, path: Path | None = None) -> None:
    """Remember the chosen theme by rewriting only the `theme:` line of the config file.

    Comments, other settings and their order are kept (a comment after the value too); the file
    is created when missing. The new text is written to a temporary file in the same folder and
    moved over the old one with `os.replace`, so a crash leaves the old file or the new one,
    never half of one. A symlinked config (dotfiles) is written through to its target.

    Args:
        name: The theme's name.
        path: The config file (default: `config_path()`).

    Raises:
        ValueError: the name holds control characters, or the file is not a YAML mapping this
            function can edit safely (it is left untouched).
        OSError: the file could not be read or written.
    """
    if not name or has_unsafe(name) or "\n" in name:
        raise ValueError(f"not a usable theme name: {name!r}")
    path = config_path() if path is None else path
    target = Path(os.path.realpath(path))
    # The shared reader: a FIFO or a device is refused instead of blocking the reader for good.
    from ..load.yamlfile import MAX_SETTINGS_BYTES
    from ..load.yamlread import read_yaml

    raw = read_bytes(target, MAX_SETTINGS_BYTES, "", files="the config and themes")
    if isinstance(raw, ReadError):
        if raw.errno is not None and raw.errno != errno.ENOENT:
            raise OSError(raw.errno, raw.message)
        if raw.errno is None:  # not a regular file, or too large to be a config
            raise ValueError(f"{path}: {raw.message}; not rewriting it")
        raw = b""
    try:
        old = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not UTF-8 text; not rewriting it") from None
    newline = "\r\n" if "\r\n" in old else "\n"
    text = old.replace("\r\n", "\n")
    new = _with_theme(text, name)
    check = read_yaml(new)
    if check.problems or not isinstance(check.value, dict) or check.value.get("theme") != name:
        raise ValueError(f"{path}: cannot safely rewrite its `theme:` line; edit it by hand")
    _write_atomic(target, new.replace("\n", newline))


def _with_theme(text: str, name: str) -> str:
    line = f"theme: {_yaml_scalar(name)}"
    if _THEME_LINE.search(text):

        def replace(match: re.Match[str]) -> str:
            comment = _TRAILING_COMMENT.search(match.group("value"))
            return line + (comment.group() if comment else "")

        return _THEME_LINE.sub(replace, text)
    lines = text.split("\n")
    # Insert before the first top-level setting, so it lands among the settings after the
    # opening comments (and after a `---` document marker, if any).
    for i, here in enumerate(lines):
        if here and not here[0].isspace() and not here.startswith(("#", "---", "%")):
            return "\n".join([*lines[:i], line, *lines[i:]])
    body = text if not text or text.endswith("\n") else text + "\n"
    return body + line + "\n"


def _write_atomic(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = None
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
