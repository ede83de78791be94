"""Realistic synthetic workspaces for the benchmarks: years of briefings, deterministic.

Each brief has its own seed document (a few KB of text) and about 50 claims whose quotes are exact
spans of it (found by `brief check`), 5 sources with reliability grades, claims with credibility,
confidence, dates, tags and notes, a Markdown summary of about 3 KB with `[[claim]]` and
`[[brief#claim]]` links, and cross-references within the brief and to earlier briefs. Every link
and cross-reference is valid: a generated workspace checks with 0 errors and 0 warnings
(tests/test_bench_generate.py).

Text is drawn from a Zipf-distributed vocabulary of several thousand pseudo-words made from
syllables (plus common English function words, numbers and capitalised names, some with accents,
and typographic apostrophes in the seeds), so search, ranking and quote folding meet text with a
realistic spread of frequent and rare words. Everything derives from `seed` and the number of
briefs, which are dated over ten years (2015-2024, whatever their number) and filed by year
(`briefs/2019/...`); one in ten is a `.yaml` brief.

`workspace(n)` keeps generated workspaces in `bench/.work/` and reuses one while
`GENERATOR_VERSION` is unchanged, so repeated `make bench` runs do not regenerate them.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from .vocabulary import FUNCTION_WORDS, SourcePool, Vocabulary, slug

GENERATOR_VERSION = 1
"""Bump whenever the output changes: cached workspaces of another version are regenerated."""

WORK = Path(__file__).resolve().parent / ".work"
"""Where generated workspaces are kept between runs (gitignored)."""

CLAIMS = 50
"""Claims per brief."""

_RELATIONS = ("corroborates", "contradicts", "refines", "updates", "cites", "related")
_REL_WEIGHTS = (40, 15, 15, 10, 10, 10)
_START = dt.date(2015, 1, 1)
_DAYS = 10 * 365
_WRAP = 92


@dataclass
class _Made:
    """What later briefs may refer to: a brief's id and its claim ids."""

    id: str
    claims: list[str]


