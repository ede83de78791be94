"""Command palette (ctrl+p): open a brief, go to a claim by id, back, problems."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span

if TYPE_CHECKING:
    from .main import BriefApp

MAX_CLAIM_HITS = 60
"""Claims offered per query: the palette is for jumping, search is for finding."""


def _safe_highlight(text: str, offsets: tuple[int, ...] | list[int]) -> Content:
    # Textual's Matcher.highlight parses its candidate as markup; brief text must not be.
    spans = [Span(o, o + 1, "bold underline") for o in offsets if o < len(text)]
    return Content(text, spans)


class BriefCommands(Provider):
    """Commands of the reader, offered in the command palette."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: BriefApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Back", "Return to the previous location", app.back),
            ("Problems", "List every problem in the workspace", partial(app.show_problems, None)),
        ]
        if app.library is None:
            return commands
        for brief in app.library.briefs:
            commands.append(
                (
                    f"Open brief: {brief.title}",
                    f"{brief.path} · {len(brief.claims)} claims",
                    partial(app.open_brief, brief.id, path=brief.path),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        app: BriefApp = self.app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, name)
            if score > 0:
                yield Hit(score, _safe_highlight(name, offsets), callback, help=Content(help_text))  # type: ignore[arg-type]
        if app.library is None or app.index is None:
            return
        # "Go to claim": claims whose id is typed come first, then what the search engine finds
        # for the same words (fast at 50,000 claims; a scan of every claim here was not).
        from ..search import QueryError

        needle = query.strip().casefold()
        keys = [k for k in app.library.claims if needle and needle in k.claim.casefold()]
        try:
            results = app.index.search(query.replace(":", " "))
            keys += [results.key(row) for row in range(min(results.total, MAX_CLAIM_HITS))]
        except QueryError:
            pass
        seen: set[object] = set()
        for key in keys:
            if key in seen:
                continue
            seen.add(key)
            claim = app.library.claims[key]
            label = f"Go to claim: {key}"
            score, offsets = matcher.fuzzy_search.match(query, label)
            yield Hit(
                max(score, 0.1),
                _safe_highlight(label, offsets),
                partial(app.go_to, key),
                help=Content(claim.text[:120]),  # type: ignore[arg-type]
            )
            if len(seen) >= MAX_CLAIM_HITS:
                return
