"""Turning a seed's attributed sentences into proposed sources and claims, and writing the brief.

`propose` reads the text with the rules of `rules.py` and merges mentions of the same source;
`render` (in `brief_text.py`, re-exported here) writes a `.md` brief from the proposal: front
matter whose every text value is quoted by YAML's own emitter, commented placeholders for what
only the analyst can judge, and a summary skeleton linking every proposed claim.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

from ..text import fold, has_unsafe, sanitize
from . import rules
from .brief_text import CREDIBILITY_HINT as CREDIBILITY_HINT
from .brief_text import RELIABILITY_HINT as RELIABILITY_HINT
from .brief_text import q as q
from .brief_text import render as render
from .proposal import Proposal as Proposal
from .proposal import ProposedClaim as ProposedClaim
from .proposal import ProposedSource as ProposedSource
from .rules import DateText, Subject

MAX_CLAIMS = 400
"""Most claims proposed from one seed: the brief stays well under the loader's 1 MiB."""
MAX_TITLE = 200
"""Longest title taken from the seed's first line."""


_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_LETTERS = re.compile(r"[^\W\d_]{4,}")
_SLUG = re.compile(r"[^a-z0-9]+")
_JOINERS = frozenset(("of", "for", "the", "and"))


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII id words from any text (`Antony Blinken` -> `antony-blinken`); may be
    empty for text with no Latin letters or digits."""
    text = text.replace("'s ", " ").replace("’s ", " ").replace(".", "")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _SLUG.sub("-", ascii_text.lower()).strip("-")
    return words[:limit].strip("-")


def clean(text: str) -> str:
    """A value for the brief: invisible characters dropped, whitespace runs one space.

    Matching ignores both (see `tui.text.fold`), so a quote cleaned so still matches its seed.
    """
    return " ".join(_INVISIBLE.sub("", text).split())


class _Sources:
    """The sources found so far, and how later mentions find them again."""

    def __init__(self) -> None:
        self.all: list[ProposedSource] = []
        self.ids: set[str] = set()
        self.by_name: dict[str, ProposedSource] = {}
        self.by_surname: dict[str, ProposedSource] = {}
        self.by_abbr: dict[str, ProposedSource] = {}
        self.recent: list[ProposedSource] = []

    def find(self, subject: Subject) -> ProposedSource | None:
        name = fold(subject.name)
        if subject.kind == "ref":
            head = name.split()[-1] if name else ""
            for source in reversed(self.recent):
                if head in fold(f"{source.name} {source.role}").split():
                    return source
            return self.by_name.get(name)
        found = self.by_name.get(name)
        if found is None and subject.kind == "person":
            found = self.by_surname.get(name.split()[-1]) if name else None
            if found is not None and " " in name and " " in fold(found.name):
                found = None  # two full names with one surname are two people
        if found is None and subject.kind in ("org", "person") and " " not in subject.name:
            found = self.by_abbr.get(subject.name.upper())
        if found is None and subject.abbr:
            found = self.by_abbr.get(subject.abbr.upper())
        return found

    def get(self, subject: Subject) -> ProposedSource:
        found = self.find(subject)
        if found is not None:
            if subject.role and not found.role:
                found.role = subject.role
            if subject.kind == "person" and len(subject.name.split()) > len(found.name.split()):
                found.name = subject.name  # `Zelensky` first, `Volodymyr Zelensky` later
            if subject.abbr and not found.abbr:
                found.abbr = subject.abbr
            self._index(found, subject)
            self._seen(found)
            return found
        kind = "org" if subject.kind == "ref" else subject.kind
        source = ProposedSource(
            self._id(subject, kind), subject.name, subject.role, kind, subject.abbr
        )
        self.all.append(source)
        self._index(source, subject)
        self._seen(source)
        return source

    def _seen(self, source: ProposedSource) -> None:
        if self.recent and self.recent[-1] is source:
            return
        if source in self.recent:
            self.recent.remove(source)
        self.recent.append(source)

    def _index(self, source: ProposedSource, subject: Subject) -> None:
        for name in (source.name, subject.name):
            self.by_name.setdefault(fold(name), source)
        if source.kind == "person":
            self.by_surname.setdefault(fold(source.name).split()[-1], source)
        elif source.kind == "org":
            if source.abbr:
                self.by_abbr.setdefault(source.abbr.upper(), source)
            if rules.is_acronym(source.name):
                self.by_abbr.setdefault(source.name.replace(".", "").upper(), source)
            initials = "".join(
                w[0] for w in source.name.split() if w[:1].isupper() and w.lower() not in _JOINERS
            )
            if len(initials) >= 3:
                self.by_abbr.setdefault(initials.upper(), source)

    def _id(self, subject: Subject, kind: str) -> str:
        if kind == "person":
            base = slug(subject.name.split()[-1])
        elif subject.abbr:
            base = slug(subject.abbr)
        else:
            words = [w for w in subject.name.split() if w.lower() not in _JOINERS]
            base = slug(" ".join(words[:3]))
        return unique(base or "source", self.ids)


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken yet; added to `taken`."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def title_of(text: str) -> str:
    """The seed's first non-empty line, as a title (without a Markdown `#`)."""
    for line in text.splitlines():
        line = clean(sanitize(line)).lstrip("#").strip()
        if line:
            return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1].rstrip() + "…"
    return ""


