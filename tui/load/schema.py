"""Briefing format v1 as validation models: the one definition that validates and that
`brief schema` exports as JSON Schema.

Types are strict so that YAML 1.1 conversions (`NO` -> false, `8:30` -> 510, `0777` -> 511) are
caught where text is expected instead of slipping through as the wrong value.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
REF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*(#[A-Za-z0-9][A-Za-z0-9._-]*)?$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=120)]
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=241)]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=80)]
Line = Annotated[str, StringConstraints(max_length=2_000)]
# A quoted "2024-11-04" is as clear as an unquoted one, so dates accept text too.
Date = Annotated[dt.date, Strict(False)]

Reliability = Literal["A", "B", "C", "D", "E", "F"]
Credibility = Literal[1, 2, 3, 4, 5, 6]
Confidence = Literal["low", "moderate", "high"]
Relation = Literal["corroborates", "contradicts", "refines", "updates", "cites", "related"]


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
    seeds: list[SeedSpec] = Field(default_factory=list, description="Source documents.")
    sources: list[SourceSpec] = Field(default_factory=list, description="Who makes claims.")
    claims: list[ClaimSpec] = Field(default_factory=list, description="What the sources say.")
    xrefs: list[XrefSpec] = Field(default_factory=list, description="Cross-references.")


ITEM_SPECS: dict[str, type[_Spec]] = {
    "seeds": SeedSpec,
    "sources": SourceSpec,
    "claims": ClaimSpec,
    "xrefs": XrefSpec,
}
"""The list fields of a brief and the model of their items."""


def field_names(spec: type[_Spec]) -> list[str]:
    """Names a user may write for a model's fields (aliases where they exist)."""
    return [f.alias or name for name, f in spec.model_fields.items()]


def json_schema() -> dict[str, object]:
    """JSON Schema of briefing format v1, generated from the validating models."""
    schema = BriefSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "brief format v1"
    return schema
