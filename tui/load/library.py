"""Building the `Library`: every brief of a workspace, checked against each other and seeds."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from ..model import Brief, Claim, ClaimKey, Library, Link, Pos, Problem, Seed
from ..text import sanitize
from .brief import Located, load_brief
from .errors import did_you_mean
from .quotes import FoldedSeed
from .workspace import Workspace, resolve

MAX_SEED_BYTES = 8 << 20
"""Largest seed document read (8 MiB)."""

LINK = re.compile(r"\[\[([^\[\]\n]{1,250})\]\]")
"""`[[claim-id]]` or `[[brief-id#claim-id]]` in a summary."""

Progress = Callable[[int, int], None]


def load_library(path: str | Path | None = None, progress: Progress | None = None) -> Library:
    """Load a workspace (DESIGN section 1) into an immutable `Library`. Never raises for bad files.

    A folder of briefs or one brief file inside a workspace loads the whole workspace around it
    (so cross-references resolve); `in_scope(library, resolve(path))` keeps the part asked for.

    Args:
        path: A workspace, a folder of briefs or one brief file; None for the workspace at or
            above the current folder (never the bundled example).
        progress: Called with (done, total) as files are read.

    Raises:
        WorkspaceError: the path itself cannot be opened, or holds no briefs (see `resolve`).
    """
    return build(resolve(path), progress)


def in_scope(library: Library, ws: Workspace) -> Library:
    """The part of a library the user asked for (`brief check FILE`, `brief search Q FOLDER`...).

    Keeps the briefs in `ws.scope` and their problems, plus each `duplicate-brief-id` problem of
    another file whose id clashes with a brief in scope (the clash involves both files). Problems
    of other briefs that point into the scope (a dangling cross-reference, say) are theirs, not
    the scope's. Claims, links and `by_id` stay those of the whole workspace, so cross-references
    out of the scope still resolve.
    """
    if ws.whole:
        return library
    by_path = {b.path: b for b in library.briefs}

    def clash(problem: Problem) -> bool:
        if problem.code != "duplicate-brief-id":
            return False
        brief = by_path.get(problem.pos.path)
        owner = library.by_id.get(brief.id) if brief else None
        return owner is not None and ws.in_scope(owner.path)

    return replace(
        library,
        briefs=tuple(b for b in library.briefs if ws.in_scope(b.path)),
        problems=tuple(p for p in library.problems if ws.in_scope(p.pos.path) or clash(p)),
    )


def build(ws: Workspace, progress: Progress | None = None) -> Library:
    """Load and check every brief of a resolved workspace."""
    located: list[Located] = []
    total = len(ws.files)
    last = 0.0
    root_real = ws.root.resolve()
    for n, file in enumerate(ws.files, 1):
        rel = ws.rel(file)
        if not _inside(file, root_real):
            located.append(_outside(file, rel))
        else:
            located.append(load_brief(file, rel))
        if progress and (n == total or time.monotonic() - last > 0.05):
            last = time.monotonic()
            progress(n, total)
    return _Checker(ws, located).run()


def _inside(path: Path, root_real: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root_real)
    except (OSError, RuntimeError):
        return False


def _outside(file: Path, rel: str) -> Located:
    from .brief import slug_of

    problem = Problem(
        Pos(rel, 1, 1),
        "error",
        "outside-workspace",
        "this file links to a place outside the workspace; it was not read",
        "copy the brief into the workspace instead of linking to it",
    )
    return Located(
        Brief(
            id=slug_of(file.stem),
            path=rel,
            title=file.stem,
            pos=Pos(rel, 1, 1),
            problems=(problem,),
            ok=False,
        )
    )


class _Checker:
    """Checks that need more than one file; collects problems per brief."""

    def __init__(self, ws: Workspace, located: list[Located]) -> None:
        self.ws = ws
        self.root_real = ws.root.resolve()
        self.located = located
        self.extra: dict[int, list[Problem]] = defaultdict(list)
        self.seed_cache: dict[Path, tuple[FoldedSeed | None, Problem | None]] = {}

    def add(self, i: int, pos: Pos, severity: str, code: str, message: str, hint: str = "") -> None:
        self.extra[i].append(Problem(pos, severity, code, message, hint))  # type: ignore[arg-type]

    def run(self) -> Library:
        briefs = [loc.brief for loc in self.located]
        first_with_id: dict[str, int] = {}
        for i, brief in enumerate(briefs):
            if brief.id in first_with_id:
                other = briefs[first_with_id[brief.id]]
                self.add(
                    i,
                    self.located[i].pos(("id",)),
                    "error",
                    "duplicate-brief-id",
                    f"brief id `{brief.id}` is already used by {other.path}",
                    "give this brief its own `id:`",
                )
            else:
                first_with_id[brief.id] = i
        for i, brief in enumerate(briefs):
            if brief.ok:
                briefs[i] = self.check_brief(i, brief)
        claims: dict[ClaimKey, Claim] = {}
        for i, brief in enumerate(briefs):
            if first_with_id.get(brief.id) != i:
                continue  # a clashing id: its claims are not reachable by key
            for claim in brief.claims:
                claims.setdefault(claim.key, claim)
        links = self.links(briefs, claims, first_with_id)
        briefs = [
            replace(b, problems=_sorted((*b.problems, *self.extra[i]))) if self.extra[i] else b
            for i, b in enumerate(briefs)
        ]
        # The brief that got an id first (in path order) owns it, as for claims and links.
        by_id = {b.id: b for i, b in enumerate(briefs) if first_with_id.get(b.id) == i}
        briefs.sort(
            key=lambda b: (-(b.date.toordinal() if b.date else 0), b.title.casefold(), b.path)
        )
        problems = _sorted(p for b in briefs for p in b.problems)
        return Library(
            root=str(self.ws.root),
            briefs=tuple(briefs),
            problems=problems,
            claims=MappingProxyType(claims),
            links=MappingProxyType({k: tuple(v) for k, v in links.items()}),
            by_id=MappingProxyType(by_id),
        )

    # -- inside one brief ----------------------------------------------------------------------

    def check_brief(self, i: int, brief: Brief) -> Brief:
        loc = self.located[i]
        for kind in ("seeds", "sources", "claims"):
            seen: dict[str, int] = {}
            for n, item in enumerate(getattr(brief, kind)):
                if item.id in seen:
                    self.add(
                        i,
                        loc.item(kind, n, "id"),
                        "error",
                        "duplicate-id",
                        f"{kind[:-1]} id `{item.id}` is already used on line "
                        f"{getattr(brief, kind)[seen[item.id]].pos.line}",
                        "ids must be unique within a brief",
                    )
                else:
                    seen[item.id] = n
        source_ids = [s.id for s in brief.sources]
        seed_ids = [s.id for s in brief.seeds]
        read = [self.read_seed(i, n, seed) for n, seed in enumerate(brief.seeds)]
        seeds = tuple(seed for seed, _ in read)
        folded = {seed.id: text for seed, text in read}
        claims = []
        for n, claim in enumerate(brief.claims):
            if claim.source not in source_ids:
                self.add(
                    i,
                    loc.item("claims", n, "source"),
                    "error",
                    "unknown-source",
                    f"claim `{claim.id}` names source `{claim.source}`, which is not declared",
                    did_you_mean(claim.source, source_ids) or "add it under `sources:`",
                )
            seed_id = claim.seed or (seed_ids[0] if len(seed_ids) == 1 and claim.quote else "")
            if claim.seed and claim.seed not in seed_ids:
                self.add(
                    i,
                    loc.item("claims", n, "seed"),
                    "error",
                    "unknown-seed",
                    f"claim `{claim.id}` names seed `{claim.seed}`, which is not declared",
                    did_you_mean(claim.seed, seed_ids) or "add it under `seeds:`",
                )
            elif claim.quote and not seed_id:
                self.add(
                    i,
                    loc.item("claims", n, "quote"),
                    "warning",
                    "quote-no-seed",
                    f"claim `{claim.id}` has a quote but no seed to check it against",
                    "add `seed: <seed-id>`",
                )
            elif claim.quote and folded.get(seed_id) is not None:
                claim = self.check_quote(i, n, claim, seed_id, folded[seed_id])  # type: ignore[arg-type]
            claims.append(replace(claim, seed=seed_id) if seed_id != claim.seed else claim)
        self.check_links(i, brief)
        return replace(brief, seeds=seeds, claims=tuple(claims))

    def check_quote(self, i: int, n: int, claim: Claim, seed_id: str, seed: FoldedSeed) -> Claim:
        span = seed.find(claim.quote)
        if span is not None:
            return replace(claim, quote_span=span)
        closest = seed.closest(claim.quote)
        self.add(
            i,
            self.located[i].item("claims", n, "quote"),
            "warning",
            "quote-not-found",
            f"the quote of `{claim.id}` is not in seed `{seed_id}`",
            f'closest passage: "{closest}"' if closest else "check the seed's text",
        )
        return claim

    def check_links(self, i: int, brief: Brief) -> None:
        if not brief.summary or "[[" not in brief.summary:
            return
        ids = {c.id for c in brief.claims}
        for match in LINK.finditer(brief.summary):
            ref = match.group(1).strip()
            other, _, claim = ref.rpartition("#")
            known = ids if not other or other == brief.id else None
            if known is None:
                continue  # links into other briefs are checked once every brief is loaded
            if claim not in known:
                self.add(
                    i,
                    self.summary_pos(brief, match.start()),
                    "warning",
                    "unknown-link",
                    f"link `[[{ref}]]` names no claim of this brief",
                    did_you_mean(claim, known) or "link to a claim id: [[claim-id]]",
                )

    def summary_pos(self, brief: Brief, at: int) -> Pos:
        text = brief.summary
        line = brief.summary_line + text.count("\n", 0, at)
        return Pos(brief.path, line, at - (text.rfind("\n", 0, at) + 1) + 1)

    # -- seeds ---------------------------------------------------------------------------------

    def seed_file(self, seed: Seed) -> Path | None:
        raw = Path(seed.path)
        if raw.is_absolute() or ".." in raw.parts or seed.path.startswith(("/", "\\", "~")):
            return None
        return self.ws.root / raw

    def read_seed(self, i: int, n: int, seed: Seed) -> tuple[Seed, FoldedSeed | None]:
        """The seed with its text, and its folded text for quote checks (None if unreadable)."""
        pos = self.located[i].item("seeds", n, "path")
        file = self.seed_file(seed)
        if file is None:
            self.add(
                i,
                pos,
                "error",
                "seed-outside",
                f"seed path `{seed.path}` leaves the workspace",
                "write a path relative to the workspace root, without `..`, e.g. seeds/x.txt",
            )
            return seed, None
        if file not in self.seed_cache:
            self.seed_cache[file] = self._read_seed_file(file, pos)
        folded, problem = self.seed_cache[file]
        if problem is not None:
            self.add(i, pos, problem.severity, problem.code, problem.message, problem.hint)
        return replace(seed, text=folded.text if folded else None), folded

    def _read_seed_file(self, file: Path, pos: Pos) -> tuple[FoldedSeed | None, Problem | None]:
        rel = self.ws.rel(file)
        if not file.exists():
            here = [p.name for p in file.parent.iterdir()] if file.parent.is_dir() else []
            return None, Problem(
                pos,
                "error",
                "seed-missing",
                f"seed file `{rel}` does not exist",
                did_you_mean(file.name, here) or "seed paths are relative to the workspace root",
            )
        if not _inside(file, self.root_real):
            return None, Problem(
                pos,
                "error",
                "seed-outside",
                f"seed `{rel}` is a link leading outside the workspace",
                "copy the document into the workspace's seeds/ folder",
            )
        try:
            if file.stat().st_size > MAX_SEED_BYTES:
                return None, Problem(
                    pos,
                    "error",
                    "seed-too-large",
                    f"seed `{rel}` is larger than 8 MiB",
                    "keep the quoted part",
                )
            data = file.read_bytes()
        except OSError as exc:
            return None, Problem(
                pos,
                "error",
                "seed-unreadable",
                f"cannot read seed `{rel}`: {exc.strerror or exc}",
                "check that it is a file you may read",
            )
        problem = None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("utf-8", "replace")
            problem = Problem(
                pos,
                "warning",
                "seed-encoding",
                f"seed `{rel}` is not UTF-8; undecodable bytes shown as �",
                "save it as UTF-8",
            )
        text = sanitize(text.replace("\r\n", "\n").replace("\r", "\n"))
        return FoldedSeed.of(text), problem

    # -- across briefs -------------------------------------------------------------------------

    def links(
        self, briefs: list[Brief], claims: dict[ClaimKey, Claim], first_with_id: dict[str, int]
    ) -> dict[ClaimKey, list[Link]]:
        links: dict[ClaimKey, list[Link]] = defaultdict(list)
        for i, brief in enumerate(briefs):
            if first_with_id.get(brief.id) != i:
                continue
            for _n, xref in enumerate(brief.xrefs):
                ok = True
                for end, key in (("from", xref.source), ("to", xref.target)):
                    if key not in claims:
                        ok = False
                        self.dangling(i, ("xrefs", xref.index, end), key, briefs, first_with_id)
                if not ok:
                    continue
                if xref.source == xref.target:
                    self.add(
                        i,
                        self.located[i].pos(("xrefs", xref.index)),
                        "warning",
                        "self-xref",
                        f"claim `{xref.source.claim}` refers to itself",
                        "point `to:` at another claim",
                    )
                    continue
                links[xref.source].append(Link(xref, outgoing=True))
                links[xref.target].append(Link(xref, outgoing=False))
            if brief.summary and "#" in brief.summary:
                self.check_remote_links(i, brief, claims, first_with_id)
        return links

    def dangling(
        self,
        i: int,
        path: tuple[str | int, ...],
        key: ClaimKey,
        briefs: list[Brief],
        first_with_id: dict[str, int],
    ) -> None:
        pos = self.located[i].pos(path)
        if key.brief not in first_with_id:
            self.add(
                i,
                pos,
                "error",
                "unknown-brief",
                f"cross-reference names brief `{key.brief}`, which is not in the workspace",
                did_you_mean(key.brief, first_with_id) or "check the brief id before `#`",
            )
            return
        target = briefs[first_with_id[key.brief]]
        where = "this brief" if target.id == briefs[i].id else f"brief `{key.brief}`"
        self.add(
            i,
            pos,
            "error",
            "unknown-claim",
            f"cross-reference names claim `{key.claim}`, which is not in {where}",
            did_you_mean(key.claim, [c.id for c in target.claims]) or "check the claim id",
        )

    def check_remote_links(
        self, i: int, brief: Brief, claims: dict[ClaimKey, Claim], first_with_id: dict[str, int]
    ) -> None:
        for match in LINK.finditer(brief.summary):
            other, _, claim = match.group(1).strip().rpartition("#")
            if other and other != brief.id and ClaimKey(other, claim) not in claims:
                what = "brief" if other not in first_with_id else "claim"
                self.add(
                    i,
                    self.summary_pos(brief, match.start()),
                    "warning",
                    "unknown-link",
                    f"link `[[{match.group(1).strip()}]]` names no {what} in the workspace",
                    "link as [[brief-id#claim-id]]",
                )


def _sorted(problems: object) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.pos.path, p.pos.line, p.pos.col, p.code)))  # type: ignore[attr-defined]
