"""Markdown summary -> blocks of `Content`, built span by span, never through markup parsing.

Textual's Markdown widget took ~270 ms for a 5 KB document here and mounts a widget per element;
the summary only needs paragraphs, headings, lists, quotes, code and links, so we render those
ourselves with markdown-it-py's token stream. Brief text stays plain text with styles attached:
nothing in it can become markup, an action or an escape sequence.

The summary was sanitised when it was read, but markdown-it decodes entities after that
(`&#x202E;` becomes a bidi override): every piece of text is made safe again as it goes into a
block (`_Inline.add`, code blocks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content, Span

from ...model import WIKILINK
from ...text import for_terminal

_MD: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _MD
    if _MD is None:
        # commonmark with html off: raw HTML shows as text, never as anything else.
        _MD = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    return _MD


@dataclass(frozen=True)
class LinkSpan:
    """A link inside a block's text."""

    start: int
    """Offset of the link text in the block's content."""
    end: int
    """End offset (exclusive)."""
    target: str
    """Claim reference (`claim-id` or `brief-id#claim-id`) or URL."""
    kind: Literal["claim", "url"]
    """What following the link does."""
    broken: bool = False
    """A claim link that names no claim (drawn struck through, with a ✗)."""


@dataclass
class Block:
    """One paragraph, heading, list item, quote, code block or rule of the summary."""

    kind: str
    """`paragraph`, `h1`..`h6`, `item`, `quote`, `code`, `rule` or `table`."""
    content: Content = field(default_factory=Content)
    """The block's text with its styles."""
    links: list[LinkSpan] = field(default_factory=list)
    """Links in reading order."""
    indent: int = 0
    """Nesting depth of lists and quotes."""
    hang: int = 0
    """Characters of the bullet or number that starts a list item: its wrapped lines go under
    the text after them, not under the bullet."""


class _Inline:
    """Accumulates text and spans for one block."""

    def __init__(self, prefix: str = "", prefix_style: str = "") -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.links: list[LinkSpan] = []
        self.size = 0
        if prefix:
            self.add(prefix, prefix_style)

    def add(self, text: str, style: str = "") -> None:
        if not text:
            return
        text = for_terminal(text)  # one character for one: link offsets stay valid
        if style:
            self.spans.append(Span(self.size, self.size + len(text), style))
        self.parts.append(text)
        self.size += len(text)

    def content(self) -> Content:
        return Content("".join(self.parts), spans=self.spans)


def _styles(stack: list[str]) -> str:
    return " ".join(stack)


Exists = Callable[[str], bool]
"""Whether a claim link's target (`claim-id` or `brief-id#claim-id`) names a claim."""

BROKEN = "✗"
"""Drawn after a claim link that leads nowhere (the loader reports it as `unknown-link`)."""


def _inline(
    tokens: list[Token], out: _Inline, base: str = "", exists: Exists | None = None
) -> None:
    stack: list[str] = [base] if base else []
    link_start: int | None = None
    href = ""
    for tok in tokens:
        kind = tok.type
        if kind == "text":
            _text_with_wikilinks(tok.content, out, _styles(stack), exists)
        elif kind in ("softbreak",):
            out.add(" ")
        elif kind == "hardbreak":
            out.add("\n")
        elif kind == "code_inline":
            out.add(tok.content, "$text-accent on $boost")
        elif kind == "strong_open":
            stack.append("bold")
        elif kind == "em_open":
            stack.append("italic")
        elif kind == "s_open":
            stack.append("strike")
        elif kind in ("strong_close", "em_close", "s_close"):
            if stack:
                stack.pop()
        elif kind == "link_open":
            href = str(tok.attrs.get("href", ""))
            link_start = out.size
            stack.append("underline $text-accent")
        elif kind == "link_close":
            if stack:
                stack.pop()
            if link_start is not None and out.size > link_start:
                out.links.append(LinkSpan(link_start, out.size, href, "url"))
            link_start = None
        elif kind == "image":
            out.add(f"[image: {tok.content or 'no description'}]", "italic")
        else:
            out.add(tok.content, _styles(stack))


def _text_with_wikilinks(text: str, out: _Inline, style: str, exists: Exists | None) -> None:
    pos = 0
    for match in WIKILINK.finditer(text):
        out.add(text[pos : match.start()], style)
        target = for_terminal(match.group(1).strip())
        broken = exists is not None and not exists(target)
        start = out.size
        # A claim id is one word (no spaces in it), so it wraps as a whole, never mid-id.
        out.add(target, "strike $text-muted" if broken else "bold underline $text-accent")
        end = out.size
        if broken:
            out.add(" " + BROKEN, "bold $error")
        out.links.append(LinkSpan(start, end, target, "claim", broken))
        pos = match.end()
    out.add(text[pos:], style)


def render(markdown: str, exists: Exists | None = None) -> list[Block]:
    """Render a Markdown summary to blocks.

    Args:
        markdown: Sanitised summary text.
        exists: Tells a claim link that leads somewhere from a broken one (None: all do).

    Returns:
        Blocks in reading order.
    """
    tokens = _parser().parse(markdown)
    blocks: list[Block] = []
    lists: list[list[int]] = []  # per open list: [next number] (or [-1] for bullets)
    quote = 0
    pending_prefix = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind == "heading_open":
            out = _Inline()
            _inline(tokens[i + 1].children or [], out, "bold $text-primary", exists)
            blocks.append(Block(tok.tag, out.content(), out.links, len(lists)))
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else -1
            lists.append([start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            number = lists[-1][0] if lists else -1
            pending_prefix = "• " if number < 0 else f"{number}. "
            if lists and number >= 0:
                lists[-1][0] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            out = _Inline(pending_prefix, "$text-accent")
            _inline(inline.children or [], out, "italic" if quote else "", exists)
            block_kind = "item" if pending_prefix else ("quote" if quote else "paragraph")
            hang = len(pending_prefix)
            pending_prefix = ""
            blocks.append(Block(block_kind, out.content(), out.links, len(lists) + quote, hang))
            i += 3
            continue
        elif kind in ("fence", "code_block"):
            text = for_terminal(tok.content.rstrip("\n"))
            blocks.append(Block("code", Content(text), [], len(lists) + quote))
        elif kind == "hr":
            blocks.append(Block("rule", Content("─" * 20, spans=[Span(0, 20, "$text-muted")])))
        elif kind == "table_open":
            i = _table(tokens, i, blocks, exists)
            continue
        i += 1
    return blocks


def _table(tokens: list[Token], i: int, blocks: list[Block], exists: Exists | None) -> int:
    rows: list[list[_Inline]] = []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and rows:
            cell = _Inline()
            _inline(tok.children or [], cell, exists=exists)
            rows[-1].append(cell)
        i += 1
    out = _Inline()
    for r, row in enumerate(rows):
        if r:
            out.add("\n")
        for c, cell in enumerate(row):
            if c:
                out.add(" │ ", "$text-muted")
            offset = out.size
            for span in cell.spans:
                out.spans.append(Span(span.start + offset, span.end + offset, span.style))
            for link in cell.links:
                out.links.append(
                    LinkSpan(
                        link.start + offset, link.end + offset, link.target, link.kind, link.broken
                    )
                )
            out.add("".join(cell.parts), "bold" if r == 0 else "")
    blocks.append(Block("table", out.content(), out.links))
    return i + 1
