"""The review package: its public names, its layering and size, and the typed edges of its API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import tui.review
from tui.load.library import load_library
from tui.model import ClaimKey
from tui.review import KINDS, SUMMARY_ITEM, Reviews, ReviewStore
from tui.review.schema import as_kind

from .conftest import ROOT

BRIEF = "nk-troops-russia-2024-11"

LAYERS = [
    "schema",
    "sqlrows",
    "snapshots",
    "diff",
    "faults",
    "protocol",
    "team",
    "logreads",
    "opening",
    "pgschema",
    "pglog",
    "postgres",
    "store",
    "pending",
    "items",
    "reads",
    "session",
]
"""The package's modules, each importing only those before it."""


def test_public_names_come_from_the_package() -> None:
    for name in tui.review.__all__:
        assert getattr(tui.review, name) is not None, name
    assert KINDS == ("summary", "claim", "xref") and SUMMARY_ITEM == "summary"


def test_modules_stay_small_and_layered() -> None:
    folder = ROOT / "tui" / "review"
    for module in folder.glob("*.py"):
        lines = module.read_text(encoding="utf-8").count("\n")
        assert lines <= 300, f"{module.name} has {lines} lines"
    for i, name in enumerate(LAYERS):
        text = (folder / f"{name}.py").read_text(encoding="utf-8")
        for later in LAYERS[i:]:
            assert f"from .{later} import" not in text, f"{name} imports {later}"
        for banned in ("textual", "rich", "tui.app", "..app"):
            assert f"import {banned}" not in text and f"from {banned}" not in text, name


def test_status_of_takes_a_claim_key(example: Path) -> None:
    reviews = Reviews(ReviewStore.memory("ana"), load_library(example).briefs)
    key = ClaimKey(BRIEF, "blinken-8000")
    assert reviews.status_of(key) == ("unreviewed", False)
    reviews.toggle(reviews.item(BRIEF, "claim", "blinken-8000"))
    reviews.toggle_flag(reviews.item(BRIEF, "claim", "blinken-8000"))
    assert reviews.status_of(key) == ("reviewed", True)
    assert reviews.undo_last() == "claim flagged"
    assert reviews.status_of(key) == ("reviewed", False)


def test_a_row_of_no_known_kind_is_left_out(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    store = ReviewStore.open(db, "ana")
    store.set("b", "claim", "c", "h", reviewed=True)
    store.close()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO marks VALUES ('b', 'footnote', 'f', 'h', 1, 0, '', 'ana', '2024-01-01')"
    )
    conn.commit()
    conn.close()
    again = ReviewStore.open(db, "ana")
    assert list(again.marks()) == [("b", "claim", "c")]
    assert as_kind("footnote") is None and as_kind("xref") == "xref"


def test_unavailable_and_memory_stores() -> None:
    gone = ReviewStore.unavailable("ana", "no folder")
    assert gone.read_only and gone.path is None and gone.reviewer == "ana"
    assert gone.messages == [
        "Review marks can't be saved: no folder. Choose another file with --state or BRIEF_STATE."
    ]
    fresh = ReviewStore.memory()
    assert not fresh.read_only and fresh.messages == [] and fresh.reviewer
