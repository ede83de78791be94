"""Making untrusted brief text safe to show, and folding it for comparison.

Brief text may hold terminal escape sequences (OSC 52 writes the clipboard), C1 controls and bidi
overrides that make text read differently than it is. `sanitize` replaces each with a visible
stand-in so that nothing reaches the terminal that could act on it, and the reader can still see
that something was there. This module imports no UI code.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides, isolates and marks: they reorder what the terminal shows.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f" + _BIDI + "\u2028\u2029\ufff9-\ufffb]")

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


class _FoldTable(dict[int, str]):
    """Per-character folding, computed on first use: str.translate then runs at C speed."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if _INVISIBLE.match(char):
            folded = ""
        else:
            norm = unicodedata.normalize("NFKC", char) if code > 0x7F else char
            folded = norm.translate(_QUOTES).casefold()
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Fold text for matching: NFKC, no invisibles, plain quotes, case-folded, single spaces."""
    return " ".join(text.translate(_FOLD).split())


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Fold text as `fold` does and keep, for each folded character, its offset in `text`.

    The map lets a match found in folded text be shown in the original.

    Args:
        text: Any text.

    Returns:
        The folded text and a list as long as it, of offsets into `text`.
    """
    out: list[str] = []
    where: list[int] = []
    space = True  # drop leading whitespace
    table = _FOLD
    for i, char in enumerate(text):
        for c in table[ord(char)]:
            if c.isspace():
                if space:
                    continue
                c = " "
                space = True
            else:
                space = False
            out.append(c)
            where.append(i)
    if out and out[-1] == " ":
        out.pop()
        where.pop()
    return "".join(out), where
