"""The summary pane: the brief's Markdown with a reading cursor that stops on every link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import Static, TextArea

from ..render.claims import hang
from ..render.detail import highlight
from ..render.markdown import Block, Exists, LinkSpan, render

MAX_RICH_SUMMARY = 60_000
"""Characters of summary rendered as Markdown; past that, plain paragraphs (with a notice)."""

MAX_BLOCKS = 600
"""Blocks rendered at most (each is a widget); more goes to the plain-text view."""


class Hanging(Visual):
    """A list item: the bullet (or number), then the text, its wrapped lines under the text."""

    def __init__(self, content: Content, indent: int) -> None:
        self.content = content
        """The item, bullet first."""
        self.indent = indent
        """Characters of the bullet."""
        self._wrapped: tuple[int, Content] | None = None

    def _at(self, width: int) -> Content:
        if self._wrapped is None or self._wrapped[0] != width:
            prefix, body = self.content[: self.indent], self.content[self.indent :]
            self._wrapped = (width, hang(prefix, body, width))
        return self._wrapped[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._at(width).get_height(rules, width)


@dataclass(frozen=True)
class Stop:
    """Where the cursor can rest: a block, or one link inside it."""

    block: int
    link: int | None = None


class SummaryView(VerticalScroll, can_focus=True):
    """Renders a summary as blocks; `j`/`k` move through blocks and links, Enter follows."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False, id="summary.down"),
        Binding("up", "move(-1)", "Up", show=False, id="summary.up"),
        Binding("home", "edge(0)", "Top", show=False, id="summary.top"),
        Binding("end", "edge(1)", "Bottom", show=False, id="summary.bottom"),
    ]

    class LinkFollowed(Message):
        """The user asked to follow a link in the summary."""

        def __init__(self, link: LinkSpan) -> None:
            super().__init__()
            self.link = link
            """The link followed."""

    class Notice(Message):
        """Something the user should know about the summary (e.g. shown as plain text)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text
            """The notice."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.blocks: list[Block] = []
        self.stops: list[Stop] = []
        self.cursor = 0

    def show(self, summary: str, bluf: Content | None = None, exists: Exists | None = None) -> None:
        """Replace the pane's content with a new summary (the BLUF, when given, first); with
        `exists`, claim links that lead nowhere look broken."""
        plain = len(summary) > MAX_RICH_SUMMARY
        blocks = [] if plain else render(summary, exists)
        if len(blocks) > MAX_BLOCKS:
            plain = True
        if plain:
            self.post_message(
                self.Notice(
                    f"This summary is too large to format ({len(summary) // 1000} KB): "
                    "shown as plain text, without formatting or links."
                )
            )
            blocks = []
        elif not blocks:
            blocks = [Block("empty", Content.assemble(("No summary.", "italic $text-muted")))]
        if bluf:
            blocks.insert(0, Block("bluf", bluf))
        self.blocks = blocks
        self.stops = [
            Stop(b, n)
            for b, block in enumerate(blocks)
            for n in ([*range(len(block.links))] if block.links else [None])
        ]
        self.cursor = 0
        with self.app.batch_update():
            # The cursor is drawn on its block as the blocks are built (at the top, where
            # `scroll_home` leaves the view), not by a repaint after the first frame.
            self._mount_blocks(blocks, self.stops[0] if self.stops else None)
            self._mount_plain(summary if plain else None)
        self.scroll_home(animate=False)

    def _mount_blocks(self, blocks: list[Block], cursor: Stop | None) -> None:
        # Reuse the widgets already there: switching briefs then costs updates, not mounts.
        existing = list(self.query_children(Static))
        fresh: list[Static] = []
        for i, block in enumerate(blocks):
            classes = f"block -{block.kind} -indent{min(block.indent, 4)}"
            link = None
            if cursor is not None and cursor.block == i:
                classes += " -cursor"
                link = cursor.link
            content = self._content(i, link)
            if i < len(existing):
                existing[i].set_classes(classes)
                existing[i].update(content)
            else:
                fresh.append(Static(content, classes=classes))
        for widget in existing[len(blocks) :]:
            widget.remove()
        if fresh:
            self.mount_all(fresh)

    def _mount_plain(self, text: str | None) -> None:
        # A huge summary goes to a TextArea, which draws only the lines on screen.
        for area in self.query_children(TextArea):
            area.remove()
        if text is not None:
            area = TextArea(
                text, read_only=True, soft_wrap=True, show_line_numbers=False, id="summary-plain"
            )
            area.can_focus = False
            self.mount(area)

    def _content(self, index: int, selected: int | None = None) -> Content | Hanging:
        block = self.blocks[index]
        content = block.content
        spans = list(content.spans)
        for n, link in enumerate(block.links):
            # Clicks call our own action with indexes: no brief text reaches the action string.
            click = Style.from_meta({"@click": f"follow_link({index},{n})"})
            spans.append(Span(link.start, link.end, click))
        content = Content(content.plain, spans)
        if selected is not None:
            link = block.links[selected]
            content = highlight(content, link.start, link.end, "reverse")
        return Hanging(content, block.hang) if block.hang else content

    def _widgets(self) -> list[Static]:
        return list(self.query_children(Static))

    def _paint(self, previous: Stop | None) -> None:
        if not self.stops:
            return
        widgets = self._widgets()
        stop = self.stops[self.cursor]
        if previous is not None and previous.block < len(widgets):
            old = widgets[previous.block]
            old.remove_class("-cursor")
            old.update(self._content(previous.block))
        if stop.block < len(widgets):
            widget = widgets[stop.block]
            widget.add_class("-cursor")
            widget.update(self._content(stop.block, stop.link))
            self.scroll_to_widget(widget, animate=False)

    def _move(self, to: int) -> None:
        area = self._plain()
        if area is not None:
            # Plain view: the cursor does not move, the text scrolls.
            step = to - self.cursor
            if step <= -1000:
                area.scroll_home(animate=False)
            elif step >= 1000:
                area.scroll_end(animate=False)
            else:
                area.scroll_relative(y=step, animate=False)
            return
        if not self.stops:
            return
        to = max(0, min(to, len(self.stops) - 1))
        if to != self.cursor:
            previous = self.stops[self.cursor]
            self.cursor = to
            self._paint(previous)

    def action_move(self, step: int) -> None:
        """Move the cursor by a number of stops."""
        self._move(self.cursor + step)

    def action_edge(self, end: int) -> None:
        """Go to the first or last stop."""
        if end:
            self.cursor_last()
        else:
            self.cursor_first()

    def cursor_down(self) -> None:
        """Next block or link."""
        self._move(self.cursor + 1)

    def cursor_up(self) -> None:
        """Previous block or link."""
        self._move(self.cursor - 1)

    def cursor_first(self) -> None:
        """First block."""
        self._move(-1_000_000 if self._plain() else 0)

    def cursor_last(self) -> None:
        """Last block."""
        self._move(1_000_000 if self._plain() else len(self.stops) - 1)

    def _plain(self) -> TextArea | None:
        areas = self.query_children(TextArea)
        return areas.first() if areas else None

    @property
    def selected_link(self) -> LinkSpan | None:
        """The link under the cursor, if the cursor is on one."""
        if not self.stops:
            return None
        stop = self.stops[self.cursor]
        return None if stop.link is None else self.blocks[stop.block].links[stop.link]

    def follow(self) -> bool:
        """Follow the link under the cursor; False when the cursor is not on a link."""
        link = self.selected_link
        if link is None:
            return False
        self.post_message(self.LinkFollowed(link))
        return True

    def action_follow_link(self, block: int, link: int) -> None:
        """Mouse click on a link."""
        if block < len(self.blocks) and link < len(self.blocks[block].links):
            target = next(
                (i for i, s in enumerate(self.stops) if s == Stop(block, link)), self.cursor
            )
            self._move(target)
            self.post_message(self.LinkFollowed(self.blocks[block].links[link]))

    def on_focus(self) -> None:
        self._paint(None)
