"""Counting words for people: "1 claim", "2 claims", "1,204 errors".

Every count shown to the user goes through `plural`, so a count of one never reads "1 claims".
No Textual here: the command line and the reader both use it.
"""

from __future__ import annotations

IRREGULAR = {
    "is": "are",
    "has": "have",
    "was": "were",
    "this": "these",
    "match": "matches",
    "cross-reference": "cross-references",
    "summary": "summaries",
    "entry": "entries",
    "query": "queries",
}
"""Words whose plural is not the word plus `s`."""


def plural_of(noun: str, count: int) -> str:
    """`noun` as it reads after `count`: "claim" for 1, "claims" otherwise (and for 0)."""
    if count == 1:
        return noun
    return IRREGULAR.get(noun, noun + "s")


def plural(count: int, noun: str, many: str | None = None) -> str:
    """The count and its noun: `plural(1, "claim")` is "1 claim", `plural(3, "claim")` is
    "3 claims", `plural(2, "match")` is "2 matches"; thousands are separated ("1,204 errors").

    Args:
        count: How many.
        noun: The noun for one.
        many: The noun for several, when it is not in `IRREGULAR` nor `noun` + "s".
    """
    word = noun if count == 1 else (many or plural_of(noun, count))
    return f"{count:,} {word}"
