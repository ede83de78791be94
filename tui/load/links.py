"""Checks across briefs: brief ids, cross-references and summary links (the `Link`s of a
library, and the ones that lead nowhere).

`xrefs:` entries become a link at each end (outgoing at `from`, incoming at `to`); an end that
names no brief or claim is an error. `[[claim-id]]` and `[[brief-id#claim-id]]` in a summary
that name no claim are warnings: links inside the brief are checked with the brief, links into
other briefs once every brief is loaded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set

from ..model import WIKILINK, Brief, Claim, ClaimKey, Link, Pos, Problem
from ..text import line_col
from .lazy import LazyMap
from .located import Located

Owners = Mapping[str, int]
"""Brief id -> index (in path order) of the brief that owns it: the first to use it."""


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    # `errors` (pydantic, rapidfuzz) only when a problem wants a hint: a load served from the
    # parse cache imports neither (~50 ms of a warm `brief check`).
    from .errors import did_you_mean

    return did_you_mean(word, choices)


def summary_pos(brief: Brief, at: int) -> Pos:
    """Position in the file of offset `at` of the brief's summary."""
    line, col = line_col(brief.summary, at)
    return Pos(brief.path, brief.summary_line + line - 1, col)


def local_link_problems(brief: Brief) -> list[Problem]:
    """Warnings for summary links to this brief's own claims that name no claim."""
    problems: list[Problem] = []
    if not brief.summary or "[[" not in brief.summary:
        return problems
    ids = set(brief.claim_ids())
    for match in WIKILINK.finditer(brief.summary):
        ref = match.group(1).strip()
        key = ClaimKey.parse(ref, brief.id)
        if key.brief != brief.id:
            continue  # links into other briefs are checked once every brief is loaded
        if key.claim not in ids:
            problems.append(
                Problem(
                    summary_pos(brief, match.start()),
                    "warning",
                    "unknown-link",
                    f"link `[[{ref}]]` names no claim of this brief",
                    _did_you_mean(key.claim, ids) or "link to a claim id: [[claim-id]]",
                )
            )
    return problems


def brief_owners(located: Sequence[Located]) -> tuple[dict[str, int], dict[int, list[Problem]]]:
    """Which brief owns each id, and a `duplicate-brief-id` error for every other brief using it.

    The first brief with an id, in path order, owns it: its claims and links are the ones
    reachable by that id.

    Returns:
        Brief id -> index of its owner, and the errors by brief index.
    """
    owners: dict[str, int] = {}
    problems: dict[int, list[Problem]] = defaultdict(list)
    for i, loc in enumerate(located):
        brief = loc.brief
        if brief.id in owners:
            other = located[owners[brief.id]].brief
            problems[i].append(
                Problem(
                    loc.pos(("id",)),
                    "error",
                    "duplicate-brief-id",
                    f"brief id `{brief.id}` is already used by {other.path}",
                    "give this brief its own `id:`",
                )
            )
        else:
            owners[brief.id] = i
    return owners, problems


def cross_links(
    located: Sequence[Located],
    briefs: Sequence[Brief],
    claims: Mapping[ClaimKey, Claim],
    keys: Set[tuple[str, str]],
    owners: Owners,
) -> tuple[LazyMap[ClaimKey, tuple[Link, ...]], dict[int, list[Problem]]]:
    """The links of every claim, from the cross-references of the briefs that own their id.

    Args:
        located: Each brief as read (for positions), in path order.
        briefs: The same briefs, checked.
        claims: Every reachable claim by key (read only when the links are).
        keys: The same keys as (brief id, claim id) pairs.
        owners: Which brief owns each id.

    Returns:
        Each claim's links, in brief then `xrefs:` order (made when first read), and the
        problems found, by brief index.
    """
    # Keyed by (brief, claim) tuples while 100,000 cross-references are gone through: hashing
    # and comparing a tuple runs in C, a `ClaimKey`'s generated methods in Python.
    problems: dict[int, list[Problem]] = defaultdict(list)
    hints: dict[ClaimKey, str] = {}  # a did-you-mean per missing end, however often it is named
    for i, k, start, end in _owned_xrefs(briefs, owners):
        if start not in keys or end not in keys:
            xref = briefs[i].xrefs[k]  # made only for a problem to report
            for name, key, pair in (("from", xref.source, start), ("to", xref.target, end)):
                if pair in keys or name in xref.invalid:
                    continue  # found, or a malformed end reported where it is written
                pos = located[i].pos(("xrefs", xref.index, name))
                problems[i].append(_dangling(pos, key, briefs[i], briefs, owners, hints))
            continue
        if start == end:
            xref = briefs[i].xrefs[k]
            problems[i].append(
                Problem(
                    located[i].pos(("xrefs", xref.index)),
                    "warning",
                    "self-xref",
                    f"claim `{xref.source.claim}` refers to itself",
                    "point `to:` at another claim",
                )
            )
    for i, brief in enumerate(briefs):
        if owners.get(brief.id) == i and brief.summary and "#" in brief.summary:
            problems[i].extend(_remote_link_problems(brief, keys, owners))
    return LazyMap(lambda: _make_links(briefs, owners, claims), "claims with links"), problems


