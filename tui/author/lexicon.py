"""The word lists the rules of `brief new` read (part of the rules in `rules.py`).

Every list is a set of lower-case words, compared without a stop; the modules that use them
(`attribution.py`, `names.py`) say how. They are here to read and to extend.
"""

from __future__ import annotations


def _words(spec: str) -> frozenset[str]:
    """A word list, written as words separated by spaces."""
    return frozenset(spec.split())


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
