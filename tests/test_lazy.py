"""Claims by key and links are made when first read (issue 12), the same as made at once."""

from __future__ import annotations

import threading
from pathlib import Path

from tui.load.lazy import LazyMap
from tui.load.library import build
from tui.load.workspace import resolve
from tui.model import ClaimKey


def test_a_load_makes_neither_claims_by_key_nor_links(example: Path) -> None:
    library = build(resolve(example), cache=False)
    assert isinstance(library.claims, LazyMap) and isinstance(library.links, LazyMap)
    assert "not made yet" in repr(library.claims) and "not made yet" in repr(library.links)
    # Read: every claim of the briefs is there by key, and the links of the example's
    # cross-references (both ends).
    every = {c.key: c for b in library.briefs for c in b.claims}
    assert dict(library.claims) == every
    declared = [x for b in library.briefs for x in b.xrefs]
    assert declared and sum(len(v) for v in library.links.values()) == 2 * len(declared)
    first = declared[0]
    assert any(link.xref == first for link in library.links_of(first.source))


def test_made_once_whichever_thread_reads_first() -> None:
    calls: list[int] = []
    gate = threading.Event()

    def make() -> dict[str, int]:
        calls.append(1)
        gate.wait(5)
        return {"a": 1}

    lazy: LazyMap[str, int] = LazyMap(make)
    readers = [threading.Thread(target=lambda: lazy.get("a")) for _ in range(4)]
    for reader in readers:
        reader.start()
    gate.set()
    for reader in readers:
        reader.join(5)
    assert calls == [1]
    assert lazy == {"a": 1} and lazy != {"a": 2} and "a" in lazy and len(lazy) == 1


def test_missing_keys(example: Path) -> None:
    library = build(resolve(example), cache=False)
    nowhere = ClaimKey("no-such-brief", "c1")
    assert library.claims.get(nowhere) is None and nowhere not in library.claims
    assert library.links_of(nowhere) == ()


def test_a_build_leaves_its_objects_old_or_frozen(example: Path) -> None:
    """The collector does not go through a new library at its next collection (issue 12)."""
    import gc

    gc.unfreeze()
    library = build(resolve(example), cache=False)
    assert gc.get_freeze_count() == 0  # made old, not frozen: they can still be collected
    oldest = gc.get_objects(generation=2)
    assert any(o is library.briefs[0] for o in oldest)
    del oldest
    try:
        build(resolve(example), cache=False, frozen=True)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert gc.isenabled()
