"""The brief screen: summary, sources & claims, the selected claim, and its cross-references."""

from __future__ import annotations

from itertools import pairwise
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import OptionList, Static

from ...history import Location, Pane
from ...model import Brief, Claim, ClaimKey, Library
from ...review import SUMMARY_ITEM, Item, Reviews
from ..messages import EditFile, GoBack, GoToClaim, OpenLink, OpenSibling, ShowProblems
from ..render.claims import bluf, brief_header
from ..render.titles import claims_title, detail_title, summary_title, xrefs_title
from ..widgets.claims import ClaimList
from ..widgets.detail import ClaimDetail
from ..widgets.footer import FitFooter
from ..widgets.summary import SummaryView
from ..widgets.xrefs import XrefList
from .panes import PanesScreen

NARROW = 100
"""Below this many columns the panes take turns instead of standing side by side."""

TALL = 50
"""From this many rows the claims list takes a larger share of the right column (at 200x60
it showed a dozen claims above a half-empty detail and cross-references)."""


class BriefScreen(PanesScreen):
    """Three panes at once (two columns on wide terminals; taking turns below 100 columns)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor('down')", "Down", show=False, id="cursor.down"),
        Binding("k", "cursor('up')", "Up", show=False, id="cursor.up"),
        Binding("g", "cursor('first')", "Top", show=False, id="cursor.top"),
        Binding("G", "cursor('last')", "Bottom", show=False, id="cursor.bottom"),
        Binding("enter", "follow", "Follow", id="brief.follow"),
        Binding("backspace", "back", "Back", id="nav.back"),
        Binding(
            "left_square_bracket", "sibling(-1)", "Prev brief", show=False, id="brief.previous"
        ),
        Binding("right_square_bracket", "sibling(1)", "Next brief", show=False, id="brief.next"),
        Binding("p", "problems", "Problems", id="brief.problems"),
        Binding("e", "edit", "Edit", show=False, id="brief.edit"),
        Binding("escape", "library", "Library", show=False, id="nav.library"),
    ]

    def __init__(
        self,
        library: Library,
        reviews: Reviews | None,
        brief: Brief,
        claim: str | None = None,
        pane: Pane = "claims",
    ) -> None:
        super().__init__()
        self.library = library
        """The library being read."""
        self.reviews = reviews
        """Review marks (None: reviewing is off)."""
        self.brief: Brief | None = None
        """The brief shown."""
        self._first = (brief, claim, pane)
        self._pending_xref: tuple[str, int] | None = None
        self._claim_shown: tuple[Claim | None, Library, Reviews | None] | None = None
        """The claim the detail and cross-references were last drawn for (with what from)."""

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="brief-header")
        with Horizontal(id="panes"):
            yield SummaryView(id="summary")
            with Vertical(id="right"):
                yield ClaimList(id="claims")
                yield ClaimDetail(id="detail")
                yield XrefList(id="xrefs")
        yield FitFooter(compact=True)

    def on_mount(self) -> None:
        self._layout(self.size.width, self.size.height)
        # The first brief is drawn while the screen mounts, so its first frame is never empty.
        self.show(*self._first)
        if self.reviews is not None:
            self.reviews.subscribe(self.marks_changed)

    def on_unmount(self) -> None:
        if self.reviews is not None:
            self.reviews.unsubscribe(self.marks_changed)

    def on_resize(self, event: events.Resize) -> None:
        self._layout(event.size.width, event.size.height)

    def _layout(self, width: int, height: int) -> None:
        self.set_class(width < NARROW, "-narrow")
        self.set_class(height >= TALL, "-tall")
        self._show_focused_column()

    # -- showing ---------------------------------------------------------------------------------

    def show(self, brief: Brief, claim: str | None = None, pane: Pane = "claims") -> None:
        """Show a brief, optionally with a claim selected and a pane focused."""
        changed = self.brief is None or self.brief.path != brief.path
        self.brief = brief
        if changed:
            library = self.library

            def exists(target: str) -> bool:
                return ClaimKey.parse(target, brief.id) in library.claims

            self.query_one(SummaryView).show(brief.summary, bluf(brief), exists)
            claims = self.query_one(ClaimList)
            width = None if claims.size.width else self._first_width(claims)
            claims.show(brief, self.library, self.reviews, width=width)
            self._refresh_header()
        claims = self.query_one(ClaimList)
        if claim is not None:
            claims.select_claim(ClaimKey(brief.id, claim))
        self._refresh_claim()
        self.focus_pane(pane)

    def _first_width(self, pane: Widget) -> int:
        """A pane's width at the screen's first layout, worked out before it by Textual's own
        layouts (rows that wrap to it are then fitted in the first frame, not the second);
        0 when it is hidden."""
        size = self.size
        widget = pane.parent
        width = size.width - self.styles.gutter.width
        # Each container between the screen and the pane, outermost first.
        chain: list[Widget] = []
        while isinstance(widget, Widget) and widget is not self:
            chain.insert(0, widget)
            widget = widget.parent
        chain.append(pane)
        for parent, child in pairwise(chain):
            if not parent.display:
                return 0
            inner = Size(max(0, width - parent.styles.gutter.width), size.height)
            placements = parent.layout.arrange(parent, list(parent.displayed_children), inner)
            width = next((p.region.width for p in placements if p.widget is child), 0)
        return width

    def _refresh_header(self) -> None:
        if self.brief is None:
            return
        brief = self.brief
        progress = self.reviews.progress(brief.id) if self.reviews else None
        self.query_one("#brief-header", Static).update(brief_header(brief, progress))
        self.refresh_titles()

    def refresh_titles(self) -> None:
        """Pane titles with their live state (Content, not markup: a claim id may hold anything)."""
        brief, reviews = self.brief, self.reviews
        if brief is None:
            return
        status = flagged = None
        if reviews is not None:
            status = reviews.status(brief.id, "summary", SUMMARY_ITEM)
            flagged = reviews.flagged(brief.id, "summary", SUMMARY_ITEM)
        claims = self.query_one(ClaimList)
        visible = claims.visible_claims
        claim = claims.claim
        position = next((i + 1 for i, c in enumerate(visible) if c is claim), None)
        to_review = None
        if reviews is not None:
            done, total = reviews.progress(brief.id, ("claim",))
            to_review = total - done
        xrefs = self.query_one(XrefList)
        read_only = reviews is not None and reviews.store.read_only
        titles = {
            "summary": summary_title(self.jump_key("summary"), status, bool(flagged)),
            "claims": claims_title(
                self.jump_key("claims"),
                position,
                len(visible),
                to_review,
                claims.hide_reviewed,
                read_only,
            ),
            "detail": detail_title(self.jump_key("detail"), claim.id if claim else None),
            "xrefs": xrefs_title(
                self.jump_key("xrefs"),
                None if xrefs.highlighted is None or not xrefs.links else xrefs.highlighted + 1,
                len(xrefs.links),
            ),
        }
        for pane, title in titles.items():
            widget = self.query_one(f"#{pane}")
            if widget is self.maximized:
                title += Content.styled(" · maximised (z or escape)", "$text-muted")
            widget.border_title = title

    def _refresh_claim(self, keep_xref: int | None = None) -> None:
        if self.brief is None:
            return
        claim = self.query_one(ClaimList).claim
        self.query_one(ClaimDetail).show(claim, self.brief, self.library, self.reviews)
        links = self.library.links_of(claim.key) if claim else ()
        xrefs = self.query_one(XrefList)
        width = None if xrefs.size.width or not links else self._first_width(xrefs)
        xrefs.show(links, self.library, self.brief, self.reviews, keep_xref, width=width)
        self._claim_shown = (claim, self.library, self.reviews)
        self.refresh_titles()

    def on_claim_list_selected(self, event: ClaimList.Selected) -> None:
        # A jump to a cross-reference selects its claim first; the highlight message arrives
        # after the jump, so the wanted row is kept for it.
        pending, self._pending_xref = self._pending_xref, None
        shown = self._claim_shown
        if (
            pending is None
            and shown is not None
            and shown[0] is event.claim
            and shown[1] is self.library
            and shown[2] is self.reviews
        ):
            # Drawn already: opening a brief draws its first claim before the first frame, and
            # this message arrives after it (drawing again cost one more layout and frame).
            return
        keep = pending[1] if pending and pending[0] == event.claim.id else None
        self._refresh_claim(keep_xref=keep)

    # -- following ---------------------------------------------------------------------------------

    def action_follow(self) -> None:
        pane = self.pane
        if pane == "summary":
            if not self.query_one(SummaryView).follow():
                self.app.bell()
        elif pane == "claims":
            self.focus_pane("xrefs")
        elif not self.query_one(XrefList).follow():
            self.app.bell()

    def on_claim_list_entered(self, event: ClaimList.Entered) -> None:
        event.stop()
        self.action_follow()

    def on_summary_view_link_followed(self, event: SummaryView.LinkFollowed) -> None:
        link = event.link
        if link.kind == "url":
            self.post_message(OpenLink(link.target))
            return
        if self.brief is not None:
            self.post_message(GoToClaim(ClaimKey.parse(link.target, self.brief.id)))

    def on_summary_view_notice(self, event: SummaryView.Notice) -> None:
        self.notify(event.text, title="Summary", markup=False)

    def on_xref_list_follow(self, event: XrefList.Follow) -> None:
        self.post_message(GoToClaim(event.key))

    @on(OptionList.OptionHighlighted, "#xrefs")
    def _xref_highlighted(self) -> None:
        self.refresh_titles()

    # -- review hooks (see ReviewingScreen) --------------------------------------------------------

    def current_item(self) -> Item | None:
        if self.brief is None or self.reviews is None:
            return None
        pane = self.pane
        if pane == "summary":
            return self.reviews.item(self.brief.id, "summary", SUMMARY_ITEM)
        if pane == "xrefs":
            link = self.query_one(XrefList).link
            if link is None:
                return None
            return self.reviews.item(link.xref.brief, "xref", link.xref.id)
        claim = self.query_one(ClaimList).claim
        return self.reviews.item(self.brief.id, "claim", claim.id) if claim else None

    def go_to_item(self, item: Item) -> None:
        if self.brief is None:
            return
        if item.kind == "summary":
            self.focus_pane("summary")
        elif item.kind == "claim":
            self.query_one(ClaimList).select_claim(ClaimKey(item.brief, item.item))
            self.focus_pane("claims")
        else:
            xref = next((x for x in self.brief.xrefs if x.id == item.item), None)
            if xref is None:
                return
            self.query_one(ClaimList).select_claim(xref.source)
            links = self.library.links_of(xref.source)
            index = next((i for i, link in enumerate(links) if link.xref is xref), 0)
            self._pending_xref = (xref.source.claim, index)
            self._refresh_claim(keep_xref=index)
            self.focus_pane("xrefs")

    def after_review_change(self, items: list[Item]) -> None:
        if self.brief is None:
            return
        claims = {i.item for i in items if i.kind == "claim" and i.brief == self.brief.id}
        if claims:
            self.query_one(ClaimList).refresh_marks(claims)
        self._refresh_header()
        current = self.query_one(ClaimList).claim
        if any(i.kind == "xref" for i in items):
            self._refresh_claim(keep_xref=self.query_one(XrefList).highlighted)
        elif current is not None and current.id in claims:
            # Only the claim's own mark changed: its cross-references look the same.
            self.query_one(ClaimDetail).show(current, self.brief, self.library, self.reviews)

    def toggle_hidden(self) -> bool:
        claims = self.query_one(ClaimList)
        claims.hide_reviewed = not claims.hide_reviewed
        claims.refresh_marks()
        self._refresh_claim()  # and the titles, which say that reviewed claims are hidden
        return claims.hide_reviewed

    def source_items(self) -> tuple[str, list[Item]]:
        claim = self.query_one(ClaimList).claim
        if claim is None or self.brief is None or self.reviews is None:
            return "", []
        source = self.brief.source(claim.source)
        items = [
            self.reviews.item(self.brief.id, "claim", c.id)
            for c in self.brief.claims
            if c.source == claim.source
        ]
        return (source.name if source else claim.source), items

    def location(self) -> Location | None:
        """Where the reader is now."""
        if self.brief is None:
            return None
        claim = self.query_one(ClaimList).claim
        return Location(self.brief.id, claim.id if claim else None, self.pane, self.brief.path)

    # -- navigation --------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.post_message(GoBack())

    def action_library(self) -> None:
        self.app.pop_screen()

    def action_sibling(self, step: int) -> None:
        self.post_message(OpenSibling(step))

    def action_edit(self) -> None:
        """Open the brief's file in the editor at the selected item's line."""
        if self.brief is None:
            return
        line = 1
        pane = self.pane
        if pane == "summary":
            line = self.brief.summary_line
        elif pane == "xrefs" and (link := self.query_one(XrefList).link) is not None:
            # The cross-reference may be declared in the other claim's brief.
            self.post_message(EditFile(link.xref.pos.path, link.xref.pos.line))
            return
        elif (claim := self.query_one(ClaimList).claim) is not None:
            line = claim.pos.line
        self.post_message(EditFile(self.brief.path, line))

    def action_problems(self) -> None:
        if self.brief is not None:
            self.post_message(ShowProblems(self.brief.path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "problems":
            return bool(self.brief and self.brief.problems)
        return True
