"""Editing one scalar of a brief file in place, leaving every other byte as it was.

The loader (`yamlread.py`) keeps where each value *starts*, on text whose newlines were
normalised. An edit needs more: where the scalar ends and how it was written (plain, '...',
"...", `|` or `>`), in the file's own text (its `\\r\\n` kept). So this module walks libyaml's
events once more over the raw text: a scalar event's marks count characters, line breaks of
every style included, so they are offsets into the text as read.

A new value is written in the scalar's own style when that style can say it exactly (a plain
scalar cannot hold `: ` or start with `-`, and must stay text, not turn into a number or `yes`;
quotes and block scalars can say any printable line); otherwise it is written double-quoted,
escaped. Whoever edits re-reads the result and compares (`fix.py` does): the rules here are a
first choice, never the proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .yamlread import Path

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - libyaml missing: same events, slower
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

BREAK = re.compile(r"\r\n|\r|\n")
"""A line break as a brief file may write it (the loader reads all three)."""

_STR = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
# Printable in YAML (1.1 and 1.2), minus the line breaks: what may stand in a one-line scalar.
_PRINTABLE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]*"
)
# A plain scalar may not start with an indicator, nor hold `: ` or ` #`; `,[]{}` end it in flow.
_PLAIN_FIRST = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW = set(",[]{}")
_HEADER = re.compile(r"[|>](?P<a>[+-]?)(?P<digit>[1-9]?)(?P<b>[+-]?)[ \t]*(#.*)?")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\t": "\\t", "\n": "\\n"}


@dataclass(frozen=True)
class Scalar:
    """A scalar value as written in a file."""

    value: str
    """Its text as YAML reads it (before any conversion to a number or a date)."""
    start: int
    """Offset in the file's text where it starts (its opening quote or `|`)."""
    end: int
    """Offset just past it (a block scalar's region takes in its line breaks)."""
    style: str
    """`""` plain, `'` single-quoted, `"` double-quoted, `|` literal or `>` folded."""
    flow: bool
    """Whether it stands inside a flow collection (`[...]`, `{...}`), where `,` ends it."""
    line: int
    """1-based line of its start in the file."""
    col: int
    """1-based column of its start."""


@dataclass(frozen=True)
class Layout:
    """Where the YAML of a brief file stands in it."""

    start: int
    """Offset of the YAML's first character in the file's text."""
    end: int
    """Offset just past the YAML."""
    line_offset: int
    """Lines before it (1 for front matter), as the loader counts them."""


def layout(text: str, markdown: bool) -> Layout | None:
    """Where the YAML of a brief file is: all of a `.yaml` file; a `.md` file's front matter,
    between its first line `---` and the next line `---` or `...` (as `brief.py` reads it).
    None when a `.md` file has no closed front matter."""
    if not markdown:
        return Layout(0, len(text), 0)
    starts = [0] + [m.end() for m in BREAK.finditer(text)]
    ends = [m.start() for m in BREAK.finditer(text)] + [len(text)]
    if text[starts[0] : ends[0]].rstrip() != "---" or len(starts) < 2:
        return None
    for i in range(1, len(starts)):
        if text[starts[i] : ends[i]].rstrip() in ("---", "..."):
            # The YAML is lines 1 .. i-1 joined: it ends where line i-1 ends (not its break).
            return Layout(starts[1], max(starts[1], ends[i - 1]), 1)
    return None


def scalars(text: str, where: Layout) -> tuple[dict[Path, Scalar], dict[Path, tuple[int, int]]]:
    """Every scalar value of the YAML in `text[where.start:where.end]`, by its path, and the
    (line, col) of every value, counted as the loader counts them (`YamlDoc.at`).

    A duplicate key keeps its first value, as the loader does. Raises `yaml.YAMLError` when the
    YAML cannot be read (the loader will have said why).
    """
    source = text[where.start : where.end]
    parser: Any = _Parser(source)
    found: dict[Path, Scalar] = {}
    at: dict[Path, tuple[int, int]] = {}
    # Each open container: [path, is a mapping, key awaiting its value, items so far, in flow].
    stack: list[list[Any]] = []
    base = where.line_offset + 1
    try:
        while parser.check_event():
            event = parser.get_event()
            kind = type(event)
            if kind is yaml.AliasEvent:
                raise yaml.YAMLError("aliases are refused")
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                continue
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            top = stack[-1] if stack else None
            if kind is yaml.ScalarEvent and top is not None and top[1] and top[2] is None:
                top[2] = event.value  # a key
                continue
            path: Path
            if top is None:
                path = ()
            elif top[1]:
                path, top[2] = (*top[0], top[2]), None
            else:
                path, top[3] = (*top[0], top[3]), top[3] + 1
            mark = event.start_mark
            flow = bool(top is not None and top[4])
            at.setdefault(path, (mark.line + base, mark.column + 1))
            if kind is yaml.ScalarEvent:
                if path not in found:
                    found[path] = Scalar(
                        event.value,
                        where.start + mark.index,
                        where.start + event.end_mark.index,
                        event.style or "",
                        flow,
                        mark.line + base,
                        mark.column + 1,
                    )
            else:
                stack.append(
                    [path, kind is yaml.MappingStartEvent, None, 0, flow or bool(event.flow_style)]
                )
    finally:
        parser.dispose()
    return found, at


