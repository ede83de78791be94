"""Seed documents: reading the files briefs quote, and checking each claim's quote against one.

A seed is read once however many briefs name it, only from inside the workspace, at most
8 MiB, as UTF-8 (anything else is shown with stand-ins and a warning). Finding a quote in the
folded text, and the closest passage when it is missing, is `quotes.FoldedSeed`.
"""

from __future__ import annotations

import errno
from dataclasses import replace
from pathlib import Path

from ..model import Claim, Pos, Problem, Seed
from ..text import sanitize
from .errors import did_you_mean
from .located import Located
from .quotes import FoldedSeed
from .textfile import ReadError, read_bytes
from .workspace import Workspace, inside

MAX_SEED_BYTES = 8 << 20
"""Largest seed document read (8 MiB)."""


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
            try:
                self.cache[file] = self._read_file(file, pos)
            except Exception as exc:  # noqa: BLE001 - one bad seed must not stop the library
                failed = Problem(
                    pos,
                    "error",
                    "seed-unreadable",
                    f"cannot read seed `{self.ws.rel(file)}`: {exc!r}",
                    "please report this with the file attached",
                )
                self.cache[file] = None, failed
        folded, problem = self.cache[file]
        # A file read for an earlier brief carries that brief's position: report it here too.
        problem = replace(problem, pos=pos) if problem is not None else None
        return replace(seed, text=folded.text if folded else None), folded, problem

    def _read_file(self, file: Path, pos: Pos) -> tuple[FoldedSeed | None, Problem | None]:
        rel = self.ws.rel(file)
        if not inside(file, self.root_real):
            return None, Problem(
                pos,
                "error",
                "seed-outside",
                f"seed `{rel}` is a link leading outside the workspace",
                "copy the document into the workspace's seeds/ folder",
            )
        # The shared reader refuses FIFOs and devices, reads at most 8 MiB + 1 byte, and turns
        # every OS refusal (a loop, a name too long, no permission) into a reason.
        data = read_bytes(file, MAX_SEED_BYTES, "keep the quoted part", what=f"seed `{rel}`")
        if isinstance(data, ReadError):
            return None, self._read_problem(file, rel, pos, data)
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

    def _read_problem(self, file: Path, rel: str, pos: Pos, error: ReadError) -> Problem:
        """The problem for a seed the shared reader could not read."""
        if error.errno == errno.ENOENT:
            try:
                here = [p.name for p in file.parent.iterdir()]
            except OSError:  # no such folder, or one that may not be listed
                here = []
            return Problem(
                pos,
                "error",
                "seed-missing",
                f"seed file `{rel}` does not exist",
                did_you_mean(file.name, here) or "seed paths are relative to the workspace root",
            )
        if error.code == "file-too-large":
            message = f"seed `{rel}` is larger than 8 MiB"
        elif error.code == "not-a-file":
            message = f"seed `{rel}`: {error.message}"
        else:
            message = error.message
        return Problem(pos, "error", _seed_code(error.code), message, error.hint)


def _seed_code(code: str) -> str:
    return {"file-too-large": "seed-too-large", "unreadable": "seed-unreadable"}.get(
        code, f"seed-{code}"
    )


def check_quote(
    loc: Located, n: int, claim: Claim, seed_id: str, seed: FoldedSeed
) -> tuple[Claim, Problem | None]:
    """Anchor the quote of a brief's n-th claim in its seed (`FoldedSeed.anchor`).

    Returns:
        The claim with its `quote_state`, `quote_similarity`, `quote_diff` and `quote_span` (the
        quote's place, or a changed quote's passage); and a warning unless it was found:
        `quote-moved`, `quote-changed` (with the similarity and the differing words) or
        `quote-orphaned` (naming the closest passage, if any, but never attaching the quote).
    """
    found = seed.anchor(claim.quote)
    claim = replace(
        claim,
        quote_span=found.span,
        quote_state=found.state,
        quote_similarity=found.similarity,
        quote_diff=found.diff,
    )
    pos = loc.item("claims", n, "quote")
    if found.state == "found":
        return claim, None
    if found.state == "moved":
        return claim, Problem(
            pos,
            "warning",
            "quote-moved",
            f"the quote of `{claim.id}` is in seed `{seed_id}`, but a paragraph break now "
            "falls inside it",
            "check that its words still belong together, or quote one paragraph",
        )
    if found.state == "changed":
        changes = "; ".join(word_change(was, now) for was, now in found.diff)
        return claim, Problem(
            pos,
            "warning",
            "quote-changed",
            f"the quote of `{claim.id}` changed in seed `{seed_id}` "
            f"({found.similarity} % similar): {changes or 'punctuation'}",
            f'seed now reads: "{_clip(found.passage)}"',
        )
    hint = "check the seed's text"
    if found.passage:
        hint = f'closest passage ({found.similarity} % similar): "{_clip(found.passage)}"'
    return claim, Problem(
        pos,
        "warning",
        "quote-orphaned",
        f"the quote of `{claim.id}` is not in seed `{seed_id}`: no passage is close enough",
        hint,
    )


def word_change(was: str, now: str) -> str:
    """One differing stretch of a changed quote: `was "X", now "Y"`, `"X" removed`, `"Y" added`."""
    if not was:
        return f'"{now}" added'
    if not now:
        return f'"{was}" removed'
    return f'was "{was}", now "{now}"'


def _clip(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
