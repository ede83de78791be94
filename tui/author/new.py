"""Where `brief new` reads and writes: the workspace, the seed inside it, the brief's file.

The workspace is the one around `--out` when it names a file, else the nearest folder from the
current one upwards that holds `briefs/`, else the one around the seed. The seed must be inside
it (links followed), since a brief's seed paths are relative to its root and never leave it. The
brief is written to `briefs/<id>.md` unless `--out` says otherwise, and an existing file is never
replaced without `force`.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..load.brief import load_brief
from ..load.schema import SLUG_PATTERN
from ..load.seeds import MAX_SEED_BYTES, inside
from ..load.textfile import ReadError, read_bytes
from ..load.workspace import BRIEF_SUFFIXES, find_root, resolve
from ..text import has_unsafe
from .scaffold import Proposal, propose, render, slug

MAX_ID = 120
"""Longest brief id (as the format allows)."""


class NewError(Exception):
    """`brief new` cannot go on; the message says why and what to do (exit status 2)."""


@dataclass(frozen=True)
class Plan:
    """What `brief new` will do."""

    root: Path
    """The workspace root."""
    seed: Path
    """The seed file (absolute)."""
    seed_rel: str
    """The seed's path relative to the root, with `/`: what `seeds:` says."""
    brief_id: str
    out: Path | None
    """The brief's file (absolute); None for standard output."""

    def rel(self, path: Path) -> str:
        """A path relative to the root, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def check_id(brief_id: str) -> str | None:
    """Why `brief_id` cannot be a brief id, or None when it can."""
    if not re.fullmatch(SLUG_PATTERN, brief_id):
        return (
            "an id starts with a letter or digit and holds only letters, digits, `-`, `_` and "
            "`.` (no spaces)"
        )
    if len(brief_id) > MAX_ID:
        return f"an id has at most {MAX_ID} characters"
    return None


def _workspace_of(start: Path) -> Path | None:
    """The nearest folder from `start` (or its nearest existing parent) upwards with `briefs/`."""
    while not start.exists() and start != start.parent:
        start = start.parent
    root = find_root(start)
    return root if (root / "briefs").is_dir() else None


def plan(
    seed: str, *, out: str | None = None, brief_id: str | None = None, cwd: Path | None = None
) -> Plan:
    """Decide where the brief goes and check that it may.

    Args:
        seed: The SEED argument.
        out: `--out`: a file, `-` for standard output, or None for `briefs/<id>.md`.
        brief_id: `--id`, or None for one made from the seed's file name.
        cwd: The current folder (for tests).

    Raises:
        NewError: a bad id, no workspace, a seed outside it or unreadable, an id already used.
    """
    cwd = cwd or Path.cwd()
    if brief_id is not None and (why := check_id(brief_id)) is not None:
        raise NewError(f"--id `{brief_id}` is not a usable id: {why}")
    seed_abs = Path(os.path.abspath(cwd / seed))
    out_abs = None if out in (None, "-") else Path(os.path.abspath(cwd / str(out)))
    if out_abs is not None:
        root = _workspace_of(out_abs.parent)
        if root is None:
            raise NewError(
                f"no briefs/ folder at {out_abs.parent} or above: --out must name a file inside "
                "a workspace (a folder holding briefs/)"
            )
    else:
        root = _workspace_of(cwd) or _workspace_of(seed_abs.parent)
        if root is None:
            raise NewError(
                f"no briefs/ folder in {cwd} (or above), nor above the seed: run it in a "
                "workspace (a folder holding briefs/ and seeds/)"
            )
    seed_rel = _seed_rel(seed_abs, root, seed)
    if brief_id is None:
        brief_id = slug(seed_abs.stem, MAX_ID) or "brief"
    if out == "-":
        target = None
    elif out_abs is not None:
        target = out_abs
        if target.suffix.lower() != ".md":
            raise NewError(f"--out `{out}` must end in .md (brief new writes a Markdown brief)")
    else:
        target = root / "briefs" / f"{brief_id}.md"
    if target is not None and os.path.normcase(target.resolve()) == os.path.normcase(
        seed_abs.resolve()
    ):
        raise NewError(f"--out `{out}` is the seed itself: choose another file")
    result = Plan(root, seed_abs, seed_rel, brief_id, target)
    _check_id_is_free(result)
    return result


def _seed_rel(seed_abs: Path, root: Path, given: str) -> str:
    """The seed's path relative to the root, or NewError when it is not inside it."""
    rel = None
    for path, base in ((seed_abs, root), (seed_abs.resolve(), root.resolve())):
        try:
            rel = path.relative_to(base).as_posix()
            break
        except ValueError:
            continue
    if rel is None or not inside(seed_abs, root.resolve()):
        raise NewError(
            f"seed `{given}` is outside the workspace {root}: briefs quote only documents "
            f"inside it; copy it into {root / 'seeds'}/ and run `brief new seeds/{seed_abs.name}`"
        )
    if has_unsafe(rel) or rel.startswith("~"):
        raise NewError(f"seed `{given}`: rename it (its name holds characters briefs refuse)")
    first = rel.split("/", 1)[0]
    if first == "briefs" and seed_abs.suffix.lower() in BRIEF_SUFFIXES:
        raise NewError(
            f"seed `{given}` is inside briefs/, where it would be read as a brief: move it "
            "into seeds/"
        )
    return rel


