"""Where a workspace is and which files in it are briefs.

A workspace is the nearest folder, from the path given upwards, that holds `briefs/`; seed paths
in briefs are relative to it, so `brief check briefs`, `brief check .` and `brief check
briefs/x.md` resolve `seeds/...` the same way.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from ..model import Pos, Problem

BRIEF_SUFFIXES = frozenset({".md", ".yaml", ".yml"})
"""File endings read as briefs."""


class WorkspaceError(Exception):
    """The path given cannot be opened as a workspace (the message says why)."""


class NoWorkspace(WorkspaceError):
    """No PATH was given and there is no `briefs/` folder in the current folder or above."""

    def __init__(self, folder: Path) -> None:
        super().__init__(f"no briefs/ folder in {folder} (or above)")
        self.folder = folder
        """The folder the search started from (the current folder)."""


class NoBriefs(WorkspaceError):
    """A folder was given that holds no brief file at all (and is not a workspace root)."""

    def __init__(self, folder: Path, root: Path | None) -> None:
        if root is None:
            where = "no briefs/ folder there or above, and no brief files (.md, .yaml, .yml) in it"
        else:
            where = f"no brief files (.md, .yaml, .yml) in it (workspace {root})"
        super().__init__(f"{folder}: {where}")
        self.folder = folder
        """The folder that was searched."""
        self.root = root
        """The workspace around it, if any."""


@dataclass(frozen=True)
class Workspace:
    """A resolved workspace: its root, every brief file of it, and the part the user asked for."""

    root: Path
    """Nearest folder from the target upwards holding `briefs/` (else the target's folder)."""
    target: Path
    """What the user asked for: the root, a folder of briefs or one brief file."""
    files: tuple[Path, ...]
    """Every brief file of the workspace (plus the target's, when it lies outside `briefs/`), in
    a stable order that does not depend on the target."""
    scope: tuple[str, ...] | None = None
    """The briefs the user asked for, as paths relative to the root (as `rel` gives them, and
    as `Brief.path` holds them); None means every file. Use `in_scope`."""
    example: bool = False
    """True when no PATH was given, the current folder has no `briefs/`, and the bundled example
    was opened instead (only the reader does that)."""
    problems: tuple[Problem, ...] = ()
    """Problems of the workspace itself, each positioned at the folder it is about: a folder of
    briefs that could not be listed (its briefs are missing from `files`)."""

    def rel(self, path: Path) -> str:
        """A path as shown to the user: relative to the root, with `/` separators."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    @cached_property
    def _scope_set(self) -> frozenset[str] | None:
        return None if self.scope is None else frozenset(self.scope)

    def in_scope(self, rel_path: str) -> bool:
        """Whether a brief (by its path relative to the root) is among those asked for."""
        scope = self._scope_set
        return scope is None or rel_path in scope

    @property
    def whole(self) -> bool:
        """True when the user asked for the whole workspace (every file is in scope)."""
        return self.scope is None or len(self.scope) == len(self.files)

    @property
    def target_file(self) -> str | None:
        """The brief file asked for, relative to the root (None when a folder was asked for)."""
        return None if _is_dir(self.target) else self.rel(self.target)


def _is_dir(path: Path) -> bool:
    """Whether a path is a folder (links followed); False when it cannot be told."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _nearest(start: Path) -> Path | None:
    """The nearest folder from `start` upwards that holds `briefs/`, if any."""
    for folder in (start, *start.parents):
        if (folder / "briefs").is_dir():
            return folder
    return None


def find_root(target: Path) -> Path:
    """The workspace root for a target path (absolute, symlinks not resolved)."""
    start = target if target.is_dir() else target.parent
    return _nearest(start) or start


def example_root() -> Path:
    """The bundled example workspace: packaged data, or the source checkout's own folder."""
    packaged = Path(__file__).resolve().parent.parent / "_example"
    if (packaged / "briefs").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    return checkout


def resolve(path: str | os.PathLike[str] | None, *, allow_example: bool = False) -> Workspace:
    """Resolve what `brief [PATH]` opens.

    With no path: the nearest folder from the current one upwards that holds `briefs/`; failing
    that, the bundled example when `allow_example` (only the reader passes it).

    A brief file or a folder inside a workspace is read with the whole workspace around it (so
    cross-references into other briefs resolve); `scope` says which briefs were asked for. A file
    outside any workspace is read on its own; a folder outside any workspace is the root.

    Raises:
        NoWorkspace: no path, no workspace here or above, and no example allowed.
        NoBriefs: the path is a folder with no brief file in it (a workspace whose `briefs/` is
            empty is not an error: it has 0 briefs).
        WorkspaceError: the path does not exist or is not a brief or folder.
    """
    example = False
    if path is None:
        cwd = Path.cwd()
        found = _nearest(cwd)
        if found is None:
            if not allow_example:
                raise NoWorkspace(cwd)
            found, example = example_root(), True
        target = found
    else:
        target = Path(os.path.abspath(path))
    try:
        exists = target.exists()
    except OSError as exc:  # a name too long, a folder on the way that may not be entered
        raise WorkspaceError(f"{path}: {exc.strerror or exc}") from None
    if not exists:
        if target.is_symlink():
            raise WorkspaceError(f"{path}: a link to nothing (or a symlink loop)")
        raise WorkspaceError(f"{path}: no such file or folder")
    # Anything that is not a folder is read as a brief file: the reader says what is wrong with
    # a FIFO or a device, instead of it being searched as a folder.
    is_file = not _is_dir(target)
    if is_file and target.suffix.lower() not in BRIEF_SUFFIXES:
        raise WorkspaceError(
            f"{path}: not a brief (expected a .md, .yaml or .yml file, or a folder)"
        )
    root = find_root(target)
    in_workspace = _is_dir(root / "briefs")
    problems: list[Problem] = []
    files = discover(root / "briefs", problems, root) if in_workspace else []
    if is_file:
        asked = [target]
    elif in_workspace and target in (root, root / "briefs"):
        asked = list(files)
    else:
        asked = discover(target, problems, root)
        if not asked and not problems:
            raise NoBriefs(target, root if in_workspace else None)
    known = {os.path.normcase(f): f for f in files}
    scope: list[Path] = []
    for file in asked:
        key = os.path.normcase(file)
        if key not in known:  # outside `briefs/` (or hidden there): read it too, after the rest
            known[key] = file
            files.append(file)
        scope.append(known[key])
    unique = tuple({p.pos.path: p for p in problems}.values())  # a folder listed twice
    ws = Workspace(root=root, target=target, files=tuple(files), example=example, problems=unique)
    return replace(ws, scope=tuple(ws.rel(f) for f in scope))


def discover(
    folder: Path, problems: list[Problem] | None = None, root: Path | None = None
) -> list[Path]:
    """Every brief file under a folder, any depth; hidden folders skipped, links not followed.

    Anything that is not a folder counts, FIFOs and devices too: reading refuses them, with a
    problem the user sees, instead of them vanishing from the library.

    Args:
        folder: Where to look.
        problems: Where to add a problem for each folder that cannot be listed (positioned at
            the folder, relative to `root`); without it such a folder is skipped silently.
        root: The workspace root, for the positions (default: `folder`).
    """
    found: list[Path] = []

    def unlisted(exc: OSError) -> None:
        if problems is not None:
            problems.append(folder_problem(Path(exc.filename or folder), exc, root or folder))

    for here, dirs, names in os.walk(folder, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in BRIEF_SUFFIXES:
                found.append(Path(here) / name)
    return found


def folder_problem(folder: Path, exc: OSError, root: Path) -> Problem:
    """The problem for a folder of briefs that cannot be listed (the briefs in it are not read)."""
    try:
        shown = folder.relative_to(root).as_posix()
    except ValueError:
        shown = folder.as_posix()
    if exc.errno == errno.ELOOP:
        reason = "symlink loop"
    elif exc.errno == errno.ENAMETOOLONG:
        reason = "file name too long"
    else:
        reason = exc.strerror or str(exc)
    return Problem(
        Pos(shown, 1, 1),
        "error",
        "folder-unreadable",
        f"cannot list the folder `{shown}`: {reason}; the briefs in it were not read",
        "check that you may read and enter the folder",
    )


def inside(path: Path, root_real: Path) -> bool:
    """Whether `path`, links followed, stands inside `root_real` (a resolved workspace root).

    A symlink loop leads nowhere, so it does not leave the workspace: reading it reports the loop.
    """
    try:
        return path.resolve().is_relative_to(root_real)
    except RuntimeError:  # "Symlink loop from ...": the OS refuses to open it the same way
        return True
    except OSError:
        return False


class Within:
    """Whether brief files stand inside the workspace, links followed (`workspace.inside`), with
    each folder resolved once: resolving every file's whole path again took ~0.1 s of a warm
    1,000-brief load (issue 12). A file that is itself a link is resolved in full."""

    def __init__(self, root_real: Path) -> None:
        self.root_real = root_real
        self.folders: dict[Path, Path] = {}

    def __call__(self, file: Path) -> bool:
        try:
            if file.is_symlink():
                return inside(file, self.root_real)
            folder = self.folders.get(file.parent)
            if folder is None:
                folder = self.folders[file.parent] = file.parent.resolve()
        except (OSError, RuntimeError):  # a loop, an unreadable folder: as `inside` says
            return inside(file, self.root_real)
        return (folder / file.name).is_relative_to(self.root_real)
