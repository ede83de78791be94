"""The cross-references pane: links of the selected claim, in both directions."""

from __future__ import annotations

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...model import Brief, ClaimKey, Library, Link
from ...review import Reviews
from ..render.claims import review_glyphs, xref_row


class XrefList(OptionList):
    """One row per cross-reference, phrased from the selected claim's side; Enter follows."""

    class Follow(Message):
        """The user asked to go to the claim at the other end of a cross-reference."""

        def __init__(self, key: ClaimKey) -> None:
            super().__init__()
            self.key = key
            """The claim to go to."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.links: tuple[Link, ...] = ()
        self._shown: tuple[Library, Brief, Reviews | None] | None = None
        self._width = 0

    def show(
        self,
        links: tuple[Link, ...],
        library: Library,
        here: Brief,
        reviews: Reviews | None = None,
        keep: int | None = None,
        *,
        width: int | None = None,
    ) -> None:
        """List a claim's cross-references (with their review marks).

        `width` is the list's outer width at its first layout, for a list not laid out yet (its
        rows are then fitted in the screen's first frame; a wrong guess is rebuilt on resize).
        """
        self.links = links
        self._shown = (library, here, reviews)
        if width and not self.size.width:
            width = width - self.styles.gutter.width - 2
        else:
            width = self.scrollable_content_region.width - 2
        self._width = width
        fit = width if width > 20 else None
        if not links:
            self.set_options(
                [Option(Content.assemble(("No cross-references.", "italic")), disabled=True)]
            )
            return
        options = []
        for i, link in enumerate(links):
            mark = None
            if reviews is not None:
                x = link.xref
                mark = review_glyphs(
                    reviews.status(x.brief, "xref", x.id), reviews.flagged(x.brief, "xref", x.id)
                )
            options.append(Option(xref_row(link, library, here, mark, fit), id=str(i)))
        self.set_options(options)
        self.highlighted = keep if keep is not None and keep < len(links) else 0

    def on_resize(self) -> None:
        # Rows wrap to the width (their lines hang under the words): a new width, new rows.
        # "No cross-references." is the same at any width (opening a brief sized the list
        # with it showing, just before the first claim's cross-references replaced it).
        width = self.scrollable_content_region.width - 2
        if self._shown is not None and self.links and width != self._width:
            self.show(self.links, *self._shown, keep=self.highlighted)

    @property
    def link(self) -> Link | None:
        """The highlighted cross-reference."""
        if self.highlighted is None or not self.links:
            return None
        return self.links[self.highlighted]

    def cursor_first(self) -> None:
        """First cross-reference."""
        self.action_first()

    def cursor_last(self) -> None:
        """Last cross-reference."""
        self.action_last()

    def follow(self) -> bool:
        """Follow the highlighted cross-reference."""
        link = self.link
        if link is None:
            return False
        self.post_message(self.Follow(link.other))
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.follow()
