"""The claim detail: always visible, the selected claim in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...model import Brief, Claim, Library
from ...review import Reviews
from ..render.claims import claim_detail, review_detail


class ClaimDetail(VerticalScroll, can_focus=False):
    """Full text, source, date, grades in words, note and the quote in its seed's passage."""

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="detail-text")

    def show(
        self, claim: Claim | None, brief: Brief, library: Library, reviews: Reviews | None = None
    ) -> None:
        """Show a claim (or a hint when there is none), with its review state."""
        text = self.query_one("#detail-text", Static)
        if claim is None:
            text.update(Content.assemble(("No claim selected.", "italic $text-muted")))
        else:
            review = None
            if reviews is not None:
                review = review_detail(
                    reviews.status(brief.id, "claim", claim.id),
                    reviews.mark(brief.id, "claim", claim.id),
                    reviews.store.history(brief.id, "claim", claim.id, limit=3),
                )
            text.update(claim_detail(claim, brief, library, review))
        self.scroll_home(animate=False)
