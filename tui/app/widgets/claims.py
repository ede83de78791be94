"""The sources & claims pane: claims grouped under their source."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Brief, Claim, ClaimKey, Library
from ..render.claims import claim_row, source_header


class ClaimList(OptionList):
    """Source headers (not selectable) and their claims; the highlighted claim is 'selected'."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "follow", "Cross-references", show=False, id="claims.follow"),
    ]

    class Selected(Message):
        """The highlighted claim changed."""

        def __init__(self, claim: Claim) -> None:
            super().__init__()
            self.claim = claim
            """The claim now highlighted."""

    def __init__(self, *, id: str | None = None) -> None:
        # markup=False: prompts are Content built from plain text; nothing is parsed.
        super().__init__(id=id, markup=False)
        self.brief: Brief | None = None
        self.library: Library | None = None
        self.marks: dict[str, str] = {}
        self._claims: dict[str, Claim] = {}
        self._width = 0

    def show(self, brief: Brief, library: Library, marks: dict[str, str] | None = None) -> None:
        """List a brief's claims under their sources (claims of undeclared sources last)."""
        self.brief = brief
        self.library = library
        self.marks = marks or {}
        # Duplicate claim ids are reported by the loader; the first one is listed.
        self._claims = {}
        for claim in brief.claims:
            self._claims.setdefault(claim.id, claim)
        self._render_options(keep=None)
        if self._claims:
            self.action_first()

    def _render_options(self, keep: str | None) -> None:
        brief, library = self.brief, self.library
        if brief is None or library is None:
            return
        width = self.scrollable_content_region.width - 2
        self._width = width
        fit = width if width > 20 else None
        options: list[Option] = []
        declared = {s.id for s in brief.sources}
        listed: set[str] = set()
        groups = [(s, [c for c in brief.claims if c.source == s.id]) for s in brief.sources]
        orphans = [c for c in brief.claims if c.source not in declared]
        if orphans:
            groups.append((None, orphans))  # type: ignore[arg-type]
        for source, claims in groups:
            header = (
                source_header(source, len(claims), fit)
                if source is not None
                else Content.assemble(("Undeclared sources", "bold $error"))
            )
            options.append(Option(header, disabled=True))
            for claim in claims:
                if claim.id in listed:
                    continue
                listed.add(claim.id)
                row = claim_row(claim, source, library, self.marks.get(claim.id, " "), fit)
                options.append(Option(row, id=claim.id))
        if not brief.claims:
            options.append(Option(Content("This brief has no claims."), disabled=True))
        self.set_options(options)
        if keep is not None:
            self.highlighted = self.get_option_index(keep)

    def on_resize(self, event: events.Resize) -> None:
        if self.brief is not None and self.scrollable_content_region.width - 2 != self._width:
            claim = self.claim
            self._render_options(keep=claim.id if claim else None)

    @property
    def claim(self) -> Claim | None:
        """The highlighted claim."""
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self._claims.get(option.id) if option.id else None

    def select_claim(self, key: ClaimKey) -> bool:
        """Move the cursor to a claim of the shown brief; False when it is not here."""
        if self.brief is None or key.brief != self.brief.id or key.claim not in self._claims:
            return False
        self.highlighted = self.get_option_index(key.claim)
        return True

    def cursor_first(self) -> None:
        """First claim."""
        self.action_first()

    def cursor_last(self) -> None:
        """Last claim."""
        self.action_last()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        claim = self._claims.get(event.option.id or "")
        if claim is not None:
            self.post_message(self.Selected(claim))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A click selects; it does not jump away (Enter does, through the binding above).
        event.stop()

    def action_follow(self) -> None:
        """Enter on a claim: go to its cross-references."""
        self.screen.action_follow()  # type: ignore[attr-defined]
