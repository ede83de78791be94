"""Commands that read briefs: `brief open` (the reader), `check`, `schema` and `search`.

Textual is imported only inside `open`, so `brief check` starts fast and runs with no terminal.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from ..model import Library
from ..plural import plural
from ..text import one_line, terminal_json
from .common import (
    NO_CACHE_OPTION,
    REVIEWER_OPTION,
    STATE_OPTION,
    TEXT_OR_JSON,
    _load,
    _where,
    _workspace,
)
from .group import echo, main


@main.command("open")
@click.argument("path", required=False, type=click.Path())
@STATE_OPTION
@REVIEWER_OPTION
@NO_CACHE_OPTION
@click.option(
    "--no-watch",
    is_flag=True,
    help="Do not reload briefs, seeds and themes as they are saved (e reloads after editing).",
)
def open_(
    path: str | None, state: str | None, reviewer: str | None, no_cache: bool, no_watch: bool
) -> None:
    """Open the reader (the default command). Exit 1 when the reader ended on an error.

    The reader watches the workspace and shows each brief, seed and theme as it is saved."""
    if no_cache:
        from ..load.cache import set_enabled

        set_enabled(False)
    workspace = _workspace("", path, allow_example=path is None)
    from ..app.main import BriefApp
    from ..config import REVIEWER_ENV, STATE_ENV, is_server_uri

    if state and is_server_uri(state):
        # The reader takes a file path; a server URI reaches it as BRIEF_STATE would.
        os.environ[STATE_ENV], state = state.strip(), None
    who = reviewer or os.environ.get(REVIEWER_ENV, "").strip() or None
    app = BriefApp(workspace, Path(state) if state else None, who, watch=not no_watch)
    app.run()
    # Textual shows the traceback of an unhandled error and stops the app, but `run` returns
    # normally: its return code is what says so.
    if app.return_code:
        sys.exit(app.return_code)


@main.command()
@click.argument("path", required=False, type=click.Path())
@TEXT_OR_JSON
@NO_CACHE_OPTION
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite each changed quote to its seed's current words when the match is confident "
    "(docs/format.md), printing each change as a diff; every other byte stays as it was.",
)
def check(path: str | None, fmt: str, no_cache: bool, fix: bool) -> None:
    """Validate briefs: exit 0 when clean (warnings allowed), 1 with errors, 2 for bad usage.

    With --fix, rewrite changed quotes instead: exit 1 when one could not be written.
    """
    workspace, library = _load("check", path, no_cache)
    if not workspace.files:
        where = one_line(workspace.root / "briefs")
        echo(f"brief check: no brief files in {where} yet", err=True)
    if fix:
        _fix(library, fmt)
    if fmt == "json":
        rows: list[dict[str, Any]] = []
        for problem in library.problems:
            rows.append({**problem.as_dict(), "path": _where(library, problem)})
        echo(terminal_json(rows))
    else:
        # One line per problem, always: `format` shows a newline in a file name as `␊`.
        for problem in library.problems:
            echo(problem.format(_where(library, problem)))
        errors, warnings = library.error_count, library.warning_count
        claims = sum(len(b.claims) for b in library.briefs)
        echo(
            f"{plural(len(library.briefs), 'brief')}, {plural(claims, 'claim')}: "
            f"{plural(errors, 'error')}, {plural(warnings, 'warning')}",
            err=False,
        )
    sys.exit(1 if library.error_count else 0)


def _fix(library: Library, fmt: str) -> None:
    """`brief check --fix`: rewrite the changed quotes, print the diffs and what is left; exit."""
    from ..load.fix import fix_quotes

    report = fix_quotes(library)
    if fmt == "json":
        echo(terminal_json([q.as_dict() for q in report.quotes]))
    else:
        for line in report.lines():
            echo(one_line(line))
    for failure in report.failures:
        where = one_line(Path(library.root) / failure.path)
        echo(
            f"brief check --fix: could not write {where}: {one_line(failure.message)}; "
            f"{one_line(failure.hint)}",
            err=True,
        )
    sys.exit(1 if not report.ok or library.error_count else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of briefing format v1 (for editors' YAML support)."""
    from ..load.schema import json_schema

    echo(json.dumps(json_schema(), indent=2))


@main.command()
@click.argument("query")
@click.argument("path", required=False, type=click.Path())
@TEXT_OR_JSON
@NO_CACHE_OPTION
def search(query: str, path: str | None, fmt: str, no_cache: bool) -> None:
    """Search every claim (same query language as the reader; see docs/search.md).

    Exit 0 with matches, 1 with none, 2 for a bad query.
    """
    from ..search import QueryError, SearchIndex, parse

    try:
        parsed = parse(query)
    except QueryError as exc:
        echo(
            f"brief search: bad query at column {exc.position + 1}: {one_line(exc.message)}",
            err=True,
        )
        # The query is echoed under a caret; made safe, as it may hold pasted control characters
        # (one character each: the caret stays under the fault), and cut to a window around the
        # fault, as it may be a long paste.
        start = max(0, exc.position - 40)
        shown = one_line(query[start : exc.position + 40])
        lead = "…" if start else ""
        echo(f"  {lead}{shown}\n  {' ' * (len(lead) + exc.position - start)}^", err=True)
        sys.exit(2)
    index = SearchIndex.build(_load("search QUERY", path, no_cache)[1])
    results = index.search(parsed)
    rows = []
    for row in range(results.total):
        number = results.number(row)
        claim, source = index.claims[number], index.sources[number]
        rows.append((results.key(row), source.name if source else claim.source, claim, row))
    if fmt == "json":
        out = [
            {
                "brief": key.brief,
                "claim": key.claim,
                "source": name,
                "text": claim.text,
                "score": results.score(row),
                "path": claim.pos.path,
                "line": claim.pos.line,
            }
            for key, name, claim, row in rows
        ]
        echo(terminal_json(out))
    else:
        for key, name, claim, _row in rows:
            echo(f"{one_line(key)}  {one_line(name)}  {one_line(' '.join(claim.text.split()))}")
    sys.exit(0 if rows else 1)
