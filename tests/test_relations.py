"""The one list of relations (`tui.model.RELATIONS`) is what the schema, the docs, the query
language and the themes say."""

from __future__ import annotations

import re
import typing

from tui.app.render.claims import REL_STYLE
from tui.app.themes import APP_VARIABLES
from tui.load.schema import json_schema
from tui.model import RELATIONS, Relation

from .conftest import ROOT


def test_the_literal_and_the_mapping_agree() -> None:
    assert list(typing.get_args(Relation)) == list(RELATIONS)


def test_schema_enum_is_the_list() -> None:
    xref = json_schema()["$defs"]["XrefSpec"]  # type: ignore[index]
    assert xref["properties"]["rel"]["enum"] == list(RELATIONS)


def test_format_doc_lists_each_relation_and_its_reading() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z]+)` \| ([a-z ]+) \|", text, flags=re.MULTILINE)
    documented = {rel: back for rel, back in rows if rel in RELATIONS or back.endswith(" by")}
    assert documented == dict(RELATIONS)


def test_search_doc_lists_the_relations() -> None:
    text = (ROOT / "docs" / "search.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("| `rel:"))
    assert re.findall(r"`([a-z]+)`", line.split("either direction:")[1]) == list(RELATIONS)


def test_themes_and_styles_cover_every_relation() -> None:
    assert set(REL_STYLE) == set(RELATIONS)
    assert {f"brief-rel-{rel}" for rel in RELATIONS} <= set(APP_VARIABLES)