def _make_links(
    briefs: Sequence[Brief], owners: Owners, claims: Mapping[ClaimKey, Claim]
) -> dict[ClaimKey, tuple[Link, ...]]:
    """Both ends of every cross-reference whose ends are claims and differ (`cross_links` said
    what is wrong with the others)."""
    keys = {(k.brief, k.claim): k for k in claims}
    by_pair: dict[tuple[str, str], list[Link]] = defaultdict(list)
    for i, k, start, end in _owned_xrefs(briefs, owners):
        if start == end or start not in keys or end not in keys:
            continue
        xref = briefs[i].xrefs[k]
        by_pair[start].append(Link(xref, outgoing=True))
        by_pair[end].append(Link(xref, outgoing=False))
    return {keys[pair]: tuple(found) for pair, found in by_pair.items()}


def _owned_xrefs(
    briefs: Sequence[Brief], owners: Owners
) -> Iterator[tuple[int, int, tuple[str, str], tuple[str, str]]]:
    """Each cross-reference of the briefs that own their id: its brief's index, its own in
    the brief's `xrefs`, and its ends as (brief, claim) pairs (read without making it)."""
    for i, brief in enumerate(briefs):
        if owners.get(brief.id) != i:
            continue
        ends = brief.xref_ends()
        for k in range(len(ends) // 4):
            yield i, k, (ends[4 * k], ends[4 * k + 1]), (ends[4 * k + 2], ends[4 * k + 3])


def _dangling(
    pos: Pos,
    key: ClaimKey,
    brief: Brief,
    briefs: Sequence[Brief],
    owners: Owners,
    hints: dict[ClaimKey, str],
) -> Problem:
    """The error for a cross-reference end (in `brief`) naming no brief or claim; `hints` keeps
    the hint for each end met (a did-you-mean costs a look at every id it could be)."""
    if key.brief not in owners:
        hint = hints.get(key)
        if hint is None:
            hint = hints[key] = _did_you_mean(key.brief, owners) or "check the brief id before `#`"
        return Problem(
            pos,
            "error",
            "unknown-brief",
            f"cross-reference names brief `{key.brief}`, which is not in the workspace",
            hint,
        )
    target = briefs[owners[key.brief]]
    where = "this brief" if target.id == brief.id else f"brief `{key.brief}`"
    hint = hints.get(key)
    if hint is None:
        ids = target.claim_ids()
        hint = hints[key] = _did_you_mean(key.claim, ids) or "check the claim id"
    return Problem(
        pos,
        "error",
        "unknown-claim",
        f"cross-reference names claim `{key.claim}`, which is not in {where}",
        hint,
    )


def _remote_link_problems(
    brief: Brief, keys: Set[tuple[str, str]], owners: Owners
) -> list[Problem]:
    """Warnings for summary links into other briefs that name no brief or claim."""
    problems: list[Problem] = []
    for match in WIKILINK.finditer(brief.summary):
        key = ClaimKey.parse(match.group(1).strip(), brief.id)
        if key.brief != brief.id and (key.brief, key.claim) not in keys:
            what = "brief" if key.brief not in owners else "claim"
            problems.append(
                Problem(
                    summary_pos(brief, match.start()),
                    "warning",
                    "unknown-link",
                    f"link `[[{match.group(1).strip()}]]` names no {what} in the workspace",
                    "link as [[brief-id#claim-id]]",
                )
            )
    return problems
