"""Navigation: the App's handlers of the requests screens post (open a brief, go to a claim,
back, next brief, next to review, problems, links). `BriefApp` inherits them; the state they
move through (the library, the marks, the history) belongs to it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from textual.app import App

from ..history import History, Pane
from ..model import Brief, ClaimKey, Library
from ..review import Reviews
from .messages import (
    GoBack,
    GoToClaim,
    NextToReview,
    OpenBrief,
    OpenLink,
    OpenSibling,
    ShowProblems,
)
from .screens.library import LibraryScreen

if TYPE_CHECKING:
    from .screens.brief import BriefScreen


def if_imported(module: str, name: str) -> type[Any] | None:
    """A screen class if its module was imported (else no such screen exists): None otherwise.

    Checking what is on the screen stack this way imports nothing before it is needed.
    """
    found = sys.modules.get(module)
    return getattr(found, name, None) if found is not None else None


class Navigator(App[None]):
    """Carries out navigation requests; `BriefApp` supplies the loaded state."""

    library: Library | None
    reviews: Reviews | None
    history: History

    # -- navigation: screens post requests, the App carries them out ----------------------------

    @property
    def brief_screen(self) -> BriefScreen | None:
        """The brief screen, when one is open (it may be under a dialog or the help)."""
        screen_class = if_imported("tui.app.screens.brief", "BriefScreen")
        if screen_class is None:
            return None
        return next((s for s in self.screen_stack if isinstance(s, screen_class)), None)

    def _pop_to_library(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    def _brief(self, brief_id: str, path: str | None = None) -> Brief | None:
        if self.library is None:
            return None
        if path is not None:
            found = next((b for b in self.library.briefs if b.path == path), None)
            if found is not None:
                return found
        return self.library.brief(brief_id)

    def _open(
        self,
        brief_id: str,
        path: str | None = None,
        claim: str | None = None,
        pane: Pane = "claims",
        *,
        remember: bool = True,
    ) -> bool:
        """Show a brief (opening the brief screen if needed); False when it does not exist."""
        brief = self._brief(brief_id, path)
        if brief is None or self.library is None:
            self.notify(f"No brief with id {brief_id!r}.", severity="warning", markup=False)
            return False
        screen = self.brief_screen
        if remember and screen is not None:
            self.history.remember(screen.location())
        if screen is None:
            # A new screen each time: Textual removes a popped screen, so one left open would
            # come back with no widgets (the reader drew nothing on reopening a brief).
            from .screens.brief import BriefScreen

            self._pop_to_library()
            self.push_screen(BriefScreen(self.library, self.reviews, brief, claim, pane))
            return True
        while self.screen is not screen:
            self.pop_screen()
        screen.show(brief, claim, pane)
        return True

    def on_open_brief(self, message: OpenBrief) -> None:
        self._open(message.brief, message.path, message.claim, message.pane)

    def on_go_to_claim(self, message: GoToClaim) -> None:
        self.go_to(message.key)

    def go_to(self, key: ClaimKey) -> None:
        """Move the cursor to a claim, in this brief or another (Backspace comes back)."""
        if self.library is None:
            return
        if key not in self.library.claims:
            self.notify(f"No claim {key}.", severity="warning", markup=False)
            return
        self._open(key.brief, None, key.claim, "claims")

    def on_go_back(self, message: GoBack) -> None:
        self.back()

    def back(self) -> None:
        """Return to the previous location; to the library when there is none."""
        where = self.history.back()
        if where is None:
            if self.brief_screen is not None:
                self._pop_to_library()
            return
        self._open(where.brief, where.path, where.claim, where.pane, remember=False)

    def on_open_sibling(self, message: OpenSibling) -> None:
        screen = self.brief_screen
        if self.library is None or screen is None or screen.brief is None:
            return
        briefs = self.library.briefs
        here = next((i for i, b in enumerate(briefs) if b.path == screen.brief.path), 0)
        there = here + message.step
        if not 0 <= there < len(briefs):
            self.bell()
            return
        self._open(briefs[there].id, briefs[there].path)

    def on_next_to_review(self, message: NextToReview) -> None:
        if self.library is None or self.reviews is None:
            return
        briefs = [b for b in self.library.briefs if b.ok]
        index = next((i for i, b in enumerate(briefs) if b.path == message.path), 0)
        step = message.step
        others = briefs[index + 1 :] if step > 0 else list(reversed(briefs[:index]))
        for brief in others:
            items = self.reviews.needing_review(brief.id)
            if items:
                target = items[0] if step > 0 else items[-1]
                self._open(brief.id, brief.path)
                screen = self.brief_screen
                if screen is not None:
                    self.call_after_refresh(screen.go_to_item, target)
                return
        where = "after" if step > 0 else "before"
        self.notify(f"Nothing left to review {where} this point.", timeout=3, markup=False)

    def on_show_problems(self, message: ShowProblems) -> None:
        if self.library is not None:
            from .screens.problems import ProblemsScreen

            self.push_screen(ProblemsScreen(self.library, message.path))

    def on_open_link(self, message: OpenLink) -> None:
        url = message.url
        if url.lower().startswith(("http://", "https://")):
            self.open_url(url)
            self.notify(f"Opening {url}", markup=False)
        else:
            self.notify(
                f"Refused to open {url!r}: only http(s) links are opened.",
                severity="warning",
                markup=False,
            )
