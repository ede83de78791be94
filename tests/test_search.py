"""Search: the query language, matching, ranking, `is:` and `brief search`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.load.library import load_library
from tui.model import ClaimKey
from tui.search import MAX_CHARS, MAX_TERMS, QueryError, SearchIndex, parse
from tui.search.query import CredStep, DateStep

from .conftest import ROOT

EX = "nk-troops-russia-2024-11"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    """The bundled example, indexed once for the module."""
    return SearchIndex.build(load_library(ROOT / "briefs"))


@pytest.fixture
def two(two_briefs: Path) -> SearchIndex:
    """The example plus conftest's `other` brief (dated 2024-10-01, one corroborating claim)."""
    return SearchIndex.build(load_library(two_briefs))


def ids(index: SearchIndex, query: str, **kwargs: object) -> list[str]:
    results = index.search(query, **kwargs)  # type: ignore[arg-type]
    return [hit.key.claim for hit in results]


def test_words_are_anded(index: SearchIndex) -> None:
    assert ids(index, "kursk") == ["blinken-8000", "rutte-kursk"]
    assert ids(index, "kursk stationed") == ["rutte-kursk"]
    assert ids(index, "kursk zzz") == []


def test_phrase_and_exclusion(index: SearchIndex) -> None:
    assert set(ids(index, '"training camps"')) == {"zelensky-3000"}
    # As separate words both still hit the same claim; as a phrase the order matters.
    assert ids(index, '"camps training"') == []
    assert "rutte-kursk" not in ids(index, "kursk -stationed")
    assert ids(index, "kursk -stationed") == ["blinken-8000"]
    # An unclosed phrase (still being typed) runs to the end.
    assert ids(index, '"training cam') == ["zelensky-3000"]


def test_fields_searched(index: SearchIndex) -> None:
    assert ids(index, "KBS") == ["zelensky-mobilization"]  # note
    assert "isw-lavrov-cho" in ids(index, "head of the north korean foreign ministry")  # quote
    assert ids(index, "troop-numbers") == ["blinken-8000", "zelensky-3000", "zelensky-12000"]
    assert set(ids(index, "secretary general")) == {"rutte-involvement", "rutte-kursk"}  # role
    assert len(ids(index, "refuse")) == 12  # brief title


def test_folding(index: SearchIndex) -> None:
    expected = ["blinken-8000", "rutte-kursk"]
    assert ids(index, "ＫＵＲＳＫ") == expected
    assert ids(index, "KuRsK") == expected
    assert ids(index, "kur\u200bsk") == expected
    assert ids(index, "ku\u2066rsk") == expected
    assert ids(index, "russia’s kursk") == ["rutte-kursk"]
    assert ids(index, "“stationed in russia's”") == ["rutte-kursk"]


def test_qualifier_source_and_brief(index: SearchIndex, two: SearchIndex) -> None:
    assert ids(index, "source:rutte") == ["rutte-involvement", "rutte-kursk"]
    assert ids(index, 'source:"Mark Rutte"') == ["rutte-involvement", "rutte-kursk"]
    assert ids(index, "source:kyslytsya") == ["kyslytsya-november"]
    assert ids(index, "source:ISW") == [
        "isw-losses",
        "isw-not-compensate",
        "isw-kim-ordered",
        "isw-manpower",
        "isw-lavrov-cho",
    ]
    assert ids(two, "brief:other") == ["seen"]
    assert ids(two, 'brief:"follow-up on"') == ["seen"]
    assert len(ids(two, f"-brief:{EX}")) == 1


def test_qualifier_tag(index: SearchIndex, two: SearchIndex) -> None:
    assert ids(index, "tag:training") == ["zelensky-3000"]
    assert set(ids(index, "tag:troop")) == {"blinken-8000", "zelensky-3000", "zelensky-12000"}
    # Brief tags count: every example claim is under a brief tagged kursk.
    assert len(ids(index, "tag:kursk")) == 12
    assert ids(two, "-tag:kursk") == ["seen"]


