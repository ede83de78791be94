"""The `brief` click group: `brief PATH` read as `brief open PATH`, and the `echo` every command
prints through (made safe for a terminal).

The commands register themselves on `main` in the modules next to this one; `tui/cli/__init__.py`
imports them all.
"""

from __future__ import annotations

from typing import Any

import click

from ..text import for_terminal, one_line


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
