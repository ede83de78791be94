"""The library's preview of the selected brief: what it concludes, who it rests on, where the
review stands and what is wrong with the file."""

from __future__ import annotations

import re
from collections import Counter

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...model import Brief, Seed, Source
from ...plural import plural
from ...review import Reviews
from ...text import one_line
from ..render.claims import REL_STYLE, hang

SOURCES = 8
"""Sources the preview lists at most (then "…and N more")."""

BLUF_CHARS = 600
"""Characters of the bottom line the preview shows at most (a summary's first paragraph may be
long; the brief has it all)."""

_BLUF_HEADING = re.compile(r"#{1,6}\s*(bluf|bottom line( up front)?)\b", re.IGNORECASE)
_LINK_IN_PARENS = re.compile(r"\s*\(\[\[[^\]\n]*\]\]\)")
_LINK = re.compile(r"\[\[(?:[^\]#\n]*#)?([^\]\n]*)\]\]")
"""A `[[claim]]` or `[[brief#claim]]` link: the preview shows the claim's id alone (a brief's
id before it is long, and a one-line preview folds it mid-word)."""
_EMPHASIS = re.compile(r"\*\*|__|`")


def bottom_line(brief: Brief) -> tuple[str, str]:
    """The brief's bottom line and what to call it: its `bluf` (`BLUF`), else the paragraph under
    a `BLUF` (or `Bottom line`) heading of the summary (`BLUF`), else the summary's first
    paragraph (`Summary`); one line, links and emphasis marks left out, at most `BLUF_CHARS`
    characters. ("", "") when the brief has neither."""
    text, label = brief.bluf, "BLUF"
    if not text:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", brief.summary) if p.strip()]
        text = _paragraph_after_heading(paragraphs)
        if not text:
            text = next((p for p in paragraphs if not p.startswith("#")), "")
            label = "Summary"
    text = _EMPHASIS.sub("", _LINK.sub(r"\1", _LINK_IN_PARENS.sub("", text)))
    text = " ".join(one_line(text).split())
    if not text:
        return "", ""
    return label, text if len(text) <= BLUF_CHARS else text[: BLUF_CHARS - 1].rstrip() + "…"


def _paragraph_after_heading(paragraphs: list[str]) -> str:
    for n, paragraph in enumerate(paragraphs):
        first, _, rest = paragraph.partition("\n")
        if _BLUF_HEADING.match(first):
            if rest.strip():
                return rest.strip()
            return paragraphs[n + 1] if n + 1 < len(paragraphs) else ""
    return ""


def source_grade(source: Source, brief: Brief) -> str:
    """`B2`, `B2–3` (its claims' credibility from best to worst), `B·` (no claim graded), `·2`
    (the source not graded): the Admiralty grades of a source and its claims."""
    creds = sorted({c.credibility for c in brief.claims if c.source == source.id and c.credibility})
    letter = source.reliability or "·"
    if not creds:
        return f"{letter}·"
    return f"{letter}{creds[0]}" + (f"–{creds[-1]}" if creds[-1] != creds[0] else "")


def review_line(brief: Brief, reviews: Reviews | None) -> Content:
    """`12 of 37 reviewed; 25 to review` (summary, claims and cross-references)."""
    if not brief.ok:
        return Content.styled("Could not be read as a brief: nothing to review", "$text-muted")
    if reviews is None:
        return Content.styled("Review marks: loading…", "$text-muted")
    done, total = reviews.progress(brief.id)
    if total and done == total:
        return Content.styled(f"All {total:,} reviewed", "bold $text-success")
    left = total - done
    return Content.assemble(
        (f"{done:,} of {total:,} reviewed", "bold" if done else ""),
        "; ",
        (f"{left:,} to review", "bold $text-warning"),
    )


def problems_line(brief: Brief) -> Content:
    """`1 error, 2 warnings (p lists all)`, or `no problems`."""
    errors, warnings = brief.errors, brief.warnings
    if not errors and not warnings:
        return Content.styled("no problems", "$text-muted")
    parts: list[str | tuple[str, str]] = []
    if errors:
        parts.append((plural(errors, "error"), "bold $text-error"))
    if warnings:
        parts += [", "] if errors else []
        parts.append((plural(warnings, "warning"), "bold $text-warning"))
    parts.append((" (p lists all)", "$text-muted"))
    return Content.assemble(*parts)


def xrefs_line(brief: Brief) -> Content:
    """`Cross-references · 12: 5 corroborates, 1 contradicts, …`, by relation (most first)."""
    counts = Counter(x.rel for x in brief.xrefs)
    parts: list[str | tuple[str, str]] = [(f"Cross-references · {len(brief.xrefs)}", "bold")]
    for n, (rel, count) in enumerate(counts.most_common()):
        parts.append((": " if n == 0 else ", ", "$text-muted"))
        parts.append((f"{count} {rel}", REL_STYLE.get(rel, "")))
    return Content.assemble(*parts)


