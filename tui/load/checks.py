"""Checks of ids and references: brief ids across the workspace, and everything within one brief.

Within one brief: ids unique per kind, every claim's `source` and `seed` declared, its seeds
read and its quotes found in them, and its summary's links to its own claims. What needs every
brief (cross-references, links into other briefs) is in `links.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Brief, Claim, Problem, Seed, Source
from .errors import did_you_mean
from .links import brief_owners as brief_owners
from .links import local_link_problems
from .located import Located
from .seeds import SeedReader, check_quote


def check_brief(loc: Located, seeds: SeedReader) -> tuple[Brief, list[Problem]]:
    """Check a brief within itself, reading its seeds.

    Returns:
        The brief with its seeds' text, each claim's seed (the only seed, for a quote that names
        none) and where its quote was found; and the problems, in the order found.
    """
    brief = loc.brief
    problems = duplicate_ids(loc)
    source_ids = [s.id for s in brief.sources]
    seed_ids = [s.id for s in brief.seeds]
    read = [seeds.read(seed, loc.item("seeds", n, "path")) for n, seed in enumerate(brief.seeds)]
    problems.extend(problem for _, _, problem in read if problem is not None)
    folded = {seed.id: text for seed, text, _ in read}
    claims = []
    for n, claim in enumerate(brief.claims):
        # A field already reported as invalid (`claim.invalid`) is not reported again.
        if claim.source not in source_ids and "source" not in claim.invalid:
            problems.append(
                Problem(
                    loc.item("claims", n, "source"),
                    "error",
                    "unknown-source",
                    f"claim `{claim.id}` names source `{claim.source}`, which is not declared",
                    did_you_mean(claim.source, source_ids) or "add it under `sources:`",
                )
            )
        seed_id = claim.seed or (seed_ids[0] if len(seed_ids) == 1 and claim.quote else "")
        if claim.seed and claim.seed not in seed_ids:
            if "seed" not in claim.invalid:
                problems.append(
                    Problem(
                        loc.item("claims", n, "seed"),
                        "error",
                        "unknown-seed",
                        f"claim `{claim.id}` names seed `{claim.seed}`, which is not declared",
                        did_you_mean(claim.seed, seed_ids) or "add it under `seeds:`",
                    )
                )
        elif claim.quote and not seed_id:
            problems.append(
                Problem(
                    loc.item("claims", n, "quote"),
                    "warning",
                    "quote-no-seed",
                    f"claim `{claim.id}` has a quote but no seed to check it against",
                    "add `seed: <seed-id>`",
                )
            )
        elif claim.quote and (text := folded.get(seed_id)) is not None:
            claim, problem = check_quote(loc, n, claim, seed_id, text)
            if problem is not None:
                problems.append(problem)
        claims.append(replace(claim, seed=seed_id) if seed_id != claim.seed else claim)
    problems.extend(local_link_problems(brief))
    seeds_read = tuple(seed for seed, _, _ in read)
    return replace(brief, seeds=seeds_read, claims=tuple(claims)), problems


def duplicate_ids(loc: Located) -> list[Problem]:
    """An error for each seed, source or claim whose id an earlier one of its kind has."""
    brief = loc.brief
    problems: list[Problem] = []
    kinds: tuple[tuple[str, Sequence[Seed | Source | Claim]], ...] = (
        ("seeds", brief.seeds),
        ("sources", brief.sources),
        ("claims", brief.claims),
    )
    for kind, items in kinds:
        seen: dict[str, int] = {}
        for n, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    Problem(
                        loc.item(kind, n, "id"),
                        "error",
                        "duplicate-id",
                        f"{kind[:-1]} id `{item.id}` is already used on line "
                        f"{items[seen[item.id]].pos.line}",
                        "ids must be unique within a brief",
                    )
                )
            else:
                seen[item.id] = n
    return problems
