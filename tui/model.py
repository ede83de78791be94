"""The immutable model every part of `brief` reads.

The loader (`tui.load`) builds a `Library`; the UI, search and export only read it. Nothing here
imports Textual or Rich: the core must load, check and search with no terminal at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from .deferred import Deferred, head
from .text import one_line
from .vocabulary import CREDIBILITY as CREDIBILITY
from .vocabulary import RELATIONS as RELATIONS
from .vocabulary import RELIABILITY as RELIABILITY
from .vocabulary import WIKILINK as WIKILINK
from .vocabulary import Kind as Kind
from .vocabulary import Relation as Relation
from .vocabulary import Severity as Severity


@dataclass(frozen=True, slots=True)
class Pos:
    """Where something stands in a file, for messages and for jumping there."""

    path: str
    """File path as shown to the user (relative to the workspace root where possible)."""
    line: int
    """1-based line number."""
    col: int
    """1-based column number."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a file, positioned so the user can go and fix it."""

    pos: Pos
    """Where the problem is."""
    severity: Severity
    """`error` or `warning`."""
    code: str
    """Stable short code, e.g. `yaml-syntax`; documented in docs/format.md."""
    message: str
    """What is wrong, in one sentence."""
    hint: str = ""
    """What to do about it, when there is something useful to say."""

    def format(self, path: str | None = None) -> str:
        """Render as `path:line:col: severity: message [code]` (hint appended after `;`).

        One line, safe for a terminal: the path and message may echo a file name or a value
        as written (`one_line`). `path` shows the file under another name (relative to where
        the user stands, say).
        """
        text = f"{self.message}; {self.hint}" if self.hint else self.message
        where = self.pos.path if path is None else path
        return one_line(
            f"{where}:{self.pos.line}:{self.pos.col}: {self.severity}: {text} [{self.code}]"
        )

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `brief check --format json`."""
        return {
            "path": self.pos.path,
            "line": self.pos.line,
            "col": self.pos.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True, slots=True)
class Seed:
    """A source document that a brief quotes."""

    id: str
    """Id of the seed within its brief."""
    path: str
    """Path relative to the workspace root, with `/` separators."""
    title: str
    """Human title of the document (may be empty)."""
    pos: Pos
    """Where the seed is declared."""
    text: str | None = None
    """The document's sanitised text, or None when it could not be read."""
    invalid: tuple[str, ...] = ()
    """Fields written in the file whose value was invalid, or required fields left out (names as
    written, e.g. `credibility`). Each was reported once as an `invalid-field` problem and dropped:
    the item keeps its other fields, an optional field its default. A bad `id` is kept as
    written; a bad `path` is empty (the seed is then not read)."""


@dataclass(frozen=True, slots=True)
class Source:
    """Someone or something that makes claims: a person, a government, a newspaper..."""

    id: str
    """Id of the source within its brief."""
    name: str
    """Display name."""
    pos: Pos
    """Where the source is declared."""
    role: str = ""
    """Role or title, e.g. `US Secretary of State`."""
    kind: str = ""
    """Free text: person, government, media, think-tank..."""
    url: str = ""
    """Where to read more (only http(s) links are ever opened)."""
    reliability: str = ""
    """Admiralty reliability grade A-F, or empty when not graded."""
    note: str = ""
    """Analyst's note on the source."""
    invalid: tuple[str, ...] = ()
    """Fields written in the file whose value was invalid, or required fields left out (names as
    written, e.g. `credibility`). Each was reported once as an `invalid-field` problem and dropped:
    the item keeps its other fields, an optional field its default. A bad `id` is kept as
    written; a source with a bad `name` is named by its id."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One thing a source says."""

    brief: str
    """Id of the brief holding the claim."""
    id: str
    """Id of the claim within its brief."""
    source: str
    """Id of the source making the claim (may dangle; the loader reports it)."""
    text: str
    """The claim in the analyst's words."""
    pos: Pos
    """Where the claim is declared."""
    quote: str = ""
    """Exact words from the seed document backing the claim."""
    seed: str = ""
    """Id of the seed holding the quote."""
    date: date | None = None
    """When the claim was made."""
    credibility: int | None = None
    """Admiralty credibility grade 1-6, or None when not graded."""
    confidence: str = ""
    """Analyst confidence: low, moderate or high (or empty)."""
    tags: tuple[str, ...] = ()
    """Free tags for grouping and search."""
    note: str = ""
    """Analyst's note on the claim."""
    quote_span: tuple[int, int] | None = None
    """Where the quote was found in the seed text (start, end offsets), when it was."""
    invalid: tuple[str, ...] = ()
    """Fields written in the file whose value was invalid, or required fields left out (names as
    written, e.g. `credibility`). Each was reported once as an `invalid-field` problem and dropped:
    the item keeps its other fields, an optional field its default. A bad `id`, `source` or
    `seed` is kept as written (so references still meet); a bad `text` is empty."""
    quote_state: Literal["found", "moved", "changed", "orphaned", ""] = ""
    """How the quote is anchored in its seed: `found` word for word (after folding case,
    whitespace, typographic quotes and punctuation); `moved`, found word for word but a paragraph
    break of the seed now falls inside it; `changed`, a passage close to it (`quote_similarity`
    percent) stands where it would be, and `quote_span` is that passage; `orphaned`, nothing in
    the seed is close enough (no `quote_span`). Empty when the quote was not checked (no quote,
    no seed, or a seed that could not be read)."""
    quote_similarity: int = 0
    """Percent similarity of the quote and its passage: 100 when found or moved; for changed and
    orphaned quotes, that of the closest passage (0 when there is none)."""
    quote_diff: tuple[tuple[str, str], ...] = ()
    """A changed quote's differing stretches of words: (as quoted, as the seed now reads)."""

    @property
    def key(self) -> ClaimKey:
        """The claim's workspace-wide key."""
        return ClaimKey(self.brief, self.id)


