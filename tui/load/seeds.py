"""Seed documents: reading the files briefs quote, and checking each claim's quote against one.

A seed is read once however many briefs name it, only from inside the workspace, at most
8 MiB, as UTF-8 (anything else is shown with stand-ins and a warning). Finding a quote in the
folded text, and the closest passage when it is missing, is `quotes.FoldedSeed`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..model import Claim, Pos, Problem, Seed
from ..text import sanitize
from .errors import did_you_mean
from .quotes import FoldedSeed
from .validate import Located
from .workspace import Workspace

MAX_SEED_BYTES = 8 << 20
"""Largest seed document read (8 MiB)."""


def inside(path: Path, root_real: Path) -> bool:
    """Whether `path`, links followed, stands inside `root_real` (a resolved workspace root)."""
    try:
        return path.resolve().is_relative_to(root_real)
    except (OSError, RuntimeError):
        return False


class SeedReader:
    """Reads the seed documents of one workspace, each file once."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.root_real = ws.root.resolve()
        self.cache: dict[Path, tuple[FoldedSeed | None, Problem | None]] = {}
        """Each seed file read so far: its folded text (None if unreadable) and its problem."""

    def file(self, seed: Seed) -> Path | None:
        """The seed's file in the workspace, or None when its path is written to leave it."""
        raw = Path(seed.path)
        if raw.is_absolute() or ".." in raw.parts or seed.path.startswith(("/", "\\", "~")):
            return None
        return self.ws.root / raw

    def read(self, seed: Seed, pos: Pos) -> tuple[Seed, FoldedSeed | None, Problem | None]:
        """Read a declared seed.

        Args:
            seed: The seed as declared in a brief.
            pos: Where its `path:` is written, for the problem.

        Returns:
            The seed with its text, its folded text for quote checks (None if unreadable), and
            the problem met reading it, if any, positioned at `pos`.
        """
        if "path" in seed.invalid:
            return seed, None, None  # reported where it is written: there is nothing to read
        file = self.file(seed)
        if file is None:
            return (
                seed,
                None,
                Problem(
                    pos,
                    "error",
                    "seed-outside",
                    f"seed path `{seed.path}` leaves the workspace",
                    "write a path relative to the workspace root, without `..`, e.g. seeds/x.txt",
                ),
            )
        if file not in self.cache:
            self.cache[file] = self._read_file(file, pos)
        folded, problem = self.cache[file]
        # A file read for an earlier brief carries that brief's position: report it here too.
        problem = replace(problem, pos=pos) if problem is not None else None
        return replace(seed, text=folded.text if folded else None), folded, problem

    def _read_file(self, file: Path, pos: Pos) -> tuple[FoldedSeed | None, Problem | None]:
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
        if not inside(file, self.root_real):
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


def check_quote(
    loc: Located, n: int, claim: Claim, seed_id: str, seed: FoldedSeed
) -> tuple[Claim, Problem | None]:
    """Look for the quote of a brief's n-th claim in its seed.

    Returns:
        The claim with `quote_span` set when the quote is found; else the claim unchanged and a
        `quote-not-found` warning naming the closest passage.
    """
    span = seed.find(claim.quote)
    if span is not None:
        return replace(claim, quote_span=span), None
    closest = seed.closest(claim.quote)
    return claim, Problem(
        loc.item("claims", n, "quote"),
        "warning",
        "quote-not-found",
        f"the quote of `{claim.id}` is not in seed `{seed_id}`",
        f'closest passage: "{closest}"' if closest else "check the seed's text",
    )
