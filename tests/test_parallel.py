"""Reading briefs in worker processes (issue 12): the same library, and never a failed load."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from bench.generate import make_workspace
from tui.load import parallel
from tui.load.library import build
from tui.load.workspace import resolve
from tui.model import Library

from .test_cache import problems_ws


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Briefs of every kind: generated ones, and the problem fixtures (bad YAML, bad fields...)."""
    root = problems_ws(tmp_path)
    gen = make_workspace(tmp_path / "gen", 12, 6)
    shutil.copytree(gen / "briefs", root / "briefs" / "gen")
    shutil.copytree(gen / "seeds", root / "seeds", dirs_exist_ok=True)
    return root


def load(root: Path, monkeypatch: pytest.MonkeyPatch, workers: int, cache: bool = False) -> Library:
    monkeypatch.setenv("BRIEF_WORKERS", str(workers))
    return build(resolve(root), cache=cache)


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Workers for any number of files, in small chunks; counts the briefs they hand back."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "CHUNK", 3)
    decoded: list[int] = []
    real = parallel._decode

    def decode(payload: bytes) -> object:
        decoded.append(1)
        return real(payload)

    monkeypatch.setattr(parallel, "_decode", decode)
    return decoded


def test_workers_read_the_same_library(
    many: Path, monkeypatch: pytest.MonkeyPatch, in_workers: list[int]
) -> None:
    alone = load(many, monkeypatch, 1)
    assert not in_workers  # one core asked for: nothing went to a worker
    shared = load(many, monkeypatch, 2)
    assert len(in_workers) == len(shared.briefs) > 20  # every file came from a worker
    assert alone == shared
    assert alone.problems and [b.problems for b in alone.briefs] == [
        b.problems for b in shared.briefs
    ]
    assert dict(alone.links) == dict(shared.links) and dict(alone.claims) == dict(shared.claims)


def test_workers_fill_the_cache(
    many: Path, monkeypatch: pytest.MonkeyPatch, in_workers: list[int]
) -> None:
    first = load(many, monkeypatch, 2, cache=True)
    read = len(in_workers)
    assert read == len(first.briefs)
    again = load(many, monkeypatch, 2, cache=True)
    assert len(in_workers) == read  # the second load found every brief in the cache
    assert again == first


@pytest.mark.parametrize(
    "worker",
    [
        "import sys; sys.exit(3)",  # dies at once
        "import sys; sys.stdin.buffer.read(); "
        "sys.stdout.buffer.write(b'\\x05' + bytes(7) + b'junk!')",
        "import sys; sys.stdin.buffer.read(); sys.stdout.buffer.write(bytes([255]) * 8)",
    ],
    ids=["dies", "garbage", "not-read"],
)
def test_a_failing_worker_loses_nothing(
    many: Path, monkeypatch: pytest.MonkeyPatch, in_workers: list[int], worker: str
) -> None:
    alone = load(many, monkeypatch, 1)
    monkeypatch.setattr(parallel, "worker_command", lambda: [sys.executable, "-c", worker])
    assert load(many, monkeypatch, 2) == alone


def test_workers_that_cannot_start_lose_nothing(
    many: Path, monkeypatch: pytest.MonkeyPatch, in_workers: list[int]
) -> None:
    alone = load(many, monkeypatch, 1)
    monkeypatch.setattr(parallel, "worker_command", lambda: [str(many / "no-such-python")])
    assert load(many, monkeypatch, 2) == alone
    assert not in_workers


def test_the_number_of_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_WORKERS", "1")
    assert parallel.workers() == 1
    monkeypatch.setenv("BRIEF_WORKERS", "99")
    assert parallel.workers() == parallel.MAX_WORKERS
    monkeypatch.delenv("BRIEF_WORKERS")
    assert 1 <= parallel.workers() <= parallel.MAX_WORKERS


def test_workers_wait_for_a_slow_loader(
    many: Path, monkeypatch: pytest.MonkeyPatch, in_workers: list[int]
) -> None:
    # One brief handed over at a time: the workers wait on the loading process, nothing lost.
    monkeypatch.setattr(parallel, "AHEAD", 1)
    alone = load(many, monkeypatch, 1)
    assert load(many, monkeypatch, 2) == alone
    assert len(in_workers) == len(alone.briefs)
