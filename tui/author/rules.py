"""How `brief new` reads a source document: every rule it follows, in this one module.

Nothing here guesses with a model or the network: the rules are the regular expressions and the
short word lists below, and a reader can check each proposal against them. docs/new.md says the
same for users.

**Text.** The seed is read as `brief check` reads it (UTF-8, CRLF and CR become LF), so every
quote is an exact stretch of it. A sentence holding a control or bidi character (anything
`tui.text.sanitize` would replace) is skipped: its quote could not be copied safely.

**Lines.** Blank lines separate blocks. Inside a block, a line break also ends a sentence when the
line is a heading or a list item (it starts with `#`, `-`, `*`, `+`, `•`, `>` or `1.`), when the
next line starts one, or when the line ends without sentence punctuation and is shorter than
three quarters of the block's longest line (a title, a dateline, "Read also"). Any other line
break is a space: hard-wrapped prose joins up again.

**Sentences** end at `.`, `!` or `?` (closing quotes and brackets after it belong to the sentence)
followed by a space and a capital, a digit or an opening quote or bracket; but never after an
abbreviation: a title or a month in `ABBREVIATIONS` (`Gen.`, `Dr.`, `Nov.`), `No.` before a
number, an initial (`J. Smith`) or a dotted acronym (`U.S.`, `U.N.`). A sentence that does not end
with such punctuation (a headline, a list of links) is not read for claims, nor is one longer
than `MAX_SENTENCE` characters.

**Attributions.** Each sentence gives at most one claim. The forms are tried in this order:

1. Passive: `it was reported by X that Q` (any verb of `PASSIVE_VERBS`).
2. `according to X, Q` and `Q, according to X.`; `a statement from X` and `X's report` name X.
3. A reporting verb (`SAY_VERBS`, `OBJECT_VERBS`, `DENY_VERBS`, `MULTIWORD_VERBS`; the first
   four in the sentence are tried, in order):
   - forward: `[lead,] X[, aside,] [also] VERB [setting] [that] Q`. A lead is a phrase that
     starts with one of `LEAD_WORDS` or is a date (`Earlier,`, `On November 1,`, `At a UN
     meeting,`); an aside starts with one of `ASIDE_WORDS` (`, speaking on condition of
     anonymity,`); a setting is at most 20 words before `that`, starting with one of
     `SETTING_WORDS` (`stated in an interview with KBS that`). `told` takes its listener first
     (a capitalised name, one of `LISTENERS`, or `a press conference` and the like of
     `GATHERINGS`) and then needs `that` or a colon (`officials told Reuters that Q`);
   - backward: `Q, X said [tail].` and `Q, said X[, role].`, where the tail holds no comma,
     no `that` and at most 12 words (`said on Tuesday`, `told reporters in Kyiv`).
4. Q is what the source says. With `that` (or a colon) it starts after it. Without, it is the
   rest of the sentence after a verb of `SAY_VERBS` (`said the troops had left`), but starts
   with the verb itself after one of `OBJECT_VERBS` (`confirmed the involvement of ...`), and
   always after one of `DENY_VERBS` (`denied that ...`: the words alone would say the opposite).
   Quotation marks and the final punctuation around Q are left out. Q must hold at least 3
   words and at most `MAX_QUOTE` characters, and must not start with a question word
   (`explained why ...` is a topic, not a claim). A verb in its base form (`BASE_FORMS`:
   `state`, `claim`) needs `that` or a colon, and an `OBJECT_VERBS` word followed by one of
   `NOUN_NEXT` was a noun (`state media`, `estimates put the number at`): no claim there.

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

**Dates.** A date is written `2024-11-04`, `4 November 2024`, `November 4, 2024`, `Nov. 4`,
`November 1` or a weekday. The *document date* is the first date with a year on one of the first
10 non-empty lines of at most 120 characters. A claim's date is the one date written in the
attribution (`On November 1, X said`, `said on Tuesday`), else the one date after `on` inside the
quote. A date with no year takes the document's year (the year before if that would fall after
the document), a weekday the last such day on or before the document date; with no document date,
or two different dates, the claim gets a commented `# date:` line saying what the text says.

Ids, claim texts and notes are made in `scaffold.py` (docs/new.md lists those rules too).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..text import has_unsafe

MAX_SENTENCE = 1_500
"""Longer sentences are not read (a run of text with no full stop is not prose)."""
MAX_QUOTE = 1_000
"""Longest quote proposed, in characters."""
MAX_SUBJECT_WORDS = 14
"""Longest subject read as a source, in words."""


def _words(spec: str) -> frozenset[str]:
    """A word list, written as words separated by spaces."""
    return frozenset(spec.split())


# -- sentences ------------------------------------------------------------------------------------

ABBREVIATIONS = _words(
    """mr mrs ms mx dr prof gen lt col maj capt cpt sgt adm cmdr gov sen rep pres st jr sr
    inc corp ltd co bros vs approx dept est fig gov't mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e"""
)
"""Words that a full stop follows without ending the sentence (compared without the stop, in
lower case). `No.` counts only before a number."""