def printable(value: str) -> bool:
    """Whether `value` is one line of characters YAML may hold as they are."""
    return _PRINTABLE.fullmatch(value) is not None


def plain_ok(value: str, flow: bool) -> bool:
    """Whether `value` can be written as a plain scalar and read back as the same text."""
    if not value or value != value.strip(" ") or not printable(value):
        return False
    if value[0] in _PLAIN_FIRST or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and _FLOW & set(value):
        return False
    return _RESOLVER.resolve(ScalarNode, value, (True, False)) == _STR


def single_quoted(value: str) -> str | None:
    """`value` as a single-quoted scalar, or None when it holds what only escapes can say."""
    if not printable(value):
        return None
    return "'" + value.replace("'", "''") + "'"


def double_quoted(value: str) -> str:
    """`value` as a double-quoted scalar: any text at all, escaped."""
    out = ['"']
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _PRINTABLE.fullmatch(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def render(value: str, scalar: Scalar, text: str, keep_style: bool = True) -> tuple[str, str]:
    """The source to put in place of `scalar` so that it reads as `value`.

    Args:
        value: The new text (one line).
        scalar: The scalar replaced.
        text: The file's text, which `scalar`'s offsets index.
        keep_style: Write it in the scalar's own style when that can say it; else double-quoted.

    Returns:
        The new source of `text[scalar.start:scalar.end]`, and the value YAML will read from it
        (a block scalar keeps its final line breaks, as its chomping indicator says).
    """
    source = text[scalar.start : scalar.end]
    block = scalar.style in ("|", ">")
    # A block scalar's region ends with its line breaks (and blank lines): kept as they are.
    body = source.rstrip("\r\n\t ") if block else source
    trailing = source[len(body) :]
    if block:
        trailing = trailing[_first_break(trailing) :]
    if keep_style:
        if scalar.style == "" and plain_ok(value, scalar.flow):
            return value, value
        if scalar.style == "'" and (quoted := single_quoted(value)) is not None:
            return quoted, value
        if block and (written := _block(value, scalar, source)) is not None:
            kept = scalar.value[len(scalar.value.rstrip("\n")) :]
            return written + trailing, value + kept
    return double_quoted(value) + trailing, value


def _first_break(text: str) -> int:
    found = BREAK.search(text)
    return found.start() if found else len(text)


def _block(value: str, scalar: Scalar, source: str) -> str | None:
    """`value` as the block scalar's header and content lines (no final line break), or None.

    The header (`|`, `>-`, a comment after it) is kept; the content takes the indentation of
    the old content's first line. A header with an explicit indentation digit, or no content
    line to take the indentation from, is left to the double-quoted form.
    """
    head = BREAK.search(source)
    if head is None or not printable(value) or value != value.strip(" ") or not value:
        return None
    header = source[: head.start()]
    parsed = _HEADER.fullmatch(header)
    if parsed is None or parsed["digit"]:
        return None
    lines = BREAK.split(source[head.end() :])
    first = next((line for line in lines if line.strip(" \t")), None)
    if first is None:
        return None
    indent = first[: len(first) - len(first.lstrip(" "))]
    if not indent:
        return None
    newline = head.group()
    if scalar.style == "|":
        content = [value]
    elif "  " in value:
        return None  # folding would read two spaces back as one
    else:
        # Folded: lines of about the old width, broken at spaces (each break reads as a space).
        width = max(40, max(len(line) for line in lines) if lines else 80)
        content = _wrap(value, max(20, width - len(indent)))
    return header + newline + indent + (newline + indent).join(content)


def _wrap(value: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in value.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines
