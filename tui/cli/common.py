"""What the commands share: their common options, and reading the workspace a PATH names."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..model import Library, Problem
from ..text import one_line
from .group import echo

if TYPE_CHECKING:
    from ..load.workspace import Workspace

TEXT_OR_JSON = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


NO_CACHE_OPTION = click.option(
    "--no-cache",
    is_flag=True,
    help="Read every brief afresh: neither read nor write the parse cache (docs/config.md).",
)

STATE_OPTION = click.option(
    "--state",
    metavar="FILE|URI",
    type=str,
    default=None,
    help="Review marks: a SQLite file, or a postgresql:// URI naming a server a team shares "
    "(default: BRIEF_STATE, the config's state:, else the user's state folder).",
)

REVIEWER_OPTION = click.option(
    "--reviewer",
    metavar="NAME",
    default=None,
    help="Whose marks these are (default: BRIEF_REVIEWER, the config's reviewer:, else the "
    "login name).",
)


def _workspace(command: str, path: str | None, *, allow_example: bool = False) -> Workspace:
    """Resolve PATH for a command; exit 2 with where it looked when there are no briefs there.

    Args:
        command: How the command is typed, e.g. `check` or `search QUERY`, for the messages.
        path: The PATH argument, if given.
        allow_example: Fall back to the bundled example (only the reader, with no PATH).
    """
    from ..load.workspace import NoBriefs, NoWorkspace, WorkspaceError, resolve

    name = " ".join(("brief", *command.split()[:1]))
    usage = " ".join(("brief", *command.split(), "PATH"))
    try:
        return resolve(path, allow_example=allow_example)
    except NoWorkspace as exc:
        echo(f"{name}: {one_line(exc)}: run it in a workspace, or pass one: {usage}", err=True)
    except NoBriefs as exc:
        echo(
            f"{name}: {one_line(exc)}: pass a workspace (a folder holding briefs/), "
            "a folder of briefs or a brief file",
            err=True,
        )
    except WorkspaceError as exc:
        raise click.UsageError(one_line(exc)) from None
    sys.exit(2)


def _load(command: str, path: str | None, no_cache: bool) -> tuple[Workspace, Library]:
    """The workspace around PATH, and its library restricted to what PATH names.

    The whole workspace is read, so cross-references out of a single brief resolve; only the
    briefs asked for (and their problems) are reported on.
    """
    from ..load.library import build, in_scope

    workspace = _workspace(command, path)
    library = build(workspace, cache=not no_cache)
    # The command ends soon after: what the load made stays alive to the end, so the collector
    # need not walk it (its first collections after the load took ~0.1 s at 1,000 briefs).
    gc.freeze()
    return workspace, in_scope(library, workspace)


def _where(library: Library, problem: Problem) -> str:
    """A problem's path relative to where the user stands, so editors and terminals can jump."""
    full = Path(library.root) / problem.pos.path
    try:
        path = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if path.startswith("..") else path
