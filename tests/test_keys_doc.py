"""docs/keys.md is generated from the bindings themselves, and every binding can be remapped."""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

import pytest

from tui.app.keys_doc import binding_ids, owners, render
from tui.config import check_keymap, load_config

from .conftest import ROOT

APP = ROOT / "tui" / "app"
DOC = ROOT / "docs" / "keys.md"


def test_docs_keys_md_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/keys.md is stale: run `python -m tui.app.keys_doc > docs/keys.md`"
    )


def test_every_binding_has_an_id_and_a_description() -> None:
    found = owners()
    assert found, "no bindings found at all"
    for owner in found:
        for binding in owner.bindings:
            where = f"{owner.cls.__qualname__} {binding.key!r}"
            assert binding.id, f"{where} has no id: the keymap cannot change it"
            assert binding.description.strip(), f"{where} has no description"


def test_every_binding_call_in_the_source_has_an_id_and_a_description() -> None:
    """Catches bindings the class walk cannot see (e.g. classes made inside functions)."""
    missing: list[str] = []
    for path in sorted(APP.rglob("*.py")):
        if path.name == "keys_doc.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
                keywords = {k.arg for k in node.keywords}
                described = len(node.args) >= 3 or "description" in keywords
                if "id" not in keywords or not described:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert missing == []


def test_walk_finds_app_screens_and_widgets() -> None:
    names = {o.cls.__name__: o.kind for o in owners()}
    assert names["BriefApp"] == "App"
    assert names["LibraryScreen"] == "Screen"
    assert names["SummaryView"] == "Widget"
    assert owners()[0].kind == "App"
    assert {"app.quit", "app.help", "library.open"} <= binding_ids()


def test_the_doc_lists_each_binding_with_its_keys() -> None:
    text = render()
    assert "| `app.help` | `question_mark` (?) | Help |" in text
    for binding_id in binding_ids():
        assert f"| `{binding_id}` |" in text
    assert "keymap:" in text


def test_new_bindings_are_picked_up_without_registration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "fakeapp"
    (package / "screens").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "screens" / "__init__.py").write_text("")
    (package / "screens" / "late.py").write_text(
        textwrap.dedent(
            '''
            from textual.binding import Binding
            from textual.screen import Screen
            from textual.widgets import Static


            class LateScreen(Screen):
                """Added after the generator was written."""

                BINDINGS = [Binding("x", "thing", "Do the thing", id="late.thing")]


            class LateWidget(Static):
                """A widget too."""

                BINDINGS = [("y", "other", "Other")]
            '''
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        found = owners("fakeapp")
        assert [(o.cls.__name__, [b.id for b in o.bindings]) for o in found] == [
            ("LateScreen", ["late.thing"]),
            ("LateWidget", [None]),
        ]
        text = render("fakeapp")
        assert "| `late.thing` | `x` | Do the thing | yes |" in text
        assert "| (no id: cannot be remapped) | `y` | Other | yes |" in text
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "fakeapp"]:
            del sys.modules[name]


def test_keymap_ids_are_checked_against_the_real_bindings(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("keymap:\n  app.help: f1\n  app.hlep: f2\n", encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    warnings = check_keymap(config, binding_ids())
    assert [(w.code, w.pos.line, w.hint) for w in warnings] == [
        ("unknown-binding", 3, "did you mean `app.help`?")
    ]
