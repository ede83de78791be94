"""Reading a session's marks in memory (no store call): an item's mark, status and flag, who
else reviewed it, a brief's progress and what is left to review. A base of `session.Reviews`,
which keeps the marks current."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import ClaimKey
from .items import BriefItems, Item
from .schema import Kind, Mark, MarkKey, Status


class MarkReads:
    """The reads of `Reviews` over its marks (swapped whole on a change, so a read never sees
    half a batch)."""

    marks: dict[MarkKey, Mark]
    """Every mark of this reviewer, by (brief, kind, item)."""
    others: dict[MarkKey, list[Mark]]
    """Other reviewers' marks, by (brief, kind, item), oldest first."""
    items: BriefItems
    """Reviewable items of each brief, in reading order."""
    _hash: Mapping[MarkKey, str]
    _marked: tuple[dict[MarkKey, Mark], frozenset[str]] | None = None

    def hash_of(self, brief: str, kind: Kind, item: str) -> str:
        """Current content hash of an item ("" when it no longer exists)."""
        return self._hash.get((brief, kind, item), "")

    def mark(self, brief: str, kind: Kind, item: str) -> Mark | None:
        """The mark of an item, if any."""
        return self.marks.get((brief, kind, item))

    def others_of(self, brief: str, kind: Kind, item: str) -> list[Mark]:
        """Other reviewers' marks of an item (who and when: "also reviewed by ...")."""
        return self.others.get((brief, kind, item), [])

    def reviewers_of(self, key: ClaimKey) -> tuple[str | None, tuple[str, ...]]:
        """Who marked a claim reviewed, for search's `by:` and `is:reviewed-by-others`: my name
        when I did (else None), and the other reviewers' names (stale marks count: they are
        still marked reviewed)."""
        mine = self.marks.get((key.brief, "claim", key.claim))
        others = self.others.get((key.brief, "claim", key.claim), ())
        return (
            mine.reviewer if mine is not None and mine.reviewed else None,
            tuple(m.reviewer for m in others if m.reviewed),
        )

    def status(self, brief: str, kind: Kind, item: str) -> Status:
        """`reviewed`, `stale` (changed since it was reviewed) or `unreviewed`."""
        mark = self.marks.get((brief, kind, item))
        return mark.status(self.hash_of(brief, kind, item)) if mark else "unreviewed"

    def flagged(self, brief: str, kind: Kind, item: str) -> bool:
        """True when the item is flagged."""
        mark = self.marks.get((brief, kind, item))
        return bool(mark and mark.flagged)

    def status_of(self, key: ClaimKey) -> tuple[Status, bool]:
        """(status, flagged) of a claim, for search's `is:` qualifiers."""
        return self.status(key.brief, "claim", key.claim), self.flagged(
            key.brief, "claim", key.claim
        )

    def progress(
        self,
        brief: str,
        kinds: tuple[Kind, ...] = ("summary", "claim", "xref"),
        only: set[str] | None = None,
    ) -> tuple[int, int]:
        """(reviewed, total) over a brief's items of some kinds (and, optionally, some ids)."""
        if brief not in self._marked_briefs():
            return 0, self.items.count(brief, kinds, only)  # nothing reviewed: no hashing
        done = total = 0
        marks = self.marks
        # As `status(...) == "reviewed"` of each item, over the hashes as kept: no `Item` made
        # (a fully reviewed 1,000-brief library lists 88,000 items' progress at once).
        for kind, item, now in self.items.hashed(brief):
            if kind not in kinds or (only is not None and item not in only):
                continue
            total += 1
            mark = marks.get((brief, kind, item))
            done += mark is not None and mark.status(now) == "reviewed"
        return done, total

    def _marked_briefs(self) -> frozenset[str]:
        # The briefs with a mark of mine, per `marks` dict (each change swaps it whole).
        marks, found = self.marks, self._marked
        if found is None or found[0] is not marks:
            found = self._marked = (marks, frozenset(key[0] for key in marks))
        return found[1]

    def needing_review(self, brief: str) -> list[Item]:
        """Items of a brief that are unreviewed or stale, in reading order."""
        return [
            i
            for i in self.items.get(brief, ())
            if self.status(i.brief, i.kind, i.item) != "reviewed"
        ]
