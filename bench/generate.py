"""Generate synthetic workspaces for benchmarks (shared by the load and search benchmarks)."""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "troops",
    "kursk",
    "border",
    "mobilization",
    "artillery",
    "drone",
    "convoy",
    "ministry",
    "envoy",
    "statement",
    "report",
    "training",
    "camp",
    "battalion",
    "casualties",
    "losses",
    "sanctions",
    "shipment",
    "ammunition",
    "deployment",
    "front",
    "offensive",
    "defence",
    "satellite",
    "imagery",
    "intercepted",
    "radio",
    "official",
    "spokesman",
    "analyst",
]


def sentence(rng: random.Random, n: int = 12) -> str:
    """A plausible-looking sentence of random words."""
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_workspace(root: Path, briefs: int, claims: int, seed: int = 1) -> Path:
    """Write `briefs` briefs of `claims` claims each (quotes taken from a shared seed).

    Returns:
        The workspace root.
    """
    rng = random.Random(seed)
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    quotes = [sentence(rng) for _ in range(200)]
    (root / "seeds" / "doc.txt").write_text("\n".join(quotes) + "\n", encoding="utf-8")
    for b in range(briefs):
        lines = [
            "---",
            "brief: 1",
            f"id: b{b:05d}",
            f"title: {sentence(rng, 6)[:-1]}",
            f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "tags: [bench, synthetic]",
            "seeds:",
            "  - id: doc",
            "    path: seeds/doc.txt",
            "sources:",
        ]
        for s in range(5):
            lines += [f"  - id: s{s}", f"    name: Source {s}", "    reliability: B"]
        lines.append("claims:")
        for c in range(claims):
            lines += [
                f"  - id: c{c}",
                f"    source: s{c % 5}",
                f"    text: {sentence(rng)}",
                f"    quote: {rng.choice(quotes)[:-1]}",
                "    seed: doc",
                f"    credibility: {rng.randint(1, 6)}",
                "    tags: [alpha, beta]",
            ]
        lines.append("xrefs:")
        for c in range(1, claims):
            rel = rng.choice(["corroborates", "contradicts", "refines", "cites"])
            lines += [f"  - from: c{c}", f"    to: c{c - 1}", f"    rel: {rel}"]
        lines += ["---", "## Summary", "", sentence(rng, 40), "", "See [[c0]]."]
        (root / "briefs" / f"b{b:05d}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
