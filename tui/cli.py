"""The `brief` command line (DESIGN section 4).

Textual is imported only by the command that opens the reader, so `brief check` starts fast and
runs with no terminal at all.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .model import Library, Problem


class _DefaultToOpen(click.Group):
    """`brief PATH` means `brief open PATH`: any first word that is not a command is a path."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToOpen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brief-reader", prog_name="brief")
def main() -> None:
    """brief: a terminal reader for intelligence-style briefings.

    Run `brief [PATH]` to open the reader on a workspace, a folder of briefs or one brief.
    """


def _load(path: str | None) -> Library:
    from .load.library import load_library
    from .load.workspace import WorkspaceError

    try:
        return load_library(path)
    except WorkspaceError as exc:
        raise click.UsageError(str(exc)) from None


def _where(library: Library, problem: Problem) -> str:
    """A problem's path relative to where the user stands, so editors and terminals can jump."""
    full = Path(library.root) / problem.pos.path
    try:
        path = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if path.startswith("..") else path


@main.command("open")
@click.argument("path", required=False, type=click.Path())
def open_(path: str | None) -> None:
    """Open the reader (the default command)."""
    from .load.workspace import WorkspaceError, resolve

    try:
        workspace = resolve(path)
    except WorkspaceError as exc:
        raise click.UsageError(str(exc)) from None
    from .app.main import BriefApp

    BriefApp(workspace).run()


@main.command()
@click.argument("path", required=False, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def check(path: str | None, fmt: str) -> None:
    """Validate briefs: exit 0 when clean (warnings allowed), 1 with errors, 2 for bad usage."""
    library = _load(path)
    if fmt == "json":
        rows: list[dict[str, Any]] = []
        for problem in library.problems:
            rows.append({**problem.as_dict(), "path": _where(library, problem)})
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for problem in library.problems:
            pos = problem.pos
            click.echo(
                problem.format().replace(
                    str(pos), f"{_where(library, problem)}:{pos.line}:{pos.col}", 1
                )
            )
        errors, warnings = library.error_count, library.warning_count
        claims = sum(len(b.claims) for b in library.briefs)
        click.echo(
            f"{len(library.briefs)} brief{'s' * (len(library.briefs) != 1)}, {claims} claims: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
            err=False,
        )
    sys.exit(1 if library.error_count else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of briefing format v1 (for editors' YAML support)."""
    from .load.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


# --- search command: `brief search` (issue 5) ---

# --- export command: `brief export` (issue 4) ---

# --- config command: `brief config` (issue 6) ---


if __name__ == "__main__":  # pragma: no cover
    main()
