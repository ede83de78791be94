"""One fixture per problem code: each gives the right code, severity and line:col, never raises,
and the good brief beside it still loads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.load.library import load_library
from tui.model import Library

from .conftest import FIXTURES

# fixture file -> (code, severity, line, col) of the problem it must produce
EXPECTED: dict[str, tuple[str, str, int, int]] = {
    "empty-file.md": ("empty-file", "error", 1, 1),
    "frontmatter-unclosed.md": ("frontmatter-unclosed", "error", 1, 1),
    "frontmatter-missing.md": ("frontmatter-missing", "error", 1, 1),
    "frontmatter-not-mapping.md": ("frontmatter-not-mapping", "error", 2, 1),
    "frontmatter-empty.md": ("frontmatter-empty", "error", 2, 1),
    "yaml-tab.md": ("yaml-tab", "error", 5, 1),
    "duplicate-key.md": ("duplicate-key", "error", 4, 1),
    "yaml-alias.md": ("yaml-alias", "error", 4, 4),
    "yaml-tag.md": ("yaml-tag", "error", 3, 8),
    "yaml-value-int.md": ("yaml-value", "error", 11, 18),
    "yaml-value-date.md": ("yaml-value", "error", 4, 7),
    "yaml-depth.md": ("yaml-depth", "error", 3, 39),
    "yaml-syntax.md": ("yaml-syntax", "error", 4, 1),
    "yaml-char.md": ("yaml-char", "error", 3, 12),
    "yaml-multi-doc.yaml": ("yaml-multi-doc", "error", 3, 1),
    "yaml-key.md": ("yaml-key", "error", 4, 3),
    "invalid-field-yaml11.md": ("invalid-field", "error", 3, 8),
    "invalid-field-grade.md": ("invalid-field", "error", 7, 18),
    "invalid-field-missing.md": ("invalid-field", "error", 8, 5),
    "invalid-field-kept.md": ("invalid-field", "error", 12, 18),
    "encoding.md": ("encoding", "error", 3, 11),
    "unsafe-char.md": ("unsafe-char", "warning", 3, 8),
    "seed-outside-dotdot.md": ("seed-outside", "error", 6, 11),
    "seed-outside-absolute.md": ("seed-outside", "error", 6, 11),
    "seed-missing.md": ("seed-missing", "error", 6, 11),
    "unknown-claim.md": ("unknown-claim", "error", 13, 9),
    "unknown-brief.md": ("unknown-brief", "error", 13, 9),
    "same-id-duplicate-brief-id.md": ("duplicate-brief-id", "error", 3, 5),
    "unknown-field.md": ("unknown-field", "warning", 3, 1),
    "unknown-source.md": ("unknown-source", "error", 9, 13),
    "unknown-seed.md": ("unknown-seed", "error", 12, 11),
    "duplicate-id.md": ("duplicate-id", "error", 7, 9),
    "quote-changed.md": ("quote-changed", "warning", 14, 12),
    "quote-orphaned.md": ("quote-orphaned", "warning", 14, 12),
    "quote-no-seed.md": ("quote-no-seed", "warning", 11, 12),
    "unknown-link.md": ("unknown-link", "warning", 13, 6),
    "missing-version.md": ("missing-version", "error", 2, 1),
    "unsupported-version.md": ("unsupported-version", "error", 2, 8),
    "self-xref.md": ("self-xref", "warning", 12, 5),
}


def load_with(workspace: Path, name: str) -> Library:
    shutil.copy(FIXTURES / "problems" / name, workspace / "briefs" / name)
    return load_library(workspace)


def assert_good_loads(library: Library) -> None:
    good = library.brief("good")
    assert good is not None and good.ok
    assert good.problems == ()
    assert [c.id for c in good.claims] == ["c1", "c2"]


def problems_in(library: Library, name: str) -> list[tuple[str, str, int, int]]:
    return [
        (p.code, p.severity, p.pos.line, p.pos.col)
        for p in library.problems
        if p.pos.path == f"briefs/{name}"
    ]


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in (FIXTURES / "problems").iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gives_positioned_problem(workspace: Path, name: str) -> None:
    library = load_with(workspace, name)
    assert EXPECTED[name] in problems_in(library, name)
    assert_good_loads(library)
    # The broken file is still listed, so the user sees it and its problems.
    assert any(b.path == f"briefs/{name}" for b in library.briefs)


def test_python_tag_runs_nothing(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workspace)
    load_with(workspace, "yaml-tag.md")
    assert not (workspace / "PWNED").exists()


def test_yaml11_values_get_quote_hints(workspace: Path) -> None:
    library = load_with(workspace, "invalid-field-yaml11.md")
    hints = {p.pos.line: p.hint for p in library.problems if p.code == "invalid-field"}
    assert hints[3] == 'quote it: `"NO"` (unquoted, YAML reads NO as true/false)'
    assert '"8:30"' in hints[7]
    assert '"0777"' in hints[8]


def test_invalid_item_is_kept_without_its_bad_field(workspace: Path) -> None:
    # A claim with an id but no text is kept (marked), so that what names it still finds it.
    library = load_with(workspace, "invalid-field-missing.md")
    brief = next(b for b in library.briefs if b.path.endswith("invalid-field-missing.md"))
    assert [(c.id, c.text, c.invalid) for c in brief.claims] == [
        ("c1", "", ("text",)),
        ("c2", "kept", ()),
    ]
    assert problems_in(library, "invalid-field-missing.md") == [("invalid-field", "error", 8, 5)]


def test_alias_bomb_is_refused(workspace: Path) -> None:
    # How long it takes is measured by `python -m bench.problems`, not here.
    library = load_with(workspace, "yaml-alias.md")
    brief = next(b for b in library.briefs if b.path.endswith("yaml-alias.md"))
    assert not brief.ok
    assert [p.code for p in brief.problems] == ["yaml-alias"]
    assert_good_loads(library)


def test_escape_is_made_visible(workspace: Path) -> None:
    library = load_with(workspace, "unsafe-char.md")
    brief = next(b for b in library.briefs if b.path.endswith("unsafe-char.md"))
    assert brief.title == "bad \u241b escape"
    assert "\x1b" not in brief.title


def test_did_you_mean(workspace: Path) -> None:
    library = load_with(workspace, "unknown-source.md")
    (problem,) = [p for p in library.problems if p.code == "unknown-source"]
    assert problem.hint == "did you mean `isw`?"


def test_changed_quote_names_the_passage_and_the_words(workspace: Path) -> None:
    library = load_with(workspace, "quote-changed.md")
    (problem,) = [p for p in library.problems if p.code == "quote-changed"]
    assert problem.message == (
        'the quote of `c1` changed in seed `d` (90 % similar): was "opened", now "closed"'
    )
    assert problem.hint == 'seed now reads: "the bridge was closed for repairs."'


def test_orphaned_quote_is_not_attached(workspace: Path) -> None:
    library = load_with(workspace, "quote-orphaned.md")
    (problem,) = [p for p in library.problems if p.code == "quote-orphaned"]
    assert problem.message == "the quote of `c1` is not in seed `d`: no passage is close enough"
    brief = next(b for b in library.briefs if b.path.endswith("quote-orphaned.md"))
    (claim,) = brief.claims
    assert claim.quote_state == "orphaned" and claim.quote_span is None


def test_bom_and_crlf_load_cleanly(workspace: Path) -> None:
    text = (workspace / "briefs" / "good.md").read_text(encoding="utf-8")
    (workspace / "briefs" / "good.md").unlink()
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    (workspace / "briefs" / "crlf.md").write_bytes(data)
    library = load_library(workspace)
    assert_good_loads(library)
    assert library.problems == ()
    assert "\r" not in library.briefs[0].summary


def test_twenty_megabyte_file(workspace: Path) -> None:
    big = workspace / "briefs" / "big.md"
    with big.open("wb") as f:
        f.write(b"---\nbrief: 1\ntitle: big\n---\n")
        f.write(b"x" * (20 << 20))
    library = load_library(workspace)  # timed by `python -m bench.problems`
    assert problems_in(library, "big.md") == [("file-too-large", "error", 1, 1)]
    assert_good_loads(library)


def test_seed_symlink_out_of_workspace(workspace: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("the secret words")
    (workspace / "seeds" / "link.txt").symlink_to(secret)
    (workspace / "briefs" / "link.md").write_text(
        "---\nbrief: 1\ntitle: Link\nseeds:\n  - id: d\n    path: seeds/link.txt\n---\n"
    )
    library = load_library(workspace)
    assert ("seed-outside", "error", 6, 11) in problems_in(library, "link.md")
    brief = next(b for b in library.briefs if b.id == "link")
    assert brief.seeds[0].text is None
    assert_good_loads(library)


def test_brief_symlink_out_of_workspace(workspace: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\nbrief: 1\ntitle: Outside\n---\n")
    (workspace / "briefs" / "outside.md").symlink_to(outside)
    library = load_library(workspace)
    assert problems_in(library, "outside.md") == [("outside-workspace", "error", 1, 1)]
    assert_good_loads(library)


def test_non_mapping_yaml_brief(workspace: Path) -> None:
    (workspace / "briefs" / "list.yaml").write_text("- just\n- a list\n")
    library = load_library(workspace)
    assert problems_in(library, "list.yaml") == [("frontmatter-not-mapping", "error", 1, 1)]


def test_yaml_brief_reads_like_markdown(workspace: Path) -> None:
    (workspace / "briefs" / "other.yaml").write_text(
        "brief: 1\nid: other\ntitle: Other\nsummary: |\n  See [[good#c1]].\n"
        "sources:\n  - id: s\n    name: S\nclaims:\n  - id: x\n    source: s\n    text: t\n"
        "xrefs:\n  - from: x\n    to: good#c1\n    rel: contradicts\n"
    )
    library = load_library(workspace)
    assert library.problems == ()
    other = library.brief("other")
    assert other is not None and other.summary == "See [[good#c1]].\n"
    assert library.contradicted(next(c.key for c in library.brief("good").claims))  # type: ignore[union-attr]


def test_every_problem_code_is_documented() -> None:
    import re

    from .conftest import ROOT

    source = "".join(p.read_text() for p in (ROOT / "tui" / "load").glob("*.py"))
    codes = set(re.findall(r'"((?:[a-z]+-)+[a-z0-9]+)"', source)) - {"utf-8", "utf-8-sig"}
    codes |= {"yaml-error", "internal", "unreadable"}
    docs = (ROOT / "docs" / "format.md").read_text()
    missing = sorted(c for c in codes if f"| `{c}` |" not in docs)
    assert missing == []
