"""Theme files: loading, one problem per bad file, overrides, app colours, contrast."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import ClassVar

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.content import Content
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Static

from tui.app.themes import (
    APP_VARIABLES,
    DEFAULT_VARIABLES,
    contrast_ratio,
    is_colour,
    load_themes,
    read_theme,
    textual_variables,
    theme_folders,
    variables_for,
)
from tui.config import bundled_themes_dir, user_themes_dir

from .conftest import ROOT

THEMES = ROOT / "themes"
BUNDLED = ("brief-dark", "brief-light", "brief-high-contrast")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def by_name(themes: list[Theme]) -> dict[str, Theme]:
    return {t.name: t for t in themes}


GOOD = "name: {name}\nprimary: '{primary}'\nforeground: '#eeeeee'\nbackground: '#111111'\n"


# -- bundled themes ------------------------------------------------------------------------------


def test_bundled_themes_load_cleanly() -> None:
    themes, problems = load_themes([THEMES])
    assert problems == []
    assert set(BUNDLED) <= set(by_name(themes))


@pytest.mark.parametrize("name", BUNDLED)
def test_bundled_theme_defines_every_app_colour(name: str) -> None:
    spec, problems = read_theme(THEMES / f"{name}.yaml")
    assert problems == []
    assert spec is not None
    assert spec.name == name
    # Set in the file itself, not filled in from the palette.
    assert set(APP_VARIABLES) <= set(spec.variables)
    theme = spec.to_textual_theme()
    for variable in APP_VARIABLES:
        assert is_colour(theme.variables[variable]), variable
    # Textual accepts it: the colour system builds.
    assert theme.to_color_system().generate()["primary"]


def test_theme_folders_order(tmp_path: Path) -> None:
    assert theme_folders() == [bundled_themes_dir(), user_themes_dir()]
    assert theme_folders()[0] == THEMES  # a source checkout uses the repo's themes/
    assert theme_folders()[1] == tmp_path / "xdg-data" / "brief" / "themes"
    assert theme_folders(tmp_path / "mine") == [tmp_path / "mine", user_themes_dir()]


def test_missing_folders_are_fine(tmp_path: Path) -> None:
    assert load_themes([tmp_path / "nope", tmp_path / "nada"]) == ([], [])


# -- bad files -----------------------------------------------------------------------------------


def test_bad_theme_gives_one_problem_and_the_others_load(tmp_path: Path) -> None:
    shutil.copy(THEMES / "brief-dark.yaml", tmp_path / "a-good.yaml")
    (tmp_path / "b-good.yml").write_text(GOOD.format(name="plain", primary="#123456"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: broken\nprimary: 12\naccent: nope\nvariables: []\n")
    themes, problems = load_themes([tmp_path])
    assert sorted(by_name(themes)) == ["brief-dark", "plain"]
    assert [p.format() for p in problems] == [
        f"{bad}:2:10: error: theme not loaded: `primary` must be text, not a number; "
        'quote it: `"12"` (unquoted, YAML reads 12 as a number); 2 more problems in this file '
        "[invalid-field]"
    ]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (b"name: x\nprimary: [\n", "yaml-syntax", 3),
        (b"\xff\xfe garbage \x80", "encoding", 1),
        (b"", "theme-not-mapping", 1),
        (b"- name: x\n", "theme-not-mapping", 1),
        (b"primary: '#ffffff'\n", "invalid-field", 1),
        (b"name: my theme\nprimary: '#ffffff'\n", "invalid-field", 1),
        (b"name: x\nprimary: '#ffffff'\nbackground: blurple\n", "invalid-field", 3),
        (
            b"name: x\nprimary: '#fff'\nvariables:\n  brief-rel-cites: bold\n",
            "invalid-field",
            4,
        ),
        (b"name: x\nprimary: '#fff'\nname: y\n", "duplicate-key", 3),
    ],
    ids=[
        "syntax",
        "garbage",
        "empty",
        "list",
        "no-name",
        "bad-name",
        "bad-colour",
        "bad-app-colour",
        "duplicate-key",
    ],
)
def test_each_bad_theme_is_one_positioned_problem(
    tmp_path: Path, text: bytes, code: str, line: int
) -> None:
    (tmp_path / "ok.yaml").write_text(GOOD.format(name="ok", primary="#123456"))
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(text)
    themes, problems = load_themes([tmp_path])
    assert [t.name for t in themes] == ["ok"]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.pos.path, problem.code, problem.pos.line) == (str(bad), code, line)
    assert problem.severity == "error"
    assert problem.message.startswith("theme not loaded: ")
    assert "Value error" not in problem.message  # our words, not pydantic's prefix


def test_unknown_fields_warn_and_the_theme_loads(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "name: t\nprimary: '#336699'\nbakground: '#000000'\n"
        "variables:\n  brief-rel-contradict: '#ff0000'\n  block-cursor-text-style: bold\n"
    )
    themes, problems = load_themes([tmp_path])
    assert [t.name for t in themes] == ["t"]
    assert [p.format() for p in problems] == [
        f"{path}:3:1: warning: unknown theme field `bakground` (ignored); "
        "did you mean `background`? [unknown-field]",
        f"{path}:5:3: warning: unknown app colour `brief-rel-contradict` (ignored); "
        "did you mean `brief-rel-contradicts`? [unknown-variable]",
    ]


def test_same_name_twice_in_one_folder_keeps_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD.format(name="x", primary="#111111"))
    (tmp_path / "b.yaml").write_text(GOOD.format(name="x", primary="#222222"))
    themes, problems = load_themes([tmp_path])
    assert [t.primary for t in themes] == ["#111111"]
    assert [(p.code, p.pos.path) for p in problems] == [
        ("theme-duplicate", str(tmp_path / "b.yaml"))
    ]


def test_later_folders_override_earlier_ones(tmp_path: Path) -> None:
    first, second = tmp_path / "bundled", tmp_path / "user"
    first.mkdir()
    second.mkdir()
    (first / "x.yaml").write_text(GOOD.format(name="x", primary="#111111"))
    (first / "only-first.yaml").write_text(GOOD.format(name="first", primary="#333333"))
    (second / "mine.yaml").write_text(GOOD.format(name="x", primary="#222222"))
    themes, problems = load_themes([first, second])
    assert problems == []
    assert {t.name: t.primary for t in themes} == {"first": "#333333", "x": "#222222"}
    themes, _ = load_themes([second, first])
    assert by_name(themes)["x"].primary == "#111111"


# -- app colours ---------------------------------------------------------------------------------


def test_partial_theme_gets_the_rest_from_its_palette(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        "name: t\nprimary: '#336699'\nerror: '#ff0000'\nvariables:\n"
        "  brief-rel-corroborates: '#00ff00'\n"
    )
    theme = load_themes([tmp_path])[0][0]
    assert set(APP_VARIABLES) <= set(theme.variables)
    assert theme.variables["brief-rel-corroborates"] == "#00ff00"
    generated = theme.to_color_system().generate()
    assert theme.variables["brief-rel-contradicts"] == generated["text-error"]


def test_default_variables_cover_every_app_colour() -> None:
    assert set(DEFAULT_VARIABLES) == set(APP_VARIABLES)
    for name, theme in BUILTIN_THEMES.items():
        values = variables_for(theme)
        assert set(values) == set(APP_VARIABLES), name
        assert all(is_colour(v) for v in values.values()), name
    # Each theme's own palette, not one fixed set for all.
    assert variables_for(BUILTIN_THEMES["nord"]) != variables_for(BUILTIN_THEMES["textual-light"])


class _Probe(App[None]):
    """How the App is meant to wire themes in (see the report of issue 6)."""

    CSS: ClassVar[str] = "Static { color: $brief-rel-contradicts; background: $surface; }"

    def __init__(self, themes: list[Theme]) -> None:
        super().__init__()
        for theme in themes:
            self.register_theme(theme)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variables_for(self.current_theme)

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(*[(name, f"bold ${name}") for name in APP_VARIABLES]))


async def test_app_colours_resolve_in_every_theme() -> None:
    themes, _ = load_themes([THEMES])
    app = _Probe(themes)
    async with app.run_test() as pilot:
        static = app.query_one(Static)
        for name in [*BUILTIN_THEMES, *BUNDLED]:
            app.theme = name
            await pilot.pause()
            static.refresh()
            await pilot.pause()
            assert set(APP_VARIABLES) <= set(app.theme_variables), name
            expected = app.theme_variables["brief-rel-contradicts"]
            if expected.startswith("#"):
                assert static.styles.color.hex.lower() == expected.lower(), name
        assert app.current_theme.name == BUNDLED[-1]


# -- contrast ------------------------------------------------------------------------------------


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#336699", "#336699") == pytest.approx(1.0)


def _palette(name: str) -> tuple[dict[str, str], dict[str, str]]:
    spec, _ = read_theme(THEMES / f"{name}.yaml")
    assert spec is not None
    fields = {
        k: getattr(spec, k) for k in ("foreground", "background", "surface", "panel", "primary")
    }
    return fields, dict(spec.variables)


@pytest.mark.parametrize("name", BUNDLED)
def test_text_contrast(name: str) -> None:
    fields, variables = _palette(name)
    need = 7.0 if name == "brief-high-contrast" else 4.5
    for ground in ("background", "surface", "panel"):
        assert contrast_ratio(fields["foreground"], fields[ground]) >= need, ground
    if name == "brief-high-contrast":
        assert contrast_ratio(fields["foreground"], fields["background"]) >= 20
    # Every app colour, and muted text, is read as text on the panes' surface.
    for variable in [*APP_VARIABLES, "text-muted"]:
        ratio = contrast_ratio(variables[variable], fields["surface"])
        assert ratio >= need, f"{variable}: {ratio:.2f}"


def _ansi(colour: str) -> int:
    number = RichColor.parse(colour).downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return number


@pytest.mark.parametrize("name", BUNDLED)
def test_readable_with_16_colours(name: str) -> None:
    """On a 16-colour terminal Rich maps each colour to the nearest ANSI one: text must not
    land on the background's colour, and opposite relations must stay apart."""
    fields, variables = _palette(name)
    grounds = {_ansi(fields["background"]), _ansi(fields["surface"])}
    for variable in [*APP_VARIABLES, "text-muted"]:
        assert _ansi(variables[variable]) not in grounds, variable
    assert _ansi(fields["foreground"]) not in grounds
    assert _ansi(variables["brief-rel-corroborates"]) != _ansi(variables["brief-rel-contradicts"])
    assert _ansi(variables["brief-reviewed"]) != _ansi(variables["brief-flagged"])


