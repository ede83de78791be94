"""The same-run baselines: what the reader is compared with.

- `python -m bench.bare app`: a bare Textual app, one `Static`, for the first frame.
- `python -m bench.bare lookalike [N]`: a bare Textual app drawing what the library screen draws
  first (a title and status line, a bordered table of one brief, a bordered preview, a footer of
  keys), with none of `brief`'s code: the floor under `brief`'s first frame; with N, it then
  lists N two-line rows: the floor under a list of N briefs with nothing to load.
- `python -m bench.bare echo`: a bare Textual `Input` (what is typed is drawn in it), for
  keystroke to frame (in tmux, and driven by `run_test` as the search benchmark drives the reader).
- `python -m bench.bare parse ROOT`: a bare libyaml `CSafeLoader` parse of every brief file of a
  workspace (the front matter of `.md` files, the whole of `.yaml` files), for the full load.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

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


LOOKALIKE_READY = "lookalike-ready"
"""The lookalike's status line: the benchmark waits for it to be drawn."""
LOOKALIKE_LISTED = "rows listed"
"""The lookalike's status line once its rows are in."""


def lookalike(rows: int = 0) -> None:
    """Run the lookalike: the library screen's widgets, laid out and styled as it does; with
    `rows`, it then lists that many briefs (two lines each, as a title and its tags) and says
    `LOOKALIKE_LISTED` once they are in: the floor under a library list with nothing to load."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.containers import Container, Horizontal, Vertical
    from textual.widgets import DataTable, Footer, Static

    class Lookalike(App[None]):
        CSS = """
        #head { height: 1; }
        #title { width: auto; padding: 0 1; text-style: bold; color: $text-primary; }
        #status { width: 1fr; color: $text-muted; }
        #body { height: 1fr; layout: horizontal; }
        #list { width: 1fr; height: 1fr; border: round $accent; border-title-color: $accent; }
        #side { width: 48; height: 1fr; border: round $foreground 30%; padding: 0 1; }
        DataTable { height: 1fr; }
        """
        BINDINGS: ClassVar[list[BindingType]] = [
            Binding("enter", "noop", "Open"),
            Binding("f", "noop", "Filter"),
            Binding("s", "noop", "Sort"),
            Binding("slash", "noop", "Search"),
            Binding("question_mark", "noop", "Help"),
            Binding("q", "quit", "Quit"),
        ]

        def compose(self) -> ComposeResult:
            with Horizontal(id="head"):
                yield Static("brief", id="title")
                yield Static(LOOKALIKE_READY, id="status")
            with Container(id="body"):
                with Vertical(id="list") as box:
                    box.border_title = "Briefs · 1"
                    table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
                    yield table
                with Vertical(id="side") as side:
                    side.border_title = "Preview"
                    yield Static("Will North Korea refuse to provide troops to Russia?")
            yield Footer(compact=True)

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("Date", "Title", "Claims", "Reviewed", "Problems")
            title = "Will North Korea refuse to provide troops?"
            table.add_row("2024-11-04", title, "9", "0/21", "")
            if rows:
                self.call_after_refresh(self.list_rows)

        def list_rows(self) -> None:
            from rich.text import Text

            table = self.query_one(DataTable)
            table.clear()
            for n in range(rows):
                title = Text(f"Brief number {n} on troops, rail and supply lines near Kursk")
                title.append("\n#troops #logistics", style="italic dim")
                day = f"2024-{1 + n % 12:02}-{1 + n % 28:02}"
                cells = (Text(day), title, Text("50"), Text("0/89"), Text(""))
                table.add_row(*cells, key=str(n), height=2)
            self.query_one("#status", Static).update(f"{rows:,} {LOOKALIKE_LISTED}")

        def action_noop(self) -> None:
            pass

    Lookalike().run()


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
    elif what == "lookalike":
        lookalike(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    elif what == "echo":
        echo_app().run()
    elif what == "parse":
        print(parse(Path(sys.argv[2])), "mappings")
    else:
        raise SystemExit(f"unknown baseline {what!r}: app, lookalike, echo or parse")


if __name__ == "__main__":
    main()
