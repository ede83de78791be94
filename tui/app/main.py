"""The `brief` Textual application."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from ..load.workspace import Workspace
from ..model import Library
from .messages import LibraryLoaded, LoadFailed, LoadProgress
from .screens.library import LibraryScreen


class BriefApp(App[None]):
    """Reads a workspace of briefings; the library loads in a worker off the first frame."""

    TITLE = "brief"
    CSS_PATH = "brief.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        """What the app was asked to open."""
        self.library: Library | None = None
        """The loaded library, once the worker is done."""

    def on_mount(self) -> None:
        self.sub_title = str(self.workspace.root)
        self.push_screen(LibraryScreen())
        self.load_library()

    @work(thread=True, exclusive=True, group="load")
    def load_library(self) -> None:
        """Read every brief off the UI thread and post the result."""
        from ..load.library import build

        try:
            library = build(
                self.workspace, lambda done, total: self.post_message(LoadProgress(done, total))
            )
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            self.post_message(LoadFailed(f"could not load the workspace: {exc}"))
            return
        self.post_message(LibraryLoaded(library))

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        self.library = message.library
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_library(message.library)

    def on_load_progress(self, message: LoadProgress) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_progress(message.done, message.total)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.reason, title="Load failed", severity="error", timeout=30)
