"""`brief check` and `brief schema`: output shapes and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main

from .conftest import FIXTURES


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
