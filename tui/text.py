"""Making untrusted brief text safe to show, and folding it for comparison.

Brief text may hold terminal escape sequences (OSC 52 writes the clipboard), C1 controls and bidi
overrides that make text read differently than it is. `sanitize` replaces each with a visible
stand-in so that nothing reaches the terminal that could act on it, and the reader can still see
that something was there. This module imports no UI code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# Bidi embeddings, overrides, isolates and marks: they reorder what the terminal shows.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Lone surrogates (a file name that is not UTF-8 reads as `\udc9b`...) go out as the raw byte
# (0x9b is CSI to an 8-bit terminal) or crash the encoder: they are unsafe as well.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f" + _BIDI + "\u2028\u2029\ufff9-\ufffb\ud800-\udfff]"
)

# Zero-width characters and other invisibles that matching ignores (they are harmless to show).
_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff" + _BIDI + "]")

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
    }
)


def line_col(text: str, at: int) -> tuple[int, int]:
    """1-based line and column of offset `at` in `text` (columns count characters)."""
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def _stand_in(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def sanitize(text: str) -> str:
    """Replace control, C1 and bidi characters with visible stand-ins.

    Newlines and tabs are kept; CR is normalised away by the loader before this runs.

    Args:
        text: Untrusted text.

    Returns:
        Text safe to hand to the terminal (still not safe for markup: never parse it as markup).
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: _stand_in(m.group()), text)


def has_unsafe(text: str) -> bool:
    """True when `sanitize` would change the text."""
    return _UNSAFE.search(text) is not None


# Output side. Whatever was sanitised at load, every value that leaves for the terminal (or for
# a file a terminal may show) goes through one of these at the point where it leaves: problem
# messages, file names, review marks read back from a database, what Markdown entities decode
# into, what a user typed. They replace one character by one, so offsets stay valid.


def for_terminal(text: object) -> str:
    """`text` (any value, as `str`) made safe to write to a terminal: `sanitize`d.

    Newlines and tabs are kept: use it where a value may span lines (a notification, a note).
    """
    return sanitize(text if isinstance(text, str) else str(text))


def one_line(text: object) -> str:
    """`for_terminal`, and a newline shown as `␊`: for a value inside one line of output
    (a file name, an id, a problem message), which must never forge a second line."""
    clean = for_terminal(text)
    return clean.replace("\n", "\u240a") if "\n" in clean else clean


def _clean_data(value: object) -> object:
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, dict):
        return {_clean_data(k): _clean_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_data(v) for v in value]
    return value


def terminal_json(value: object, indent: int | None = 2) -> str:
    """`value` as JSON, every string in it `sanitize`d (keys too).

    JSON escapes C0 characters itself, but writes C1, DEL and bidi controls raw: here they get
    the same visible stand-ins as in text output, so JSON printed to a terminal is safe too.
    """
    return json.dumps(_clean_data(value), ensure_ascii=False, indent=indent)


_QUOTE_CHARS = re.compile("[" + re.escape("".join(map(chr, _QUOTES))) + "]")

# Starters that can compose with the character before them (the characters of combining class 0
# among Unicode's NFC_QC=Maybe): Hangul vowel and trailing jamo, some vowel and length signs.
# tests/test_text.py checks the list against `unicodedata`.
_COMPOSES_BACK = frozenset(
    [
        *(0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6),
        *(0x0D3E, 0x0D57, 0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E),
        *(0x11357, 0x114B0, 0x114BA, 0x114BD, 0x115AF, 0x11930),
        *range(0x1161, 0x1176),
        *range(0x11A8, 0x11C3),
    ]
)

_ASCII = re.compile("[\x00-\x7f]")
_ASCII_SPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f]")
_ASCII_SPACES = str.maketrans(dict.fromkeys("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " "))
_WORD = re.compile(r"\S+")


def _plain_quote(match: re.Match[str]) -> str:
    return _QUOTES[ord(match.group())]


def fold_chars(text: str) -> str:
    """Fold text for matching, whitespace left as it is: invisibles dropped, NFKC, plain quotes,
    case-folded.

    NFKC runs over the whole text, so a letter and its combining accent (`e` + U+0301, as NFD
    writes `é`) fold like the accented letter. Each step runs at C speed; ASCII text needs only
    `lower`.
    """
    if text.isascii():
        return text.lower().replace("`", "'")
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))
    return _QUOTE_CHARS.sub(_plain_quote, text).casefold()


