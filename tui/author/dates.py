"""Dates written in a seed: the document's date and each claim's (part of the rules in
`rules.py`).

**Dates.** A date is written `2024-11-04`, `4 November 2024`, `November 4, 2024`, `Nov. 4`,
`November 1` or a weekday. The *document date* is the first date with a year on one of the first
10 non-empty lines of at most 120 characters. A claim's date is the one date written in the
attribution (`On November 1, X said`, `said on Tuesday`), else the one date after `on` inside the
quote. A date with no year takes the document's year (the year before if that would fall after
the document), a weekday the last such day on or before the document date; with no document date,
or two different dates, the claim gets a commented `# date:` line saying what the text says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..text import has_unsafe

# -- dates ----------------------------------------------------------------------------------------

MONTHS = {
    name: n
    for n, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        1,
    )
    for name in names.split()
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
DATE = re.compile(
    r"\b(?:(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    rf"|(?P<dd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{_MONTH})\b\.?(?:,?\s+(?P<dy>\d{{4}}))?"
    rf"|(?P<mm>{_MONTH})\b\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<my>\d{{4}}))?"
    r"|(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
"""A date as written: `2024-11-04`, `4 November 2024`, `November 4, 2024`, `Nov. 4`, a weekday."""


@dataclass(frozen=True)
class DateText:
    """A date written in the text, maybe without its year."""

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None

    def resolve(self, document: dt.date | None) -> dt.date | None:
        """The day meant, using the document date for a missing year or a weekday."""
        try:
            if self.weekday is not None:
                if document is None:
                    return None
                return document - dt.timedelta(days=(document.weekday() - self.weekday) % 7)
            assert self.month is not None and self.day is not None
            if self.year is not None:
                return dt.date(self.year, self.month, self.day)
            if document is None:
                return None
            day = dt.date(document.year, self.month, self.day)
            if day > document:
                day = dt.date(document.year - 1, self.month, self.day)
            return day
        except ValueError:
            return None


def read_date(found: re.Match[str]) -> DateText:
    """A `DATE` match as a `DateText`."""
    g = found.groupdict()
    text = " ".join(found.group().split())
    if g["iy"]:
        return DateText(text, int(g["iy"]), int(g["im"]), int(g["id"]))
    if g["wd"]:
        return DateText(text, weekday=WEEKDAYS.index(g["wd"]))
    if g["dm"]:
        month, day, year = g["dm"], g["dd"], g["dy"]
    else:
        month, day, year = g["mm"], g["md"], g["my"]
    return DateText(text, int(year) if year else None, MONTHS[month.lower()], int(day))


def dates_in(text: str, start: int = 0, end: int | None = None) -> list[DateText]:
    """Every date written in `text[start:end]`."""
    end = len(text) if end is None else end
    return [read_date(m) for m in DATE.finditer(text, start, end)]


def dates_after_on(text: str) -> list[DateText]:
    """Dates after `on` (`on November 1`, `on 4 November 2024`), weekdays left out."""
    found = []
    for match in DATE.finditer(text):
        if match.group("wd"):
            continue
        if text[max(0, match.start() - 3) : match.start()].lower() == "on ":
            found.append(read_date(match))
    return found


def document_date(text: str) -> dt.date | None:
    """The first full date on one of the first 10 non-empty lines of at most 120 characters."""
    seen = 0
    at = 0
    while seen < 10 and at < len(text):
        stop = text.find("\n", at)
        stop = len(text) if stop < 0 else stop
        line = text[at:stop].strip()
        at = stop + 1
        if not line:
            continue
        seen += 1
        if len(line) > 120 or has_unsafe(line):
            continue
        for written in dates_in(line):
            if written.year is not None:
                day = written.resolve(None)
                if day is not None:
                    return day
    return None