def propose(text: str) -> Proposal:
    """Read a seed's text (LF line ends, as the loader reads it) into sources and claims."""
    document = rules.document_date(text)
    proposal = Proposal(title_of(text), document)
    counts = Counter(w.lower() for w in _LETTERS.findall(text))
    sources = _Sources()
    claim_ids: set[str] = set()
    last_source: ProposedSource | None = None
    last_index = -2
    for index, sentence in enumerate(rules.sentences(text)):
        if len(proposal.claims) >= MAX_CLAIMS:
            proposal.truncated = True
            break
        if not sentence.closed or len(sentence.text) > rules.MAX_SENTENCE:
            continue
        if has_unsafe(sentence.text):
            continue  # a control or bidi character: the quote could not be copied safely
        found = rules.attribute(sentence.text)
        if found is None:
            continue
        if found.subject.kind == "pronoun":
            if last_source is None or last_index != index - 1:
                continue
            source = last_source
        else:
            source = sources.get(found.subject)
        claim = _claim(sentence.text, found, source, document, counts, claim_ids)
        if claim is None:
            continue
        proposal.claims.append(claim)
        last_source, last_index = source, index
    used = {id(c.source) for c in proposal.claims}
    proposal.sources = [s for s in sources.all if id(s) in used]
    return proposal


def _claim(
    sentence: str,
    found: rules.Attribution,
    source: ProposedSource,
    document: dt.date | None,
    counts: Counter[str],
    taken: set[str],
) -> ProposedClaim | None:
    raw = sentence[found.quote_start : found.quote_end]
    quote = clean(raw)
    if not quote or fold(quote).strip("\"' ") not in fold(sentence):
        return None  # never propose a quote the checker would not find
    if found.with_verb:
        short = source.name.split()[-1] if source.kind == "person" else source.name
        text = f"{short} {quote}"
    else:
        text = quote[:1].upper() + quote[1:]
    if text[-1:] not in ".!?":
        text += "."
    day, date_note = _date(sentence, found, raw, document)
    note = ""
    if found.told:
        note = f"Told {clean(found.told)}" + (f" {clean(found.setting)}" if found.setting else "")
    elif found.setting:
        setting = clean(found.setting)
        if setting.split()[0].lower() in rules.ASIDE_WORDS:
            note = setting[:1].upper() + setting[1:]  # "Speaking to the BBC."
        else:
            note = f"Said {setting[:1].lower()}{setting[1:]}"
    if note:
        note += "."
    words = {w.lower() for w in _LETTERS.findall(source.name)}
    claim_id = _claim_id(source.id, quote, counts, words, taken)
    return ProposedClaim(claim_id, source, text, quote, day, date_note, note)


def _date(
    sentence: str, found: rules.Attribution, quote: str, document: dt.date | None
) -> tuple[dt.date | None, str]:
    """The claim's date and, when the text gives one that cannot be read, why not."""
    written: list[DateText] = []
    for start, end in found.context:
        written.extend(rules.dates_in(sentence, start, end))
    if not written:
        written = rules.dates_after_on(quote)
    if not written:
        return None, ""
    days = {w.resolve(document) for w in written}
    texts = sorted({w.text for w in written})
    if len(days) == 1 and None not in days:
        return days.pop(), ""
    shown = ", ".join(f'"{t}"' for t in texts)
    if len(days) > 1:
        return None, f"the text gives several dates: {shown}"
    if document is None:
        return None, f"the text says {shown}; no year or document date to place it"
    return None, f"the text says {shown}, which is not a day"


def _claim_id(
    source_id: str, quote: str, counts: Counter[str], name_words: set[str], taken: set[str]
) -> str:
    """`source-key`: the quote's first figure that is not part of a date, else its rarest word
    in the seed, the longest of those (see docs/new.md)."""
    dated = [(m.start(), m.end()) for m in rules.DATE.finditer(quote)]
    for number in _NUMBER.finditer(quote):
        if any(a <= number.start() < b for a, b in dated):
            continue
        digits = number.group().replace(",", "")
        if re.fullmatch(r"(19|20)\d\d", digits):
            continue  # a year
        key = slug(digits.replace(".", "-"))
        if key:
            return unique(f"{source_id}-{key}", taken)
    candidates = []
    for n, match in enumerate(_LETTERS.finditer(quote)):
        word = match.group().lower()
        if (
            word in rules.STOPWORDS
            or word.endswith("ly")
            or word in name_words
            or rules.is_reporting_verb(word)
        ):
            continue
        if slug(word):
            candidates.append((counts.get(word, 0), -len(word), n, slug(word)))
    candidates.sort()
    keys = [c[3] for c in candidates]
    if keys and f"{source_id}-{keys[0]}" not in taken:
        return unique(f"{source_id}-{keys[0]}", taken)
    if len(keys) > 1:
        return unique(f"{source_id}-{keys[0]}-{keys[1]}", taken)
    return unique(f"{source_id}-{keys[0]}" if keys else f"{source_id}-claim", taken)
