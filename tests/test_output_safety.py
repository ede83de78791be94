"""Nothing hostile reaches the terminal, through any output path (issue 11, class 1).

Brief text is made safe when it is read; everything else is made safe where it leaves: file and
folder names, values echoed in problem messages, the config and theme files, the review
database's names and notes (a database can be crafted), what Markdown entities decode into, what
a user types or pastes. Each test here sends something hostile down one output path: a brief
named `x<OSC 52>\\n.md`, a folder named with a bidi override, a crafted review database...

The hostile fixtures are in tests/fixtures/hostile/; names that hold a newline or an escape are
made in a temporary folder.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual import events
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.widgets import DataTable, Input, OptionList, Static

from tui.app.main import BriefApp
from tui.app.render.detail import review_detail
from tui.app.render.markdown import render
from tui.app.screens.dialogs import NoteScreen
from tui.app.screens.problems import ProblemsScreen, problem_row
from tui.app.screens.search import QueryInput, SearchScreen
from tui.app.widgets.claims import ClaimList
from tui.app.widgets.summary import SummaryView
from tui.cli import main
from tui.export import as_csv, as_json, as_markdown, open_reviews, report_rows
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.model import Pos, Problem
from tui.review import ReviewStore, content_hash
from tui.text import for_terminal, one_line, terminal_json

from .conftest import FIXTURES
from .pilot import (
    loaded,
    notifications,
    open_brief,
    plain,
    screen_up,
    visible_text,
    wait_until,
)

HOSTILE = FIXTURES / "hostile"

OSC52 = "\x1b]52;c;ZXZpbA==\x07"
"""Writes `evil` to the clipboard of a terminal that obeys it."""
RLO = "\u202e"
FILE_NAME = f"x{OSC52}\n.md"
"""A brief file name holding an escape sequence and a newline (it cannot be read as a brief:
it is titled by its file name)."""
FOLDER = f"dir{RLO}evil"
"""A folder of briefs named with a bidi override."""
ROOT = f"ws{RLO}{OSC52}"
"""The workspace folder's own name."""

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff]"
)
"""What must never reach the terminal: C0 controls but tab and newline, DEL, C1, bidi controls,
line/paragraph separators, lone surrogates (written out as raw bytes)."""


def assert_safe(text: str, *, one: bool = False) -> None:
    """No control, C1 or bidi character in `text`; with `one`, no newline either."""
    found = UNSAFE.findall(text)
    assert not found, f"{found!r} in {text!r}"
    if one:
        assert "\n" not in text, f"a newline in one line: {text!r}"


def strings(value: object) -> Iterator[str]:
    """Every string in decoded JSON, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


GOOD = """---
brief: 1
id: good
title: A good brief in a folder named with a bidi override
date: 2024-11-04
sources:
  - id: s
    name: Source
claims:
  - id: c1
    source: s
    text: A claim.
