"""`brief new SEED`: proposing sources and claims from a source document's attributed sentences.

The bundled seed and two news texts of other styles (tests/fixtures/seeds/) are read end to end:
the brief written passes `brief check` with every quote found, and its sources, roles, quotes
and dates are the ones a reader following docs/new.md would propose.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.author.rules import DateText, attribute, document_date, parse_subject, sentences
from tui.author.scaffold import Proposal, propose, render
from tui.cli import main
from tui.load.library import load_library
from tui.load.quotes import FoldedSeed
from tui.model import Brief, Library
from tui.text import has_unsafe, sanitize

from .conftest import FIXTURES, ROOT

SEEDS = FIXTURES / "seeds"
NK_SEED = "seeds/nk-troops-russia-isw.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def new_brief(library: Library, brief_id: str) -> Brief:
    return library.by_id[brief_id]


def clean_load(root: Path) -> Library:
    """The workspace's library, asserting no errors and no quote the checker cannot find."""
    library = load_library(root)
    problems = [p.format() for p in library.problems]
    assert library.error_count == 0, problems
    assert not [p for p in library.problems if p.code.startswith("quote-")], problems
    return library


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    """An empty workspace with the test seeds in seeds/."""
    root = tmp_path / "ws"
    (root / "briefs").mkdir(parents=True)
    shutil.copytree(SEEDS, root / "seeds")
    return root


def claims_by_quote(brief: Brief) -> dict[str, tuple[str, str, dt.date | None, str]]:
    return {c.quote: (c.source, c.text, c.date, c.note) for c in brief.claims}


def sources_of(brief: Brief) -> dict[str, tuple[str, str]]:
    return {s.id: (s.name, s.role) for s in brief.sources}


# -- the bundled example ----------------------------------------------------------------------


