"""Finding who a sentence says is speaking and what they say (part of the rules in `rules.py`).

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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DATE
from .lexicon import (
    ASIDE_WORDS,
    BASE_FORMS,
    DENY_VERBS,
    GATHERINGS,
    LEAD_WORDS,
    LISTENERS,
    MULTIWORD_VERBS,
    NOUN_NEXT,
    OBJECT_VERBS,
    PASSIVE_VERBS,
    QUESTION_WORDS,
    SAY_VERBS,
    SETTING_WORDS,
)
from .names import MAX_SUBJECT_WORDS, Subject, _bare, _clean_phrase, parse_subject

MAX_QUOTE = 1_000
"""Longest quote proposed, in characters."""

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
