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
        margin: 0;
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
        detail = ClaimDetail(id="preview-detail")
        detail.can_focus = False  # the results keep focus; the preview scrolls as a whole
        yield detail
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
        self._xref_args = (key, library, reviews)
        xrefs.update(self._xrefs(key, library, reviews, xrefs.size.width))
        self.scroll_home(animate=False)

    def on_resize(self) -> None:
        if self._xref_args is not None:  # the hanging indents follow the width
            xrefs = self.query_one("#preview-xrefs", Static)
            xrefs.update(self._xrefs(*self._xref_args, xrefs.size.width))

    _xref_args: tuple[ClaimKey, Library, Reviews | None] | None = None

    @staticmethod
    def _xrefs(key: ClaimKey, library: Library, reviews: Reviews | None, width: int) -> Content:
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
            # Wrapped by `xref_row` itself (hanging under the words) once the width is known.
            lines.append(xref_row(link, library, here, mark, width if width > 12 else None))
        if count > MAX_XREFS:
            lines.append(Content.styled(f"… {count - MAX_XREFS:,} more", "$text-muted"))
        return Content("\n").join(lines)
