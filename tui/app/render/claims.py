"""Content builders for briefs, sources, claims and cross-references.

Every piece of brief text enters a `Content` as plain text (`Content.assemble` with str parts):
never through markup. Styles are ours and name theme variables, so themes can recolour them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from ...model import CREDIBILITY, RELATIONS, RELIABILITY, Brief, Claim, Library, Link, Source
from ...plural import plural
from ...text import one_line


@dataclass(frozen=True)
class Glyph:
    """A mark drawn beside a claim, a cross-reference or a grade, and what it means."""

    char: str
    """What is drawn (`N` in `+N` stands for a number)."""
    style: str
    """Its style (theme variables)."""
    meaning: str
    """What it says, in words: the help's legend reads it from here."""


GLYPHS: dict[str, Glyph] = {
    "reviewed": Glyph("✓", "bold $brief-reviewed", "reviewed"),
    "stale": Glyph("Δ", "bold $brief-stale", "changed since it was reviewed: look again"),
    "unreviewed": Glyph("·", "$text-muted", "not reviewed yet; in a grade, a part not graded"),
    "flagged": Glyph("⚑", "bold $brief-flagged", "flagged for a second look (f)"),
    "contradicted": Glyph(
        "✗",
        "bold $brief-rel-contradicts",
        "contradicted by another claim",
    ),
    "invalid": Glyph(
        "✗", "bold $error", "in a grade or a field: written, but not valid (p lists it)"
    ),
    "corroborated": Glyph(
        "+N", "bold $brief-rel-corroborates", "corroborated by N independent sources"
    ),
}
"""Every glyph of the lists and grades, the one table the rows and the help's legend use.
The colours differ, but so do the glyphs: colour is never the only cue."""

INVALID = GLYPHS["invalid"].char
"""Stands for a value that was written but dropped as invalid (`·` stands for one not given)."""

PROBLEMS_KEY = "p"
"""The key that lists the problems, named where a mark sends the reader to them."""

REQUIRED = {
    "claim": frozenset({"source", "text"}),
    "source": frozenset({"name"}),
}
"""Required fields an item is kept without: a failing one may have been left out rather than
badly written. (An item is never kept without its `id`: a bad one is kept as written.)"""

ROW_LINES = 10
"""Lines of text a list row shows at most (a claim's row, a source's header): the claim detail
shows all of a claim. Laying out a row then costs the same for a 1 MiB claim as for a long one."""

ROW_CHARS = 800
"""Characters of another claim's text, or of a note, that a cross-reference row shows at most."""

REL_STYLE = {
    rel: f"bold $brief-rel-{rel}" if rel == "contradicts" else f"$brief-rel-{rel}"
    for rel in RELATIONS
}
"""Style of each relation's words (theme variables, so themes can recolour them)."""


def grade_content(source: Source | None, claim: Claim) -> Content:
    """The grade, its reliability letter in the theme's colour for that letter."""
    text = grade(source, claim)
    letter = source.reliability.lower() if source and source.reliability else ""
    style = f"bold $brief-reliability-{letter}" if letter else "bold $text-muted"
    bad = "bold $error"
    return Content.assemble(
        (text[0], bad if text[0] == INVALID else style),
        (text[1:], bad if text[1:] == INVALID else "bold"),
    )


def _bad_reliability(source: Source | None) -> bool:
    return source is not None and "reliability" in source.invalid


def grade(source: Source | None, claim: Claim) -> str:
    """Admiralty grade as `B2`; `·` stands for a part not graded, `✗` for one written invalid."""
    reliability = source.reliability if source and source.reliability else "·"
    if _bad_reliability(source):
        reliability = INVALID
    credibility = str(claim.credibility) if claim.credibility else "·"
    if "credibility" in claim.invalid:
        credibility = INVALID
    return reliability + credibility


def grade_words(source: Source | None, claim: Claim) -> str:
    """The grade in words: `B2 · usually reliable source · probably true`."""
    parts = [grade(source, claim)]
    if source and source.reliability:
        parts.append(f"source {RELIABILITY[source.reliability]}")
    elif _bad_reliability(source):
        parts.append("source reliability invalid")
    else:
        parts.append("source not graded")
    if claim.credibility:
        parts.append(f"claim {CREDIBILITY[claim.credibility]}")
    elif "credibility" in claim.invalid:
        parts.append("claim credibility invalid")
    else:
        parts.append("claim not graded")
    return " · ".join(parts)