unknownfield: 1
---
Fine.
"""


def hostile_workspace(tmp_path: Path) -> Path:
    """A workspace named with escapes, holding a brief named with an escape sequence and a
    newline, a folder named with a bidi override, and a brief of hostile values."""
    root = tmp_path / ROOT
    (root / "briefs" / FOLDER).mkdir(parents=True)
    (root / "briefs" / FILE_NAME).write_text("no front matter here\n", encoding="utf-8")
    (root / "briefs" / FOLDER / "good.md").write_text(GOOD, encoding="utf-8")
    shutil.copy(HOSTILE / "values.md", root / "briefs" / "values.md")
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# -- problem messages ----------------------------------------------------------------------------


def test_problem_format_is_one_safe_line() -> None:
    problem = Problem(
        Pos(f"briefs/{FOLDER}/{FILE_NAME}", 3, 7),
        "error",
        f"code{OSC52}",
        f"`rel` cannot be 'contradicts\x1b[1m\x85{RLO}'\nforged: error: x",
        "hint \u2066\x9b2J\x7f",
    )
    for text in (problem.format(), problem.format(f"../{FOLDER}/{FILE_NAME}")):
        assert_safe(text, one=True)
        assert "x␛]52;c;ZXZpbA==␇␊.md:3:7: error: " in text
    row = problem_row(problem).plain
    assert_safe(row)
    assert row.count("\n") == 1  # the hint's own line, nothing forged


def test_check_prints_one_safe_line_per_problem(tmp_path: Path) -> None:
    root = hostile_workspace(tmp_path)
    problems = load_library(root).problems
    assert any(FILE_NAME in p.pos.path for p in problems)
    assert any(FOLDER in p.pos.path for p in problems)
    code, out = run("check", str(root))
    assert code == 1
    assert_safe(out)
    lines = out.splitlines()
    assert len(lines) == len(problems) + 1
    for line in lines:
        assert_safe(line, one=True)
    assert any("x␛]52;c;ZXZpbA==␇␊.md:1:1: error: " in line for line in lines)
    assert any("dir\ufffdevil/good.md" in line for line in lines)
    # Values echoed in messages are safe too.
    assert any("`confidence` cannot be 'high␛]0;title␇'" in line for line in lines)


def test_check_json_holds_no_raw_control_or_bidi(tmp_path: Path) -> None:
    code, out = run("check", "--format", "json", str(hostile_workspace(tmp_path)))
    assert code == 1
    assert_safe(out)
    rows = json.loads(out)
    assert any("x␛]52;c;ZXZpbA==␇\n.md" in row["path"] for row in rows)
    for value in strings(rows):
        assert_safe(value.replace("\n", ""))


def test_click_errors_echo_what_was_typed_safely(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path), f"extra{OSC52}\n{RLO}")
    assert code == 2
    assert_safe(out)
    assert "extra␛]52;c;ZXZpbA==␇␊" in out


def test_search_echoes_a_bad_query_on_one_safe_line(tmp_path: Path) -> None:
    root = hostile_workspace(tmp_path)
    code, out = run("search", f"rel:{OSC52}\n{RLO}x", str(root))
    assert code == 2
    assert_safe(out)
    assert len(out.splitlines()) == 3  # message, query, caret


def test_config_command_is_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / f"config{OSC52}\n{RLO}.yaml"
    shutil.copy(HOSTILE / "config.yaml", config)
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    code, out = run("config")
    assert code == 1
    assert_safe(out)
    lines = out.splitlines()
    problems = lines[lines.index("Problems:") + 1 : lines.index("", lines.index("Problems:"))]
    assert len(problems) == 3
    shown = one_line(config)
    assert all(line.startswith(shown + ":") for line in problems)


# -- the review database ------------------------------------------------------------------------

EVIL_REVIEWER = f"eve{OSC52}\n| forged | row |{RLO}"
EVIL_NOTE = (
    f"<script>alert(1)</script> [a](javascript:alert(1)) <javascript:alert(1)> &#x202E; "
    f"{OSC52}\x9b2J\u2066 a@b.example\nsecond line | x"
)
EVIL_AT = f"2024-11-04T10:00:00+00:00{OSC52}\n"


def crafted_state(root: Path, state: Path) -> Path:
    """A review database whose mark of claim `hostile#c1` was written by someone hostile."""
    library = load_library(root)
    brief = library.brief("hostile")
    assert brief is not None
    claim = next(c for c in brief.claims if c.id == "c1")
    ReviewStore.open(state, "alice").close()  # the tables
    before = {
        "brief": "hostile",
        "kind": "claim",
        "item": "c1",
        "hash": "x",
        "reviewed": False,
        "flagged": False,
        "note": "",
        "reviewer": EVIL_REVIEWER,
        "at": EVIL_AT,
    }
    after = {
        **before,
        "hash": content_hash("claim", claim),
        "reviewed": True,
        "flagged": True,
        "note": EVIL_NOTE,
    }
    with sqlite3.connect(state) as conn:
        conn.execute(
            "INSERT INTO marks (brief, kind, item, hash, reviewed, flagged, note, reviewer, at) "
            "VALUES ('hostile', 'claim', 'c1', ?, 1, 1, ?, ?, ?)",
            (after["hash"], EVIL_NOTE, EVIL_REVIEWER, EVIL_AT),
        )
        for batch, (old, new) in enumerate([(None, before), (before, after)], start=1):
            conn.execute(
                "INSERT INTO log (batch, brief, kind, item, before, after, reviewer, at) "
                "VALUES (?, 'hostile', 'claim', 'c1', ?, ?, ?, ?)",
                (
                    batch,
                    None if old is None else json.dumps(old),
                    json.dumps(new),
                    EVIL_REVIEWER,
                    EVIL_AT,
                ),
            )
    conn.close()
    return state


def values_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "briefs").mkdir(parents=True)
    shutil.copy(HOSTILE / "values.md", root / "briefs" / "values.md")
    return root


def test_review_detail_from_a_crafted_database(tmp_path: Path) -> None:
    root = values_workspace(tmp_path)
    store = ReviewStore.open(crafted_state(root, tmp_path / "r.db"), EVIL_REVIEWER)
    mark = store.get("hostile", "claim", "c1")
    history = store.history("hostile", "claim", "c1", limit=3)
    store.close()
    assert mark is not None and len(history) == 2
    text = review_detail("reviewed", mark, history).plain
    assert_safe(text)
    lines = text.splitlines()
    assert len(lines) == 3, lines  # who and when, the note, the history: nothing forged
    assert lines[0].startswith("✓ Reviewed by eve␛]52;c;ZXZpbA==␇␊| forged | row |\ufffd")
    assert lines[1].startswith("Review note: <script>")


def markdown_tokens(md: str) -> list[Token]:
    """The report as a Markdown viewer reads it: HTML on, autolinks found, GFM tables."""
    parser = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(
        ["table", "strikethrough", "linkify"]
    )
    out: list[Token] = []
    for token in parser.parse(md):
        out.append(token)
        out.extend(token.children or [])
    return out


def check_markdown_report(md: str) -> None:
    """No raw HTML, no link but http(s), no table broken, no unsafe character before or after
    the viewer decodes entities."""
    assert_safe(md)
    tokens = markdown_tokens(md)
    kinds = {t.type for t in tokens}
    assert not kinds & {"html_inline", "html_block", "image"}, kinds
    for token in tokens:
        if token.type == "link_open":
            assert str(token.attrs["href"]).startswith(("http://", "https://")), token.attrs
        if token.type == "text":
            assert_safe(token.content)
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    depth, cells = 0, 0
    for token in tokens:
        if token.type == "tr_open":
            depth, cells = 1, 0
        elif token.type in ("td_open", "th_open") and depth:
            cells += 1
        elif token.type == "tr_close":
            assert cells == 7, cells
            depth = 0
    assert len([t for t in tokens if t.type == "tr_open"]) == len(rows) - 1  # less `| --- |`


def test_export_from_a_crafted_database(tmp_path: Path) -> None:
    root = values_workspace(tmp_path)
    state = crafted_state(root, tmp_path / "r.db")
    code, md = run("export", str(root), "--state", str(state))
    assert code == 0
    check_markdown_report(md)
    assert "eve␛\\]52;c;ZXZpbA==␇ \\| forged \\| row \\|\ufffd" in md
    assert "&lt;script&gt;" in md and "&amp;#x202E;" in md
    # The title holds HTML, a javascript: link, an autolink, `|` and entities, as written.
    assert "## Title &lt;img src=x onerror=alert(1)&gt; \\[click\\](javascript:alert(1))" in md

    code, out = run("export", str(root), "--format", "json", "--state", str(state))
    assert code == 0
    assert_safe(out)
    rows = json.loads(out)
    for value in strings(rows):
        assert_safe(value.replace("\n", ""))
    c1 = next(r for r in rows if r["item"] == "c1")
    assert c1["reviewer"] == for_terminal(EVIL_REVIEWER)

    code, out = run("export", str(root), "--format", "csv", "--state", str(state))
    assert code == 0
    assert_safe(out)
    records = list(csv.reader(io.StringIO(out)))
    assert all(len(r) == 10 for r in records)  # the columns, `changes` last


def test_export_writers_directly(tmp_path: Path) -> None:
    root = values_workspace(tmp_path)
    library = load_library(root)
    reviews = open_reviews(library, crafted_state(root, tmp_path / "r.db"))
    rows = report_rows(library, reviews)
    reviews.store.close()
    check_markdown_report(as_markdown(rows, library))
    assert_safe(as_json(rows))
    assert_safe(as_csv(rows))


# -- Markdown entities ---------------------------------------------------------------------------


def test_markdown_entities_decode_to_nothing_unsafe() -> None:
    summary = (HOSTILE / "values.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    blocks = render(summary)
    assert {b.kind for b in blocks} >= {"paragraph", "table", "code"}
    for block in blocks:
        assert_safe(block.content.plain)
        for link in block.links:
            assert_safe(link.target, one=True)
    text = "".join(b.content.plain for b in blocks)
    assert "\ufffdreversed" in text and "\ufffd]52;c;ZXZpbA==" in text


# -- the reader ----------------------------------------------------------------------------------


def reader_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The hostile workspace, with a theme file and a config file named with escapes."""
    root = hostile_workspace(tmp_path)
    (root / "themes").mkdir()
    shutil.copy(HOSTILE / "theme.yaml", root / "themes" / f"t{OSC52}\n{RLO}.yaml")
    config = tmp_path / f"config{OSC52}\n{RLO}.yaml"
    shutil.copy(HOSTILE / "config.yaml", config)
    monkeypatch.setenv("BRIEF_CONFIG", str(config))
    return root


