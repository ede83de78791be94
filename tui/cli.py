"""The `brief` command line (the commands are listed in README.md, "Command line").

Textual is imported only by the command that opens the reader, so `brief check` starts fast and
runs with no terminal at all.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .model import Library, Problem
from .text import for_terminal, one_line, terminal_json

if TYPE_CHECKING:
    from .load.workspace import Workspace

TEXT_OR_JSON = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


def echo(text: object = "", *, err: bool = False, nl: bool = True) -> None:
    """`click.echo` for everything the command line prints: made safe for a terminal first
    (a file name, a value in a problem, a review note may hold escape sequences)."""
    click.echo(for_terminal(text), err=err, nl=nl)


def _make_safe(exc: click.ClickException) -> None:
    # Click echoes what was typed in its messages (`No such option: --x…`): made safe here,
    # as the exception passes out of the group, before click prints it (click declares the
    # message final, but reads it only when it prints).
    exc.message = one_line(exc.message)  # type: ignore[misc]
    if isinstance(exc, click.BadParameter) and exc.param_hint is not None:
        hint = exc.param_hint
        exc.param_hint = one_line(hint) if isinstance(hint, str) else [one_line(h) for h in hint]


class _DefaultToOpen(click.Group):
    """`brief PATH` means `brief open PATH`: any first word that is not a command is a path."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (
            args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")
        ):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            _make_safe(exc)
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            _make_safe(exc)
            raise


@click.group(cls=_DefaultToOpen, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="brief-reader", prog_name="brief")
def main() -> None:
    """brief: a terminal reader for intelligence-style briefings.

    Run `brief [PATH]` to open the reader on a workspace, a folder of briefs or one brief.
    """


def _workspace(command: str, path: str | None, *, allow_example: bool = False) -> Workspace:
    """Resolve PATH for a command; exit 2 with where it looked when there are no briefs there.

    Args:
        command: How the command is typed, e.g. `check` or `search QUERY`, for the messages.
        path: The PATH argument, if given.
        allow_example: Fall back to the bundled example (only the reader, with no PATH).
    """
    from .load.workspace import NoBriefs, NoWorkspace, WorkspaceError, resolve

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
    from .load.library import build, in_scope

    workspace = _workspace(command, path)
    return workspace, in_scope(build(workspace, cache=not no_cache), workspace)


def _where(library: Library, problem: Problem) -> str:
    """A problem's path relative to where the user stands, so editors and terminals can jump."""
    full = Path(library.root) / problem.pos.path
    try:
        path = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if path.startswith("..") else path


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


@main.command("open")
@click.argument("path", required=False, type=click.Path())
@STATE_OPTION
@REVIEWER_OPTION
@NO_CACHE_OPTION
def open_(path: str | None, state: str | None, reviewer: str | None, no_cache: bool) -> None:
    """Open the reader (the default command). Exit 1 when the reader ended on an error."""
    if no_cache:
        from .load.cache import set_enabled

        set_enabled(False)
    workspace = _workspace("", path, allow_example=path is None)
    from .app.main import BriefApp
    from .config import REVIEWER_ENV, STATE_ENV, is_server_uri

    if state and is_server_uri(state):
        # The reader takes a file path; a server URI reaches it as BRIEF_STATE would.
        os.environ[STATE_ENV], state = state.strip(), None
    who = reviewer or os.environ.get(REVIEWER_ENV, "").strip() or None
    app = BriefApp(workspace, Path(state) if state else None, who)
    app.run()
    # Textual shows the traceback of an unhandled error and stops the app, but `run` returns
    # normally: its return code is what says so.
    if app.return_code:
        sys.exit(app.return_code)


@main.command()
@click.argument("path", required=False, type=click.Path())
@TEXT_OR_JSON
@NO_CACHE_OPTION
def check(path: str | None, fmt: str, no_cache: bool) -> None:
    """Validate briefs: exit 0 when clean (warnings allowed), 1 with errors, 2 for bad usage."""
    workspace, library = _load("check", path, no_cache)
    if not workspace.files:
        where = one_line(workspace.root / "briefs")
        echo(f"brief check: no brief files in {where} yet", err=True)
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
            f"{len(library.briefs)} brief{'s' * (len(library.briefs) != 1)}, {claims} claims: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
            err=False,
        )
    sys.exit(1 if library.error_count else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of briefing format v1 (for editors' YAML support)."""
    from .load.schema import json_schema

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
    from .search import QueryError, SearchIndex, parse

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


@main.command()
@click.argument("path", required=False, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "json", "csv"]),
    default="md",
    show_default=True,
    help="Report format.",
)
@STATE_OPTION
@REVIEWER_OPTION
@NO_CACHE_OPTION
def export(
    path: str | None, fmt: str, state: str | None, reviewer: str | None, no_cache: bool
) -> None:
    """Review status report: every summary, claim and cross-reference with every reviewer's
    mark (a row per reviewer), and a summary per reviewer."""
    from .config import load_config, resolve_reviewer, resolve_state_path
    from .export import as_csv, as_json, as_markdown, open_reviews, report_rows

    library = _load("export", path, no_cache)[1]
    settings = load_config()[0]
    who = resolve_reviewer(settings, reviewer)[0]
    reviews = open_reviews(library, resolve_state_path(settings, state)[0], who)
    for message in reviews.store.messages:
        echo(message, err=True)
    rows = report_rows(library, reviews)
    if fmt == "json":
        echo(as_json(rows))
    elif fmt == "csv":
        echo(as_csv(rows), nl=False)
    else:
        echo(as_markdown(rows, library))