@dataclass
class Generator:
    """Writes briefs one after another; brief i may refer to any brief before it."""

    root: Path
    n: int
    seed: int = 1
    claims: int = CLAIMS
    vocab: Vocabulary = field(init=False)
    pool: SourcePool = field(init=False)
    made: list[_Made] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.vocab = Vocabulary.build(self.seed)
        self.pool = SourcePool.build(self.vocab, self.seed)

    def run(self) -> Path:
        """Write every brief and seed; returns the workspace root."""
        (self.root / "briefs").mkdir(parents=True, exist_ok=True)
        (self.root / "seeds").mkdir(parents=True, exist_ok=True)
        for i in range(self.n):
            self.brief(i)
        return self.root

    def brief(self, i: int) -> None:
        """Write brief i and its seed document."""
        rng = random.Random(f"brief-{self.seed}-{i}")
        v = self.vocab
        date = _START + dt.timedelta(days=(i * _DAYS) // max(self.n, 1) + rng.randint(0, 3))
        date = min(date, _START + dt.timedelta(days=_DAYS - 1))
        topic = [w for w in v.draw(rng, 12) if w.isalpha() and w not in FUNCTION_WORDS][:2]
        brief_id = slug("-".join([*topic, date.strftime("%Y-%m")])) + f"-{i:05d}"
        year = str(date.year)

        # The seed: paragraphs of sentences, wrapped like a saved article.
        sentences = [v.sentence(rng) for _ in range(self.claims + 25)]
        paragraphs = [sentences[k : k + 5] for k in range(0, len(sentences), 5)]
        seed_title = v.title(rng)
        seed_text = (
            seed_title
            + "\n\n"
            + "\n\n".join(
                textwrap.fill(" ".join(p), 80, break_on_hyphens=False) for p in paragraphs
            )
            + "\n"
        )
        # Typographic apostrophes in the seed; quotes are written with plain ones (folding).
        seed_text = seed_text.replace("'s", "’s")
        seed_rel = f"seeds/{year}/{brief_id}.txt"

        sources = rng.sample(self.pool.sources, 5)
        claim_ids: list[str] = []
        claim_lines: list[str] = []
        order = rng.sample(range(len(sentences)), self.claims)
        for n, at in enumerate(order):
            words = sentences[at][:-1].split()
            size = rng.randint(5, min(16, len(words)))
            start = rng.randint(0, len(words) - size)
            quote = " ".join(words[start : start + size]).strip(",")
            src = sources[rng.choices(range(5), weights=(30, 25, 20, 15, 10))[0]]
            cid = f"{src[0].split('-')[0]}-{v.tags[rng.randrange(len(v.tags))]}"
            while cid in claim_ids:
                cid += f"-{n}"
            claim_ids.append(cid)
            lead = v.draw(rng, rng.randint(2, 6))
            text = " ".join([src[1].split()[0], *lead, quote, *v.draw(rng, rng.randint(0, 8))])
            lines = [
                f"  - id: {cid}",
                f"    source: {src[0]}",
                *_field("text", text.rstrip(",") + ".", 4),
                *_field("quote", quote, 4),
                "    seed: doc",
            ]
            if rng.random() < 0.6:
                lines.append(f"    date: {date - dt.timedelta(days=rng.randint(0, 30))}")
            lines.append(f"    credibility: {rng.choices(range(1, 7), (10, 30, 30, 15, 5, 10))[0]}")
            if rng.random() < 0.7:
                lines.append(f"    confidence: {rng.choice(('low', 'moderate', 'high'))}")
            lines.append(f"    tags: [{', '.join(rng.sample(v.tags[:120], rng.randint(1, 3)))}]")
            if rng.random() < 0.3:
                lines += _field("note", v.sentence(rng, 6, 18), 4)
            claim_lines += lines

        xref_lines: list[str] = []
        pairs: set[tuple[str, str]] = set()
        for _ in range(30):
            a, b = rng.sample(claim_ids, 2)
            if (a, b) not in pairs:
                pairs.add((a, b))
                xref_lines += self._xref(rng, a, b)
        for _ in range(min(8, len(self.made))):
            back = max(0, len(self.made) - 1 - int(rng.expovariate(1 / 20)))
            other = self.made[back] if rng.random() < 0.8 else rng.choice(self.made)
            target = f"{other.id}#{rng.choice(other.claims)}"
            a = rng.choice(claim_ids)
            if (a, target) not in pairs:
                pairs.add((a, target))
                xref_lines += self._xref(rng, a, target)

        summary = self._summary(rng, claim_ids)
        head = [
            "brief: 1",
            f"id: {brief_id}",
            *_field("title", v.title(rng), 0),
            f"date: {date}",
            f"tags: [{', '.join(rng.sample(v.tags[:60], rng.randint(2, 4)))}]",
            *_field("bluf", v.sentence(rng, 15, 30), 0),
            "seeds:",
            "  - id: doc",
            f"    path: {seed_rel}",
            *_field("title", seed_title, 4),
            "sources:",
        ]
        for sid, name, role, kind, grade in sources:
            head += [f"  - id: {sid}", f"    name: {name}"]
            if role:
                head.append(f"    role: {role}")
            head += [f"    kind: {kind}", f"    reliability: {grade}"]
        body = [*head, "claims:", *claim_lines, "xrefs:", *xref_lines]
        folder = self.root / "briefs" / year
        folder.mkdir(exist_ok=True)
        if i % 10 == 9:
            block = textwrap.indent(summary, "  ", lambda line: bool(line.strip()))
            text = "\n".join(body) + "\nsummary: |\n" + block
            (folder / f"{brief_id}.yaml").write_text(text, encoding="utf-8")
        else:
            text = "---\n" + "\n".join(body) + "\n---\n" + summary
            (folder / f"{brief_id}.md").write_text(text, encoding="utf-8")
        (self.root / "seeds" / year).mkdir(exist_ok=True)
        (self.root / seed_rel).write_text(seed_text, encoding="utf-8")
        self.made.append(_Made(brief_id, claim_ids))

    def _xref(self, rng: random.Random, a: str, b: str) -> list[str]:
        rel = rng.choices(_RELATIONS, _REL_WEIGHTS)[0]
        lines = [f"  - from: {a}", f"    to: {b}", f"    rel: {rel}"]
        if rng.random() < 0.4:
            lines += _field("note", self.vocab.sentence(rng, 6, 16), 4)
        return lines

    def _summary(self, rng: random.Random, claim_ids: list[str]) -> str:
        """About 3 KB of Markdown: sections, a list, emphasis, links to claims."""
        v = self.vocab

        def paragraph(k: int) -> str:
            out = []
            for _ in range(k):
                s = v.sentence(rng)
                if rng.random() < 0.5:
                    s = s[:-1] + f" ([[{rng.choice(claim_ids)}]])."
                if rng.random() < 0.15:
                    words = s.split()
                    at = rng.randrange(1, len(words) - 1)
                    words[at] = f"**{words[at].strip(',')}**"
                    s = " ".join(words)
                out.append(s)
            return textwrap.fill(" ".join(out), _WRAP, break_on_hyphens=False)

        parts = ["## Summary", "", paragraph(6), "", paragraph(5), "", "## Key judgements", ""]
        for _ in range(5):
            parts.append(f"- {v.sentence(rng, 8, 18)[:-1]} [[{rng.choice(claim_ids)}]].")
        parts += ["", "## Discrepancies", "", paragraph(4)]
        if self.made:
            other = self.made[-1 - min(len(self.made) - 1, int(rng.expovariate(1 / 10)))]
            parts[-1] += f" See also [[{other.id}#{rng.choice(other.claims)}]]."
        parts += ["", "## Gaps", "", paragraph(3), ""]
        return "\n".join(parts)


def _field(key: str, value: str, indent: int) -> list[str]:
    """`key: value` as an analyst writes it: plain on one line, or folded (`>-`) when long."""
    pad = " " * indent
    if len(value) + len(key) + indent + 2 <= _WRAP:
        return [f"{pad}{key}: {value}"]
    wrapped = textwrap.wrap(value, _WRAP - indent - 2, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in wrapped)]