async def test_library_rows_and_status(tmp_path: Path) -> None:
    app = BriefApp(resolve(hostile_workspace(tmp_path)))
    async with app.run_test(size=(160, 50)) as pilot:
        library = await loaded(app, pilot)
        assert app.library is not None
        # One safe line for a title (a second one for tags), a safe status line.
        table = library.query_one("#briefs", DataTable)
        assert table.row_count == len(app.library.briefs) == 3
        titles = []
        for row in range(table.row_count):
            brief = app.library.briefs[row]
            cells = [plain(cell) for cell in table.get_row_at(row)]
            for cell in cells:
                assert_safe(cell)
            assert cells[1].count("\n") == (1 if brief.tags else 0), cells[1]
            titles.append(cells[1])
        assert "x␛]52;c;ZXZpbA==␇␊" in titles  # the brief titled by its file name
        status = visible_text(library.query_one("#library-status", Static))
        assert_safe(status, one=True)
        assert status.startswith("ws\ufffd␛]52;c;ZXZpbA==␇: 3 briefs")


async def test_notifications(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Message] = []
    app = BriefApp(resolve(reader_workspace(tmp_path, monkeypatch)))
    async with app.run_test(size=(160, 50), message_hook=seen.append) as pilot:
        await loaded(app, pilot)
        # Theme and config problems, whose file names hold escapes and newlines.
        await wait_until(pilot, lambda: notifications(seen, "Settings"), "the settings notice")
        note = notifications(seen, "Settings")[0]
        assert "t␛]52;c;ZXZpbA==␇␊\ufffd.yaml" in note.message
        assert "config␛]52;c;ZXZpbA==␇␊\ufffd.yaml" in note.message
        # Every notification, whoever posts it, is made safe; its title is one line.
        app.screen.notify(f"from anywhere {OSC52}\n{RLO}", title=f"title{OSC52}\nsecond")
        title = "title␛]52;c;ZXZpbA==␇␊second"
        await wait_until(pilot, lambda: notifications(seen, title), "the screen's notification")
        assert notifications(seen, title)[0].message == "from anywhere ␛]52;c;ZXZpbA==␇\n\ufffd"
        for notice in notifications(seen):
            assert_safe(notice.message)
            assert_safe(notice.title, one=True)