_BLANK = re.compile(r"\n[ \t]*\n")
_MARKER = re.compile(r"[ \t]*(?:#{1,6}[ \t]|[-*+•][ \t]|>[ \t]?|\d{1,3}[.)][ \t])")
_LINE_END = re.compile(r"[.!?:;][\"'”’»)\]]*[ \t]*$")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_FINAL = re.compile(r"[.!?][\"'”’»)\]]*\s*$")
_LAST_WORD = re.compile(r"(\S+)$")
_ACRONYM_DOTS = re.compile(r"(?:[A-Za-z]\.){2,}$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the seed: its offsets in the text and whether it ends with punctuation."""

    start: int
    end: int
    text: str
    closed: bool
    """True when it ends with `.`, `!` or `?` (headlines and link lists do not)."""


def _is_abbreviation(chunk: str, at: int) -> bool:
    """Whether the full stop at `chunk[at]` follows an abbreviation (so the sentence goes on)."""
    if chunk[at] != ".":
        return False
    found = _LAST_WORD.search(chunk, max(0, at - 24), at)
    if found is None:
        return False
    word = found.group(1).lstrip("\"'“‘(«[")
    if len(word) == 1 and word.isupper():
        return True  # an initial: J. Smith
    if _ACRONYM_DOTS.search(word + "."):
        return True  # U.S., U.N.
    low = word.lower()
    if low == "no":
        rest = chunk[at + 1 : at + 4].lstrip()
        return rest[:1].isdigit()
    return low in ABBREVIATIONS


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text that no sentence crosses: blocks, cut at headings, list items, short
    lines without punctuation (see the module's rules)."""
    for block in _blocks(text):
        start, end = block
        lines: list[tuple[int, int]] = []
        at = start
        while at < end:
            stop = text.find("\n", at, end)
            stop = end if stop < 0 else stop
            lines.append((at, stop))
            at = stop + 1
        widest = max(len(text[a:b].rstrip()) for a, b in lines)
        chunk_start = lines[0][0]
        for n, (a, b) in enumerate(lines):
            line = text[a:b]
            last = n == len(lines) - 1
            hard = last
            if not last:
                following = text[lines[n + 1][0] : lines[n + 1][1]]
                heading = line.lstrip().startswith("#")
                unfinished = _LINE_END.search(line) is None
                short = len(line.rstrip()) < widest * 3 / 4
                hard = heading or bool(_MARKER.match(following)) or (unfinished and short)
            if hard:
                yield chunk_start, b
                if not last:
                    chunk_start = lines[n + 1][0]


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    at = 0
    for blank in _BLANK.finditer(text):
        if text[at : blank.start()].strip():
            yield at, blank.start()
        at = blank.end()
    if text[at:].strip():
        yield at, len(text)


def sentences(text: str) -> Iterator[Sentence]:
    """Split a seed's text into sentences, in order (see the module's rules)."""
    for chunk_start, chunk_end in _chunks(text):
        chunk = text[chunk_start:chunk_end]
        marker = _MARKER.match(chunk)
        at = marker.end() if marker else 0
        for boundary in _BOUNDARY.finditer(chunk):
            if boundary.start() < at:
                continue
            dot = boundary.end() - 1
            while chunk[dot] not in ".!?":
                dot -= 1
            if _is_abbreviation(chunk, dot):
                continue
            yield _sentence(text, chunk_start + at, chunk_start + boundary.end())
            at = boundary.end()
        if chunk[at:].strip():
            yield _sentence(text, chunk_start + at, chunk_end)


def _sentence(text: str, start: int, end: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end]
    return Sentence(start, end, body, _FINAL.search(body) is not None)


# -- word lists -----------------------------------------------------------------------------------


SAY_VERBS = _words(
    """say says said state states stated claim claims claimed believe believes believed
    think thinks thought argue argues argued add adds added write writes wrote insist
    insists insisted assert asserts asserted maintain maintains maintained contend contends
    contended note notes noted stress stresses stressed emphasize emphasizes emphasized
    emphasise emphasises emphasised explain explains explained declare declares declared
    tell tells told"""
)
"""Reporting verbs after which, with no `that`, the rest of the sentence is what was said."""

OBJECT_VERBS = _words(
    """report reports reported confirm confirms confirmed announce announces announced warn
    warns warned estimate estimates estimated predict predicts predicted reveal reveals
    revealed acknowledge acknowledges acknowledged admit admits admitted indicate indicates
    indicated conclude concludes concluded assess assesses assessed judge judges judged
    mention mentions mentioned disclose discloses disclosed observe observes observed allege
    alleges alleged suggest suggests suggested"""
)
"""Reporting verbs after which, with no `that`, the quote starts with the verb itself."""

DENY_VERBS = _words(
    """deny denies denied reject rejects rejected dismiss dismisses dismissed dispute
    disputes disputed refute refutes refuted question questions questioned doubt doubts
    doubted"""
)
"""Verbs whose quote always starts with the verb: the words after it alone say the opposite."""


def is_reporting_verb(word: str) -> bool:
    """Whether a word (lower case) is one of the reporting verbs (left out of claim ids)."""
    return word in SAY_VERBS or word in OBJECT_VERBS or word in DENY_VERBS


BASE_FORMS = frozenset(
    w
    for w in SAY_VERBS | OBJECT_VERBS | DENY_VERBS
    if not w.endswith(("s", "ed")) and w not in ("said", "thought", "wrote", "told")
)
"""Verbs in their base form (`state`, `claim`, `report`): just as often nouns (`state media`,
`the claim`), so they count only before `that` or a colon (`ISW analysts state that`)."""

MULTIWORD_VERBS = ("pointed out", "points out", "was quoted as saying", "were quoted as saying")
"""Reporting verbs of more than one word (read as `SAY_VERBS`)."""

PASSIVE_VERBS = _words(
    "reported stated said claimed announced noted confirmed estimated alleged argued"
)
"""Verbs of the passive form `it was VERB by X that Q`."""

NOUN_NEXT = _words(
    "put puts show shows suggest suggests vary varies range ranges are were is was have has"
)
"""Words that, right after a verb form of `OBJECT_VERBS` with no `that`, show it was a noun
(`Western estimates put the number at ...`): no attribution there."""

QUESTION_WORDS = _words("why whether how what when where which who if")
"""A quote may not start with one of these: `explained why ...` names a topic, not a claim."""

TITLE_WORDS = _words(
    """president minister secretary chancellor ambassador envoy spokesman spokeswoman
    spokesperson representative director chief head commander chairman chairwoman chair
    chairperson governor mayor senator congressman congresswoman lawmaker speaker leader dictator
    king queen prince emperor pope adviser advisor aide officer official commissioner attorney
    judge justice prosecutor colonel lieutenant major captain admiral sergeant marshal general
    dr prof professor sen rep gov pres gen lt col maj capt adm sgt founder ceo member mp delegate
    negotiator correspondent reporter journalist editor economist scholar fellow counterpart
    premier monarch sheikh emir ayatollah cardinal bishop patriarch"""
)
"""Words that make a phrase before a name a person's title (`Secretary`, `spokesman`), compared
in lower case without a stop."""

HONORIFICS = _words("mr mrs ms mx miss sir dame")
"""Left out of names and roles: `Mr Putin` is `Putin`."""

ROLE_WORDS = TITLE_WORDS | _words(
    """vice prime deputy foreign defence defense state national security intelligence interior
    finance affairs military former acting top senior permanent special high supreme executive
    press crown field"""
)
"""Words a title may hold (`Prime`, `Foreign`, `Defence`): they end a name, read backwards."""

ORG_WORDS = _words(
    """ministry institute institution council department office agency service services committee
    commission army forces command staff government embassy kremlin pentagon parliament assembly
    court police university center centre group company corporation inc ltd bank fund
    organization organisation union party watch news times post agency network broadcaster
    channel tv radio newspaper journal foundation association federation board bureau
    administration cabinet presidency headquarters guard navy authority authorities directorate
    secretariat mission alliance coalition observatory monitor media outlet tank"""
)
"""Words that make a subject an organisation (`the Ministry of Defence`)."""

GROUP_WORDS = _words(
    """analysts experts researchers officials sources diplomats observers analyst expert
    researcher official source diplomat observer"""
)
"""Words for people speaking for a body: `analysts from X` and `X analysts` are X."""

SPEAKS_FOR = _words(
    """analyst analysts expert experts researcher researchers spokesman spokeswoman spokesperson
    representative representatives source sources"""
)
"""`a spokesman for X`, `analysts from X`: X speaks."""

COUNT_WORDS = _words("two three four five six several some many")
"""Left out of a group's name: `Two U.S. officials` are `U.S. officials`."""

PARTICLES = _words("von van der den de da del di al el bin ibn le la du dos das ter")
"""Lower-case words inside personal names (`Ursula von der Leyen`)."""

PRONOUNS = _words("he she they it")
"""Subjects that mean the source of the previous sentence's claim."""

SUBJECT_LOWER = (
    ROLE_WORDS
    | ORG_WORDS
    | GROUP_WORDS
    | SPEAKS_FOR
    | PARTICLES
    | _words(
        """of the for and from at in on to with a an its their his her two three four five
        several some many other western local regional independent armed north south east west
        central state-run state-owned official anonymous unnamed"""
    )
    | PRONOUNS
    | HONORIFICS
)
"""Every word in lower case a subject may hold; any other (a verb, `troops`) means the text
before the verb is a clause, not a name."""

LEAD_WORDS = _words(
    """at in on during earlier later meanwhile however thus also separately speaking yesterday
    today tonight last this after before following moreover furthermore additionally previously
    recently since while when as but and so then now still by addressing writing overnight
    elsewhere instead nonetheless nevertheless similarly likewise"""
)
"""First words of a leading phrase before the subject (`Earlier,`, `At a UN meeting,`)."""

ASIDE_WORDS = _words("speaking addressing writing citing")
"""First words of a setting between commas after the subject: `X, speaking to the BBC, said`."""

SETTING_WORDS = _words("in at during on to before after while when speaking addressing via over")
"""First words of a setting between the verb and `that` (`stated in an interview that`)."""

LISTENERS = _words(
    """reporters journalists lawmakers parliament senators legislators delegates students
    audiences supporters me us him her them"""
)
"""Who `told` may have (besides a capitalised name): `officials told reporters that`."""

GATHERINGS = _words(
    """conference briefing committee meeting audience forum summit session hearing gathering
    rally crowd council assembly"""
)
"""What `told` may have after `a` or `the`: `told a press conference in Kyiv that`."""

STOPWORDS = _words(
    """that this these those there their them they with from into onto about above below
    after before between could would should might must will shall have been being were also
    which while where when what who whom whose than then such some more most other over under
    only very just because since against among upon within without through during across
    north south east west despite around nearly almost still however although though
    unless until whether could"""
)
"""Words not used for claim ids (nor is any word ending in `ly`)."""

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


# -- attributions ---------------------------------------------------------------------------------

_VERB = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(v)
        for v in sorted(
            [*SAY_VERBS, *OBJECT_VERBS, *DENY_VERBS, *MULTIWORD_VERBS], key=len, reverse=True
        )
    )
    + r")\b"
)
_FILLER = re.compile(
    r"(?:\s+(?:also|has|have|had|further|additionally|previously|earlier|later|recently|"
    r"reportedly|publicly|repeatedly|separately|again|then|already|now|once|would|on\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))+$"
)
_SPLIT = re.compile(r",[\"'”’»]?\s+|\s+[–—]\s+")
_THAT = re.compile(r"\s+that\s+", re.IGNORECASE)
_LISTENER = re.compile(
    r"\s+(?P<who>(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})|"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){0,2}(?:"
    + "|".join(sorted(GATHERINGS))
    + r")|"
    + "|".join(sorted(LISTENERS, key=len, reverse=True))
    + r")\b"
)
_OPEN_QUOTES = "\"'“‘«"
_CLOSE_QUOTES = "\"'”’»"
_TRIM_END = ".!?;:,…" + _CLOSE_QUOTES + ")]"
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_ACCORDING_WRAP = re.compile(
    r"^(?:(?:an?|the)\s+)?(?:\w+\s+){0,2}?(?:statement|report|assessment|estimate|estimates|"
    r"analysis|readout|release|post|update|briefing|survey|study|data|figures|sources?)\s+"
    r"(?:from|by|of|issued\s+by|published\s+by|released\s+by|close\s+to)\s+",
    re.IGNORECASE,
)
_ACCORDING_OWN = re.compile(
    r"['’]s\s+(?:\w+\s+)?(?:statement|report|assessment|estimate|estimates|analysis|readout|"
    r"release|post|update|briefing|data|figures)$",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"\b[Ii]t\s+(?:was|has\s+been|had\s+been|is)\s+(?:"
    + "|".join(sorted(PASSIVE_VERBS))
    + r")\s+by\s+(?P<subj>[^,;]{2,150}?)\s+that\s+"
)
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Attribution:
    """A claim found in one sentence: who, the quote's offsets in the sentence, and context."""

    subject: Subject
    quote_start: int
    quote_end: int
    with_verb: bool = False
    """True when the quote starts with the reporting verb (`confirmed the ...`)."""
    setting: str = ""
    """Where it was said, as written (`in an interview with KBS`, `At a UN meeting`)."""
    told: str = ""
    """Whom it was told (`Reuters`), for `told`."""
    context: list[tuple[int, int]] = field(default_factory=list)
    """Stretches of the sentence outside the quote that may hold the claim's date."""


