"""The values qualifiers take: names (`rel:contra`), grades (`cred:<=3`), dates (`date:2024-11`).

Each reader returns None for a value it cannot use; `tui.search.query` turns that into a
`QueryError` that says what would work.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypeVar

FIRST_DAY = 1
"""Ordinal of the first date there is (0001-01-01)."""
LAST_DAY = date.max.toordinal()
"""Ordinal of the last date there is (9999-12-31)."""

_DATE = re.compile(r"(<=|>=|<|>|=)?(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

_Grade = TypeVar("_Grade")
_Name = TypeVar("_Name", bound=str)


def one_of(value: str, choices: Sequence[_Name]) -> _Name | None:
    """The choice equal to `value`, or the only one it begins (`rel:contra`); when it begins
    several and one of them begins all the others, that one (`is:rev` is `reviewed`, not
    `reviewed-by-others`)."""
    found = [c for c in choices if c == value] or [
        c for c in choices if value and c.startswith(value)
    ]
    if len(found) > 1:
        shortest = min(found, key=len)
        found = [shortest] if all(c.startswith(shortest) for c in found) else found
    return found[0] if len(found) == 1 else None


def graded(
    value: str, pattern: re.Pattern[str], scale: Mapping[str, _Grade]
) -> list[_Grade] | None:
    """Grades allowed by `<=3`, `3`, `1,2` on an ordered scale (first is best); None if invalid.

    Args:
        value: The value as typed.
        pattern: An optional operator (group 1) and one grade as written (group 2).
        scale: Each grade as written and its value, best first.
    """
    if "," in value:
        parts = value.split(",")
        return [scale[p] for p in parts] if parts and all(p in scale for p in parts) else None
    match = pattern.fullmatch(value)
    if match is None or match.group(2) not in scale:
        return None
    names = list(scale)
    op, at = match.group(1) or "=", names.index(match.group(2))
    chosen = {
        "=": names[at : at + 1],
        "<": names[:at],
        "<=": names[: at + 1],
        ">": names[at + 1 :],
        ">=": names[at:],
    }[op]
    return [scale[name] for name in chosen]


def date_range(value: str) -> tuple[int, int] | None:
    """First and last date ordinals allowed by `>=2024-11-01` (also `2024-11`, `2024`).

    None when `value` is not a date after an optional `<`, `<=`, `>`, `>=` or `=`.
    """
    match = _DATE.fullmatch(value)
    if match is None:
        return None
    op, year, month, day = match.groups()
    try:
        y = int(year)
        if day is not None:
            first = last = date(y, int(month), int(day))
        elif month is not None:
            first = date(y, int(month), 1)
            last = first.replace(day=calendar.monthrange(y, first.month)[1])  # 9999-12 too
        else:
            first, last = date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None
    lo, hi = first.toordinal(), last.toordinal()
    return {
        None: (lo, hi),
        "=": (lo, hi),
        "<": (FIRST_DAY, lo - 1),
        "<=": (FIRST_DAY, hi),
        ">": (hi + 1, LAST_DAY),
        ">=": (lo, LAST_DAY),
    }[op]
