"""Who speaks: reading an attribution's subject as a person, an organisation or a group
(part of the rules in `rules.py`).

**Who.** X (the subject) must look like a name: at most `MAX_SUBJECT_WORDS` words, no figures,
every word in lower case one of `SUBJECT_LOWER` (titles, particles, `of`, `the`...) or right
before a word of `GROUP_WORDS` (`industry sources`). It reads as:

- a person: the last one to four capitalised words that are not titles (`ROLE_WORDS`),
  honorifics (`HONORIFICS`, left out), acronyms or articles are the name, and what stands before
  them is the role if it holds a word of `TITLE_WORDS` or `SPEAKS_FOR` (`US Secretary of State
  Antony Blinken` is `Antony Blinken`, `US Secretary of State`; `Mr Putin` is `Putin`); with a
  comma, `role, Name` and `Name, role` (`Ukraine's representative, Sergiy Kyslytsya`); and
  `Name of the Organisation` (the organisation is the role);
- an organisation: a phrase with a word of `ORG_WORDS`, an acronym, or only capitalised words
  (`the Institute for the Study of War (ISW)`, `NATO`, `the White House`); a parenthesised
  acronym becomes its short name; `a spokesman for X` and `analysts from X` are X;
- a group: `X analysts` is X, but `X officials`, `officials`, `a senior Western official` stay
  as written (without a leading article or count: `Two U.S. officials` are `U.S. officials`);
- back-references: `he`, `she`, `they`, `it` are the source of the previous sentence's claim
  (else the sentence is skipped); `the minister`, `the ministry` (an article and words in lower
  case ending in one of `ROLE_WORDS` or `ORG_WORDS`) are the latest source with that word in its
  name or role, else a new source named so.

A later mention is the same source when its name matches (ignoring case), or its one word is the
surname of a person already named (`Zelensky`), or it is an acronym that is an organisation's
short name or initials (`ISW analysts`). A hyphenated word counts by its first part
(`commander-in-chief`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .lexicon import (
    COUNT_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    ORG_WORDS,
    PARTICLES,
    PRONOUNS,
    ROLE_WORDS,
    SPEAKS_FOR,
    SUBJECT_LOWER,
    TITLE_WORDS,
    _words,
)

MAX_SUBJECT_WORDS = 14
"""Longest subject read as a source, in words."""

# -- subjects -------------------------------------------------------------------------------------

SubjectKind = Literal["person", "org", "group", "pronoun", "ref"]


@dataclass(frozen=True)
class Subject:
    """Who a sentence says is speaking, as written."""

    kind: SubjectKind
    name: str
    role: str = ""
    abbr: str = ""
    """An organisation's short name, from `(ISW)` after it."""


_ABBR = re.compile(r"\s*\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPEAKS_FOR = re.compile(
    r"^(?:(?:the|a|an|two|three|several|some|many|senior|top|other)\s+)*"
    r"(?:(?:[a-z]+|[A-Z][a-z]+)\s+)?"
    r"(?P<who>" + "|".join(sorted(SPEAKS_FOR, key=len, reverse=True)) + r")"
    r"\s+(?:from|at|of|for|with)\s+(?P<org>.+)$",
    re.IGNORECASE,
)


def _bare(word: str) -> str:
    """A word of a subject without its punctuation, lower case, for the word lists."""
    return word.strip(".,;:()[]\"'“”‘’").lower()


def _among(word: str, words: frozenset[str]) -> bool:
    """Whether a word (or, hyphenated, its first part: `commander-in-chief`) is in a list."""
    bare = _bare(word)
    return bare in words or bare.split("-", 1)[0] in words


def _capitalised(word: str) -> bool:
    core = word.strip("()[]\"'“”‘’")
    return bool(core) and core[0].isupper()


def is_acronym(word: str) -> bool:
    """Whether a word is an acronym: two or more capitals, dots allowed (`NATO`, `U.S.`)."""
    core = word.strip(".,()[]\"'“”‘’").replace(".", "")
    return len(core) >= 2 and core.isupper() and core.isalpha()


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _valid_words(words: list[str]) -> bool:
    """Whether words can be a subject: no figures, and every word in lower case one of
    `SUBJECT_LOWER` or right before a word of `GROUP_WORDS` (`industry sources`)."""
    for n, word in enumerate(words):
        if any(c.isdigit() for c in word):
            return False
        bare = _bare(word)
        if not bare:
            return False
        if _capitalised(word) or _among(word, SUBJECT_LOWER):
            continue
        if _bare(word.replace("’s", "").replace("'s", "")) in SUBJECT_LOWER:
            continue
        if n + 1 < len(words) and _bare(words[n + 1]) in GROUP_WORDS:
            continue
        return False
    return True


