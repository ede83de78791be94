"""Whatever text reaches an output function, nothing the terminal would act on comes out.

Random text, rich in escape sequences (OSC 52, CSI), C1 controls, bidi overrides, BEL, DEL, NUL,
lone surrogates, newlines and the characters Markdown and tables give meaning to, goes through
every output path: problem formatting, `brief check` (text and JSON, with the text in file names
too), `brief search`, the library rows, the claim detail's review lines, notifications (caught
with a Pilot `message_hook`), the summary renderer and the export writers (Markdown, JSON, CSV).
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App
from textual.message import Message
from textual.widget import Widget

from tui.app.main import BriefApp
from tui.app.render.detail import review_detail
from tui.app.render.markdown import render
from tui.app.screens.library import _row
from tui.app.screens.problems import problem_row
from tui.cli import main
from tui.export import FIELDS, as_csv, as_json, as_markdown
from tui.load.library import load_library
from tui.load.workspace import resolve
from tui.model import Brief, Library, Pos, Problem
from tui.review import Change, Mark
from tui.text import for_terminal, one_line, terminal_json

from .pilot import notifications, wait_until
from .test_output_safety import assert_safe, check_markdown_report, strings

PIECES = [
    "\x1b",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x1b]8;;http://x\x1b\\",
    "\x1b[2J",
    "\x07",
    "\x00",
    "\x08",
    "\x7f",
    "\x85",
    "\x90",
    "\x9b",
    "\x9d",
    "\u061c",
    "\u200e",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u2028",
    "\u2029",
    "\udc9b",
    "\n",
    "\r",
    "\t",
    "\\",
    "|",
    "<b>",
    "&",
    "&#x202E;",
    "&#x1b;",
    "&#27;",
    "&#x85;",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "ftp://x.example",
    "//x.example",
    "a@b.example",
    "[[c1]]",
    "`",
    "*",
    "_",
    "#",
    "- ",
    "[",
    "]",
]
"""Pieces that act on a terminal, or on Markdown, or on a line count."""

texts = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(PIECES)), max_size=10).map("".join)
"""Random text, mostly made of hostile pieces."""

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def json_of(text: str) -> str:
    # JSON strings are YAML double-quoted scalars: any character travels as an escape.
    return json.dumps(text)


@SETTINGS
@given(path=texts, code=texts, message=texts, hint=texts)
def test_problem_output(path: str, code: str, message: str, hint: str) -> None:
    problem = Problem(Pos(path, 1, 1), "error", code, message, hint)
    assert_safe(problem.format(), one=True)
    assert_safe(problem.format(path + "\n" + path), one=True)
    row = problem_row(problem).plain
    assert_safe(row)
    assert row.count("\n") == (1 if hint else 0)
    assert_safe(terminal_json(problem.as_dict()))


def file_names() -> st.SearchStrategy[str]:
    """Names a brief file can have on this system (any byte but `/` and NUL), not hidden."""
    return texts.map(lambda t: t.replace("/", "").replace("\x00", "")[:40]).filter(
        lambda t: t and not t.startswith(".") and len(os.fsencode(t + ".md")) < 200
    )


def brief_text(value: str) -> str:
    v = json_of(value)
    return f"""---
brief: 1
id: {v}
title: {v}
date: {v}
sources:
  - id: s
    name: {v}
claims:
  - id: c1
    source: {v}
    text: {v}
    confidence: {v}
  - id: c2
    source: s
    text: t