def attribute(text: str) -> Attribution | None:
    """The attribution of one sentence, or None (see the module's rules, "Attributions")."""
    for find in (_passive, _according, _verbs):
        found = find(text)
        if found is not None:
            return found
    return None


def _quote(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a quote's stretch to its words; None when too short, too long or a question."""
    while start < end and (text[start].isspace() or text[start] in ",:;–—" + _OPEN_QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM_END):
        end -= 1
    body = text[start:end]
    words = _WORD.findall(body)
    if len(words) < 3 or len(body) > MAX_QUOTE:
        return None
    if words[0].lower() in QUESTION_WORDS:
        return None
    if body.count("(") != body.count(")"):
        return None
    return start, end


def _passive(text: str) -> Attribution | None:
    found = _PASSIVE.search(text)
    if found is None or not _leads_only(text[: found.start()]):
        return None
    subject = parse_subject([found.group("subj")])
    span = _quote(text, found.end(), len(text))
    if subject is None or span is None:
        return None
    return Attribution(subject, *span, context=[(0, found.end())])


def _leads_only(text: str) -> bool:
    """Whether text before a subject is only leading phrases (`Earlier,`, `On Monday,`)."""
    return all(_is_lead(s) for s in _segments(text))


def _segments(text: str) -> list[str]:
    return [s for s in (_clean_phrase(p) for p in _SPLIT.split(text)) if s]


def _is_lead(segment: str) -> bool:
    first = _bare(segment.split()[0]) if segment.split() else ""
    return first in LEAD_WORDS or bool(DATE.match(segment))


def _according(text: str) -> Attribution | None:
    found = _ACCORDING.search(text)
    if found is None:
        return None
    before = text[: found.start()]
    after = text[found.end() :]
    if _leads_only(before):  # According to X, Q
        comma = after.find(", ")
        if comma < 0:
            return None
        subject = _according_subject(after[:comma])
        span = _quote(text, found.end() + comma + 1, len(text))
        if subject is None or span is None:
            return None
        return Attribution(subject, *span, context=[(0, found.end() + comma)])
    stripped = before.rstrip()
    if not stripped.endswith(","):
        return None
    tail = after.rstrip().rstrip(_TRIM_END)
    if "," in tail or len(tail.split()) > MAX_SUBJECT_WORDS:
        return None  # Q, according to X, Q2: no one stretch is the quote
    subject = _according_subject(tail)
    span = _quote(text, 0, len(stripped) - 1)
    if subject is None or span is None:
        return None
    return Attribution(subject, *span, context=[(found.start(), len(text))])


def _according_subject(text: str) -> Subject | None:
    text = _clean_phrase(text)
    text = _ACCORDING_WRAP.sub("", text)
    text = _ACCORDING_OWN.sub("", text)
    return parse_subject([text])


def _verbs(text: str) -> Attribution | None:
    for n, verb in enumerate(_VERB.finditer(text)):
        if n == 4:
            break
        if (found := _forward(text, verb)) is not None:
            return found
        if (found := _backward(text, verb)) is not None:
            return found
    return None


def _before_verb(text: str, verb: re.Match[str]) -> str:
    """The text before a verb, without the fillers just before it (`also`, `has`)."""
    before = text[: verb.start()].rstrip()
    filler = _FILLER.search(before)
    return before[: filler.start()] if filler else before


def _forward(text: str, verb: re.Match[str]) -> Attribution | None:
    before = _before_verb(text, verb)
    parts = _segments(before)
    leads = 0
    while leads < len(parts) and _is_lead(parts[leads]):
        leads += 1
    subject_parts = parts[leads:]
    aside = ""
    if len(subject_parts) > 1 and _bare(subject_parts[-1].split()[0]) in ASIDE_WORDS:
        aside = subject_parts.pop()  # `A senior official, speaking on condition of anonymity,`
    if not subject_parts or len(subject_parts) > 2:
        return None
    first = subject_parts[0].split()
    if first and first[0] in {"But", "And", "However", "So", "Yet", "Still", "Meanwhile"}:
        subject_parts[0] = " ".join(first[1:])
    subject = parse_subject(subject_parts)
    if subject is None:
        return None
    setting = aside or (parts[0] if leads and _is_setting(parts[0]) else "")
    said = _said(text, verb)
    if said is None:
        return None
    start, with_verb, inner_setting, told = said
    span = _quote(text, start, len(text))
    if span is None:
        return None
    return Attribution(
        subject,
        *span,
        with_verb=with_verb,
        setting=inner_setting if _is_setting(inner_setting) else setting,
        told=told,
        context=[(0, span[0] if not with_verb else verb.start())],
    )


def _is_setting(segment: str) -> bool:
    words = segment.split()
    if len(words) < 2 or _bare(words[0]) not in SETTING_WORDS | ASIDE_WORDS:
        return False
    return not DATE.search(segment) and _bare(words[1]) not in {"addition", "turn", "particular"}


def _said(text: str, verb: re.Match[str]) -> tuple[int, bool, str, str] | None:
    """Where what was said starts after a verb: (offset, quote includes the verb, setting, told).

    None when nothing usable follows (a noun that looked like a verb, `told` with no `that`).
    """
    word = verb.group()
    at = verb.end()
    told = ""
    if word in {"told", "tell", "tells"}:
        listener = _LISTENER.match(text, at)
        if listener is None:
            return None
        told = listener.group("who")
        at = listener.end()
    rest = text[at:]
    that = _THAT.search(rest)
    if that is not None:
        between = rest[: that.start()].strip()
        words = between.split()
        if not between or (
            len(words) <= 20 and _bare(words[0]) in SETTING_WORDS and "," not in between
        ):
            if word in DENY_VERBS:
                return verb.start(), True, between, told
            return at + that.end(), False, between, told
    stripped = rest.lstrip()
    if stripped.startswith(":"):
        return at + (len(rest) - len(stripped)) + 1, False, "", told
    if told or word in BASE_FORMS:
        return None
    time = _TIME.match(rest)
    if time is not None:
        at += time.end()
        rest = text[at:]
    next_word = rest.split(None, 1)[0] if rest.split() else ""
    if word in SAY_VERBS or word in MULTIWORD_VERBS:
        return at, False, "", told
    if _bare(next_word) in NOUN_NEXT or not next_word:
        return None
    return verb.start(), True, "", told


_TIME = re.compile(
    r"\s+(?:on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|"
    r"last\s+(?:week|month|year|night)|this\s+(?:week|month|year))\b,?"
)
_TAIL = re.compile(r"^[^,;:]{0,120}$")


def _backward(text: str, verb: re.Match[str]) -> Attribution | None:
    """`Q, X said [tail].` and `Q, said X.`"""
    word = verb.group()
    if word not in SAY_VERBS and word not in MULTIWORD_VERBS and word not in OBJECT_VERBS:
        return None
    end_text = text.rstrip().rstrip(_TRIM_END)
    after = end_text[verb.end() :]
    before = text[: verb.start()]
    inverted = re.search(r",[\"'”’»]?\s+$", before)
    if inverted is not None:  # Q, said X.
        subject = _backward_subject(after)
        if subject is None:
            return None
        span = _quote(text, 0, inverted.start())
        if span is None:
            return None
        return Attribution(subject, *span, context=[(verb.start(), len(text))])
    told = ""
    if word == "told":
        listener = _LISTENER.match(text, verb.end())
        if listener is None:
            return None
        told = listener.group("who")
        after = end_text[listener.end() :] if listener.end() <= len(end_text) else ""
    if not _TAIL.match(after) or _THAT.search(after) or len(after.split()) > 12:
        return None
    head = _before_verb(text, verb)
    cut = None
    for cut in _SPLIT.finditer(head):  # noqa: B007 - the last comma before the subject
        pass
    if cut is None:
        return None
    subject_text = head[cut.end() :]
    subject = parse_subject([subject_text])
    if subject is None:
        return None
    span = _quote(text, 0, cut.start() + 1)
    if span is None:
        return None
    setting = after.strip()
    return Attribution(
        subject,
        *span,
        setting=setting if _is_setting(setting) else "",
        told=told,
        context=[(cut.end(), len(text))],
    )


def _backward_subject(text: str) -> Subject | None:
    parts = _segments(text)
    if not parts or len(parts) > 2:
        return None
    return parse_subject(parts)


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
