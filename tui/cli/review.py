"""Commands on review marks: `brief export` (the status report), `history` and `state copy`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..plural import plural
from ..text import one_line, terminal_json
from .common import NO_CACHE_OPTION, REVIEWER_OPTION, STATE_OPTION, TEXT_OR_JSON, _load
from .group import echo, main


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
    from ..config import load_config, resolve_reviewer, resolve_state_path
    from ..export import as_csv, as_json, as_markdown, open_reviews, report_rows

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
    from ..config import load_config, resolve_state_path
    from ..review import ReviewStore, as_kind, describe

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
    from ..config import is_server_uri, load_config, resolve_reviewer
    from ..review import ReadOnlyStore, ReviewStore, ReviewWriteError, shown
    from ..review.transfer import copy_marks

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
        f"{done.written} of {plural(done.marks, 'mark')} of {one_line(target.reviewer)} written to "
        f"{one_line(name)} ({done.marks - done.written} already there)"
    )
