"""The words of generated workspaces: a Zipf-distributed vocabulary of pseudo-words, names and
numbers, and a pool of sources that recur across briefs (bench/generate.py writes with them).

Pseudo-words are made from syllables, shorter the more frequent they are, after common English
function words at the top ranks; a few names carry accented letters and some take a possessive
`'s`, so folding (case, accents, typographic apostrophes) meets realistic text. Everything is
deterministic for a seed.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

VOCABULARY = 6_000
"""Pseudo-words in the vocabulary, by Zipf rank."""

_FUNCTION_TEXT = (
    "the of and to in a that is was for on with as by at from has have were are "
    "it its not but which said had been will their they this after also more than about over "
    "into could"
)
FUNCTION_WORDS = _FUNCTION_TEXT.split()
"""Real English words at the top ranks, as in real text."""

_ONSETS_TEXT = "b br c ch d dr f g gr h j k kr l m n p pr r s sh sk st t tr v w z"
_ONSETS = _ONSETS_TEXT.split() + [""] * 4
_VOWELS_TEXT = "a e i o u a e i o ai ea ou io"
_VOWELS = _VOWELS_TEXT.split()
_CODAS_TEXT = "n r s t l m nd st rk v"
_CODAS = _CODAS_TEXT.split() + [""] * 8
_ACCENTS = str.maketrans("aeou", "áéöü")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
_KINDS = ("person", "government", "media", "think-tank", "military", "international organisation")
_ORG_NOUNS = ("Institute", "Ministry", "Agency", "Monitor", "Council", "Service", "Gazette")
_ROLES = ("envoy", "minister", "spokesperson", "analyst", "commander")


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


@dataclass
class Vocabulary:
    """Words by rank with Zipf weights, capitalised names, and the draws made from them."""

    words: list[str]
    cumulative: list[float]
    names: list[str]
    """Capitalised names (people, places), a few with accented letters."""
    tags: list[str]
    """Tag words: mid-frequency pseudo-words."""

    @classmethod
    def build(cls, seed: int = 1, size: int = VOCABULARY) -> Vocabulary:
        """The vocabulary for a seed: pseudo-words, shorter the more frequent they are."""
        rng = random.Random(f"vocabulary-{seed}")
        words = list(FUNCTION_WORDS)
        seen = set(words) | _YAML_WORDS
        while len(words) < size:
            rank = len(words)
            syllables = 1 + (rank > 250) + (rank > 1_500 and rng.random() < 0.5)
            word = "".join(_syllable(rng) for _ in range(syllables))
            if len(word) < 3 or word in seen:
                continue
            seen.add(word)
            words.append(word)
        # Zipf-Mandelbrot: weight 1 / (rank + 2.7)
        cumulative = list(itertools.accumulate(1 / (r + 2.7) for r in range(len(words))))
        names: list[str] = []
        while len(names) < 600:
            name = "".join(_syllable(rng) for _ in range(rng.randint(2, 3))).capitalize()
            vowels = [k for k in range(1, len(name)) if name[k] in "aeou"]
            if vowels and rng.random() < 0.1:
                k = rng.choice(vowels)
                name = name[:k] + name[k].translate(_ACCENTS) + name[k + 1 :]
            if len(name) >= 4 and name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        tags = words[300:700]
        return cls(words, cumulative, names, tags)

    def draw(self, rng: random.Random, k: int) -> list[str]:
        """k words by frequency, with numbers and names mixed in."""
        out = rng.choices(self.words, cum_weights=self.cumulative, k=k)
        for i in range(k):
            roll = rng.random()
            if roll < 0.035:
                out[i] = _number(rng)
            elif roll < 0.075:
                out[i] = rng.choice(self.names)
            elif roll < 0.085:
                out[i] = rng.choice(self.names) + "'s"
        return out

    def sentence(self, rng: random.Random, low: int = 9, high: int = 26) -> str:
        """A sentence: capitalised, commas now and then, a full stop."""
        words = self.draw(rng, rng.randint(low, high))
        for i in range(3, len(words) - 2):
            if rng.random() < 0.06:
                words[i] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def title(self, rng: random.Random) -> str:
        """A brief title: a question or a headline."""
        words = self.draw(rng, rng.randint(5, 10))
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        return text + "?" if rng.random() < 0.4 else text


def _number(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return str(rng.randint(2, 99))
    if roll < 0.7:
        return f"{rng.randint(1, 99)},{rng.randint(0, 999):03d}"
    if roll < 0.85:
        return str(rng.randint(1990, 2024))
    return f"{rng.randint(1, 99)}%"


@dataclass(frozen=True)
class SourcePool:
    """Sources recurring across briefs, as real ones do: (id, name, role, kind, reliability)."""

    sources: list[tuple[str, str, str, str, str]]

    @classmethod
    def build(cls, vocab: Vocabulary, seed: int = 1, size: int = 300) -> SourcePool:
        """A pool of people and organisations with grades."""
        rng = random.Random(f"sources-{seed}")
        out: list[tuple[str, str, str, str, str]] = []
        ids: set[str] = set()
        while len(out) < size:
            kind = rng.choice(_KINDS)
            if kind == "person":
                name = f"{rng.choice(vocab.names)} {rng.choice(vocab.names)}"
                role = f"{rng.choice(vocab.tags).capitalize()} {rng.choice(_ROLES)}"
            else:
                name = f"{rng.choice(vocab.names)} {rng.choice(_ORG_NOUNS)}"
                role = ""
            sid = slug(name)
            if sid in ids:
                continue
            ids.add(sid)
            grade = rng.choices("ABCDEF", weights=(5, 35, 30, 15, 5, 10))[0]
            out.append((sid, name, role, kind, grade))
        return cls(out)


def slug(text: str) -> str:
    """Text as an id: lower-case ASCII letters and digits between hyphens."""
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    return "-".join(part for part in out.split("-") if part)
