"""Whatever bytes or YAML-shaped data a brief holds, the loader returns briefs and problems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.load.brief import load_brief
from tui.load.library import load_library
from tui.model import Brief, Library, Problem

FIELDS = [
    "brief",
    "id",
    "title",
    "date",
    "tags",
    "bluf",
    "seeds",
    "sources",
    "claims",
    "xrefs",
    "name",
    "text",
    "source",
    "quote",
    "seed",
    "credibility",
    "reliability",
    "from",
    "to",
    "rel",
    "path",
    "role",
    "note",
    "confidence",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["NO", "8:30", "0777", "A", "x#y"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=5),
    ),
    max_leaves=25,
)
documents = st.dictionaries(st.sampled_from(FIELDS), values, max_size=10)

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def check(library: Library) -> None:
    assert all(isinstance(b, Brief) for b in library.briefs)
    assert all(isinstance(p, Problem) for p in library.problems)
    for problem in library.problems:
        assert problem.pos.line >= 1 and problem.pos.col >= 1


@SETTINGS
@given(text=st.text(max_size=400))
def test_any_text(tmp_path: Path, text: str) -> None:
    file = tmp_path / "briefs" / "x.md"
    file.parent.mkdir(exist_ok=True)
    file.write_text("---\n" + text, encoding="utf-8", errors="surrogatepass")
    check(load_library(tmp_path))


@SETTINGS
@given(data=st.binary(max_size=300))
def test_any_bytes(tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes(data)
    located = load_brief(file, "x.yaml")
    assert isinstance(located.brief, Brief)


@SETTINGS
@given(doc=documents, body=st.text(max_size=80))
def test_yaml_shaped_data(tmp_path: Path, doc: dict[str, object], body: str) -> None:
    file = tmp_path / "briefs" / "x.md"
    file.parent.mkdir(exist_ok=True)
    front = yaml.safe_dump(doc, allow_unicode=True)
    file.write_text(f"---\n{front}---\n{body}", encoding="utf-8", errors="surrogatepass")
    check(load_library(tmp_path))
