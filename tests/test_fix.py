"""`brief check --fix` (issue 13): changed quotes rewritten to the seed's words, in place.

Each workspace has a seed that was edited after the brief quoted it. The fix must change the
quote's scalar and nothing else: each test compares the whole file with the old one where
only the quote's source is replaced.
"""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.load.fix import CONFIDENT, fix_quotes
from tui.load.fixfile import FileFailure, read_brief_text
from tui.load.library import load_library

SEED = """\
Kyiv, 4 November. Officials said the bridge over the river was opened after repairs on Monday.
Traffic was diverted through the northern district for the whole week.

The mayor resigned on Friday after a long scandal about the city budget. His deputy will lead
the council until an election is held in the spring.
"""
"""The seed as it reads now: `closed for repairs` became `opened after repairs`."""

OLD = "the bridge over the river was closed for repairs"
NEW = "the bridge over the river was opened after repairs"

HEAD = """\
---
brief: 1
title: Anchors
seeds:
  - id: d
    path: seeds/doc.txt
sources:
  - id: s
    name: S
claims:
"""


def claim(cid: str, quote_lines: str) -> str:
    """A claim whose `quote:` is written as `quote_lines` (the text after `quote:`)."""
    return f"  - id: {cid}\n    source: s\n    text: t\n    quote:{quote_lines}\n"


def workspace(root: Path, claims: str, seed: str = SEED, body: str = "Summary.\n") -> Path:
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / "doc.txt").write_text(seed, encoding="utf-8")
    brief = root / "briefs" / "b.md"
    brief.write_bytes((HEAD + claims + "---\n" + body).encode("utf-8"))
    return brief


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def fix(root: Path) -> tuple[int, str]:
    return run("check", "--fix", "--no-cache", str(root))


def codes(root: Path) -> list[str]:
    return [p.code for p in load_library(root).problems]


def test_a_changed_quote_is_rewritten_and_nothing_else(tmp_path: Path) -> None:
    brief = workspace(tmp_path, claim("c", f" '{OLD}'  # as said on Monday"))
    before = brief.read_bytes()
    assert codes(tmp_path) == ["quote-changed"]
    code, out = fix(tmp_path)
    assert code == 0, out
    assert brief.read_bytes() == before.replace(f"'{OLD}'".encode(), f"'{NEW}'".encode())
    assert out.splitlines() == [
        "--- briefs/b.md",
        "+++ briefs/b.md",
        "@@ -14 +14 @@ claim `c`: 90 % similar to seed `d`",
        f"-    quote: '{OLD}'  # as said on Monday",
        f"+    quote: '{NEW}'  # as said on Monday",
        "1 quote fixed in 1 file",
    ]
    assert codes(tmp_path) == []  # `brief check` finds the quote now


BLOCK_OLD = "His deputy will lead the council until an election is held in the autumn"
BLOCK_NEW = "His deputy will lead the council until an election is held in the spring"


@pytest.mark.parametrize(
    ("written", "rewritten"),
    [
        pytest.param(f" {OLD}", f" {NEW}", id="plain"),
        pytest.param(f" '{OLD}'", f" '{NEW}'", id="single"),
        pytest.param(f' "{OLD}"', f' "{NEW}"', id="double"),
        pytest.param(f" |\n      {BLOCK_OLD}", f" |\n      {BLOCK_NEW}", id="literal"),
        pytest.param(
            " >-  # folded\n      His deputy will lead the council\n"
            "      until an election is held in the autumn",
            " >-  # folded\n      His deputy will lead the council until\n"
            "      an election is held in the spring",
            id="folded",
        ),
        pytest.param(
            f" |+\n      {BLOCK_OLD}\n\n", f" |+\n      {BLOCK_NEW}\n\n", id="literal-keep"
        ),
        pytest.param(
            " 'the bridge over the\n      river was closed for repairs'",
            f" '{NEW}'",
            id="single-on-two-lines",
        ),
    ],
)
def test_each_scalar_style_keeps_its_style(tmp_path: Path, written: str, rewritten: str) -> None:
    brief = workspace(tmp_path, claim("c", written) + claim("z", " found as written, no change"))
    before = brief.read_text(encoding="utf-8")
    code, out = fix(tmp_path)
    assert code == 0, out
    assert brief.read_text(encoding="utf-8") == before.replace(written, rewritten, 1)
    assert "quote-changed" not in codes(tmp_path)


