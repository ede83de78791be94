"""Shared fixtures: workspaces made in temporary folders from tests/fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/ws: briefs/good.md and seeds/doc.txt."""
    shutil.copytree(FIXTURES / "ws", tmp_path / "ws")
    return tmp_path / "ws"
