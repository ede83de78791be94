"""The parse cache (issue 12): used when nothing changed, invalidated precisely, never an error."""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.generate import make_workspace
from tui.cli import main
from tui.load import library as library_module
from tui.load.cache import ParseCache
from tui.load.library import build
from tui.load.workspace import resolve
from tui.model import Brief, Library

from .conftest import FIXTURES


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the path of every brief `build` reads from its file."""
    calls: list[str] = []
    real = library_module.load_brief

    def load_brief(file: Path, rel: str):
        calls.append(rel)
        return real(file, rel)

    monkeypatch.setattr(library_module, "load_brief", load_brief)
    return calls


def load(root: Path, cache: bool = True) -> Library:
    return build(resolve(root), cache=cache)


def touch(path: Path, text: str) -> None:
    """Rewrite a file and move its mtime on, so a same-size edit is seen on coarse clocks too."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def problems_ws(tmp_path: Path) -> Path:
    root = tmp_path / "problems"
    shutil.copytree(FIXTURES / "ws", root)
    for file in (FIXTURES / "problems").iterdir():
        shutil.copy(file, root / "briefs" / file.name)
    shutil.copytree(FIXTURES / "seeds", root / "seeds", dirs_exist_ok=True)
    return root


@pytest.fixture(params=["example", "problems", "generated"])
def any_ws(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "example":
        return request.getfixturevalue("two_briefs")
    if request.param == "problems":
        return problems_ws(tmp_path)
    return make_workspace(tmp_path / "gen", 20, 8)


def test_results_are_identical_with_and_without_the_cache(any_ws: Path) -> None:
    fresh = load(any_ws, cache=False)
    filling = load(any_ws)
    cached = load(any_ws)
    assert fresh == filling == cached
    assert fresh.problems or fresh.briefs  # something was compared
    assert [b.problems for b in fresh.briefs] == [b.problems for b in cached.briefs]
    assert dict(fresh.links) == dict(cached.links) and dict(fresh.claims) == dict(cached.claims)


def test_second_load_reads_no_unchanged_file(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting(monkeypatch)
    load(example)
    assert calls
    calls.clear()
    load(example)
    assert calls == []


def test_no_cache_neither_reads_nor_writes(example: Path, tmp_path: Path) -> None:
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    load(example, cache=False)
    assert not (cache_home / "brief").exists()
    load(example)
    assert any((cache_home / "brief").rglob("*"))


def test_cli_no_cache(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    for command in (["check"], ["search", "Kursk"], ["export"]):
        calls.clear()
        result = CliRunner().invoke(main, [*command, "--no-cache", str(example)])
        assert result.exit_code in (0, 1), result.output
        assert calls, command
        assert not (cache_home / "brief").exists()
    result = CliRunner().invoke(main, ["check", str(example)])
    calls.clear()
    result = CliRunner().invoke(main, ["check", str(example)])
    assert result.exit_code == 0 and calls == []
    calls.clear()
    result = CliRunner().invoke(main, ["check", "--no-cache", str(example)])
    assert result.exit_code == 0 and calls


def entries(root: Path) -> list[Path]:
    folder = ParseCache(root).folder
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: b"\x00garbage" * 10,
        lambda data: data.replace(b"brief parse cache", b"other parse cache"),
        lambda data: bytes(b ^ 0x55 for b in data),
        # One letter of a claim, whose bytes are decoded only when the brief is opened.
        lambda data: data.replace(b"fully compensate", b"fully compensatE", 1),
    ],
    ids=["empty", "truncated", "garbage", "foreign", "scrambled", "claim-text"],
)
def test_a_damaged_entry_is_a_miss(
    example: Path, monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    expected = load(example)
    (entry,) = entries(example)
    data = entry.read_bytes()
    assert damage(data) != data
    entry.write_bytes(damage(data))
    calls = counting(monkeypatch)
    assert load(example) == expected
    assert len(calls) == 1
    calls.clear()
    assert load(example) == expected  # rewritten whole
    assert calls == []


def test_an_unreadable_entry_is_a_miss(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = load(example)
    (entry,) = entries(example)
    entry.unlink()
    entry.mkdir()  # not a file at all
    calls = counting(monkeypatch)
    assert load(example) == expected
    assert len(calls) == 1


def test_a_read_only_cache_folder_means_no_cache(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    expected = load(example, cache=False)
    cache = ParseCache(resolve(example).root)
    assert build(resolve(example), cache=cache) == expected
    assert not cache.writable and "parse cache off" in cache.notice
    assert build(resolve(example), cache=cache) == expected


def test_editing_a_brief_invalidates_only_its_entry(
    two_briefs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(two_briefs)
    other = two_briefs / "briefs" / "other.md"
    touch(other, other.read_text(encoding="utf-8").replace("Convoys", "Trucks"))
    calls = counting(monkeypatch)
    library = load(two_briefs)
    assert calls == ["briefs/other.md"]
    assert library == load(two_briefs, cache=False)
    assert library.brief("other") is not None
    assert library.brief("other").claims[0].text.startswith("Trucks")  # type: ignore[union-attr]


def test_editing_a_seed_invalidates_the_briefs_that_quote_it(
    two_briefs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load(two_briefs)
    quoting = [b.path for b in before.briefs if b.seeds]
    assert quoting and len(quoting) < len(before.briefs)
    seed_path = (
        two_briefs / before.briefs[[b.path for b in before.briefs].index(quoting[0])].seeds[0].path
    )
    touch(seed_path, "A different text, where no quote is found.\n")
    calls = counting(monkeypatch)
    after = load(two_briefs)
    assert sorted(calls) == sorted(quoting)
    assert after == load(two_briefs, cache=False)
    assert any(p.code == "quote-orphaned" for p in after.problems)
    seed_path.unlink()  # a seed that goes missing invalidates too
    calls.clear()
    gone = load(two_briefs)
    assert sorted(calls) == sorted(quoting)
    assert any(p.code == "seed-missing" for p in gone.problems)


def test_listed_gets_every_brief_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_workspace(tmp_path / "gen", 120, 2)
    monkeypatch.setattr(library_module, "LISTED_EVERY", 40)  # 120 briefs: 3 batches at least
    monkeypatch.setattr(library_module, "LISTED_AFTER", 0.0)  # cached briefs in batches too
    for cache in (False, True, True):
        batches: list[Sequence[Brief]] = []
        library = build(resolve(root), listed=batches.append, cache=cache)
        seen = [b.path for batch in batches for b in batch]
        assert sorted(seen) == sorted(b.path for b in library.briefs)
        assert len(seen) == len(set(seen)) == 120
        assert len(batches) >= 3  # in batches, not all at the end


def test_a_fast_load_is_listed_with_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace(tmp_path / "gen", 120, 2)
    monkeypatch.setattr(library_module, "LISTED_EVERY", 40)
    monkeypatch.setattr(library_module, "LISTED_AFTER", 60.0)
    cold: list[Sequence[Brief]] = []
    build(resolve(root), listed=cold.append)
    assert len(cold) >= 3  # parsed briefs are listed as they come, whatever LISTED_AFTER says
    warm: list[Sequence[Brief]] = []
    library = build(resolve(root), listed=warm.append)
    assert warm == [] and len(library.briefs) == 120  # all from the cache: the library lists them


def test_every_model_field_is_cached(example: Path) -> None:
    """The entry stores each model as a tuple of its fields: a new field must be added there."""
    from array import array
    from dataclasses import fields

    from tui.load.cache import Entry, decode_entry, encode_entry
    from tui.load.located import CrossPositions
    from tui.model import Claim, Seed, Source, Xref

    brief = next(b for b in load(example).briefs if b.claims and b.xrefs and b.seeds)
    none = CrossPositions(array("i"))
    brief_t, _, _ = encode_entry(Entry(brief, [], none))
    # Seeds, sources, claims and cross-references are each a head (one string per item) and
    # their bytes; cross-references also the ends.
    assert len(brief_t) == len(fields(Brief)) + 6  # item hashes: their ids and bytes
    for at, model in ((10, Seed), (12, Source), (14, Claim), (17, Xref)):
        assert len(marshal.loads(brief_t[at])[0]) == len(fields(model)), model
    assert decode_entry(encode_entry(Entry(brief, [], none))).brief == brief


def test_cross_positions_are_those_of_the_yaml(tmp_path: Path) -> None:
    """The compact positions kept of each brief are where its YAML says, for every path the
    checks across briefs ask for, and nothing else."""
    from tui.load.brief import load_brief
    from tui.load.located import CrossPositions, Located

    root = problems_ws(tmp_path)
    asked = 0
    for file in sorted((root / "briefs").iterdir()):
        loc = load_brief(file, file.name)
        kept = Located(loc.brief, cross=CrossPositions.of(loc))
        paths: list[tuple[str | int, ...]] = [("id",)]
        for x in loc.brief.xrefs:
            paths += [("xrefs", x.index), ("xrefs", x.index, "from"), ("xrefs", x.index, "to")]
        for path in paths:
            assert kept.pos(path) == loc.pos(path), (file.name, path)
            asked += 1
        assert kept.cross is not None
        assert kept.cross.get(("xrefs", 10**6)) is None and kept.cross.get(("title",)) is None
        assert kept.cross.get(("xrefs", 0, "note")) is None
        assert kept.cross.get(("xrefs", -1)) is None
    assert asked > 20