@pytest.mark.parametrize(
    ("seed_words", "written", "rewritten"),
    [
        # The new words say `: ` (a mapping to YAML): plain cannot hold them.
        (
            "the bridge over the river was: opened after repairs",
            f" {OLD}",
            ' "the bridge over the river was: opened after repairs"',
        ),
        # An apostrophe in a single-quoted scalar is doubled.
        (
            "the bridge over the river's span was closed for repairs",
            " 'the bridge over the river span was closed for repairs'",
            " 'the bridge over the river''s span was closed for repairs'",
        ),
        # A quotation mark and a backslash in a double-quoted scalar are escaped.
        (
            'the bridge over the "river" was opened after repairs \\ works',
            f' "{OLD} works"',
            ' "the bridge over the \\"river\\" was opened after repairs \\\\ works"',
        ),
        # A comma ends a plain scalar in a flow mapping.
        (
            "the bridge over the river, was opened after repairs",
            None,
            None,
        ),
    ],
)
def test_words_a_style_cannot_say_are_written_so_they_read_back(
    tmp_path: Path, seed_words: str, written: str | None, rewritten: str | None
) -> None:
    seed = SEED.replace("the bridge over the river was opened after repairs", seed_words)
    if written is None or rewritten is None:  # the flow case
        claims = f"  - {{id: c, source: s, text: t, quote: {OLD}}}\n"
        old, new = f"quote: {OLD}}}", f'quote: "{seed_words}"}}'
    else:
        claims = claim("c", written)
        old, new = written, rewritten
    brief = workspace(tmp_path, claims, seed)
    before = brief.read_text(encoding="utf-8")
    code, out = fix(tmp_path)
    assert code == 0, out
    assert brief.read_text(encoding="utf-8") == before.replace(old, new, 1)
    assert "quote-changed" not in codes(tmp_path)


def test_line_breaks_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    brief = workspace(tmp_path, claim("c", f" '{OLD}'") + claim("e", f" |\n      {BLOCK_OLD}"))
    text = brief.read_text(encoding="utf-8").replace("\n", "\r\n")
    before = codecs.BOM_UTF8 + text.encode("utf-8")
    brief.write_bytes(before)
    code, out = fix(tmp_path)
    assert code == 0, out
    expected = before.replace(OLD.encode(), NEW.encode()).replace(
        BLOCK_OLD.encode(), BLOCK_NEW.encode()
    )
    assert brief.read_bytes() == expected
    assert "@@ -19 +19 @@ claim `e`" in out  # line numbers count CRLF lines once


def test_moved_and_orphaned_quotes_are_left_alone(tmp_path: Path) -> None:
    seed = SEED.replace("Monday.\nTraffic", "Monday.\n\nTraffic")
    moved = "repairs on Monday. Traffic was diverted"
    orphaned = "the mayor stepped down when the budget affair became public"
    brief = workspace(tmp_path, claim("m", f" {moved}") + claim("o", f" {orphaned}"), seed)
    before = brief.read_bytes()
    assert codes(tmp_path) == ["quote-moved", "quote-orphaned"]
    code, out = fix(tmp_path)
    assert code == 0
    assert brief.read_bytes() == before
    assert out.splitlines() == [
        "briefs/b.md:14:12: quote of `m` not fixed: moved: its words are the seed's "
        "(a paragraph break now falls inside them), nothing to rewrite",
        "briefs/b.md:18:12: quote of `o` not fixed: orphaned: no passage of the seed is close "
        "enough to copy; edit the quote or the claim by hand",
        "no quote fixed; 1 moved quote needs no fix; 1 orphaned quote left for you",
    ]


def test_fixed_and_orphaned_quotes_in_one_summary(tmp_path: Path) -> None:
    orphaned = "the mayor stepped down when the budget affair became public"
    claims = claim("c", f" {OLD}") + claim("e", f" '{BLOCK_OLD}'") + claim("o", f" {orphaned}")
    workspace(tmp_path, claims)
    code, out = fix(tmp_path)
    assert code == 0
    assert out.splitlines()[-1] == "2 quotes fixed in 1 file; 1 orphaned quote left for you"


def test_fixing_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    brief = workspace(tmp_path, claim("c", f" {OLD}") + claim("e", f" >\n      {BLOCK_OLD}"))
    assert fix(tmp_path)[0] == 0
    once = brief.read_bytes()
    assert once.count(NEW.encode()) == 1
    code, out = fix(tmp_path)
    assert (code, out) == (0, "no changed, moved or orphaned quotes: nothing needed fixing\n")
    assert brief.read_bytes() == once


def test_a_clean_workspace_needs_nothing(tmp_path: Path) -> None:
    brief = workspace(tmp_path, claim("c", f" {NEW}"))
    before = brief.read_bytes()
    assert fix(tmp_path) == (0, "no changed, moved or orphaned quotes: nothing needed fixing\n")
    assert brief.read_bytes() == before


def test_a_match_that_is_not_confident_is_left_for_the_analyst(tmp_path: Path) -> None:
    # One word of five changed: still "changed" (at least 75 %), but below CONFIDENT.
    brief = workspace(tmp_path, claim("c", " The mayor quit on Friday"))
    before = brief.read_bytes()
    assert codes(tmp_path) == ["quote-changed"]
    code, out = fix(tmp_path)
    assert code == 0
    assert brief.read_bytes() == before
    assert f"below the {CONFIDENT} % needed to rewrite it" in out
    assert out.splitlines()[-1] == "no quote fixed; 1 changed quote to check by hand"