def invalid_fields(fields: tuple[str, ...], kind: str, label: str = "") -> list[Content]:
    """One line per field dropped as invalid: `credibility: ✗ invalid value (see problems, p)`.

    `label` goes before each field name (`source ` for the fields of a claim's source).
    """
    required = REQUIRED.get(kind, frozenset())
    lines = []
    for name in fields:
        what = "missing or invalid" if name in required else "invalid value"
        lines.append(
            Content.assemble(
                (f"{label}{name}: ", "bold $error"),
                (f"{INVALID} {what} (see problems, {PROBLEMS_KEY})", "$error"),
            )
        )
    return lines


STATUS_GLYPH = {
    status: (GLYPHS[status].char, GLYPHS[status].style)
    for status in ("reviewed", "stale", "unreviewed")
}
"""Glyph and style of each review status (from `GLYPHS`)."""


def review_glyphs(status: str, flagged: bool) -> Content:
    """Two cells: ✓ reviewed / Δ changed since reviewed / · not yet; then ⚑ when flagged."""
    glyph, style = STATUS_GLYPH.get(status, STATUS_GLYPH["unreviewed"])
    flag = GLYPHS["flagged"]
    return Content.assemble((glyph, style), (flag.char if flagged else " ", flag.style))


def hang(
    prefix: Content, body: Content, width: int | None, max_lines: int | None = None
) -> Content:
    """`prefix` then `body`, wrapped to `width` with continuation lines under the body.

    With `max_lines`, at most that many lines of `body` (about 80 characters a line when there is
    no width to wrap to), then a line saying how many characters are left out. Only what can be
    shown is wrapped, and the lines are joined once: the cost follows what is shown.
    """
    indent = prefix.cell_length
    room = width - indent if width is not None and width - indent >= 12 else None
    plain = body.plain
    cut = body
    if max_lines is not None and len(plain) > (room or 80) * max_lines:
        # Wide characters take two cells, and wrapping drops the spaces where it breaks.
        cut = body[: (room or 40) * max_lines * 2]
    if room is None:
        if max_lines is not None and len(cut) < len(plain):
            cut = body[: 80 * max_lines]
            return prefix + cut + Content(" ") + _more(len(plain) - len(cut))
        return prefix + cut
    lines = cut.wrap(room)
    more = 0
    if max_lines is not None and (len(lines) > max_lines or len(cut) < len(plain)):
        lines = lines[:max_lines]
        more = len(plain) - _end_of(plain, lines)
    pad = Content(" " * indent)
    # One join: adding line by line copied the text so far each time (quadratic: a 30 KB claim
    # took seconds).
    rows = [prefix + lines[0], *(pad + line for line in lines[1:])]
    if more > 0:
        rows.append(pad + _more(more))
    return Content("\n").join(rows)


def _more(count: int) -> Content:
    """The muted note ending a text cut short."""
    return Content.styled(f"… {plural(count, 'more character')}", "$text-muted")


def _end_of(plain: str, lines: list[Content]) -> int:
    """Offset in `plain` just past the wrapped `lines` (its first lines, in order)."""
    end = 0
    for line in lines:
        at = plain.find(line.plain, end)
        if at < 0:  # a tab, expanded by wrapping: count what is certainly shown
            return end
        end = at + len(line.plain)
    return end


def clip(text: str, limit: int = ROW_CHARS) -> str:
    """`text`, or its first `limit` characters and how many more there are."""
    if len(text) <= limit:
        return text
    more = len(text) - limit
    return f"{text[:limit]}… ({plural(more, 'more character')})"


def source_header(
    source: Source, claims: int, width: int | None = None, reviewed: int | None = None
) -> Content:
    """The row above a source's claims: name, claims or progress, role, kind, reliability.

    The progress comes right after the name: last, it was the part cut in two by wrapping
    (`0/5` on one line, `reviewed` on the next).
    """
    parts: list[str | tuple[str, str]] = [(source.name, "bold $text-primary")]
    if reviewed is None:
        parts.append((f" · {plural(claims, 'claim')}", "$text-muted"))
    else:
        done = "bold $brief-reviewed" if claims and reviewed == claims else "$text-muted"
        parts.append((f" · {reviewed}/{claims} reviewed", done))
    detail = [p for p in (source.role, source.kind) if p]
    if detail:
        parts.append((" · " + " · ".join(detail), "$text-muted"))
    if source.reliability:
        parts.append(
            ("  " + source.reliability, f"bold $brief-reliability-{source.reliability.lower()}")
        )
        parts.append((" " + RELIABILITY[source.reliability], "$text-muted"))
    if source.invalid:
        parts.append((f"  {INVALID} invalid: " + ", ".join(source.invalid), "bold $error"))
    return hang(Content(""), Content.assemble(*parts), width, ROW_LINES)


