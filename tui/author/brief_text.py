"""Writing a scaffolded brief's text from what `scaffold.py` proposed.

`render` writes a `.md` brief from the proposal: front matter whose every text value is quoted by
YAML's own emitter (so `:`, `#`, `"` or a leading `-` in a quote round-trip), commented
placeholders for what only the analyst can judge (reliability, credibility, cross-references),
and a summary skeleton linking every proposed claim.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .proposal import Proposal

RELIABILITY_HINT = "# reliability: A-F  (Admiralty: A completely reliable … F cannot be judged)"
CREDIBILITY_HINT = (
    "# credibility: 1-6  (Admiralty: 1 confirmed by other sources … 6 cannot be judged)"
)

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")


def q(value: str) -> str:
    """A text value as YAML: always double-quoted, on one line, by PyYAML's own emitter."""
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf"))
    return dumped.rstrip("\n").removesuffix("\n...")


def render(
    proposal: Proposal,
    *,
    brief_id: str,
    seed_path: str,
    seed_id: str = "doc",
) -> str:
    """The brief as `.md` text: front matter with commented placeholders, then the summary."""
    title = proposal.title or "TODO: a title for the brief"
    out = [
        "---",
        f"# Scaffolded by `brief new` from {_comment(seed_path)}.",
        "# Every source and claim below is a proposal read from an attributed sentence: check",
        "# each against the seed, restate the claims in your own words, grade them, add",
        "# cross-references, then run `brief check`.",
        "brief: 1",
        f"id: {q(brief_id)}",
        f"title: {q(title)}",
        f"date: {proposal.date.isoformat()}" if proposal.date else "# date: YYYY-MM-DD",
        "# tags: [topic, place]",
        '# bluf: "The bottom line up front, in a sentence or two."',
        "seeds:",
        f"  - id: {q(seed_id)}",
        f"    path: {q(seed_path)}",
    ]
    if proposal.title:
        out.append(f"    title: {q(proposal.title)}")
    out.append("sources:" if proposal.sources else "sources: []")
    for source in proposal.sources:
        out += [f"  - id: {q(source.id)}", f"    name: {q(source.name)}"]
        out.append(f"    role: {q(source.role)}" if source.role else "    # role: their title")
        out.append("    # kind: person | government | media | think-tank | ...")
        out.append(f"    {RELIABILITY_HINT}")
    out.append("claims:" if proposal.claims else "claims: []")
    for claim in proposal.claims:
        out += [
            f"  - id: {q(claim.id)}",
            f"    source: {q(claim.source.id)}",
            f"    text: {q(claim.text)}",
            f"    quote: {q(claim.quote)}",
            f"    seed: {q(seed_id)}",
        ]
        if claim.date:
            out.append(f"    date: {claim.date.isoformat()}")
        else:
            note = f"  ({_comment(claim.date_note)})" if claim.date_note else ""
            out.append(f"    # date: YYYY-MM-DD{note}")
        if claim.note:
            out.append(f"    note: {q(claim.note)}")
        out += [
            f"    {CREDIBILITY_HINT}",
            "    # confidence: low | moderate | high",
            "    # tags: [topic]",
        ]
    out += [
        "# xrefs:  how claims bear on each other, for you to add:",
        "#   - from: one-claim-id",
        "#     to: other-claim-id          (or other-brief-id#claim-id)",
        "#     rel: corroborates           (contradicts, refines, updates, cites, related)",
        "#     note: why",
        "---",
        "## Summary",
        "",
        "TODO: what the sources say and what it means, in a few paragraphs, linking each claim",
        "you rely on by its id in double square brackets"
        + (", as the list below does." if proposal.claims else "."),
        "",
    ]
    if proposal.claims:
        out += ["Proposed claims, by source:", ""]
        for source in proposal.sources:
            links = ", ".join(f"[[{c.id}]]" for c in proposal.claims if c.source is source)
            who = _markdown(source.name) + (f" ({_markdown(source.role)})" if source.role else "")
            out.append(f"- {who}: {links}")
        out.append("")
    out += ["### Gaps", "", "- TODO: what no source says; what needs confirming.", ""]
    return "\n".join(out)


def _comment(text: str) -> str:
    """Text for a YAML comment: one line (comments end at a line break)."""
    return " ".join(text.split())


def _markdown(text: str) -> str:
    """Text for the summary, with Markdown's special characters escaped."""
    return _MARKDOWN.sub(r"\\\1", text)