def parse_item(text: str) -> tuple[str, str, str]:
    """`brief history`'s ITEM as (brief, kind, item): `BRIEF` is the brief's summary,
    `BRIEF#CLAIM` a claim, `BRIEF/XREF` a cross-reference (its id, `from>rel>to`).

    Raises:
        click.BadParameter: an empty part.
    """
    brief, slash, xref = text.partition("/")
    if slash:
        parsed = (brief, "xref", xref)
    else:
        brief, hash_, claim = text.partition("#")
        parsed = (brief, "claim", claim) if hash_ else (brief, "summary", "summary")
    if not all(parsed):
        raise click.BadParameter("expected BRIEF, BRIEF#CLAIM or BRIEF/XREF", param_hint="ITEM")
    return parsed


@main.command()
@click.argument("item")
@STATE_OPTION
@TEXT_OR_JSON
def history(item: str, state: str | None, fmt: str) -> None:
    """An item's review trail, oldest first: who changed its mark, when, how, and the content
    hash it was given for. ITEM: BRIEF (its summary), BRIEF#CLAIM, or BRIEF/XREF.

    Exit 0 with events, 1 with none. Reads only: the review file or server is not changed.
    """
    from .config import load_config, resolve_state_path
    from .review import ReviewStore, as_kind, describe

    brief, kind_name, name = parse_item(item)
    kind = as_kind(kind_name)
    assert kind is not None
    store = ReviewStore.read(resolve_state_path(load_config()[0], state)[0])
    for message in store.messages:
        echo(message, err=True)
    events = list(reversed(store.history(brief, kind, name, limit=100_000)))
    store.close()
    rows = [
        {
            "id": e.id,
            "batch": e.batch,
            "at": e.at,
            "reviewer": e.reviewer,
            "what": describe(e),
            "hash": e.after.hash if e.after else "",
            "note": e.after.note if e.after else "",
        }
        for e in events
    ]
    if fmt == "json":
        echo(terminal_json(rows))
    else:
        for r in rows:
            note = f"  note: {one_line(r['note'])}" if r["note"] else ""
            echo(
                f"{one_line(r['at'])}  {one_line(r['reviewer'])}  {r['what']}"
                f"  hash {one_line(r['hash']) or '-'}{note}"
            )
        if not rows:
            echo(f"brief history: no review events for {one_line(item)}", err=True)
    sys.exit(0 if rows else 1)


@main.group()
def state() -> None:
    """Review state: move marks between a SQLite file and a server."""


@state.command("copy")
@click.argument("src")
@click.argument("dst")
@REVIEWER_OPTION
def state_copy(src: str, dst: str, reviewer: str | None) -> None:
    """Copy one reviewer's marks from SRC to DST (each a SQLite file or a postgresql:// URI),
    idempotently: run again, it writes nothing new. Exit 0 when copied, 1 when DST could not
    take them."""
    from .config import is_server_uri, load_config, resolve_reviewer
    from .review import ReadOnlyStore, ReviewStore, ReviewWriteError, shown
    from .review.transfer import copy_marks

    who = resolve_reviewer(load_config()[0], reviewer)[0]
    source = ReviewStore.read(src if is_server_uri(src) else Path(src).expanduser(), who)
    target = ReviewStore.open(dst if is_server_uri(dst) else Path(dst).expanduser(), who)
    for message in [*source.messages, *target.messages]:
        echo(f"brief state copy: {one_line(message)}", err=True)
    name = shown(dst) if is_server_uri(dst) else dst
    try:
        done = copy_marks(source, target)
    except (ReadOnlyStore, ReviewWriteError) as exc:
        echo(f"brief state copy: {one_line(exc)}", err=True)
        sys.exit(1)
    finally:
        source.close()
        target.close()
    echo(
        f"{done.written} of {done.marks} marks of {one_line(target.reviewer)} written to "
        f"{one_line(name)} ({done.marks - done.written} already there)"
    )


