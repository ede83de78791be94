"""What `brief new` proposes from a seed: sources, claims and the proposal holding them.

`scaffold.py` fills them in from the rules; `brief_text.py` writes them out as a brief.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class ProposedSource:
    """A source read from the seed, as first (and most fully) named."""

    id: str
    name: str
    role: str
    kind: str
    abbr: str = ""


@dataclass
class ProposedClaim:
    """A claim read from one sentence of the seed."""

    id: str
    source: ProposedSource
    text: str
    quote: str
    date: dt.date | None = None
    date_note: str = ""
    """Why there is no `date:` although the text gives one (`the text says "November 1" ...`)."""
    note: str = ""


@dataclass
class Proposal:
    """Everything `brief new` proposes from one seed."""

    title: str
    date: dt.date | None
    sources: list[ProposedSource] = field(default_factory=list)
    claims: list[ProposedClaim] = field(default_factory=list)
    truncated: bool = False
    """True when the seed held more than `MAX_CLAIMS` claims (the rest were left out)."""
