"""The `brief` Textual application: loading, navigation between briefs, history."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from ..config import Config, load_config, resolve_state_path
from ..load.workspace import Workspace
from ..marks import Item, Reviews
from ..model import Brief, ClaimKey, Library
from ..review import ReadOnlyStore, ReviewStore
from .commands import BriefCommands
from .messages import LibraryLoaded, LoadFailed, LoadProgress
from .screens.brief import BriefScreen, Location
from .screens.help import HelpScreen, keys_table
from .screens.library import LibraryScreen
from .screens.problems import ProblemsScreen
from .settings import ThemeMemory, apply_config, keymap_problems
from .themes import variables_for

if TYPE_CHECKING:
    from ..search import SearchIndex

HISTORY = 200
"""Locations remembered for Backspace."""


class BriefApp(App[None]):
    """Reads a workspace of briefings; the library loads in a worker off the first frame."""

    TITLE = "brief"
    CSS_PATH = "brief.tcss"
    COMMANDS = App.COMMANDS | {BriefCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="search.open"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        state: Path | None = None,
        reviewer: str | None = None,
        config: Config | None = None,
    ) -> None:
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
        self.config_problems += apply_config(self, config, workspace.root)
        self.library: Library | None = None
        """The loaded library, once the worker is done."""
        self.reviews: Reviews | None = None
        """Review marks of the library, once loaded."""
        self.index: SearchIndex | None = None  # imported with polars, off the first frame
        """Search index over every claim, once loaded."""
        self.last_query = ""
        """The last search, offered again when `/` is pressed."""
        self.changes: list[tuple[int, str, list[Item]]] = []
        """Review changes made in this session, for `u` (batch, description, items)."""
        self.history: list[Location] = []
        """Where the reader has been, for Backspace (across briefs)."""
        self.brief_screen: BriefScreen | None = None

    def on_mount(self) -> None:
        self.push_screen(LibraryScreen())
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

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Built-in themes don't define the app's colours ($brief-*): derive them from the theme.
        return variables_for(self.current_theme)

    @work(thread=True, exclusive=True, group="load")
    def load_library(self) -> None:
        """Read every brief off the UI thread and post the result."""
        from ..load.library import build
        from ..search import SearchIndex

        try:
            library = build(
                self.workspace, lambda done, total: self.post_message(LoadProgress(done, total))
            )
            store = ReviewStore.open(self.state, self.reviewer)
            reviews = Reviews(store, library.briefs)
            index = SearchIndex.build(library)
        except Exception as exc:  # noqa: BLE001 - shown to the user, never a traceback
            self.post_message(LoadFailed(f"could not load the workspace: {exc}"))
            return
        # The library lives as long as the app: keep the collector from walking it again and
        # again (full collections over 50,000 claims took 300+ ms in the middle of typing).
        gc.collect()
        gc.freeze()
        self.post_message(LibraryLoaded(library, reviews, index))

    def on_library_loaded(self, message: LibraryLoaded) -> None:
        # A reload (after editing a brief) comes back to the same place in the new library.
        back_to = None
        if self.brief_screen is not None and self.screen is self.brief_screen:
            back_to = self.brief_screen.location()
            self.pop_screen()
        if self.reviews is not None:
            self.reviews.store.close()
        self.library = message.library
        self.reviews = message.reviews
        self.index = message.index
        self.brief_screen = None
        for text in message.reviews.store.messages:
            self.notify(text, title="Review marks", severity="warning", timeout=20, markup=False)
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_library(message.library, self.workspace.root.name, message.reviews)
        if back_to is not None:
            self.open_brief(back_to.brief, back_to.claim, pane=back_to.pane, remember=False)
        # `brief some/brief.md` opens that brief straight away.
        elif self.workspace.target.is_file() and len(message.library.briefs) == 1:
            only = message.library.briefs[0]
            self.open_brief(only.id, path=only.path, remember=False)

    def on_load_progress(self, message: LoadProgress) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.show_progress(message.done, message.total)

    def on_load_failed(self, message: LoadFailed) -> None:
        self.notify(message.reason, title="Load failed", severity="error", timeout=30, markup=False)

    # -- navigation ------------------------------------------------------------------------------

    def _brief(self, brief_id: str, path: str | None = None) -> Brief | None:
        if self.library is None:
            return None
        if path is not None:
            return next((b for b in self.library.briefs if b.path == path), None)
        return self.library.brief(brief_id)

    def _remember(self) -> None:
        if self.brief_screen is not None and self.screen is self.brief_screen:
            here = self.brief_screen.location()
            if here is not None:
                self.history.append(here)
                del self.history[:-HISTORY]

    def open_brief(
        self,
        brief_id: str,
        claim: str | None = None,
        *,
        path: str | None = None,
        pane: str = "claims",
        remember: bool = True,
    ) -> bool:
        """Show a brief (pushing the brief screen if needed); False when it does not exist."""
        brief = self._brief(brief_id, path)
        if brief is None or self.library is None:
            self.notify(f"No brief with id {brief_id!r}.", severity="warning", markup=False)
            return False
        if remember:
            self._remember()
        if self.brief_screen is None:
            self.brief_screen = BriefScreen(self.library, self.reviews)
        if self.screen is not self.brief_screen:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.push_screen(self.brief_screen)
            self.call_after_refresh(self.brief_screen.show, brief, claim, pane)
        else:
            self.brief_screen.show(brief, claim, pane)
        return True

    def go_to(self, key: ClaimKey) -> None:
        """Move the cursor to a claim, in this brief or another (Backspace comes back)."""
        if self.library is None:
            return
        if key not in self.library.claims:
            self.notify(f"No claim {key}.", severity="warning", markup=False)
            return
        self.open_brief(key.brief, key.claim, pane="claims")

    def back(self) -> None:
        """Return to the previous location; to the library when there is none."""
        if not self.history:
            if self.brief_screen is not None and self.screen is self.brief_screen:
                self.pop_screen()
            return
        where = self.history.pop()
        self.open_brief(where.brief, where.claim, pane=where.pane, remember=False)

    def open_sibling(self, step: int) -> None:
        """Open the previous/next brief in library order."""
        if self.library is None or self.brief_screen is None or self.brief_screen.brief is None:
            return
        briefs = self.library.briefs
        here = next(i for i, b in enumerate(briefs) if b.path == self.brief_screen.brief.path)
        there = here + step
        if not 0 <= there < len(briefs):
            self.bell()
            return
        self.open_brief(briefs[there].id, path=briefs[there].path)

    # -- review ----------------------------------------------------------------------------------

    def remember_change(self, batch: int, what: str, items: list[Item]) -> None:
        """Record a review change of this session so `u` can undo it."""
        self.changes.append((batch, what, items))

    def undo_last(self) -> None:
        """Undo the last review change made in this session."""
        if not self.changes or self.reviews is None:
            self.notify("Nothing to undo in this session.", timeout=3)
            return
        batch, what, items = self.changes.pop()
        try:
            self.reviews.undo(batch)
        except ReadOnlyStore as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(f"Undone: {what}.", timeout=3, markup=False)
        if isinstance(self.screen, BriefScreen):
            self.screen.after_review_change(items)

    def next_brief_needing_review(self, here: Brief, step: int) -> None:
        """Open the next (or previous) brief that has something to review, at that item."""
        if self.library is None or self.reviews is None:
            return
        briefs = [b for b in self.library.briefs if b.ok]
        index = next((i for i, b in enumerate(briefs) if b.path == here.path), 0)
        others = briefs[index + 1 :] if step > 0 else list(reversed(briefs[:index]))
        for brief in others:
            items = self.reviews.needing_review(brief.id)
            if items:
                target = items[0] if step > 0 else items[-1]
                self.open_brief(brief.id, path=brief.path)
                if self.brief_screen is not None:
                    self.call_after_refresh(self.brief_screen.go_to_item, target)
                return
        where = "after" if step > 0 else "before"
        self.notify(f"Nothing left to review {where} this point.", timeout=3)

    def show_problems(self, brief: Brief | None) -> None:
        """List the problems of one brief, or of the whole workspace."""
        if self.library is None:
            return
        if brief is None:
            self.push_screen(ProblemsScreen(self.library.problems, "the workspace"))
        else:
            self.push_screen(ProblemsScreen(brief.problems, brief.path))

    def open_link(self, url: str) -> None:
        """Open an http(s) link in the browser; refuse anything else."""
        if url.lower().startswith(("http://", "https://")):
            self.open_url(url)
            self.notify(f"Opening {url}", markup=False)
        else:
            self.notify(
                f"Refused to open {url!r}: only http(s) links are opened.",
                severity="warning",
                markup=False,
            )

    def action_search(self) -> None:
        """Open the search view over every claim; Enter jumps to the chosen claim."""
        if self.library is None or self.index is None or self.reviews is None:
            self.notify("Still loading the briefs…", timeout=2)
            return
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            return

        def chosen(key: ClaimKey | None) -> None:
            self.last_query = screen.query_text
            if isinstance(self.screen, LibraryScreen) or key is None:
                if key is not None:
                    self.open_brief(key.brief, key.claim)
                return
            self.go_to(key)

        screen = SearchScreen(self.library, self.index, self.reviews.status_of, self.last_query)
        self.push_screen(screen, chosen)

    def edit_at(self, path: str, line: int) -> None:
        """Open a workspace file in the editor at a line, then reload the workspace."""
        from .editor import edit

        if edit(self, self.config.editor, Path(self.workspace.root) / path, line):
            self.load_library()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(keys_table(self.screen)))
