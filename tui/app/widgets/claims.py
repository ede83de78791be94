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
from ...review import Reviews
from ..render.claims import claim_row, review_glyphs, source_header


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

    class Entered(Message):
        """Enter was pressed on a claim."""

        def __init__(self, claim: Claim) -> None:
            super().__init__()
            self.claim = claim
            """The claim under the cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        # markup=False: prompts are Content built from plain text; nothing is parsed.
        super().__init__(id=id, markup=False)
        self.brief: Brief | None = None
        self.library: Library | None = None
        self.reviews: Reviews | None = None
        self.hide_reviewed = False
        """Leave out claims marked reviewed (stale ones stay: they need a look)."""
        self._claims: dict[str, Claim] = {}
        self._width = 0
        self._unsized: str | None = None
        """Before the first layout: the claim to put the cursor on once the rows are built
        ("" for the first). Rows are built once, at the list's width (not twice: unfitted, then
        again on the first resize)."""

    def show(
        self,
        brief: Brief,
        library: Library,
        reviews: Reviews | None = None,
        *,
        width: int | None = None,
    ) -> None:
        """List a brief's claims under their sources (claims of undeclared sources last).

        `width` is the list's outer width at its first layout, for a list not laid out yet:
        its rows are then built now, fitted, and drawn in the screen's first frame (without it
        they wait for the first resize, one frame after an empty list).
        """
        self.brief = brief
        self.library = library
        self.reviews = reviews
        # Duplicate claim ids are reported by the loader; the first one is listed.
        self._claims = {}
        for claim in brief.claims:
            self._claims.setdefault(claim.id, claim)
        if not self.size.width:
            if not width:
                self._unsized = ""  # built by the first resize
                return
            # A wrong guess costs only a rebuild: the first resize compares the widths.
            self._render_options(keep=None, width=self._fit_for(width))
            return
        self._render_options(keep=None)
        if self._claims:
            self.action_first()

    def refresh_marks(self, claim_ids: set[str] | None = None) -> None:
        """Redraw after a review change, keeping the cursor on the same claim.

        With `claim_ids`, only those rows and their source headers are redrawn (a toggle then
        costs two prompts, not the whole list).
        """
        brief, library = self.brief, self.library
        if brief is None or library is None:
            return
        if claim_ids is None or self.hide_reviewed:
            claim = self.claim
            self._render_options(keep=claim.id if claim else None)
            return
        fit = self._width if self._width > 20 else None
        sources = set()
        for cid in claim_ids:
            claim = self._claims.get(cid)
            if claim is None:
                continue
            source = brief.source(claim.source)
            sources.add(claim.source)
            mark = review_glyphs(*self._status(cid)) if self.reviews else None
            self.replace_option_prompt(cid, claim_row(claim, source, library, mark, fit))
        for sid in sources:
            source = brief.source(sid)
            if source is None:
                continue
            claims = [c for c in self._claims.values() if c.source == sid]
            reviewed = sum(self._status(c.id)[0] == "reviewed" for c in claims)
            self.replace_option_prompt(
                f"src:{sid}", source_header(source, len(claims), fit, reviewed)
            )

    def _status(self, claim_id: str) -> tuple[str, bool]:
        if self.reviews is None or self.brief is None:
            return "unreviewed", False
        return (
            self.reviews.status(self.brief.id, "claim", claim_id),
            self.reviews.flagged(self.brief.id, "claim", claim_id),
        )

    @property
    def visible_claims(self) -> list[Claim]:
        """Claims in the order they are listed (after hiding reviewed ones)."""
        return [self._claims[o.id] for o in self._options if o.id in self._claims]

    def _render_options(self, keep: str | None, width: int | None = None) -> None:
        brief, library = self.brief, self.library
        if brief is None or library is None:
            return
        width = self._width = self.fit_width if width is None else width
        fit = width if width > 20 else None
        options: list[Option] = []
        for source, claims in brief.claims_by_source():
            shown = list(claims)
            reviewed = sum(self._status(c.id)[0] == "reviewed" for c in shown)
            if self.hide_reviewed:
                shown = [c for c in shown if self._status(c.id)[0] != "reviewed"]
            header = (
                source_header(
                    source, len(claims), fit, reviewed if self.reviews is not None else None
                )
                if source is not None
                else Content.assemble(("Undeclared sources", "bold $error"))
            )
            # Header ids can't clash with claim ids: those never hold a colon.
            sid = f"src:{source.id}" if source is not None else "src:"
            options.append(Option(header, id=sid, disabled=True))
            for claim in shown:
                mark = review_glyphs(*self._status(claim.id)) if self.reviews else None
                row = claim_row(claim, source, library, mark, fit)
                options.append(Option(row, id=claim.id))
        if not brief.claims:
            options.append(Option(Content("This brief has no claims."), disabled=True))
        elif self.hide_reviewed and not any(o.id in self._claims for o in options):
            options.append(
                Option(Content("Every claim is reviewed (H shows them)."), disabled=True)
            )
        self.set_options(options)
        if keep is not None and keep in {o.id for o in options}:
            self.highlighted = self.get_option_index(keep)
        elif any(o.id in self._claims for o in options):
            self.action_first()

    @property
    def fit_width(self) -> int:
        """Cells a row is wrapped to: the scrollbar's column is kept free whether it shows yet
        or not (measured as the rows arrive on opening, it did not show yet; on a reload, it
        did: the same rows wrapped one column apart)."""
        width = self.scrollable_content_region.width - 2
        if not self.show_vertical_scrollbar and self.styles.overflow_y in ("auto", "scroll"):
            width -= self.styles.scrollbar_size_vertical
        return width

    def _fit_for(self, outer: int) -> int:
        """`fit_width` for an outer width, before the list has one (borders and padding from
        its styles; the scrollbar's column kept free, as `fit_width` does)."""
        width = outer - self.styles.gutter.width - 2
        if self.styles.overflow_y in ("auto", "scroll"):
            width -= self.styles.scrollbar_size_vertical
        return width

    def on_resize(self, event: events.Resize) -> None:
        if self._unsized is not None and self.brief is not None:
            keep, self._unsized = self._unsized, None
            self._render_options(keep=keep or None)
            return
        if self.brief is not None and self.fit_width != self._width:
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
        if self._unsized is not None:
            self._unsized = key.claim  # the cursor goes there when the rows are built
            return True
        if key.claim not in {o.id for o in self._options}:
            # Hidden because reviewed: going to it shows every claim again.
            self.hide_reviewed = False
            self._render_options(keep=None)
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
        """Enter on a claim: ask the screen to go to its cross-references."""
        claim = self.claim
        if claim is not None:
            self.post_message(self.Entered(claim))
