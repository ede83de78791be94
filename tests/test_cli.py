"""`brief check` and `brief schema`: output shapes and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main

from .conftest import FIXTURES
from .multi import BAD, brief, make_multi


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_clean(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace)
    assert run("check") == (0, "1 brief, 2 claims: 0 errors, 0 warnings\n")


def test_check_errors_and_warnings(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FIXTURES / "problems" / "unknown-source.md", workspace / "briefs")
    shutil.copy(FIXTURES / "problems" / "unknown-field.md", workspace / "briefs")
    monkeypatch.chdir(workspace)
    code, out = run("check", "briefs")
    assert code == 1
    assert out.splitlines() == [
        "briefs/unknown-field.md:3:1: warning: unknown field `titel` (ignored); "
        "did you mean `title`? [unknown-field]",
        "briefs/unknown-source.md:9:13: error: claim `c1` names source `iws`, which is not "
        "declared; did you mean `isw`? [unknown-source]",
        "3 briefs, 3 claims: 1 error, 1 warning",
    ]


def test_warnings_only_exit_zero(workspace: Path) -> None:
    shutil.copy(FIXTURES / "problems" / "unknown-field.md", workspace / "briefs")
    code, _ = run("check", str(workspace))
    assert code == 0


def test_check_json(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FIXTURES / "problems" / "yaml-tab.md", workspace / "briefs")
    monkeypatch.chdir(workspace)
    code, out = run("check", "--format", "json")
    assert code == 1
    rows = json.loads(out)
    assert rows == [
        {
            "path": "briefs/yaml-tab.md",
            "line": 5,
            "col": 1,
            "severity": "error",
            "code": "yaml-tab",
            "message": "tab character where YAML expects indentation or a value",
            "hint": "indent with spaces: YAML does not allow tabs there",
        }
    ]


def test_paths_are_relative_to_where_the_user_stands(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(FIXTURES / "problems" / "yaml-tab.md", workspace / "briefs")
    monkeypatch.chdir(workspace / "briefs")
    _, out = run("check", ".")
    assert out.startswith("yaml-tab.md:5:1: error:")


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope"))[0] == 2
    assert run("check", "--format", "xml")[0] == 2
    (tmp_path / "notes.txt").write_text("x")
    code, out = run("check", str(tmp_path / "notes.txt"))
    assert code == 2 and "not a brief" in out


def test_schema_comes_from_the_validating_models() -> None:
    code, out = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["required"] == ["brief", "title"]
    claim = schema["$defs"]["ClaimSpec"]
    assert set(claim["required"]) == {"id", "source", "text"}
    assert claim["properties"]["credibility"]["anyOf"][0]["enum"] == [1, 2, 3, 4, 5, 6]
    xref = schema["$defs"]["XrefSpec"]
    assert "from" in xref["properties"]
    assert xref["properties"]["rel"]["enum"] == [
        "corroborates",
        "contradicts",
        "refines",
        "updates",
        "cites",
        "related",
    ]


# -- where the command looks (issue 9) -----------------------------------------------------------

COMMANDS = [("check",), ("search", "kursk"), ("export",)]


@pytest.fixture
def multi(tmp_path: Path) -> Path:
    """The three-brief workspace of tests/multi.py."""
    return make_multi(tmp_path / "multi")


@pytest.mark.parametrize("command", COMMANDS)
def test_no_workspace_here_exits_2(
    command: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run(*command)
    assert code == 2
    name = command[0]
    assert f"brief {name}: no briefs/ folder in {tmp_path} (or above)" in out
    usage = " ".join(("brief", *command[:1], *(["QUERY"] if name == "search" else []), "PATH"))
    assert out.rstrip().endswith(f"pass one: {usage}")
    assert "nk-troops" not in out  # the bundled example was not read


@pytest.mark.parametrize("command", COMMANDS)
def test_folder_without_briefs_exits_2(command: tuple[str, ...], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a brief")
    code, out = run(*command, str(empty))
    assert code == 2
    assert f"brief {command[0]}: {empty}: no briefs/ folder there or above" in out


def test_subfolder_without_briefs_exits_2(multi: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (multi / "seeds").mkdir()
    monkeypatch.chdir(multi)
    code, out = run("check", "seeds")
    assert code == 2
    assert f"{multi / 'seeds'}: no brief files (.md, .yaml, .yml) in it (workspace {multi})" in out


def test_workspace_with_empty_briefs_folder_has_zero_briefs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "briefs").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out = run("check")
    assert code == 0
    assert out.splitlines() == [
        f"brief check: no brief files in {tmp_path / 'briefs'} yet",
        "0 briefs, 0 claims: 0 errors, 0 warnings",
    ]


def test_no_path_finds_the_workspace_above(multi: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(multi / "briefs" / "sub")
    code, out = run("check")
    assert code == 1
    assert out.splitlines()[-1] == "3 briefs, 3 claims: 1 error, 0 warnings"


def test_check_one_file_reads_its_workspace(multi: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(multi)
    # The whole workspace has one error, in other.md.
    code, out = run("check")
    assert code == 1 and "briefs/other.md:10:13: error:" in out
    # x.md alone: `other#seen` resolves, and other.md's error is not x's.
    assert run("check", "briefs/x.md") == (0, "1 brief, 1 claim: 0 errors, 0 warnings\n")
    code, out = run("check", "--format", "json", "briefs/x.md")
    assert (code, json.loads(out)) == (0, [])
    # other.md alone still reports its own error.
    code, out = run("check", "briefs/other.md")
    assert code == 1
    assert out.splitlines()[-1] == "1 brief, 1 claim: 1 error, 0 warnings"


def test_check_a_subfolder_reads_its_workspace(
    multi: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(multi)
    assert run("check", "briefs/sub") == (0, "1 brief, 1 claim: 0 errors, 0 warnings\n")
    monkeypatch.chdir(multi / "briefs" / "sub")
    assert run("check", ".") == (0, "1 brief, 1 claim: 0 errors, 0 warnings\n")


def test_check_one_file_reports_a_clash_of_its_id(
    multi: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # briefs/sub/y.md is read after briefs/x.md, so x.md keeps the id and y.md gets the error.
    y = multi / "briefs" / "sub" / "y.md"
    y.write_text(y.read_text(encoding="utf-8").replace("id: y", "id: x"), encoding="utf-8")
    monkeypatch.chdir(multi)
    for target in ("briefs/x.md", "briefs/sub/y.md", "briefs/sub"):
        code, out = run("check", target)
        assert code == 1, target
        assert "briefs/sub/y.md:3:5: error: brief id `x` is already used by briefs/x.md" in out
        assert out.splitlines()[-1] == "1 brief, 1 claim: 1 error, 0 warnings"


def test_check_a_file_outside_any_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.load.workspace import resolve

    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "a.md").write_text(brief("a", "c: Alone"), encoding="utf-8")
    (loose / "bad.md").write_text(BAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("check", "loose/a.md") == (0, "1 brief, 1 claim: 0 errors, 0 warnings\n")
    ws = resolve("loose/a.md")
    assert (ws.root, ws.files, ws.scope) == (loose, (loose / "a.md",), ("a.md",))
    # The folder itself is read whole, as before.
    code, out = run("check", "loose")
    assert code == 1 and out.splitlines()[-1] == "2 briefs, 2 claims: 1 error, 0 warnings"


def test_search_one_file_reads_its_workspace(multi: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(multi)
    code, out = run("search", "kursk")
    assert code == 0 and {line.split()[0] for line in out.splitlines()} == {
        "x#a",
        "other#seen",
        "y#b",
    }
    # Only x's claims, and its cross-reference into other.md is known.
    assert run("search", "kursk rel:corroborates", "briefs/x.md") == (
        0,
        "x#a  A Source  Troops moved to Kursk\n",
    )
    assert run("search", "kursk", "briefs/sub") == (0, "y#b  A Source  Kursk again\n")


def test_export_one_file_reads_its_workspace(multi: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(multi)
    code, out = run("export", "--format", "json", "briefs/x.md")
    assert code == 0
    rows = json.loads(out)
    assert {r["brief"] for r in rows} == {"x"}
    assert [r["item"] for r in rows if r["kind"] == "xref"] != []
    # With no PATH, from inside the workspace: the whole workspace around the current folder.
    monkeypatch.chdir(multi / "briefs" / "sub")
    code, out = run("export", "--format", "json")
    assert {r["brief"] for r in json.loads(out)} == {"x", "y", "other"}
    code, out = run("export", "--format", "json", ".")
    assert {r["brief"] for r in json.loads(out)} == {"y"}