def test_qualifier_rel(index: SearchIndex) -> None:
    assert ids(index, "rel:contradicts") == ["blinken-8000", "zelensky-3000"]
    assert ids(index, "rel:cites") == ["isw-kim-ordered", "isw-lavrov-cho"]  # newest first
    assert ids(index, "rel:contra") == ids(index, "rel:contradicts")  # a unique beginning
    assert "blinken-8000" not in ids(index, "-rel:contradicts")


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("cred:2", 6),
        ("cred:=3", 6),
        ("cred:<=2", 6),
        ("cred:<3", 6),
        ("cred:>=3", 6),
        ("cred:>2", 6),
        ("cred:1", 0),
        ("cred:2,3", 12),
        ("-cred:2", 6),
    ],
)
def test_qualifier_cred(index: SearchIndex, query: str, count: int) -> None:
    assert len(index.search(query)) == count


def test_cred_values(index: SearchIndex) -> None:
    assert all(
        index.claims[index.keys.index(h.key)].credibility == 2 for h in index.search("cred:<3")
    )


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("reliability:B", 8),
        ("reliability:C", 4),
        ("reliability:A", 0),
        ("reliability:a,c", 4),
        ("reliability:<=B", 8),
        ("reliability:>B", 4),
        ("-reliability:C", 8),
    ],
)
def test_qualifier_reliability(index: SearchIndex, query: str, count: int) -> None:
    assert len(index.search(query)) == count


def test_qualifier_date(two: SearchIndex) -> None:
    # isw-lavrov-cho is dated 2024-11-01; the others fall back to their brief's date.
    assert ids(two, "date:2024-11-01") == ["isw-lavrov-cho"]
    assert ids(two, "date:<2024-11-01") == ["seen"]
    assert ids(two, "date:<=2024-11-01") == ["isw-lavrov-cho", "seen"]
    assert len(ids(two, "date:>=2024-11-01")) == 12
    assert len(ids(two, "date:>2024-11-01")) == 11
    assert ids(two, "date:2024-10") == ["seen"]
    assert len(ids(two, "date:2024")) == 13
    assert ids(two, "date:2023") == []
    assert ids(two, "-date:2024-11") == ["seen"]


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("9999-12", date(9999, 12, 1), date.max),
        ("9999-12-31", date.max, date.max),
        ("9999", date(9999, 1, 1), date.max),
        ("0001-01", date.min, date(1, 1, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
        ("2024-12", date(2024, 12, 1), date(2024, 12, 31)),
        (">=9999-12", date(9999, 12, 1), date.max),
        ("<=9999-12", date.min, date.max),
        ("<9999-12", date.min, date(9999, 11, 30)),
    ],
)
def test_date_periods_up_to_the_last_day(value: str, first: date, last: date) -> None:
    (step,) = parse(f"date:{value}").steps
    assert isinstance(step, DateStep)
    assert (step.low, step.high) == (first.toordinal(), last.toordinal())


def test_dates_at_the_ends_of_the_calendar(two: SearchIndex) -> None:
    for query in ("date:9999-12", "date:9999-12-31", "date:9999", "date:>=9999-12"):
        assert ids(two, query) == []
    # Nothing is after the last day or before the first: no error, no claim.
    assert ids(two, "date:>9999-12-31") == []
    assert ids(two, "date:<0001-01-01") == []
    assert len(ids(two, "date:<=9999-12")) == 13
    assert len(ids(two, "-date:9999-12")) == 13
    for bad in ("date:0000", "date:9999-13", "date:9999-12-32", "date:10000"):
        with pytest.raises(QueryError, match="date: expects a date"):
            two.search(bad)


def test_a_query_of_too_many_terms_is_refused(index: SearchIndex) -> None:
    terms = " ".join("abcdefghij"[i % 10] for i in range(5_000))
    with pytest.raises(QueryError) as caught:
        index.search(terms)
    assert caught.value.message == (
        f"query too long: at most {MAX_TERMS} terms (words, phrases and qualifiers)"
    )
    assert caught.value.position == 2 * MAX_TERMS  # where the first term too many begins
    # Exactly the limit is fine, whatever the terms.
    assert len(index.search(" ".join(["kursk"] * MAX_TERMS))) == 2
    assert len(index.search(" ".join(["-zzz"] * (MAX_TERMS - 1) + ["is:unreviewed"]))) == 12
    with pytest.raises(QueryError, match="at most 64 terms"):
        index.search(" ".join(["-zzz"] * MAX_TERMS + ["cred:2"]))


def test_a_huge_paste_is_refused_at_once(index: SearchIndex) -> None:
    for pasted in ("x" * 600_000, "kursk " * 100_000, '"' * 600_000, "-" * 600_000):
        with pytest.raises(QueryError) as caught:
            index.search(pasted)
        assert caught.value.message == f"query too long: at most {MAX_CHARS:,} characters"
        assert caught.value.position == MAX_CHARS
    # A pasted paragraph as one phrase, up to the limit, is searched.
    assert len(index.search('"' + "x" * (MAX_CHARS - 1))) == 0
    assert len(index.search("kursk")) == 2  # and the index goes on as before


