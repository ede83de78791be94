"""The library filter's core (`tui.search.briefs`): which briefs a filter lets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.load.library import load_library
from tui.model import Library
from tui.search import QueryError, SearchIndex
from tui.search.briefs import SORTS, HasStep, LibraryFilter, Sort, ordered, parse_filter
from tui.search.query import DateStep, StateStep, TextStep

EX = "nk-troops-russia-2024-11"

WARNED = """\
---
brief: 1
id: warned
title: Supply lines near Belgorod
tags: [logistics]
sources:
  - id: s
    name: Some Source
claims:
  - id: c
    source: s
    text: Rail traffic doubled in a week.
    colour: grey
---
No summary to speak of.
"""
"""An undated brief with a warning (an unknown field) and no cross-reference."""


@pytest.fixture
def library(two_briefs: Path) -> Library:
    """The example (2024-11-04, tagged, contradictions), `other` (2024-10-01, one claim about
    convoys toward Kursk) and `warned` (undated, a warning)."""
    (two_briefs / "briefs" / "warned.md").write_text(WARNED, encoding="utf-8")
    return load_library(two_briefs)


@pytest.fixture
def lf(library: Library) -> LibraryFilter:
    return LibraryFilter(library, SearchIndex.build(library))


def shown(lf: LibraryFilter, text: str) -> list[str]:
    return [b.id for b in lf.run(text).briefs]


def test_the_fixture(library: Library) -> None:
    assert [b.id for b in library.briefs] == [EX, "other", "warned"]
    warned = library.brief("warned")
    assert warned is not None and warned.warnings and not warned.errors


def test_an_empty_filter_shows_every_brief_in_library_order(lf: LibraryFilter) -> None:
    assert shown(lf, "") == shown(lf, "   ") == [EX, "other", "warned"]
    assert lf.run("").claims == {}


def test_words_find_briefs_with_a_matching_claim_and_count_them(lf: LibraryFilter) -> None:
    assert shown(lf, "convoys") == ["other"]
    assert lf.run("convoys").claims == {"briefs/other.md": 1}
    # Both briefs have claims about Kursk; the example has two of them.
    found = lf.run("kursk")
    assert [b.id for b in found.briefs] == [EX, "other"]
    assert found.claims["briefs/other.md"] == 1 and found.claims["briefs/nk-troops-russia.md"] > 1
    assert shown(lf, "convoys -kursk") == []
    # `other`'s claim says convoys, but its title ("A follow-up on Kursk") has only kursk.
    assert shown(lf, "kursk -convoys") == [EX, "other"]
    assert lf.run("kursk -convoys").claims == {
        "briefs/nk-troops-russia.md": found.claims["briefs/nk-troops-russia.md"]
    }
    assert shown(lf, "zzzz") == []


def test_words_in_a_title_find_the_brief(lf: LibraryFilter, two_briefs: Path) -> None:
    # No claim of `warned` says Belgorod: its title does (the claim index searches it too).
    assert shown(lf, "belgorod") == ["warned"]
    # A brief without claims is found by its title, its BLUF or its tags.
    (two_briefs / "briefs" / "bare.md").write_text(
        "---\nbrief: 1\nid: bare\ntitle: Nothing claimed yet\ntags: [draft]\n"
        "bluf: Ports are quiet.\n---\n",
        encoding="utf-8",
    )
    library = load_library(two_briefs)
    bare = LibraryFilter(library, SearchIndex.build(library))
    for words in ("claimed", "ports quiet", "draft", "bare"):
        assert shown(bare, words) == ["bare"], words
    assert bare.run("claimed").claims == {}
    assert shown(bare, "claimed -quiet") == []


def test_claim_qualifiers(lf: LibraryFilter) -> None:
    assert shown(lf, "source:analyst") == ["other"]
    assert shown(lf, "source:blinken") == [EX]
    assert shown(lf, "rel:contradicts") == [EX]
    assert shown(lf, "cred:1,2") == [EX]


def test_tag_matches_the_brief_or_its_claims(lf: LibraryFilter) -> None:
    assert shown(lf, "tag:russia") == [EX]  # a tag of the brief
    assert shown(lf, "tag:logistics") == ["warned"]
    assert shown(lf, "tag:troop-numbers") == [EX]  # a tag of one of its claims
    assert shown(lf, "tag:rus") == [EX]  # tags begin so, as in search
    assert shown(lf, "tag:ussia") == []
    assert shown(lf, "-tag:russia") == ["other", "warned"]


def test_date_is_the_briefs_date(lf: LibraryFilter) -> None:
    assert shown(lf, "date:2024-11") == [EX]
    assert shown(lf, "date:<2024-11-01") == ["other"]
    assert shown(lf, "date:2024") == [EX, "other"]  # the undated brief never matches
    assert shown(lf, "-date:2024-11") == ["other", "warned"]


def test_has(lf: LibraryFilter) -> None:
    assert shown(lf, "has:problems") == ["warned"]
    assert shown(lf, "has:warnings") == ["warned"]
    assert shown(lf, "has:errors") == []
    assert shown(lf, "-has:problems") == [EX, "other"]
    assert shown(lf, "has:contradictions") == [EX]
    assert shown(lf, "has:contra") == [EX]  # a value may be cut short, as `rel:` may
    assert shown(lf, "has:problems rail") == ["warned"]
    assert shown(lf, "has:problems kursk") == []


def test_is_counts_the_briefs_items(library: Library) -> None:
    progress = {EX: (25, 25), "other": (1, 3), "warned": (0, 2)}
    lf = LibraryFilter(library, SearchIndex.build(library), progress.__getitem__)
    assert [b.id for b in lf.run("is:unreviewed").briefs] == ["other", "warned"]
    assert [b.id for b in lf.run("is:reviewed").briefs] == [EX]
    assert [b.id for b in lf.run("-is:unreviewed").briefs] == [EX]
    # Without review marks, every brief has items to review.
    bare = LibraryFilter(library, SearchIndex.build(library))
    assert [b.id for b in bare.run("is:unreviewed").briefs] == [EX, "other", "warned"]
    assert [b.id for b in bare.run("is:reviewed").briefs] == []


def test_other_states_are_tested_on_claims(library: Library) -> None:
    def status_of(key: object) -> tuple[str, bool]:
        return "reviewed", getattr(key, "claim", "") == "seen"

    lf = LibraryFilter(library, SearchIndex.build(library), status_of=status_of)
    assert [b.id for b in lf.run("is:flagged").briefs] == ["other"]


def test_parse_splits_brief_and_claim_terms() -> None:
    parsed = parse_filter('kursk tag:russia date:2024 is:unreviewed has:problems "a b" is:flagged')
    tag, date, state, has = parsed.brief_steps
    assert (tag, state, has) == (
        TextStep("tag", "russia"),
        StateStep("unreviewed"),
        HasStep("problems"),
    )
    assert isinstance(date, DateStep)
    assert [s.kind for s in parsed.claim_query.steps] == ["word", "word", "is"]
    assert not parse_filter("").brief_steps and parse_filter("").empty


def test_has_inside_quotes_is_text() -> None:
    parsed = parse_filter('"has:problems" source:"x has:errors"')
    assert parsed.brief_steps == ()
    assert [s.kind for s in parsed.claim_query.steps] == ["word", "source"]


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("has:", "has: expects one of contradictions, problems, errors, warnings", 5),
        ("kursk has:nothing", "has: expects one of", 11),
        ("nope:x", "unknown qualifier `nope:`", 1),
        ("tag:", "tag: expects a value", 5),
        ("date:yesterday", "date: expects a date", 6),
    ],
)
def test_invalid_filters_say_what_and_where(text: str, message: str, column: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse_filter(text)
    assert message in str(caught.value)
    assert caught.value.position + 1 == column
    if "unknown" in message:
        assert "has" in caught.value.message.split("known:")[1]


def test_without_an_index_claim_terms_match_titles_only(library: Library) -> None:
    lf = LibraryFilter(library, None)
    assert [b.id for b in lf.run("convoys").briefs] == []
    assert [b.id for b in lf.run("belgorod").briefs] == ["warned"]
    assert [b.id for b in lf.run("tag:russia").briefs] == [EX]


def test_warm_folds_every_brief_once(lf: LibraryFilter, library: Library) -> None:
    lf.warm()
    facts = [lf.facts(b) for b in library.briefs]
    assert all(lf.facts(b) is f for b, f in zip(library.briefs, facts, strict=True))


def test_ordered(library: Library) -> None:
    briefs = library.briefs  # newest first: the example, other, warned (undated)

    def order(sort: Sort, progress: dict[str, tuple[int, int]] | None = None) -> list[str]:
        return [b.id for b in ordered(briefs, sort, progress.__getitem__ if progress else None)]

    assert order("date") == [EX, "other", "warned"]
    assert order("title") == ["other", "warned", EX]  # A follow-up, Supply lines, Will North…
    assert order("problems") == ["warned", EX, "other"]  # ties keep library order
    progress = {EX: (5, 25), "other": (3, 3), "warned": (0, 2)}
    assert order("progress", progress) == ["warned", EX, "other"]
    # Same share reviewed: the one with more left to review first.
    assert order("progress", {EX: (0, 25), "other": (0, 3), "warned": (0, 2)}) == [
        EX,
        "other",
        "warned",
    ]
    assert order("progress") == [EX, "other", "warned"]
    assert SORTS[0] == "date" and set(SORTS) == {"date", "title", "progress", "problems"}
