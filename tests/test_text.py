"""Sanitising untrusted text and folding it for matching."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.load.quotes import FoldedSeed
from tui.text import (
    _COMPOSES_BACK,
    fold,
    fold_chars,
    fold_map,
    fold_with_map,
    has_unsafe,
    sanitize,
)


def test_sanitize_makes_escapes_visible() -> None:
    osc52 = "\x1b]52;c;ZXZpbA==\x07"
    assert sanitize(f"a{osc52}b") == "a\u241b]52;c;ZXZpbA==\u2407b"
    assert sanitize("evil\u202etxt.exe") == "evil\ufffdtxt.exe"
    assert sanitize("c1\x9bcsi") == "c1\ufffdcsi"
    assert sanitize("keep\ttabs\nand lines") == "keep\ttabs\nand lines"
    assert not has_unsafe(sanitize("\x00\x7f\u2066"))


@given(st.text())
def test_sanitized_text_has_no_controls(text: str) -> None:
    clean = sanitize(text)
    assert not has_unsafe(clean)
    assert all(c in "\n\t" or not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) for c in clean)


def test_fold() -> None:
    assert fold("  “Up  to\n8,000”  ") == '"up to 8,000"'
    assert fold("ＦＵＬＬ width") == "full width"
    assert fold("zero\u200bwidth") == "zerowidth"
    assert fold("Straße") == "strasse"


@given(st.text())
def test_fold_and_map_agree(text: str) -> None:
    folded, where = fold_with_map(text)
    assert folded == fold(text)
    assert len(where) == len(folded)
    assert where == sorted(where)


def test_fold_meets_across_normal_forms() -> None:
    assert fold("cafe\u0301") == fold("café") == "café"
    assert fold("CAFE\u0301") == fold("Café")
    assert fold("e\u200b\u0301") == "é"  # an invisible between a letter and its accent
    assert fold("\u1100\u1161\u11a8") == fold("\uac01")  # Hangul jamo and the syllable


# Characters that make folding in parts hard: combining marks (in any order), letters they
# compose with, Hangul jamo (L, V, T, compatibility) and syllables, Oriya vowel signs that compose
# (U+0B47 U+0B3E), invisibles, ligatures, casefold expansions, spaces of every kind.
_HARD = st.sampled_from(
    [
        *"abE ´`’“\n\t\u00a0\u3000ßﬁΣé",
        *("\u0301", "\u0308", "\u0323", "\u200b", "\ufeff", "ǘ", "\u0f73", "\u0f71"),
        *("\u1100", "\u1161", "\u11a8", "\uac00", "\u314f", "\u0b47", "\u0b3e"),
    ]
)


@settings(max_examples=1000)
@given(st.lists(_HARD, max_size=40).map("".join), st.integers(1, 6))
def test_a_seed_folded_in_parts_is_folded_whole(text: str, part: int) -> None:
    seed = FoldedSeed.of(text, part=part)
    assert seed.folded == fold(text)
    assert fold_map(text).folded == fold_chars(text)
    # Any run of folded words maps back to text that folds to (at least) it.
    for i in range(len(seed.folded)):
        for j in range(i + 1, min(len(seed.folded), i + 5) + 1):
            needle = seed.folded[i:j]
            if needle == needle.strip(" "):
                lo, hi = seed.span(i, j)
                assert 0 <= lo < hi <= len(text)
                assert needle in fold(text[lo:hi])


def test_the_starters_that_compose_back_are_all_known() -> None:
    """Folding in parts cuts only before a character nothing composes with: the list of those
    that can compose with the character before them must hold every one this Python knows."""
    second = set()
    for code in range(0x110000):
        parts = unicodedata.decomposition(chr(code)).split()
        canonical_pair = len(parts) == 2 and not parts[0].startswith("<")
        if canonical_pair and not unicodedata.combining(chr(int(parts[1], 16))):
            second.add(int(parts[1], 16))
    assert second <= _COMPOSES_BACK
    assert {*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)} <= _COMPOSES_BACK
