"""Claims by key, links and a cached brief's seeds, sources and claims are made when first read
(issue 12), the same as made at once."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from bench.generate import make_workspace
from tui.deferred import Deferred, peek
from tui.load.lazy import ClaimsByKey, LazyMap
from tui.load.library import build
from tui.load.workspace import resolve
from tui.model import ClaimKey, Library
from tui.search.index import SearchIndex


def test_a_load_makes_neither_claims_by_key_nor_links(example: Path) -> None:
    library = build(resolve(example), cache=False)
    assert isinstance(library.claims, ClaimsByKey) and isinstance(library.links, LazyMap)
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


def warm(root: Path) -> Library:
    """The library as a second load reads it: every brief from the parse cache."""
    build(resolve(root))
    return build(resolve(root))


def deferred(library: Library) -> list[Deferred[Any]]:
    return [
        items
        for b in library.briefs
        for items in (b.seeds, b.sources, b.claims, b.xrefs)
        if isinstance(items, Deferred)
    ]


def test_a_cached_brief_keeps_its_items_as_bytes_until_read(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 12, 6)
    library = warm(root)
    lazy = deferred(library)
    assert len(lazy) == 4 * len(library.briefs)
    # What the list, the checks across briefs, the links and the search index read leaves
    # every item as bytes.
    assert sum(len(b.claims) for b in library.briefs) == len(library.claims) > 0
    assert all(b.claim_ids() and b.seed_paths() for b in library.briefs)
    assert all(b.xref_ids() for b in library.briefs)
    assert not any(items.made for items in lazy)
    # The links make cross-references (a link holds one), and nothing else.
    assert sum(len(v) for v in library.links.values()) > 0
    made = [items for items in lazy if items.made]
    xrefs = {id(b.xrefs) for b in library.briefs}
    assert made and all(id(items) in xrefs for items in made)
    index = SearchIndex.build(library)
    assert len(index) == len(library.claims)
    assert index.search("the").found.len() > 0
    lazy = [items for items in lazy if not items.made]
    assert not any(items.made for items in lazy)
    # Reading one claim by key makes its brief's claims, and no other brief's.
    key = next(iter(library.claims))
    claim = library.claims[key]
    assert claim.key == key
    brief = library.brief(key.brief)
    assert brief is not None and isinstance(brief.claims, Deferred) and brief.claims.made
    assert claim in brief.claims and brief.claims.data() is None
    assert sum(items.made for items in lazy) == 1
    # The index's claims are the library's, by identity.
    number = index.keys.index(key)
    assert index.claims[number] is claim
    assert index.sources[number] == brief.source(claim.source)


def test_a_cached_brief_reads_as_one_read_from_its_file(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 12, 6)
    fresh = build(resolve(root), cache=False)
    cached = warm(root)
    assert [b.claim_ids() for b in cached.briefs] == [b.claim_ids() for b in fresh.briefs]
    assert [b.seed_paths() for b in cached.briefs] == [b.seed_paths() for b in fresh.briefs]
    assert [b.xref_ids() for b in cached.briefs] == [b.xref_ids() for b in fresh.briefs]
    assert [b.xref_ends() for b in cached.briefs] == [b.xref_ends() for b in fresh.briefs]
    for was, now in zip(fresh.briefs, cached.briefs, strict=True):
        assert tuple(now.claims) == tuple(was.claims) and now.claims == was.claims
        assert tuple(now.seeds) == tuple(was.seeds) and tuple(now.sources) == tuple(was.sources)
        assert tuple(now.xrefs) == tuple(was.xrefs)
        assert now.claims_by_source() == was.claims_by_source()
        assert hash(now) == hash(was) and now == was


def test_a_peek_makes_objects_it_does_not_keep(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", 2, 6)
    brief = warm(root).briefs[0]
    claims = brief.claims
    assert isinstance(claims, Deferred)
    once, twice = peek(claims), peek(claims)
    assert once == twice and once[0] is not twice[0] and not claims.made
    made = claims.items()
    assert peek(claims) is made and claims[0] is made[0] and list(claims) == list(made)


def test_deferred_items_are_made_once_whichever_thread_reads_first() -> None:
    calls: list[int] = []
    gate = threading.Event()

    def make(data: bytes) -> tuple[object, ...]:
        calls.append(1)
        gate.wait(5)
        return tuple(object() for _ in data)

    items: Deferred[object] = Deferred(b"abc", make, ("a", "b", "c"))
    assert len(items) == 3 and items and not items.made
    seen: list[object] = []
    readers = [threading.Thread(target=lambda: seen.append(items[0])) for _ in range(4)]
    for reader in readers:
        reader.start()
    gate.set()
    for reader in readers:
        reader.join(5)
    assert calls == [1] and len(seen) == 4 and all(s is seen[0] for s in seen)


def test_a_brief_read_from_its_file_keeps_its_items_as_bytes_too(tmp_path: Path) -> None:
    """Read in this process, with or without the cache, a brief holds no more than one served
    from the cache."""
    root = make_workspace(tmp_path / "ws", 6, 6)
    for library in (build(resolve(root), cache=False), build(resolve(root))):
        lazy = deferred(library)
        assert len(lazy) == 4 * len(library.briefs)
        assert not any(items.made for items in lazy)
        assert all(len(b.claims) == len(peek(b.claims)) > 0 for b in library.briefs)