def test_two_passages_as_close_are_ambiguous(tmp_path: Path) -> None:
    seed = (
        "On Monday the east bridge was opened after repairs.\n\n"
        "On Tuesday the west bridge was opened after repairs.\n"
    )
    brief = workspace(tmp_path, claim("c", " the north bridge was opened after repairs"), seed)
    before = brief.read_bytes()
    code, out = fix(tmp_path)
    assert code == 0
    assert brief.read_bytes() == before
    assert "another passage of the seed is" in out and "copy the right one by hand" in out


def test_a_read_only_file_is_a_clear_error(tmp_path: Path) -> None:
    brief = workspace(tmp_path, claim("c", f" {OLD}"))
    before = brief.read_bytes()
    brief.chmod(0o444)
    try:
        result = CliRunner().invoke(main, ["check", "--fix", "--no-cache", str(tmp_path)])
    finally:
        brief.chmod(0o644)
    assert result.exit_code == 1
    assert brief.read_bytes() == before
    assert (
        f"brief check --fix: could not write {tmp_path / 'briefs' / 'b.md'}: the file is "
        "read-only; make it writable (chmod u+w briefs/b.md), then run `brief check --fix` again"
    ) in result.output
    assert "quote of `c` not fixed: the file is read-only" in result.output
    assert "no quote fixed; 1 file not written" in result.output
    assert not [p for p in brief.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_write_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = workspace(tmp_path, claim("c", f" {OLD}"))
    before = brief.read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tui.load.fixfile.os.replace", refuse)
    code, out = fix(tmp_path)
    assert code == 1
    assert brief.read_bytes() == before
    assert sorted(p.name for p in brief.parent.iterdir()) == ["b.md"]
    assert (
        f"could not write {brief}: cannot write it: No space left on device; check that you may "
        "write in the folder briefs, then run `brief check --fix` again"
    ) in out


def test_a_link_leading_out_of_the_workspace_is_not_written(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    root = tmp_path / "ws"
    brief = workspace(root, claim("c", f" {OLD}"))
    outside.write_bytes(brief.read_bytes())
    brief.unlink()
    brief.symlink_to(outside)
    read = read_brief_text(root, brief)
    assert isinstance(read, FileFailure)
    assert "link leading outside the workspace" in read.message
    library = load_library(root)
    report = fix_quotes(library)
    assert outside.read_text(encoding="utf-8").count(OLD) == 1
    assert all(q.state != "fixed" for q in report.quotes)


def test_a_link_inside_the_workspace_is_written_through(tmp_path: Path) -> None:
    brief = workspace(tmp_path, claim("c", f" {OLD}"))
    real = tmp_path / "briefs" / "real.yamlx"
    os.replace(brief, real)
    brief.symlink_to(real)
    assert fix(tmp_path)[0] == 0
    assert brief.is_symlink() and NEW in real.read_text(encoding="utf-8")


def test_the_diff_is_made_safe_for_a_terminal(tmp_path: Path) -> None:
    # A comment is no value: the loader neither reads nor cleans it, but the diff shows it.
    brief = workspace(tmp_path, claim("c", f" '{OLD}'  # \u202enote"))
    code, out = fix(tmp_path)
    assert code == 0
    assert "\u202e" not in out
    assert "+    quote: '" + NEW + "'  # \ufffdnote" in out
    assert "\u202enote" in brief.read_text(encoding="utf-8")  # the file keeps its bytes


def test_json_lists_what_became_of_each_quote(tmp_path: Path) -> None:
    orphaned = "the mayor stepped down when the budget affair became public"
    workspace(tmp_path, claim("c", f" {OLD}") + claim("o", f" {orphaned}"))
    code, out = run("check", "--fix", "--no-cache", "--format", "json", str(tmp_path))
    assert code == 0
    rows = json.loads(out)
    assert [(r["claim"], r["state"], r["new"]) for r in rows] == [
        ("c", "fixed", NEW),
        ("o", "orphaned", ""),
    ]
    assert rows[0]["old"] == OLD and rows[0]["similarity"] >= CONFIDENT


def test_a_yaml_brief_is_fixed_too(tmp_path: Path) -> None:
    workspace(tmp_path, "")
    (tmp_path / "briefs" / "b.md").unlink()
    brief = tmp_path / "briefs" / "y.yaml"
    text = HEAD.removeprefix("---\n") + claim("c", f" {OLD}")
    brief.write_text(text, encoding="utf-8")
    assert fix(tmp_path)[0] == 0
    assert brief.read_text(encoding="utf-8") == text.replace(OLD, NEW)


def test_a_rewrite_that_does_not_read_back_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = workspace(tmp_path, claim("c", f" {OLD}"))
    before = brief.read_bytes()
    monkeypatch.setattr("tui.load.fix.reads_back", lambda *args: False)
    code, out = fix(tmp_path)
    assert code == 1
    assert brief.read_bytes() == before
    assert out.splitlines() == [
        "briefs/b.md:14:12: quote of `c` not fixed: rewriting it would change more than the "
        "quote: left as it is",
        "no quote fixed; 1 quote not rewritten (see why above)",
    ]