def squeeze(text: str) -> tuple[str, bool, bool]:
    """`text`'s words joined by single spaces, and whether it starts and whether it ends with
    whitespace (`str.split`'s whitespace). ASCII text is squeezed without a list of its words."""
    if not text:
        return "", False, False
    if text.isascii():
        if _ASCII_SPACE.search(text) is not None:
            text = text.translate(_ASCII_SPACES)
        while "  " in text:
            text = text.replace("  ", " ")
        return text.strip(" "), text[0] == " ", text[-1] == " "
    return " ".join(text.split()), text[0].isspace(), text[-1].isspace()


def fold(text: str) -> str:
    """Fold text for matching: NFKC, no invisibles, plain quotes, case-folded, single spaces."""
    return squeeze(fold_chars(text))[0]


def _fresh(char: str) -> bool:
    """Whether folding can start afresh at `char`: nothing before it composes with it, nor moves
    past it (a visible starter that never composes with what precedes it, even after NFKC)."""
    if char < "\x80":
        return True
    if unicodedata.combining(char) or ord(char) in _COMPOSES_BACK or _INVISIBLE.match(char):
        return False
    first = unicodedata.normalize("NFKC", char)[0]
    return not unicodedata.combining(first) and ord(first) not in _COMPOSES_BACK


def fold_cut(text: str, at: int, within: int = 256) -> int | None:
    """The first offset in [at, at + within) where `text` can be cut so that `fold_chars` of the
    two parts, joined, is `fold_chars` of the whole; None when there is none (a long run of
    combining marks, say). Any ASCII character is such a place."""
    stop = min(len(text), at + within)
    ascii_at = _ASCII.search(text, at, stop)
    end = ascii_at.start() if ascii_at is not None else stop
    for i in range(at, end):
        if _fresh(text[i]):
            return i
    return ascii_at.start() if ascii_at is not None else None


@dataclass(frozen=True)
class FoldMap:
    """`fold_chars` of a text, and where in the text each of its characters comes from.

    A folded character comes from a cluster of the text: one character, or a letter with the
    combining marks and invisibles after it (which NFKC may merge into one character).
    """

    folded: str
    """`fold_chars` of the text."""
    at: Sequence[int]
    """Offset in `folded` of the first character of each cluster (clusters that fold to nothing
    left out), increasing."""
    starts: Sequence[int]
    """Offset in the text where each cluster starts."""
    ends: Sequence[int]
    """Offset in the text just past each cluster's last visible character."""

    def start(self, i: int) -> int:
        """Where in the text folded character `i` starts."""
        return self.starts[bisect_right(self.at, i) - 1]

    def end(self, i: int) -> int:
        """Where in the text folded character `i` ends."""
        return self.ends[bisect_right(self.at, i) - 1]


_ONE: dict[str, str] = {}
"""`fold_chars` of single characters, as they are met."""


def fold_map(text: str) -> FoldMap:
    """`fold_chars(text)` with where each of its characters comes from (see `FoldMap`)."""
    n = len(text)
    if text.isascii():
        return FoldMap(fold_chars(text), range(n), range(n), range(1, n + 1))
    pieces: list[str] = []
    at: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    size = 0
    one = _ONE
    i = 0
    while i < n:
        j = i + 1
        while j < n and not _fresh(text[j]):
            j += 1
        if j == i + 1:
            char = text[i]
            raw = one.get(char)
            if raw is None:
                raw = one[char] = fold_chars(char)
            last = i
        else:
            raw = fold_chars(text[i:j])
            last = j - 1
            while last > i and _INVISIBLE.match(text[last]):
                last -= 1
        if raw:
            pieces.append(raw)
            at.append(size)
            starts.append(i)
            ends.append(last + 1)
            size += len(raw)
        i = j
    return FoldMap("".join(pieces), at, starts, ends)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold text as `fold` does and keep, for each folded character, its offset in `text`.

    The map lets a match found in folded text be shown in the original. (A character NFKC made
    of several, `e` + U+0301, maps to the first; a space to the first whitespace of its run.)

    Args:
        text: Any text.

    Returns:
        The folded text and a list as long as it, of offsets into `text`.
    """
    mapped = fold_map(text)
    raw = mapped.folded
    if isinstance(mapped.starts, range):
        first: Sequence[int] = mapped.starts
    else:
        first = []
        bounds = [*mapped.at, len(raw)]
        for k, start in enumerate(mapped.starts):
            first.extend([start] * (bounds[k + 1] - bounds[k]))
    out: list[str] = []
    where: list[int] = []
    gap = 0
    for match in _WORD.finditer(raw):
        start, end = match.span()
        if out:
            out.append(" ")
            where.append(first[gap])
        out.append(match.group())
        where.extend(first[start:end])
        gap = end
    return "".join(out), where
