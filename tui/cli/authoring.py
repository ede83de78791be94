"""`brief new`: scaffold a brief from a source document."""

from __future__ import annotations

import sys

import click

from ..plural import plural
from ..text import one_line
from .group import echo, main


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
    from ..author.new import NewError, plan, read_seed, scaffold, write

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
        f"brief new: {done}: {plural(sources, 'source')}, {plural(claims, 'claim')} "
        f"proposed from {seed_rel}; check each against the seed, "
        "then run `brief check`",
        err=True,
    )
    if proposal.truncated:
        echo(
            f"brief new: stopped after {plural(claims, 'claim')}; split the seed to read the rest",
            err=True,
        )