def test_bundled_seed_proposes_the_example_sources_and_claims(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(example)
    code, out, err = run("new", NK_SEED)
    assert code == 0, err
    assert out == ""
    assert "wrote briefs/nk-troops-russia-isw.md: 5 sources, 9 claims" in err
    library = clean_load(example)
    assert library.warning_count == 0
    brief = new_brief(library, "nk-troops-russia-isw")
    example_brief = new_brief(library, "nk-troops-russia-2024-11")
    assert brief.seeds[0].path == NK_SEED
    assert brief.title == example_brief.seeds[0].title
    # Every source of the hand-written brief, named as the seed names it.
    assert sources_of(brief) == {
        "isw": ("Institute for the Study of War", ""),
        "blinken": ("Antony Blinken", "US Secretary of State"),
        "zelensky": ("Volodymyr Zelensky", "Ukrainian President"),
        "kyslytsya": ("Sergiy Kyslytsya", "Ukraine's representative"),
        "rutte": ("Mark Rutte", "NATO Secretary General"),
    }
    assert {s.id for s in example_brief.sources} == set(sources_of(brief))
    # Every quote of the hand-written brief lies inside a proposed quote of the same source,
    # but the one sentence with no attribution ("Thus, North Korean troops are unlikely ...").
    for claim in example_brief.claims:
        if claim.id == "isw-not-compensate":
            continue
        inside = [c for c in brief.claims if claim.quote.casefold() in c.quote.casefold()]
        assert [c.source for c in inside] == [claim.source], claim.id
    # Headlines and the "Read also" links are not read as claims.
    assert not [c for c in brief.claims if "Shahed" in c.quote or "front line" in c.quote]


def test_bundled_seed_claims_in_detail(example: Path) -> None:
    text = (example / NK_SEED).read_text(encoding="utf-8")
    proposal = propose(text)
    got = {c.id: (c.source.id, c.quote, c.text, c.note, c.date) for c in proposal.claims}
    assert got["blinken-8000"] == (
        "blinken",
        "up to 8,000 military personnel from North Korea have been relocated to the Kursk region",
        "Up to 8,000 military personnel from North Korea have been relocated to the Kursk region.",
        "",
        None,
    )
    assert got["rutte-involvement"][1:3] == (
        "confirmed the involvement of North Korean military by Russia in the war against Ukraine",
        "Rutte confirmed the involvement of North Korean military by Russia in the war against "
        "Ukraine.",
    )
    # "He noted that ..." is the previous sentence's source.
    assert got["rutte-stationed"][:2] == (
        "rutte",
        "military personnel from North Korea are stationed in Russia's Kursk region",
    )
    assert got["zelensky-mobilization"][3] == (
        "Said in an interview with South Korean TV channel KBS."
    )
    assert got["kyslytsya-actions"][3] == "Said at a UN Security Council meeting."
    assert got["zelensky-3000"][0] == "zelensky"  # "Zelensky also reported ..."
    assert [c.source.id for c in proposal.claims] == [
        "isw",
        "isw",
        "isw",
        "blinken",
        "zelensky",
        "zelensky",
        "kyslytsya",
        "rutte",
        "rutte",
    ]


def test_a_date_without_a_year_is_a_comment_until_the_document_gives_one(example: Path) -> None:
    text = (example / NK_SEED).read_text(encoding="utf-8")
    written = render(propose(text), brief_id="x", seed_path=NK_SEED)
    assert (
        '# date: YYYY-MM-DD  (the text says "November 1"; no year or document date to place it)'
        in written
    )
    dated = propose("Published 4 November 2024\n\n" + text)
    assert dated.date == dt.date(2024, 11, 4)
    lavrov = next(c for c in dated.claims if "Lavrov" in c.quote)
    assert lavrov.date == dt.date(2024, 11, 1)


# -- other styles -------------------------------------------------------------------------------


def test_wire_report(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    code, _, err = run("new", "seeds/wire-refineries.txt")
    assert code == 0, err
    brief = new_brief(clean_load(ws), "wire-refineries")
    assert brief.title == "Ukraine says drone strikes on Russian refineries will go on"
    assert brief.date == dt.date(2024, 11, 12)  # the dateline
    assert sources_of(brief) == {
        "zelenskiy": ("Volodymyr Zelenskiy", "President"),
        "russia-defence-ministry": ("Russia's Defence Ministry", ""),
        "us-officials": ("U.S. officials", ""),
        "peskov": ("Dmitry Peskov", "Kremlin spokesman"),
        "industry-sources": ("Industry sources", ""),
    }
    assert claims_by_quote(brief) == {
        # "…, President Volodymyr Zelenskiy said on Tuesday." (Tuesday of the dateline's week)
        "Ukraine will keep striking oil refineries inside Russia": (
            "zelenskiy",
            "Ukraine will keep striking oil refineries inside Russia.",
            dt.date(2024, 11, 12),
            "",
        ),
        # "“…,” Zelenskiy told reporters in Kyiv."
        "Our long-range capabilities are growing every month": (
            "zelenskiy",
            "Our long-range capabilities are growing every month.",
            None,
            "Told reporters in Kyiv.",
        ),
        # "According to a statement from Russia's Defence Ministry, …"
        "air defence units destroyed 34 drones over the Moscow region overnight": (
            "russia-defence-ministry",
            "Air defence units destroyed 34 drones over the Moscow region overnight.",
            None,
            "",
        ),
        # "Two U.S. officials told Reuters on condition of anonymity that …"
        "Washington had not supplied the drones used in the attacks": (
            "us-officials",
            "Washington had not supplied the drones used in the attacks.",
            None,
            "Told Reuters on condition of anonymity.",
        ),
        # "Kremlin spokesman Dmitry Peskov said the strikes …" (no `that`)
        "the strikes would not change Russia's position in any talks": (
            "peskov",
            "The strikes would not change Russia's position in any talks.",
            None,
            "",
        ),
        # "He added that …"
        "the Russian economy had absorbed the damage": (
            "peskov",
            "The Russian economy had absorbed the damage.",
            None,
            "",
        ),
        # "…, according to industry sources."
        "The refinery in Ryazan, one of Russia's largest, halted two of its four units": (
            "industry-sources",
            "The refinery in Ryazan, one of Russia's largest, halted two of its four units.",
            None,
            "",
        ),
    }
    assert [c.id for c in brief.claims] == [
        "zelenskiy-striking",
        "zelenskiy-capabilities",
        "russia-defence-ministry-34",
        "us-officials-washington",
        "peskov-position",
        "peskov-absorbed",
        "industry-sources-refinery",
    ]


def test_press_release(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    code, _, err = run("new", "seeds/ministry-release.md", "--id", "estonia-ammo")
    assert code == 0, err
    brief = new_brief(clean_load(ws), "estonia-ammo")
    assert (ws / "briefs" / "estonia-ammo.md").is_file()
    assert brief.title == "Estonia to send more ammunition to Ukraine"  # without the `#`
    assert brief.date == dt.date(2024, 3, 15)  # "Press release, 15 March 2024"
    assert sources_of(brief) == {
        "ministry-defence-estonia": ("Ministry of Defence of Estonia", ""),
        "pevkur": ("Hanno Pevkur", "Defence Minister"),
        "estonian-centre-defence": ("Estonian Centre for Defence Investments", ""),
        "herem": ("Martin Herem", "commander of the Estonian Defence Forces"),
        "smith": ("Jane Smith", "International Centre for Defence and Security (ICDS)"),
        "centre-party": ("Centre Party", ""),
    }
    got = {q: (s, d, n) for q, (s, _, d, n) in claims_by_quote(brief).items()}
    assert got == {
        # "… announced on Friday that …"
        "a new package of artillery ammunition will be delivered to Ukraine by the end of April": (
            "ministry-defence-estonia",
            dt.date(2024, 3, 15),
            "",
        ),
        # "In a statement, the ministry said that …": the ministry named before.
        "the package is worth 20 million euros": (
            "ministry-defence-estonia",
            None,
            "Said in a statement.",
        ),
        "deliveries had been agreed with Ukraine's General Staff": ("pevkur", None, ""),
        # 'The minister added: "…"': the minister named before; the quotation marks left out.
        "We will not slow down while Russia keeps attacking": ("pevkur", None, ""),
        # "It was reported by X that … on 12 March 2024."
        "the first shipment left Tallinn on 12 March 2024": (
            "estonian-centre-defence",
            dt.date(2024, 3, 12),
            "",
        ),
        # "Gen. Martin Herem, commander of …, warned of …": the quote keeps the verb.
        "warned of a shortage of 155 mm shells across Europe": ("herem", None, ""),
        "European production must double by 2025": ("smith", None, ""),
        # A denial keeps its verb: the words after it alone would say the opposite.
        "denied that the state budget allows further deliveries this year": (
            "centre-party",
            None,
            "",
        ),
    }
    texts = {c.id: c.text for c in brief.claims}
    assert texts["herem-155"] == "Herem warned of a shortage of 155 mm shells across Europe."
    assert texts["centre-party-further"] == (
        "Centre Party denied that the state budget allows further deliveries this year."
    )


# -- the rules, one by one ----------------------------------------------------------------------


def split(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_sentences_respect_abbreviations_and_initials() -> None:
    text = (
        "The U.S. Army said Gen. Smith met Dr. Jones at No. 10 Downing St. on Monday. "
        "J. R. Ewing left. Prices rose by 3.5 per cent! Was it Nov. 4? Yes."
    )
    assert split(text) == [
        "The U.S. Army said Gen. Smith met Dr. Jones at No. 10 Downing St. on Monday.",
        "J. R. Ewing left.",
        "Prices rose by 3.5 per cent!",
        "Was it Nov. 4?",
        "Yes.",
    ]
    assert split("He said no. Then he left.") == ["He said no.", "Then he left."]


def test_sentences_join_wrapped_lines_but_not_headings_or_lists() -> None:
    text = (
        "# Title line\n"
        "Short heading without a stop\n"
        "A long sentence of prose that wraps onto the next line, as hard-wrapped text does\n"
        "in plain-text news feeds. Another one.\n"
        "- a list item\n"
        "- another item.\n"
    )
    got = [(s.text, s.closed) for s in sentences(text)]
    assert got == [
        ("Title line", False),
        ("Short heading without a stop", False),
        (
            "A long sentence of prose that wraps onto the next line, as hard-wrapped text does\n"
            "in plain-text news feeds.",
            True,
        ),
        ("Another one.", True),
        ("a list item", False),
        ("another item.", True),
    ]


@pytest.mark.parametrize(
    ("subject", "name", "role", "kind"),
    [
        ("US Secretary of State Antony Blinken", "Antony Blinken", "US Secretary of State",
         "person"),
        ("Ukraine's President Volodymyr Zelensky", "Volodymyr Zelensky", "Ukraine's President",
         "person"),
        ("NATO Secretary General Mark Rutte", "Mark Rutte", "NATO Secretary General", "person"),
        ("European Commission President Ursula von der Leyen", "Ursula von der Leyen",
         "European Commission President", "person"),
        ("the Institute for the Study of War (ISW)", "Institute for the Study of War", "", "org"),
        ("NATO", "NATO", "", "org"),
        ("analysts at the Royal United Services Institute", "Royal United Services Institute", "",
         "org"),
        ("a spokesman for the Pentagon", "Pentagon", "", "org"),
        ("Western officials", "Western officials", "", "group"),
        ("the minister", "Minister", "", "ref"),
        ("he", "he", "", "pronoun"),
    ],
)  # fmt: skip
def test_subjects(subject: str, name: str, role: str, kind: str) -> None:
    found = parse_subject([subject])
    assert found is not None
    assert (found.name, found.role, found.kind) == (name, role, kind)


@pytest.mark.parametrize(
    "subject",
    ["North Korea has sent 10,000 troops", "the troops", "Russia's war in 2024", "It is clear"],
)
def test_clauses_are_not_subjects(subject: str) -> None:
    assert parse_subject([subject]) is None


@pytest.mark.parametrize(
    ("sentence", "quote"),
    [
        ("Officials said that the bridge was closed.", "the bridge was closed"),
        ("The army reported heavy losses near Bakhmut.", "reported heavy losses near Bakhmut"),
        ("The Kremlin denied that troops were there.", "denied that troops were there"),
        ("The bridge was closed, the ministry said on Monday.", "The bridge was closed"),
        ("“We are ready,” he said.", "We are ready"),
        ("The bridge was closed, said Oleh Ivanov, the mayor.", "The bridge was closed"),
        ("According to NATO, the drills will last a week.", "the drills will last a week"),
        ("It was reported by Reuters that the port reopened.", "the port reopened"),
        ("Zelensky explained why the strikes matter.", None),
        ("Western estimates put the number at 10,000.", None),
        ("The troops said nothing.", None),
    ],
)
def test_attribution_forms(sentence: str, quote: str | None) -> None:
    found = attribute(sentence)
    got = None if found is None else sentence[found.quote_start : found.quote_end]
    assert got == quote


def test_dates() -> None:
    friday = dt.date(2024, 3, 15)
    assert DateText("Tuesday", weekday=1).resolve(friday) == dt.date(2024, 3, 12)
    assert DateText("Friday", weekday=4).resolve(friday) == friday
    assert DateText("December 30", month=12, day=30).resolve(friday) == dt.date(2023, 12, 30)
    assert DateText("February 30", month=2, day=30).resolve(friday) is None
    assert DateText("Tuesday", weekday=1).resolve(None) is None
    assert document_date("KYIV, Nov. 12, 2024 -\nText.") == dt.date(2024, 11, 12)
    assert document_date("Updated 2024-01-05\nText.") == dt.date(2024, 1, 5)
    assert document_date("No date here.\n" + "x\n" * 20 + "4 May 2020") is None


def test_on_date_in_the_attribution_wins() -> None:
    text = "On 3 October 2024, Kremlin spokesman Dmitry Peskov said that talks ended on 1 October."
    (claim,) = propose(text).claims
    assert claim.date == dt.date(2024, 10, 3)
    undated = propose("On Monday, Peskov said that talks ended on 1 October.")
    assert undated.claims[0].date is None  # no document date: which Monday is unknown
    assert undated.claims[0].date_note == (
        'the text says "Monday"; no year or document date to place it'
    )
    dated = propose("Moscow, 6 November 2024\n\nOn Monday, Peskov said that talks had ended.")
    assert dated.claims[0].date == dt.date(2024, 11, 4)


# -- safety ------------------------------------------------------------------------------------


def test_yaml_special_characters_round_trip(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quote = '-- not for the first time -- key: "value" # no comment, {a: [b]} & *c !d %e `g` \\h'
    (ws / "seeds" / "odd.txt").write_text(
        f"The ministry said that {quote}.\nAnalysts from the 'Quote: Centre' said - yes, no.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(ws)
    assert run("new", "seeds/odd.txt")[0] == 0
    brief = new_brief(clean_load(ws), "odd")
    assert brief.claims[0].quote == quote
    written = (ws / "briefs" / "odd.md").read_text(encoding="utf-8")
    front = written.split("\n---\n", 1)[0].removeprefix("---\n")
    data = yaml.safe_load(front)
    assert data["claims"][0]["quote"] == quote


def test_control_characters_are_never_copied(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (ws / "seeds" / "hostile.txt").write_text(
        "Ti\x1b]52;c;aGk=\x07tle\n\n"
        "The ministry said that the \x1b[31mred\x1b[0m line held.\n"
        "The ministry said that the \u202eevil\u202c text was hidden.\n"
        "The ministry said that the tro\u200bops left the city.\n"
        "The ministry said that the bridge\x00 was closed.\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(ws)
    code, _, err = run("new", "seeds/hostile.txt")
    assert code == 0, err
    written = (ws / "briefs" / "hostile.md").read_text(encoding="utf-8")
    assert not has_unsafe(written)
    library = clean_load(ws)
    assert library.warning_count == 0
    brief = new_brief(library, "hostile")
    # The one clean sentence is proposed, its zero-width space dropped (matching ignores it).
    assert [c.quote for c in brief.claims] == ["the troops left the city"]
    assert brief.title == "Ti␛]52;c;aGk=␇tle"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "The", "ministry", "said", "that", "Gen.", "Dr.", "U.S.", "officials", "told",
                "Reuters", "according", "to", "NATO", "Secretary", "General", "Mark", "Rutte",
                "he", "He", "noted", "denied", "on", "Tuesday", "4", "November", "2024", ",", ".",
                ":", '"', "“", "”", "'", "#", "-", "\n", "\n\n", "(ISW)", "it", "was", "reported",
                "by", "troops", "left", "the", "city", "\x1b", "\u202e", "\u200b", "é", "ｆｕｌｌ",
                "8,000", "Analysts", "from", "according to", "—", "?", "!", "\t",
            ]
        ),
        max_size=80,
    ).map(" ".join)
)  # fmt: skip
def test_any_text_gives_a_brief_whose_quotes_are_all_found(text: str) -> None:
    proposal = propose(text)
    seed = FoldedSeed.of(sanitize(text))
    for claim in proposal.claims:
        assert seed.find(claim.quote) is not None, claim.quote
    written = render(proposal, brief_id="x", seed_path="seeds/x.txt")
    assert not has_unsafe(written)
    data = yaml.safe_load(written.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert [c["quote"] for c in data["claims"]] == [c.quote for c in proposal.claims]
    ids = [c["id"] for c in data["claims"]]
    assert len(ids) == len(set(ids))


def test_a_large_seed_is_read_in_full() -> None:
    # Tests never assert time (that is for bench/): here, a ~1 MB seed is read and capped.
    paragraph = (FIXTURES / "seeds" / "wire-refineries.txt").read_text(encoding="utf-8")
    # A claim in every sentence would stop at the cap: these sentences are read in full, each
    # tried as an attribution and given up (no earlier source for `He`).
    filler = "He said that the troops left the city on Tuesday. The U.S. Army noted it. " * 13_000
    one_line = "word " * 200_000
    for text in (filler, one_line, paragraph * 1_100):
        assert len(text) >= 900_000
        proposal = propose(text)
        assert render(proposal, brief_id="x", seed_path="seeds/x.txt").startswith("---")
    assert len(propose(paragraph * 1_100).claims) == 400  # capped, so the brief stays small


def test_empty_rendering_is_a_valid_brief() -> None:
    written = render(Proposal("", None), brief_id="empty", seed_path="seeds/e.txt")
    data = yaml.safe_load(written.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert data["sources"] == [] and data["claims"] == []
    assert "[[" not in written


# -- the command --------------------------------------------------------------------------------


def test_never_overwrites_unless_forced(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    target = ws / "briefs" / "wire-refineries.md"
    target.write_text("mine\n", encoding="utf-8")
    code, _, err = run("new", "seeds/wire-refineries.txt")
    assert code == 2
    assert "briefs/wire-refineries.md already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, _, err = run("new", "seeds/wire-refineries.txt", "--force")
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("---\n")
    clean_load(ws)


def test_out_dash_prints_the_brief(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    code, out, err = run("new", "seeds/wire-refineries.txt", "--out", "-")
    assert code == 0, err
    assert "printed the brief: 5 sources, 7 claims" in err
    assert list((ws / "briefs").iterdir()) == []
    (ws / "briefs" / "copy.md").write_text(out, encoding="utf-8")
    assert len(new_brief(clean_load(ws), "wire-refineries").claims) == 7


def test_out_path_inside_the_workspace(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = ws.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # not a workspace: --out says which
    out = ws / "briefs" / "2024" / "wire.md"
    code, _, err = run("new", str(ws / "seeds" / "wire-refineries.txt"), "--out", str(out))
    assert code == 0, err
    brief = new_brief(clean_load(ws), "wire-refineries")
    assert brief.path == "briefs/2024/wire.md"
    assert brief.seeds[0].path == "seeds/wire-refineries.txt"
    assert run("new", "seeds/x.txt", "--out", str(ws / "briefs" / "x.yaml"))[0] == 2


def test_the_workspace_around_the_seed(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = ws.parent / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, _, err = run("new", str(ws / "seeds" / "ministry-release.md"))
    assert code == 0, err
    assert (ws / "briefs" / "ministry-release.md").is_file()


def test_seed_outside_the_workspace(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = ws.parent / "notes.txt"
    outside.write_text("The ministry said that it rained all day.\n", encoding="utf-8")
    monkeypatch.chdir(ws)
    code, _, err = run("new", str(outside))
    assert code == 2
    assert "outside the workspace" in err and "copy it into" in err and "seeds/" in err
    assert list((ws / "briefs").iterdir()) == []
    link = ws / "seeds" / "link.txt"
    link.symlink_to(outside)
    code, _, err = run("new", "seeds/link.txt")
    assert code == 2 and "outside the workspace" in err


def test_no_workspace_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "doc.txt").write_text("The ministry said that it rained.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("new", "doc.txt")
    assert code == 2 and "no briefs/ folder" in err


@pytest.mark.parametrize("content", ["", "No one is quoted here. Nothing at all.\n"])
def test_no_attributed_sentences(ws: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    (ws / "seeds" / "plain.txt").write_text(content, encoding="utf-8")
    monkeypatch.chdir(ws)
    code, _, err = run("new", "seeds/plain.txt")
    assert code == 0
    assert "no attributed sentences found in seeds/plain.txt" in err
    brief = new_brief(clean_load(ws), "plain")
    assert brief.claims == () and brief.sources == ()


@pytest.mark.parametrize("bad", ["bad id", "-x", "a/b", "x" * 121, ""])
def test_invalid_id(ws: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    monkeypatch.chdir(ws)
    code, _, err = run("new", "seeds/wire-refineries.txt", "--id", bad)
    assert code == 2
    assert "is not a usable id" in err
    assert list((ws / "briefs").iterdir()) == []


def test_an_id_another_brief_uses(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(example)
    code, _, err = run("new", NK_SEED, "--id", "nk-troops-russia-2024-11")
    assert code == 2
    assert "already used by briefs/nk-troops-russia.md" in err and "--id" in err


def test_missing_seed(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws)
    code, _, err = run("new", "seeds/nope.txt")
    assert code == 2 and "does not exist" in err


def test_a_seed_in_briefs_is_refused(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (ws / "briefs" / "notes.md").write_text("The ministry said that it rained.\n", encoding="utf-8")
    monkeypatch.chdir(ws)
    code, _, err = run("new", "briefs/notes.md", "--id", "notes-brief")
    assert code == 2 and "move it into seeds/" in err


def test_help_lists_new() -> None:
    code, out, _ = run("--help")
    assert code == 0 and "new" in out
    assert (ROOT / "docs" / "new.md").is_file()