def _person(words: list[str]) -> tuple[str, str] | None:
    """(name, role) when the words end in a personal name: `US Secretary of State Antony
    Blinken` -> (`Antony Blinken`, `US Secretary of State`); None if they do not."""
    n = len(words)
    i = n
    taken = 0
    while i > 0:
        word = words[i - 1]
        bare = _bare(word)
        if bare in PARTICLES and i < n and taken:
            i -= 1
            continue
        if (
            not _capitalised(word)
            or is_acronym(word)
            or _possessive(word)
            or _among(word, ROLE_WORDS)
            or bare in HONORIFICS
            or bare in {"the", "a", "an"}
            or bare in ORG_WORDS
            or bare in GROUP_WORDS
            or taken == 4
        ):
            break
        taken += 1
        i -= 1
    while i < n and _bare(words[i]) in PARTICLES:
        i += 1  # a name does not start with `de`
    if not taken or i >= n:
        return None
    name, role_words = words[i:], [w for w in words[:i] if _bare(w) not in HONORIFICS]
    if role_words and _bare(role_words[-1]) in _JOINERS:
        return None  # `the Ministry of Defence of Estonia`: a place, not a person
    titled = any(_among(w, TITLE_WORDS | SPEAKS_FOR) for w in role_words)
    if role_words and not titled and not all(_possessive(w) or is_acronym(w) for w in role_words):
        return None  # `Ukraine's Volodymyr Zelensky` and `NATO's Mark Rutte` are fine
    return " ".join(name), " ".join(role_words)


_JOINERS = _words("of for the and from at in on to with")
_OF_ORG = re.compile(r"^(?P<who>.+?)\s+(?:of|from|at)\s+(?P<org>(?:the\s+)?[A-Z].*)$")


def _clean_phrase(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:\"'“”‘’")


def parse_subject(segments: list[str]) -> Subject | None:
    """Read the subject of an attribution (one segment, or two around a comma) as a source.

    Returns None when the words do not look like a name (see the module's rules).
    """
    segments = [_clean_phrase(s) for s in segments]
    if not segments or not all(segments) or len(segments) > 2:
        return None
    words = [w for s in segments for w in s.split() if w not in "–—"]
    if len(words) > MAX_SUBJECT_WORDS or not _valid_words(words):
        return None
    if len(segments) == 2:
        return _apposition(segments[0], segments[1])
    return _one(segments[0])


def _apposition(first: str, second: str) -> Subject | None:
    """`role, Name` or `Name, role`."""
    for name_part, role_part in ((second, first), (first, second)):
        person = _person(name_part.split())
        if person is None or (person[1] and len(person[1].split()) > 1):
            continue  # a name, maybe after one title word (`Gen. Martin Herem`)
        role_words = role_part.split()
        if any(_among(w, TITLE_WORDS | SPEAKS_FOR) for w in role_words):
            return Subject("person", person[0], _ARTICLE.sub("", role_part))
    return None


def _one(text: str) -> Subject | None:
    abbr = ""
    found = _ABBR.search(text)
    if found:
        abbr = found.group(1).replace(".", "")
        text = _clean_phrase(text[: found.start()] + text[found.end() :])
    words = text.split()
    if not words:
        return None
    low = [_bare(w) for w in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return Subject("pronoun", low[0])
    speaks = _SPEAKS_FOR.match(text)
    if (
        speaks
        and speaks.group("who").lower().startswith("representative")
        and speaks.group(0)[speaks.end("who") :].split()[0].lower() not in ("of", "for", "from")
    ):
        speaks = None  # `Ukraine's representative at the UN` speaks for Ukraine, not the UN
    if speaks:
        org = _one(speaks.group("org"))
        if org is not None and org.kind in ("org", "person", "ref") and not org.role:
            kind: SubjectKind = "org" if org.kind == "person" else org.kind
            return Subject(kind, org.name, "", org.abbr or abbr)
    if low[0] in {"the", "a", "an"} and all(not _capitalised(w) for w in words[1:]):
        head = low[-1]
        if len(words) <= 4 and (head in ROLE_WORDS or head in ORG_WORDS):
            return Subject("ref", _upper_first(" ".join(words[1:])))
        return None
    bare_words = _ARTICLE.sub("", text).split()
    if low[-1] in GROUP_WORDS:
        body = bare_words[:-1]
        if low[-1].rstrip("s") in {"analyst", "expert", "researcher"} and body:
            inner = _one(" ".join(body))
            if inner is not None and inner.kind in ("org", "person"):
                return Subject("org", inner.name, "", inner.abbr or abbr)
        while len(bare_words) > 1 and bare_words[0].lower() in COUNT_WORDS:
            bare_words = bare_words[1:]
        return Subject("group", _upper_first(" ".join(bare_words)), "", abbr)
    if not any(_capitalised(w) for w in words):
        return None
    person = _person(words)
    if person is not None and (person[1] or not any(b in ORG_WORDS for b in low)):
        name, role = person
        return Subject("person", name, _ARTICLE.sub("", role) if role else "")
    of_org = _OF_ORG.match(text)
    if of_org is not None:  # `Dr. Jane Smith of the International Centre (ICDS)`
        who = _person(of_org.group("who").split())
        org = _one(of_org.group("org"))
        if who is not None and org is not None and org.kind == "org":
            where = org.name + (f" ({org.abbr or abbr})" if org.abbr or abbr else "")
            return Subject("person", who[0], where)
    name = " ".join(bare_words)
    if any(b in ORG_WORDS for b in low) or abbr or all(is_acronym(w) for w in bare_words):
        return Subject("org", name, "", abbr or (name if is_acronym(name) else ""))
    if all(_capitalised(w) or _bare(w) in PARTICLES | {"of", "for", "the", "and"} for w in words):
        return Subject("org", name, "", abbr)
    return None


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
