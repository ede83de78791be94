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
