"""What changed since I reviewed it (issue 14): the word diff (`tui.review.diff`), the stale
claim's detail in the reader, and `brief export` listing stale items with their diff.

The stores' side (a snapshot kept with a mark, read back, a store upgraded in place) is in the
contract suite, `test_review_store_contract.py`, which runs on both backends.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.content import Content
from textual.widgets import Static

from tui.app.main import BriefApp
from tui.app.render.changes import changes_detail
from tui.app.screens.search import SearchScreen
from tui.app.widgets.preview import ResultPreview
from tui.cli import main
from tui.export import FIELDS
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.review import Reviews, ReviewStore
from tui.review.diff import MAX_WORDS, Diff, FieldChange, Segment, compare, word_diff
from tui.text import has_unsafe

from .pilot import open_brief, screen_up, showing, visible_text, wait_for_text, wait_until

BRIEF = "nk-troops-russia-2024-11"
OLD = "Up to 8,000 North Korean military personnel"
NEW = "Up to 10,000 North Korean troops"
REST = "have been relocated to the Kursk region."


def ops(segments: tuple[Segment, ...]) -> list[tuple[str, str]]:
    return [(s.op, s.text) for s in segments]


# -- the word diff -------------------------------------------------------------------------------


def test_equal_text_is_one_equal_run() -> None:
    assert word_diff("a b  c", "a b\nc") == ((Segment("equal", "a b c"),), False)
    assert word_diff("", "") == ((), False)


def test_insert_delete_and_replace() -> None:
    assert ops(word_diff("a c", "a b c")[0]) == [("equal", "a"), ("added", "b"), ("equal", "c")]
    assert ops(word_diff("a b c", "a c")[0]) == [("equal", "a"), ("removed", "b"), ("equal", "c")]
    assert ops(word_diff(OLD, NEW)[0]) == [
        ("equal", "Up to"),
        ("removed", "8,000"),
        ("added", "10,000"),
        ("equal", "North Korean"),
        ("removed", "military personnel"),
        ("added", "troops"),
    ]
    assert ops(word_diff("", "new words")[0]) == [("added", "new words")]
    assert ops(word_diff("old words", "")[0]) == [("removed", "old words")]


def test_a_large_input_is_bounded_and_says_so() -> None:
    words = [f"w{i % 97}" for i in range(200_000)]
    old, new = " ".join(words), " ".join(["changed", *words[1:]])
    start = time.perf_counter()
    segments, cut = word_diff(old, new)
    took = time.perf_counter() - start
    assert cut and ops(segments)[:2] == [("removed", "w0"), ("added", "changed")]
    assert sum(len(s.text.split()) for s in segments if s.op != "added") == MAX_WORDS
    assert took < 5  # generous: what is bounded is the words compared, asserted above
    assert not word_diff("a " * MAX_WORDS, "a " * MAX_WORDS)[1]


def test_compare_reads_only_fields_the_snapshot_holds() -> None:
    was = json.dumps({"v": 1, "kind": "claim", "fields": {"text": OLD, "credibility": "2"}})
    now = {"text": NEW, "credibility": "2", "quote": "a field it did not hold"}
    diff = compare("claim", was, now, "2026-01-02T03:04:05+00:00")
    assert diff is not None and [f.field for f in diff.fields] == ["text"]
    assert diff.fields[0].segments[1] == Segment("removed", "8,000")
    assert diff.as_data()[0] == {
        "field": "text",
        "segments": [{"op": s.op, "text": s.text} for s in diff.fields[0].segments],
        "cut": False,
    }
    for crafted in ("not json", "[1]", '{"fields": 3}', '{"fields": {"text": 5}}'):
        found = compare("claim", crafted, now)
        assert found is None or found.fields == ()


def test_long_unchanged_runs_are_trimmed_around_changes() -> None:
    words = [f"w{i}" for i in range(40)]
    change = FieldChange(
        "summary",
        "Summary",
        word_diff(" ".join(words), " ".join([*words[:20], "x", *words[20:]]))[0],
    )
    shown = ops(change.trimmed(3))
    assert shown == [("equal", "… w17 w18 w19"), ("added", "x"), ("equal", "w20 w21 w22 …")]


# -- the reader ----------------------------------------------------------------------------------


def test_the_detail_lines_strike_old_words_and_underline_new_ones() -> None:
    text = changes_detail(
        Diff(
            "claim",
            "2026-11-25T14:02:09+00:00",
            (FieldChange("text", "Text", word_diff(OLD, NEW)[0]),),
        )
    )
    assert text.plain.splitlines() == [
        "  Text: Up to 8,000 10,000 North Korean military personnel troops",
    ]
    styled = {text.plain[s.start : s.end]: str(s.style) for s in text.spans}
    assert "strike" in styled["8,000"] and "underline" in styled["10,000"]
    assert changes_detail(None).plain == ""
    spacing = changes_detail(Diff("claim", "", ()))
    assert "only its spacing" in spacing.plain


def test_crafted_snapshot_words_reach_the_detail_as_safe_text() -> None:
    evil = "\x1b]52;c;ZXZpbA==\x07 [b]bold[/b] \u202e"
    was = json.dumps({"fields": {"text": f"{evil} line\nbreak"}})
    diff = compare("claim", was, {"text": "clean"}, "\x1b[2J")
    assert diff is not None
    text = changes_detail(diff)
    assert not has_unsafe(text.plain) and "[b]bold[/b]" in text.plain
    assert len(text.plain.splitlines()) == 1


async def test_a_changed_claim_shows_its_old_and_new_words(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.app.editor as editor

    def fake_editor(argv: list[str], check: bool = False) -> subprocess.CompletedProcess[bytes]:
        file = Path(argv[-1])
        file.write_text(file.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
        return subprocess.CompletedProcess(argv, 0)

    monkeypatch.setenv("EDITOR", "my-editor")
    monkeypatch.setattr(editor.subprocess, "run", fake_editor)
    monkeypatch.setattr(editor.shutil, "which", lambda name: f"/usr/bin/{name}")
    app = BriefApp(resolve(example), tmp_path / "marks.db", reviewer="alice")
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(app, pilot)
        for _ in range(5):
            await pilot.press("j")

        def detail() -> str:
            return visible_text(screen.query_one("#detail-text", Static))

        assert "8,000 North Korean" in detail()
        await pilot.press("space")
        await wait_for_text(pilot, detail, "✓ Reviewed by alice")
        assert "Changed since" not in detail()
        before = app.library
        await pilot.press("e")  # the editor changes the claim's text; the library is read again
        await wait_until(pilot, lambda: app.library is not before, "the library to reload")
        screen = await showing(app, pilot, BRIEF)
        await wait_for_text(pilot, detail, "  Text: ")
        shown = visible_text(screen.query_one("#detail-text", Static))
        line = next(x for x in shown.splitlines() if x.startswith("  Text: "))
        assert line == f"  Text: Up to 8,000 10,000 North Korean military personnel troops {REST}"
        # The stale line says when, with what changed under it.
        stale = next(x for x in shown.splitlines() if x.startswith("Δ Changed since alice"))
        assert stale.endswith("UTC):") and shown.index(stale) < shown.index("  Text: ")
        content = screen.query_one("#detail-text", Static).visual
        assert isinstance(content, Content)
        at = content.plain.index(line) + len("  Text: Up to ")
        struck = [s for s in content.spans if s.start <= at < s.end and "strike" in str(s.style)]
        assert struck, "the old words are struck through"
        # Search's `is:stale` finds it, and its preview (the claim detail) shows the same.
        await pilot.press("slash")
        search = await screen_up(app, pilot, SearchScreen)
        for char in "is:stale":
            await pilot.press(char)

        def preview() -> str:
            return visible_text(search.query_one(ResultPreview).query_one("#detail-text", Static))

        await wait_for_text(pilot, preview, "Δ Changed since alice reviewed it (")
        assert line in preview().splitlines()


# -- brief export --------------------------------------------------------------------------------


@pytest.fixture
def stale_state(example: Path, tmp_path: Path) -> Path:
    """A state where alice reviewed blinken-8000, whose text then changed in the workspace."""
    state = tmp_path / "r.db"
    reviews = Reviews(ReviewStore.open(state, "alice"), load_library(example).briefs)
    reviews.toggle(reviews.item(BRIEF, "claim", "blinken-8000"))
    reviews.toggle(reviews.item(BRIEF, "claim", "isw-losses"))
    reviews.store.close()
    brief = example / "briefs" / "nk-troops-russia.md"
    brief.write_text(brief.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    return state


def export(example: Path, state: Path, fmt: str) -> str:
    result = CliRunner().invoke(
        main, ["export", str(example), "--format", fmt, "--state", str(state)]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_json_gives_the_diff_as_segments(example: Path, stale_state: Path) -> None:
    rows = {r["item"]: r for r in json.loads(export(example, stale_state, "json"))}
    assert rows["blinken-8000"]["status"] == "stale"
    (text,) = rows["blinken-8000"]["changes"]
    assert text["field"] == "text" and not text["cut"]
    assert {"op": "removed", "text": "8,000"} in text["segments"]
    assert {"op": "added", "text": "10,000"} in text["segments"]
    assert rows["isw-losses"]["status"] == "reviewed" and rows["isw-losses"]["changes"] is None
    assert rows["summary"]["changes"] is None


def test_export_csv_has_a_compact_changes_column(example: Path, stale_state: Path) -> None:
    records = list(csv.DictReader(io.StringIO(export(example, stale_state, "csv"))))
    assert list(records[0]) == FIELDS and FIELDS[-1] == "changes"
    by_item = {r["item"]: r for r in records}
    assert by_item["blinken-8000"]["changes"] == (
        "text: Up to [-8,000-] {+10,000+} North Korean [-military personnel-] {+troops+} " + REST
    )
    assert by_item["isw-losses"]["changes"] == ""


def test_export_markdown_lists_stale_items_was_and_now(example: Path, stale_state: Path) -> None:
    md = export(example, stale_state, "md")
    assert "1/25 reviewed · 1 changed since reviewed" in md
    section = md[md.index("### Changed since reviewed") :]
    assert "- claim `blinken-8000`, reviewed by alice" in section
    assert (
        "  - Text: Up to ~~8,000~~ → **10,000** North Korean ~~military personnel~~ → **troops** "
        + REST
        in section.splitlines()
    )
    assert "isw-losses" not in section


def test_export_of_a_crafted_snapshot_is_safe(example: Path, tmp_path: Path) -> None:
    from .test_output_safety import OSC52, RLO, assert_safe, check_markdown_report, strings

    state = tmp_path / "r.db"
    ReviewStore.open(state, "alice").close()
    evil = f"{OSC52} <img src=x> ~~x~~ **y** | forged | row |\n# heading [l](javascript:x) {RLO}"
    body = json.dumps({"v": 1, "kind": "claim", "fields": {"text": evil, "quote": 7}})
    with sqlite3.connect(state) as conn:
        conn.execute(
            "INSERT INTO marks VALUES (?, 'claim', 'blinken-8000', 'old', 1, 0, '', ?, ?)",
            (BRIEF, f"eve{OSC52}", f"2024{OSC52}"),
        )
        conn.execute("INSERT INTO snapshots VALUES ('old', ?)", (body,))
    md = export(example, state, "md")
    check_markdown_report(md)
    assert "### Changed since reviewed" in md and "~~" in md
    out = export(example, state, "json")
    assert_safe(out)
    (row,) = [r for r in json.loads(out) if r["item"] == "blinken-8000"]
    assert [f["field"] for f in row["changes"]] == ["text"]  # the quote, not text, is left out
    for value in strings(json.loads(out)):
        assert_safe(value.replace("\n", ""))
    out = export(example, state, "csv")
    assert_safe(out)
    assert all(len(r) == len(FIELDS) for r in csv.reader(io.StringIO(out)))


def test_summaries_and_cross_references_have_their_changes_too(example: Path) -> None:
    reviews = Reviews(ReviewStore.memory("alice"), load_library(example).briefs)
    summary = reviews.item(BRIEF, "summary", "summary")
    xref = next(i for i in reviews.items[BRIEF] if i.kind == "xref")
    reviews.set_reviewed([summary, xref])
    assert reviews.changes_of(BRIEF, "summary", "summary") is None  # reviewed, not stale
    brief = example / "briefs" / "nk-troops-russia.md"
    text = brief.read_text(encoding="utf-8")
    text = text.replace("North Korean troops are in Russia", "North Korean forces are in Russia", 1)
    text = text.replace(
        "note: Both place North Korean personnel", "note: Both put North Korean personnel", 1
    )
    brief.write_text(text, encoding="utf-8")
    again = Reviews(reviews.store, load_library(example).briefs)
    changed = again.changes_of(BRIEF, "summary", "summary")
    assert changed is not None and [f.field for f in changed.fields] == ["bluf"]
    assert ("removed", "troops") in ops(changed.fields[0].segments)
    changed = again.changes_of(BRIEF, "xref", xref.item)
    assert changed is not None and [f.field for f in changed.fields] == ["note"]
    assert ops(changed.fields[0].segments)[:3] == [
        ("equal", "Both"),
        ("removed", "place"),
        ("added", "put"),
    ]


def test_state_copy_carries_what_was_reviewed(tmp_path: Path, pg_uri: str) -> None:
    db = tmp_path / "mine.db"
    store = ReviewStore.open(db, "ana")
    store.set("b", "claim", "c1", "h1", reviewed=True, snapshot='{"fields": {"text": "was"}}')
    store.close()
    runner = CliRunner()
    result = runner.invoke(main, ["state", "copy", str(db), pg_uri, "--reviewer", "ana"])
    assert result.exit_code == 0, result.output
    server = ReviewStore.open(pg_uri, "ana")
    assert server.snapshots(["h1"]) == {"h1": '{"fields": {"text": "was"}}'}
    server.close()
    back = tmp_path / "back.db"
    result = runner.invoke(main, ["state", "copy", pg_uri, str(back), "--reviewer", "ana"])
    assert result.exit_code == 0, result.output
    assert ReviewStore.read(back, "ana").snapshots(["h1"]) == {"h1": '{"fields": {"text": "was"}}'}
