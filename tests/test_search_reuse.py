"""Whatever was searched before, an index answers a query as a fresh index does.

The index keeps the steps of its last search and starts the next one from them; these tests type,
backspace, paste and edit random queries against one index and compare every answer with that of
an index that has never searched.
"""

from __future__ import annotations

import re
from functools import cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.load.library import load_library
from tui.model import ClaimKey
from tui.search import QueryError, SearchIndex
from tui.text import fold

from .conftest import ROOT

LIBRARY = load_library(ROOT / "briefs")

WORDS = sorted(
    {w for c in LIBRARY.claims.values() for w in re.findall(r"\w+", fold(f"{c.text} {c.note}"))}
    | {"troopsx", "zzz", "ＫＵＲＳＫ", "russia’s", "north-korea"}
)
SOURCES = sorted({w for b in LIBRARY.briefs for s in b.sources for w in (s.id, *s.name.split())})
TAGS = sorted({t for c in LIBRARY.claims.values() for t in c.tags} | set(LIBRARY.briefs[0].tags))
MARKS = {"blinken-8000": ("reviewed", False), "rutte-kursk": ("stale", True)}


REVIEWERS = {
    "blinken-8000": ("me", ("Ana",)),
    "rutte-kursk": (None, ("ana-maria", "Bo")),
    "isw-losses": ("me", ()),
}


def status_of(key: ClaimKey) -> tuple[str, bool]:
    return MARKS.get(key.claim, ("unreviewed", False))


def reviewers_of(key: ClaimKey) -> tuple[str | None, tuple[str, ...]]:
    return REVIEWERS.get(key.claim, (None, ()))


Outcome = tuple[object, ...]


def outcome(index: SearchIndex, query: str) -> Outcome:
    """The error, or the total and every hit (key, score, highlight spans) in rank order."""
    try:
        results = index.search(query, status_of, reviewers_of)
    except QueryError as exc:
        return ("error", exc.message, exc.position)
    return ("found", results.total, tuple(results))


@cache
def fresh(query: str) -> Outcome:
    return outcome(SearchIndex.build(LIBRARY), query)


def check(index: SearchIndex, query: str) -> None:
    assert outcome(index, query) == fresh(query), f"after the previous searches: {query!r}"


def cut(text: str, length: int) -> str:
    return text[: max(1, length)]


words = st.sampled_from(WORDS)
partial = st.builds(cut, words, st.integers(1, 8)) | words
term = st.one_of(
    partial,
    partial.map(lambda w: "-" + w),
    st.lists(words, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
    st.builds(
        lambda neg, name, value: f"{neg}{name}:{value}",
        st.sampled_from(["", "-"]),
        st.sampled_from(["source", "tag", "brief"]),
        st.one_of(
            st.builds(
                cut, st.sampled_from(SOURCES + TAGS + ["nk-troops", "zz"]), st.integers(1, 8)
            ),
            st.just('"Mark Rutte"'),
        ),
    ),
    st.sampled_from(["", "-"]).flatmap(
        lambda neg: st.sampled_from(
            [
                "rel:contradicts",
                "rel:contra",
                "rel:cites",
                "rel:corroborates",
                "rel:c",  # ambiguous: an error
                "cred:2",
                "cred:<=2",
                "cred:>=3",
                "cred:2,3",
                "cred:9",  # an error
                "reliability:B",
                "reliability:<=B",
                "reliability:c",
                "date:2024-11",
                "date:>=2024-11-02",
                "date:<2024-11-04",
                "date:2024",
                "date:9999-12",
                "is:reviewed",
                "is:unreviewed",
                "is:flagged",
                "is:stale",
                "is:reviewed-by-others",
                "is:rev",
                "by:a",
                "by:an",
                "by:ana",
                "by:ana-",
                "by:BO",
                "by:m",
                "by:x",
                "foo:bar",  # an error
            ]
        ).map(lambda q: neg + q)
    ),
)


@st.composite
def sessions(draw: st.DrawFn) -> list[tuple[str, bool]]:
    """Queries in the order searched, each typed (True) from the one before or pasted (False).

    Each query is the one before with one term replaced, inserted or removed, or a new one, so
    later terms often stay while earlier ones change.
    """
    terms = draw(st.lists(term, min_size=1, max_size=4))
    out = [(" ".join(terms), draw(st.booleans()))]
    for _ in range(draw(st.integers(1, 6))):
        edit = draw(st.sampled_from(["replace", "insert", "remove", "new"]))
        at = draw(st.integers(0, len(terms)))
        if edit == "replace" and terms:
            terms[min(at, len(terms) - 1)] = draw(term)
        elif edit == "insert":
            terms.insert(at, draw(term))
        elif edit == "remove" and terms:
            del terms[min(at, len(terms) - 1)]
        else:
            terms = draw(st.lists(term, min_size=1, max_size=4))
        out.append((" ".join(terms), draw(st.booleans())))
    return out


def keystrokes(before: str, after: str) -> list[str]:
    """What the search sees while `before` is backspaced to what it shares with `after`, and
    the rest of `after` typed."""
    common = next(
        (i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b),
        min(len(before), len(after)),
    )
    back = [before[:i] for i in range(len(before) - 1, common - 1, -1)]
    return back + [after[:i] for i in range(common + 1, len(after) + 1)]


@settings(max_examples=150, deadline=None)
@example([("kursk troopsx", True), ("russia troopsx", False)])
@example([("kursk troops", False), ("russia troops", False)])
@example([("north source:i", True), ("north source:is", True)])
@example([("tag:ro", False), ("tag:tro", False)])
@given(sessions())
def test_every_answer_is_a_fresh_answer(session: list[tuple[str, bool]]) -> None:
    index = SearchIndex.build(LIBRARY)
    typed_so_far = ""
    for query, typed in session:
        for seen in keystrokes(typed_so_far, query) if typed else [query]:
            check(index, seen)
        typed_so_far = query


def test_a_changed_word_is_not_reused() -> None:
    # The second query shares its last word with the first: the claims found for it after
    # `kursk` must not be reused after `russia`.
    for before, after in [
        ("kursk troopsx", "russia troopsx"),
        ("kursk troops", "russia troops"),
        ("russia troops", "kursk troops"),
        ("kursk troops -north", "russia troops -north"),
    ]:
        index = SearchIndex.build(LIBRARY)
        check(index, before)
        check(index, after)
    index = SearchIndex.build(LIBRARY)
    check(index, "kursk troops")
    # Editing the first word in place, one keystroke at a time.
    for query in ("ursk troops", "rsk troops", " troops", "r troops", "ru troops", "russia troops"):
        check(index, query)


def test_narrowing_a_qualifier_keeps_the_scores_and_the_tag_prefix() -> None:
    index = SearchIndex.build(LIBRARY)
    check(index, "north source:i")
    check(index, "north source:is")  # scores of `north` stay
    assert SearchIndex.build(LIBRARY).search("north source:is")[0].score == 8
    check(index, "tag:ro")
    check(index, "tag:tro")  # `tro` is not a narrower `ro`: tags begin with the value
    assert SearchIndex.build(LIBRARY).search("tag:tro").total == 3
