"""What changed since an item was reviewed: a word-by-word diff between the snapshot its mark
keeps (`snapshots.py`) and what is there now. Plain data: the reader draws it
(`tui/app/render/changes.py`), `brief export` writes it.

The diff is bounded (`MAX_WORDS` per field): a snapshot from a crafted database, or a summary
rewritten from end to end, costs no more than a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import islice
from typing import Literal

from .schema import Kind
from .snapshots import FIELDS, read_snapshot

MAX_WORDS = 3000
"""Words of a field compared, on each side: past them a diff stops, and says it was cut.
`SequenceMatcher` costs grow faster than the text does; this keeps one diff at a few ms."""

CONTEXT = 6
"""Unchanged words kept on each side of a change when a diff is shown in brief (`trimmed`)."""

Op = Literal["equal", "removed", "added"]
"""What a run of words is: in both, only in what was reviewed, or only in what is there now."""


@dataclass(frozen=True)
class Segment:
    """A run of words with the same fate."""

    op: Op
    """`equal`, `removed` (only in what was reviewed) or `added` (only in what is there now)."""
    text: str
    """The words, joined by single spaces ("…" stands for words left out by `trimmed`)."""


@dataclass(frozen=True)
class FieldChange:
    """One field that changed, word by word."""

    field: str
    """The field's name in the snapshot (`text`, `credibility`, `note`...)."""
    label: str
    """How the field is called on screen ("Text", "Credibility")."""
    segments: tuple[Segment, ...]
    """The field's words, in order: equal, removed and added runs."""
    cut: bool = False
    """True when the field was longer than `MAX_WORDS` and only its start was compared."""

    def trimmed(self, context: int = CONTEXT) -> tuple[Segment, ...]:
        """The segments with long unchanged runs shortened (`trim`)."""
        return trim(self.segments, context)


def trim(segments: tuple[Segment, ...], context: int = CONTEXT) -> tuple[Segment, ...]:
    """`segments` with each long unchanged run shortened to the `context` words next to a
    change on either side ("…" for the words left out, when there are 3 or more)."""
    out: list[Segment] = []
    last = len(segments) - 1
    for n, seg in enumerate(segments):
        words = seg.text.split(" ")
        head = words[:context] if n > 0 else []
        tail = words[-context:] if n < last else []
        if seg.op != "equal" or len(head) + len(tail) + 2 >= len(words):  # "…" for 3 or more
            out.append(seg)
        else:
            out.append(Segment("equal", " ".join([*head, "…", *tail])))
    return tuple(out)


@dataclass(frozen=True)
class Diff:
    """What changed in an item since a mark was given for it."""

    kind: Kind
    """`summary`, `claim` or `xref`."""
    reviewed_at: str
    """When the mark was last changed (ISO 8601, UTC), as the store says."""
    fields: tuple[FieldChange, ...]
    """The fields that changed, in `FIELDS` order (empty: the snapshot reads as what is there
    now, as when only something it does not hold changed)."""

    def as_data(self) -> list[dict[str, object]]:
        """The changed fields as JSON-ready values (`brief export --format json`)."""
        return [
            {
                "field": f.field,
                "segments": [{"op": s.op, "text": s.text} for s in f.segments],
                "cut": f.cut,
            }
            for f in self.fields
        ]


_WORD = re.compile(r"\S+")


def _words(text: str, limit: int) -> list[str]:
    """The first `limit` words of `text` (it is not split further than needed)."""
    return [m.group() for m in islice(_WORD.finditer(text), limit)]


def word_diff(old: str, new: str, max_words: int = MAX_WORDS) -> tuple[tuple[Segment, ...], bool]:
    """The words of `old` and `new` as equal, removed and added runs, and whether either was
    longer than `max_words` (only their first `max_words` words are compared).

    Whitespace is not a word: text reflowed over other lines is equal. The common start and
    end are matched first (linear); `SequenceMatcher` only sees what lies between.
    """
    a, b = _words(old, max_words + 1), _words(new, max_words + 1)
    cut = len(a) > max_words or len(b) > max_words
    a, b = a[:max_words], b[:max_words]
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end = 0
    while end < len(a) - start and end < len(b) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    runs: list[tuple[Op, list[str]]] = [("equal", a[:start])]
    mid_a, mid_b = a[start : len(a) - end], b[start : len(b) - end]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, mid_a, mid_b).get_opcodes():
        if tag == "equal":
            runs.append(("equal", mid_a[i1:i2]))
            continue
        runs.append(("removed", mid_a[i1:i2]))
        runs.append(("added", mid_b[j1:j2]))
    runs.append(("equal", a[len(a) - end :]))
    return tuple(_merged(runs)), cut


def _merged(runs: list[tuple[Op, list[str]]]) -> Iterator[Segment]:
    """Runs as segments: empty runs dropped, neighbours of one kind joined."""
    op: Op | None = None
    words: list[str] = []
    for this, more in runs:
        if not more:
            continue
        if this != op and words and op is not None:
            yield Segment(op, " ".join(words))
            words = []
        op = this
        words += more
    if words and op is not None:
        yield Segment(op, " ".join(words))


def compare(kind: Kind, was: str, now: dict[str, str], reviewed_at: str = "") -> Diff | None:
    """What changed between a snapshot (`was`, as kept) and an item's fields now
    (`snapshot_fields`); None when the snapshot can't be read.

    Only fields the snapshot holds are compared: one a later brief added is not "new".
    """
    old = read_snapshot(was)
    if old is None:
        return None
    changed: list[FieldChange] = []
    for name, label in FIELDS[kind]:
        if name not in old or old[name] == now.get(name, ""):
            continue
        segments, cut = word_diff(old[name], now.get(name, ""))
        if any(s.op != "equal" for s in segments):  # else only whitespace changed
            changed.append(FieldChange(name, label, segments, cut))
    return Diff(kind, reviewed_at, tuple(changed))
