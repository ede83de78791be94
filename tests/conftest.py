"""Shared fixtures: workspaces made in temporary folders from tests/fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _private_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests never read or write the user's review marks or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEF_STATE", str(home / "state" / "review.db"))
    monkeypatch.setenv("BRIEF_CONFIG", str(home / "config" / "config.yaml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))  # the user's own theme folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # the parse cache


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/ws: briefs/good.md and seeds/doc.txt."""
    shutil.copytree(FIXTURES / "ws", tmp_path / "ws")
    return tmp_path / "ws"


OTHER_BRIEF = """\
---
brief: 1
id: other
title: A follow-up on Kursk
date: 2024-10-01
sources:
  - id: analyst
    name: Field Analyst
    role: Desk officer
claims:
  - id: seen
    source: analyst
    text: Convoys were seen moving toward Kursk.
xrefs:
  - from: seen
    to: nk-troops-russia-2024-11#rutte-kursk
    rel: corroborates
    note: Movement toward Kursk fits Rutte's statement.
---
Follow-up to [[nk-troops-russia-2024-11#rutte-kursk]].
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the bundled example workspace in a folder named `workspace`."""
    root = tmp_path / "workspace"
    shutil.copytree(ROOT / "briefs", root / "briefs")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return root


@pytest.fixture
def two_briefs(example: Path) -> Path:
    """The example plus an older brief whose claim corroborates one of the example's."""
    (example / "briefs" / "other.md").write_text(OTHER_BRIEF, encoding="utf-8")
    return example


from .pgfixtures import pg_cluster, pg_uri  # noqa: E402, F401 - the PostgreSQL fixtures
