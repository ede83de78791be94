"""The format's fixed words: problem severities, cross-reference relations, Admiralty grades, and
the summary link pattern. `tui.model` re-exports every name; the rest of the code imports them
from there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

Severity = Literal["error", "warning"]
"""How bad a problem is: errors stop (part of) a brief from loading, warnings do not."""

WIKILINK = re.compile(r"\[\[([^\[\]\n]{1,250})\]\]")
"""A link in a summary: `[[claim-id]]` or `[[brief-id#claim-id]]` (read with `ClaimKey.parse`)."""

Relation = Literal["corroborates", "contradicts", "refines", "updates", "cites", "related"]
"""How the `from` claim of a cross-reference relates to its `to` claim."""

RELATIONS: Mapping[Relation, str] = MappingProxyType(
    {
        "corroborates": "corroborated by",
        "contradicts": "contradicted by",
        "refines": "refined by",
        "updates": "updated by",
        "cites": "cited by",
        "related": "related",
    }
)
"""Each cross-reference relation and how it reads from the other end: the one list of relations
(the schema, the themes, the query language and the docs are checked against it)."""

RELIABILITY: Mapping[str, str] = MappingProxyType(
    {
        "A": "completely reliable",
        "B": "usually reliable",
        "C": "fairly reliable",
        "D": "not usually reliable",
        "E": "unreliable",
        "F": "reliability cannot be judged",
    }
)
"""Admiralty code for a source's reliability, in words."""

CREDIBILITY: Mapping[int, str] = MappingProxyType(
    {
        1: "confirmed by other sources",
        2: "probably true",
        3: "possibly true",
        4: "doubtful",
        5: "improbable",
        6: "truth cannot be judged",
    }
)
"""Admiralty code for a claim's credibility, in words."""

Kind = Literal["summary", "claim", "xref"]
"""What a reviewable item is: a brief's summary, a claim or a cross-reference."""