def claim_row(
    claim: Claim,
    source: Source | None,
    library: Library,
    mark: Content | None = None,
    width: int | None = None,
) -> Content:
    """One claim in the sources & claims list: review mark, grade, signals, wrapped text."""
    parts: list[str | tuple[str, str]] = []
    if library.contradicted(claim.key):
        parts.append((" " + GLYPHS["contradicted"].char, GLYPHS["contradicted"].style))
    else:
        parts.append("  ")
    corroborated = library.corroborations(claim.key)
    plus = GLYPHS["corroborated"]
    parts.append(
        (" " + plus.char.replace("N", str(corroborated)) if corroborated else "   ", plus.style)
    )
    parts.append(" ")
    prefix = (
        Content(" ")
        + (mark or Content("  "))
        + Content(" ")
        + grade_content(source, claim)
        + Content.assemble(*parts)
    )
    body = Content(claim.text)
    if "text" in claim.invalid and not claim.text:
        body = Content.assemble((f"{INVALID} text missing or invalid", "italic $error"))
    return hang(prefix, body, width, ROW_LINES)


def xref_row(
    link: Link,
    library: Library,
    here: Brief,
    mark: Content | None = None,
    width: int | None = None,
) -> Content:
    """A cross-reference seen from the selected claim: `contradicted by Zelensky: text`, with
    its wrapped lines (given a width) under the words, not under the mark."""
    other = library.claims.get(link.other)
    rel_style = REL_STYLE.get(link.xref.rel, "")
    prefix = Content.assemble(mark, " ") if mark is not None else Content("")
    parts: list[str | tuple[str, str] | Content] = []
    parts.append((link.phrase, rel_style))
    if other is None:
        parts.append((f" {link.other} (missing)", "$error"))
        return hang(prefix, Content.assemble(*parts), width)
    brief = library.brief(other.brief)
    source = brief.source(other.source) if brief else None
    parts.append(" ")
    parts.append((source.name if source else other.source, "bold"))
    if other.brief != here.id and brief is not None:
        parts.append((f" (in {one_line(brief.title)})", "italic $text-muted"))
    parts.append(": ")
    parts.append(clip(other.text))
    row = hang(prefix, Content.assemble(*parts), width)
    if link.xref.note:
        note = Content.styled(clip(link.xref.note), "italic $text-muted")
        row += Content("\n") + hang(Content(" " * (prefix.cell_length + 2)), note, width)
    return row


def brief_header(brief: Brief, progress: tuple[int, int] | None = None) -> Content:
    """Title line with date, tags and review progress; first, when the brief has any, a badge
    counting its problems (first, so that a long title never pushes it out of sight)."""
    parts: list[str | tuple[str, str] | Content] = []
    badge = problem_badge(brief)
    if badge.plain:
        parts += [badge, "  "]
    # A brief that could not be read is titled by its file name, which may hold anything.
    parts.append((one_line(brief.title), "bold"))
    if progress is not None:
        done, total = progress
        style = "bold $brief-reviewed" if total and done == total else "bold $text-accent"
        parts.append((f"  {done}/{total} reviewed", style))
    if brief.date:
        parts.append(("  " + brief.date.isoformat(), "$text-muted"))
    if brief.tags:
        parts.append(("  " + " ".join(f"#{t}" for t in brief.tags), "italic $text-accent"))
    return Content.assemble(*parts)


def problem_badge(brief: Brief) -> Content:
    """`✗ 2 errors · 1 warning` (`! 1 warning` with no errors); empty for a clean brief."""
    errors, warnings = brief.errors, brief.warnings
    parts: list[tuple[str, str]] = []
    if errors:
        parts.append((f"{INVALID} {plural(errors, 'error')}", "bold $error"))
    if warnings:
        lead = " · " if errors else "! "
        parts.append((lead + plural(warnings, "warning"), "bold $warning"))
    if parts:
        parts.append((f" ({PROBLEMS_KEY})", "$text-muted"))
    return Content.assemble(*parts)


def bluf(brief: Brief) -> Content:
    """The bottom line up front, labelled."""
    if not brief.bluf:
        return Content("")
    return Content.assemble(("BLUF ", "bold $accent"), " ".join(brief.bluf.split()))