def seed_line(seed: Seed) -> Content:
    """A seed document: its title (or path), then its path (and whether it could be read)."""
    title = one_line(seed.title) or one_line(seed.path)
    parts: list[str | tuple[str, str]] = [title]
    if seed.title:
        parts.append((f" · {one_line(seed.path)}", "$text-muted"))
    if seed.text is None:
        parts.append((" · could not be read", "$text-error"))
    return Content.assemble(*parts)


def preview(
    brief: Brief, reviews: Reviews | None, matched: int | None = None, width: int | None = None
) -> Content:
    """Everything the preview shows of a brief, as one `Content` (brief text as plain text).

    Args:
        brief: The brief.
        reviews: Review marks (None while they load).
        matched: How many of its claims match the library filter (None: no claim filter).
        width: Cells a line has, to hang the lines of the BLUF and of each source under their
            first (None: let them wrap).
    """
    parts: list[str | tuple[str, str] | Content] = [
        (one_line(brief.title), "bold" if brief.ok else "bold $text-muted"),
        "\n",
    ]
    meta: list[str | tuple[str, str]] = [
        (brief.date.isoformat() if brief.date else "undated", "$text-muted")
    ]
    if brief.tags:
        meta += ["  ", (one_line(" ".join(f"#{t}" for t in brief.tags)), "italic $text-accent")]
    parts += [Content.assemble(*meta), "\n"]
    # Where the review stands and what is wrong come before the bottom line: at 80x24 the
    # preview has a few lines, and these are what a triage decides on.
    parts += [review_line(brief, reviews), " · ", problems_line(brief), "\n"]
    if matched is not None:
        verb = "matches" if matched == 1 else "match"
        parts.append((f"{plural(matched, 'claim')} {verb} the filter\n", "$text-accent"))
    label, bluf = bottom_line(brief)
    if bluf:
        lead = Content.styled(f"{label} ", "bold $accent")
        parts += ["\n", hang(lead, Content(bluf), width), "\n"]
    parts += [
        "\n",
        (f"Sources · {len(brief.sources)}", "bold"),
        (f" · {plural(len(brief.claims), 'claim')}\n", "$text-muted"),
    ]
    for source in brief.sources[:SOURCES]:
        letter = source.reliability.lower()
        style = f"bold $brief-reliability-{letter}" if letter else "bold $text-muted"
        said = sum(1 for c in brief.claims if c.source == source.id)
        # The grade first, in a column of its own: names line up under each other.
        line: list[str | tuple[str, str]] = [one_line(source.name)]
        if source.role:
            line.append((f", {one_line(source.role)}", "$text-muted"))
        if source.kind:
            line.append((f" — {one_line(source.kind)}", "$text-muted"))
        line.append((f" · {plural(said, 'claim')}", "$text-muted"))
        grade = Content.styled(f"  {source_grade(source, brief):<5}", style)
        parts += [hang(grade, Content.assemble(*line), width), "\n"]
    if len(brief.sources) > SOURCES:
        parts.append((f"  …and {len(brief.sources) - SOURCES} more\n", "$text-muted"))
    if not brief.sources:
        parts.append(("  none declared\n", "$text-muted"))
    parts += ["\n", xrefs_line(brief), "\n"]
    if brief.seeds:
        parts.append("\n")
    for seed in brief.seeds[:SOURCES]:
        parts += [hang(Content.styled("Seed ", "bold"), seed_line(seed), width), "\n"]
    parts += ["\n", (one_line(brief.path), "$text-muted")]
    return Content.assemble(*parts).rstrip()


class BriefPreview(VerticalScroll, can_focus=False):
    """The selected brief's preview, scrolling when it is taller than its pane."""

    DEFAULT_CSS = """
    BriefPreview > #preview-text {
        width: 1fr;
        height: auto;
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-text", markup=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Brief, Reviews | None, int | None] | None = None

    def show(
        self, brief: Brief | None, reviews: Reviews | None, matched: int | None = None
    ) -> None:
        """Preview `brief` (None: say there is nothing to preview)."""
        text = self.query_one("#preview-text", Static)
        if brief is None:
            self._shown = None
            text.update(Content.styled("No brief selected", "$text-muted"))
        else:
            self._shown = (brief, reviews, matched)
            text.update(preview(brief, reviews, matched, self._width()))
        self.scroll_home(animate=False)

    def _width(self) -> int | None:
        # The text's cells: the pane's, less its padding and the scrollbar's column.
        width = self.size.width - 3
        return width if width > 0 else None

    def on_resize(self) -> None:
        # Lines hang at the pane's width: draw them again at the new one.
        if self._shown is not None:
            brief, reviews, matched = self._shown
            self.query_one("#preview-text", Static).update(
                preview(brief, reviews, matched, self._width())
            )

    def say(self, message: Content) -> None:
        """Show a message instead of a brief (an empty workspace, a filter matching nothing)."""
        self._shown = None
        self.query_one("#preview-text", Static).update(message)
        self.scroll_home(animate=False)
