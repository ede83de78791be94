"""`brief schema` flags what `brief check` flags about fields.

An editor validates a brief by converting its YAML to JSON and checking it against the schema. That
must reject a file exactly when `brief check` reports a field-level problem for it: a wrong type,
value, id or length, a missing field, a missing or unsupported version, or an unknown field. An
unknown field is only a warning for the checker (the reader ignores it), but it is the typo an
editor should underline, so the schema flags it too.

Other problems are not the schema's business: YAML the reader refuses, seeds, quotes,
cross-references, ids across briefs, control characters. A file whose front matter PyYAML cannot
read as a mapping is not compared; the checker must refuse such a file while reading it.

YAML to JSON, as an editor does it: front matter with `yaml.safe_load`, then dates (which JSON does
not have) become their ISO text (`2024-11-04`), which is what they were written as and what a YAML
1.2 editor reads them as in the first place; a date and time becomes `2024-11-04 00:00:00`.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]

from tui.cli import main

from .conftest import FIXTURES, ROOT

FIELD_LEVEL = frozenset(
    {"invalid-field", "unknown-field", "missing-version", "unsupported-version"}
)
"""Codes of the problems the schema must flag too."""

READING = frozenset(
    {
        *("empty-file", "encoding", "file-too-large", "duplicate-key"),
        *("frontmatter-missing", "frontmatter-unclosed", "frontmatter-empty"),
        "frontmatter-not-mapping",
        *("yaml-alias", "yaml-char", "yaml-depth", "yaml-error", "yaml-key", "yaml-multi-doc"),
        *("yaml-syntax", "yaml-tab", "yaml-tag", "yaml-value"),
    }
)
"""Codes of problems found while reading the text and YAML, before any field is looked at."""

READ_FIRST = {
    "yaml-alias.md": "the checker refuses aliases before expanding them; PyYAML expands them",
}
"""Fixtures PyYAML reads but the checker refuses before looking at fields: nothing to compare."""

SCHEMA_FIXTURES = {
    "claim-field-typo.md": True,
    "top-field-unknown.md": True,
    "rel-not-allowed.md": True,
    "id-with-space.md": True,
    "claim-without-text.md": True,
    "title-too-long.md": True,
    "version-two.md": True,
    "credibility-text.md": True,
    "credibility-true.md": True,
    "credibility-float.md": False,
    "date-quoted.md": False,
    "date-impossible.md": True,
    "date-number.md": True,
    "date-number-text.md": True,
    "date-with-time.md": True,
    "lists-empty.md": False,
    "every-field.yaml": False,
}
"""tests/fixtures/schema: file -> rejected for a field-level reason (by both sides)."""

GOOD = [FIXTURES / "ws" / "briefs" / "good.md", *sorted((ROOT / "briefs").glob("*.md"))]
FILES = [
    *sorted((FIXTURES / "problems").iterdir()),
    *sorted((FIXTURES / "schema").iterdir()),
    *GOOD,
]


def brief_schema() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.output)
    return schema


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = brief_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """`brief check --format json` over one workspace holding every file: name -> codes."""
    assert sorted(p.name for p in (FIXTURES / "schema").iterdir()) == sorted(SCHEMA_FIXTURES)
    root = tmp_path_factory.mktemp("schema") / "ws"
    shutil.copytree(FIXTURES / "ws", root)
    shutil.copytree(ROOT / "seeds", root / "seeds", dirs_exist_ok=True)
    for file in FILES:
        target = root / "briefs" / file.name
        if file.parent != FIXTURES / "ws" / "briefs":
            assert not target.exists(), f"two files named {file.name}"
            shutil.copy(file, target)
    home = root.parent / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BRIEF_STATE", str(home / "review.db"))
        mp.setenv("BRIEF_CONFIG", str(home / "config.yaml"))
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        result = CliRunner().invoke(main, ["check", "--format", "json", str(root)])
    assert result.exit_code in (0, 1), result.output
    codes: dict[str, set[str]] = {file.name: set() for file in FILES}
    for row in json.loads(result.output):
        codes.setdefault(Path(row["path"]).name, set()).add(row["code"])
    return codes


class NotAMapping(Exception):
    """The file holds no YAML mapping PyYAML can read."""


def front_matter(file: Path) -> Any:
    """The YAML value of a brief: a `.md` file's front matter, a `.yaml` file's whole text."""
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise NotAMapping("not UTF-8") from exc
    if file.suffix == ".md":
        lines = text.split("\n")
        if lines[0].rstrip() != "---":
            raise NotAMapping("no front matter")
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
        if end is None:
            raise NotAMapping("front matter never closed")
        text = "\n".join(lines[1:end])
    try:
        value = yaml.safe_load(text)
    except Exception as exc:  # YAMLError, but also ValueError (huge ints), RecursionError
        raise NotAMapping(f"PyYAML: {type(exc).__name__}") from exc
    if not isinstance(value, dict):
        raise NotAMapping(f"a {type(value).__name__}, not a mapping")
    return value


def as_json(value: Any) -> Any:
    """A YAML value as the JSON an editor validates: dates as ISO text, keys as text."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def objects(node: Any) -> Iterator[dict[str, Any]]:
    """Every object schema in a JSON Schema."""
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            yield node
        for value in node.values():
            yield from objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from objects(value)


def test_every_object_is_closed() -> None:
    schema = brief_schema()
    found = list(objects(schema))
    assert len(found) == 5  # the brief, a seed, a source, a claim, a cross-reference
    for node in found:
        assert node.get("additionalProperties") is False, node.get("title")


def test_dates_are_iso_text() -> None:
    schema = brief_schema()
    claim = schema["$defs"]["ClaimSpec"]["properties"]["date"]["anyOf"]
    for date in (schema["properties"]["date"]["anyOf"][0], claim[0]):
        # The pattern is for validators that do not check formats; the format adds real days.
        assert date == {
            "type": "string",
            "format": "date",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        }
    assert claim[1] == {"type": "null"}


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_schema_rejects_what_check_rejects_at_field_level(
    file: Path, validator: Draft202012Validator, checked: dict[str, set[str]]
) -> None:
    codes = checked[file.name]
    field_level = codes & FIELD_LEVEL
    try:
        value = front_matter(file)
    except NotAMapping:
        # Nothing for the schema to see; the checker refuses the file while reading it.
        assert codes & READING and not field_level, codes
        return
    if file.name in READ_FIRST:
        assert codes & READING and not field_level, codes
        return
    errors = [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:120]}"
        for e in validator.iter_errors(as_json(value))
    ]
    assert bool(errors) == bool(field_level), f"check: {sorted(codes)}; schema: {errors}"
    if file.name in SCHEMA_FIXTURES:
        assert bool(field_level) is SCHEMA_FIXTURES[file.name], sorted(codes)
    if file in GOOD:
        assert codes == set()
