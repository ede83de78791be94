"""Resolving what a command opens: the workspace around a path, its scope, the bundled example."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.load.library import in_scope, load_library
from tui.load.workspace import NoBriefs, NoWorkspace, Workspace, example_root, resolve

from .multi import X, make_multi


@pytest.fixture
def multi(tmp_path: Path) -> Path:
    """The three-brief workspace of tests/multi.py."""
    return make_multi(tmp_path / "multi")


def test_no_path_without_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NoWorkspace) as caught:
        resolve(None)
    assert caught.value.folder == tmp_path
    assert str(caught.value) == f"no briefs/ folder in {tmp_path} (or above)"
    ws = resolve(None, allow_example=True)
    assert ws.example and ws.root == ws.target == example_root()
    assert ws.whole and ws.target_file is None


def test_no_path_in_a_workspace_is_not_the_example(
    multi: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(multi / "briefs" / "sub")
    ws = resolve(None, allow_example=True)
    assert not ws.example
    assert (ws.root, ws.target, ws.whole) == (multi, multi, True)


def test_a_file_is_read_with_its_workspace(multi: Path) -> None:
    everything = resolve(multi)
    ws = resolve(multi / "briefs" / "x.md")
    assert ws.root == multi and ws.target == multi / "briefs" / "x.md"
    assert ws.files == everything.files  # same files, same order, whatever was asked for
    assert ws.scope == ("briefs/x.md",) and ws.target_file == "briefs/x.md"
    assert ws.in_scope("briefs/x.md") and not ws.in_scope("briefs/other.md")
    assert not ws.whole and everything.whole
    assert resolve(multi / "briefs").scope == everything.scope
    assert resolve(multi / "briefs" / "sub").scope == ("briefs/sub/y.md",)


def test_a_file_outside_briefs_is_read_with_the_workspace(multi: Path) -> None:
    (multi / "drafts").mkdir()
    (multi / "drafts" / "d.md").write_text(X.replace("id: x", "id: d"), encoding="utf-8")
    ws = resolve(multi / "drafts")
    assert ws.files[-1] == multi / "drafts" / "d.md" and len(ws.files) == 4
    assert ws.scope == ("drafts/d.md",)
    library = in_scope(load_library(multi / "drafts" / "d.md"), ws)
    assert [b.id for b in library.briefs] == ["d"] and library.problems == ()


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(NoBriefs) as caught:
        resolve(tmp_path)
    assert caught.value.folder == tmp_path and caught.value.root is None
    (tmp_path / "briefs").mkdir()
    ws = resolve(tmp_path)  # a workspace with no briefs yet: not an error
    assert ws.files == () and ws.scope == ()
    assert resolve(tmp_path / "briefs").files == ()


def test_load_library_reads_the_whole_workspace(multi: Path) -> None:
    library = load_library(multi / "briefs" / "x.md")
    assert {b.id for b in library.briefs} == {"x", "y", "other"}
    assert not [p for p in library.problems if p.code == "unknown-brief"]
    mine = in_scope(library, resolve(multi / "briefs" / "x.md"))
    assert [b.id for b in mine.briefs] == ["x"] and mine.problems == ()
    assert mine.claims is library.claims and mine.links is library.links
    assert in_scope(library, resolve(multi)) is library


def test_a_hand_made_workspace_is_whole(tmp_path: Path) -> None:
    ws = Workspace(root=tmp_path, target=tmp_path, files=())
    assert ws.scope is None and ws.whole and ws.in_scope("anything.md") and not ws.example


def _fake_reader(monkeypatch: pytest.MonkeyPatch) -> list[Workspace]:
    """Stand in for the Textual app: record the workspace `brief [PATH]` would open."""
    opened: list[Workspace] = []

    class FakeApp:
        return_code: int | None = None

        def __init__(self, workspace: Workspace, *args: object, **kwargs: object) -> None:
            opened.append(workspace)

        def run(self) -> None:
            pass

    module = types.ModuleType("tui.app.main")
    module.BriefApp = FakeApp  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.app.main", module)
    return opened


def test_only_the_reader_falls_back_to_the_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = _fake_reader(monkeypatch)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    (ws,) = opened
    assert ws.example and ws.root == example_root()
    # An explicit PATH never falls back.
    result = CliRunner().invoke(main, [str(tmp_path)])
    assert result.exit_code == 2 and f"brief: {tmp_path}: no briefs/ folder" in result.output
    assert len(opened) == 1


def test_the_reader_opens_a_file_in_its_workspace(
    multi: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened = _fake_reader(monkeypatch)
    assert CliRunner().invoke(main, [str(multi / "briefs" / "x.md")]).exit_code == 0
    (ws,) = opened
    assert not ws.example and ws.root == multi and len(ws.files) == 3
    assert ws.target_file == "briefs/x.md"
