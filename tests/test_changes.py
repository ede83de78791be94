"""Live reload without a terminal (tui/load/changes.py, reuse.Reuse): which saved files count,
and rebuilding re-reads only what changed, keeping a brief that no longer reads as it last read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tui.load.library as library_module
from tui.load.changes import Changes, Reloader, classify, rescan, watched_folders
from tui.load.workspace import resolve

FILE = "briefs/nk-troops-russia.md"
SEED = "seeds/nk-troops-russia-isw.txt"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every brief file read from disk (not taken from what the last build read)."""
    seen: list[str] = []
    parse, cached = library_module.parse, library_module.cached

    def parsing(file: Path, rel: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(rel)
        return parse(file, rel, *args, **kwargs)

    def from_cache(file: Path, rel: str, *args: Any, **kwargs: Any) -> Any:
        found = cached(file, rel, *args, **kwargs)
        if found is not None:
            seen.append(rel)
        return found

    monkeypatch.setattr(library_module, "parse", parsing)
    monkeypatch.setattr(library_module, "cached", from_cache)
    return seen


def test_only_the_workspace_own_files_count(two_briefs: Path) -> None:
    reloader = Reloader(resolve(two_briefs), cache=False)
    library = reloader.build().library
    root = two_briefs
    state = root / "review.db"
    events = [
        ("modified", root / FILE),
        ("modified", root / SEED),
        ("added", root / "themes" / "desk.yaml"),
        ("modified", root / "briefs" / ".nk-troops-russia.md.swp"),
        ("added", root / "briefs" / "nk-troops-russia.md~"),
        ("added", root / "briefs" / "4913"),
        ("modified", root / ".git" / "index"),
        ("modified", state),
        ("modified", Path(str(state) + "-wal")),
        ("modified", root / "seeds" / "unquoted.txt"),
        ("modified", root / "briefs" / "notes.txt"),
        ("modified", "/elsewhere/briefs/x.md"),
    ]
    changes = classify(root, [(w, str(p)) for w, p in events], library, skip=[state])
    assert changes == Changes(
        briefs=frozenset({FILE}),
        seeds=frozenset({SEED}),
        themes=frozenset({"themes/desk.yaml"}),
    )
    assert not changes.listing
    # Added or removed briefs, or a folder moved into briefs/, list the files again.
    added = classify(root, [("added", str(root / "briefs" / "new.md"))], library)
    assert added.listing and added.briefs == {"briefs/new.md"}
    moved = classify(root, [("added", str(root / "briefs" / "2024"))], library)
    assert moved.listing and not moved.briefs
    assert not classify(root, [("modified", str(root / ".git" / "HEAD"))], library)


def test_the_watched_folders_hold_briefs_seeds_and_themes(example: Path) -> None:
    (example / "themes").mkdir()
    ws = resolve(example)
    library = Reloader(ws, cache=False).build().library
    assert watched_folders(ws, library) == [
        example / "briefs",
        example / "seeds",
        example / "themes",
    ]


def test_a_rebuild_reads_only_what_changed(two_briefs: Path, reads: list[str]) -> None:
    reloader = Reloader(resolve(two_briefs), cache=False)
    first = reloader.build()
    assert sorted(reads) == ["briefs/nk-troops-russia.md", "briefs/other.md"]
    reads.clear()
    file = two_briefs / "briefs" / "other.md"
    file.write_text(file.read_text().replace("Convoys were seen", "Trucks were seen"))
    reloader.note(Changes(briefs=frozenset({"briefs/other.md"})))
    second = reloader.build()
    assert reads == ["briefs/other.md"]
    assert second.number == first.number + 1
    other = second.library.brief("other")
    assert other is not None and other.claims[0].text.startswith("Trucks were seen")
    # Cross-references across briefs are checked again: the link still resolves.
    assert second.library.links_of(other.claims[0].key)
    # A seed that changed brings back the briefs quoting it, and only them.
    reads.clear()
    reloader.note(Changes(seeds=frozenset({SEED})))
    reloader.build()
    assert reads == [FILE]


def test_a_brief_that_no_longer_reads_stands_in_as_it_last_read(example: Path) -> None:
    reloader = Reloader(resolve(example), cache=False)
    good = reloader.build().library.briefs[0]
    file = example / FILE
    text = file.read_text()
    file.write_text(text.replace("claims:\n", "claims:\n  - id: [unclosed\n", 1))
    reloader.note(Changes(briefs=frozenset({FILE})))
    built = reloader.build()
    kept = built.library.briefs[0]
    assert built.stand_ins == {FILE}
    assert kept.claims == good.claims and kept.ok
    assert [p.code for p in kept.problems] == ["yaml-syntax"]
    assert [p.code for p in built.library.problems] == ["yaml-syntax"]
    file.write_text(text)
    reloader.note(Changes(briefs=frozenset({FILE})))
    again = reloader.build()
    assert again.stand_ins == frozenset()
    assert again.library.briefs[0] == good


def test_a_brief_broken_from_the_start_is_shown_broken(example: Path) -> None:
    file = example / FILE
    file.write_text(file.read_text().replace("claims:\n", "claims:\n  - id: [unclosed\n", 1))
    built = Reloader(resolve(example), cache=False).build()
    assert not built.library.briefs[0].ok and built.stand_ins == frozenset()


def test_added_and_removed_briefs_are_listed_again(two_briefs: Path) -> None:
    ws = resolve(two_briefs)
    (two_briefs / "briefs" / "other.md").unlink()
    (two_briefs / "briefs" / "more").mkdir()
    (two_briefs / "briefs" / "more" / "x.md").write_text("---\nid: x\ntitle: X\n---\n")
    assert sorted(ws.rel(f) for f in rescan(ws).files) == ["briefs/more/x.md", FILE]
    # A brief opened by name that was deleted: the rest of the workspace is still listed.
    one = resolve(two_briefs / FILE)
    (two_briefs / FILE).unlink()
    assert [one.rel(f) for f in rescan(one).files] == ["briefs/more/x.md"]
