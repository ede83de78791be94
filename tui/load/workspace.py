"""Where a workspace is and which files in it are briefs (DESIGN section 1)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BRIEF_SUFFIXES = frozenset({".md", ".yaml", ".yml"})
"""File endings read as briefs."""


class WorkspaceError(Exception):
    """The path given cannot be opened as a workspace (the message says why)."""


@dataclass(frozen=True)
class Workspace:
    """A resolved workspace: its root and the brief files to read."""

    root: Path
    """Nearest folder from the target upwards holding `briefs/` (else the target's folder)."""
    target: Path
    """What the user asked for: the root, a folder of briefs or one brief file."""
    files: tuple[Path, ...]
    """Brief files, in a stable (sorted) order."""

    def rel(self, path: Path) -> str:
        """A path as shown to the user: relative to the root, with `/` separators."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def find_root(target: Path) -> Path:
    """The workspace root for a target path (absolute, symlinks not resolved)."""
    start = target if target.is_dir() else target.parent
    for folder in (start, *start.parents):
        if (folder / "briefs").is_dir():
            return folder
    return start


def example_root() -> Path:
    """The bundled example workspace: packaged data, or the source checkout's own folder."""
    packaged = Path(__file__).resolve().parent.parent / "_example"
    if (packaged / "briefs").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]
    return checkout


def resolve(path: str | os.PathLike[str] | None) -> Workspace:
    """Resolve what `brief [PATH]` opens.

    With no path: the current folder if it holds `briefs/`, else the bundled example.

    Raises:
        WorkspaceError: the path does not exist or is not a brief or folder.
    """
    if path is None:
        cwd = Path.cwd()
        target = cwd if (cwd / "briefs").is_dir() else example_root()
    else:
        target = Path(os.path.abspath(path))
    if not target.exists():
        raise WorkspaceError(f"{path}: no such file or folder")
    if target.is_file() and target.suffix.lower() not in BRIEF_SUFFIXES:
        raise WorkspaceError(
            f"{path}: not a brief (expected a .md, .yaml or .yml file, or a folder)"
        )
    root = find_root(target)
    if target.is_file():
        files: list[Path] = [target]
    else:
        scan = target / "briefs" if target == root and (target / "briefs").is_dir() else target
        files = discover(scan)
    return Workspace(root=root, target=target, files=tuple(files))


def discover(folder: Path) -> list[Path]:
    """Every brief file under a folder, any depth; hidden folders skipped, links not followed."""
    found: list[Path] = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in BRIEF_SUFFIXES:
                found.append(Path(here) / name)
    return found