xrefs:
  - from: c2
    to: {v}
    rel: {v}
{v}: 1
---
{value}
"""


@settings(SETTINGS, max_examples=60)
@given(name=file_names(), value=texts)
def test_brief_check_text_and_json(name: str, value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "briefs").mkdir()
        file = root / "briefs" / (name + ".md")
        file.write_text(brief_text(value), encoding="utf-8", errors="surrogateescape")
        problems = load_library(root).problems
        runner = CliRunner()
        text = runner.invoke(main, ["check", str(root)])
        assert text.exit_code in (0, 1), text.output
        assert_safe(text.output)
        assert len(text.stdout.splitlines()) == len(problems) + 1  # one line per problem
        out = runner.invoke(main, ["check", "--format", "json", str(root)])
        assert_safe(out.output)
        for string in strings(json.loads(out.stdout)):
            assert_safe(string.replace("\n", ""))


@settings(SETTINGS, max_examples=40)
@given(query=texts, value=texts)
def test_brief_search(query: str, value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "briefs").mkdir()
        (root / "briefs" / "b.md").write_text(
            brief_text(value), encoding="utf-8", errors="surrogateescape"
        )
        runner = CliRunner()
        found = runner.invoke(main, ["search", "--format", "json", "--", query, str(root)])
        assert found.exit_code in (0, 1, 2), found.output
        assert_safe(found.output)
        text = runner.invoke(main, ["search", "--", query, str(root)])
        assert_safe(text.output)
        lines = text.output.splitlines()
        if found.exit_code == 2:
            assert len(lines) == 3  # what is wrong, the query, the caret under the fault
        else:
            assert len(lines) == len(json.loads(found.stdout))  # one line per claim found


@SETTINGS
@given(title=texts, tags=st.lists(texts, max_size=3))
def test_library_rows(title: str, tags: list[str]) -> None:
    brief = Brief(id="b", path="b.md", title=title, pos=Pos("b.md", 1, 1), tags=tuple(tags))
    cells = [cell.plain for cell in _row(brief)]
    for cell in cells:
        assert_safe(cell)
    assert cells[1].count("\n") == (1 if tags else 0)


@SETTINGS
@given(reviewer=texts, note=texts, at=texts, flagged=st.booleans())
def test_review_detail(reviewer: str, note: str, at: str, flagged: bool) -> None:
    mark = Mark("b", "claim", "c", "h", True, flagged, note, reviewer, at)
    history = [Change(2, 2, mark, mark, reviewer, at), Change(1, 1, None, mark, reviewer, at)]
    for status in ("reviewed", "stale", "unreviewed"):
        text = review_detail(status, mark, history).plain
        assert_safe(text)
        # Who and when (or the flag), the note, the history: one line each, nothing forged.
        lines = int(status != "unreviewed" or flagged) + int(bool(note)) + 1
        assert text.count("\n") == lines - 1


@SETTINGS
@given(summary=texts)
def test_summary_renderer(summary: str) -> None:
    for block in render(summary):
        assert_safe(block.content.plain)
        for link in block.links:
            assert_safe(link.target, one=True)


row_values = st.fixed_dictionaries({name: texts for name in FIELDS}).map(
    lambda row: {**row, "flagged": bool(len(row["note"]) % 2)}
)


@SETTINGS
@given(brief_id=texts, title=texts, rows=st.lists(row_values, min_size=1, max_size=4))
def test_export_writers(brief_id: str, title: str, rows: list[dict[str, object]]) -> None:
    rows = [{**row, "brief": brief_id} for row in rows]
    library = Library("/", (Brief(id=brief_id, path="b.md", title=title, pos=Pos("b.md", 1, 1)),))
    check_markdown_report(as_markdown(rows, library))
    out = as_json(rows)
    assert_safe(out)
    for string in strings(json.loads(out)):
        assert_safe(string.replace("\n", ""))
    out = as_csv(rows)
    assert_safe(out)
    assert all(len(record) == len(FIELDS) for record in csv.reader(io.StringIO(out)))


@settings(SETTINGS, max_examples=6)
@given(sent=st.lists(st.tuples(texts, texts), min_size=1, max_size=15))
def test_notifications(workspace: Path, sent: list[tuple[str, str]]) -> None:
    asyncio.run(_notify(workspace, sent))


async def _notify(workspace: Path, sent: list[tuple[str, str]]) -> None:
    seen: list[Message] = []
    app = BriefApp(resolve(workspace))
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        # The app, a screen and a widget: every way to notify.
        senders: list[App[None] | Widget] = [app, app.screen, app.screen.query(Widget).first()]
        for n, (message, title) in enumerate(sent):
            senders[n % len(senders)].notify(message, title=title, markup=False)
        await wait_until(pilot, lambda: len(notifications(seen)) >= len(sent), "notifications")
        for notice in notifications(seen):
            assert_safe(notice.message)
            assert_safe(notice.title, one=True)
        shown = [(n.message, n.title) for n in notifications(seen)]
        for message, title in sent:
            assert (for_terminal(message), one_line(title)) in shown
