"""`brief check --fix`: rewriting changed quotes to their seed's current words.

Only a *changed* quote (`quote-changed`) is rewritten, and only when the match is confident:

- the quote and the seed's passage are at least `CONFIDENT` percent alike (rapidfuzz `ratio` of
  the folded texts, over the whole quote), and
- the passage is the unique best: with it blanked out of the seed, no other passage comes within
  `MARGIN` points of it (unless it reads the same).

A *moved* quote needs no rewrite (its words are the seed's) and an *orphaned* quote is never
touched (nothing close enough to copy): both are reported as not fixed, with the reason.

The file is edited in place, scalar by scalar (`yamledit.py`): every byte outside the quotes is
kept, its line breaks, its byte order mark and its encoding included. Before anything is written
the new text is read again: its YAML must read as the old with only the quotes changed, and each
new quote must be found in its seed. The file is then replaced atomically (a temporary file in
the same folder, `os.replace`), never through a link leading out of the workspace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import partial
from pathlib import Path as FsPath
from typing import Any, Literal

from rapidfuzz.fuzz import ratio

from ..model import Brief, Claim, Library
from ..text import fold
from .fixfile import BriefText, Edit, FileFailure, edited, read_brief_text, reads_back, write_edits
from .quotes import FoldedSeed
from .yamledit import Scalar, render
from .yamlread import Path

CONFIDENT = 85
"""Least similarity (percent, of the folded quote and the seed's passage, over the whole quote)
at which `--fix` rewrites a changed quote. A word or two changed in a sentence of ten scores 85
to 95; a changed quote below this (at least 75 %, `quotes.SIMILAR`) may mean something else
now, so it is left for the analyst."""

MARGIN = 5
"""A second passage of the seed this many points (or fewer) below the best makes the match
ambiguous: the quote is not rewritten."""

FixState = Literal["fixed", "moved", "orphaned", "unsure", "failed"]

_MARKS = "\"'“”‘’«»"
_END_PUNCT = ".,;:"
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteFix:
    """What `--fix` did, or did not do, about one quote that is not found word for word."""

    path: str
    """The brief file, relative to the workspace root."""
    line: int
    """1-based line of the quote in the file (before the fix)."""
    col: int
    """1-based column of the quote."""
    claim: str
    """Id of the claim."""
    seed: str
    """Id of its seed."""
    state: FixState
    """`fixed` (rewritten), `moved` (nothing to rewrite), `orphaned` (never rewritten),
    `unsure` (changed, but the match is not confident) or `failed` (the file was not written)."""
    similarity: int
    """Percent similarity of the quote and the seed's passage (0 when there is none)."""
    old: str
    """The quote as written."""
    new: str = ""
    """The seed's current words: written (fixed) or proposed (unsure, failed)."""
    reason: str = ""
    """Why it was not fixed; empty when it was."""
    hunk: tuple[str, ...] = ()
    """The change as unified-diff lines (`@@ ... @@`, `-` and `+` lines) of the file's text."""

    def as_dict(self) -> dict[str, Any]:
        """The fields for `--format json` (the hunk left out: `old` and `new` say it)."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "claim": self.claim,
            "seed": self.seed,
            "state": self.state,
            "similarity": self.similarity,
            "old": self.old,
            "new": self.new,
            "reason": self.reason,
        }


@dataclass
class FixReport:
    """Everything `fix_quotes` did, in file and line order."""

    quotes: list[QuoteFix] = field(default_factory=list)
    """Each quote that is not found word for word, and what became of it."""
    failures: list[FileFailure] = field(default_factory=list)
    """Files that were not written."""

    def count(self, state: FixState) -> int:
        """How many quotes are in this state."""
        return sum(1 for q in self.quotes if q.state == state)

    def summary(self) -> str:
        """One line: what was fixed, in how many files, and what is left."""
        if not self.quotes:
            return "no changed, moved or orphaned quotes: nothing needed fixing"
        fixed = self.count("fixed")
        files = len({q.path for q in self.quotes if q.state == "fixed"})
        parts = [
            f"{_n(fixed, 'quote')} fixed in {_n(files, 'file')}" if fixed else "no quote fixed"
        ]
        if moved := self.count("moved"):
            parts.append(f"{_n(moved, 'moved quote')} need{'s' * (moved == 1)} no fix")
        if unsure := self.count("unsure"):
            parts.append(f"{_n(unsure, 'changed quote')} to check by hand")
        if orphaned := self.count("orphaned"):
            parts.append(f"{_n(orphaned, 'orphaned quote')} left for you")
        unwritten = {f.path for f in self.failures}
        alone = sum(1 for q in self.quotes if q.state == "failed" and q.path not in unwritten)
        if alone:
            parts.append(f"{_n(alone, 'quote')} not rewritten (see why above)")
        if self.failures:
            parts.append(f"{_n(len(self.failures), 'file')} not written")
        return "; ".join(parts)

    @property
    def ok(self) -> bool:
        """Whether every rewrite meant was made (nothing failed to be read back or written)."""
        return not self.failures and not self.count("failed")

    def lines(self) -> list[str]:
        """The report as lines of text (untrusted: sanitise each on output): each file's
        changes as a unified diff, then each quote not fixed with its reason, then `summary`.
        (Files not written are for the caller to report, with their paths.)"""
        out: list[str] = []
        for path in dict.fromkeys(q.path for q in self.quotes if q.state == "fixed"):
            out += [f"--- {path}", f"+++ {path}"]
            for q in self.quotes:
                if q.path == path and q.state == "fixed":
                    out += q.hunk
        for q in self.quotes:
            if q.state != "fixed":
                out.append(f"{q.path}:{q.line}:{q.col}: quote of `{q.claim}` not fixed: {q.reason}")
        out.append(self.summary())
        return out


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def fix_quotes(library: Library, *, write: bool = True) -> FixReport:
    """Rewrite each confidently matched changed quote of the library's briefs to its seed's words.

    Args:
        library: A loaded library (`brief check` scope: only its briefs are touched).
        write: Write the files; False works out and reports the same changes, writing nothing.

    Returns:
        The report. Never raises for a file it cannot read or write: that is a `FileFailure`.
    """
    report = FixReport()
    root = FsPath(library.root)
    seeds: dict[str, FoldedSeed] = {}
    for brief in sorted(library.briefs, key=lambda b: b.path):
        if brief.ok and any(c.quote_state not in ("", "found") for c in brief.claims):
            _fix_brief(root, brief, seeds, report, write)
    return report


@dataclass
class _Plan:
    """One confident rewrite: the claim, its quote's new words, and the edit that writes them."""

    claim: Claim
    edit: Edit
    new: str
    similarity: int
    folded: FoldedSeed

    def result(
        self, rel: str, state: FixState, why: str = "", hunk: Sequence[str] = ()
    ) -> QuoteFix:
        scalar, claim = self.edit.scalar, self.claim
        return QuoteFix(
            rel,
            scalar.line,
            scalar.col,
            claim.id,
            claim.seed,
            state,
            self.similarity,
            claim.quote,
            self.new,
            why,
            tuple(hunk),
        )


def _fix_brief(
    root: FsPath, brief: Brief, seeds: dict[str, FoldedSeed], report: FixReport, write: bool
) -> None:
    read = read_brief_text(root, root / brief.path)
    found, at = read.scalars() if isinstance(read, BriefText) else ({}, {})
    items = {pos: p[1] for p, pos in at.items() if len(p) == 2 and p[0] == "claims"}
    results: list[QuoteFix] = []
    plans: list[_Plan] = []
    for claim in brief.claims:
        if claim.quote_state in ("", "found"):
            continue
        index = items.get((claim.pos.line, claim.pos.col))
        path: Path = ("claims", index, "quote") if index is not None else ()
        scalar = found.get(path)
        line, col = (scalar.line, scalar.col) if scalar else (claim.pos.line, claim.pos.col)
        result = partial(QuoteFix, brief.path, line, col, claim.id, claim.seed)
        if claim.quote_state == "moved":
            why = (
                "moved: its words are the seed's (a paragraph break now falls inside them), "
                "nothing to rewrite"
            )
            results.append(result("moved", 100, claim.quote, "", why))
        elif claim.quote_state == "orphaned":
            why = (
                "orphaned: no passage of the seed is close enough to copy; "
                "edit the quote or the claim by hand"
            )
            results.append(result("orphaned", claim.quote_similarity, claim.quote, "", why))
        else:
            plan = _plan(brief, claim, seeds, scalar, path, result)
            if isinstance(plan, QuoteFix):
                results.append(plan)
            else:
                plans.append(plan)
    if plans:
        if isinstance(read, FileFailure):
            report.failures.append(read)
            results += [p.result(brief.path, "failed", read.message) for p in plans]
        else:
            results += _apply(root, read, plans, report, write)
    report.quotes += sorted(results, key=lambda q: (q.line, q.col))


def _plan(
    brief: Brief,
    claim: Claim,
    seeds: dict[str, FoldedSeed],
    scalar: Scalar | None,
    path: Path,
    result: Callable[..., QuoteFix],
) -> _Plan | QuoteFix:
    """A confident rewrite of a changed quote, or why there is none."""

    def unsure(why: str, similarity: int = claim.quote_similarity, new: str = "") -> QuoteFix:
        return result("unsure", similarity, claim.quote, new, why)

    seed = next((s for s in brief.seeds if s.id == claim.seed), None)
    if seed is None or seed.text is None:
        return unsure(f"seed `{claim.seed}` could not be read")
    folded = seeds.get(seed.path)
    if folded is None or folded.text != seed.text:
        folded = seeds[seed.path] = FoldedSeed.of(seed.text)
    found = folded.anchor(claim.quote)
    if found.state != "changed" or found.span is None:
        return unsure("the seed changed while it was read: run it again")
    new = _words(seed.text[found.span[0] : found.span[1]], claim.quote)
    # Of the words it would write (over the whole quote, not its first 400 characters).
    similarity = round(ratio(_bare(claim.quote), _bare(new)))
    if similarity < CONFIDENT:
        return unsure(
            f"changed, {similarity} % similar: below the {CONFIDENT} % needed to rewrite it; "
            "check that the claim still holds, then copy the seed's words by hand",
            similarity,
            new,
        )
    rival = _rival(seed.text, found.span, claim.quote, new, similarity)
    if rival is not None:
        return unsure(
            f"changed, {similarity} % similar, but another passage of the seed is "
            f"{rival} % similar: copy the right one by hand",
            similarity,
            new,
        )
    if scalar is None:
        return unsure("the quote was not found in the file again: run it again", similarity, new)
    if scalar.value != claim.quote:
        return unsure(
            "the quote as written holds control or bidi characters: edit it by hand",
            similarity,
            new,
        )
    return _Plan(claim, Edit(scalar, path), new, similarity, folded)


def _bare(quote: str) -> str:
    return fold(quote).strip("\"' ")


def _words(passage: str, quote: str) -> str:
    """The seed's passage on one line, ending as the quote did: without a final full stop or
    comma the quote did not have, within the quotation marks the quote had."""
    words = " ".join(_inside(passage.split(), quote))
    core = quote.strip()
    marked = len(core) >= 2 and core[0] in _MARKS and core[-1] in _MARKS
    inner = core[1:-1].strip() if marked else core
    if inner and inner[-1] not in _END_PUNCT:
        stripped = words.rstrip(_END_PUNCT)
        if stripped:
            words = stripped
    return core[0] + words + core[-1] if marked else words


def _inside(words: list[str], quote: str) -> list[str]:
    """The passage's words without those it has before the quote's first word or after its last
    (the closest passage may take in a neighbouring word): a quote's edges are the analyst's."""

    def key(word: str) -> str:
        return "".join(_TOKEN.findall(fold(word))) or fold(word)

    said = [key(w) for w in _bare(quote).split()]
    matcher = SequenceMatcher(None, said, [key(w) for w in words], autojunk=False)
    ops = matcher.get_opcodes()
    start, end = 0, len(words)
    if len(ops) > 1 and ops[0][0] == "insert":
        start = ops[0][4]
    if len(ops) > 1 and ops[-1][0] == "insert":
        end = ops[-1][3]
    return words[start:end] if start < end else words


def _rival(text: str, span: tuple[int, int], quote: str, new: str, best: int) -> int | None:
    """The similarity of the next best passage, when it is within `MARGIN` of the best and reads
    differently; else None. (The best passage is blanked out and the quote anchored again.)"""
    lo, hi = span
    other = FoldedSeed.of(text[:lo] + " " * (hi - lo) + text[hi:]).anchor(quote)
    if other.state == "orphaned" or other.span is None:
        return None
    words = _words(other.passage, quote)
    similarity = round(ratio(_bare(quote), _bare(words)))  # measured as the best was
    if similarity < best - MARGIN or _bare(words) == _bare(new):
        return None  # not as close; or the same words elsewhere, and the rewrite is the same
    return similarity


def _apply(
    root: FsPath, brief: BriefText, plans: list[_Plan], report: FixReport, write: bool
) -> list[QuoteFix]:
    """Rewrite the planned quotes of one file (each read back alone, then all together), write
    it, and say what became of each."""
    rel = brief.rel

    def check(edit: Edit) -> bool:
        plan = next(p for p in plans if p.edit is edit)
        return plan.folded.anchor(edit.value).state in ("found", "moved")

    done: list[QuoteFix] = []
    good: list[_Plan] = []
    for plan in plans:
        edit = plan.edit
        # In the quote's own style if it can say the words, else double-quoted.
        for keep_style in (True, False):
            edit.source, edit.value = render(plan.new, edit.scalar, brief.text, keep_style)
            if reads_back(brief, [edit], check):
                good.append(plan)
                break
        else:
            why = "rewriting it would change more than the quote: left as it is"
            done.append(plan.result(rel, "failed", why))
    if not good:
        return done
    edits = [p.edit for p in good]
    if not reads_back(brief, edits, check):
        why = "the rewritten file did not read back as expected: left as it is"
        report.failures.append(FileFailure(rel, why, "please report this with the file attached"))
        return done + [p.result(rel, "failed", why) for p in good]
    if write:
        failure = write_edits(root, brief, edits)
        if failure is not None:
            report.failures.append(failure)
            return done + [p.result(rel, "failed", failure.message) for p in good]
    _, hunks = edited(brief.text, edits)
    note = "claim `{}`: {} % similar to seed `{}`"
    for plan, hunk in zip(good, hunks, strict=True):
        said = " " + note.format(plan.claim.id, plan.similarity, plan.claim.seed)
        hunk = [line + said if line.startswith("@@") else line for line in hunk]
        done.append(plan.result(rel, "fixed", hunk=hunk))
    return done