async def test_problems_view(tmp_path: Path) -> None:
    app = BriefApp(resolve(hostile_workspace(tmp_path)))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(app, pilot)
        assert app.library is not None
        await pilot.press("p")
        problems = await screen_up(app, pilot, ProblemsScreen)
        options = problems.query_one(OptionList)
        assert options.option_count == len(app.library.problems) > 10
        # Each problem on one line, and its hint on the next.
        for index in range(options.option_count):
            problem = app.library.problems[index]
            text = plain(options.get_option_at_index(index).prompt)
            assert_safe(text)
            assert text.count("\n") == (1 if problem.hint else 0), text
        assert_safe(visible_text(problems.query_one("#problems-header", Static)), one=True)


async def test_palette(tmp_path: Path) -> None:
    app = BriefApp(resolve(hostile_workspace(tmp_path)))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        palette = await screen_up(app, pilot, CommandPalette)
        await pilot.press(*"open brief")
        hits = palette.query_one(CommandList)

        def offered() -> list[str]:
            return [plain(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]

        await wait_until(
            pilot, lambda: any("x␛]52" in hit for hit in offered()), "the hostile title", offered
        )
        for hit in offered():
            assert_safe(hit)
            assert hit.count("\n") <= 1, hit  # the hit, and its help below
        await pilot.press("escape")


async def test_claim_detail_from_a_crafted_database(tmp_path: Path) -> None:
    root = values_workspace(tmp_path)
    app = BriefApp(resolve(root), crafted_state(root, tmp_path / "r.db"), EVIL_REVIEWER)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_brief(app, pilot, "hostile")
        claim = screen.query_one(ClaimList).claim
        assert claim is not None and claim.id == "c1"
        detail = visible_text(screen.query_one("#detail-text", Static))
        assert_safe(detail)
        assert "Reviewed by eve␛]52;c;ZXZpbA==␇␊| forged | row |" in detail
        assert not any(line.startswith("| forged") for line in detail.splitlines())
        assert not any(line.startswith("second line") for line in detail.splitlines())


async def test_summary_entities(tmp_path: Path) -> None:
    app = BriefApp(resolve(values_workspace(tmp_path)))
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await open_brief(app, pilot, "hostile")
        # Entities that decode into controls and bidi overrides.
        summary = [visible_text(s) for s in screen.query_one(SummaryView).query(Static)]
        assert any("\ufffdreversed" in block for block in summary), summary
        for block in summary:
            assert_safe(block)


async def test_note_field_shows_a_crafted_note_safely(tmp_path: Path) -> None:
    root = values_workspace(tmp_path)
    app = BriefApp(resolve(root), crafted_state(root, tmp_path / "r.db"), EVIL_REVIEWER)
    async with app.run_test(size=(160, 50)) as pilot:
        await open_brief(app, pilot, "hostile")
        await pilot.press("c")
        dialog = await screen_up(app, pilot, NoteScreen)
        value = dialog.query_one(Input).value
        assert_safe(value, one=True)
        assert value.startswith("<script>")
        await pilot.press("escape")


async def test_paste_into_the_search_line(tmp_path: Path) -> None:
    app = BriefApp(resolve(values_workspace(tmp_path)))
    async with app.run_test(size=(160, 50)) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash")
        search = await screen_up(app, pilot, SearchScreen)
        query = search.query_one(QueryInput)
        query.post_message(events.Paste(f"kursk {OSC52}{RLO}\x9b2J"))
        await wait_until(pilot, lambda: "kursk" in query.value, "the paste", lambda: query.value)
        assert query.value == "kursk ␛]52;c;ZXZpbA==␇\ufffd\ufffd2J"


# -- the mechanism itself ------------------------------------------------------------------------


def test_output_functions() -> None:
    hostile = f"a{OSC52}\x9b\x85\x7f\x00\r{RLO}\u2066\u200f\u2028\udc9b\tb\nc"
    assert (
        for_terminal(hostile)
        == "a␛]52;c;ZXZpbA==␇\ufffd\ufffd␡␀␍\ufffd\ufffd\ufffd\ufffd\ufffd\tb\nc"
    )
    assert one_line(hostile) == for_terminal(hostile).replace("\n", "␊")
    assert len(one_line(hostile)) == len(hostile)  # one for one: offsets stay valid
    assert for_terminal(Path("x\x1b")) == "x␛"
    data = json.loads(terminal_json({f"k{RLO}": [hostile, 1, None]}))
    assert data == {"k\ufffd": [for_terminal(hostile), 1, None]}
