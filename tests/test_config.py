"""The user config: defaults, BRIEF_CONFIG, positioned problems, save_theme, `brief config`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui import config as cfg
from tui.cli import main
from tui.config import (
    EXAMPLE_CONFIG,
    Config,
    check_keymap,
    check_theme,
    config_path,
    config_source,
    load_config,
    resolve_state_path,
    state_path_default,
    user_themes_dir,
)
from tui.config.write import save_theme

linux = pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are Linux's")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the real user's folders."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))
    monkeypatch.delenv("BRIEF_CONFIG", raising=False)
    monkeypatch.delenv("BRIEF_STATE", raising=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lines(problems: list) -> list[str]:
    return [p.format() for p in problems]


# -- where ---------------------------------------------------------------------------------------


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "nowhere" / "config.yaml")
    assert problems == []
    assert config == Config()
    assert (config.theme, config.keymap, config.reviewer, config.state, config.editor) == (
        None,
        {},
        None,
        None,
        None,
    )


@linux
def test_default_paths_follow_platformdirs(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    assert config_source() == (xdg / "xdg_config_home" / "brief" / "config.yaml", "default")
    assert user_themes_dir() == xdg / "xdg_data_home" / "brief" / "themes"
    assert state_path_default() == xdg / "xdg_state_home" / "brief" / "review.db"


def test_brief_config_overrides_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = write(tmp_path / "other.yaml", "theme: nord\n")
    monkeypatch.setenv("BRIEF_CONFIG", str(other))
    assert config_path() == other
    assert config_source()[1] == "BRIEF_CONFIG"
    config, problems = load_config()
    assert problems == []
    assert config.theme == "nord"
    assert config.source == other


def test_all_settings_load(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.yaml",
        "theme: brief-light\nreviewer: Ann\nstate: marks.db\neditor: nvim\n"
        "keymap:\n  review.toggle: x\n  app.help: 'question_mark,f1'\n",
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.theme == "brief-light"
    assert config.reviewer == "Ann"
    assert config.editor == "nvim"
    assert config.keymap == {"review.toggle": "x", "app.help": "question_mark,f1"}
    assert resolve_state_path(config) == (tmp_path / "marks.db", "config")


# -- problems ------------------------------------------------------------------------------------


def test_wrong_types_are_positioned_and_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "c.yaml",
        "theme: nord\nkeymap:\n  app.help: 1\n  app.quit: ctrl+q\nreviewer: [a, b]\neditor: yes\n",
    )
    config, problems = load_config(path)
    assert lines(problems) == [
        f"{path}:3:13: error: `app.help` must be text, not a number (setting ignored); "
        'quote it: `"1"` (unquoted, YAML reads 1 as a number) [invalid-field]',
        f"{path}:5:11: error: `reviewer` must be text, not a list (setting ignored); "
        "write a single line of text, quoted if it holds `:` or `#` [invalid-field]",
        f"{path}:6:9: error: `editor` must be text, not true/false (setting ignored); "
        'quote it: `"yes"` (unquoted, YAML reads yes as true/false) [invalid-field]',
    ]
    # The bad values are gone; everything else still applies.
    assert config.theme == "nord"
    assert config.keymap == {"app.quit": "ctrl+q"}
    assert config.reviewer is None
    assert config.editor is None


def test_a_bad_saved_search_is_reported_in_our_words(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "searches:\n  good: kursk\n  bad: kursk cred:9x\n")
    config, problems = load_config(path)
    assert config.searches == {"good": "kursk"}
    [problem] = problems
    assert (problem.pos.line, problem.code) == (3, "invalid-field")
    assert problem.message.startswith("`bad`: not a query: cred: expects"), problem.message
    assert "Value error" not in problem.message


def test_keymap_not_a_mapping(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "theme: nord\nkeymap: x\n")
    config, problems = load_config(path)
    assert [(p.pos.line, p.pos.col, p.severity) for p in problems] == [(2, 9, "error")]
    assert "`keymap` must be a mapping" in problems[0].message
    assert config.theme == "nord"
    assert config.keymap == {}


def test_empty_key_value_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "keymap:\n  app.help: ''\n")
    config, problems = load_config(path)
    assert lines(problems)[0].startswith(f"{path}:2:13: error: `app.help` must not be empty")
    assert config.keymap == {}


def test_unknown_key_warns_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "# mine\nthem: nord\nreviewer: Ann\n")
    config, problems = load_config(path)
    assert lines(problems) == [
        f"{path}:2:1: warning: unknown setting `them` (ignored); did you mean `theme`? "
        "[unknown-field]"
    ]
    assert config.reviewer == "Ann"
    assert config.theme is None


def test_control_characters_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", 'reviewer: "a\\x1b]52;c;x\\x07"\ntheme: nord\n')
    config, problems = load_config(path)
    assert [(p.code, p.pos.line, p.severity) for p in problems] == [("unsafe-char", 1, "error")]
    assert config.reviewer is None
    assert config.theme == "nord"


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"\xff\xfe\x00garbage\x80\x81", "encoding", 1),
        (b"theme: nord\n\x80\x81\x82\n", "encoding", 2),
        (b"theme: a\x00b\n", "yaml-char", 1),
        (b"theme: [nord\nkeymap: {}\n", "yaml-syntax", 2),
        (b"theme: nord\n\tkeymap: {}\n", "yaml-tab", 2),
        (b"a: &x 1\ntheme: *x\n", "yaml-alias", 1),
        (b"theme: !!python/object:os.system ls\n", "yaml-tag", 1),
        (b"theme: nord\ntheme: gruvbox\n", "duplicate-key", 2),
        (b"- theme\n- nord\n", "config-not-mapping", 1),
        (b"theme: " + b"[" * 100 + b"]" * 100 + b"\n", "yaml-depth", 1),
    ],
    ids=[
        "bad-utf8",
        "bad-utf8-line-2",
        "nul",
        "syntax",
        "tab",
        "alias",
        "python-tag",
        "duplicate",
        "list",
        "deep",
    ],
)
def test_garbage_gives_problems_not_exceptions(
    tmp_path: Path, data: bytes, code: str, line: int
) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(data)
    config, problems = load_config(path)
    assert isinstance(config, Config)
    assert [p.code for p in problems if p.severity == "error"] == [code]
    assert problems[0].pos.path == str(path)
    assert problems[0].pos.line == line


def test_unreadable_paths_give_problems(tmp_path: Path) -> None:
    folder = tmp_path / "config.yaml"
    folder.mkdir()
    config, problems = load_config(folder)
    assert config == Config()
    assert [p.code for p in problems] == ["unreadable"]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (cfg.MAX_CONFIG_BYTES + 10))
    assert [p.code for p in load_config(big)[1]] == ["file-too-large"]


def test_comments_only_file_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "# nothing set yet\n\n")
    assert load_config(path) == (Config(), [])


def test_example_config_loads_cleanly(tmp_path: Path) -> None:
    config, problems = load_config(write(tmp_path / "c.yaml", EXAMPLE_CONFIG))
    assert problems == []
    assert config.theme == "brief-dark"
    assert config.keymap  # it shows a real entry, not only comments


def test_positions_are_kept_for_later_checks(tmp_path: Path) -> None:
    path = write(tmp_path / "c.yaml", "theme: nrod\nkeymap:\n  app.hlep: f1\n  app.quit: q\n")
    config, _ = load_config(path)
    assert lines(check_keymap(config, {"app.help", "app.quit"})) == [
        f"{path}:3:3: warning: no key binding has the id `app.hlep` (ignored); "
        "did you mean `app.help`? [unknown-binding]"
    ]
    assert lines(check_theme(config, {"nord", "brief-dark"})) == [
        f"{path}:1:8: warning: no theme is named `nrod` (the default theme is used instead); "
        "did you mean `nord`? [unknown-theme]"
    ]
    assert check_theme(Config(theme="nord"), {"nord"}) == []


def test_state_path_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config, _ = load_config(write(tmp_path / "c.yaml", "state: ~/marks.db\n"))
    assert resolve_state_path(Config()) == (state_path_default(), "default")
    assert resolve_state_path(config) == (Path("~/marks.db").expanduser(), "config")
    monkeypatch.setenv("BRIEF_STATE", str(tmp_path / "env.db"))
    assert resolve_state_path(config) == (tmp_path / "env.db", "BRIEF_STATE")
    assert resolve_state_path(config, str(tmp_path / "opt.db")) == (tmp_path / "opt.db", "--state")


# -- save_theme ----------------------------------------------------------------------------------

MINE = """\
# My settings: keep these comments!
theme: nord   # the one I like
reviewer: Ann  # me

