"""Command palette (ctrl+p): open a brief, go to a claim by id, back, problems."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.message import Message

from ..model import ClaimKey
from ..text import one_line
from .messages import GoBack, GoToClaim, OpenBrief, ShowProblems
from .services import reader_of

MAX_CLAIM_HITS = 60
"""Claims offered per query: the palette is for jumping, search is for finding."""


def _safe_highlight(text: str, offsets: Sequence[int]) -> Content:
    # Textual's Matcher.highlight parses its candidate as markup; brief text must not be.
    spans = [Span(o, o + 1, "bold underline") for o in offsets if o < len(text)]
    return Content(text, spans)


class BriefCommands(Provider):
    """Commands of the reader, offered in the command palette."""

    def _post(self, message: Message) -> Callable[[], object]:
        return partial(self.app.post_message, message)

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Back", "Return to the previous location", self._post(GoBack())),
            (
                "Problems",
                "List every problem in the workspace",
                self._post(ShowProblems(None)),
            ),
        ]
        reader = reader_of(self.app)
        if reader is None or reader.library is None:
            return commands
        # Titles (a brief that could not be read is titled by its file name) and paths may hold
        # anything: each hit and its help is one safe line.
        for brief in reader.library.briefs:
            commands.append(
                (
                    one_line(f"Open brief: {brief.title}"),
                    one_line(f"{brief.path} · {len(brief.claims)} claims"),
                    self._post(OpenBrief(brief.id, path=brief.path)),
                )
            )
        return commands

    def _go_to(self, key: ClaimKey) -> None:
        self.app.post_message(GoToClaim(key))

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, help=Content(help_text))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, name)
            if score > 0:
                yield Hit(score, _safe_highlight(name, offsets), callback, help=Content(help_text))  # type: ignore[arg-type]
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
