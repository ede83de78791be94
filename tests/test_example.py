"""The bundled example: written from the seed, clean, and shipped inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tui.load.library import load_library
from tui.load.workspace import example_root
from tui.model import ClaimKey

from .conftest import ROOT

BRIEF = "nk-troops-russia-2024-11"


def test_example_is_clean_and_complete() -> None:
    library = load_library(ROOT / "briefs")
    assert library.problems == ()
    (brief,) = library.briefs
    assert brief.id == BRIEF
    assert {s.id for s in brief.sources} == {"isw", "blinken", "zelensky", "kyslytsya", "rutte"}
    assert all(s.role or s.kind for s in brief.sources)
    # Every claim quotes the seed exactly, so the reader can show it in context.
    seed = brief.seeds[0].text
    assert seed is not None
    for claim in brief.claims:
        assert claim.quote_span is not None, claim.id
        start, end = claim.quote_span
        assert (
            " ".join(seed[start:end].split()).casefold() == " ".join(claim.quote.split()).casefold()
        )
    by_source = {s.id: [c for c in brief.claims if c.source == s.id] for s in brief.sources}
    assert all(by_source.values()), "every source makes at least one claim"


def test_example_cross_references() -> None:
    library = load_library(ROOT / "briefs")
    (brief,) = library.briefs
    rels = {(x.source.claim, x.rel, x.target.claim) for x in brief.xrefs}
    assert ("rutte-kursk", "corroborates", "blinken-8000") in rels  # Kursk
    assert ("zelensky-3000", "contradicts", "blinken-8000") in rels  # troop numbers
    assert ("kyslytsya-november", "refines", "zelensky-3000") in rels  # timing of combat
    blinken = ClaimKey(BRIEF, "blinken-8000")
    phrases = {link.phrase for link in library.links_of(blinken)}
    assert {"corroborated by", "contradicted by"} <= phrases
    assert library.contradicted(blinken)
    assert library.corroborations(blinken) == 1
    # `cites` is an echo, not confirmation.
    assert library.corroborations(ClaimKey(BRIEF, "isw-lavrov-cho")) == 0


def test_check_cli_on_example(tmp_path: Path) -> None:
    for target in ("briefs", ".", "briefs/nk-troops-russia.md"):
        out = subprocess.run(
            [sys.executable, "-m", "tui", "check", target], cwd=ROOT, capture_output=True, text=True
        )
        assert out.returncode == 0, out.stdout + out.stderr
        assert out.stdout.splitlines() == ["1 brief, 12 claims: 0 errors, 0 warnings"]


def test_example_is_packaged(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/_example/briefs/nk-troops-russia.md" in names
    assert "tui/_example/seeds/nk-troops-russia-isw.txt" in names
    assert "tui/app/brief.tcss" in names


def test_example_root_in_checkout() -> None:
    assert (example_root() / "briefs" / "nk-troops-russia.md").is_file()