keymap:
  # vim-ish
  review.toggle: x
"""


def test_save_theme_rewrites_only_the_theme_line(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", MINE)
    save_theme("brief-light", path)
    assert path.read_text(encoding="utf-8") == MINE.replace(
        "theme: nord   # the one I like", "theme: brief-light   # the one I like"
    )
    config, problems = load_config(path)
    assert problems == []
    assert (config.theme, config.reviewer, config.keymap) == (
        "brief-light",
        "Ann",
        {"review.toggle": "x"},
    )


def test_save_theme_creates_the_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "config.yaml"
    save_theme("gruvbox", path)
    assert path.read_text(encoding="utf-8") == "theme: gruvbox\n"


def test_save_theme_defaults_to_config_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BRIEF_CONFIG", str(tmp_path / "env.yaml"))
    save_theme("nord")
    assert load_config()[0].theme == "nord"


def test_save_theme_adds_a_line_among_the_settings(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "# header\n\nreviewer: Ann\n# theme: old idea\n")
    save_theme("nord", path)
    assert path.read_text(encoding="utf-8") == (
        "# header\n\ntheme: nord\nreviewer: Ann\n# theme: old idea\n"
    )


def test_save_theme_quotes_when_needed(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "theme: nord\n")
    for name in ("yes", "123", "a: b", "x #y"):
        save_theme(name, path)
        assert load_config(path) == (Config(theme=name), [])


def test_save_theme_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"# c\r\ntheme: nord\r\nreviewer: Ann\r\n")
    save_theme("gruvbox", path)
    assert path.read_bytes() == b"# c\r\ntheme: gruvbox\r\nreviewer: Ann\r\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks")
def test_save_theme_writes_through_a_symlink(tmp_path: Path) -> None:
    real = write(tmp_path / "dotfiles.yaml", "theme: nord\n")
    link = tmp_path / "config.yaml"
    link.symlink_to(real)
    save_theme("gruvbox", link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "theme: gruvbox\n"


def test_save_theme_refuses_what_it_cannot_edit_safely(tmp_path: Path) -> None:
    text = "theme:\n  nord\nreviewer: Ann\n"
    path = write(tmp_path / "config.yaml", text)
    with pytest.raises(ValueError, match="edit it by hand"):
        save_theme("gruvbox", path)
    assert path.read_text(encoding="utf-8") == text
    with pytest.raises(ValueError):
        save_theme("bad\x1bname", path)


def test_save_theme_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "config.yaml", MINE)
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        # The new text is complete in the temporary file before it takes the config's place.
        assert Path(src).parent == path.parent
        assert "theme: gruvbox" in Path(src).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == MINE
        replaced.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    save_theme("gruvbox", path)
    assert [dst for _, dst in replaced] == [str(path)]
    assert load_config(path)[0].theme == "gruvbox"

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(OSError, match="disk full"):
        save_theme("nord", path)
    assert path.read_text(encoding="utf-8") == before  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml"]  # no temp file left


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_save_theme_keeps_the_file_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "theme: nord\n")
    path.chmod(0o600)
    save_theme("gruvbox", path)
    assert path.stat().st_mode & 0o777 == 0o600


# -- brief config ----------------------------------------------------------------------------------


def run_config(env: dict[str, str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["config"], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_brief_config_with_no_file(tmp_path: Path) -> None:
    from tui.app.themes import theme_folders

    code, out = run_config({})
    assert code == 0
    rows = out.split("\n\nExample config.yaml:\n\n")[0].splitlines()
    assert rows[0] == f"config file    {config_path()}  (from default; not created yet)"
    bundled, user = theme_folders()
    count = len([p for p in bundled.iterdir() if p.suffix in (".yaml", ".yml")])
    assert count >= 3
    assert rows[1] == f"theme folders  {bundled}  (bundled; {count} theme files)"
    assert rows[2] == f"               {user}  (user; not created yet)"
    assert rows[3] == f"review state   {state_path_default()}  (from default; not created yet)"
    assert rows[4] == "theme          brief-dark  (default)"
    assert "Problems:" not in out
    assert out.endswith(EXAMPLE_CONFIG)


def test_brief_config_reports_problems(tmp_path: Path) -> None:
    path = write(
        tmp_path / "mine.yaml",
        "theme: brief-lihgt\nthem: x\nstate: marks.db\nkeymap:\n  app.help: 1\n  revew.toggle: x\n",
    )
    code, out = run_config({"BRIEF_CONFIG": str(path), "BRIEF_STATE": ""})
    assert code == 1
    assert f"config file    {path}  (from BRIEF_CONFIG; exists)" in out
    assert f"review state   {tmp_path / 'marks.db'}  (from config; not created yet)" in out
    problems = out.split("Problems:\n")[1].split("\n\n")[0].splitlines()
    assert problems == [
        f"{path}:2:1: warning: unknown setting `them` (ignored); did you mean `theme`? "
        "[unknown-field]",
        f"{path}:5:13: error: `app.help` must be text, not a number (setting ignored); "
        'quote it: `"1"` (unquoted, YAML reads 1 as a number) [invalid-field]',
        f"{path}:1:8: warning: no theme is named `brief-lihgt` (the default theme is used "
        "instead); did you mean `brief-light`? [unknown-theme]",
        f"{path}:6:3: warning: no key binding has the id `revew.toggle` (ignored); "
        "did you mean `review.toggle`? [unknown-binding]",
    ]
    assert out.endswith(EXAMPLE_CONFIG)


def test_brief_config_warnings_only_exit_zero(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.yaml", "them: x\n")
    code, out = run_config({"BRIEF_CONFIG": str(path)})
    assert code == 0
    assert "unknown setting `them`" in out


def test_brief_config_reports_bad_user_themes(tmp_path: Path) -> None:
    themes = tmp_path / "xdg" / "xdg_data_home" / "brief" / "themes"
    themes.mkdir(parents=True)
    write(themes / "broken.yaml", "name: broken\nprimary: 12\n")
    code, out = run_config({})
    assert code == 1
    assert f"{themes / 'broken.yaml'}:2:10: error: theme not loaded: `primary` must be text" in out
