"""The same-run baselines: what the reader is compared with.

- `python -m bench.bare app`: a bare Textual app, one `Static`, for the first frame.
- `python -m bench.bare echo`: a bare Textual `Input` (what is typed is drawn in it), for
  keystroke to frame (in tmux, and driven by `run_test` as the search benchmark drives the reader).
- `python -m bench.bare parse ROOT`: a bare libyaml `CSafeLoader` parse of every brief file of a
  workspace (the front matter of `.md` files, the whole of `.yaml` files), for the full load.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

READY = "bare-app-ready"
"""The bare app's text: the benchmark waits for it to be drawn."""


def app() -> None:
    """Run the bare app: one Static."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(READY)

    Bare().run()


def echo_app() -> App[None]:
    """A bare app with one `Input`, focused: each key typed is drawn in it."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Echo(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(id="query")

    return Echo()


def parse(root: Path) -> int:
    """Parse every brief file's YAML with CSafeLoader; returns how many mappings were read."""
    import yaml

    n = 0
    for path in sorted((root / "briefs").rglob("*")):
        if path.suffix not in (".md", ".yaml", ".yml"):
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("\n---\n", 1)[0].removeprefix("---\n")
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        n += isinstance(data, dict)
    return n


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "app"
    if what == "app":
        app()
    elif what == "echo":
        echo_app().run()
    elif what == "parse":
        print(parse(Path(sys.argv[2])), "mappings")
    else:
        raise SystemExit(f"unknown baseline {what!r}: app, echo or parse")


if __name__ == "__main__":
    main()