@dataclass(frozen=True, slots=True, order=True)
class ClaimKey:
    """Names a claim across the workspace: `brief-id#claim-id`."""

    brief: str
    """Brief id."""
    claim: str
    """Claim id within the brief."""

    def __str__(self) -> str:
        return f"{self.brief}#{self.claim}"

    @classmethod
    def parse(cls, ref: str, here: str) -> ClaimKey:
        """Read `claim-id` (a claim of brief `here`) or `brief-id#claim-id`.

        The one rule for every place a reference is written: front matter `from`/`to`, and
        `[[...]]` links in summaries. The brief id is what comes before the first `#`.
        """
        other, sep, claim = ref.partition("#")
        return cls(other, claim) if sep else cls(here, ref)


@dataclass(frozen=True, slots=True)
class Xref:
    """A cross-reference: one claim corroborates, contradicts... another."""

    brief: str
    """Id of the brief that declares the cross-reference."""
    source: ClaimKey
    """The `from` end."""
    target: ClaimKey
    """The `to` end (may be in another brief)."""
    rel: Relation
    """One of `RELATIONS`."""
    pos: Pos
    """Where the cross-reference is declared."""
    note: str = ""
    """Why the two claims relate."""
    index: int = 0
    """Position in its brief's `xrefs` list, which makes an id for review marks."""
    invalid: tuple[str, ...] = ()
    """Fields written in the file whose value was invalid, or required fields left out (names as
    written, e.g. `credibility`). Each was reported once as an `invalid-field` problem and dropped:
    the item keeps its other fields, an optional field its default. A bad `from` or `to`
    is kept as written; a cross-reference with a bad relation, or an end not written as one
    line of text, is not kept."""

    @property
    def id(self) -> str:
        """Stable id within the brief: `from>rel>to`."""
        return f"{self.source.claim}>{self.rel}>{self.target}"


@dataclass(frozen=True, slots=True)
class Link:
    """A cross-reference seen from one of its ends."""

    xref: Xref
    """The underlying cross-reference."""
    outgoing: bool
    """True when this claim is the `from` end."""

    @property
    def other(self) -> ClaimKey:
        """The claim at the other end."""
        return self.xref.target if self.outgoing else self.xref.source

    @property
    def phrase(self) -> str:
        """The relation read from this end: `corroborates` or `corroborated by`."""
        return self.xref.rel if self.outgoing else RELATIONS.get(self.xref.rel, self.xref.rel)


