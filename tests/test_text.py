"""Sanitising untrusted text and folding it for matching."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.text import fold, fold_with_map, has_unsafe, sanitize


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
