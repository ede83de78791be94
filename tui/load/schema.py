"""Briefing format v1 as validation models: the one definition that validates and that
`brief schema` exports as JSON Schema.

Types are strict so that YAML 1.1 conversions (`NO` -> false, `8:30` -> 510, `0777` -> 511) are
caught where text is expected instead of slipping through as the wrong value.

The exported schema flags what `brief check` reports about fields (tests/test_schema.py holds the
two to it): a file fails the schema exactly when the checker finds an `invalid-field`,
`unknown-field`, `missing-version` or `unsupported-version` problem in it. So every object in the
schema is closed (`additionalProperties: false`), although the models keep unknown fields: for the
checker an unknown field is a warning with a did-you-mean, and the reader ignores it; for an editor
it is the typo to underline. Problems that are not about one field (YAML the reader refuses, seeds,
quotes, cross-references, ids across briefs, control characters) are not in the schema.

Dates: the checker takes a YAML date (`date: 2024-11-04`) or text written YYYY-MM-DD that names a
real day (`date: "2024-11-04"`), and nothing else: not a date and time, not a number of seconds.
JSON has no date type, and an editor's YAML 1.2 reads `2024-11-04` as text anyway, so the schema
says `type: string, format: date` (with the YYYY-MM-DD pattern for validators that do not check
formats): a YAML date converted to JSON becomes its ISO text and passes.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from ..model import Relation

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*(#[A-Za-z0-9][A-Za-z0-9._-]*)?$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _date_or_iso_text(value: Any) -> Any:
    """Let through a date, or text written YYYY-MM-DD (parsed next): what the schema allows.

    Without this, pydantic's lax dates would also take a date and time at midnight and a number
    of seconds since 1970 (`date: 0` as 1970-01-01), which the schema cannot say and nobody means.
    """
    if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
        raise PydanticCustomError("date_type", "Input should be a date written YYYY-MM-DD")
    if isinstance(value, str) and not re.fullmatch(DATE_PATTERN, value):
        raise PydanticCustomError("date_parsing", "Input should be a date written YYYY-MM-DD")
    return value


def _admiralty_number(value: Any) -> Any:
    """Refuse `true`/`false` (pydantic's `Literal[1, ...]` takes true as 1); read 2.0 as 2.

    JSON Schema's integers hold 2.0 as well as 2, so the checker does the same.
    """
    if isinstance(value, bool):
        raise PydanticCustomError(
            "literal_error", "Input should be {expected}", {"expected": "1, 2, 3, 4, 5 or 6"}
        )
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=241)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Line = Annotated[str, StringConstraints(max_length=2_000)]
# A quoted "2024-11-04" is as clear as an unquoted one, so dates accept text too (see above).
Date = Annotated[
    dt.date,
    Strict(False),
    BeforeValidator(_date_or_iso_text),
    WithJsonSchema({"type": "string", "format": "date", "pattern": DATE_PATTERN}),
]

Reliability = Literal["A", "B", "C", "D", "E", "F"]
Credibility = Annotated[Literal[1, 2, 3, 4, 5, 6], BeforeValidator(_admiralty_number)]
Confidence = Literal["low", "moderate", "high"]


class _Spec(BaseModel):
    # Unknown fields are kept so the loader can warn with a did-you-mean instead of failing.
    model_config = ConfigDict(strict=True, extra="allow", frozen=True, populate_by_name=True)


class SeedSpec(_Spec):
    """A source document the brief quotes."""

    id: Slug = Field(description="Seed id, unique in the brief.")
    path: Line = Field(
        description="Path relative to the workspace root; must stay inside it.",
        min_length=1,
    )
    title: Line = Field("", description="Title of the document.")


class SourceSpec(_Spec):
    """Someone or something making claims."""

    id: Slug = Field(description="Source id, unique in the brief.")
    name: Line = Field(description="Display name.", min_length=1)
    role: Line = Field("", description="Role or title, e.g. 'US Secretary of State'.")
    kind: Line = Field("", description="Free text: person, government, media, think-tank, ...")
    url: Line = Field("", description="Where to read more; only http(s) links are opened.")
    reliability: Reliability | None = Field(
        None, description="Admiralty reliability: A completely reliable ... F cannot be judged."
    )
    note: str = Field("", description="Analyst's note on the source.")


class ClaimSpec(_Spec):
    """One thing a source says."""

    id: Slug = Field(description="Claim id, unique in the brief.")
    source: Slug = Field(description="Id of the source making the claim.")
    text: str = Field(description="The claim in the analyst's words.", min_length=1)
    quote: str = Field("", description="Exact words from the seed; checked against it.")
    seed: Slug | None = Field(None, description="Id of the seed holding the quote.")
    date: Date | None = Field(None, description="When the claim was made (YYYY-MM-DD).")
    credibility: Credibility | None = Field(
        None, description="Admiralty credibility: 1 confirmed ... 6 cannot be judged."
    )
    confidence: Confidence | None = Field(None, description="Analyst confidence.")
    tags: list[Tag] = Field(default_factory=list, description="Free tags.")
    note: str = Field("", description="Analyst's note on the claim.")


class XrefSpec(_Spec):
    """A cross-reference between two claims."""

    from_: Ref = Field(alias="from", description="Claim id (or brief-id#claim-id).")
    to: Ref = Field(description="Claim id, or brief-id#claim-id for another brief.")
    rel: Relation = Field(description="How `from` relates to `to`.")
    note: str = Field("", description="Why the two claims relate.")


class BriefSpec(_Spec):
    """A briefing: front matter of a `.md` file, or the whole mapping of a `.yaml` file."""

    brief: Literal[1] = Field(description="Format version; this is version 1.")
    id: Slug | None = Field(None, description="Slug unique in the workspace (default: file stem).")
    title: Line = Field(description="Title of the briefing.", min_length=1)
    date: Date | None = Field(None, description="Date of the briefing (YYYY-MM-DD).")
    tags: list[Tag] = Field(default_factory=list, description="Free tags.")
    bluf: str = Field("", description="Bottom line up front: the conclusion in a sentence.")
    summary: str = Field("", description="Markdown summary (`.yaml` briefs; `.md` use the body).")
    # The loader validates the items of these lists one by one (ITEM_SPECS), and reads an empty
    # `claims:` (null) as no claims.
    seeds: list[SeedSpec] | None = Field(default_factory=list, description="Source documents.")
    sources: list[SourceSpec] | None = Field(default_factory=list, description="Who makes claims.")
    claims: list[ClaimSpec] | None = Field(
        default_factory=list, description="What the sources say."
    )
    xrefs: list[XrefSpec] | None = Field(default_factory=list, description="Cross-references.")


ITEM_SPECS: dict[str, type[_Spec]] = {
    "seeds": SeedSpec,
    "sources": SourceSpec,
    "claims": ClaimSpec,
    "xrefs": XrefSpec,
}
"""The list fields of a brief and the model of their items."""


@cache
def field_names(spec: type[_Spec]) -> tuple[str, ...]:
    """Names a user may write for a model's fields (aliases where they exist); computed once
    per model (it is asked for every item of a brief)."""
    return tuple(f.alias or name for name, f in spec.model_fields.items())


class _ClosedObjects(GenerateJsonSchema):
    """Exports every model as a closed object: an unknown field is flagged, not ignored."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        json_schema["additionalProperties"] = False
        return json_schema


def json_schema() -> dict[str, object]:
    """JSON Schema of briefing format v1, generated from the validating models.

    It rejects a brief (converted from YAML to JSON, dates as YYYY-MM-DD text) exactly when
    `brief check` reports a field-level problem: see the module docstring.
    """
    schema = BriefSpec.model_json_schema(by_alias=True, schema_generator=_ClosedObjects)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "brief format v1"
    return schema