def _check_id_is_free(plan: Plan) -> None:
    """NewError when another brief of the workspace already has the id."""
    try:
        files = resolve(plan.root).files
    except Exception:  # noqa: BLE001 - no briefs to clash with: `brief check` says the rest
        return
    skip = os.path.normcase(plan.out) if plan.out is not None else None
    for file in files:
        if skip is not None and os.path.normcase(file) == skip:
            continue  # the file being replaced (--force)
        rel = plan.rel(file)
        brief = load_brief(file, rel).brief
        if brief.ok and brief.id == plan.brief_id:
            raise NewError(
                f"brief id `{plan.brief_id}` is already used by {rel}: choose another with --id"
            )


def read_seed(plan: Plan) -> tuple[str, str | None]:
    """The seed's text as the loader reads it, and a warning when it is not UTF-8.

    Raises:
        NewError: the seed cannot be read (missing, a folder, a FIFO, over 8 MiB).
    """
    data = read_bytes(
        plan.seed, MAX_SEED_BYTES, "keep the part you will quote", what=f"seed `{plan.seed_rel}`"
    )
    if isinstance(data, ReadError):
        if data.errno == errno.ENOENT:
            raise NewError(f"seed `{plan.seed_rel}` does not exist")
        raise NewError(f"seed `{plan.seed_rel}`: {data.message}; {data.hint}")
    warning = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
        warning = f"seed `{plan.seed_rel}` is not UTF-8; undecodable bytes are read as �"
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def scaffold(plan: Plan, text: str) -> tuple[Proposal, str]:
    """The proposal read from the seed's text, and the brief written from it."""
    proposal = propose(text)
    return proposal, render(proposal, brief_id=plan.brief_id, seed_path=plan.seed_rel)


def write(plan: Plan, content: str, *, force: bool = False) -> None:
    """Write the brief to `plan.out`, never over an existing file unless `force`.

    Raises:
        NewError: the file exists (and not `force`), or cannot be written.
    """
    assert plan.out is not None
    out = plan.out
    shown = plan.rel(out)
    data = content.encode("utf-8")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not force:
            with open(out, "xb") as handle:  # O_EXCL: never replaces, not even a link
                handle.write(data)
            return
        if out.is_dir():
            raise NewError(f"{shown} is a folder: --out must name a file")
        fd, temp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, out)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise NewError(f"{shown} already exists; pass --force to overwrite it") from None
    except OSError as exc:
        raise NewError(f"cannot write {shown}: {exc.strerror or exc}") from None
