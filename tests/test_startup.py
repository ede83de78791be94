"""The reader's first frame imports no pydantic, PyYAML or rapidfuzz (issue 12: they cost ~100 ms
before anything is drawn): config and bundled themes are read without them when there is no
config file, and the brief loader comes in with the load worker."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.app.theme_model import FIELD_NAMES
from tui.app.themes import THEME_FIELDS, load_themes, quick_theme, read_theme
from tui.config import FIELDS, Config, load_config
from tui.config.schema import validator

from .conftest import ROOT

NOT_BEFORE_FIRST_FRAME = ("pydantic", "yaml", "rapidfuzz", "tui.config.read", "tui.config.schema")
"""Modules the reader must not import before its first frame (with no config file)."""

THEMES = ROOT / "themes"


def _imported(code: str, tmp_path: Path) -> list[str]:
    env = {**os.environ, "BRIEF_CONFIG": str(tmp_path / "none.yaml")}
    code += f"\nprint(','.join(m for m in {NOT_BEFORE_FIRST_FRAME!r} if m in sys.modules))\n"
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.db")],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return [m for m in out.stdout.strip().split(",") if m]


def test_the_reader_and_command_line_import_no_pydantic(tmp_path: Path) -> None:
    assert _imported("import sys\nimport tui.cli\nimport tui.app.main", tmp_path) == []


def test_the_first_frame_imports_no_pydantic(tmp_path: Path) -> None:
    # The app started to its first frame, the load worker held back (it reads briefs, which
    # does need PyYAML and pydantic), with no config file: themes and settings apply.
    code = (
        "import asyncio, sys\n"
        "from tui.app.main import BriefApp\n"
        "from tui.load.workspace import resolve\n"
        "BriefApp.load_library = lambda self: None\n"
        "async def first_frame():\n"
        "    app = BriefApp(resolve('briefs'), state=sys.argv[1])\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.theme == 'brief-dark', app.theme\n"
        "        assert 'brief-high-contrast' in app.available_themes\n"
        "asyncio.run(first_frame())\n"
    )
    assert _imported(code, tmp_path) == []


def test_a_config_file_is_still_validated(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("theme: nord\nreviewer: 3\n", encoding="utf-8")
    config, problems = load_config(path)
    assert config == Config(theme="nord")
    assert [p.code for p in problems] == ["invalid-field"]
    assert config.value_pos("theme") is not None


def test_the_validator_has_every_setting() -> None:
    # Config declares each setting once; the pydantic validator is built from it.
    assert tuple(validator().model_fields) == FIELDS
    assert ("theme", "keymap", "reviewer", "state", "editor", *FIELDS[5:]) == FIELDS


def test_theme_fields_known_without_pydantic() -> None:
    assert THEME_FIELDS == FIELD_NAMES


@pytest.mark.parametrize("path", sorted(THEMES.glob("*.yaml")), ids=lambda p: p.stem)
def test_quick_reading_of_bundled_themes_matches_the_full_one(path: Path) -> None:
    spec, problems = read_theme(path)
    assert spec is not None
    assert problems == []
    quick, full = quick_theme(path), spec.to_textual_theme()
    assert quick is not None
    assert vars(quick) == vars(full)


@pytest.mark.parametrize(
    "text",
    [
        "name: odd\nprimary: '#ff0000'\nprimry: '#00ff00'\n",  # an unknown field: warned
        "name: odd\nprimary: 12\n",  # a wrong type: an error
        "- a list\n",
        "name: odd\nprimary: '#ff0000'\nvariables:\n  brief-rel-contradicts: 3\n",
        "name: [odd\n",
    ],
)
def test_anything_unexpected_in_a_trusted_folder_is_read_fully(tmp_path: Path, text: str) -> None:
    (tmp_path / "odd.yaml").write_text(text, encoding="utf-8")
    assert quick_theme(tmp_path / "odd.yaml") is None
    assert load_themes([tmp_path], trusted=tmp_path)[1] == load_themes([tmp_path])[1] != []


@pytest.mark.parametrize(
    "text",
    [
        "name: odd\nprimary: '#ff0000'\nvariables: {text-muted: '#aaaaaa'}\n",
        "name: odd  # a comment after plain text\nprimary: '#ff0000'\n",
        "name: odd\nprimary: '#ff0000'\ndark: yes\n",  # YAML 1.1 reads it as true
        'name: odd\nprimary: "#ff\\x30000"\n',
        "name: odd\nprimary: '#ff0000'\nvariables:\n    text-muted: '#aaaaaa'\n",
    ],
)
def test_a_good_theme_loads_the_same_quickly_or_not(tmp_path: Path, text: str) -> None:
    (tmp_path / "odd.yaml").write_text(text, encoding="utf-8")
    trusted, problems = load_themes([tmp_path], trusted=tmp_path)
    assert problems == []
    assert [vars(t) for t in trusted] == [vars(t) for t in load_themes([tmp_path])[0]]


def test_a_load_from_the_parse_cache_builds_no_schema_models(tmp_path: Path) -> None:
    # Issue 12, warm load: every brief served from the cache, so the brief reader (pydantic's
    # models, ~0.15 s to build) is never imported; importing the loader itself stays light.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    code = (
        "import sys\n"
        "import tui.load.library as library\n"
        "light = 'tui.load.schema' not in sys.modules\n"
        "lib = library.load_library('briefs', cache=True)\n"
        "print(light, len(lib.briefs), 'tui.load.schema' in sys.modules)\n"
    )

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=env,
        )
        return done.stdout.strip()

    assert run() == "True 1 True"  # the first load reads the file (and fills the cache)
    assert run() == "True 1 False"  # the second is served from the cache


def test_no_screen_brings_css_of_its_own() -> None:
    # Issue 12: Textual re-parses every rule the App has, without its cache, for each screen
    # with a `CSS_PATH` or `CSS` of its own (~10 ms before the first frame for the library's).
    # Screens' rules go in brief.tcss, screens/library.tcss or screens/screens.tcss
    # (tui/app/styles.py); a widget's `DEFAULT_CSS` is parsed with the cache, which is fine.
    import importlib
    import pkgutil

    from textual.screen import Screen

    import tui.app.screens as screens

    found = []
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Screen)
                and value.__module__ == module.__name__
            ):
                found.append(value)
                assert not value.CSS_PATH and not value.CSS, value.__name__
    assert len(found) >= 5  # the library, brief, search, help, problems, dialogs...


def test_the_first_frame_reads_only_the_shared_and_library_rules() -> None:
    from tui.app.main import BriefApp
    from tui.app.styles import FIRST, LATER

    assert [Path(p).name for p in BriefApp.CSS_PATH] == ["brief.tcss", "library.tcss"]
    assert FIRST == BriefApp.CSS_PATH and LATER not in FIRST
    # The later rules are for other screens: none of them names the library's widgets.
    later = LATER.read_text(encoding="utf-8")
    assert "LibraryScreen" not in later and "#library-" not in later and "#briefs" not in later


async def test_a_screen_pushed_before_the_first_frame_gets_its_rules(tmp_path: Path) -> None:
    # The other screens' rules come once the first frame is out: a screen pushed before (`?`
    # typed at once) is styled again when they do.
    from tui.app.main import BriefApp
    from tui.app.screens.help import HelpScreen
    from tui.load.workspace import resolve

    from .pilot import wait_until

    class HelpAtOnce(BriefApp):
        def on_mount(self) -> None:
            # Once BriefApp's own (Textual calls every class's, this one first), before the
            # first refresh.
            self.call_next(self.action_help)

    app = HelpAtOnce(resolve(ROOT / "briefs"), state=tmp_path / "r.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        box = app.screen.query_one("#help")
        await wait_until(pilot, lambda: box.region.width == 90, "the help's width (screens.tcss)")
        assert box.styles.border_top[0] == "round"


async def test_the_first_frame_parses_the_css_once_in_the_configs_theme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12: Textual re-parsed every rule after the config's theme was set, and again for the
    # library's own CSS; now nothing is re-parsed before the first frame, and a theme picked
    # later still re-parses (in its colours).
    from textual.css.stylesheet import Stylesheet

    from tui.app.main import BriefApp
    from tui.load.workspace import resolve

    from .pilot import wait_until

    reparses: list[int] = []
    real = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparses.append(1)
        real(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    monkeypatch.setattr(BriefApp, "load_library", lambda self: None)
    app = BriefApp(resolve(ROOT / "briefs"), state=tmp_path / "r.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "brief-dark" and reparses == []
        assert app.screen.styles.background == app.current_theme.to_color_system().background
        app.theme = "textual-light"
        await wait_until(pilot, lambda: reparses, "the new theme's re-parse")
        await wait_until(
            pilot,
            lambda: app.screen.styles.background == app.current_theme.to_color_system().background,
            "the new theme's colours",
        )