@main.command("new")
@click.argument("seed", type=click.Path())
@click.option("--id", "brief_id", metavar="ID", help="Brief id (default: from the seed's name).")
@click.option(
    "--out",
    metavar="PATH",
    help="File to write (default: briefs/<id>.md in the workspace); - for standard output.",
)
@click.option("--force", is_flag=True, help="Overwrite the file if it exists.")
def new_(seed: str, brief_id: str | None, out: str | None, force: bool) -> None:
    """Scaffold a brief from a source document (see docs/new.md).

    Proposes sources and claims from its attributed sentences ("X said that ..."), with
    placeholders for grades and cross-references. Exit 0 when written, 2 for bad usage.
    """
    from .author.new import NewError, plan, read_seed, scaffold, write

    try:
        planned = plan(seed, out=out, brief_id=brief_id)
        text, warning = read_seed(planned)
        proposal, content = scaffold(planned, text)
        if planned.out is not None:
            write(planned, content, force=force)
    except NewError as exc:
        echo(f"brief new: {one_line(exc)}", err=True)
        sys.exit(2)
    if warning:
        echo(f"brief new: {one_line(warning)}", err=True)
    if planned.out is None:
        echo(content, nl=False)
    done = f"wrote {one_line(planned.rel(planned.out))}" if planned.out else "printed the brief"
    seed_rel = one_line(planned.seed_rel)
    if not proposal.claims:
        echo(
            f"brief new: no attributed sentences found in {seed_rel} (none like `X said that "
            f"...`); {done} with no claims",
            err=True,
        )
        return
    sources, claims = len(proposal.sources), len(proposal.claims)
    echo(
        f"brief new: {done}: {sources} source{'s' * (sources != 1)}, {claims} "
        f"claim{'s' * (claims != 1)} proposed from {seed_rel}; check each against the seed, "
        "then run `brief check`",
        err=True,
    )
    if proposal.truncated:
        echo(f"brief new: stopped after {claims} claims; split the seed to read the rest", err=True)


def _exists(path: Path, what: str = "file") -> str:
    try:
        if path.is_dir() and what == "folder":
            count = sum(1 for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
            return f"{count} theme file{'s' * (count != 1)}"
        if path.exists():
            return "exists"
    except OSError as exc:
        return f"cannot be read: {one_line(exc.strerror or exc)}"
    return "not created yet"


def _ui_checks(config: Any, folders: list[Path]) -> list[Problem]:
    """Checks that need the reader's own lists (binding ids, theme names), which import Textual.

    Textual is imported here, inside the command, so that `brief check` never pays for it.
    """
    from .config import check_keymap, check_theme

    try:
        from textual.theme import BUILTIN_THEMES

        from .app.keys_doc import binding_ids
        from .app.themes import load_themes
    except Exception:  # noqa: BLE001 - the UI cannot load: report the config on its own
        return []
    themes, problems = load_themes(folders)
    names = {*BUILTIN_THEMES, *(t.name for t in themes)}
    return [*problems, *check_theme(config, names), *check_keymap(config, binding_ids())]


@main.command()
def config() -> None:
    """Show the config file, theme folders and review state in use, then an example config.

    Exit 0 when the config and theme files have no errors (warnings allowed), 1 otherwise.
    """
    from .config import (
        DEFAULT_THEME,
        EXAMPLE_CONFIG,
        bundled_themes_dir,
        config_source,
        load_config,
        resolve_state_path,
        user_themes_dir,
    )

    path, origin = config_source()
    settings, problems = load_config(path)
    folders = [bundled_themes_dir(), user_themes_dir()]
    state, state_origin = resolve_state_path(settings)
    from .review import shown

    state_note = "a server" if isinstance(state, str) else _exists(state)
    rows = [
        ("config file", path, f"from {origin}; {_exists(path)}"),
        ("theme folders", folders[0], f"bundled; {_exists(folders[0], 'folder')}"),
        ("", folders[1], f"user; {_exists(folders[1], 'folder')}"),
        (
            "review state",
            shown(state) if isinstance(state, str) else state,
            f"from {state_origin}; {state_note}",
        ),
    ]
    for label, where, note in rows:
        echo(f"{label:<14} {one_line(where)}  ({one_line(note)})")
    theme_origin = "from config" if settings.theme else "default"
    echo(f"{'theme':<14} {one_line(settings.theme or DEFAULT_THEME)}  ({theme_origin})")
    keys = len(settings.keymap)
    echo(f"{'keymap':<14} {keys} binding{'s' * (keys != 1)} changed")
    problems = [*problems, *_ui_checks(settings, folders)]
    if problems:
        echo("\nProblems:")
        for problem in problems:
            echo(problem.format())
    echo("\nExample config.yaml:\n")
    echo(EXAMPLE_CONFIG, nl=False)
    sys.exit(1 if any(p.severity == "error" for p in problems) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
