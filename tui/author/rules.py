"""How `brief new` reads a source document: the overview of its rules, and their one import.

Nothing here guesses with a model or the network: the rules are the regular expressions and the
short word lists of the modules below, and a reader can check each proposal against them.
docs/new.md says the same for users.

The rules live in the modules of `tui/author/`, each with its part of them in its docstring:

- `sentences.py`: **Text**, **Lines** and **Sentences** (the seed read as `brief check` reads it,
  line breaks, sentence ends, `ABBREVIATIONS`);
- `attribution.py`: **Attributions** (the passive, `according to`, reporting verbs forward and
  backward, what the quote is);
- `names.py`: **Who** (persons, roles, organisations, groups, back-references, later mentions);
- `dates.py`: **Dates** (how dates are written, the document date, a claim's date);
- `lexicon.py`: the word lists all of them read (`SAY_VERBS`, `TITLE_WORDS`, `ORG_WORDS`...).

In short: a seed is split into sentences; each sentence that ends with punctuation gives at most
one claim, an attribution (`X said that Q`, `according to X, Q`, `Q, X said.`) whose subject X
must look like a name and whose quote Q is an exact stretch of the sentence; a claim is dated
only from a date written in the attribution or after `on` in the quote.

Ids, claim texts and notes are made in `scaffold.py` (docs/new.md lists those rules too). This
module re-exports every name of the rules, so `from tui.author.rules import ...` keeps working.
"""

from __future__ import annotations

from .attribution import (
    MAX_QUOTE,
    Attribution,
    attribute,
)
from .dates import (
    DATE,
    MONTHS,
    WEEKDAYS,
    DateText,
    dates_after_on,
    dates_in,
    document_date,
    read_date,
)
from .lexicon import (
    ASIDE_WORDS,
    BASE_FORMS,
    COUNT_WORDS,
    DENY_VERBS,
    GATHERINGS,
    GROUP_WORDS,
    HONORIFICS,
    LEAD_WORDS,
    LISTENERS,
    MULTIWORD_VERBS,
    NOUN_NEXT,
    OBJECT_VERBS,
    ORG_WORDS,
    PARTICLES,
    PASSIVE_VERBS,
    PRONOUNS,
    QUESTION_WORDS,
    ROLE_WORDS,
    SAY_VERBS,
    SETTING_WORDS,
    SPEAKS_FOR,
    STOPWORDS,
    SUBJECT_LOWER,
    TITLE_WORDS,
    is_reporting_verb,
)
from .names import (
    MAX_SUBJECT_WORDS,
    Subject,
    SubjectKind,
    is_acronym,
    parse_subject,
)
from .sentences import (
    ABBREVIATIONS,
    MAX_SENTENCE,
    Sentence,
    sentences,
)

__all__ = [
    "ABBREVIATIONS",
    "ASIDE_WORDS",
    "BASE_FORMS",
    "COUNT_WORDS",
    "DATE",
    "DENY_VERBS",
    "GATHERINGS",
    "GROUP_WORDS",
    "HONORIFICS",
    "LEAD_WORDS",
    "LISTENERS",
    "MAX_QUOTE",
    "MAX_SENTENCE",
    "MAX_SUBJECT_WORDS",
    "MONTHS",
    "MULTIWORD_VERBS",
    "NOUN_NEXT",
    "OBJECT_VERBS",
    "ORG_WORDS",
    "PARTICLES",
    "PASSIVE_VERBS",
    "PRONOUNS",
    "QUESTION_WORDS",
    "ROLE_WORDS",
    "SAY_VERBS",
    "SETTING_WORDS",
    "SPEAKS_FOR",
    "STOPWORDS",
    "SUBJECT_LOWER",
    "TITLE_WORDS",
    "WEEKDAYS",
    "Attribution",
    "DateText",
    "Sentence",
    "Subject",
    "SubjectKind",
    "attribute",
    "dates_after_on",
    "dates_in",
    "document_date",
    "is_acronym",
    "is_reporting_verb",
    "parse_subject",
    "read_date",
    "sentences",
]
