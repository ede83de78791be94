"""The preview of the selected search result: where it is, the claim in full, its cross-references.

The claim itself is drawn by the brief screen's own `ClaimDetail` (and so by
`tui.app.render.detail`): full text, grades in words, the quote in its seed's passage, the
review state with its history. A second renderer would drift from it; this one cannot.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...model import ClaimKey, Library
from ...review import Reviews
from ...text import one_line
from ..render.claims import review_glyphs, xref_row
from .detail import ClaimDetail

MAX_XREFS = 30
"""Cross-references listed at most (the brief screen lists them all)."""


class ResultPreview(VerticalScroll, can_focus=False):
    """The selected result: its brief and key, the claim detail, its cross-references."""

    DEFAULT_CSS = """
    ResultPreview {
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    ResultPreview #preview-where {
        color: $text-muted;
        height: auto;
    }
    ResultPreview ClaimDetail {
        height: auto;
        overflow-y: hidden;
        margin: 1 0 0 0;
        background: $surface;
    }
    ResultPreview #preview-xrefs {
        height: auto;
        margin: 1 0 0 0;
    }
    """

    shown: ClaimKey | None = None
    """The claim previewed (None: nothing)."""

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="preview-where", markup=False)
        yield ClaimDetail(id="preview-detail")
        yield Static(Content(""), id="preview-xrefs", markup=False)

    def show(self, key: ClaimKey | None, library: Library, reviews: Reviews | None) -> None:
        """Preview a claim (or say there is none to preview)."""
        self.shown = key
        where = self.query_one("#preview-where", Static)
        detail = self.query_one(ClaimDetail)
        xrefs = self.query_one("#preview-xrefs", Static)
        claim = library.claims.get(key) if key is not None else None
        brief = library.brief(key.brief) if key is not None else None
        if key is None or claim is None or brief is None:
            where.update(Content.styled("No result to preview.", "italic $text-muted"))
            detail.display = False
            xrefs.update(Content(""))
            return
        detail.display = True
        date = brief.date.isoformat() + " · " if brief.date else ""
        where.update(
            Content.assemble(
                (one_line(brief.title), "bold $text-primary"),
                "\n",
                (date + one_line(str(key)), "$text-muted"),
            )
        )
        detail.show(claim, brief, library, reviews)
        xrefs.update(self._xrefs(key, library, reviews))
        self.scroll_home(animate=False)

    @staticmethod
    def _xrefs(key: ClaimKey, library: Library, reviews: Reviews | None) -> Content:
        links = library.links_of(key)
        here = library.brief(key.brief)
        if not links or here is None:
            return Content.styled("No cross-references.", "italic $text-muted")
        count = len(links)
        lines = [Content.styled(f"Cross-references ({count})", "bold")]
        for link in links[:MAX_XREFS]:
            mark = None
            if reviews is not None:
                x = link.xref
                mark = review_glyphs(
                    reviews.status(x.brief, "xref", x.id), reviews.flagged(x.brief, "xref", x.id)
                )
            lines.append(xref_row(link, library, here, mark))
        if count > MAX_XREFS:
            lines.append(Content.styled(f"… {count - MAX_XREFS:,} more", "$text-muted"))
        return Content("\n").join(lines)
