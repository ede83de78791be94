"""The `brief` Textual application: loading, navigation between briefs, history."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel

from ..config import Config, load_config, resolve_state_path
from ..history import History
from ..load.cache import cache_root
from ..load.changes import Changes, Reloader, watched_folders
from ..load.workspace import Workspace
from ..model import Library
from ..review import Item, Reviews
from ..text import for_terminal, one_line
from .loading import Loading
from .messages import (
    BriefsListed,
    EditFile,
    LibraryLoaded,
    LoadFailed,
    LoadProgress,
    MarksChanged,
)
from .navigation import if_imported
from .screens.library import LibraryScreen
from .searching import Searching
from .settings import ThemeMemory, apply_config, keymap_problems
from .styles import FIRST, read_later
from .themes import variables_for
from .watch import LiveReload, WorkspaceWatcher, refresh_brief_screen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from ..search import SearchIndex

HISTORY = 200
"""Locations remembered for Backspace."""


def _brief_commands() -> type[Provider]:
    # The palette's provider, imported when the palette first opens.
    from .commands import BriefCommands

    return BriefCommands


class BriefApp(Loading, LiveReload, Searching):
    """Reads a workspace of briefings; the library loads in a worker off the first frame."""

    TITLE = "brief"
    CSS_PATH = FIRST  # the other screens' rules once the first frame is out (styles.py)
    COMMANDS = App.COMMANDS | {_brief_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        # A priority binding runs as the key is read, so what is typed right after `/` already
        # goes to the search screen (a normal binding waits for the focused widget's queue,
        # and the query typed in the same burst went to the library instead).
        Binding("slash", "search", "Search", id="search.open", priority=True),
    ]

    def __init__(
        self,
        workspace: Workspace,
        state: Path | str | None = None,
        reviewer: str | None = None,
        config: Config | None = None,
        watch: bool = False,
    ) -> None:
        """`watch`: reload what changes in the workspace as it is saved (`brief open` watches
        unless `--no-watch`)."""
        super().__init__()
        self.workspace = workspace
        """What the app was asked to open."""
        if config is None:
            config, self.config_problems = load_config()
        else:
            self.config_problems = []
        self.config = config
        """The user's settings (config.yaml)."""
        self.state = resolve_state_path(config, str(state) if state else None)[0]
        """The review database."""
        self.reviewer = reviewer or config.reviewer
        """Name written with review marks (None: the login name)."""
        # Themes and keymap apply before the first frame, so nothing flashes in the wrong colours.
        default_theme = self.theme
        self.config_problems += apply_config(self, config, workspace.root)
        # The stylesheet was made in Textual's default theme's colours: parsed in the config's
        # from the first, and the re-parse Textual queued for the change is skipped.
        self._css_fresh = self.theme != default_theme
        if self._css_fresh:
            self.stylesheet.set_variables(self.get_css_variables())
        self.library: Library | None = None
        """The loaded library, once the worker is done."""
        self.reviews: Reviews | None = None
        """Review marks of the library, once loaded."""
        self.index: SearchIndex | None = None  # imported with polars, off the first frame
        """Search index over every claim, once loaded."""
        self.last_query = ""
        """The last search, offered again when `/` is pressed."""
        self.saved_searches: dict[str, str] = dict(config.searches)
        """Saved searches (config.yaml's `searches:`), name -> query: the palette and the
        library offer them."""
        self.history = History(HISTORY)
        """Where the reader has been, for Backspace (across briefs)."""
        self._opened_target = False
        self._note = "no briefs/ here: showing the bundled example · " if workspace.example else ""
        self._reloader = Reloader(workspace)  # every load goes through it, re-reading what changed
        self._stand_ins: frozenset[str] = frozenset()
        self._shown_build = 0
        self._store_said: tuple[str, ...] = ()
        # The review database (a file, unless on a server) and the parse cache never count.
        skip = [cache_root(), *([self.state] if isinstance(self.state, Path) else [])]
        self.watcher = (
            WorkspaceWatcher(self, workspace.root, lambda: self.library, skip) if watch else None
        )
        """Watches the workspace for live reload (None with `--no-watch`)."""

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen())
        self.call_after_refresh(read_later, self)  # the other screens' CSS, once drawn
        # The loader's imports (PyYAML, pydantic's models) in the worker thread would hold the
        # GIL while the first frame is drawn: the worker waits for the frame to be out.
        self._drawn = threading.Event()
        self._shown = threading.Event()  # a loaded library is drawn (`on_library_loaded`)
        self.call_after_refresh(self._drawn.set)
        self.load_library()
        # Subscribed after mount: from here on it fires only when the user picks a theme.
        self.theme_changed_signal.subscribe(self, ThemeMemory(self, self.config.theme))
        self.call_after_refresh(self._report_config)

    def _report_config(self) -> None:
        problems = self.config_problems + keymap_problems(self.config)
        if problems:
            shown = "\n".join(p.format() for p in problems[:5])
            more = f"\n…and {len(problems) - 5} more." if len(problems) > 5 else ""
            self.notify(
                f"{shown}{more}\nRun `brief config` for details.",
                title="Settings",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, from anywhere (the app, a screen, a widget, Textual itself), is
        made safe for the terminal here: a message may echo a file name, a theme or config
        value, a review database's text or a link. The title is kept to one line.

        Untrusted text must still be sent with `markup=False`: making it safe for the terminal
        does not make it safe as markup (Textual's own messages use markup, so it is kept).
        """
        super().notify(
            for_terminal(message),
            title=one_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Built-in themes don't define the app's colours ($brief-*): derive them from the theme.
        return variables_for(self.current_theme)

    def refresh_css(self, animate: bool = True) -> None:
        """Textual's, but for the one it queues as the config's theme is set, before the App
        runs: the stylesheet has that theme's colours already (`__init__`), and re-parsing
        every rule for nothing took ~5 ms before the first frame (issue 12)."""
        if self._css_fresh:
            self._css_fresh = False
            return
        super().refresh_css(animate)

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        self.call_after_refresh(self._shown.set)  # the load worker goes on once it is drawn
        if message.build < self._shown_build:
            message.reviews.close()  # saves in a burst: a later build is on screen already
            self._freeze_later()  # the worker froze this build with the rest: it can go
            return
        self._shown_build = message.build
        first = self.library is None
        old = self.reviews
        if old is not None:
            # Once the marks still queued on it are written: `u` goes on undoing them.
            old.pending.when_idle(lambda: message.reviews.carry_from(old))
            old.close()
        self.library = message.library
        self.reviews = message.reviews
        message.reviews.subscribe(self._marks_changed)
        message.reviews.server_listeners.append(self._server_changed)
        if message.index is not None:
            self.index = message.index
        said = tuple(message.reviews.store.messages)
        for text in said if said != self._store_said else ():  # not again at every reload
            self.notify(text, title="Review marks", severity="warning", timeout=20, markup=False)
        self._store_said = said
        problems = if_imported("tui.app.screens.problems", "ProblemsScreen")
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                name = "example" if self.workspace.example else self.workspace.root.name
                screen.show_library(message.library, name, message.reviews, self._note)
            elif problems is not None and isinstance(screen, problems):
                screen.show(message.library)
        self.follow_searches()
        # The library lives as long as the app: once loaded, freeze it so the collector stops
        # walking it again and again (full collections over 50,000 claims took 300+ ms in the
        # middle of typing). Unfreeze at once, so what the previous load froze can go; freeze
        # a little later, when the previous screens are truly gone (the event loop holds them
        # for a moment through cancelled timers): frozen with them, the old library stayed
        # alive for good, one more on every edit. The first load has nothing before it to let
        # go: unfrozen, the collection that followed walked the library and every review mark
        # (~0.1 s at 1,000 briefs fully reviewed, as the list was about to be drawn).
        self._freeze_later(unfreeze=not first)
        # A reload (an edit, a save seen by the watcher) keeps the reader where it is.
        here = self.brief_screen
        if here is not None and not refresh_brief_screen(here, message.library, message.reviews):
            gone = here.brief.path if here.brief is not None else "the brief"
            self._pop_to_library()
            self.notify(
                f"{gone} was removed or renamed: back to the library.",
                title="Brief removed",
                severity="warning",
                markup=False,
            )
        self._said_stand_ins(message.stand_ins)
        if self.watcher is not None:
            self.watcher.watch(watched_folders(self._reloader.workspace, message.library))
        # `brief some/brief.md` opens that brief straight away.
        if here is None and self.workspace.target.is_file() and not self._opened_target:
            self._opened_target = True
            rel = self.workspace.rel(self.workspace.target)
            brief = next((b for b in message.library.briefs if b.path == rel), None)
            if brief is not None:
                self._open(brief.id, brief.path, remember=False)

    def _marks_changed(self, items: list[Item]) -> None:
        # A `Reviews` listener, called on the thread that wrote: hand over to the UI thread.
        self.post_message(MarksChanged(items))

    def _server_changed(self, up: bool, said: str) -> None:
        # Called on the live follower's thread when a shared server goes or comes back:
        # `notify` only posts a message, which is safe from any thread.
        severity: SeverityLevel = "information" if up else "warning"
        self.notify(said, title="Review server", severity=severity, timeout=20, markup=False)

    def on_marks_changed(self, message: MarksChanged) -> None:
        # A mark may land after its brief screen was left: the library's progress catches up.
        if isinstance(self.screen, LibraryScreen):
            self.screen.follow_marks()

    def on_load_progress(self, message: LoadProgress) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_progress(message.done, message.total)

    def on_briefs_listed(self, message: BriefsListed) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.list_briefs(message.briefs)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(
            f"Could not load the workspace: {message.reason}",
            title="Load failed",
            severity="error",
            timeout=30,
            markup=False,
        )
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_failure(message.reason)

    def on_edit_file(self, message: EditFile) -> None:
        from .editor import edit

        if edit(self, self.config.editor, Path(self.workspace.root) / message.path, message.line):
            self._reloader.note(Changes(everything=True))  # the editor may have written anything
            self.load_library()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":
            # `/` typed into a text field (a note, the query itself) is a character.
            from textual.widgets import Input

            return not isinstance(self.focused, Input)
        return True

    def action_help(self) -> None:
        """Open the help: every key by where it works, and the legend."""
        from .screens.help import HelpScreen, keys_table

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(keys_table(self.screen, self.config.keymap)))

    def action_show_help_panel(self) -> None:
        """One help: whatever asks for Textual's keys panel gets ours."""
        self.action_help()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands that fit the reader: Theme and Quit (with their keys).

        "Keys" (Textual's keys panel) would be a second help beside `?`; "Maximize" is `z` on
        the brief screen (offered there by the reader's own commands); "Screenshot" is for
        Textual's developers, not for analysts.
        """
        from .keys_doc import key_displays

        quit_binding = next(
            b for b in self.BINDINGS if isinstance(b, Binding) and b.id == "app.quit"
        )
        quit_keys = key_displays(self, quit_binding, self.config.keymap)
        for command in super().get_system_commands(screen):
            if command.title == "Theme":
                yield command
            elif command.title == "Quit":
                # Named like the reader's own commands: the name, then its keys.
                yield SystemCommand(
                    f"Quit  ·  {quit_keys}, ctrl+q", "Leave the reader", command.callback
                )

    def search_themes(self) -> None:
        """The theme picker, starting on the theme in use."""
        from textual.command import CommandPalette

        from .commands import ThemeChoices

        self.push_screen(CommandPalette(providers=[ThemeChoices], placeholder="Search for themes…"))
