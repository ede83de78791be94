"""Command palette (ctrl+p): open a brief, go to a claim by id, saved searches, back, problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.message import Message
from textual.theme import ThemeProvider

from ..model import ClaimKey
from ..plural import plural
from ..text import one_line
from .messages import GoBack, GoToClaim, OpenBrief, SearchFor, ShowProblems
from .services import reader_of

MAX_CLAIM_HITS = 60
"""Claims offered per query: the palette is for jumping, search is for finding."""

KEY_GAP = "  ·  "
"""Between a command's name and its key (`Back  ·  ⌫`)."""


def _safe_highlight(text: str, offsets: Sequence[int]) -> Content:
    # Textual's Matcher.highlight parses its candidate as markup; brief text must not be.
    spans = [Span(o, o + 1, "bold underline") for o in offsets if o < len(text)]
    return Content(text, spans)


def _with_key(display: Content) -> Content:
    """The key after `KEY_GAP` muted, so the name stands out."""
    at = display.plain.find(KEY_GAP)
    if at < 0:
        return display
    return display.stylize("$text-muted", at)


class ThemeChoices(ThemeProvider):
    """Textual's theme picker, with the theme in use first: the picker starts on it."""

    async def discover(self) -> Hits:
        current = self.app.theme
        commands = sorted(self.commands, key=lambda command: command[0] != current)
        for name, callback in commands:
            help_text = "the theme in use" if name == current else None
            yield DiscoveryHit(name, callback, help=help_text)


class BriefCommands(Provider):
    """Commands of the reader, offered in the command palette."""

    def _post(self, message: Message) -> Callable[[], object]:
        return partial(self.app.post_message, message)

    def _key(self, *binding_ids: str) -> str:
        """The keys of the first of these bindings active on the screen under the palette (the
        keymap applied), "" when none is: the palette teaches the key of each command."""
        # The screen's binding chain (keymap applied), not `active_bindings`: those are checked
        # against the palette's own input, which disables `/` while the palette is open.
        chain = self.screen._modal_binding_chain
        for binding_id in binding_ids:
            shown: list[str] = []
            for _, bindings in chain:
                for _, binding in bindings:
                    display = self.app.get_key_display(binding)
                    if binding.id == binding_id and display not in shown:
                        shown.append(display)
            if shown:
                return ", ".join(shown)
        return ""

    def _screen_action(self, action: str) -> Callable[[], object]:
        # The action of the screen the palette was opened from, once the palette has closed.
        return partial(self.app.call_later, self.screen.run_action, action)

    def _keyed(self) -> list[tuple[str, str, Callable[[], object]]]:
        """The reader's own commands, each with its key; those of a screen only on it."""
        keyed: list[tuple[str, str, tuple[str, ...], Callable[[], object]]] = [
            ("Help", "Every key, and what the marks mean", ("app.help",), self._app_action("help")),
            ("Search", "Search every claim", ("search.open",), self._app_action("search")),
            ("Back", "Return to the previous location", ("nav.back",), self._post(GoBack())),
            (
                "Problems",
                "List every problem in the workspace",
                ("brief.problems", "library.problems"),
                self._post(ShowProblems(None)),
            ),
        ]
        if self._key("pane.maximise"):  # the brief screen's commands
            keyed += [
                (
                    "Maximise pane",
                    "The focused pane fills the screen, or gives the others their place back",
                    ("pane.maximise",),
                    self._screen_action("maximise"),
                ),
                (
                    "Hide reviewed claims",
                    "Hide or show the claims marked reviewed",
                    ("review.hide",),
                    self._screen_action("hide_reviewed"),
                ),
                (
                    "Next brief",
                    "Open the next brief",
                    ("brief.next",),
                    self._screen_action("sibling(1)"),
                ),
                (
                    "Previous brief",
                    "Open the previous brief",
                    ("brief.previous",),
                    self._screen_action("sibling(-1)"),
                ),
                (
                    "Edit",
                    "Open the brief in $EDITOR at the selected item",
                    ("brief.edit",),
                    self._screen_action("edit"),
                ),
            ]
        commands = []
        for name, help_text, ids, callback in keyed:
            key = self._key(*ids)
            commands.append((f"{name}{KEY_GAP}{key}" if key else name, help_text, callback))
        return commands

    def _app_action(self, action: str) -> Callable[[], object]:
        return partial(self.app.call_later, self.app.run_action, action)

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        commands = self._keyed()
        reader = reader_of(self.app)
        if reader is None:
            return commands
        # Saved searches (config.yaml's `searches:`): names and queries are the user's text.
        for name, query in reader.saved_searches.items():
            commands.append(
                (
                    one_line(f"Search: {name}"),
                    one_line(query),
                    self._post(SearchFor(query)),
                )
            )
        if reader.library is None:
            return commands
        # Titles (a brief that could not be read is titled by its file name) and paths may hold
        # anything: each hit and its help is one safe line.
        for brief in reader.library.briefs:
            commands.append(
                (
                    one_line(f"Open brief: {brief.title}"),
                    one_line(f"{brief.path} · {plural(len(brief.claims), 'claim')}"),
                    self._post(OpenBrief(brief.id, path=brief.path)),
                )
            )
        return commands

    def _go_to(self, key: ClaimKey) -> None:
        self.app.post_message(GoToClaim(key))

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(_with_key(Content(name)), callback, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, name)
            if score > 0:
                display = _with_key(_safe_highlight(name, offsets))
                yield Hit(score, display, callback, help=Content(help_text))  # type: ignore[arg-type]
        reader = reader_of(self.app)
        if reader is None or reader.library is None or reader.index is None:
            return
        library, index = reader.library, reader.index
        # "Go to claim": claims whose id is typed come first, then what the search engine finds
        # for the same words (fast at 50,000 claims; a scan of every claim here was not).
        from ..search import QueryError

        needle = query.strip().casefold()
        keys = [k for k in library.claims if needle and needle in k.claim.casefold()]
        try:
            results = index.search(query.replace(":", " "))
            keys += [results.key(row) for row in range(min(results.total, MAX_CLAIM_HITS))]
        except QueryError:
            pass
        seen: set[object] = set()
        for key in keys:
            if key in seen:
                continue
            seen.add(key)
            claim = library.claims[key]
            label = one_line(f"Go to claim: {key}")
            score, offsets = matcher.fuzzy_search.match(query, label)
            yield Hit(
                max(score, 0.1),
                _safe_highlight(label, offsets),
                partial(self._go_to, key),
                help=Content(one_line(claim.text[:120])),  # type: ignore[arg-type]
            )
            if len(seen) >= MAX_CLAIM_HITS:
                return