def make_workspace(root: Path, briefs: int, claims: int = CLAIMS, seed: int = 1) -> Path:
    """Write a workspace of `briefs` briefs of `claims` claims each into `root`.

    Returns:
        The workspace root.
    """
    return Generator(root, briefs, seed, claims).run()


def workspace(briefs: int, claims: int = CLAIMS, seed: int = 1) -> Path:
    """A generated workspace under `bench/.work/`, reused when the generator version matches."""
    root = WORK / f"ws-{briefs}x{claims}-s{seed}"
    stamp = root / "generated"
    want = f"generator {GENERATOR_VERSION}\n"
    if stamp.exists() and stamp.read_text() == want:
        return root
    if root.exists():
        shutil.rmtree(root)
    make_workspace(root, briefs, claims, seed)
    stamp.write_text(want)
    return root


def size_of(root: Path) -> tuple[int, int, int]:
    """(brief bytes, seed bytes, brief files) of a workspace."""
    briefs = [p for p in (root / "briefs").rglob("*") if p.is_file()]
    seeds = [p for p in (root / "seeds").rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in briefs), sum(p.stat().st_size for p in seeds), len(briefs)


def main() -> None:
    """`python -m bench.generate N...`: generate (or reuse) workspaces and print their sizes."""
    import sys
    import time

    for arg in sys.argv[1:] or ["1000"]:
        start = time.perf_counter()
        root = workspace(int(arg))
        b, s, files = size_of(root)
        print(
            f"{root}: {files:,} briefs, {b / 1e6:.1f} MB of briefs + {s / 1e6:.1f} MB of seeds "
            f"= {(b + s) / 1e6:.1f} MB ({time.perf_counter() - start:.1f} s)"
        )


if __name__ == "__main__":
    main()
