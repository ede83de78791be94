"""The claim detail: always visible, the selected claim in full."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.widgets import Static

from ...model import Brief, Claim, Library
from ...review import Reviews
from ..render.changes import changes_detail
from ..render.detail import claim_detail, review_detail
from ..render.others import others_detail


class ClaimDetail(VerticalScroll, can_focus=True):
    """Full text, source, date, grades in words, note and the quote in its seed's passage.

    Focusable (`3`, or a click) so that a long quote can be scrolled with the keys.
    """

    _shown: tuple[Claim, Brief, Library, str, tuple[Span, ...]] | None = None
    """What the detail shows: the claim, its brief and library, and its review lines."""

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="detail-text")

    def show(
        self, claim: Claim | None, brief: Brief, library: Library, reviews: Reviews | None = None
    ) -> None:
        """Show a claim (or a hint when there is none), with its review state.

        Showing again what is shown changes nothing: laying out a long claim costs in proportion
        to its length, and opening a brief asks for the first claim more than once.
        """
        text = self.query_one("#detail-text", Static)
        if claim is None:
            self._shown = None
            text.update(Content.assemble(("No claim selected.", "italic $text-muted")))
        else:
            review = None
            if reviews is not None:
                review = review_detail(
                    reviews.status(brief.id, "claim", claim.id),
                    reviews.mark(brief.id, "claim", claim.id),
                    reviews.history_of(brief.id, "claim", claim.id, limit=3),
                    others=others_detail(
                        reviews.others_of(brief.id, "claim", claim.id),
                        reviews.hash_of(brief.id, "claim", claim.id),
                    ),
                    changes=changes_detail(reviews.changes_of(brief.id, "claim", claim.id)),
                )
            shown = (
                claim,
                brief,
                library,
                review.plain if review is not None else "",
                tuple(review.spans) if review is not None else (),
            )
            if not self._showing(shown):
                self._shown = shown
                text.update(claim_detail(claim, brief, library, review))
        self.scroll_home(animate=False)

    def _showing(self, shown: tuple[Claim, Brief, Library, str, tuple[Span, ...]]) -> bool:
        last = self._shown
        return (
            last is not None
            and all(a is b for a, b in zip(last[:3], shown[:3], strict=True))
            and last[3:] == shown[3:]
        )
