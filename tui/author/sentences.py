"""How `brief new` splits a seed's text into sentences (part of the rules in `rules.py`).

**Text.** The seed is read as `brief check` reads it (UTF-8, CRLF and CR become LF), so every
quote is an exact stretch of it. A sentence holding a control or bidi character (anything
`tui.text.sanitize` would replace) is skipped: its quote could not be copied safely.

**Lines.** Blank lines separate blocks. Inside a block, a line break also ends a sentence when the
line is a heading or a list item (it starts with `#`, `-`, `*`, `+`, `•`, `>` or `1.`), when the
next line starts one, or when the line ends without sentence punctuation and is shorter than
three quarters of the block's longest line (a title, a dateline, "Read also"). Any other line
break is a space: hard-wrapped prose joins up again.

**Sentences** end at `.`, `!` or `?` (closing quotes and brackets after it belong to the sentence)
followed by a space and a capital, a digit or an opening quote or bracket; but never after an
abbreviation: a title or a month in `ABBREVIATIONS` (`Gen.`, `Dr.`, `Nov.`), `No.` before a
number, an initial (`J. Smith`) or a dotted acronym (`U.S.`, `U.N.`). A sentence that does not end
with such punctuation (a headline, a list of links) is not read for claims, nor is one longer
than `MAX_SENTENCE` characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import _words

MAX_SENTENCE = 1_500
"""Longer sentences are not read (a run of text with no full stop is not prose)."""

# -- sentences ------------------------------------------------------------------------------------

ABBREVIATIONS = _words(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt adm cmdr gov sen rep pres st jr sr
    inc corp ltd co bros vs approx dept est fig gov't mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e"""
)
"""Words that a full stop follows without ending the sentence (compared without the stop, in
lower case). `No.` counts only before a number."""

_BLANK = re.compile(r"\n[ \t]*\n")
_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+•][ \t]|>[ \t]?|\d{1,3}[.)][ \t])")
_LINE_END = re.compile(r"[.!?:;][\"'”’»)\]]*[ \t]*$")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_FINAL = re.compile(r"[.!?][\"'”’»)\]]*\s*$")
_LAST_WORD = re.compile(r"(\S+)$")
_ACRONYM_DOTS = re.compile(r"(?:[A-Za-z]\.){2,}$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the seed: its offsets in the text and whether it ends with punctuation."""

    start: int
    end: int
    text: str
    closed: bool
    """True when it ends with `.`, `!` or `?` (headlines and link lists do not)."""


def _is_abbreviation(chunk: str, at: int) -> bool:
    """Whether the full stop at `chunk[at]` follows an abbreviation (so the sentence goes on)."""
    if chunk[at] != ".":
        return False
    found = _LAST_WORD.search(chunk, max(0, at - 24), at)
    if found is None:
        return False
    word = found.group(1).lstrip("\"'“‘(«[")
    if len(word) == 1 and word.isupper():
        return True  # an initial: J. Smith
    if _ACRONYM_DOTS.search(word + "."):
        return True  # U.S., U.N.
    low = word.lower()
    if low == "no":
        rest = chunk[at + 1 : at + 4].lstrip()
        return rest[:1].isdigit()
    return low in ABBREVIATIONS


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text that no sentence crosses: blocks, cut at headings, list items, short
    lines without punctuation (see the module's rules)."""
    for block in _blocks(text):
        start, end = block
        lines: list[tuple[int, int]] = []
        at = start
        while at < end:
            stop = text.find("\n", at, end)
            stop = end if stop < 0 else stop
            lines.append((at, stop))
            at = stop + 1
        widest = max(len(text[a:b].rstrip()) for a, b in lines)
        chunk_start = lines[0][0]
        for n, (a, b) in enumerate(lines):
            line = text[a:b]
            last = n == len(lines) - 1
            hard = last
            if not last:
                following = text[lines[n + 1][0] : lines[n + 1][1]]
                heading = line.lstrip().startswith("#")
                unfinished = _LINE_END.search(line) is None
                short = len(line.rstrip()) < widest * 3 / 4
                hard = heading or bool(_MARKER.match(following)) or (unfinished and short)
            if hard:
                yield chunk_start, b
                if not last:
                    chunk_start = lines[n + 1][0]


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    at = 0
    for blank in _BLANK.finditer(text):
        if text[at : blank.start()].strip():
            yield at, blank.start()
        at = blank.end()
    if text[at:].strip():
        yield at, len(text)


def sentences(text: str) -> Iterator[Sentence]:
    """Split a seed's text into sentences, in order (see the module's rules)."""
    for chunk_start, chunk_end in _chunks(text):
        chunk = text[chunk_start:chunk_end]
        marker = _MARKER.match(chunk)
        at = marker.end() if marker else 0
        for boundary in _BOUNDARY.finditer(chunk):
            if boundary.start() < at:
                continue
            dot = boundary.end() - 1
            while chunk[dot] not in ".!?":
                dot -= 1
            if _is_abbreviation(chunk, dot):
                continue
            yield _sentence(text, chunk_start + at, chunk_start + boundary.end())
            at = boundary.end()
        if chunk[at:].strip():
            yield _sentence(text, chunk_start + at, chunk_end)


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end]
    return Sentence(start, end, body, _FINAL.search(body) is not None)