def test_the_docs_give_the_limits() -> None:
    text = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    assert f"at most {MAX_CHARS:,} characters and {MAX_TERMS} terms" in text


def test_is_with_status(index: SearchIndex) -> None:
    states = {
        "blinken-8000": ("reviewed", False),
        "rutte-kursk": ("stale", True),
        "zelensky-3000": ("reviewed", True),
    }

    def status_of(key: ClaimKey) -> tuple[str, bool]:
        return states.get(key.claim, ("unreviewed", False))

    assert ids(index, "is:reviewed", status_of=status_of) == ["blinken-8000", "zelensky-3000"]
    assert ids(index, "is:stale", status_of=status_of) == ["rutte-kursk"]
    assert ids(index, "is:flagged", status_of=status_of) == ["zelensky-3000", "rutte-kursk"]
    assert len(ids(index, "is:unreviewed", status_of=status_of)) == 9
    assert ids(index, "kursk is:unreviewed", status_of=status_of) == []
    assert ids(index, "kursk -is:reviewed", status_of=status_of) == ["rutte-kursk"]
    # Without a store every claim is unreviewed and none is flagged.
    assert len(ids(index, "is:unreviewed")) == 12
    assert ids(index, "is:flagged") == []


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ("kursk foo:bar", "unknown qualifier `foo:`; known: source, brief, tag, rel, cred", 6),
        ("cred:9", "cred: expects a number 1-6, e.g. cred:<=3", 5),
        ("cred:<=x", "cred: expects a number 1-6", 5),
        ("cred:", "cred: expects a number 1-6", 5),
        ("reliability:G", "reliability: expects a letter A-F", 12),
        ("date:2024-13-01", "date: expects a date YYYY-MM-DD", 5),
        ("date:yesterday", "date: expects a date YYYY-MM-DD", 5),
        ("rel:friends", "rel: expects one of corroborates, contradicts", 4),
        ("rel:c", "rel: expects one of", 4),  # ambiguous
        ("is:done", "is: expects one of reviewed, unreviewed, flagged, stale", 3),
        ("source:", "source: expects a value", 7),
        ('-tag:""', "tag: expects a value", 5),
    ],
)
def test_bad_queries(index: SearchIndex, query: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        index.search(query)
    assert caught.value.message.startswith(message)
    assert caught.value.position == position
    assert f"column {position + 1}" in str(caught.value)


def test_lenient_while_typing(index: SearchIndex) -> None:
    assert len(index.search("-")) == 12  # a lone minus is a word being typed
    assert len(index.search("kursk -")) == 2
    assert len(index.search("   ")) == 12
    assert len(index.search("8:00")) == 0  # not a qualifier: digits before the colon
    assert ids(index, '"source: x"') == []  # quoted, a qualifier name is plain text


def test_parse_steps() -> None:
    query = parse('Kursk -"Mark Rutte" -tag:x cred:<=2 is:stale')
    assert [(s.kind, s.negate) for s in query.steps] == [
        ("word", False),
        ("word", True),
        ("tag", True),
        ("cred", False),
        ("is", False),
    ]
    assert query.words == ("kursk",)
    cred = query.steps[3]
    assert isinstance(cred, CredStep)
    assert cred.values == frozenset({1, 2})


def test_ranking(index: SearchIndex) -> None:
    results = index.search("manpower")
    # isw-manpower says it in its text (8 + tag 4); zelensky-mobilization only in a tag (4).
    assert [h.key.claim for h in results] == ["isw-manpower", "zelensky-mobilization"]
    assert [h.score for h in results] == [8, 4]
    # Equal scores: newest first; the 2024-11-04 claims before Lavrov–Cho's 2024-11-01.
    kim = ids(index, "cho son hui")
    assert kim == ["isw-kim-ordered", "isw-lavrov-cho"]
    lavrov_first = ids(index, "lavrov")
    assert lavrov_first == ["isw-lavrov-cho"]


def test_ranking_date_tiebreak(two: SearchIndex) -> None:
    # Both mention Kursk in their text; the example brief is newer than `other`.
    assert ids(two, "kursk")[-1] == "seen"
    assert [h.key.brief for h in two.search("convoys")] == ["other"]


def test_spans_highlight_original_text(index: SearchIndex) -> None:
    hit = index.search("ＫＵＲＳＫ personnel").page(0, 1)[0]
    claim = index.claims[index.keys.index(hit.key)]
    assert [claim.text[s:e] for s, e in hit.spans] == ["personnel", "Kursk"]


def test_pages_are_lazy_and_consistent(index: SearchIndex) -> None:
    results = index.search("north")
    every = [h.key for h in results]
    assert len(every) == results.total > 5
    again = index.search("north")
    assert [again.key(i) for i in range(3)] == every[:3]
    assert again.page(3, 100) == list(results)[3:]


def test_narrowing_gives_the_same_as_fresh(index: SearchIndex) -> None:
    fresh = SearchIndex.build(load_library(ROOT / "briefs"))
    for typed in ("k", "ku", "kur", "kurs", "kursk", "kursk ", "kursk s", "kursk st", "kursk"):
        index.search(typed)
    for query in ("kursk st", "troops -north", "north korean"):
        index.search(query[:-1])
        assert [h.key for h in index.search(query)] == [h.key for h in fresh.search(query)]


def test_the_language_loads_without_polars() -> None:
    # `tui.search` and its query language load without polars (the index brings it in on first
    # use), so checking a query costs no DataFrame library.
    code = (
        "import sys\n"
        "import tui.search, tui.search.query\n"
        "from tui.search import QueryError, StatusOf, parse\n"
        "parse('kursk cred:<=2')\n"
        "print('polars' in sys.modules)\n"
        "from tui.search import SearchIndex\n"
        "print('polars' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == ["False", "True"]


# -- brief search --------------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_cli_text(example: Path) -> None:
    code, out, _ = run("search", "kursk", str(example))
    assert code == 0
    assert out.splitlines() == [
        f"{EX}#blinken-8000  Antony Blinken  Up to 8,000 North Korean military personnel have "
        "been relocated to the Kursk region.",
        f"{EX}#rutte-kursk  Mark Rutte  North Korean military personnel are stationed in "
        "Russia's Kursk region.",
    ]


def test_cli_json(example: Path) -> None:
    code, out, _ = run("search", "source:rutte", str(example), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["claim"] for r in rows] == ["rutte-involvement", "rutte-kursk"]
    assert rows[0]["brief"] == EX
    assert rows[0]["source"] == "Mark Rutte"
    assert rows[0]["text"].startswith("Russia has involved")
    assert rows[0]["score"] == 0


def test_cli_no_match(example: Path) -> None:
    code, out, _ = run("search", "nothing-like-this", str(example))
    assert (code, out) == (1, "")
    code, out, _ = run("search", "nothing-like-this", str(example), "--format", "json")
    assert (code, json.loads(out)) == (1, [])


def test_cli_bad_query(example: Path) -> None:
    code, out, err = run("search", "kursk cred:9", str(example))
    assert code == 2
    assert out == ""
    assert "bad query at column 12: cred: expects a number 1-6" in err
    assert err.splitlines()[1:] == ["  kursk cred:9", "             ^"]


def test_cli_bad_query_in_a_long_paste_is_echoed_around_the_fault(example: Path) -> None:
    code, _, err = run("search", "word " * 30 + "cred:9 " + "y" * 5000, str(example))
    assert code == 2
    echoed, caret = err.splitlines()[1:]
    assert len(echoed) < 100 and echoed.startswith("  …")
    assert echoed[caret.index("^") - 5 :].startswith("cred:9")  # the caret is under the value


def test_an_index_built_in_pieces_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims go into polars a few thousand at a time (issue 12): the same hits, in the same
    order, as in one piece."""
    from bench.generate import make_workspace
    from tui.search import index as index_module

    library = load_library(make_workspace(tmp_path / "gen", 12, 10), cache=False)
    whole = SearchIndex.build(library)
    monkeypatch.setattr(index_module, "FRAME_EVERY", 7)
    pieces = SearchIndex.build(library)
    assert len(whole) == len(pieces) > 100
    for query in ("a", "e -zzqx", "cred:<=3", "rel:corroborates", "tag:a", "date:>=2000"):
        found = [h.key for h in whole.search(query)]
        assert found == [h.key for h in pieces.search(query)]
        assert found or query.startswith(("rel:", "tag:")), query  # something was compared