# -- variables: each must be what Textual uses it for ---------------------------------------------


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("text-muted", "red; background: url(x)", "`text-muted` is not a colour"),
        ("text-muted", "$other", "`text-muted` is not a colour"),
        ("text-muted", "{", "`text-muted` is not a colour"),
        ("text-muted", "bold", "`text-muted` is not a colour"),
        ("border", "auto 50%", "`border` is not a colour"),
        ("block-cursor-text-style", "red", "`block-cursor-text-style` is not a text style"),
        ("block-cursor-text-style", "bold; x: y", "is not a text style"),
        ("block-cursor-text-style", "none bold", "is not a text style"),
        ("brief-stale", "$primary", "`brief-stale` is not a colour"),
        ("my-own", "{", "`my-own` is not a colour or a text style"),
        ("brief-rel-contradict", "}", "is not a colour or a text style"),
        ("a{b", "red", "`a{b` is not a variable name"),
    ],
    ids=[
        "css-fragment",
        "reference",
        "brace",
        "style-for-colour",
        "auto-border",
        "colour-for-style",
        "style-fragment",
        "none-mixed",
        "app-reference",
        "unknown-brace",
        "unknown-app-brace",
        "bad-name",
    ],
)
def test_bad_variable_is_one_positioned_problem(
    tmp_path: Path, variable: str, value: str, says: str
) -> None:
    (tmp_path / "ok.yaml").write_text(GOOD.format(name="ok", primary="#123456"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        f"name: bad\nprimary: '#336699'\nvariables:\n  footer-key-foreground: '#a4adba'\n"
        f"  {json.dumps(variable)}: {json.dumps(value)}\n"
    )
    themes, problems = load_themes([tmp_path])
    assert [t.name for t in themes] == ["ok"]
    (problem,) = problems
    assert (problem.pos.path, problem.code, problem.pos.line) == (str(bad), "invalid-field", 5)
    assert problem.message.startswith("theme not loaded: ")
    assert says in problem.message


def test_bad_theme_named_like_a_bundled_one_leaves_the_bundled_one(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    text = (THEMES / "brief-dark.yaml").read_text()
    text = text.replace('text-muted: "#a4adba"', "text-muted: 'red; background: url(x)'")
    (mine / "brief-dark.yaml").write_text(text)
    themes, problems = load_themes([THEMES, mine])
    assert [(p.pos.path, p.code) for p in problems] == [
        (str(mine / "brief-dark.yaml"), "invalid-field")
    ]
    bundled, _ = read_theme(THEMES / "brief-dark.yaml")
    assert bundled is not None
    assert by_name(themes)["brief-dark"].variables["text-muted"] == bundled.variables["text-muted"]


def everything_theme() -> str:
    """A theme setting every Textual variable and app colour to a value the loader accepts, in
    each form it accepts."""
    # Opacity is for app colours: Textual computes some of its own from others (and reports a
    # theme whose `background-darken-1` has one as `theme-invalid`).
    colours = ["#336699", "rgb(10, 20, 30)", "ansi_red", "darkred", "hsl(120, 50%, 50%)"]
    styles = ["bold", "not underline", "none", "b reverse", "italic dim"]
    lines = ["name: everything", "primary: '#336699'", "variables:"]
    for n, (name, (kind, keywords)) in enumerate(sorted(textual_variables().items())):
        choices = styles if kind == "style" else [*colours, *sorted(keywords)]
        lines.append(f"  {name}: {json.dumps(choices[n % len(choices)])}")
    for n, name in enumerate(APP_VARIABLES):
        lines.append(f"  {name}: {json.dumps([*colours, 'auto 70%', 'red 60%'][n % 7])}")
    return "\n".join(lines) + "\n"


def test_every_accepted_value_loads(tmp_path: Path) -> None:
    (tmp_path / "everything.yaml").write_text(everything_theme())
    themes, problems = load_themes([tmp_path])
    assert problems == []
    assert [t.name for t in themes] == ["everything"]