@dataclass(frozen=True, slots=True)
class Brief:
    """One briefing file, as loaded."""

    id: str
    """Slug, unique in the workspace."""
    path: str
    """File path relative to the workspace root."""
    title: str
    """Title (the file stem when the brief could not be read)."""
    pos: Pos
    """Start of the brief's data (line 1 of the file)."""
    date: date | None = None
    """Date of the briefing."""
    tags: tuple[str, ...] = ()
    """Free tags."""
    bluf: str = ""
    """Bottom line up front: one-sentence conclusion."""
    summary: str = ""
    """Markdown summary (sanitised)."""
    summary_line: int = 1
    """Line of the file where the summary starts, for positioning problems in it."""
    seeds: Sequence[Seed] = ()
    """Source documents (a tuple, or `Deferred` until first read when the brief came from the
    parse cache or a load worker)."""
    sources: Sequence[Source] = ()
    """Who makes the claims (a tuple, or `Deferred` as `seeds`)."""
    claims: Sequence[Claim] = ()
    """What the sources say (a tuple, or `Deferred` as `seeds`)."""
    xrefs: Sequence[Xref] = ()
    """Cross-references declared in this brief (a tuple, or `Deferred` as `seeds`)."""
    problems: tuple[Problem, ...] = ()
    """Problems found in this brief's file."""
    ok: bool = True
    """False when the file could not be read as a brief at all (it is still listed)."""
    item_hashes: Sequence[tuple[Kind, str, str]] | None = None
    """(kind, item id, content hash) of each reviewable item in reading order, as the loader
    computed them (`tui.digest.item_hashes`; `Deferred` until read): None for a brief made
    without them, whose hashes are computed when asked for."""
    invalid: tuple[str, ...] = ()
    """Fields written in the file whose value was invalid, or required fields left out (names as
    written, e.g. `credibility`). Each was reported once as an `invalid-field` problem and dropped:
    the item keeps its other fields, an optional field its default. A bad `id` is kept as
    written, a bad `title` becomes the file name."""

    def __hash__(self) -> int:
        # Not of every field: that would make every `Deferred` item of the brief (issue 12).
        return hash((self.id, self.path, self.title))

    def claim_ids(self) -> tuple[str, ...]:
        """The id of each claim, in order, without making claims that are not made yet."""
        return head(self.claims, lambda c: c.id)

    def xref_ids(self) -> tuple[str, ...]:
        """The id of each cross-reference, in order, without making them."""
        return head(self.xrefs, lambda x: x.id)

    def xref_ends(self) -> tuple[str, ...]:
        """The brief and claim of each end of each cross-reference, in order, four strings per
        cross-reference (`from` brief, `from` claim, `to` brief, `to` claim), without making
        them."""
        xrefs = self.xrefs
        if isinstance(xrefs, Deferred):
            return xrefs.more
        return tuple(
            s
            for x in xrefs
            for s in (x.source.brief, x.source.claim, x.target.brief, x.target.claim)
        )

    def seed_paths(self) -> tuple[str, ...]:
        """The path of each seed, in order, without making seeds that are not made yet."""
        return head(self.seeds, lambda s: s.path)

    @property
    def errors(self) -> int:
        """How many error-level problems the brief has."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        """How many warnings the brief has."""
        return sum(1 for p in self.problems if p.severity == "warning")

    def claims_by_source(self) -> list[tuple[Source | None, tuple[Claim, ...]]]:
        """The claims in reading order: under each source in the order sources are declared,
        then (under None) claims naming a source that is not declared. A claim id met twice is
        listed once, where it is first met. The reader, review order and `n`/`N` all use this.
        """
        declared = {s.id for s in self.sources}
        seen: set[str] = set()
        groups: list[tuple[Source | None, tuple[Claim, ...]]] = []
        for source in (*self.sources, None):
            claims = []
            for claim in self.claims:
                mine = claim.source == source.id if source else claim.source not in declared
                if mine and claim.id not in seen:
                    seen.add(claim.id)
                    claims.append(claim)
            if source is not None or claims:
                groups.append((source, tuple(claims)))
        return groups

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, if any."""
        return next((c for c in self.claims if c.id == claim_id), None)

    def source(self, source_id: str) -> Source | None:
        """The source with this id, if any."""
        return next((s for s in self.sources if s.id == source_id), None)

    def seed(self, seed_id: str) -> Seed | None:
        """The seed with this id, if any."""
        return next((s for s in self.seeds if s.id == seed_id), None)


@dataclass(frozen=True)
class Library:
    """Every brief of a workspace, with cross-brief indexes computed once."""

    root: str
    """Absolute path of the workspace root."""
    briefs: tuple[Brief, ...]
    """Briefs in a stable order (newest first, then by title)."""
    problems: tuple[Problem, ...] = ()
    """Every problem of every file, in path/line order."""
    claims: Mapping[ClaimKey, Claim] = field(default_factory=lambda: MappingProxyType({}))
    """Every claim by key."""
    links: Mapping[ClaimKey, tuple[Link, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Cross-references of each claim, in both directions."""
    by_id: Mapping[str, Brief] = field(default_factory=lambda: MappingProxyType({}))
    """Briefs by id (the one read first, in path order, when ids clash)."""

    def brief(self, brief_id: str) -> Brief | None:
        """The brief with this id, if any (the one read first, when ids clash)."""
        if self.by_id:
            return self.by_id.get(brief_id)
        return next((b for b in self.briefs if b.id == brief_id), None)

    def links_of(self, key: ClaimKey) -> tuple[Link, ...]:
        """Cross-references of a claim, both directions (empty when none)."""
        return self.links.get(key, ())

    def corroborations(self, key: ClaimKey) -> int:
        """How many independent sources corroborate a claim.

        `cites` links are echoes, not confirmation, so they do not count; several claims of the
        same source count once, and the claim's own source never counts.
        """
        claim = self.claims.get(key)
        if claim is None:
            return 0
        seen: set[tuple[str, str]] = set()
        for link in self.links_of(key):
            if link.xref.rel != "corroborates":
                continue
            other = self.claims.get(link.other)
            if other is None:
                continue
            if (other.brief, other.source) == (claim.brief, claim.source):
                continue
            seen.add((other.brief, other.source))
        return len(seen)

    def contradicted(self, key: ClaimKey) -> bool:
        """True when some cross-reference contradicts the claim (either direction)."""
        return any(link.xref.rel == "contradicts" for link in self.links_of(key))

    @property
    def error_count(self) -> int:
        """How many error-level problems there are in the workspace."""
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warning_count(self) -> int:
        """How many warnings there are in the workspace."""
        return sum(1 for p in self.problems if p.severity == "warning")
